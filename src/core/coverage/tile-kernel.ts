import { haversineMeters } from '../geo/haversine.ts';
import type { RadiusPair } from './coverage-rule.ts';
import type { NodeSet } from './node-set.ts';
import type { UnitIndex } from './unit-index.ts';
import { chordSquaredOfMeters, chordSquaredTolerance, TIE_ANGLE } from './unit-sphere.ts';

/**
 * The per-tile nearest-node search of the coverage engine, shared by the engine and by a
 * recompute shard on another thread (see parallel-recompute.ts). Internal to src/core/coverage.
 */

/** The engine's per-unit state (tile order) and per-tile reach; shared memory when recomputing in parallel. */
export interface EngineState {
  /** Nearest node slot of each unit, or -1. */
  readonly nearest: Int32Array;
  /** Squared chord to it (Infinity when none). */
  readonly best: Float64Array;
  /** 1 when within the radius of the unit's class. */
  readonly covered: Uint8Array;
  /** Per tile, an upper bound (squared chord) on how far a node can be and still matter to it. */
  readonly tileReach: Float64Array;
}

/** Allocates the engine state for an index, on shared memory when `shared`. */
export function createEngineState(units: UnitIndex, shared = false): EngineState {
  const n = units.count;
  const tileCount = units.columns * units.rows;
  const buffer = (bytes: number): ArrayBuffer | SharedArrayBuffer =>
    shared ? new SharedArrayBuffer(bytes) : new ArrayBuffer(bytes);
  return {
    nearest: new Int32Array(buffer(4 * n)).fill(-1),
    best: new Float64Array(buffer(8 * n)).fill(Infinity),
    covered: new Uint8Array(buffer(n)),
    tileReach: new Float64Array(buffer(8 * tileCount)),
  };
}

// Module-local copies: some loaders (tsx) turn imported bindings into getters, which would cost a
// call per use inside the per-unit loops.
const TIE = TIE_ANGLE;
/**
 * A band of squared chords wide enough to contain every micrometre tie at any distance (a chord
 * is at most 2, so 2·chord·TIE + TIE² ≤ 4·TIE + TIE²). Inside it, the exact tie-break decides;
 * outside, a plain comparison is already exact. Avoids a square root per candidate.
 */
const TIE_GAP = 4 * TIE_ANGLE + TIE_ANGLE * TIE_ANGLE;
const haversine = haversineMeters;

/**
 * The margin (squared chord) by which a dropped candidate must lose everywhere (see
 * `beatenEverywhere`): four tie bands, so it is farther by at least four micrometres of arc
 * (squared chords that differ by δ come from chords that differ by at least δ / 4), far beyond
 * the rounding of the squared chords compared (about 1e-22 at these distances).
 */
const PRUNE_MARGIN = 4 * TIE_GAP;

/** Slack added to every distance bound so float rounding can only widen a search. */
export const BOUND_SLACK = 1e-12;

/** Occupied blocks per chunk when two threads share a recompute (see computeTiles). */
export const CHUNK_BLOCKS = 64;

/** A block whose shared candidate list is at most this long is not searched tile by tile. */
const SHARED_BLOCK_CANDIDATES = 8;
/**
 * A tile of at most this many units compares them with its block's candidates directly, when the
 * block has at most SPARSE_BLOCK_CANDIDATES: cheaper than a search or a narrowing of its own
 * (1.3 M units × 5,000 nodes: about 75,700 tiles, 57,000 of them with 8 units or fewer).
 */
const SPARSE_TILE_UNITS = 16;
const SPARSE_BLOCK_CANDIDATES = 64;

/**
 * Candidate nodes of one tile: every node that could be nearest to some unit of the tile, sorted
 * by distance from the tile centre, with a lower bound (chord) on its distance to any unit.
 */
