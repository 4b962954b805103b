import { BOUND_SLACK as SLACK, beatenEverywhere } from './bounds.ts';

/**
 * Candidate lists of the tile kernel: the nodes that can be nearest to some unit of a region,
 * and the two ways a list is cut down to them (after a ring search, {@link keepPossibleNearest};
 * for a smaller region inside the list's, {@link narrowCandidates}). Internal to src/core/coverage.
 */

// Module-local copies: some loaders (tsx) turn imported bindings into getters, which would cost a
// call per use inside the per-candidate loops.
const BOUND_SLACK = SLACK;
const beaten = beatenEverywhere;

/**
 * Candidate nodes of one region (a tile, a block or a sub-cell): every node that could be nearest
 * to some unit of it, sorted by distance from the region's centre, with a lower bound (squared
 * chord) on its distance to any unit.
 */
export class Candidates {
  slots = new Int32Array(64);
  lower = new Float64Array(64);
  centre = new Float64Array(64);
  /** Unit vectors of the listed nodes, side by side (filled once the list is final). */
  xyz = new Float64Array(192);
  count = 0;

  push(slot: number, centreChord: number): void {
    if (this.count === this.slots.length) {
      const size = this.count * 2;
      const slots = new Int32Array(size);
      slots.set(this.slots);
      const centre = new Float64Array(size);
      centre.set(this.centre);
      this.slots = slots;
      this.centre = centre;
      this.lower = new Float64Array(size);
      this.xyz = new Float64Array(3 * size);
    }
    this.slots[this.count] = slot;
    this.centre[this.count] = centreChord;
    this.count++;
  }

  /** Fills `xyz` with the listed nodes' unit vectors from the node set's (once the list is final). */
  copyVectors(node: Float64Array): void {
    const { slots, xyz, count } = this;
    for (let j = 0; j < count; j++) {
      const slot = slots[j] ?? 0;
      xyz[3 * j] = node[3 * slot] ?? 0;
      xyz[3 * j + 1] = node[3 * slot + 1] ?? 0;
      xyz[3 * j + 2] = node[3 * slot + 2] ?? 0;
    }
  }
}

/**
 * Finishes a list gathered by a ring search (centre chords in `centre`, unsorted) for a region of
 * radius `rho` (slack included): keeps the nodes that can be nearest to some unit, i.e. within
 * `bestUpper` + rho of the centre and not beaten everywhere by the node nearest the centre, sorts
 * them by centre distance, and fills the lower bounds and unit vectors (`node`: the node set's).
 */
export function keepPossibleNearest(
  into: Candidates,
  node: Float64Array,
  rho: number,
  bestUpper: number,
): void {
  const slots = into.slots;
  const centre = into.centre;
  let nearestJ = 0;
  for (let j = 1; j < into.count; j++) {
    if ((centre[j] ?? 0) < (centre[nearestJ] ?? 0)) nearestJ = j;
  }
  const nearestSlot = slots[nearestJ] ?? 0;
  const nearestE = centre[nearestJ] ?? 0;
  const ax = node[3 * nearestSlot] ?? 0;
  const ay = node[3 * nearestSlot + 1] ?? 0;
  const az = node[3 * nearestSlot + 2] ?? 0;
  const twoRho = 2 * rho;
  const nearestE2 = nearestE * nearestE;
  let kept = 0;
  for (let j = 0; j < into.count; j++) {
    const e = centre[j] ?? 0;
    if (e - rho > bestUpper) continue;
    const slot = slots[j] ?? 0;
    if (j !== nearestJ && beaten(node, slot, e * e - nearestE2, twoRho, ax, ay, az)) continue;
    slots[kept] = slot;
    centre[kept] = e;
    kept++;
  }
  into.count = kept;
  for (let j = 1; j < kept; j++) {
    const slot = slots[j] ?? 0;
    const e = centre[j] ?? 0;
    let i = j - 1;
    while (i >= 0 && (centre[i] ?? 0) > e) {
      slots[i + 1] = slots[i] ?? 0;
      centre[i + 1] = centre[i] ?? 0;
      i--;
    }
    slots[i + 1] = slot;
    centre[i + 1] = e;
  }
  const lowerBounds = into.lower;
  for (let j = 0; j < kept; j++) {
    const lower = (centre[j] ?? 0) - rho;
    lowerBounds[j] = lower > 0 ? lower * lower : 0;
  }
  into.copyVectors(node);
}

/**
 * Narrows a candidate list to the nodes that can be nearest to some unit within chord `radius`
 * of (cx, cy, cz), a region inside the one the list was gathered for (same rule as a search),
 * into `into`, sorted by distance from the new centre. `node`: the node set's unit vectors.
 */
export function narrowCandidates(
  source: Candidates,
  into: Candidates,
  node: Float64Array,
  cx: number,
  cy: number,
  cz: number,
  radius: number,
): void {
  const rho = radius + BOUND_SLACK;
  const from = source.slots;
  const count = source.count;
  into.count = 0;
  // Squared distances first: a square root only for the nearest and for the nodes kept.
  let nearestC2 = Infinity;
  let nearestJ = 0;
  for (let j = 0; j < count; j++) {
    const slot = from[j] ?? 0;
    const dx = (node[3 * slot] ?? 0) - cx;
    const dy = (node[3 * slot + 1] ?? 0) - cy;
    const dz = (node[3 * slot + 2] ?? 0) - cz;
    const c2 = dx * dx + dy * dy + dz * dz;
    into.push(slot, c2);
    if (c2 < nearestC2) {
      nearestC2 = c2;
      nearestJ = j;
    }
  }
  // A node can be nearest to a unit within rho of the centre only if its distance from the
  // centre, minus rho, is at most the nearest node's distance plus rho, and only if the
  // node nearest the centre does not beat it everywhere within rho (see beatenEverywhere).
  const reach = Math.sqrt(nearestC2) + 2 * rho;
  const keep = reach * reach;
  const slots = into.slots;
  const centre = into.centre;
  const nearestSlot = slots[nearestJ] ?? 0;
  const ax = node[3 * nearestSlot] ?? 0;
  const ay = node[3 * nearestSlot + 1] ?? 0;
  const az = node[3 * nearestSlot + 2] ?? 0;
  const twoRho = 2 * rho;
  let kept = 0;
  for (let j = 0; j < into.count; j++) {
    const c2 = centre[j] ?? 0;
    if (c2 > keep) continue;
    const slot = slots[j] ?? 0;
    if (j !== nearestJ && beaten(node, slot, c2 - nearestC2, twoRho, ax, ay, az)) continue;
    // Insertion into the kept prefix, sorted by distance from the new centre.
    let i = kept - 1;
    while (i >= 0 && (centre[i] ?? 0) > c2) {
      slots[i + 1] = slots[i] ?? 0;
      centre[i + 1] = centre[i] ?? 0;
      i--;
    }
    slots[i + 1] = slot;
    centre[i + 1] = c2;
    kept++;
  }
  into.count = kept;
  const lowerBounds = into.lower;
  for (let j = 0; j < kept; j++) {
    const e = Math.sqrt(centre[j] ?? 0);
    centre[j] = e;
    const lower = e - rho;
    lowerBounds[j] = lower > 0 ? lower * lower : 0;
  }
  into.copyVectors(node);
}
