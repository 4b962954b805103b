import type { RadiusPair } from './coverage-rule.ts';
import type { NodeSet } from './node-set.ts';
import type { UnitIndex } from './unit-index.ts';
import { createRangeAssigner } from './kernel/assign-range.ts';
import { CHUNK_BLOCKS } from './kernel/bounds.ts';
import { Candidates } from './kernel/candidates.ts';
import type { EngineState } from './kernel/engine-state.ts';
import { ExactNearest } from './kernel/exact-nearest.ts';
import { RingSearch } from './kernel/ring-search.ts';
import { createTilePass } from './kernel/tile-pass.ts';

/**
 * The per-tile nearest-node search of the coverage engine, shared by the engine and by a
 * recompute shard on another thread (see parallel-recompute.ts). Internal to src/core/coverage.
 * Its stages live in ./kernel/: the bounds and pruning rule (bounds.ts), candidate lists
 * (candidates.ts), the ring search over the node grids (ring-search.ts), the exact per-unit rules
 * (exact-nearest.ts), the per-unit assignment (assign-range.ts) and the full-recompute pass over
 * blocks and tiles (tile-pass.ts); this module wires them into a {@link TileKernel}.
 */

export { BOUND_SLACK, CHUNK_BLOCKS } from './kernel/bounds.ts';
export { createEngineState, type EngineState } from './kernel/engine-state.ts';

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
  const exact = new ExactNearest(context, initialRule);
  const search = new RingSearch(units, nodes);
  const assigner = createRangeAssigner(units, state, exact);
  /** The list gatherCandidates fills and assignFromCandidates reads (a full recompute's too). */
  const candidates = new Candidates();
  const pass = createTilePass(units, nodes, search, assigner, state.tileReach, candidates);
  return {
    setRule: (rule) => {
      exact.setRule(rule);
    },
    gatherCandidates: (t, exclude, startLevel = 0) =>
      pass.gatherTile(candidates, t, exclude, startLevel),
    assignFromCandidates: (k) => {
      exact.nearestAmong(k, candidates);
    },
    beats: (k, slot, c2) => exact.beats(k, slot, c2),
    isCovered: (k) => exact.isCovered(k),
    haversineTo: (k, slot) => exact.haversineTo(k, slot),
    computeTiles: (coveredByClass, nextChunk, chunkBlocks = CHUNK_BLOCKS) =>
      pass.computeTiles(coveredByClass, nextChunk, chunkBlocks),
  };
}
