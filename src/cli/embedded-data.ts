import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseCatalogue } from '../core/catalogue/catalogue.ts';
import { POPULATION_GRID_SOURCE } from '../core/coverage/coverage-session.ts';
import {
  DEFAULT_QUALIFYING,
  freshFoodNodes,
  type FreshFoodNode,
  type QualifyingRule,
} from '../core/coverage/fresh-food-nodes.ts';
import type { PlanFeatureCollection } from '../core/plan/plan-feature.ts';
import { validatePlanLayer } from '../core/plan/validate.ts';
import { decodePopulationGrid } from '../core/population/decode-population-grid.ts';
import type { DistrictShape } from '../core/population/imported-demand.ts';
import type { PopulationGrid } from '../core/population/population-grid.ts';
import type { Problem } from '../core/result.ts';
import { CliError } from './cli-error.ts';

/**
 * The package's root: the nearest folder above this module holding a package.json. This module
 * runs from src/cli/ (through tsx) or bundled into dist-cli/cq-atlas.mjs (scripts/build-cli.mjs),
 * so a path fixed relative to the file would be right in only one of them.
 */
function packageRoot(): string {
  const here = dirname(fileURLToPath(import.meta.url));
  for (let dir = here; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json'))) return dir;
    if (dirname(dir) === dir) return resolve(here, '..', '..');
  }
}

/** The package's `geodata/` folder. */
export const GEODATA_DIR = join(packageRoot(), 'geodata');
export const POPULATION_GRID_PATH = join(GEODATA_DIR, 'population', 'population-grid.bin');

/** The shipped modelled population grid, decoded; a CliError names the problem if it cannot be. */
export function embeddedPopulationGrid(): PopulationGrid {
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(POPULATION_GRID_PATH);
  } catch {
    throw new CliError(`${POPULATION_GRID_SOURCE} could not be read; run \`npm run data:build\`.`);
  }
  const decoded = decodePopulationGrid(bytes, POPULATION_GRID_SOURCE);
  if (!decoded.ok) {
    const [first] = decoded.problems;
    throw new CliError(`${first?.where ?? ''}: ${first?.message ?? 'cannot be decoded.'}`);
  }
  return decoded.grid;
}

/** The plan layers as the atlas loads them: validated, valid features kept, problems listed. */
export interface EmbeddedPlan {
  /** Catalogue layer ids, in catalogue order. */
  readonly layerIds: readonly string[];
  readonly collections: Readonly<Record<string, PlanFeatureCollection>>;
  /** Problems found in the data files (`geodata/…` feature …), as the browser reports them. */
  readonly problems: readonly Problem[];
}

let plan: EmbeddedPlan | null = null;

/**
 * The catalogue and every layer it lists, through the same checks as the browser's loader
 * (src/app/load-data.ts): parseCatalogue, then validatePlanLayer per layer. A broken catalogue
 * ends the run; a layer that cannot be read or has invalid features is reported, and its valid
 * features are used, as in the atlas. Read once per process.
 */
export function embeddedPlanData(): EmbeddedPlan {
  if (plan !== null) return plan;
  let catalogueJson: unknown;
  try {
    catalogueJson = JSON.parse(readFileSync(join(GEODATA_DIR, 'catalogue.json'), 'utf8'));
  } catch (error) {
    const reason = error instanceof Error ? error.message.split('\n')[0] : '';
    throw new CliError(`geodata/catalogue.json could not be read (${reason ?? ''}).`);
  }
  const parsed = parseCatalogue(catalogueJson);
  if (!parsed.ok) {
    const [first] = parsed.problems;
    throw new CliError(
      `geodata/catalogue.json has problems: ${first?.where ?? ''}: ${first?.message ?? ''}`,
    );
  }
  const problems: Problem[] = [];
  const collections: Record<string, PlanFeatureCollection> = {};
  for (const layer of parsed.catalogue.layers) {
    try {
      const json: unknown = JSON.parse(readFileSync(join(GEODATA_DIR, layer.data), 'utf8'));
      const validated = validatePlanLayer(json, layer.id, layer.data);
      collections[layer.id] = validated.collection;
      problems.push(...validated.problems);
    } catch (error) {
      const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
      problems.push({ where: layer.data, message: `could not be loaded (${reason ?? ''}).` });
    }
  }
  plan = { layerIds: parsed.catalogue.layers.map((layer) => layer.id), collections, problems };
  return plan;
}

/**
 * Which layers qualify, as the atlas decides it: the candidate layers (cold-chain nodes,
 * agricultural wholesale markets) that the catalogue lists, every feature of them.
 */
export function planQualifyingRule(): QualifyingRule {
  const { layerIds } = embeddedPlanData();
  return {
    layers: DEFAULT_QUALIFYING.layers.filter((id) => layerIds.includes(id)),
    categoryPrefixes: [],
  };
}

/** The qualifying fresh-food nodes among the validated plan layers, sorted by id. */
export function embeddedFreshFoodNodes(
  rule: QualifyingRule = planQualifyingRule(),
): FreshFoodNode[] {
  return freshFoodNodes(Object.values(embeddedPlanData().collections), rule);
}

/** The 区县 outlines of the validated districts layer, for placing imported population. */
export function embeddedDistrictShapes(): DistrictShape[] {
  const shapes: DistrictShape[] = [];
  for (const feature of embeddedPlanData().collections['districts']?.features ?? []) {
    const adcode = feature.properties.district_adcode;
    const { geometry } = feature;
    if (
      typeof adcode === 'number' &&
      (geometry.type === 'Polygon' || geometry.type === 'MultiPolygon')
    ) {
      shapes.push({ adcode, geometry });
    }
  }
  return shapes;
}
