// @vitest-environment node
/**
 * Hostile geometry (issue 20): inputs built to make the validity checks quadratic. Each must be
 * answered in well under the 10 s a user waits at "检查 0%"; CPU time is measured (not wall time)
 * so a loaded test machine does not make these fail.
 */
import { kinks } from '@turf/turf';
import type { Position } from 'geojson';
import { describe, expect, it } from 'vitest';
import { ringCrossings } from '../../../src/core/import/ring-crossings';
import { validateFeatures } from '../../../src/core/import/validate-features';
import { readShapefileZip } from '../../../src/core/import/shapefile-zip';
import { PRJ_WGS84, writeDbf, writeShp, zip } from './binary/fixtures/shapefile-writer';
import { expectWellFormed, only } from './helpers';

/** CPU seconds (user + system) that `run` takes. */
async function cpuSeconds<T>(run: () => T | Promise<T>): Promise<{ value: T; seconds: number }> {
  const before = process.cpuUsage();
  const value = await run();
  const used = process.cpuUsage(before);
  return { value, seconds: (used.user + used.system) / 1e6 };
}

/** A star polygon {n/step}: with step ≈ n/2 nearly every pair of its edges crosses. */
function star(n: number, step: number): Position[] {
  const ring: Position[] = [];
  for (let i = 0; i < n; i += 1) {
    const a = (i * step * 2 * Math.PI) / n;
    ring.push([106.5 + 0.1 * Math.cos(a), 29.5 + 0.1 * Math.sin(a)]);
  }
  ring.push((ring[0] as Position).slice());
  return ring;
}

const polygonFeature = (ring: Position[]): object => ({
  type: 'Feature',
  properties: {},
  geometry: { type: 'Polygon', coordinates: [ring] },
});

describe('ringCrossings: the same answer as @turf/kinks, without comparing every pair', () => {
  it('agrees with kinks on count and first crossing for 400 random rings', () => {
    let seed = 7;
    const random = (): number => {
      seed = (seed * 16807) % 2147483647;
      return seed / 2147483647;
    };
    for (let t = 0; t < 400; t += 1) {
      const m = 4 + Math.floor(random() * 80); // both the small-ring path and the index path
      const ring: Position[] = [];
      // Integer grid: many touching, collinear and repeated vertices (the borderline cases).
      for (let i = 0; i < m; i += 1)
        ring.push([Math.round(random() * 12), Math.round(random() * 12)]);
      ring.push((ring[0] as Position).slice());
      const expected = kinks({
        type: 'Feature',
        properties: {},
        geometry: { type: 'Polygon', coordinates: [ring] },
      }).features;
      const found = ringCrossings(ring);
      expect(found.complete).toBe(true);
      expect(found.count).toBe(expected.length);
      expect(found.first).toEqual(expected[0]?.geometry.coordinates ?? null);
    }
  });

  it('counts the 12.5 M crossings of a 4,999-vertex star in seconds, not a minute', async () => {
    const { value, seconds } = await cpuSeconds(() => ringCrossings(star(4999, 2499)));
    expect(value.count).toBe(12_487_502);
    expect(value.complete).toBe(true);
    expect(seconds).toBeLessThan(5); // kinks: 26 s and 3.2 GB
  }, 60_000);

  it('stops at the deadline and says the count is a floor', () => {
    const found = ringCrossings(star(20_001, 10_000), Date.now() + 20);
    expect(found.complete).toBe(false);
    expect(found.count).toBeGreaterThan(0);
  });
});

