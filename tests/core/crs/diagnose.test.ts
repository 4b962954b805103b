import type { Position } from 'geojson';
import { describe, expect, it } from 'vitest';
import {
  chongqingGrid,
  diagnosePositions,
  DIAGNOSIS_SAMPLE_SIZE,
  fromWgs84,
  guessProjectedCrs,
  samplePositions,
  type CoordinateDiagnosis,
  type CrsId,
} from '../../../src/core/crs';

const GRID = chongqingGrid(12, 10);
const codes = (list: readonly CoordinateDiagnosis[]): string[] => list.map((d) => d.code);
const inCrs = (crs: CrsId, points: readonly Position[] = GRID): Position[] =>
  points.map(fromWgs84(crs));
const only = (list: readonly CoordinateDiagnosis[]): CoordinateDiagnosis => {
  expect(list).toHaveLength(1);
  const [first] = list;
  if (first === undefined) throw new Error('no diagnosis');
  return first;
};

describe('diagnosePositions', () => {
  it('finds nothing wrong with Chongqing data in each coordinate system it was written in', () => {
    for (const crs of [
      'EPSG:4326',
      'GCJ-02',
      'BD-09',
      'EPSG:3857',
      'EPSG:4524',
      'EPSG:4508',
    ] as const) {
      expect(diagnosePositions(inCrs(crs), crs), crs).toEqual([]);
    }
  });

  it('detects swapped latitude/longitude and says swapping fixes it', () => {
    const swapped = GRID.map(([lon = 0, lat = 0]) => [lat, lon]);
    const diagnosis = only(diagnosePositions(swapped, 'EPSG:4326'));
    expect(diagnosis).toMatchObject({ code: 'swapped-lat-lon', swap: true, share: 1 });
    expect(diagnosis.message).toMatch(/^Expected longitude first.*swapped\.$/u);
    expect(diagnosis.message_zh).toMatch(/经纬度似乎颠倒了/u);
  });

  it('detects swapped GCJ-02 coordinates too', () => {
    const swapped = inCrs('GCJ-02').map(([lon = 0, lat = 0]) => [lat, lon]);
    expect(only(diagnosePositions(swapped, 'GCJ-02')).code).toBe('swapped-lat-lon');
  });

  it.each<CrsId>(['EPSG:4545', 'EPSG:4523', 'EPSG:4497', 'EPSG:3857'])(
    'recognises %s metres declared as degrees and suggests that system',
    (crs) => {
      const diagnosis = only(diagnosePositions(inCrs(crs), 'EPSG:4326'));
      expect(diagnosis).toMatchObject({
        code: 'projected-as-degrees',
        suggestedCrs: crs,
        share: 1,
      });
      expect(diagnosis.message).toContain(crs);
      expect(diagnosis.message).toMatch(/look like projected metres/u);
    },
  );

  it('warns where data far from Chongqing actually is', () => {
    const beijing: Position[] = [
      [116.3, 39.8],
      [116.4, 39.9],
      [116.5, 40.0],
    ];
    const diagnosis = only(diagnosePositions(beijing, 'EPSG:4490'));
    expect(diagnosis.code).toBe('far-from-chongqing');
    expect(diagnosis.share).toBe(1);
    expect(diagnosis.message).toContain('longitude 116.40, latitude 39.90');
    expect(diagnosis.message).toMatch(/another coordinate system/u);
    expect(diagnosis.message_zh).toContain('经度 116.40、纬度 39.90');
  });

  it('reports the share of far positions when most are fine', () => {
    const points = [...GRID.slice(0, 90), ...Array.from({ length: 10 }, () => [121.47, 31.23])];
    const diagnosis = only(diagnosePositions(points, 'EPSG:4326'));
    expect(diagnosis.code).toBe('far-from-chongqing');
    expect(diagnosis.share).toBeCloseTo(0.1, 10);
    expect(diagnosis.message).toContain('10%');
  });

  it('reports small degree values beyond ±180/±90 as out of range', () => {
    const diagnosis = only(diagnosePositions([[185.2, 29.5], ...GRID.slice(0, 3)], 'EPSG:4326'));
    expect(diagnosis).toMatchObject({ code: 'out-of-range', share: 0.25 });
    expect(diagnosis.message).toContain('x 185.200, y 29.500');
  });

  it('suggests the prefixed zone when prefixed x is declared without prefix', () => {
    const diagnosis = only(diagnosePositions(inCrs('EPSG:4523'), 'EPSG:4544'));
    expect(diagnosis.suggestedCrs).toBe('EPSG:4523');
    expect(diagnosis.share).toBe(1);
  });

  it('suggests WGS 84 when degrees are declared as Gauss-Krüger metres', () => {
    const diagnosis = only(diagnosePositions(GRID, 'EPSG:4545'));
    expect(diagnosis).toMatchObject({ code: 'far-from-chongqing', suggestedCrs: 'EPSG:4326' });
  });

  it('ignores non-finite positions and returns nothing for empty input', () => {
    expect(diagnosePositions([], 'EPSG:4326')).toEqual([]);
    expect(diagnosePositions([[Number.NaN, 29], [106]], 'EPSG:4326')).toEqual([]);
  });

  it('samples large inputs deterministically and does not change them', () => {
    const big: Position[] = Array.from({ length: 100_000 }, (_, i) =>
      i % 4 === 0 ? [116.4, 39.9] : [29.5, 106.5],
    );
    Object.freeze(big);
    big.forEach((p) => Object.freeze(p));
    expect(samplePositions(big)).toHaveLength(DIAGNOSIS_SAMPLE_SIZE);
    const first = diagnosePositions(big, 'EPSG:4326');
    expect(diagnosePositions(big, 'EPSG:4326')).toEqual(first);
    expect(codes(first)).toEqual(['swapped-lat-lon', 'far-from-chongqing']);
    expect(first[0]?.share).toBeCloseTo(0.75, 2);
    expect(first[1]?.share).toBeCloseTo(0.25, 2);
  });
});

