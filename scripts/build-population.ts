/**
 * `npm run data:build` (second step): writes `geodata/population/population-grid.bin`, the
 * modelled population grid, from the raw open data in `geodata/raw/`. With `--check` it rebuilds
 * in memory and exits 1 when the committed file differs, so a stale grid cannot be released.
 *
 * `--points geonames-only --out FILE` writes the variant built from GeoNames seats alone (no
 * AMap-derived points) for anyone who cannot accept the AMap licence caveat; it is not shipped.
 *
 * This file is the only part of the population build that touches the file system.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { decodePopulationGrid } from '../src/core/population/decode-population-grid.ts';
import { encodePopulationGrid } from '../src/core/population/encode-population-grid.ts';
import type { PopulationGrid } from '../src/core/population/population-grid.ts';
import { loadRawInputs } from './build-data.ts';
import { checkOrWriteGenerated } from './build-data/generated-files.ts';
import { DistrictIndex } from './build-data/district-index.ts';
import { PlanCatalogue } from './build-data/plan-catalogue.ts';
import { computeUrbanCores } from './build-data/urban-cores.ts';
import {
  countySeatProblems,
  riverChannelProblems,
  type CountySeat,
} from './build-population/population-checks.ts';
import {
  POPULATION_RAW_FILES,
  parsePopulationInputs,
  type PopulationRawKey,
  type PopulationInputs,
} from './build-population/population-inputs.ts';
import {
  buildPopulationModel,
  type PopulationModel,
  type TownshipPointPolicy,
} from './build-population/population-model.ts';
import { channelSegments, createChannelTest } from './build-population/river-channel.ts';

/** The repository's `geodata/` folder. */
export const GEODATA_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '..', 'geodata');
/** Where the shipped grid lives, relative to `geodata/`. */
export const POPULATION_GRID_FILE = 'population/population-grid.bin';

/** Reads and parses the raw inputs of the population model. */
export function loadPopulationInputs(geodataDir: string = GEODATA_DIR): PopulationInputs {
  const texts = {} as Record<PopulationRawKey, string>;
  for (const [key, rel] of Object.entries(POPULATION_RAW_FILES) as [PopulationRawKey, string][]) {
    texts[key] = readFileSync(join(geodataDir, rel), 'utf8');
  }
  return parsePopulationInputs(texts);
}

/** The model and its encoded file for a township point policy. */
export function buildPopulationGrid(
  inputs: PopulationInputs,
  townshipPoints: TownshipPointPolicy = 'geonames-and-amap',
): { model: PopulationModel; bytes: Uint8Array } {
  const model = buildPopulationModel(inputs, { townshipPoints });
  return { model, bytes: encodePopulationGrid(model.description, model.cells) };
}

/**
 * The seat of each of the 38 区县: the urban core the plan layers are placed on (see
 * `scripts/build-data/urban-cores.ts`), from the same raw files.
 */
export function loadCountySeats(geodataDir: string = GEODATA_DIR): CountySeat[] {
  const raw = loadRawInputs(geodataDir);
  const index = new DistrictIndex(raw.districts, new PlanCatalogue(raw.catalogue));
  const cores = computeUrbanCores(raw, index);
  return index.records.map((d) => {
    const core = cores.get(d.adcode);
    if (core === undefined) throw new Error(`No urban core for ${d.planName}.`);
    return {
      adcode: d.adcode,
      name_zh: d.feature.properties.name,
      lon: core.position[0] ?? 0,
      lat: core.position[1] ?? 0,
    };
  });
}

/** The water mask's test `(lon, lat) → in a river channel?` for these inputs. */
export function riverChannelTest(inputs: PopulationInputs): (lon: number, lat: number) => boolean {
  return createChannelTest(channelSegments(inputs.rivers, inputs.districts));
}

/** Position checks on a built grid; one message per problem, none when it is sound. */
export function positionProblems(
  grid: PopulationGrid,
  seats: readonly CountySeat[],
  inChannel: (lon: number, lat: number) => boolean,
): string[] {
  return [...countySeatProblems(grid, seats), ...riverChannelProblems(grid, inChannel)];
}

/**
 * Runs the build (or `--check`) against a `geodata/` folder and returns the exit status: 0 done or
 * up to date, 1 stale, 2 bad arguments. Exported so tests can run it on a scratch copy.
 */
export function runPopulationBuild(
  argv: readonly string[],
  geodataDir: string = GEODATA_DIR,
): number {
  const check = argv.includes('--check');
  const pointsAt = argv.indexOf('--points');
  const outAt = argv.indexOf('--out');
  const policy = pointsAt >= 0 ? argv[pointsAt + 1] : 'geonames-and-amap';
  if (policy !== 'geonames-and-amap' && policy !== 'geonames-only') {
    console.error('--points must be geonames-and-amap or geonames-only.');
    return 2;
  }
  const inputs = loadPopulationInputs(geodataDir);
  const { model, bytes } = buildPopulationGrid(inputs, policy);
  const target =
    outAt >= 0 ? resolve(argv[outAt + 1] ?? '') : join(geodataDir, POPULATION_GRID_FILE);
  if (check) {
    // Position checks on the fresh build and on the committed file (which may differ; then the
    // byte comparison below fails too, but this says what is wrong with it).
    const seats = loadCountySeats(geodataDir);
    const inChannel = riverChannelTest(inputs);
    const problems: string[] = [];
    const candidates: [string, Uint8Array][] = [['fresh build', bytes]];
    if (existsSync(target))
      candidates.push([`geodata/${POPULATION_GRID_FILE}`, readFileSync(target)]);
    for (const [name, data] of candidates) {
      const decoded = decodePopulationGrid(data, name);
      if (!decoded.ok) {
        problems.push(...decoded.problems.map((p) => `${p.where}: ${p.message}`));
        continue;
      }
      problems.push(
        ...positionProblems(decoded.grid, seats, inChannel).map((p) => `${name}: ${p}`),
      );
    }
    if (problems.length > 0) {
      console.error(
        `data:check failed: the population grid puts residents in the wrong place:\n- ${problems.join('\n- ')}`,
      );
      return 1;
    }
  }
  const code = checkOrWriteGenerated(target, bytes, `geodata/${POPULATION_GRID_FILE}`, check);
  if (check || code !== 0) return code;
  const d = model.diagnostics;
  console.log(
    `${target}: ${String(model.cells.population.length)} cells, ${String(bytes.length)} bytes; ` +
      `seats: ${String(d.seatsFromGeoNames)} GeoNames, ${String(d.seatsFromAmap)} AMap 2016, ` +
      `${String(d.seatsFromVillageMean)} village-point means, ${String(d.seatsFromCountySeat)} county seats, ` +
      `${String(d.townshipsWithoutSeat)} none` +
      (d.districtsWithoutSeat.length > 0
        ? `; districts without any seat: ${d.districtsWithoutSeat.join(', ')}`
        : ''),
  );
  return 0;
}

const invokedDirectly =
  process.argv[1] !== undefined && import.meta.url === pathToFileURL(resolve(process.argv[1])).href;
if (invokedDirectly) process.exitCode = runPopulationBuild(process.argv.slice(2));
