import { haversineMeters } from '../../geo/haversine.ts';
import type { RadiusPair } from '../coverage-rule.ts';
import type { NodeSet } from '../node-set.ts';
import type { UnitIndex } from '../unit-index.ts';
import { chordSquaredOfMeters, chordSquaredTolerance } from '../unit-sphere.ts';
import { TIE as TIE_ARC, TIE_GAP as GAP } from './bounds.ts';
import type { Candidates } from './candidates.ts';
import type { EngineState } from './engine-state.ts';

/**
 * The exact rules of the tile kernel, per unit: which of two nodes is nearer (squared chords,
 * then the haversine formula and the ids within a micrometre), the nearest among a candidate
 * list, and whether a unit is covered under the rule in force. Internal to src/core/coverage.
 */

// Module-local copies: some loaders (tsx) turn imported bindings into getters, which would cost a
// call per use inside the per-unit loops.
const TIE = TIE_ARC;
const TIE_GAP = GAP;
const haversine = haversineMeters;

/** What the exact rules read: the unit index, the nodes, the demand's coordinates, the state. */
export interface ExactContext {
  readonly units: UnitIndex;
  readonly nodes: NodeSet;
  /** The demand's coordinates in the caller's order (for the exact haversine tie-breaks). */
  readonly lon: Float64Array;
  readonly lat: Float64Array;
  readonly state: EngineState;
}

export class ExactNearest {
  /** Squared-chord thresholds by class: index 0 rural, 1 urban. */
  readonly threshold = new Float64Array(2);
  readonly thresholdTolerance = new Float64Array(2);
  /** Radii in metres by class. */
  readonly radius = new Float64Array(2);
  private readonly units: UnitIndex;
  private readonly nodes: NodeSet;
  private readonly demandLon: Float64Array;
  private readonly demandLat: Float64Array;
  private readonly nearest: Int32Array;
  private readonly best: Float64Array;

  constructor(context: ExactContext, rule: RadiusPair) {
    this.units = context.units;
    this.nodes = context.nodes;
    this.demandLon = context.lon;
    this.demandLat = context.lat;
    this.nearest = context.state.nearest;
    this.best = context.state.best;
    this.setRule(rule);
  }

  /** Sets the radii (mutates the thresholds). */
  setRule(rule: RadiusPair): void {
    const { radius, threshold, thresholdTolerance } = this;
    radius[0] = rule.ruralRadius;
    radius[1] = rule.urbanRadius;
    for (let c = 0; c < 2; c++) {
      threshold[c] = chordSquaredOfMeters(radius[c] ?? 0);
      thresholdTolerance[c] = chordSquaredTolerance(threshold[c] ?? 0);
    }
  }

  /** Haversine metres from unit k (tile order) to node `slot`. */
  haversineTo(k: number, slot: number): number {
    const i = this.units.order[k] ?? 0;
    const nodes = this.nodes;
    return haversine(
      this.demandLon[i] ?? 0,
      this.demandLat[i] ?? 0,
      nodes.lon[slot] ?? 0,
      nodes.lat[slot] ?? 0,
    );
  }

  /** True when node `slot` at squared chord c2 beats unit k's current nearest (haversine, then id). */
  beats(k: number, slot: number, c2: number): boolean {
    const current = this.nearest[k] ?? -1;
    if (current < 0) return true;
    const root = Math.sqrt(this.best[k] ?? Infinity);
    if (c2 < (root - TIE) * (root - TIE) && root > TIE) return true;
    if (c2 > (root + TIE) * (root + TIE)) return false;
    if (current === slot) return false;
    const challenger = this.haversineTo(k, slot);
    const holder = this.haversineTo(k, current);
    if (challenger !== holder) return challenger < holder;
    const ids = this.nodes.ids;
    return (ids[slot] ?? '') < (ids[current] ?? '');
  }

  /** 1 when unit k is within its class radius of its nearest node (exact near the edge). */
  isCovered(k: number): number {
    const slot = this.nearest[k] ?? -1;
    if (slot < 0) return 0;
    const cls = this.units.urban[k] ?? 0;
    const c2 = this.best[k] ?? Infinity;
    const limit = this.threshold[cls] ?? 0;
    const tolerance = this.thresholdTolerance[cls] ?? 0;
    if (c2 < limit - tolerance) return 1;
    if (c2 > limit + tolerance) return 0;
    return this.haversineTo(k, slot) <= (this.radius[cls] ?? 0) ? 1 : 0;
  }

  /**
   * Nearest node of unit k among `list` (sorted by distance, with lower bounds), in order until a
   * lower bound rules out the rest; writes nearest/best and returns the squared chord. A clear win
   * needs no tie-break; within a micrometre, the reference formula and the ids decide.
   */
  nearestAmong(k: number, list: Candidates): number {
    const xyz = this.units.xyz;
    const ux = xyz[3 * k] ?? 0;
    const uy = xyz[3 * k + 1] ?? 0;
    const uz = xyz[3 * k + 2] ?? 0;
    const node = this.nodes.xyz;
    const { nearest, best } = this;
    const { slots, lower, count } = list;
    let bestSlot = -1;
    let bestC2 = Infinity;
    let bound = Infinity;
    let clear = Infinity;
    for (let j = 0; j < count; j++) {
      if ((lower[j] ?? 0) > bound) break;
      const slot = slots[j] ?? 0;
      const dx = (node[3 * slot] ?? 0) - ux;
      const dy = (node[3 * slot + 1] ?? 0) - uy;
      const dz = (node[3 * slot + 2] ?? 0) - uz;
      const c2 = dx * dx + dy * dy + dz * dz;
      if (c2 > bound) continue;
      if (bestSlot >= 0 && c2 >= clear) {
        nearest[k] = bestSlot;
        best[k] = bestC2;
        if (!this.beats(k, slot, c2)) continue;
      }
      bestSlot = slot;
      bestC2 = c2;
      bound = c2 + TIE_GAP;
      clear = c2 - TIE_GAP;
    }
    nearest[k] = bestSlot;
    best[k] = bestC2;
    return bestC2;
  }
}