describe('validateFeatures: self-crossing check within a time budget per file', () => {
  it('reports every crossing of the 4,999-vertex star (in both languages)', async () => {
    const { value, seconds } = await cpuSeconds(() =>
      validateFeatures('star.geojson', [polygonFeature(star(4999, 2499))], {}, 'EPSG:4326', {
        limits: { maxCheckMillis: 60_000 },
      }),
    );
    expectWellFormed(value.problems);
    expect(value.features).toHaveLength(1);
    const p = only(value.problems, 'self-intersection');
    expect(p.message).toContain('found 12,487,502 crossings (first near [106.5, 29.500031])');
    expect(p.message_zh).toContain('实际发现 12,487,502 处交叉');
    expect(seconds).toBeLessThan(5);
  }, 60_000);

  it('checks rings over 5,000 vertices too (they used to be skipped without a word)', () => {
    const r = validateFeatures('big.geojson', [polygonFeature(star(6001, 2))], {}, 'EPSG:4326', {
      limits: { maxCheckMillis: 60_000 },
    });
    expect(only(r.problems, 'self-intersection').severity).toBe('warning');
  });

  it('past the budget, the rings not checked are counted in a file-level warning', () => {
    const bow: Position[] = [
      [106, 29],
      [107, 30],
      [107, 29],
      [106, 30],
      [106, 29],
    ];
    const r = validateFeatures(
      'late.geojson',
      [polygonFeature(bow), polygonFeature(bow)],
      {},
      'EPSG:4326',
      { limits: { maxCheckMillis: 0 } },
    );
    expectWellFormed(r.problems);
    expect(r.features).toHaveLength(2);
    expect(r.problems.some((p) => p.code === 'self-intersection')).toBe(false);
    const p = only(r.problems, 'check-incomplete');
    expect(p.where).toBe('late.geojson');
    expect(p.severity).toBe('warning');
    expect(p.message).toContain('time budget of 0 s per file');
    expect(p.message).toContain('2 rings in 2 features (the first: late.geojson feature 0)');
    expect(p.message_zh).toContain('2 个要素中的 2 个环');
  });

  it('a ring that outlasts the budget is imported with "at least" and the warning', async () => {
    const { value, seconds } = await cpuSeconds(() =>
      validateFeatures('huge.geojson', [polygonFeature(star(40_001, 20_000))], {}, 'EPSG:4326', {
        limits: { maxCheckMillis: 200 },
      }),
    );
    expectWellFormed(value.problems);
    expect(value.features).toHaveLength(1);
    expect(only(value.problems, 'self-intersection').message).toMatch(
      /found at least [\d,]+ crossings before the check ran out of time/,
    );
    expect(only(value.problems, 'check-incomplete').message).toContain('1 ring in 1 feature');
    expect(seconds).toBeLessThan(5); // 800 M crossings: hours with kinks
  }, 60_000);
});

describe('readShapefileZip: holes assigned to rings through an index', () => {
  function holesZip(holes: number, outside: boolean, outerVertices = 4): Uint8Array {
    const outer: Position[] = []; // clockwise, as shapefiles store outer rings
    for (let i = 0; i < outerVertices; i += 1) {
      const a = -(i / outerVertices) * 2 * Math.PI + Math.PI / 4;
      outer.push([106.5 + 0.71 * Math.cos(a), 29.5 + 0.71 * Math.sin(a)]);
    }
    outer.push((outer[0] as Position).slice());
    const rings: Position[][] = [outer];
    const side = Math.ceil(Math.sqrt(holes));
    const d = 0.8 / side;
    for (let k = 0; k < holes; k += 1) {
      const x = (outside ? 108 : 106.1) + (k % side) * d;
      const y = 29.1 + Math.floor(k / side) * d;
      const s = d / 2; // counter-clockwise: a hole
      rings.push([
        [x, y],
        [x + s, y],
        [x + s, y + s],
        [x, y + s],
        [x, y],
      ]);
    }
    const { shp, shx } = writeShp('polygon', [rings]);
    return zip({
      'holes.shp': shp,
      'holes.shx': shx,
      'holes.dbf': writeDbf([{ name: 'pop', type: 'N', length: 10 }], [[1]]),
      'holes.prj': PRJ_WGS84,
    });
  }

  it('30,000 holes inside one 60,000-vertex ring: one polygon with every hole', async () => {
    const bytes = holesZip(30_000, false, 60_000);
    const { value, seconds } = await cpuSeconds(() => readShapefileZip('holes.zip', bytes, {}));
    const g = value.features[0]?.geometry;
    expect(g?.type).toBe('Polygon');
    if (g?.type === 'Polygon') expect(g.coordinates).toHaveLength(30_001);
    expect(seconds).toBeLessThan(5); // every hole against every edge: 1.8 G edge tests, 13 s
  }, 120_000);

  it('30,000 counter-clockwise rings outside the outer one: each its own polygon', async () => {
    const bytes = holesZip(30_000, true);
    const { value, seconds } = await cpuSeconds(() => readShapefileZip('holes.zip', bytes, {}));
    const g = value.features[0]?.geometry;
    expect(g?.type).toBe('MultiPolygon');
    if (g?.type === 'MultiPolygon') expect(g.coordinates).toHaveLength(30_001);
    expect(seconds).toBeLessThan(5); // every hole against every ring so far: 121 s
  }, 300_000);
});
