import type { NodeGridLevel } from '../../../src/core/coverage/node-set.ts';
import fc from 'fast-check';
import { expect } from 'vitest';
import type { CoverageEngine, SupplyNode } from '../../../src/core/coverage/coverage-engine.ts';
import type { RadiusPair } from '../../../src/core/coverage/coverage-rule.ts';
import { EARTH_RADIUS_METERS, haversineMeters } from '../../../src/core/geo/haversine.ts';
import { NO_DISTRICT, type Demand } from '../../../src/core/population/demand.ts';

/** Two districts in two regions, for small hand-made and random demands. */
export const FIXTURE_DISTRICTS = [
  { adcode: 500001, name_zh: '甲区', name_en: 'Jia', regionIndices: [0, 1] },
  { adcode: 500002, name_zh: '乙县', name_en: 'Yi', regionIndices: [2] },
];
export const FIXTURE_REGIONS = [
  { id: 'region-a', name_zh: '甲区域', name_en: 'Region A' },
  { id: 'subregion-a1', name_zh: '甲一', name_en: 'Part A1' },
  { id: 'region-b', name_zh: '乙区域', name_en: 'Region B' },
];

export interface UnitSpec {
  readonly lon: number;
  readonly lat: number;
  readonly population: number;
  readonly urban: boolean;
  /** 0, 1, or null for outside every district. */
  readonly district: 0 | 1 | null;
}

export function demandOf(units: readonly UnitSpec[]): Demand {
  return {
    lon: Float64Array.from(units, (u) => u.lon),
    lat: Float64Array.from(units, (u) => u.lat),
    population: Float64Array.from(units, (u) => u.population),
    urban: Uint8Array.from(units, (u) => (u.urban ? 1 : 0)),
    district: Uint16Array.from(units, (u) => u.district ?? NO_DISTRICT),
    districts: FIXTURE_DISTRICTS,
    regions: FIXTURE_REGIONS,
  };
}

/** The point `meters` due north of (lon, lat) on the sphere. */
export function north(lon: number, lat: number, meters: number): [number, number] {
  return [lon, lat + ((meters / EARTH_RADIUS_METERS) * 180) / Math.PI];
}

/** The brute-force answer: every node's haversine distance, nearest with ties to the smaller id. */
export function bruteForce(
  demand: Demand,
  nodes: readonly SupplyNode[],
  rule: RadiusPair,
): { nearest: (string | null)[]; distance: number[]; covered: number[] } {
  const nearest: (string | null)[] = [];
  const distance: number[] = [];
  const covered: number[] = [];
  for (let i = 0; i < demand.lon.length; i++) {
    let best = Infinity;
    let id: string | null = null;
    for (const node of nodes) {
      const meters = haversineMeters(demand.lon[i] ?? 0, demand.lat[i] ?? 0, node.lon, node.lat);
      if (meters < best || (meters === best && id !== null && node.id < id)) {
        best = meters;
        id = node.id;
      }
    }
    nearest.push(id);
    distance.push(best);
    const radius = demand.urban[i] === 1 ? rule.urbanRadius : rule.ruralRadius;
    covered.push(id !== null && best <= radius ? 1 : 0);
  }
  return { nearest, distance, covered };
}

const around = (centre: number, spread: number) =>
  fc.double({ min: centre - spread, max: centre + spread, noNaN: true, noDefaultInfinity: true });

/** A unit within `spread` degrees of central Chongqing. */
export const unitArb = (spread = 0.15): fc.Arbitrary<UnitSpec> =>
  fc.record({
    lon: around(106.55, spread),
    lat: around(29.56, spread),
    population: fc.oneof(
      fc.integer({ min: 0, max: 5000 }),
      fc.double({ min: 0, max: 100, noNaN: true }),
    ),
    urban: fc.boolean(),
    district: fc.constantFrom(0 as const, 1 as const, null),
  });

/**
 * Nodes with unique ids, some near the units, some far away (outside the unit grid), and some
 * placed exactly on a unit or on another node, so ties and zero distances really occur.
 */
export const nodesArb = (units: readonly UnitSpec[], max = 12): fc.Arbitrary<SupplyNode[]> =>
  fc
    .array(
      fc.oneof(
        { weight: 5, arbitrary: fc.tuple(around(106.55, 0.2), around(29.56, 0.2)) },
        { weight: 1, arbitrary: fc.tuple(around(108, 2), around(30, 2)) },
        {
          weight: 2,
          arbitrary: fc
            .nat({ max: Math.max(0, units.length - 1) })
            .map((i): [number, number] => [units[i]?.lon ?? 106.5, units[i]?.lat ?? 29.5]),
        },
      ),
      { maxLength: max },
    )
    .chain((positions) =>
      fc
        .array(fc.nat({ max: Math.max(0, positions.length - 1) }), {
          minLength: positions.length,
          maxLength: positions.length,
        })
        .map((copyFrom) =>
          positions.map(([lon, lat], i) => {
            // Every third node copies another node's position: exact duplicates.
            const source = i % 3 === 2 ? positions[copyFrom[i] ?? 0] : undefined;
            return {
              id: `n${String((i * 7) % 13)}${String(i)}`,
              lon: source?.[0] ?? lon,
              lat: source?.[1] ?? lat,
            };
          }),
        ),
    );

export const ruleArb: fc.Arbitrary<RadiusPair> = fc.record({
  urbanRadius: fc.oneof(fc.constant(2000), fc.double({ min: 0, max: 8000, noNaN: true })),
  ruralRadius: fc.oneof(fc.constant(5000), fc.double({ min: 0, max: 20000, noNaN: true })),
});

/** Asserts the engine's state equals the brute-force scan: covered set, nearest ids, distances, totals. */
export function expectMatchesBruteForce(
  engine: CoverageEngine,
  demand: Demand,
  nodes: readonly SupplyNode[],
  rule: RadiusPair,
): void {
  const expected = bruteForce(demand, nodes, rule);
  const result = engine.result();
  expect(Array.from(result.covered)).toEqual(expected.covered);
  expect(
    Array.from(result.nearestNode, (i) => (i < 0 ? null : (result.nodeIds[i] ?? '?'))),
  ).toEqual(expected.nearest);
  result.nearestDistance.forEach((meters, i) => {
    const reference = expected.distance[i] ?? Infinity;
    if (reference === Infinity) expect(meters).toBe(Infinity);
    else expect(Math.abs(meters - reference)).toBeLessThan(1e-6);
  });
  const coveredPopulation = expected.covered.reduce(
    (sum, flag, i) => sum + (flag === 1 ? (demand.population[i] ?? 0) : 0),
    0,
  );
  expect(result.summary.covered).toBeCloseTo(coveredPopulation, 6);
}

/** A node grid level's contents as sorted slot lists by occupied cell (order within a cell is free). */
export function cellContents(level: NodeGridLevel): Record<number, number[]> {
  const contents: Record<number, number[]> = {};
  for (let cell = 0; cell + 1 < level.start.length; cell++) {
    const from = level.start[cell] ?? 0;
    const to = level.start[cell + 1] ?? 0;
    if (to > from) contents[cell] = Array.from(level.slots.slice(from, to)).sort((a, b) => a - b);
  }
  return contents;
}
