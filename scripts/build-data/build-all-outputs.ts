/**
 * The whole data build as one pure function: raw inputs in, file texts out.
 *
 * `scripts/build-data.ts` writes these texts (data:build) or compares them with the committed files
 * (data:check); tests call the same function, so what is tested is exactly what is shipped.
 */
import type { PlanFeature } from '../../src/core/plan/plan-feature.ts';
import { buildBaseLayers } from './build-base-layers.ts';
import { buildBondedZonesLayer } from './build-bonded-zones-layer.ts';
import { buildBusinessDistrictsLayer } from './build-business-districts-layer.ts';
import { buildColdChainLayer } from './build-cold-chain-layer.ts';
import { createBuildContext } from './build-context.ts';
import { buildDistrictsLayer } from './build-districts-layer.ts';
import { buildMarketClustersLayer } from './build-market-clusters-layer.ts';
import { buildRegionsLayer } from './build-regions-layer.ts';
import type { RawInputs } from './raw-inputs.ts';
import { serializeFeatureCollection } from './serialize-feature-collection.ts';

/** Result of a build: the plan layers as objects (for tests) and every output file as text. */
export interface BuildOutputs {
  /** Plan layer id → features, in output order. */
  readonly layers: ReadonlyMap<string, readonly PlanFeature[]>;
  /** Path relative to `geodata/` → exact file content. */
  readonly files: ReadonlyMap<string, string>;
}

/** Builds every file under `geodata/base/` and `geodata/layers/`; throws on any schema violation. */
export function buildAllOutputs(inputs: RawInputs): BuildOutputs {
  const ctx = createBuildContext(inputs);
  const layerBuilders: readonly [string, () => PlanFeature[]][] = [
    ['regions', () => buildRegionsLayer(ctx)],
    ['districts', () => buildDistrictsLayer(ctx)],
    ['market-clusters', () => buildMarketClustersLayer(ctx)],
    ['business-districts', () => buildBusinessDistrictsLayer(ctx)],
    ['cold-chain-nodes', () => buildColdChainLayer(ctx)],
    ['bonded-zones', () => buildBondedZonesLayer(ctx)],
  ];
  const layers = new Map<string, PlanFeature[]>();
  const files = new Map<string, string>();
  const seen = new Map<string, string>();
  for (const [layer, build] of layerBuilders) {
    const features = [...build()].sort((a, b) =>
      a.properties.id < b.properties.id ? -1 : a.properties.id > b.properties.id ? 1 : 0,
    );
    for (const f of features) {
      if (f.properties.layer !== layer)
        throw new Error(`${f.properties.id} has layer ${f.properties.layer}, expected ${layer}`);
      const other = seen.get(f.properties.id);
      if (other !== undefined)
        throw new Error(`id ${f.properties.id} is used in both ${other} and ${layer}`);
      seen.set(f.properties.id, layer);
    }
    layers.set(layer, features);
    files.set(`layers/${layer}.geojson`, serializeFeatureCollection(features));
  }
  const base = buildBaseLayers(inputs);
  files.set('base/outline.geojson', serializeFeatureCollection(base.outline));
  files.set('base/neighbours.geojson', serializeFeatureCollection(base.neighbours));
  files.set('base/rivers.geojson', serializeFeatureCollection(base.rivers));
  return { layers, files };
}
