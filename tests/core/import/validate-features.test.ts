import { describe, expect, it } from 'vitest';
import type { ImportProblem } from '../../../src/core/import/import-types';
import { MAX_LISTED_PER_CODE } from '../../../src/core/import/problems';
import { validateFeatures, type ValidateResult } from '../../../src/core/import/validate-features';
import { parsePopulation } from '../../../src/core/population/population-attribute';
import { codes, deepFreeze, expectWellFormed, only } from './helpers';

const FILE = 'layer.geojson';

function validate(
  features: unknown[],
  options: Parameters<typeof validateFeatures>[2] = {},
  extras: Parameters<typeof validateFeatures>[4] = {},
): ValidateResult {
  const result = validateFeatures(FILE, deepFreeze(features), options, 'EPSG:4326', extras);
  expectWellFormed(result.problems);
  return result;
}

const feature = (geometry: unknown, properties: unknown = {}, id?: unknown): object =>
  id === undefined
    ? { type: 'Feature', geometry, properties }
    : { type: 'Feature', id, geometry, properties };
const pt = (lon = 106.5, lat = 29.5): object => ({ type: 'Point', coordinates: [lon, lat] });
const square = (x = 106.5, y = 29.5, d = 0.01): number[][] => [
  [x, y],
  [x + d, y],
  [x + d, y + d],
  [x, y + d],
  [x, y],
];

/** The single problem for feature `index`, checking its code, severity and where. */
function problemAt(
  result: ValidateResult,
  index: number,
  code: ImportProblem['code'],
  severity: ImportProblem['severity'],
): ImportProblem {
  const p = only(result.problems, code);
  expect(p.where).toBe(`${FILE} feature ${index}`);
  expect(p.severity).toBe(severity);
  return p;
}

describe('validateFeatures: geometry errors drop the feature and say why', () => {
  it('null-geometry', () => {
    const r = validate([feature(pt()), feature(null)]);
    expect(r.features).toHaveLength(1);
    expect(problemAt(r, 1, 'null-geometry', 'error').message).toContain('found none');
  });

  it('empty-geometry', () => {
    const r = validate([feature({ type: 'LineString', coordinates: [] })]);
    expect(r.features).toEqual([]);
    expect(problemAt(r, 0, 'empty-geometry', 'error').message).toContain('empty array');
    const collection = validate([feature({ type: 'GeometryCollection', geometries: [] })]);
    expect(codes(collection.problems)).toEqual(['empty-geometry']);
  });

  it('invalid-geometry: unknown type, strings as coordinates, not a feature', () => {
    const r = validate([
      feature({ type: 'Circle', coordinates: [106, 29] }),
      feature({ type: 'Point', coordinates: ['106.5', 29.5] }),
      'not a feature',
    ]);
    expect(r.features).toEqual([]);
    const messages = r.problems.map((p) => [p.code, p.where, p.message]);
    expect(messages[0]).toEqual([
      'invalid-geometry',
      `${FILE} feature 0`,
      expect.stringContaining('found the string "Circle"'),
    ]);
    expect(messages[1]?.[2]).toContain('found the string "106.5"');
    expect(messages[2]?.[2]).toContain('Expected a GeoJSON Feature object, found the string');
  });

  it('non-finite-coordinate', () => {
    const r = validate([feature({ type: 'Point', coordinates: [NaN, 29.5] })]);
    expect(problemAt(r, 0, 'non-finite-coordinate', 'error').message).toContain('[NaN, 29.5]');
  });

  it('out-of-range', () => {
    const r = validate([feature(pt(200, 29.5))]);
    expect(problemAt(r, 0, 'out-of-range', 'error').message).toContain('found [200, 29.5]');
  });

  it('too-few-positions for lines and rings', () => {
    const line = validate([feature({ type: 'LineString', coordinates: [[106.5, 29.5]] })]);
    expect(problemAt(line, 0, 'too-few-positions', 'error').message).toContain(
      'at least 2 positions',
    );
    const ring = validate([
      feature({
        type: 'Polygon',
        coordinates: [
          [
            [106.5, 29.5],
            [106.6, 29.5],
            [106.5, 29.5],
          ],
        ],
      }),
    ]);
    expect(problemAt(ring, 0, 'too-few-positions', 'error').message).toContain(
      'at least 4 positions',
    );
  });

  it('unclosed-ring says the first and last positions differ', () => {
    const open = square()
      .slice(0, 4)
      .concat([[106.5, 29.6]]);
    const r = validate([feature({ type: 'MultiPolygon', coordinates: [[square()], [open]] })]);
    const p = problemAt(r, 0, 'unclosed-ring', 'error');
    expect(p.message).toContain('geometry.coordinates[1][0]');
    expect(p.message).toContain('first [106.5, 29.5] and last [106.5, 29.6], which differ');
  });

  it('absurd-size: too many vertices is an error, a huge extent a warning', () => {
    const line = {
      type: 'LineString',
      coordinates: [
        [106, 29],
        [106.1, 29.1],
        [106.2, 29.2],
      ],
    };
    const many = validate([feature(line)], {}, { limits: { maxVerticesPerFeature: 2 } });
    expect(many.features).toEqual([]);
    expect(problemAt(many, 0, 'absurd-size', 'error').message).toContain('at most 2 positions');
    const huge = validate([
      feature({
        type: 'LineString',
        coordinates: [
          [80, 20],
          [120, 40],
        ],
      }),
    ]);
    expect(huge.features).toHaveLength(1);
    expect(problemAt(huge, 0, 'absurd-size', 'warning').message).toMatch(/about [\d,]+ km across/);
  });
});