class Candidates {
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

/** What the tile kernel works on. */
export interface KernelContext {
  readonly units: UnitIndex;
  readonly nodes: NodeSet;
  /** The demand's coordinates in the caller's order (for the exact haversine tie-breaks). */
  readonly lon: Float64Array;
  readonly lat: Float64Array;
  readonly state: EngineState;
}

/** The tile kernel: candidate search, exact assignment and a full recompute of a range of tiles. */
export interface TileKernel {
  /** Sets the radii (mutates the thresholds). */
  readonly setRule: (rule: RadiusPair) => void;
  /** Fills the kernel's candidate list for tile t, leaving out slot `exclude` (or -1). */
  readonly gatherCandidates: (t: number, exclude: number, startLevel?: number) => number;
  /** Nearest node of unit k among the gathered candidates (writes nearest/best). */
  readonly assignFromCandidates: (k: number) => void;
  /** True when node `slot` at squared chord c2 beats unit k's current nearest. */
  readonly beats: (k: number, slot: number, c2: number) => boolean;
  /** 1 when unit k is within its class radius of its nearest node (exact near the edge). */
  readonly isCovered: (k: number) => number;
  /** Haversine metres from unit k (tile order) to node `slot`. */
  readonly haversineTo: (k: number, slot: number) => number;
  /**
   * Recomputes from scratch every unit of the chunks of occupied blocks that `nextChunk` hands out
   * (mutates the state): chunk c is blocks c·chunkBlocks … (c + 1)·chunkBlocks − 1 (default
   * {@link CHUNK_BLOCKS} blocks), and the loop stops at the first chunk number past the end. By
   * default every chunk, in order; two threads sharing an atomic counter split the work as they
   * go. Adds the covered residents of the chunks done here to `coveredByClass` (2 per district:
   * rural, urban) and returns the largest tile reach found (a chord).
   */
  readonly computeTiles: (
    coveredByClass: Float64Array,
    nextChunk?: () => number,
    chunkBlocks?: number,
  ) => number;
}

/** Creates the tile kernel over a context; the rule is set with {@link TileKernel.setRule}. */
export function createTileKernel(context: KernelContext, initialRule: RadiusPair): TileKernel {
  const { units, nodes, state } = context;
  const demandLon = context.lon;
  const demandLat = context.lat;
  const { nearest, best, covered, tileReach } = state;
  /** Squared-chord thresholds by class: index 0 rural, 1 urban. */
  const threshold = new Float64Array(2);
  const thresholdTolerance = new Float64Array(2);
  const radius = new Float64Array(2);
  const setRule = (rule: RadiusPair): void => {
    radius[0] = rule.ruralRadius;
    radius[1] = rule.urbanRadius;
    for (let c = 0; c < 2; c++) {
      threshold[c] = chordSquaredOfMeters(radius[c] ?? 0);
      thresholdTolerance[c] = chordSquaredTolerance(threshold[c] ?? 0);
    }
  };
  setRule(initialRule);

  const { xyz, tileStart, tileCentre, tileRadius } = units;
  const candidates = new Candidates();
  /** Per grid level, lower bounds (chord) between a tile and any node in ring k ≥ 2 around it. */
  const ringBounds: number[][] = [];
  const southAbs = Math.abs(units.south);
  const northAbs = Math.abs(units.south + units.rows * units.tileLat);
  // East–west separation is smallest nearest the pole: bound it at the grid's extreme latitude.
  const cosExtreme = Math.cos((Math.min(89.999, Math.max(southAbs, northAbs)) * Math.PI) / 180);
  const ringLowerBound = (level: number, cellTiles: number, ring: number): number => {
    const bounds = (ringBounds[level] ??= []);
    let bound = bounds[ring];
    if (bound === undefined) {
      const gap = ring - 1;
      const latitudeGap = (gap * cellTiles * units.tileLat * Math.PI) / 180;
      const longitudeGap = Math.min(Math.PI, (gap * cellTiles * units.tileLon * Math.PI) / 180);
      const eastWest = 2 * Math.asin(cosExtreme * Math.sin(longitudeGap / 2));
      const angle = Math.min(latitudeGap, eastWest);
      bound = 2 * Math.sin(Math.min(Math.PI, angle) / 2) - BOUND_SLACK;
      bounds[ring] = bound;
    }
    return bound;
  };

  /**
   * True when node `slot` is beaten everywhere in a region by the node A at (ax, ay, az) that is
   * nearest the region's centre c, `gap` = |c−B|² − |c−A|² being how much farther B is from c
   * (squared chords) and `twoRho` twice the region's radius. For any vectors,
   * |u−B|² − |u−A|² = |c−B|² − |c−A|² − 2(u−c)·(B−A), and |(u−c)·(B−A)| ≤ rho·|B−A| when u is
   * within chord rho of c. So when gap > 2·rho·|B−A| + PRUNE_MARGIN, A is nearer than B to every
   * unit of the region by more than the tie band: B can be neither the nearest there nor tied
   * with it, and is dropped from the region's list.
   */
  const beatenEverywhere = (
    slot: number,
    gap: number,
    twoRho: number,
    ax: number,
    ay: number,
    az: number,
  ): boolean => {
    const node = nodes.xyz;
    const dx = (node[3 * slot] ?? 0) - ax;
    const dy = (node[3 * slot + 1] ?? 0) - ay;
    const dz = (node[3 * slot + 2] ?? 0) - az;
    return gap > twoRho * Math.sqrt(dx * dx + dy * dy + dz * dz) + PRUNE_MARGIN;
  };

  /**
   * Fills `into` for the units within chord `radius` of (cx, cy, cz), all inside tile (column,
   * row) or, from `startLevel` 1 on, inside that tile's block, leaving out `exclude` (a slot, or
   * -1): every node that can be nearest to one of those units, sorted by distance from the centre.
   * Searches rings of cells around the tile on the finest grid level (or `startLevel`, a hint:
   * any level gives the same answer) and climbs a level when two rings were not enough to bound
   * the answer. Returns the level it finished on. Hot path: no
   * closures are created per call (each would cost an allocation per tile).
   */
  let lastBestUpper = 0;
  const gatherAround = (
    into: Candidates,
    cx: number,
    cy: number,
    cz: number,
    radius: number,
    column: number,
    row: number,
    exclude: number,
    startLevel: number,
  ): number => {
    into.count = 0;
    const rho = radius + BOUND_SLACK;
    let bestUpper = Infinity;
    let admit = Infinity;
    const node = nodes.xyz;
    for (const slot of nodes.outside) {
      if (slot === exclude) continue;
      const dx = (node[3 * slot] ?? 0) - cx;
      const dy = (node[3 * slot + 1] ?? 0) - cy;
      const dz = (node[3 * slot + 2] ?? 0) - cz;
      const c2 = dx * dx + dy * dy + dz * dz;
      if (c2 > admit) continue;
      const e = Math.sqrt(c2);
      into.push(slot, e);
      if (e + rho < bestUpper) {
        bestUpper = e + rho;
        admit = (bestUpper + rho) * (bestUpper + rho);
      }
    }
    const outsideCount = into.count;
    const outsideUpper = bestUpper;
    const levels = nodes.levels;
    let finished = levels.length - 1;
    for (let level = Math.min(startLevel, finished); level < levels.length; level++) {
      const grid = levels[level];
      if (grid === undefined) break;
      const top = level === levels.length - 1;
      into.count = outsideCount;
      bestUpper = outsideUpper;
      admit = bestUpper === Infinity ? Infinity : (bestUpper + rho) * (bestUpper + rho);
      const {
        cellTiles,
        columns: gridColumns,
        rows: gridRows,
        start: cellStart,
        slots: cellSlots,
        xyz: cellXyz,
      } = grid;
      const gridColumn = Math.floor(column / cellTiles);
      const gridRow = Math.floor(row / cellTiles);
      const lastRing = Math.max(
        gridColumn,
        gridColumns - 1 - gridColumn,
        gridRow,
        gridRows - 1 - gridRow,
      );
      const maxRing = top ? lastRing : Math.min(lastRing, 2);
      let done = false;
      for (let ring = 0; ring <= maxRing; ring++) {
        if (ring >= 2 && ringLowerBound(level, cellTiles, ring) > bestUpper) {
          done = true;
          break;
        }
        const r0 = gridRow - ring;
        const r1 = gridRow + ring;
        const c0 = gridColumn - ring;
        const c1 = gridColumn + ring;
        const rowFirst = Math.max(0, r0);
        const rowLast = Math.min(gridRows - 1, r1);
        for (let r = rowFirst; r <= rowLast; r++) {
          const base = r * gridColumns;
          // Up to two runs of cells in this row: the whole span on the ring's first and last
          // rows, its two ends on the rows between.
          let from0 = 0;
          let to0 = 0;
          let from1 = 0;
          let to1 = 0;
          if (r === r0 || r === r1) {
            from0 = cellStart[base + Math.max(0, c0)] ?? 0;
            to0 = cellStart[base + Math.min(gridColumns - 1, c1) + 1] ?? 0;
          } else {
            if (c0 >= 0) {
              from0 = cellStart[base + c0] ?? 0;
              to0 = cellStart[base + c0 + 1] ?? 0;
            }
            if (c1 < gridColumns) {
              from1 = cellStart[base + c1] ?? 0;
              to1 = cellStart[base + c1 + 1] ?? 0;
            }
          }
          for (let run = 0; run < 2; run++) {
            const from = run === 0 ? from0 : from1;
            const to = run === 0 ? to0 : to1;
            for (let p = from; p < to; p++) {
              const slot = cellSlots[p] ?? 0;
              if (slot === exclude) continue;
              const dx = (cellXyz[3 * p] ?? 0) - cx;
              const dy = (cellXyz[3 * p + 1] ?? 0) - cy;
              const dz = (cellXyz[3 * p + 2] ?? 0) - cz;
              const c2 = dx * dx + dy * dy + dz * dz;
              if (c2 > admit) continue;
              const e = Math.sqrt(c2);
              into.push(slot, e);
              if (e + rho < bestUpper) {
                bestUpper = e + rho;
                admit = (bestUpper + rho) * (bestUpper + rho);
              }
            }
          }
        }
      }
      if (
        done ||
        top ||
        maxRing === lastRing ||
        ringLowerBound(level, cellTiles, maxRing + 1) > bestUpper
      ) {
        finished = level;
        break;
      }
    }
    // Keep the nodes that can be nearest to some unit, sorted by centre distance: within
    // bestUpper + rho of the centre, and not beaten everywhere by the node nearest the centre.
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
      if (j !== nearestJ && beatenEverywhere(slot, e * e - nearestE2, twoRho, ax, ay, az)) continue;
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
    lastBestUpper = bestUpper;
    return finished;
  };

  const gatherCandidates = (t: number, exclude: number, startLevel = 0): number => {
    const column = t % units.columns;
    return gatherAround(
      candidates,
      tileCentre[3 * t] ?? 0,
      tileCentre[3 * t + 1] ?? 0,
      tileCentre[3 * t + 2] ?? 0,
      tileRadius[t] ?? 0,
      column,
      (t - column) / units.columns,
      exclude,
      startLevel,
    );
  };

  /**
   * The finest level whose first two rings would have bounded a search that ended with
   * `upper`: a good place to start the next, neighbouring tile.
   */
  const levelFor = (upper: number): number => {
    const levels = nodes.levels;
    for (let level = 0; level < levels.length; level++) {
      if (ringLowerBound(level, levels[level]?.cellTiles ?? 1, 3) > upper) return level;
    }
    return levels.length - 1;
  };

  const haversineTo = (k: number, slot: number): number => {
    const i = units.order[k] ?? 0;
    return haversine(
      demandLon[i] ?? 0,
      demandLat[i] ?? 0,
      nodes.lon[slot] ?? 0,
      nodes.lat[slot] ?? 0,
    );
  };

  /** True when node `slot` at squared chord c2 beats unit k's current nearest (haversine, then id). */
  const beats = (k: number, slot: number, c2: number): boolean => {
    const current = nearest[k] ?? -1;
    if (current < 0) return true;
    const root = Math.sqrt(best[k] ?? Infinity);
    if (c2 < (root - TIE) * (root - TIE) && root > TIE) return true;
    if (c2 > (root + TIE) * (root + TIE)) return false;
    if (current === slot) return false;
    const challenger = haversineTo(k, slot);
    const holder = haversineTo(k, current);
    if (challenger !== holder) return challenger < holder;
    return (nodes.ids[slot] ?? '') < (nodes.ids[current] ?? '');
  };

  const isCovered = (k: number): number => {
    const slot = nearest[k] ?? -1;
    if (slot < 0) return 0;
    const cls = units.urban[k] ?? 0;
    const c2 = best[k] ?? Infinity;
    const limit = threshold[cls] ?? 0;
    const tolerance = thresholdTolerance[cls] ?? 0;
    if (c2 < limit - tolerance) return 1;
    if (c2 > limit + tolerance) return 0;
    return haversineTo(k, slot) <= (radius[cls] ?? 0) ? 1 : 0;
  };

  /**
   * Nearest node of unit k among `list` (sorted by distance, with lower bounds), in order until a
   * lower bound rules out the rest; writes nearest/best and returns the squared chord. A clear win
   * needs no tie-break; within a micrometre, the reference formula and the ids decide.
   */
  const nearestAmong = (k: number, list: Candidates): number => {
    const ux = xyz[3 * k] ?? 0;
    const uy = xyz[3 * k + 1] ?? 0;
    const uz = xyz[3 * k + 2] ?? 0;
    const node = nodes.xyz;
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
        if (!beats(k, slot, c2)) continue;
      }
      bestSlot = slot;
      bestC2 = c2;
      bound = c2 + TIE_GAP;
      clear = c2 - TIE_GAP;
    }
    nearest[k] = bestSlot;
    best[k] = bestC2;
    return bestC2;
  };

  const assignFromCandidates = (k: number): void => {
    nearestAmong(k, candidates);
  };

  const subCandidates = new Candidates();
  /** Where assignRange adds covered residents (set by computeTiles). */
  let coveredTarget: Float64Array = new Float64Array(0);

  /**
   * Narrows a candidate list to the nodes that can be nearest to some unit within chord `radius`
   * of (cx, cy, cz), a region inside the one the list was gathered for (same rule as a search),
   * into `into`, sorted by distance from the new centre.
   */
  const narrow = (
    source: Candidates,
    into: Candidates,
    cx: number,
    cy: number,
    cz: number,
    radius: number,
  ): void => {
    const rho = radius + BOUND_SLACK;
    const node = nodes.xyz;
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
      if (j !== nearestJ && beatenEverywhere(slot, c2 - nearestC2, twoRho, ax, ay, az)) continue;
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
  };

  /**
   * Sets unit k's covered flag from its squared chord c2 to its nearest node (exact near the
   * edge) and adds its residents to the district sums when covered (mutates).
   */
  const settle = (k: number, c2: number): void => {
    const urban = units.urban[k] ?? 0;
    const limit = threshold[urban] ?? 0;
    const tolerance = thresholdTolerance[urban] ?? 0;
    let flag = 0;
    if (c2 < limit - tolerance) flag = 1;
    else if (c2 <= limit + tolerance) flag = isCovered(k);
    covered[k] = flag;
    if (flag === 1) {
      const bucket = 2 * (units.district[k] ?? 0) + urban;
      coveredTarget[bucket] = (coveredTarget[bucket] ?? 0) + (units.population[k] ?? 0);
    }
  };

  /**
   * Assigns units start … end − 1 their nearest node among `list` (sorted, with lower bounds),
   * sets covered flags and adds covered residents to the district sums (mutates). Returns the
   * largest squared chord found, for the tile's reach.
   */
  const assignRange = (start: number, end: number, list: Candidates): number => {
    const unitXyz = xyz;
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
          c2 = nearestAmong(k, list);
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
        bestC2 = nearestAmong(k, list);
      } else {
        nearestOut[k] = slots[bestJ] ?? 0;
        bestOut[k] = bestC2;
      }
      if (bestC2 > farthest) farthest = bestC2;
      settle(k, bestC2);
    }
    return farthest;
  };

  const computeTiles = (
    coveredByClass: Float64Array,
    nextChunk?: () => number,
    chunkBlocks = CHUNK_BLOCKS,
  ): number => {
    coveredTarget = coveredByClass;
    let maxReach = 0;
    const total = units.blockStart.length - 1;
    const chunk = Math.max(1, Math.floor(chunkBlocks));
    let sequential = 0;
    for (;;) {
      const from = (nextChunk === undefined ? sequential++ : nextChunk()) * chunk;
      if (!(from < total)) break;
      const reach = computeBlocks(from, Math.min(total, from + chunk));
      if (reach > maxReach) maxReach = reach;
    }
    return maxReach;
  };

  const blockCandidates = new Candidates();

  /**
   * Recomputes the units of blocks from … to − 1; returns the largest tile reach. A block of
   * several tiles first gathers one candidate list for the whole block (one ring search instead of
   * one per tile); when that list is short, each tile narrows it instead of searching itself, and
   * a tile of a few units uses it as it is.
   */
  const computeBlocks = (from: number, to: number): number => {
    const { blockOrder, blockStart, blockCentre, blockRadius } = units;
    let maxReach = 0;
    // Neighbouring tiles need similar search levels: start where the last one would have been
    // answered in two rings.
    let levelHint = 0;
    for (let b = from; b < to; b++) {
      const first = blockStart[b] ?? 0;
      const last = blockStart[b + 1] ?? 0;
      let shared = false;
      let sparse = false;
      if (last - first >= 2) {
        const t0 = blockOrder[first] ?? 0;
        const column = t0 % units.columns;
        gatherAround(
          blockCandidates,
          blockCentre[3 * b] ?? 0,
          blockCentre[3 * b + 1] ?? 0,
          blockCentre[3 * b + 2] ?? 0,
          blockRadius[b] ?? 0,
          column,
          (t0 - column) / units.columns,
          -1,
          Math.max(1, levelHint),
        );
        shared = blockCandidates.count <= SHARED_BLOCK_CANDIDATES;
        sparse = blockCandidates.count <= SPARSE_BLOCK_CANDIDATES;
      }
      for (let o = first; o < last; o++) {
        const t = blockOrder[o] ?? 0;
        if (sparse && (tileStart[t + 1] ?? 0) - (tileStart[t] ?? 0) <= SPARSE_TILE_UNITS) {
          // A tile of a few units: comparing them with the block's nodes costs less than a
          // search or a narrowing for them.
          const reach = computeTile(t, blockCandidates);
          if (reach > maxReach) maxReach = reach;
          continue;
        }
        if (shared) {
          narrow(
            blockCandidates,
            candidates,
            tileCentre[3 * t] ?? 0,
            tileCentre[3 * t + 1] ?? 0,
            tileCentre[3 * t + 2] ?? 0,
            tileRadius[t] ?? 0,
          );
        } else {
          gatherCandidates(t, -1, levelHint);
          levelHint = levelFor(lastBestUpper);
        }
        const reach = computeTile(t, candidates);
        if (reach > maxReach) maxReach = reach;
      }
    }
    return maxReach;
  };

  /** Assigns the units of tile t from `candidates` (per sub-cell when crowded); returns its reach. */
  const computeTile = (t: number, list: Candidates): number => {
    const { tileSubStart, subBegin, subCentre, subRadius } = units;
    const start = tileStart[t] ?? 0;
    const end = tileStart[t + 1] ?? 0;
    const firstSub = tileSubStart[t] ?? 0;
    const lastSub = tileSubStart[t + 1] ?? 0;
    let farthest = 0;
    if (lastSub > firstSub && list.count > 1) {
      for (let s = firstSub; s < lastSub; s++) {
        narrow(
          list,
          subCandidates,
          subCentre[3 * s] ?? 0,
          subCentre[3 * s + 1] ?? 0,
          subCentre[3 * s + 2] ?? 0,
          subRadius[s] ?? 0,
        );
        const subEnd = s + 1 < lastSub ? (subBegin[s + 1] ?? end) : end;
        farthest = Math.max(farthest, assignRange(subBegin[s] ?? start, subEnd, subCandidates));
      }
    } else {
      farthest = assignRange(start, end, list);
    }
    const reach = Math.sqrt(farthest) + (tileRadius[t] ?? 0) + 2 * BOUND_SLACK + TIE;
    tileReach[t] = reach * reach;
    return reach;
  };

  return {
    setRule,
    gatherCandidates,
    assignFromCandidates,
    beats,
    isCovered,
    haversineTo,
    computeTiles,
  };
}