describe('guessProjectedCrs', () => {
  it.each<CrsId>(['EPSG:3857', 'EPSG:4523', 'EPSG:4524', 'EPSG:4525', 'EPSG:4496', 'EPSG:4497'])(
    'recognises %s from its numbers',
    (crs) => {
      expect(guessProjectedCrs(inCrs(crs))).toBe(crs);
    },
  );

  it('picks the unprefixed zone that puts the data in Chongqing, 3° over 6° on a tie', () => {
    expect(guessProjectedCrs(inCrs('EPSG:4545'))).toBe('EPSG:4545');
    const western = chongqingGrid(5, 5).map(([lon = 0, lat = 0]) => [
      105.3 + (lon - 105.28) * 0.53,
      lat,
    ]);
    // Longitudes 105.3–107.9°E fit in Chongqing only around CM 105°E (around 108°E they would
    // reach 110.9°E); 4544 and 4507 give the same numbers, and the 3° zone wins.
    expect(guessProjectedCrs(inCrs('EPSG:4507', western))).toBe('EPSG:4544');
    const eastern = chongqingGrid(5, 5).map(([lon = 0, lat = 0]) => [
      108.1 + (lon - 105.28) * 0.4167,
      lat,
    ]);
    // 108.1–110.15°E: read around CM 108°E the western edge would fall at 105.1°E, outside.
    expect(guessProjectedCrs(inCrs('EPSG:4546', eastern))).toBe('EPSG:4546');
  });

  it('guesses nothing for numbers that fit no system', () => {
    expect(guessProjectedCrs([])).toBeNull();
    expect(guessProjectedCrs([[106.5, 29.5]])).toBeNull();
    expect(guessProjectedCrs([[5e5, 5.5e6]])).toBeNull(); // too far north
    expect(guessProjectedCrs([[40.5e6, 3.3e6]])).toBeNull(); // zone 40
  });
});