describe('validateFeatures: warnings keep the feature', () => {
  it('self-intersection (bow tie) is imported with a warning', () => {
    const bow = [
      [106, 29],
      [107, 30],
      [107, 29],
      [106, 30],
      [106, 29],
    ];
    const r = validate([feature({ type: 'Polygon', coordinates: [bow] })]);
    expect(r.features).toHaveLength(1);
    expect(problemAt(r, 0, 'self-intersection', 'warning').message).toContain('near [106.5, 29.5]');
    expect(validate([feature({ type: 'Polygon', coordinates: [square()] })]).problems).toEqual([]);
  });

  it('duplicate-id from feature.id or properties.id keeps both', () => {
    const r = validate([
      feature(pt(), {}, 'a'),
      feature(pt(), { id: 7 }),
      feature(pt(), {}, 'a'),
      feature(pt(), { id: 7 }),
    ]);
    expect(r.features).toHaveLength(4);
    const dup = r.problems.filter((p) => p.code === 'duplicate-id');
    expect(dup.map((p) => p.where)).toEqual([`${FILE} feature 2`, `${FILE} feature 3`]);
    expect(dup[0]?.message).toContain(`already used by ${FILE} feature 0`);
  });

  it('mixed-geometry-types counts each type; Polygon with MultiPolygon is not mixed', () => {
    const r = validate([
      feature(pt()),
      feature(pt()),
      feature({ type: 'Polygon', coordinates: [square()] }),
    ]);
    const p = only(r.problems, 'mixed-geometry-types');
    expect(p.where).toBe(FILE);
    expect(p.message).toContain('2 Point, 1 Polygon');
    const same = validate([
      feature({ type: 'Polygon', coordinates: [square()] }),
      feature({ type: 'MultiPolygon', coordinates: [[square()]] }),
    ]);
    expect(same.problems).toEqual([]);
  });

  it('long strings are cut, extra properties dropped, prototype keys removed', () => {
    const long = 'x'.repeat(50);
    const props = JSON.parse(
      '{"__proto__":{"polluted":1},"a":"' + long + '","b":1,"c":2}',
    ) as object;
    const r = validate(
      [feature(pt(), props)],
      {},
      { limits: { maxStringLength: 10, maxPropertiesPerFeature: 2 } },
    );
    expect(r.features[0]?.properties).toEqual({ a: 'x'.repeat(10), b: 1 });
    expect(codes(r.problems)).toEqual(['prototype-key', 'absurd-size', 'absurd-size']);
    expect(r.problems[0]?.message).toContain('"__proto__"');
    expect(r.problems[1]?.message).toContain('found 3; the last 1 were dropped');
    expect(r.problems[2]?.message).toContain('cut to that length');
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });

  it('population: numbers from text; errors only for demand layers', () => {
    const features = [
      feature(pt(), { population: ' 1,234 ' }),
      feature(pt(), { Population: 'many' }),
      feature(pt(), { 人口: -3 }),
      feature(pt(), { name: 'no population' }),
    ];
    const normal = validate(features);
    expect(normal.features.map((f) => Object.values(f.properties)[0])).toEqual([
      1234,
      'many',
      -3,
      'no population',
    ]);
    expect(problemAt(normal, 1, 'non-numeric-population', 'warning').message).toContain(
      'the string "many"',
    );
    expect(problemAt(normal, 2, 'negative-population', 'warning').message).toContain('found -3');
    const demand = validate(features, { role: 'demand' });
    expect(demand.features).toHaveLength(1);
    expect(demand.problems.map((p) => [p.code, p.severity, p.where])).toEqual([
      ['non-numeric-population', 'error', `${FILE} feature 1`],
      ['negative-population', 'error', `${FILE} feature 2`],
      ['non-numeric-population', 'error', `${FILE} feature 3`],
    ]);
    expect(parsePopulation('1e3')).toBe(1000);
    expect(parsePopulation('12,34')).toBeNull();
  });

  it('population: 常住人口 and pop are population attributes too, as for the demand reader', () => {
    const features = [
      feature(pt(), { 常住人口: '3,500' }),
      feature(pt(), { POP: 'lots' }),
      feature(pt(), { name: 'none' }),
    ];
    const normal = validate(features);
    expect(normal.features.map((f) => Object.values(f.properties)[0])).toEqual([
      3500,
      'lots',
      'none',
    ]);
    expect(problemAt(normal, 1, 'non-numeric-population', 'warning').message).toContain('"POP"');
    const demand = validate(features, { role: 'demand' });
    expect(demand.features).toHaveLength(1);
    const missing = demand.problems.find((p) => p.where === `${FILE} feature 2`);
    expect(missing?.message).toContain('"population", "人口", "常住人口" or "pop"');
    // The Chinese sentence describes the value in Chinese.
    const notNumber = demand.problems.find((p) => p.where === `${FILE} feature 1`);
    expect(notNumber?.message_zh).toContain('实际为 字符串 "lots"');
    expect(notNumber?.message_zh).not.toContain('the string');
  });
});

