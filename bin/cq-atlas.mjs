#!/usr/bin/env node
// `cq-atlas` / `npm run coverage -- …`: runs the TypeScript CLI (src/cli/cq-atlas.ts) through tsx,
// which this repository already uses for its scripts, so there is no separate build step.
import { register } from 'tsx/esm/api';

register();
try {
  const { runCli } = await import('../src/cli/cq-atlas.ts');
  process.exitCode = await runCli(process.argv.slice(2));
} catch (error) {
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`cq-atlas: could not start: ${message.split('\n')[0]}\n`);
  process.exitCode = 70;
}
