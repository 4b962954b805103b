import fc from 'fast-check';
import type { Geometry, Position } from 'geojson';
import { describe, expect, it } from 'vitest';
import { gcj02ToWgs84, wgs84ToGcj02 } from '../../../src/core/base-map/gcj02';
import {
  ALL_CRS_IDS,
  bd09ToGcj02,
  chongqingBounds,
  chongqingGrid,
  convertGeometry,
  fromWgs84,
  gcj02ToBd09,
  groundDistanceM,
  measureRoundTrip,
  toWgs84,
  type CrsId,
} from '../../../src/core/crs';

/** 解放碑 (Jiefangbei), central Chongqing, WGS 84. */
const JIEFANGBEI: Position = [106.5775, 29.5594];

/**
 * Independent transverse Mercator (Krüger's series to n⁴, Karney 2011 eq. 35) on GRS80, written
 * here from the published formulas so that proj4 is checked against something it did not compute.
 */
function kruger(lon: number, lat: number, centralMeridian: number, falseEasting: number): Position {
  const a = 6_378_137;
  const f = 1 / 298.257_222_101;
  const n = f / (2 - f);
  const A = (a / (1 + n)) * (1 + n ** 2 / 4 + n ** 4 / 64);
  const alpha = [
    n / 2 - (2 * n ** 2) / 3 + (5 * n ** 3) / 16 + (41 * n ** 4) / 180,
    (13 * n ** 2) / 48 - (3 * n ** 3) / 5 + (557 * n ** 4) / 1440,
    (61 * n ** 3) / 240 - (103 * n ** 4) / 140,
    (49_561 * n ** 4) / 161_280,
  ];
  const phi = (lat * Math.PI) / 180;
  const dLambda = ((lon - centralMeridian) * Math.PI) / 180;
  const e = (2 * Math.sqrt(n)) / (1 + n);
  const t = Math.sinh(Math.atanh(Math.sin(phi)) - e * Math.atanh(e * Math.sin(phi)));
  const xiPrime = Math.atan2(t, Math.cos(dLambda));
  const etaPrime = Math.atanh(Math.sin(dLambda) / Math.sqrt(1 + t * t));
  let xi = xiPrime;
  let eta = etaPrime;
  alpha.forEach((coefficient, index) => {
    const j = 2 * (index + 1);
    xi += coefficient * Math.sin(j * xiPrime) * Math.cosh(j * etaPrime);
    eta += coefficient * Math.cos(j * xiPrime) * Math.sinh(j * etaPrime);
  });
  return [falseEasting + A * eta, A * xi];
}

describe('round trip WGS 84 → CRS → WGS 84 over Chongqing', () => {
  const grid = chongqingGrid(20, 15);

  it('uses a grid of at least 200 points spanning the Chongqing box', () => {
    expect(grid.length).toBeGreaterThanOrEqual(200);
    expect(grid).toContainEqual([chongqingBounds.west, chongqingBounds.south]);
    expect(grid).toContainEqual([chongqingBounds.east, chongqingBounds.north]);
  });

  it('closes within 1 mm for projected systems and 1 cm for GCJ-02 / BD-09', () => {
    const measures = ALL_CRS_IDS.map((crs) => measureRoundTrip(crs, grid));
    console.info(
      `max round-trip error over ${String(grid.length)} points: ${measures
        .map((m) => `${m.crs} ${m.maxErrorM.toExponential(2)} m`)
        .join('; ')}`,
    );
    for (const measure of measures) {
      expect(measure.count).toBe(grid.length);
      const limit =
        measure.crs === 'GCJ-02' || measure.crs === 'BD-09'
          ? 0.01
          : measure.crs === 'EPSG:4326' || measure.crs === 'EPSG:4490'
            ? 0
            : 0.001;
      expect(measure.maxErrorM, measure.crs).toBeLessThanOrEqual(limit);
    }
  });

  it('actually moves the points for every system except the two geographic ones', () => {
    for (const crs of ALL_CRS_IDS) {
      const moved = groundDistanceM(JIEFANGBEI, fromWgs84(crs)(JIEFANGBEI));
      if (crs === 'EPSG:4326' || crs === 'EPSG:4490') expect(moved).toBe(0);
      else expect(moved, crs).toBeGreaterThan(100);
    }
  });

  it('measureRoundTrip reports the worst point and notices a broken conversion', () => {
    const empty = measureRoundTrip('EPSG:4545', []);
    expect(empty).toMatchObject({ count: 0, maxErrorM: 0, worst: null });
    // Outside the Web Mercator latitude range the round trip cannot close.
    const broken = measureRoundTrip('EPSG:3857', [JIEFANGBEI, [106, 90]]);
    expect(broken.maxErrorM).toBeGreaterThan(1000);
    expect(broken.worst).toEqual([106, 90]);
  });
});

