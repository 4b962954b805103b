/** The benchmarks' timing helpers, shared by run.ts and uncertainty-bench.ts. */

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[mid] ?? 0)
    : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

/** A full collection, when the benchmark runs with --expose-gc (npm run bench does). */
const collect = (globalThis as { gc?: () => void }).gc;
const pause = new Int32Array(new SharedArrayBuffer(4));

export function time(fn: () => void): number {
  const start = performance.now();
  fn();
  return performance.now() - start;
}

/**
 * {@link time} for the full-recompute comparisons, where every approach is timed this way:
 * garbage left by the approach timed before is collected first, and the clock starts after a
 * pause in which V8 finishes sweeping on its background threads. On two cores, collector threads
 * busy with what kdbush, flatbush or Turf left behind took a core from the next approach (the
 * two-thread engine most of all: measured 34–37 ms without this, 31 ms with it). Garbage an
 * approach makes itself is still collected on its own time. Not used for the small absolute
 * timings (a node move), which a full collection just before would leave cache-cold.
 */
export function timeQuiet(fn: () => void): number {
  if (collect !== undefined) {
    collect();
    Atomics.wait(pause, 0, 0, 100);
  }
  return time(fn);
}
