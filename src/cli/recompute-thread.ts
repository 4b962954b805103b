import { Worker } from 'node:worker_threads';
import type { RecomputeHelper, ShardJob, ShardSetup } from '../core/coverage/parallel-recompute.ts';

/** Control words shared with the thread. */
const READY = 0;
const DONE = 1;
const FAILED = 2;

/** How long a recompute waits for the thread before doing its part itself. */
const JOB_TIMEOUT_MS = 60_000;

/** A {@link RecomputeHelper} on a `node:worker_threads` thread, for the CLI and the benchmark. */
export interface ThreadRecomputeHelper extends RecomputeHelper {
  /** Blocks until the thread is ready or `timeoutMs` passed; true when ready. */
  waitUntilReady(timeoutMs: number): boolean;
  /** Jobs the thread completed successfully. */
  readonly jobsDone: number;
  /** Stops the thread; the engine then computes alone. */
  close(): Promise<void>;
}

/**
 * Starts the helper thread (src/cli/recompute-thread-worker.ts, loaded through tsx like the CLI).
 * The thread does not keep the process alive. One helper serves one engine.
 */
export function createThreadRecomputeHelper(): ThreadRecomputeHelper {
  const control = new Int32Array(new SharedArrayBuffer(4 * 4));
  const worker = new Worker(new URL('./recompute-thread-entry.mjs', import.meta.url), {
    workerData: { control },
  });
  worker.unref();
  let broken = false;
  let sequence = 0;
  let jobsDone = 0;
  worker.on('error', () => {
    broken = true;
  });
  worker.on('exit', () => {
    broken = true;
  });
  return {
    get ready() {
      return !broken && Atomics.load(control, READY) === 1;
    },
    get jobsDone() {
      return jobsDone;
    },
    waitUntilReady(timeoutMs) {
      const deadline = performance.now() + timeoutMs;
      while (Atomics.load(control, READY) !== 1) {
        const left = deadline - performance.now();
        if (left <= 0) return false;
        Atomics.wait(control, READY, 0, left);
      }
      return !broken;
    },
    attach(setup: ShardSetup) {
      worker.postMessage({ type: 'attach', setup });
    },
    start(job: ShardJob) {
      sequence = (sequence + 1) | 0;
      const expected = sequence;
      worker.postMessage({ type: 'job', sequence: expected, job });
      return () => {
        const deadline = performance.now() + JOB_TIMEOUT_MS;
        for (;;) {
          const seen = Atomics.load(control, DONE);
          if (seen === expected) {
            const ok = Atomics.load(control, FAILED) === 0;
            if (ok) jobsDone++;
            return ok;
          }
          const left = deadline - performance.now();
          if (left <= 0) {
            broken = true;
            void worker.terminate();
            return false;
          }
          Atomics.wait(control, DONE, seen, left);
        }
      };
    },
    async close() {
      broken = true;
      await worker.terminate();
    },
  };
}
