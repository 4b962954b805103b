import type { UnitIndex } from '../unit-index.ts';
import { TIE_GAP as GAP } from './bounds.ts';
import type { Candidates } from './candidates.ts';
import type { EngineState } from './engine-state.ts';
import type { ExactNearest } from './exact-nearest.ts';

/**
 * The per-unit stage of a full recompute: assigns a run of units (a tile or a sub-cell) their
 * nearest node among a finished candidate list, sets their covered flags and adds the covered
 * residents to the district sums. Specialised for lists of one and two nodes, the commonest after
 * pruning. Internal to src/core/coverage.
 */

// Module-local copy: some loaders (tsx) turn imported bindings into getters, which would cost a
// call per use inside the per-unit loops.
const TIE_GAP = GAP;

export interface RangeAssigner {
  /** Sets where covered residents are added (2 per district: rural, urban). */
  readonly setTarget: (coveredByClass: Float64Array) => void;
  /**
   * Assigns units start … end − 1 their nearest node among `list` (sorted, with lower bounds),
   * sets covered flags and adds covered residents to the district sums (mutates). Returns the
   * largest squared chord found, for the tile's reach.
   */
  readonly assign: (start: number, end: number, list: Candidates) => number;
}

/** Creates the per-unit stage over the engine state; the target is set per recompute. */
export function createRangeAssigner(
  units: UnitIndex,
  state: EngineState,
  exact: ExactNearest,
): RangeAssigner {
  const { settle, setTarget } = createSettle(units, state.covered, exact);
  return { setTarget, assign: createAssignRange(units, state, exact, settle) };
}

/** Sets unit k's covered flag from its squared chord c2 to its nearest node. */
type Settle = (k: number, c2: number) => void;

/**
 * The covered flag of one unit, from its squared chord to its nearest node (exact near the edge),
 * adding its residents to the district sums of the target set last when covered (mutates).
 */
function createSettle(
  units: UnitIndex,
  covered: Uint8Array,
  exact: ExactNearest,
): { readonly settle: Settle; readonly setTarget: (coveredByClass: Float64Array) => void } {
  let coveredTarget: Float64Array = new Float64Array(0);
  const settle = (k: number, c2: number): void => {
    const urban = units.urban[k] ?? 0;
    const limit = exact.threshold[urban] ?? 0;
    const tolerance = exact.thresholdTolerance[urban] ?? 0;
    let flag = 0;
    if (c2 < limit - tolerance) flag = 1;
    else if (c2 <= limit + tolerance) flag = exact.isCovered(k);
    covered[k] = flag;
    if (flag === 1) {
      const target = coveredTarget;
      const bucket = 2 * (units.district[k] ?? 0) + urban;
      target[bucket] = (target[bucket] ?? 0) + (units.population[k] ?? 0);
    }
  };
  const setTarget = (coveredByClass: Float64Array): void => {
    coveredTarget = coveredByClass;
  };
  return { settle, setTarget };
}

/**
 * {@link RangeAssigner.assign}. One function of about a hundred lines on purpose: split into a
 * function per list length, V8 inlined the pieces into the tile loop and ran out of inlining
 * budget for `settle`, and a full recompute took 3–12 % longer (measured 1.3 M units × 5,000
 * nodes, CPU time, alternating with the single function).
 */
