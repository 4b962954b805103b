import type { NodeSet } from '../node-set.ts';
import type { UnitIndex } from '../unit-index.ts';
import type { RangeAssigner } from './assign-range.ts';
import {
  CHUNK_BLOCKS,
  reachOf as tileReachOf,
  SHARED_BLOCK_CANDIDATES as SHARED_BLOCK,
  SPARSE_BLOCK_CANDIDATES as SPARSE_BLOCK,
  SPARSE_TILE_UNITS as SPARSE_TILE,
} from './bounds.ts';
import { Candidates, narrowCandidates } from './candidates.ts';
import type { RingSearch } from './ring-search.ts';

/**
 * The full-recompute pass of the tile kernel: chunks of occupied blocks, then per block one
 * shared candidate search, per tile a search or a narrowing of the block's list, per crowded
 * tile a narrowing per sub-cell, and per unit the exact assignment (see assign-range.ts).
 * Internal to src/core/coverage.
 */

// Module-local copies: some loaders (tsx) turn imported bindings into getters, which would cost a
// call per use inside the per-tile loops.
const SHARED_BLOCK_CANDIDATES = SHARED_BLOCK;
const SPARSE_BLOCK_CANDIDATES = SPARSE_BLOCK;
const SPARSE_TILE_UNITS = SPARSE_TILE;
const narrow = narrowCandidates;
const reachOf = tileReachOf;

export interface TilePass {
  /** Fills `into` for tile t, leaving out slot `exclude` (or -1); see RingSearch.gather. */
  readonly gatherTile: (into: Candidates, t: number, exclude: number, startLevel: number) => number;
  /** See TileKernel.computeTiles. */
  readonly computeTiles: (
    coveredByClass: Float64Array,
    nextChunk?: () => number,
    chunkBlocks?: number,
  ) => number;
}

/**
 * Creates the full-recompute pass; `candidates` is the kernel's tile list (the one
 * gatherCandidates fills), which the pass reuses.
 */
export function createTilePass(
  units: UnitIndex,
  nodes: NodeSet,
  search: RingSearch,
  assigner: RangeAssigner,
  tileReach: Float64Array,
  candidates: Candidates,
): TilePass {
  const computeTile = createComputeTile(units, nodes, assigner, tileReach);
  const computeBlocks = createComputeBlocks(units, nodes, search, candidates, computeTile);
  const computeTiles = (
    coveredByClass: Float64Array,
    nextChunk?: () => number,
    chunkBlocks = CHUNK_BLOCKS,
  ): number => {
    assigner.setTarget(coveredByClass);
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
  return {
    gatherTile: (into, t, exclude, startLevel) =>
      gatherTile(units, search, into, t, exclude, startLevel),
    computeTiles,
  };
}

/** Assigns the units of tile t from a list; returns the tile's reach (a chord). */
type ComputeTile = (t: number, list: Candidates) => number;

/**
 * Recomputes the units of blocks from … to − 1; returns the largest tile reach. A block of
 * several tiles first gathers one candidate list for the whole block (one ring search instead of
 * one per tile); when that list is short, each tile narrows it instead of searching itself, and
 * a tile of a few units uses it as it is.
 */
function createComputeBlocks(
  units: UnitIndex,
  nodes: NodeSet,
  search: RingSearch,
  candidates: Candidates,
  computeTile: ComputeTile,
): (from: number, to: number) => number {
  const blockCandidates = new Candidates();
  return (from: number, to: number): number => {
    const { blockOrder, blockStart, tileStart, tileCentre, tileRadius } = units;
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
        gatherBlock(units, search, blockCandidates, b, Math.max(1, levelHint));
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
            nodes.xyz,
            tileCentre[3 * t] ?? 0,
            tileCentre[3 * t + 1] ?? 0,
            tileCentre[3 * t + 2] ?? 0,
            tileRadius[t] ?? 0,
          );
        } else {
          gatherTile(units, search, candidates, t, -1, levelHint);
          levelHint = search.levelFor(search.lastBestUpper);
        }
        const reach = computeTile(t, candidates);
        if (reach > maxReach) maxReach = reach;
      }
    }
    return maxReach;
  };
}

/** Assigns the units of tile t from `list` (per sub-cell when crowded); returns its reach. */
function createComputeTile(
  units: UnitIndex,
  nodes: NodeSet,
  assigner: RangeAssigner,
  tileReach: Float64Array,
): ComputeTile {
  const { assign } = assigner;
  const subCandidates = new Candidates();
  return (t: number, list: Candidates): number => {
    const { tileStart, tileSubStart, subBegin, subCentre, subRadius } = units;
    const start = tileStart[t] ?? 0;
    const end = tileStart[t + 1] ?? 0;
    const firstSub = tileSubStart[t] ?? 0;
    const lastSub = tileSubStart[t + 1] ?? 0;
    let farthest = 0;
    if (lastSub > firstSub && list.count > 1) {
      const sub = subCandidates;
      for (let s = firstSub; s < lastSub; s++) {
        narrow(
          list,
          sub,
          nodes.xyz,
          subCentre[3 * s] ?? 0,
          subCentre[3 * s + 1] ?? 0,
          subCentre[3 * s + 2] ?? 0,
          subRadius[s] ?? 0,
        );
        const subEnd = s + 1 < lastSub ? (subBegin[s + 1] ?? end) : end;
        farthest = Math.max(farthest, assign(subBegin[s] ?? start, subEnd, sub));
      }
    } else {
      farthest = assign(start, end, list);
    }
    const reach = reachOf(farthest, units.tileRadius[t] ?? 0);
    tileReach[t] = reach * reach;
    return reach;
  };
}

/** Fills `into` for tile t, leaving out slot `exclude` (or -1); see RingSearch.gather. */
function gatherTile(
  units: UnitIndex,
  search: RingSearch,
  into: Candidates,
  t: number,
  exclude: number,
  startLevel: number,
): number {
  const { tileCentre, tileRadius } = units;
  const column = t % units.columns;
  return search.gather(
    into,
    tileCentre[3 * t] ?? 0,
    tileCentre[3 * t + 1] ?? 0,
    tileCentre[3 * t + 2] ?? 0,
    tileRadius[t] ?? 0,
    column,
    (t - column) / units.columns,
    exclude,
    startLevel,
  );
}

/** Gathers the shared candidate list of block b (its first tile's cell anchors the rings). */
function gatherBlock(
  units: UnitIndex,
  search: RingSearch,
  into: Candidates,
  b: number,
  startLevel: number,
): void {
  const { blockCentre, blockRadius } = units;
  const t0 = units.blockOrder[units.blockStart[b] ?? 0] ?? 0;
  const column = t0 % units.columns;
  search.gather(
    into,
    blockCentre[3 * b] ?? 0,
    blockCentre[3 * b + 1] ?? 0,
    blockCentre[3 * b + 2] ?? 0,
    blockRadius[b] ?? 0,
    column,
    (t0 - column) / units.columns,
    -1,
    startLevel,
  );
}
