import { booleanPointInPolygon, circle, point } from '@turf/turf';
import type { Feature, Polygon } from 'geojson';
import KDBush from 'kdbush';
import { EARTH_RADIUS_METERS, haversineMeters } from '../../src/core/geo/haversine.ts';
import type { SupplyNode } from '../../src/core/coverage/coverage-engine.ts';
import type { RadiusPair } from '../../src/core/coverage/coverage-rule.ts';
import type { Demand } from '../../src/core/population/demand.ts';

/** The circles a beginner draws: one turf.circle (64 steps) per node for each class radius. */
export interface NaiveCircles {
  readonly urban: readonly Feature<Polygon>[];
  readonly rural: readonly Feature<Polygon>[];
}

/** Step 1 of the naive approach, done once: a circle polygon around every node per radius. */
export function naiveTurfCircles(nodes: readonly SupplyNode[], rule: RadiusPair): NaiveCircles {
  const around = (meters: number) =>
    nodes.map((node) =>
      circle([node.lon, node.lat], meters / 1000, { units: 'kilometers', steps: 64 }),
    );
  return { urban: around(rule.urbanRadius), rural: around(rule.ruralRadius) };
}

/**
 * Step 2, per unit: a point-in-polygon test against each node's circle of the unit's class,
 * stopping at the first circle that contains it (`some`), or, with `everyCircle`, testing them
 * all (a plain loop without `break`, as when listing which nodes reach the unit). Returns the
 * covered flags of the units listed in `sample` and how many tests were made.
 */
export function naiveTurfCovered(
  demand: Demand,
  circles: NaiveCircles,
  sample: readonly number[],
  everyCircle = false,
): { covered: Uint8Array; tests: number } {
  const covered = new Uint8Array(sample.length);
  let tests = 0;
  sample.forEach((i, s) => {
    const here = point([demand.lon[i] ?? 0, demand.lat[i] ?? 0]);
    const candidates = demand.urban[i] === 1 ? circles.urban : circles.rural;
    if (everyCircle) {
      let inside = 0;
      for (const c of candidates) if (booleanPointInPolygon(here, c)) inside = 1;
      tests += candidates.length;
      covered[s] = inside;
    } else {
      covered[s] = candidates.some((c) => {
        tests++;
        return booleanPointInPolygon(here, c);
      })
        ? 1
        : 0;
    }
  });
  return { covered, tests };
}

const DEGREES_PER_METER = 180 / (Math.PI * EARTH_RADIUS_METERS);

/**
 * How many point-in-polygon tests the first-hit naive approach makes for each unit, exactly: the
 * position (1-based) of the first node, in node order, whose circle of the unit's class contains
 * it, or the node count when none does. Found with a kdbush range query and haversine (the
 * 64-gons sit inside the true circles, so at the very edge the naive code tests a few more
 * circles than counted here: the count errs on the low side). The benchmark extrapolates the
 * timed sample by these counts instead of by units: a few hundred sampled units hold only a
 * dozen or two uncovered ones, which cost the most, so extrapolating by units alone has a
 * sampling error of ±20 %.
 */
export function naiveTestCounts(
  demand: Demand,
  nodes: readonly SupplyNode[],
  rule: RadiusPair,
): Uint32Array {
  const index = new KDBush(Math.max(1, nodes.length));
  for (const node of nodes) index.add(node.lon, node.lat);
  index.finish();
  const counts = new Uint32Array(demand.lon.length);
  for (let i = 0; i < counts.length; i++) {
    const lon = demand.lon[i] ?? 0;
    const lat = demand.lat[i] ?? 0;
    const radius = demand.urban[i] === 1 ? rule.urbanRadius : rule.ruralRadius;
    const dLat = radius * DEGREES_PER_METER * 1.0001;
    const dLon = dLat / Math.cos(((Math.abs(lat) + dLat) * Math.PI) / 180);
    let first = nodes.length;
    for (const j of index.range(lon - dLon, lat - dLat, lon + dLon, lat + dLat)) {
      const node = nodes[j];
      if (node === undefined || j >= first) continue;
      if (haversineMeters(lon, lat, node.lon, node.lat) <= radius) first = j;
    }
    counts[i] = first < nodes.length ? first + 1 : nodes.length;
  }
  return counts;
}
