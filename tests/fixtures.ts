import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { FeatureCollection } from 'geojson';
import { parseCatalogue, type Catalogue } from '../src/core/catalogue/catalogue';
import { parseLabelAnchors, type LabelAnchors } from '../src/core/geo/label-anchors';
import type { PlanFeatureCollection } from '../src/core/plan/plan-feature';
import { validatePlanLayer } from '../src/core/plan/validate';

const root = resolve(import.meta.dirname, '..');

/** Reads a JSON file of the repository (tests only; the app fetches its data). */
export function readRepoJson(path: string): unknown {
  return JSON.parse(readFileSync(resolve(root, path), 'utf8')) as unknown;
}

/** The shipped catalogue, parsed; throws if it has problems. */
export function shippedCatalogue(): Catalogue {
  const parsed = parseCatalogue(readRepoJson('geodata/catalogue.json'));
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
  return parsed.catalogue;
}

/** Every shipped plan layer, validated, by catalogue id. */
export function shippedCollections(): Record<string, PlanFeatureCollection> {
  const collections: Record<string, PlanFeatureCollection> = {};
  for (const layer of shippedCatalogue().layers) {
    const json = readRepoJson(`geodata/${layer.data}`);
    collections[layer.id] = validatePlanLayer(json, layer.id, layer.data).collection;
  }
  return collections;
}

export function shippedBase(): {
  outline: FeatureCollection;
  neighbours: FeatureCollection;
  rivers: FeatureCollection;
  labelAnchors: LabelAnchors;
} {
  return {
    outline: readRepoJson('geodata/base/outline.geojson') as FeatureCollection,
    neighbours: readRepoJson('geodata/base/neighbours.geojson') as FeatureCollection,
    rivers: readRepoJson('geodata/base/rivers.geojson') as FeatureCollection,
    labelAnchors: parseLabelAnchors(readRepoJson('geodata/labels/anchors.json')),
  };
}
