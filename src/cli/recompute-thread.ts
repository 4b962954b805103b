import type * as Esbuild from 'esbuild';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { RecomputeHelper, ShardJob, ShardSetup } from '../core/coverage/parallel-recompute.ts';

/** Control words shared with the thread. */
const READY = 0;
const DONE = 1;
const FAILED = 2;

/** How long a recompute waits for the thread before doing its part itself. */
const JOB_TIMEOUT_MS = 60_000;

/** The TypeScript worker loaded through tsx, as bin/cq-atlas.mjs loads the CLI. */
const TSX_ENTRY = new URL('./recompute-thread-entry.mjs', import.meta.url);
let bundledWorker: URL | null | undefined;

/**
 * The worker and the coverage kernel bundled into one ES module by esbuild (once per process, as
 * a data: URL), or null where esbuild is not installed. A bundled kernel ran recomputes of
 * 1.3 M units × 5,000 nodes on two threads in a median of 26.9–29.0 ms against 27.3–34.4 ms
 * through tsx (six alternating runs of 50 recomputes each).
 */
function bundledWorkerScript(): URL | null {
  if (bundledWorker !== undefined) return bundledWorker;
  bundledWorker = null;
  try {
    const esbuild = createRequire(import.meta.url)('esbuild') as typeof Esbuild;
    const built = esbuild.buildSync({
      entryPoints: [fileURLToPath(new URL('./recompute-thread-worker.ts', import.meta.url))],
      bundle: true,
      format: 'esm',
      platform: 'node',
      write: false,
      logLevel: 'silent',
    });
    const code = built.outputFiles[0]?.contents;
    if (code !== undefined) {
      bundledWorker = new URL(
        `data:text/javascript;base64,${Buffer.from(code).toString('base64')}`,
      );
    }
  } catch {
    // No esbuild (or the bundle failed): the threads load the worker through tsx instead.
  }
  return bundledWorker;
}

/** A {@link RecomputeHelper} on `node:worker_threads` threads, for the CLI and the benchmark. */
export interface ThreadRecomputeHelper extends RecomputeHelper {
  /** Blocks until every thread is ready or `timeoutMs` passed; true when ready. */
  waitUntilReady(timeoutMs: number): boolean;
  /** True when the threads run the worker bundled by esbuild, false when loaded through tsx. */
  readonly bundled: boolean;
  /** Jobs the threads completed successfully. */
  readonly jobsDone: number;
  /** Stops the threads; the engine then computes alone. */
  close(): Promise<void>;
}

/** One helper thread and the words it signals through. */
interface HelperThread {
  readonly worker: Worker;
  readonly control: Int32Array;
  /** This thread's sums (see ShardSetup.sums), added up into the engine's after each job. */
  sums: Float64Array;
}

/**
 * Starts the helper threads (src/cli/recompute-thread-worker.ts, bundled with the kernel by
 * esbuild, or loaded through tsx like the CLI where esbuild is missing). With one thread (the
 * default) the engine computes beside it; with two or more the helper is `solo`: its threads take
 * every chunk between them and the engine's thread only waits, so on a two-core machine both
 * cores run a kernel in a small heap of its own. The threads do not keep the process alive. One
 * helper serves one engine.
 */
export function createThreadRecomputeHelper(
  options: {
    readonly threads?: number;
    /** Load the worker bundled by esbuild where it is installed (default), or through tsx. */
    readonly bundled?: boolean;
  } = {},
): ThreadRecomputeHelper {
  const count = Math.max(1, Math.floor(options.threads ?? 1));
  const bundled = options.bundled === false ? null : bundledWorkerScript();
  const script = bundled ?? TSX_ENTRY;
  let broken = false;
  let sequence = 0;
  let jobsDone = 0;
  let engineSums: Float64Array | null = null;
  const threads: HelperThread[] = Array.from({ length: count }, () => {
    const control = new Int32Array(new SharedArrayBuffer(4 * 4));
    const worker = new Worker(script, {
      workerData: { control },
    });
    worker.unref();
    worker.on('error', () => {
      broken = true;
    });
    worker.on('exit', () => {
      broken = true;
    });
    return { worker, control, sums: new Float64Array(0) };
  });
  const stop = (): void => {
    broken = true;
    for (const thread of threads) void thread.worker.terminate();
  };
  return {
    solo: count >= 2,
    bundled: bundled !== null,
    get ready() {
      return !broken && threads.every((thread) => Atomics.load(thread.control, READY) === 1);
    },
    get jobsDone() {
      return jobsDone;
    },
    waitUntilReady(timeoutMs) {
      const deadline = performance.now() + timeoutMs;
      for (const { control } of threads) {
        while (Atomics.load(control, READY) !== 1) {
          const left = deadline - performance.now();
          if (left <= 0) return false;
          Atomics.wait(control, READY, 0, left);
        }
      }
      return !broken;
    },
    attach(setup: ShardSetup) {
      engineSums = setup.sums;
      for (const thread of threads) {
        // With one thread it writes the engine's sums; with several, each its own, added up here.
        thread.sums =
          count === 1 ? setup.sums : new Float64Array(new SharedArrayBuffer(setup.sums.byteLength));
        thread.worker.postMessage({ type: 'attach', setup: { ...setup, sums: thread.sums } });
      }
    },
    start(job: ShardJob) {
      sequence = (sequence + 1) | 0;
      const expected = sequence;
      for (const { worker } of threads)
        worker.postMessage({ type: 'job', sequence: expected, job });
      return () => {
        const deadline = performance.now() + JOB_TIMEOUT_MS;
        let ok = true;
        for (const { control } of threads) {
          for (;;) {
            const seen = Atomics.load(control, DONE);
            if (seen === expected) {
              if (Atomics.load(control, FAILED) !== 0) ok = false;
              break;
            }
            const left = deadline - performance.now();
            if (left <= 0) {
              stop();
              return false;
            }
            Atomics.wait(control, DONE, seen, left);
          }
        }
        if (!ok) return false;
        if (count > 1 && engineSums !== null) {
          const last = engineSums.length - 1;
          engineSums.fill(0);
          for (const { sums } of threads) {
            for (let b = 0; b < last; b++) engineSums[b] = (engineSums[b] ?? 0) + (sums[b] ?? 0);
            engineSums[last] = Math.max(engineSums[last] ?? 0, sums[last] ?? 0);
          }
        }
        jobsDone++;
        return true;
      };
    },
    async close() {
      broken = true;
      await Promise.all(threads.map((thread) => thread.worker.terminate()));
    },
  };
}
