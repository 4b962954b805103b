/**
 * Reproducible data build: `npm run data:build` writes the GeoJSON the app loads from the raw open
 * data in `geodata/raw/`; `npm run data:check` (`--check`) rebuilds in memory and fails, naming each
 * file, when the committed output differs, so stale or hand-edited data cannot reach a release.
 *
 * This file is the only part of the build that touches the file system; the builders under
 * `scripts/build-data/` are pure and exported here for tests.
 */
import { readFileSync, writeFileSync, mkdirSync, existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { buildAllOutputs, type BuildOutputs } from './build-data/build-all-outputs.ts';
import {
  parseRawInputs,
  RAW_FILES,
  type RawFileKey,
  type RawInputs,
} from './build-data/raw-inputs.ts';

export { buildAllOutputs, parseRawInputs, RAW_FILES };
export type { BuildOutputs, RawInputs };

/** The repository's `geodata/` folder (this file lives in `scripts/`). */
export const GEODATA_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '..', 'geodata');

/** Reads and parses every raw input under `<geodataDir>/raw/`. */
export function loadRawInputs(geodataDir: string = GEODATA_DIR): RawInputs {
  const texts = {} as Record<RawFileKey, string>;
  for (const [key, rel] of Object.entries(RAW_FILES) as [RawFileKey, string][]) {
    texts[key] = readFileSync(join(geodataDir, 'raw', rel), 'utf8');
  }
  return parseRawInputs(texts);
}

/** Paths (relative to `geodataDir`) whose committed content differs from `files`, or is missing. */
export function findStaleFiles(
  files: ReadonlyMap<string, string>,
  geodataDir: string = GEODATA_DIR,
): string[] {
  const stale: string[] = [];
  for (const [rel, text] of files) {
    const path = join(geodataDir, rel);
    if (!existsSync(path) || readFileSync(path, 'utf8') !== text) stale.push(rel);
  }
  return stale;
}

function main(argv: readonly string[]): number {
  const check = argv.includes('--check');
  const outputs = buildAllOutputs(loadRawInputs());
  if (check) {
    const stale = findStaleFiles(outputs.files);
    if (stale.length > 0) {
      console.error(
        `data:check failed: ${stale.length} file(s) differ from a fresh build of geodata/raw/:\n` +
          stale.map((rel) => `  geodata/${rel}`).join('\n') +
          '\nRun `npm run data:build` and commit the result (do not edit generated files by hand).',
      );
      return 1;
    }
    console.log(`data:check ok: ${outputs.files.size} files match a fresh build.`);
    return 0;
  }
  for (const [rel, text] of outputs.files) {
    const path = join(GEODATA_DIR, rel);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, text);
  }
  for (const [layer, features] of outputs.layers)
    console.log(`layers/${layer}.geojson: ${features.length} features`);
  const moved = [...outputs.layers.values()]
    .flat()
    .filter((f) => / was moved about \d+ m inside/.test(f.properties.position_note_en));
  for (const f of moved) console.log(`moved inside its district: ${f.properties.id}`);
  console.log(`data:build wrote ${outputs.files.size} files under geodata/.`);
  return 0;
}

const invokedDirectly =
  process.argv[1] !== undefined && import.meta.url === pathToFileURL(resolve(process.argv[1])).href;
if (invokedDirectly) process.exitCode = main(process.argv.slice(2));
