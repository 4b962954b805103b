/**
 * Reproducible data build: `npm run data:build` writes the GeoJSON the app loads from the raw open
 * data in `geodata/raw/`; `npm run data:check` (`--check`) rebuilds in memory and fails, naming each
 * file, when the committed output differs, and validates the committed files as the app will load
 * them (see `check-geodata.ts`), so stale, hand-edited or incomplete data cannot reach a release.
 * Both print how much of the plan catalogue is on the map, and both fail when it is too little.
 *
 * This file is the only part of the build that touches the file system; the builders under
 * `scripts/build-data/` are pure and exported here for tests.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { CorrectionFile } from '../src/core/plan/position-corrections.ts';
import type { Problem } from '../src/core/result.ts';
import { isStale, STALE_HINT } from './build-data/generated-files.ts';
import { buildAllOutputs, type BuildOutputs } from './build-data/build-all-outputs.ts';
import {
  checkGeodata,
  type CheckReference,
  type GeodataFiles,
  type GeodataReport,
} from './build-data/check-geodata.ts';
import { indicatorEntries } from './build-data/indicators.ts';
import type { Coverage } from './build-data/not-mappable.ts';
import { PlanText } from './build-data/plan-text.ts';
import {
  parseRawInputs,
  RAW_FILES,
  type RawFileKey,
  type RawInputs,
} from './build-data/raw-inputs.ts';

export { buildAllOutputs, checkGeodata, parseRawInputs, RAW_FILES };
export type { BuildOutputs, CheckReference, GeodataFiles, GeodataReport, RawInputs };

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

/**
 * The planners' committed position corrections: every `*.csv` in `<geodataDir>/corrections/`, in
 * name order (none when the folder is missing). @see geodata/corrections/README.md
 */
export function loadCorrectionFiles(geodataDir: string = GEODATA_DIR): CorrectionFile[] {
  const dir = join(geodataDir, 'corrections');
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((name) => name.toLowerCase().endsWith('.csv'))
    .sort()
    .map((name) => ({
      name: `geodata/corrections/${name}`,
      text: readFileSync(join(dir, name), 'utf8'),
    }));
}

/** The corrections' problems as build problems (each line names file and row). */
function correctionProblems(outputs: BuildOutputs): Problem[] {
  return outputs.corrections.problems.map((line) => {
    const at = line.indexOf(': ');
    return { where: line.slice(0, at), message: line.slice(at + 2) };
  });
}

/** Paths (relative to `geodataDir`) whose committed content differs from `files`, or is missing. */
export function findStaleFiles(
  files: ReadonlyMap<string, string>,
  geodataDir: string = GEODATA_DIR,
): string[] {
  const stale: string[] = [];
  for (const [rel, text] of files) {
    if (isStale(join(geodataDir, rel), text)) stale.push(rel);
  }
  return stale;
}

/** What the geodata files are checked against, from the raw inputs. */
export function checkReference(inputs: RawInputs): CheckReference {
  const outline = inputs.outline.features[0];
  if (!outline) throw new Error('the outline has no feature');
  const sichuan = inputs.neighbours.features.find((f) => f.properties.name === '四川省');
  if (!sichuan) throw new Error('the neighbouring provinces have no 四川省');
  return {
    rows: inputs.catalogue,
    districts: inputs.districts,
    outline,
    sichuan,
    plan: new PlanText(inputs.planText),
    indicators: indicatorEntries(inputs.indicators, inputs.rules),
  };
}

/** `catalogue.json` of `geodataDir`, parsed (hand-written; the build reads, never writes it). */
export function readCatalogueJson(geodataDir: string = GEODATA_DIR): unknown {
  return JSON.parse(readFileSync(join(geodataDir, 'catalogue.json'), 'utf8')) as unknown;
}

/** The build's outputs as the check reads them: every generated JSON text, parsed. */
export function geodataFilesOf(outputs: BuildOutputs, catalogue: unknown): GeodataFiles {
  const files = new Map<string, unknown>();
  for (const [rel, text] of outputs.files) {
    if (!rel.startsWith('base/') && !rel.startsWith('labels/'))
      files.set(rel, JSON.parse(text) as unknown);
  }
  return { catalogue, files };
}

/**
 * The committed files under `geodataDir`: the catalogue, every file in `layers/`, not-mappable.json
 * and indicators.json. A file that is not valid JSON is reported as a problem, not thrown.
 */