describe('reference values', () => {
  it('EPSG:4545 at 解放碑 agrees with an independent Krüger series to 1 mm', () => {
    const [x = 0, y = 0] = fromWgs84('EPSG:4545')(JIEFANGBEI);
    const [refX = 0, refY = 0] = kruger(106.5775, 29.5594, 108, 500_000);
    expect(Math.abs(x - refX)).toBeLessThan(0.001);
    expect(Math.abs(y - refY)).toBeLessThan(0.001);
    // About 139 km west of the 108°E meridian and 3272 km north of the equator.
    expect(x).toBeCloseTo(362_138.7, 0);
    expect(y).toBeCloseTo(3_272_117.8, 0);
  });

  it.each<[CrsId, number, number]>([
    ['EPSG:4544', 105, 500_000],
    ['EPSG:4546', 111, 500_000],
    ['EPSG:4523', 105, 35_500_000],
    ['EPSG:4524', 108, 36_500_000],
    ['EPSG:4525', 111, 37_500_000],
    ['EPSG:4496', 105, 18_500_000],
    ['EPSG:4497', 111, 19_500_000],
    ['EPSG:4507', 105, 500_000],
    ['EPSG:4508', 111, 500_000],
  ])(
    '%s agrees with the Krüger series (CM %d°E, false easting %d) over the grid',
    (crs, cm, fe) => {
      const convert = fromWgs84(crs);
      let worst = 0;
      for (const point of chongqingGrid(8, 6)) {
        const [lon = 0, lat = 0] = point;
        const [x = 0, y = 0] = convert(point);
        const [refX = 0, refY = 0] = kruger(lon, lat, cm, fe);
        worst = Math.max(worst, Math.abs(x - refX), Math.abs(y - refY));
      }
      expect(worst).toBeLessThan(0.001);
    },
  );

  it('the zone prefix adds exactly zone × 1 000 000 to x and nothing to y', () => {
    const pairs: [CrsId, CrsId, number][] = [
      ['EPSG:4523', 'EPSG:4544', 35e6],
      ['EPSG:4524', 'EPSG:4545', 36e6],
      ['EPSG:4525', 'EPSG:4546', 37e6],
      ['EPSG:4496', 'EPSG:4507', 18e6],
      ['EPSG:4497', 'EPSG:4508', 19e6],
    ];
    for (const [prefixed, plain, offset] of pairs) {
      const [px = 0, py = 0] = fromWgs84(prefixed)(JIEFANGBEI);
      const [x = 0, y = 0] = fromWgs84(plain)(JIEFANGBEI);
      expect(px - x).toBeCloseTo(offset, 5);
      expect(py).toBeCloseTo(y, 6);
    }
  });

  it('EPSG:3857 matches the closed-form spherical Mercator', () => {
    const R = 6_378_137;
    const [x = 0, y = 0] = fromWgs84('EPSG:3857')(JIEFANGBEI);
    const phi = (29.5594 * Math.PI) / 180;
    expect(x).toBeCloseTo((R * 106.5775 * Math.PI) / 180, 4);
    expect(y).toBeCloseTo(R * Math.log(Math.tan(Math.PI / 4 + phi / 2)), 4);
  });

  it('GCJ-02 and BD-09 match the widely published example (116.404, 39.915)', () => {
    const [gLon = 0, gLat = 0] = wgs84ToGcj02([116.404, 39.915]);
    expect(gLon).toBeCloseTo(116.410_244_499_169_38, 10);
    expect(gLat).toBeCloseTo(39.916_404_281_501_64, 10);
    const [bLon = 0, bLat = 0] = gcj02ToBd09([116.404, 39.915]);
    expect(bLon).toBeCloseTo(116.410_369_493_710_29, 10);
    expect(bLat).toBeCloseTo(39.921_336_993_510_21, 10);
    // Beijing railway station, published to 5 decimals (about a metre): GCJ-02 (116.42703,
    // 39.90245) is BD-09 (116.43351, 39.90851).
    const station = gcj02ToBd09([116.42703, 39.90245]);
    expect(groundDistanceM(station, [116.43351, 39.90851])).toBeLessThan(2);
  });

  it('the iterated BD-09 inverse is closer than the published one-step formula', () => {
    // The published one-step bd09togcj02(116.404, 39.915) gives (116.39762729119315, 39.90865673957631).
    const published: Position = [116.397_627_291_193_15, 39.908_656_739_576_31];
    const iterated = bd09ToGcj02([116.404, 39.915]);
    const residual = (p: Position): number => groundDistanceM(gcj02ToBd09(p), [116.404, 39.915]);
    expect(groundDistanceM(iterated, published)).toBeLessThan(2);
    expect(residual(iterated)).toBeLessThan(1e-6);
    expect(residual(published)).toBeGreaterThan(residual(iterated));
  });

  it('GCJ-02 → WGS 84 iterates to convergence: better than 1 µm over Chongqing', () => {
    // Three fixed steps (the former inverse) left up to about 9 µm here.
    const gcj = wgs84ToGcj02(JIEFANGBEI);
    expect(groundDistanceM(gcj, JIEFANGBEI)).toBeGreaterThan(100);
    let worst = 0;
    for (const point of chongqingGrid()) {
      worst = Math.max(worst, groundDistanceM(gcj02ToWgs84(wgs84ToGcj02(point)), point));
    }
    expect(worst).toBeLessThan(1e-6);
  });
});

