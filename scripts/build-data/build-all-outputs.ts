/**
 * The whole data build as one pure function: raw inputs in, file texts out.
 *
 * `scripts/build-data.ts` writes these texts (data:build) or compares them with the committed files
 * (data:check); tests call the same function, so what is tested is exactly what is shipped.
 */
import type { PlanFeature } from '../../src/core/plan/plan-feature.ts';
import type { CorrectionFile } from '../../src/core/plan/position-corrections.ts';
import { applyCorrectionsToLayers } from './apply-corrections.ts';
import { buildBaseLayers } from './build-base-layers.ts';
import { buildBondedZonesLayer } from './build-bonded-zones-layer.ts';
import { buildBusinessDistrictsLayer } from './build-business-districts-layer.ts';
import { buildCatalogueLayer, type LayerPlan } from './build-catalogue-layer.ts';
import { buildColdChainLayer } from './build-cold-chain-layer.ts';
import { createBuildContext, type BuildContext } from './build-context.ts';
import { buildDistrictsLayer } from './build-districts-layer.ts';
import { buildEmergencyReserveLayer } from './build-emergency-reserve-layer.ts';
import { buildMarketClustersLayer } from './build-market-clusters-layer.ts';
import { buildPartnerLocalitiesLayer, PARTNER_LAYER } from './build-partner-localities-layer.ts';
import { buildRegionsLayer } from './build-regions-layer.ts';
import { consumptionLayerPlans } from './consumption-layer-plans.ts';
import { distributionLayerPlans } from './distribution-layer-plans.ts';
import { frameworkLayerPlans } from './framework-layer-plans.ts';
import { indicatorEntries, serializeIndicators } from './indicators.ts';
import {
  coverageOf,
  mappedCatalogueIds,
  notMappableEntries,
  serializeNotMappable,
  type Coverage,
} from './not-mappable.ts';
import { openingLayerPlans } from './opening-layer-plans.ts';
import type { RawInputs } from './raw-inputs.ts';
import { serializeFeatureCollection } from './serialize-feature-collection.ts';
import { declareSharedPositions } from './shared-positions.ts';
import { serializeLabelAnchors } from './label-anchors-file.ts';

/** Result of a build: the plan layers as objects (for tests) and every output file as text. */
export interface BuildOutputs {
  /** Plan layer id → features, in output order. */
  readonly layers: ReadonlyMap<string, readonly PlanFeature[]>;
  /** Path relative to `geodata/` → exact file content. */
  readonly files: ReadonlyMap<string, string>;
  /** How much of the plan catalogue the layers draw. */
  readonly coverage: Coverage;
  /**
   * The planners' position corrections (`geodata/corrections/*.csv`): which feature ids were
   * corrected (→ `file row N`), or every problem, in which case none was applied.
   */
  readonly corrections: {
    readonly applied: ReadonlyMap<string, string>;
    readonly problems: readonly string[];
  };
}

function planBuilder(ctx: BuildContext, plan: LayerPlan): [string, () => PlanFeature[]] {
  return [plan.layer, () => buildCatalogueLayer(ctx, plan)];
}

/**
 * Every plan layer, in the catalogue's order: the six foundation layers, then the layers of the
 * whole plan grouped by theme (framework, markets, consumption, distribution, opening-up).
 */
function layerBuilders(ctx: BuildContext): readonly [string, () => PlanFeature[]][] {
  const byId = new Map(
    [
      ...frameworkLayerPlans,
      ...consumptionLayerPlans,
      ...distributionLayerPlans,
      ...openingLayerPlans,
    ].map((p) => [p.layer, p] as const),
  );
  const plan = (id: string): [string, () => PlanFeature[]] => {
    const p = byId.get(id);
    if (!p) throw new Error(`no layer plan ${id}`);
    return planBuilder(ctx, p);
  };
  return [
    ['regions', () => buildRegionsLayer(ctx)],
    ['districts', () => buildDistrictsLayer(ctx)],
    ['market-clusters', () => buildMarketClustersLayer(ctx)],
    ['business-districts', () => buildBusinessDistrictsLayer(ctx)],
    ['cold-chain-nodes', () => buildColdChainLayer(ctx)],
    ['bonded-zones', () => buildBondedZonesLayer(ctx)],
    plan('district-groups'),
    plan('functional-areas'),
    plan('cooperation-areas'),
    [PARTNER_LAYER, () => buildPartnerLocalitiesLayer(ctx)],
    plan('regional-market-groups'),
    plan('agri-wholesale-markets'),
    plan('international-consumption-core'),
    plan('night-markets'),
    plan('featured-streets'),
    plan('exhibition-venues'),
    plan('commerce-culture-tourism'),
    plan('logistics-hubs'),
    ['emergency-reserve-centres', () => buildEmergencyReserveLayer(ctx)],
    plan('ecommerce-projects'),
    plan('development-zones'),
    plan('service-trade'),
    plan('foreign-trade-bases'),
    plan('free-trade-zone'),
  ];
}

/**
 * Builds every file under `geodata/base/`, `geodata/layers/` and `geodata/labels/`, plus `not-mappable.json` and
 * `indicators.json`; throws on any schema violation and when a catalogue entity is neither drawn
 * nor listed as not mappable. `corrections` (the files of `geodata/corrections/`, in name order)
 * move the points planners corrected; their problems are returned, not thrown.
 */
export function buildAllOutputs(
  inputs: RawInputs,
  corrections: readonly CorrectionFile[] = [],
): BuildOutputs {
  const ctx = createBuildContext(inputs);
  const built = new Map<string, PlanFeature[]>();
  const files = new Map<string, string>();
  const seen = new Map<string, string>();
  for (const [layer, build] of layerBuilders(ctx)) {
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
    built.set(layer, features);
  }
  const corrected = applyCorrectionsToLayers(built, corrections, ctx.districts);
  // Shared positions are declared after corrections, which move points apart (or together).
  const layers = declareSharedPositions(corrected.layers);
  for (const [layer, features] of layers)
    files.set(`layers/${layer}.geojson`, serializeFeatureCollection(features));
  const base = buildBaseLayers(inputs);
  files.set('base/outline.geojson', serializeFeatureCollection(base.outline));
  files.set('base/neighbours.geojson', serializeFeatureCollection(base.neighbours));
  files.set('base/rivers.geojson', serializeFeatureCollection(base.rivers));
  files.set('labels/anchors.json', serializeLabelAnchors(layers, base.neighbours));
  const mapped = mappedCatalogueIds([...layers.values()].flat());
  const entries = notMappableEntries(ctx.catalogue, inputs.catalogue, mapped);
  const coverage = coverageOf(inputs.catalogue, mapped, entries.length);
  files.set('not-mappable.json', serializeNotMappable(entries, coverage));
  files.set(
    'indicators.json',
    serializeIndicators(indicatorEntries(inputs.indicators, inputs.rules)),
  );
  return {
    layers,
    files,
    coverage,
    corrections: { applied: corrected.applied, problems: corrected.problems },
  };
}
