#!/usr/bin/env node
// `cq-atlas` / `npm run coverage -- …`: runs the CLI prebuilt into dist-cli/cq-atlas.mjs by
// scripts/build-cli.mjs (`npm run build:cli`, run by `npm ci` and before the unit tests). Where
// that bundle is missing or older than one of its source files, it says so on stderr and runs the
// TypeScript sources (src/cli/cq-atlas.ts) through tsx instead, which starts about 1.5 s slower.
import { readFileSync, statSync } from 'node:fs';

const root = new URL('..', import.meta.url);
const bundle = new URL('dist-cli/cq-atlas.mjs', root);

/** Why the bundle cannot be used ('' when it can): missing, or older than a source it holds. */
function bundleProblem() {
  let builtAt;
  let inputs;
  try {
    builtAt = statSync(bundle).mtimeMs;
    ({ inputs } = JSON.parse(readFileSync(new URL('dist-cli/inputs.json', root), 'utf8')));
  } catch {
    return 'dist-cli/cq-atlas.mjs is missing';
  }
  for (const input of inputs) {
    let changedAt;
    try {
      changedAt = statSync(new URL(input, root)).mtimeMs;
    } catch {
      return `${input} (bundled in dist-cli/cq-atlas.mjs) is gone`;
    }
    if (changedAt > builtAt) return `${input} changed after dist-cli/cq-atlas.mjs was built`;
  }
  return '';
}

try {
  const problem = bundleProblem();
  let runCli;
  if (problem === '') {
    ({ runCli } = await import(bundle.href));
  } else {
    process.stderr.write(
      `cq-atlas: note: ${problem}; running the TypeScript sources through tsx (slower start). ` +
        '`npm run build:cli` builds the bundle.\n',
    );
    const { register } = await import('tsx/esm/api');
    register();
    ({ runCli } = await import('../src/cli/cq-atlas.ts'));
  }
  process.exitCode = await runCli(process.argv.slice(2));
} catch (error) {
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`cq-atlas: could not start: ${message.split('\n')[0]}\n`);
  process.exitCode = 70;
}
