import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import {
  DEFAULT_QUALIFYING,
  freshFoodNodes,
  type FreshFoodNode,
  type QualifyingRule,
} from '../core/coverage/fresh-food-nodes.ts';
import { decodePopulationGrid } from '../core/population/decode-population-grid.ts';
import type { PopulationGrid } from '../core/population/population-grid.ts';
import { CliError } from './cli-error.ts';

/** The repository's `geodata/` folder (this file lives in `src/cli/`). */
export const GEODATA_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', 'geodata');
export const POPULATION_GRID_PATH = join(GEODATA_DIR, 'population', 'population-grid.bin');

/** The shipped modelled population grid, decoded; a CliError names the problem if it cannot be. */
export function embeddedPopulationGrid(): PopulationGrid {
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(POPULATION_GRID_PATH);
  } catch {
    throw new CliError(
      `geodata/population/population-grid.bin could not be read; run \`npm run data:build\`.`,
    );
  }
  const decoded = decodePopulationGrid(bytes, 'geodata/population/population-grid.bin');
  if (!decoded.ok) {
    const [first] = decoded.problems;
    throw new CliError(`${first?.where ?? ''}: ${first?.message ?? 'cannot be decoded.'}`);
  }
  return decoded.grid;
}

/** Layer files the catalogue lists (relative to geodata/), the app's own notion of what exists. */
function catalogueLayerFiles(): string[] {
  const path = join(GEODATA_DIR, 'catalogue.json');
  const json = JSON.parse(readFileSync(path, 'utf8')) as { layers?: { data?: unknown }[] };
  return (json.layers ?? [])
    .map((layer) => layer.data)
    .filter((data): data is string => typeof data === 'string');
}

/**
 * The qualifying fresh-food nodes among the shipped plan layers (cold-chain nodes and, once the
 * layer exists, agricultural wholesale markets), sorted by id.
 */
export function embeddedFreshFoodNodes(rule: QualifyingRule = DEFAULT_QUALIFYING): FreshFoodNode[] {
  const collections: FeatureCollection[] = [];
  for (const file of catalogueLayerFiles()) {
    const path = join(GEODATA_DIR, file);
    if (!existsSync(path)) continue;
    collections.push(JSON.parse(readFileSync(path, 'utf8')) as FeatureCollection);
  }
  return freshFoodNodes(collections, rule);
}

/**
 * District polygons of the shipped `layers/districts.geojson`, by adcode, for placing imported
 * demand units in their 区县.
 */
export function embeddedDistrictPolygons(): Map<number, Polygon | MultiPolygon> {
  const path = join(GEODATA_DIR, 'layers', 'districts.geojson');
  const json = JSON.parse(readFileSync(path, 'utf8')) as FeatureCollection<
    Polygon | MultiPolygon,
    { district_adcode?: unknown }
  >;
  const polygons = new Map<number, Polygon | MultiPolygon>();
  for (const feature of json.features) {
    const adcode = feature.properties.district_adcode;
    if (typeof adcode === 'number') polygons.set(adcode, feature.geometry);
  }
  return polygons;
}
