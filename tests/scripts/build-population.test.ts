// @vitest-environment node
import { cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import {
  buildPopulationGrid,
  GEODATA_DIR,
  loadPopulationInputs,
  POPULATION_GRID_FILE,
  runPopulationBuild,
} from '../../scripts/build-population.ts';
import {
  parsePopulationInputs,
  POPULATION_RAW_FILES,
  type PopulationInputs,
  type PopulationRawKey,
} from '../../scripts/build-population/population-inputs.ts';
import { apportion } from '../../scripts/build-population/population-model.ts';
import { decodePopulationGrid } from '../../src/core/population/decode-population-grid.ts';

let inputs: PopulationInputs;
let shipped: Uint8Array;

beforeAll(() => {
  inputs = loadPopulationInputs();
  shipped = readFileSync(join(GEODATA_DIR, POPULATION_GRID_FILE));
});

function rawTexts(): Record<PopulationRawKey, string> {
  const texts = {} as Record<PopulationRawKey, string>;
  for (const [key, rel] of Object.entries(POPULATION_RAW_FILES) as [PopulationRawKey, string][]) {
    texts[key] = readFileSync(join(GEODATA_DIR, rel), 'utf8');
  }
  return texts;
}

describe('the population build', () => {
  it('reproduces the committed grid byte for byte from geodata/raw/', () => {
    const { bytes } = buildPopulationGrid(inputs);
    expect(bytes.length).toBe(shipped.length);
    expect(Buffer.compare(Buffer.from(bytes), Buffer.from(shipped))).toBe(0);
  });

  it('fails the check when the committed grid is missing or stale, and passes when it matches', () => {
    const scratch = mkdtempSync(join(tmpdir(), 'cq-population-'));
    cpSync(join(GEODATA_DIR, 'raw'), join(scratch, 'raw'), { recursive: true });
    const log = vi.spyOn(console, 'log').mockImplementation(() => undefined);
    const error = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      expect(runPopulationBuild(['--check'], scratch)).toBe(1);
      const path = join(scratch, POPULATION_GRID_FILE);
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, shipped);
      expect(runPopulationBuild(['--check'], scratch)).toBe(0);
      const stale = shipped.slice();
      stale[stale.length - 1] = (stale[stale.length - 1] ?? 0) ^ 1;
      writeFileSync(path, stale);
      expect(runPopulationBuild(['--check'], scratch)).toBe(1);
      expect(error).toHaveBeenCalledWith(expect.stringContaining('population-grid.bin differs'));
    } finally {
      log.mockRestore();
      error.mockRestore();
    }
  });

  it('rejects an unknown township point policy', () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    expect(runPopulationBuild(['--points', 'amap-only'])).toBe(2);
    error.mockRestore();
  });

  it('builds a GeoNames-only variant (no AMap-derived point) that keeps every invariant', () => {
    const { model, bytes } = buildPopulationGrid(inputs, 'geonames-only');
    expect(model.diagnostics.seatsFromAmap).toBe(0);
    expect(model.diagnostics.seatsFromVillageMean).toBe(0);
    // GeoNames has no seat at all in these central districts, which is why it is not shipped.
    expect(model.diagnostics.districtsWithoutSeat).toEqual(
      expect.arrayContaining(['渝中区', '沙坪坝区', '南岸区']),
    );
    const decoded = decodePopulationGrid(bytes);
    if (!decoded.ok) throw new Error('variant does not decode');
    const census = new Map(inputs.districts.map((d) => [d.adcode, d]));
    for (const d of decoded.grid.header.districts) {
      expect(d.population).toBe(census.get(d.adcode)?.population);
    }
  });

  it('names the file, row and column of a malformed census figure', () => {
    const texts = rawTexts();
    texts.census = texts.census.replace(
      '500103,渝中区,区,主城都市区,中心城区,,588717,',
      '500103,渝中区,区,主城都市区,中心城区,,lots,',
    );
    expect(() => parsePopulationInputs(texts)).toThrow(
      'geodata/raw/geodata-sources/cq_districts_census2020_ghsl.csv: row 4 column pop2020_census: expected a number, found "lots".',
    );
  });
});

describe('apportion', () => {
  it('splits a total into integers that add up exactly, largest remainders first', () => {
    expect(apportion(10, [1, 1, 1])).toEqual([4, 3, 3]);
    expect(apportion(7, [0.5, 0.25, 0.25])).toEqual([3, 2, 2]);
    expect(apportion(5, [0, 0])).toEqual([3, 2]);
    expect(apportion(0, [])).toEqual([]);
    expect(() => apportion(3, [])).toThrow(/no cells/);
  });

  it('keeps the total for awkward weights', () => {
    const weights = Array.from({ length: 997 }, (_, i) => ((i * 7919) % 101) / 3 + 1e-9);
    const shares = apportion(1_234_567, weights);
    expect(shares.reduce((s, v) => s + v, 0)).toBe(1_234_567);
    expect(shares.every((v) => Number.isInteger(v) && v >= 0)).toBe(true);
  });
});
