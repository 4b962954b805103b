import { booleanPointInPolygon, circle, point } from '@turf/turf';
import type { Feature, Polygon } from 'geojson';
import type { SupplyNode } from '../../src/core/coverage/coverage-engine.ts';
import type { FreshFoodRule } from '../../src/core/coverage/fresh-food-rule.ts';
import type { Demand } from '../../src/core/population/demand.ts';

/**
 * What a beginner writes: a circle polygon (turf.circle, 64 steps) around every node for each
 * radius, then for every unit a point-in-polygon test against each node's circle of its class
 * until one contains it. Returns the covered flags of the units listed in `sample`.
 */
export function naiveTurfCoverage(
  demand: Demand,
  nodes: readonly SupplyNode[],
  rule: FreshFoodRule,
  sample: readonly number[],
): Uint8Array {
  const urbanCircles: Feature<Polygon>[] = nodes.map((node) =>
    circle([node.lon, node.lat], rule.urbanRadius / 1000, { units: 'kilometers', steps: 64 }),
  );
  const ruralCircles: Feature<Polygon>[] = nodes.map((node) =>
    circle([node.lon, node.lat], rule.ruralRadius / 1000, { units: 'kilometers', steps: 64 }),
  );
  const covered = new Uint8Array(sample.length);
  sample.forEach((i, s) => {
    const here = point([demand.lon[i] ?? 0, demand.lat[i] ?? 0]);
    const circles = demand.urban[i] === 1 ? urbanCircles : ruralCircles;
    covered[s] = circles.some((c) => booleanPointInPolygon(here, c)) ? 1 : 0;
  });
  return covered;
}
