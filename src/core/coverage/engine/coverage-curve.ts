import { coverageTotals } from '../coverage-summary.ts';
import type { RadiusPair } from '../coverage-rule.ts';
import { chordSquaredOfMeters, chordSquaredTolerance } from '../unit-sphere.ts';
import type { EngineCore } from './engine-core.ts';
import type { CoverageCurvePoint } from './engine-types.ts';

/** The coverage-versus-radius curve: coverage at many pairs of radii in one pass over the units. */

/** One class's radii in ascending order, with their squared-chord limits and tolerances. */
interface SortedRadii {
  readonly order: readonly { readonly index: number; readonly meters: number }[];
  readonly limits: readonly number[];
  readonly tolerance: readonly number[];
}

/** Coverage at each pair of radii of `list` (validated by the caller). */
export function coverageCurve(core: EngineCore, list: readonly RadiusPair[]): CoverageCurvePoint[] {
  // Per class, the radii in ascending order; a unit lands in the first radius that covers it.
  const sorted = [0, 1].map((cls) => sortedRadii(list, cls));
  const firstCovering = firstCoveringRadius(core, sorted, list.length);
  const coveredAt = [0, 1].map((cls) => {
    const out = new Float64Array(list.length);
    const counts = firstCovering[cls];
    let running = 0;
    sorted[cls]?.order.forEach((o, position) => {
      running += counts?.[position] ?? 0;
      out[o.index] = running;
    });
    return out;
  });
  let ruralPopulation = 0;
  let urbanPopulation = 0;
  const populationByClass = core.populationByClass;
  for (let d = 0; d < core.units.districtCount + 1; d++) {
    ruralPopulation += populationByClass[2 * d] ?? 0;
    urbanPopulation += populationByClass[2 * d + 1] ?? 0;
  }
  return list.map((point, i) => {
    const urbanCovered = coveredAt[1]?.[i] ?? 0;
    const ruralCovered = coveredAt[0]?.[i] ?? 0;
    return {
      urbanRadius: point.urbanRadius,
      ruralRadius: point.ruralRadius,
      covered: urbanCovered + ruralCovered,
      rate: coverageTotals(urbanPopulation + ruralPopulation, urbanCovered + ruralCovered).rate,
      urbanCovered,
      urbanRate: coverageTotals(urbanPopulation, urbanCovered).rate,
      ruralCovered,
      ruralRate: coverageTotals(ruralPopulation, ruralCovered).rate,
    };
  });
}

/** The radii of class `cls` (0 rural, 1 urban) in `list`, ascending (ties by position). */
function sortedRadii(list: readonly RadiusPair[], cls: number): SortedRadii {
  const order = list
    .map((point, index) => ({
      index,
      meters: cls === 1 ? point.urbanRadius : point.ruralRadius,
    }))
    .sort((a, b) => a.meters - b.meters || a.index - b.index);
  const limits = order.map((o) => chordSquaredOfMeters(o.meters));
  return { order, limits, tolerance: limits.map(chordSquaredTolerance) };
}

/**
 * Per class, residents by the position (in that class's sorted radii) of the first radius that
 * covers them; position m for none.
 */
function firstCoveringRadius(
  core: EngineCore,
  sorted: readonly SortedRadii[],
  m: number,
): Float64Array[] {
  const { units, n, kernel } = core;
  const { nearest, best } = core.state;
  const firstCovering = [new Float64Array(m + 1), new Float64Array(m + 1)];
  for (let k = 0; k < n; k++) {
    const slot = nearest[k] ?? -1;
    const cls = units.urban[k] ?? 0;
    const sortedClass = sorted[cls];
    const counts = firstCovering[cls];
    if (sortedClass === undefined || counts === undefined) continue;
    let bucket = m;
    if (slot >= 0) {
      const c2 = best[k] ?? Infinity;
      let lo = 0;
      let hi = m;
      // First limit that is certainly ≥ c2 (binary search), then settle near-ties exactly.
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if ((sortedClass.limits[mid] ?? 0) + (sortedClass.tolerance[mid] ?? 0) >= c2) hi = mid;
        else lo = mid + 1;
      }
      bucket = lo;
      let meters = Number.NaN;
      while (
        bucket < m &&
        c2 >= (sortedClass.limits[bucket] ?? 0) - (sortedClass.tolerance[bucket] ?? 0)
      ) {
        if (Number.isNaN(meters)) meters = kernel.haversineTo(k, slot);
        if (meters <= (sortedClass.order[bucket]?.meters ?? 0)) break;
        bucket++;
      }
    }
    counts[bucket] = (counts[bucket] ?? 0) + (units.population[k] ?? 0);
  }
  return firstCovering;
}
