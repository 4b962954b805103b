import { sharedCopy, type RecomputeHelper } from '../parallel-recompute.ts';
import { CHUNK_BLOCKS } from '../tile-kernel.ts';
import type { EngineCore } from './engine-core.ts';

/**
 * The engine's full recompute: every unit from scratch (nearest node, distance, covered), on the
 * engine's thread or shared with a helper thread (see parallel-recompute.ts).
 */

/** Where a helper shares a recompute: shared sums and chunk counter, and its node version. */
interface HelperLink {
  readonly helper: RecomputeHelper;
  readonly sums: Float64Array;
  readonly counter: Int32Array;
  readonly chunkBlocks: number;
  /** The node-set version the helper last received (-1: none, or after a failure). */
  nodesVersion: number;
}

/**
 * Creates the full recompute of an engine (mutates the per-unit state, the sums and the reach
 * bound when called), attaching `helper` (or null) to the engine's shared arrays once. Per tile,
 * the candidates once; in a crowded tile, narrowed again per sub-cell; per unit, the candidates
 * in order of distance until a lower bound rules out the rest. (Measured against a
 * candidates-outer loop over a tile's units: this is faster, because most units stop after one
 * or two candidates.)
 */
export function createFullRecompute(
  core: EngineCore,
  helper: RecomputeHelper | null,
  parallelChunkBlocks: number | undefined,
): () => void {
  const { units, nodes, state, kernel, coveredByClass } = core;
  const chunkBlocks = Math.max(1, Math.floor(parallelChunkBlocks ?? CHUNK_BLOCKS));
  const link: HelperLink | null =
    helper === null
      ? null
      : {
          helper,
          sums: sharedCopy(new Float64Array(coveredByClass.length + 1)),
          counter: sharedCopy(new Int32Array(1)),
          chunkBlocks,
          nodesVersion: -1,
        };
  link?.helper.attach({
    units,
    lon: core.demandLon,
    lat: core.demandLat,
    state,
    counter: link.counter,
    sums: link.sums,
  });
  return (): void => {
    coveredByClass.fill(0);
    core.maxReach = 0;
    if (nodes.aliveCount === 0) {
      state.nearest.fill(-1);
      state.best.fill(Infinity);
      state.covered.fill(0);
      state.tileReach.fill(Infinity);
      core.maxReach = Infinity;
      return;
    }
    if (link === null || !link.helper.ready || units.blockStart.length - 1 <= chunkBlocks) {
      core.maxReach = kernel.computeTiles(coveredByClass);
      return;
    }
    core.maxReach = recomputeWithHelper(core, link);
  };
}

/** A full recompute shared with the helper; returns the reach bound (see createFullRecompute). */
function recomputeWithHelper(core: EngineCore, link: HelperLink): number {
  const { nodes, kernel, coveredByClass } = core;
  const { helper, sums, counter, chunkBlocks } = link;
  const changed = nodes.version !== link.nodesVersion;
  Atomics.store(counter, 0, 0);
  const done = helper.start({
    chunkBlocks,
    rule: core.rule,
    ...(changed ? { nodes: nodes.snapshot() } : {}),
  });
  link.nodesVersion = nodes.version;
  const mine =
    helper.solo === true
      ? 0
      : kernel.computeTiles(coveredByClass, () => Atomics.add(counter, 0, 1), chunkBlocks);
  if (done()) {
    for (let b = 0; b < coveredByClass.length; b++) {
      coveredByClass[b] = (coveredByClass[b] ?? 0) + (sums[b] ?? 0);
    }
    return Math.max(mine, sums[sums.length - 1] ?? Infinity);
  }
  // The helper failed or timed out, perhaps half-way through a chunk: recompute everything here.
  link.nodesVersion = -1;
  coveredByClass.fill(0);
  return kernel.computeTiles(coveredByClass, undefined, chunkBlocks);
}
