import type { RadiusPair } from './coverage-rule.ts';
import { NodeSet, type NodeSnapshot } from './node-set.ts';
import { createTileKernel, type EngineState, type TileKernel } from './tile-kernel.ts';
import type { UnitIndex } from './unit-index.ts';

/**
 * A full recompute split across two threads on shared memory: the engine and a helper thread
 * (with its own copy of the node set) take chunks of occupied blocks from a shared atomic counter
 * until none are left, writing into the same per-unit arrays, so the faster thread simply does
 * more chunks. Every unit is computed by exactly one side with the
 * same exact rules, so the answers are identical to a one-thread recompute. This module is
 * environment-neutral: the thread itself is provided by the caller (a `node:worker_threads`
 * helper for the CLI and the benchmark, see src/cli/recompute-thread.ts).
 */

/** Everything a shard needs, on shared memory (SharedArrayBuffer). Structured-cloneable. */
export interface ShardSetup {
  readonly units: UnitIndex;
  /** The demand's coordinates in the caller's order (exact tie-breaks). */
  readonly lon: Float64Array;
  readonly lat: Float64Array;
  readonly state: EngineState;
  /** The next chunk number to compute, shared by both threads (Atomics.add). */
  readonly counter: Int32Array;
  /**
   * Written by the shard after each job: covered residents by district and class (2 per
   * district: rural, urban), then the largest tile reach it found (last element).
   */
  readonly sums: Float64Array;
}

/** A full recompute to help with: take chunks from the shared counter until none are left. */
export interface ShardJob {
  /** Occupied blocks per chunk. */
  readonly chunkBlocks: number;
  readonly rule: RadiusPair;
  /** The node slots, sent only when they changed since the shard's last job. */
  readonly nodes?: NodeSnapshot;
}

/** Runs part of a full recompute on another thread. */
export interface RecomputeHelper {
  /** True once the thread can take jobs; until then the engine computes alone. */
  readonly ready: boolean;
  /**
   * True when the helper takes every chunk on threads of its own and the engine's thread only
   * waits (a helper of two threads on a two-core machine); otherwise both take chunks.
   */
  readonly solo?: boolean;
  /** Hands the shared arrays to the thread (once per engine). */
  attach(setup: ShardSetup): void;
  /**
   * Starts a job and returns a function that blocks until it is done. That function returns
   * false when the helper failed or timed out; the engine then recomputes everything itself.
   */
  start(job: ShardJob): () => boolean;
}

/** True where shared memory exists (Node; browsers only when cross-origin isolated). */
export function sharedMemoryAvailable(): boolean {
  return typeof SharedArrayBuffer === 'function';
}

type NumericArray = Float64Array | Int32Array | Uint32Array | Uint16Array | Uint8Array;

/** A copy of a typed array on a SharedArrayBuffer, same type. */
export function sharedCopy<T extends NumericArray>(array: T): T {
  const Kind = array.constructor as new (buffer: SharedArrayBuffer) => T;
  const copy = new Kind(new SharedArrayBuffer(array.byteLength));
  (copy as { set(values: ArrayLike<number>): void }).set(array);
  return copy;
}

/** The helper thread's side: a kernel over the shared arrays with its own node set. */
export interface RecomputeShard {
  /** Computes a job into the shared state and writes the sums (mutates shared memory). */
  run(job: ShardJob): void;
}

export function createRecomputeShard(setup: ShardSetup): RecomputeShard {
  const nodes = new NodeSet(setup.units);
  let kernel: TileKernel | null = null;
  const { sums } = setup;
  const byClass = sums.subarray(0, sums.length - 1);
  return {
    run(job) {
      if (job.nodes !== undefined) nodes.restore(job.nodes);
      kernel ??= createTileKernel(
        { units: setup.units, nodes, lon: setup.lon, lat: setup.lat, state: setup.state },
        job.rule,
      );
      kernel.setRule(job.rule);
      byClass.fill(0);
      const { counter } = setup;
      sums[sums.length - 1] = kernel.computeTiles(
        byClass,
        () => Atomics.add(counter, 0, 1),
        job.chunkBlocks,
      );
    },
  };
}
