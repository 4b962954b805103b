import { booleanPointInPolygon, circle, point } from '@turf/turf';
import type { Feature, Polygon } from 'geojson';
import type { SupplyNode } from '../../src/core/coverage/coverage-engine.ts';
import type { FreshFoodRule } from '../../src/core/coverage/fresh-food-rule.ts';
import type { Demand } from '../../src/core/population/demand.ts';

/** The circles a beginner draws: one turf.circle (64 steps) per node for each class radius. */
export interface NaiveCircles {
  readonly urban: readonly Feature<Polygon>[];
  readonly rural: readonly Feature<Polygon>[];
}

/** Step 1 of the naive approach, done once: a circle polygon around every node per radius. */
export function naiveTurfCircles(nodes: readonly SupplyNode[], rule: FreshFoodRule): NaiveCircles {
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
 * covered flags of the units listed in `sample`.
 */
export function naiveTurfCovered(
  demand: Demand,
  circles: NaiveCircles,
  sample: readonly number[],
  everyCircle = false,
): Uint8Array {
  const covered = new Uint8Array(sample.length);
  sample.forEach((i, s) => {
    const here = point([demand.lon[i] ?? 0, demand.lat[i] ?? 0]);
    const candidates = demand.urban[i] === 1 ? circles.urban : circles.rural;
    if (everyCircle) {
      let inside = 0;
      for (const c of candidates) if (booleanPointInPolygon(here, c)) inside = 1;
      covered[s] = inside;
    } else {
      covered[s] = candidates.some((c) => booleanPointInPolygon(here, c)) ? 1 : 0;
    }
  });
  return covered;
}