describe('converters keep ordinates and never mutate or throw', () => {
  it('keeps height and further ordinates', () => {
    for (const crs of ALL_CRS_IDS) {
      const out = fromWgs84(crs)([106.5775, 29.5594, 245.5, 7]);
      expect(out.slice(2), crs).toEqual([245.5, 7]);
      expect(toWgs84(crs)(out).slice(2), crs).toEqual([245.5, 7]);
    }
  });

  it('returns a new array even where nothing changes', () => {
    const input: Position = [106.5, 29.5];
    const out = toWgs84('EPSG:4326')(input);
    expect(out).toEqual(input);
    expect(out).not.toBe(input);
  });

  it('passes non-finite and unconvertible input through without throwing', () => {
    for (const crs of ALL_CRS_IDS) {
      const [x, y] = toWgs84(crs)([Number.NaN, 29]);
      expect(Number.isNaN(x), crs).toBe(true);
      expect(y, crs).toBe(29);
      expect(() => toWgs84(crs)([Number.POSITIVE_INFINITY, 1e300])).not.toThrow();
      expect(() => fromWgs84(crs)([1e308, -1e308])).not.toThrow();
    }
  });

  it('convertGeometry copies every nesting level and leaves a frozen input alone', () => {
    const deepFreeze = <T>(value: T): T => {
      if (typeof value === 'object' && value !== null) {
        Object.values(value).forEach(deepFreeze);
        Object.freeze(value);
      }
      return value;
    };
    const geometry: Geometry = deepFreeze({
      type: 'GeometryCollection',
      geometries: [
        { type: 'Point', coordinates: [106.5, 29.5] },
        {
          type: 'MultiPolygon',
          coordinates: [
            [
              [
                [106, 29],
                [107, 29],
                [107, 30],
                [106, 29],
              ],
            ],
          ],
        },
      ],
    });
    const before = structuredClone(geometry);
    const converted = convertGeometry(geometry, fromWgs84('EPSG:4545'));
    expect(geometry).toEqual(before);
    if (converted.type !== 'GeometryCollection') throw new Error('type changed');
    const polygon = converted.geometries[1];
    if (polygon?.type !== 'MultiPolygon') throw new Error('type changed');
    const [x = 0] = polygon.coordinates[0]?.[0]?.[1] ?? [];
    expect(x).toBeGreaterThan(400_000);
    const back = convertGeometry(converted, toWgs84('EPSG:4545'));
    if (back.type !== 'GeometryCollection' || back.geometries[1]?.type !== 'MultiPolygon')
      throw new Error('type changed');
    const [lon = 0, lat = 0] = back.geometries[1].coordinates[0]?.[0]?.[1] ?? [];
    expect(lon).toBeCloseTo(107, 9);
    expect(lat).toBeCloseTo(29, 9);
  });
});

describe('properties (fast-check)', () => {
  const crsArb = fc.constantFrom(...ALL_CRS_IDS);
  const nearChongqing = fc.tuple(
    fc.double({ min: 104, max: 111.5, noNaN: true }),
    fc.double({ min: 27, max: 33.5, noNaN: true }),
    fc.option(fc.double({ min: -500, max: 9000, noNaN: true }), { nil: undefined }),
  );

  it('every CRS round-trips any point in and around Chongqing within its limit', () => {
    fc.assert(
      fc.property(crsArb, nearChongqing, (crs, [lon, lat, height]) => {
        const point: Position = height === undefined ? [lon, lat] : [lon, lat, height];
        const back = toWgs84(crs)(fromWgs84(crs)(point));
        const limit = crs === 'GCJ-02' || crs === 'BD-09' ? 0.01 : 0.001;
        expect(groundDistanceM(point, back)).toBeLessThanOrEqual(limit);
        expect(back.length).toBe(point.length);
        if (height !== undefined) expect(back[2]).toBe(height);
      }),
      { numRuns: 400 },
    );
  });

  it('no converter changes its input array', () => {
    fc.assert(
      fc.property(
        crsArb,
        fc.boolean(),
        fc.array(fc.double({ noNaN: false }), { minLength: 0, maxLength: 4 }),
        (crs, forward, values) => {
          const input: Position = Object.freeze([...values]) as unknown as Position;
          const copy = [...values];
          const convert = forward ? fromWgs84(crs) : toWgs84(crs);
          const out = convert(input);
          expect([...input]).toEqual(copy);
          expect(out).not.toBe(input);
        },
      ),
      { numRuns: 300 },
    );
  });
});