describe('validateFeatures: the file as a whole', () => {
  it('too-many-features refuses the file', () => {
    const r = validate(
      [feature(pt()), feature(pt()), feature(pt())],
      {},
      { limits: { maxFeatures: 2 } },
    );
    expect(r.refused).toBe(true);
    expect(r.features).toEqual([]);
    expect(only(r.problems, 'too-many-features').message).toContain('at most 2 features');
  });

  it('swapped-lat-lon, projected-as-degrees and far-from-chongqing are file warnings', () => {
    expect(only(validate([feature(pt(29.5, 106.5))]).problems, 'swapped-lat-lon').where).toBe(FILE);
    const metres = validate([feature(pt(36_500_000, 3_270_000))]);
    expect(only(metres.problems, 'projected-as-degrees').message).toMatch(
      /look like metres in .*EPSG:4524.*; choose it and import again/,
    );
    expect(only(metres.problems, 'out-of-range').where).toBe(`${FILE} feature 0`);
    expect(only(validate([feature(pt(121.47, 31.23))]).problems, 'far-from-chongqing').where).toBe(
      FILE,
    );
  });

  it('converts from the given CRS and never mutates its input', () => {
    const input = deepFreeze([
      feature({ type: 'Point', coordinates: [500000, 3270000] }, { name: 'a' }),
    ]);
    const copy = JSON.stringify(input);
    const r = validateFeatures(FILE, input, {}, 'EPSG:4545');
    expect(JSON.stringify(input)).toBe(copy);
    const [lon, lat] = (r.features[0]?.geometry as { coordinates: number[] }).coordinates;
    expect(lon).toBeCloseTo(108, 9);
    expect(lat).toBeGreaterThan(29.5);
    expect(r.features[0]?.properties).not.toBe((input[0] as { properties: object }).properties);
  });

  it('lists the first problems of a kind one by one and sums up the rest', () => {
    const many = Array.from({ length: MAX_LISTED_PER_CODE + 25 }, () => feature(null));
    const r = validate(many);
    const listed = r.problems.filter((p) => p.code === 'null-geometry');
    expect(listed).toHaveLength(MAX_LISTED_PER_CODE + 1);
    expect(listed.at(-1)?.where).toBe(FILE);
    expect(listed.at(-1)?.message).toContain('25 more rows or features');
  });
});

describe('validateFeatures: progress while checking', () => {
  const polygon = (i: number) => ({
    type: 'Feature',
    properties: { i },
    geometry: {
      type: 'Polygon',
      coordinates: [
        [
          [106 + i * 0.01, 29],
          [106.005 + i * 0.01, 29],
          [106.005 + i * 0.01, 29.005],
          [106 + i * 0.01, 29],
        ],
      ],
    },
  });

  it('reports progress by the clock, so a file of a few heavy features moves its bar too', () => {
    // A clock that says each step took 60 ms: a report every second feature.
    let clock = 0;
    const fractions: number[] = [];
    validateFeatures('few.geojson', [0, 1, 2, 3, 4].map(polygon), {}, 'EPSG:4326', {
      now: () => (clock += 60),
      onProgress: (fraction) => fractions.push(fraction),
    });
    expect(fractions.length).toBeGreaterThanOrEqual(2);
    expect(fractions.every((f) => f > 0 && f < 1)).toBe(true);
    expect([...fractions].sort((a, b) => a - b)).toEqual(fractions);
  });

  it('stays quiet when the check is quick', () => {
    const fractions: number[] = [];
    validateFeatures('few.geojson', [0, 1, 2].map(polygon), {}, 'EPSG:4326', {
      now: () => 0,
      onProgress: (fraction) => fractions.push(fraction),
    });
    expect(fractions).toEqual([]);
  });
});
