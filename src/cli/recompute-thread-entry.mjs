// Entry of the recompute helper thread: loads the TypeScript worker through tsx, as bin/cq-atlas.mjs
// does for the CLI.
import { register } from 'tsx/esm/api';

register();
await import('./recompute-thread-worker.ts');