export function readGeodataFiles(geodataDir: string = GEODATA_DIR): {
  readonly files: GeodataFiles;
  readonly problems: readonly Problem[];
} {
  const problems: Problem[] = [];
  const files = new Map<string, unknown>();
  const paths = [
    ...readdirSync(join(geodataDir, 'layers')).map((f) => `layers/${f}`),
    'not-mappable.json',
    'indicators.json',
  ];
  for (const rel of paths) {
    const path = join(geodataDir, rel);
    if (!existsSync(path)) continue;
    try {
      files.set(rel, JSON.parse(readFileSync(path, 'utf8')) as unknown);
    } catch (error) {
      problems.push({ where: rel, message: `Not valid JSON: ${String(error)}` });
    }
  }
  return { files: { catalogue: readCatalogueJson(geodataDir), files }, problems };
}

function describeCoverage(c: Coverage): string {
  return (
    `catalogue coverage: ${String(c.placeEntitiesMapped)} of ${String(c.placeEntities)} entities with a place drawn ` +
    `(${String(c.placePercent)} %, at least 95 % required); ${String(c.mapped)} of ${String(c.entities)} entities drawn, ` +
    `${String(c.notMappable)} listed in not-mappable.json.`
  );
}

function problemLines(title: string, problems: readonly Problem[]): string[] {
  return [
    `${title}: ${String(problems.length)} problem(s):`,
    ...problems.map((p) => `  ${p.where}: ${p.message}`),
  ];
}

/** What a run of the command printed, and its exit code. */
export interface CommandResult {
  readonly exitCode: 0 | 1;
  readonly out: readonly string[];
  readonly err: readonly string[];
}

/**
 * `data:check` on `geodataDir`: rebuilds from its `raw/` in memory, compares with the committed
 * files and validates them. Exit code 1 on any stale file or problem. Writes nothing.
 */
export function runDataCheck(geodataDir: string = GEODATA_DIR): CommandResult {
  const inputs = loadRawInputs(geodataDir);
  const outputs = buildAllOutputs(inputs, loadCorrectionFiles(geodataDir));
  const stale = findStaleFiles(outputs.files, geodataDir);
  const committed = readGeodataFiles(geodataDir);
  const report = checkGeodata(committed.files, checkReference(inputs));
  const problems = [...correctionProblems(outputs), ...committed.problems, ...report.problems];
  const out = report.coverage ? [describeCoverage(report.coverage)] : [];
  const err: string[] = [];
  if (stale.length > 0) {
    err.push(
      `data:check failed: ${String(stale.length)} file(s) differ from a fresh build of geodata/raw/:`,
      ...stale.map((rel) => `  geodata/${rel}`),
      STALE_HINT,
    );
  }
  if (problems.length > 0) err.push(...problemLines('data:check failed', problems));
  if (err.length > 0) return { exitCode: 1, out, err };
  out.push(
    `data:check ok: ${String(outputs.files.size)} files match a fresh build and pass every check.`,
  );
  return { exitCode: 0, out, err };
}

/**
 * `data:build` on `geodataDir`: builds from its `raw/`, validates the result and, only if it
 * passes, writes every output file. Exit code 1, writing nothing, on any problem.
 */
export function runDataBuild(geodataDir: string = GEODATA_DIR): CommandResult {
  const inputs = loadRawInputs(geodataDir);
  const outputs = buildAllOutputs(inputs, loadCorrectionFiles(geodataDir));
  const report = checkGeodata(
    geodataFilesOf(outputs, readCatalogueJson(geodataDir)),
    checkReference(inputs),
  );
  const out = report.coverage ? [describeCoverage(report.coverage)] : [];
  const problems = [...correctionProblems(outputs), ...report.problems];
  if (problems.length > 0) {
    return {
      exitCode: 1,
      out,
      err: problemLines('data:build failed; nothing was written', problems),
    };
  }
  for (const [rel, text] of outputs.files) {
    const path = join(geodataDir, rel);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, text);
  }
  for (const [layer, features] of outputs.layers)
    out.push(`layers/${layer}.geojson: ${String(features.length)} features`);
  const moved = [...outputs.layers.values()]
    .flat()
    .filter((f) => / was moved about \d+ m inside/.test(f.properties.position_note_en));
  for (const f of moved) out.push(`moved inside its district: ${f.properties.id}`);
  for (const [id, at] of outputs.corrections.applied)
    out.push(`position corrected by a planner: ${id} (${at})`);
  out.push(`data:build wrote ${String(outputs.files.size)} files under geodata/.`);
  return { exitCode: 0, out, err: [] };
}

function main(argv: readonly string[]): number {
  const result = argv.includes('--check') ? runDataCheck() : runDataBuild();
  for (const line of result.out) console.log(line);
  for (const line of result.err) console.error(line);
  return result.exitCode;
}

const invokedDirectly =
  process.argv[1] !== undefined && import.meta.url === pathToFileURL(resolve(process.argv[1])).href;
if (invokedDirectly) process.exitCode = main(process.argv.slice(2));
