// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { decodePopulationGrid } from '../../../src/core/population/decode-population-grid.ts';
import {
  encodePopulationGrid,
  type PopulationGridCells,
  type PopulationGridDescription,
} from '../../../src/core/population/encode-population-grid.ts';
import { NO_DISTRICT } from '../../../src/core/population/demand.ts';
import { populationCellBounds } from '../../../src/core/population/population-grid.ts';

const description: PopulationGridDescription = {
  modelled: true,
  title: { zh: '测试网格', en: 'Test grid' },
  notice: { zh: '测试', en: 'Test' },
  origin: { lon: 106, lat: 29 },
  baseCellsPerDegree: { lon: 100, lat: 120 },
  columns: 4,
  rows: 3,
  regions: [{ id: 'region-a', name_zh: '甲区域', name_en: 'Region A' }],
  districts: [
    { adcode: 500001, name_zh: '甲区', name_en: 'A', regionIndices: [0], censusUrbanShare: 0.5 },
    { adcode: 500002, name_zh: '乙县', name_en: 'B', regionIndices: [], censusUrbanShare: 0 },
  ],
  provenance: { builtBy: 'test' },
};

/** Base cell (0,0) whole; base cell (2,0) split 2 ways with 3 of 4 sub-cells; base (1,2) split 4 ways, 2 sub-cells. */
const cells: PopulationGridCells = {
  column: Uint32Array.from([0, 2, 2, 2, 1, 1]),
  row: Uint32Array.from([0, 0, 0, 0, 2, 2]),
  split: Uint8Array.from([1, 2, 2, 2, 4, 4]),
  subColumn: Uint8Array.from([0, 0, 1, 1, 3, 0]),
  subRow: Uint8Array.from([0, 0, 0, 1, 0, 3]),
  district: Uint16Array.from([0, 0, 1, 1, 0, 0]),
  urban: Uint8Array.from([1, 1, 0, 0, 0, 1]),
  population: Uint32Array.from([100, 5_000_000, 0, 7, 300, 2 ** 32 - 1_000_000_000]),
};

function corrupt(bytes: Uint8Array, at: number, value: number): Uint8Array {
  const copy = bytes.slice();
  copy[at] = value;
  return copy;
}

