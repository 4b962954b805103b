import { parentPort, workerData } from 'node:worker_threads';
import {
  createRecomputeShard,
  type RecomputeShard,
  type ShardJob,
  type ShardSetup,
} from '../core/coverage/parallel-recompute.ts';

/** The helper thread: runs recompute jobs on shared memory and signals through `control`. */
type Message =
  | { readonly type: 'attach'; readonly setup: ShardSetup }
  | { readonly type: 'job'; readonly sequence: number; readonly job: ShardJob };

const { control } = workerData as { control: Int32Array };
let shard: RecomputeShard | null = null;

parentPort?.on('message', (message: Message) => {
  if (message.type === 'attach') {
    shard = createRecomputeShard(message.setup);
    return;
  }
  let failed = 0;
  try {
    if (shard === null) throw new Error('no engine attached');
    shard.run(message.job);
  } catch {
    failed = 1;
  }
  Atomics.store(control, 2, failed);
  Atomics.store(control, 1, message.sequence);
  Atomics.notify(control, 1);
});
Atomics.store(control, 0, 1);
Atomics.notify(control, 0);