function createAssignRange(
  units: UnitIndex,
  state: EngineState,
  exact: ExactNearest,
  settle: Settle,
): (start: number, end: number, list: Candidates) => number {
  const { nearest, best } = state;
  return (start: number, end: number, list: Candidates): number => {
    const unitXyz = units.xyz;
    const nearestOut = nearest;
    const bestOut = best;
    const count = list.count;
    const slots = list.slots;
    const candidateXyz = list.xyz;
    let farthest = 0;
    if (count === 1) {
      // One candidate: it is every unit's nearest; no comparisons, no tie-breaks.
      const slot = slots[0] ?? 0;
      const nx = candidateXyz[0] ?? 0;
      const ny = candidateXyz[1] ?? 0;
      const nz = candidateXyz[2] ?? 0;
      for (let k = start; k < end; k++) {
        const dx = nx - (unitXyz[3 * k] ?? 0);
        const dy = ny - (unitXyz[3 * k + 1] ?? 0);
        const dz = nz - (unitXyz[3 * k + 2] ?? 0);
        const c2 = dx * dx + dy * dy + dz * dz;
        nearestOut[k] = slot;
        bestOut[k] = c2;
        if (c2 > farthest) farthest = c2;
        settle(k, c2);
      }
      return farthest;
    }
    if (count === 2) {
      // Two candidates (the commonest list after pruning): both distances, no lower bounds.
      const ax = candidateXyz[0] ?? 0;
      const ay = candidateXyz[1] ?? 0;
      const az = candidateXyz[2] ?? 0;
      const bx = candidateXyz[3] ?? 0;
      const by = candidateXyz[4] ?? 0;
      const bz = candidateXyz[5] ?? 0;
      const first = slots[0] ?? 0;
      const second = slots[1] ?? 0;
      for (let k = start; k < end; k++) {
        const ux = unitXyz[3 * k] ?? 0;
        const uy = unitXyz[3 * k + 1] ?? 0;
        const uz = unitXyz[3 * k + 2] ?? 0;
        let dx = ax - ux;
        let dy = ay - uy;
        let dz = az - uz;
        const c0 = dx * dx + dy * dy + dz * dz;
        dx = bx - ux;
        dy = by - uy;
        dz = bz - uz;
        const c1 = dx * dx + dy * dy + dz * dz;
        let c2 = c0;
        if (c1 < c0 - TIE_GAP) {
          c2 = c1;
          nearestOut[k] = second;
          bestOut[k] = c1;
        } else if (c1 > c0 + TIE_GAP) {
          nearestOut[k] = first;
          bestOut[k] = c0;
        } else {
          c2 = exact.nearestAmong(k, list);
        }
        if (c2 > farthest) farthest = c2;
        settle(k, c2);
      }
      return farthest;
    }
    const lower = list.lower;
    for (let k = start; k < end; k++) {
      const ux = unitXyz[3 * k] ?? 0;
      const uy = unitXyz[3 * k + 1] ?? 0;
      const uz = unitXyz[3 * k + 2] ?? 0;
      // The nearest candidate by squared chord, in order until a lower bound rules out the rest.
      // Two within the tie band of each other go to nearestAmong, which breaks the tie exactly.
      let bestJ = 0;
      let dx = (candidateXyz[0] ?? 0) - ux;
      let dy = (candidateXyz[1] ?? 0) - uy;
      let dz = (candidateXyz[2] ?? 0) - uz;
      let bestC2 = dx * dx + dy * dy + dz * dz;
      let bound = bestC2 + TIE_GAP;
      let tied = false;
      for (let j = 1; j < count; j++) {
        if ((lower[j] ?? 0) > bound) break;
        dx = (candidateXyz[3 * j] ?? 0) - ux;
        dy = (candidateXyz[3 * j + 1] ?? 0) - uy;
        dz = (candidateXyz[3 * j + 2] ?? 0) - uz;
        const c2 = dx * dx + dy * dy + dz * dz;
        if (c2 > bound) continue;
        if (c2 >= bestC2 - TIE_GAP) {
          tied = true;
          break;
        }
        bestJ = j;
        bestC2 = c2;
        bound = c2 + TIE_GAP;
      }
      if (tied) {
        bestC2 = exact.nearestAmong(k, list);
      } else {
        nearestOut[k] = slots[bestJ] ?? 0;
        bestOut[k] = bestC2;
      }
      if (bestC2 > farthest) farthest = bestC2;
      settle(k, bestC2);
    }
    return farthest;
  };
}