describe('the population grid format', () => {
  const bytes = encodePopulationGrid(description, cells);

  it('round-trips every cell: centre, split, district, class and population', () => {
    const decoded = decodePopulationGrid(bytes);
    if (!decoded.ok) throw new Error(JSON.stringify(decoded.problems));
    const { demand, split, header } = decoded.grid;
    expect(Array.from(demand.population)).toEqual(Array.from(cells.population));
    expect(Array.from(demand.urban)).toEqual(Array.from(cells.urban));
    expect(Array.from(demand.district)).toEqual(Array.from(cells.district));
    expect(Array.from(split)).toEqual(Array.from(cells.split));
    expect(demand.lon[0]).toBeCloseTo(106.005, 12);
    expect(demand.lat[0]).toBeCloseTo(29 + 0.5 / 120, 12);
    // Base cell (2,0) split in two: sub-cell (1,1) has its centre at 3/4 of the base cell.
    expect(demand.lon[3]).toBeCloseTo(106 + 2.75 / 100, 12);
    expect(demand.lat[3]).toBeCloseTo(29 + 0.75 / 120, 12);
    expect(header.cellCount).toBe(6);
    expect(header.population).toBe(cells.population.reduce((s, p) => s + p, 0));
    expect(header.districts.map((d) => d.cellCount)).toEqual([4, 2]);
    expect(header.districts[1]?.urbanPopulation).toBe(0);
    expect(header.modelled).toBe(true);
  });

  it('puts every centre inside the bounds it reports', () => {
    const decoded = decodePopulationGrid(bytes);
    if (!decoded.ok) throw new Error('decode failed');
    const { grid } = decoded;
    for (let i = 0; i < grid.header.cellCount; i++) {
      const [west, south, east, north] = populationCellBounds(grid, i);
      expect((west + east) / 2).toBeCloseTo(grid.demand.lon[i] ?? 0, 12);
      expect((south + north) / 2).toBeCloseTo(grid.demand.lat[i] ?? 0, 12);
      expect(east - west).toBeCloseTo(1 / (100 * (grid.split[i] ?? 1)), 12);
    }
    const [west, south, east, north] = grid.header.bbox;
    expect([west, south, east, north]).toEqual([106, 29, 106.03, 29.025]);
  });

  it('is deterministic: the same cells give the same bytes', () => {
    expect(encodePopulationGrid(description, cells)).toEqual(bytes);
  });

  it('decodes from an ArrayBuffer as fetched in the browser, without touching the input', () => {
    const buffer = bytes.slice().buffer;
    const before = new Uint8Array(buffer).slice();
    expect(decodePopulationGrid(buffer).ok).toBe(true);
    expect(new Uint8Array(buffer)).toEqual(before);
  });

  it('reports a file that is not a population grid', () => {
    const result = decodePopulationGrid(
      new TextEncoder().encode('{"type":"FeatureCollection"}'),
      'x.bin',
    );
    expect(result).toEqual({
      ok: false,
      problems: [
        { where: 'x.bin', message: expect.stringContaining('Not a population grid') as string },
      ],
    });
  });

  it('reports a truncated file, a flipped payload byte and a header that lies', () => {
    const truncated = decodePopulationGrid(bytes.subarray(0, bytes.length - 3), 'g.bin');
    expect(truncated.ok).toBe(false);
    if (!truncated.ok) expect(truncated.problems[0]?.message).toMatch(/truncated/);

    const flipped = decodePopulationGrid(
      corrupt(bytes, bytes.length - 2, (bytes[bytes.length - 2] ?? 0) ^ 1),
    );
    expect(flipped.ok).toBe(false);
    if (!flipped.ok) expect(flipped.problems[0]?.message).toMatch(/CRC-32/);

    const headerLength = new DataView(bytes.buffer).getUint32(8, true);
    const header = JSON.parse(
      new TextDecoder().decode(bytes.subarray(12, 12 + headerLength)),
    ) as Record<string, unknown>;
    const lying = new TextEncoder().encode(
      JSON.stringify({ ...header, population: 5, rows: 'three' }),
    );
    const forged = new Uint8Array(12 + lying.length + (bytes.length - 12 - headerLength));
    forged.set(bytes.subarray(0, 8));
    new DataView(forged.buffer).setUint32(8, lying.length, true);
    forged.set(lying, 12);
    forged.set(bytes.subarray(12 + headerLength), 12 + lying.length);
    const result = decodePopulationGrid(forged, 'g.bin');
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.problems).toContainEqual({
        where: 'g.bin header rows',
        message: 'Expected an integer ≥ 1, found the string "three".',
      });
    }
  });

  it('reports cells that do not add up to the header totals', () => {
    const headerLength = new DataView(bytes.buffer).getUint32(8, true);
    const header = JSON.parse(
      new TextDecoder().decode(bytes.subarray(12, 12 + headerLength)),
    ) as Record<string, unknown>;
    const lying = new TextEncoder().encode(JSON.stringify({ ...header, population: 5 }));
    const forged = new Uint8Array(12 + lying.length + (bytes.length - 12 - headerLength));
    forged.set(bytes.subarray(0, 8));
    new DataView(forged.buffer).setUint32(8, lying.length, true);
    forged.set(lying, 12);
    forged.set(bytes.subarray(12 + headerLength), 12 + lying.length);
    const result = decodePopulationGrid(forged);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problems[0]?.message).toMatch(/do not add up/);
  });

  it('refuses to encode cells out of canonical order', () => {
    const swapped = { ...cells, column: Uint32Array.from([2, 0, 2, 2, 1, 1]) };
    expect(() => encodePopulationGrid(description, swapped)).toThrow(/order/);
  });

  it('uses 0xffff for units outside every district, never as a grid district', () => {
    expect(NO_DISTRICT).toBe(65535);
  });
});
