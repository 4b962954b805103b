/**
 * Plausibility of numbers (issue 20): one decimal reading (src/core/decimal.ts) for cells,
 * attributes and flags; a bound on the people one unit may hold; no report with a non-finite
 * total.
 */
import { describe, expect, it } from 'vitest';
import { PLAN_RULE } from '../../../src/core/coverage/coverage-rule';
import { coverageSummary } from '../../../src/core/coverage/coverage-summary';
import { PositionUncertainty } from '../../../src/core/coverage/position-uncertainty';
import { parseDecimal } from '../../../src/core/decimal';
import { importBytes } from '../../../src/core/import/import-bytes';
import { MAX_POPULATION_PER_CELL } from '../../../src/core/import/limits';
import { demandFromFeatures } from '../../../src/core/population/demand-from-features';
import { parsePopulation } from '../../../src/core/population/population-attribute';
import {
  buildCoverageReport,
  NonFiniteReport,
  nonFiniteTotal,
  reportToCsv,
  reportToJson,
} from '../../../src/core/report/coverage-report';
import { parseArguments } from '../../../src/cli/parse-arguments';

const utf8 = (text: string) => new TextEncoder().encode(text);

describe('decimal numbers only', () => {
  it('reads plain decimal notation and nothing else', () => {
    expect(['106.5', ' -3 ', '.5', '1e3', '+2.', '0'].map(parseDecimal)).toEqual([
      106.5, -3, 0.5, 1000, 2, 0,
    ]);
    for (const text of [
      '0x6A',
      '0X1D',
      '0b11',
      '0o17',
      'Infinity',
      '-Infinity',
      'NaN',
      '',
      ' ',
      '1e999',
      '1_000',
      '١٢',
    ]) {
      expect(parseDecimal(text), text).toBeNull();
    }
    expect(parsePopulation('0x64')).toBeNull();
    expect(parsePopulation('1e999')).toBeNull();
    expect(parsePopulation('1,234')).toBe(1234);
  });

  it('refuses hex coordinates and populations in a table, naming the file, row and column', async () => {
    const result = await importBytes(
      'hex.csv',
      utf8('lon,lat,population\n0x6A,0x1D,0x64\n106.5,29.5,Infinity\n106.6,29.6,12\n'),
      { role: 'demand' },
    );
    expect(result.features).toHaveLength(1);
    const lines = result.problems.map((p) => `${p.where}: ${p.message}`);
    expect(lines).toContainEqual(
      expect.stringMatching(
        /^hex\.csv row 2: Expected a decimal number in column "lon", found the string "0x6A"/,
      ),
    );
    expect(lines).toContainEqual(
      expect.stringMatching(
        /^hex\.csv row 3: Expected a number in the "population" attribute, found the string "Infinity"/,
      ),
    );
  });

  it('refuses hex and Infinity text on the command line (--k, --target-rate)', () => {
    expect(() => parseArguments(['suggest', '--k', '0x10'])).toThrow(/--k needs a whole number/);
    expect(() => parseArguments(['suggest', '--target-rate', '0x1'])).toThrow(/--target-rate/);
    expect(() => parseArguments(['suggest', '--target-rate', 'Infinity%'])).toThrow(
      /--target-rate/,
    );
    expect(parseArguments(['suggest', '--k', '16']).k).toBe(16);
  });
});

describe('people per unit and totals', () => {
  it(`refuses a table row of more than ${MAX_POPULATION_PER_CELL.toLocaleString('en')} people with its row and column`, async () => {
    const text = 'lon,lat,人口\n106.5,29.5,1e308\n106.6,29.6,1e308\n106.7,29.7,35000000\n';
    const demand = await importBytes('big.csv', utf8(text), { role: 'demand' });
    expect(demand.features).toHaveLength(1);
    const refused = demand.problems.filter((p) => p.code === 'implausible-population');
    expect(refused.map((p) => [p.where, p.severity])).toEqual([
      ['big.csv row 2', 'error'],
      ['big.csv row 3', 'error'],
    ]);
    expect(refused[0]?.message).toContain('at most 35,000,000 people in column "人口"');
    expect(refused[0]?.message_zh).toContain('"人口" 列的人口应不超过 35,000,000');
    // Imported as a map layer, the rows stay with a warning, and are never summed as people.
    const layer = await importBytes('big.csv', utf8(text), {});
    expect(layer.features).toHaveLength(3);
    expect(
      layer.problems.filter((p) => p.code === 'implausible-population').map((p) => p.severity),
    ).toEqual(['warning', 'warning']);
    const table = demandFromFeatures(layer.features);
    expect(table.totalPopulation).toBe(35_000_000);
    expect(table.implausible).toBe(2);
    expect(table.skipped).toBe(2);
  });

  it('never sums a GeoJSON population past the bound: the total stays finite', async () => {
    const feature = (population: unknown) => ({
      type: 'Feature',
      properties: { population },
      geometry: { type: 'Point', coordinates: [106.5, 29.5] },
    });
    const json = JSON.stringify({
      type: 'FeatureCollection',
      features: [feature(1e308), feature(1e308), feature(10)],
    });
    const result = await importBytes('cells.geojson', utf8(json), { role: 'demand' });
    const table = demandFromFeatures(result.features);
    expect(Number.isFinite(table.totalPopulation)).toBe(true);
    expect(table.totalPopulation).toBe(10);
    expect(table.implausible).toBe(2);
  });
});

describe('no report with a null or non-finite total', () => {
  const districts = [
    { adcode: 500103, name_zh: '渝中区', name_en: 'Yuzhong District', regionIndices: [0] },
  ];
  const regions = [{ id: 'region-a', name_zh: '主城都市区', name_en: 'Main Urban Area' }];
  const build = (population: number) => {
    const people = Float64Array.of(0, population);
    const summary = coverageSummary(districts, regions, people, Float64Array.of(0, 0));
    const uncertainty = new PositionUncertainty(
      {
        lon: Float64Array.of(106.5),
        lat: Float64Array.of(29.5),
        population: Float64Array.of(population),
        urban: Uint8Array.of(1),
        district: Uint16Array.of(0),
        districts,
        regions,
      },
      [{ id: 'n1', lon: 107.5, lat: 29.5, uncertaintyM: 0 }],
      PLAN_RULE,
      { draws: 10 },
    ).summary();
    return buildCoverageReport({
      summary,
      uncertainty,
      parameters: {
        urbanRadius: 2000,
        ruralRadius: 5000,
        earthRadiusMeters: 6_371_008.8,
        distance: 'haversine',
        nodeCount: 1,
        unitCount: 1,
      },
      population: {
        source: 'x.csv',
        title: { zh: '导入', en: 'Imported' },
        modelled: false,
        units: 1,
        notice: { zh: '注', en: 'Note' },
      },
      nodes: [],
      baseline: [],
    });
  };

  it('writes a finite report and refuses an infinite one, saying which total', () => {
    const fine = build(100);
    expect(nonFiniteTotal(fine)).toBeNull();
    expect(reportToJson(fine)).toContain('"population": 100');
    const infinite = build(Infinity);
    expect(nonFiniteTotal(infinite)).toEqual({ field: 'totals.city.population', value: Infinity });
    expect(() => reportToJson(infinite)).toThrow(NonFiniteReport);
    expect(() => reportToCsv(infinite)).toThrow(/totals\.city\.population = Infinity/);
  });
});
