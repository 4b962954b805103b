// `npm run build:cli` (also run by `npm ci`/`npm install` through `prepare`, and by the unit tests'
// global setup): bundles the cq-atlas CLI (src/cli/cq-atlas.ts and everything it imports) into one
// JavaScript file, dist-cli/cq-atlas.mjs, that bin/cq-atlas.mjs runs with plain Node, so a run no
// longer starts tsx (about 1.4 s of CPU) to compile TypeScript. Beside it, dist-cli/inputs.json
// lists the repository's source files that went into the bundle, so bin/cq-atlas.mjs can tell a
// bundle older than its sources and run the sources through tsx instead.
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildSync } from 'esbuild';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
export const CLI_BUNDLE = join(ROOT, 'dist-cli', 'cq-atlas.mjs');
export const CLI_INPUTS = join(ROOT, 'dist-cli', 'inputs.json');

/** Builds dist-cli/cq-atlas.mjs and dist-cli/inputs.json; returns the bundle's size in bytes. */
export function buildCli() {
  const partial = `${CLI_BUNDLE}.${process.pid}.tmp`;
  mkdirSync(dirname(CLI_BUNDLE), { recursive: true });
  const built = buildSync({
    absWorkingDir: ROOT,
    entryPoints: ['src/cli/cq-atlas.ts'],
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    outfile: partial,
    metafile: true,
    logLevel: 'warning',
    banner: { js: '// Built by scripts/build-cli.mjs from src/cli/cq-atlas.ts; do not edit.' },
  });
  const inputs = Object.keys(built.metafile.inputs)
    .filter((path) => !path.includes('node_modules'))
    .map((path) => relative(ROOT, join(ROOT, path)))
    .sort();
  // The list first, then the bundle (renamed into place whole): a reader never sees a bundle
  // newer than a list that does not describe it, nor half a bundle.
  writeFileSync(CLI_INPUTS, `${JSON.stringify({ inputs }, null, 1)}\n`);
  renameSync(partial, CLI_BUNDLE);
  return Object.values(built.metafile.outputs)[0]?.bytes ?? 0;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const started = performance.now();
  const bytes = buildCli();
  const ms = Math.round(performance.now() - started);
  console.log(
    `${relative(ROOT, CLI_BUNDLE)}: ${(bytes / 1024 / 1024).toFixed(1)} MB, built in ${ms} ms`,
  );
}
