/**
 * The context (non-plan) layers under `geodata/base/`: outline, neighbouring provinces, rivers.
 *
 * They keep only the properties the map uses, so the shipped files stay small and the app does not
 * come to depend on source attributes that a data refresh could rename.
 */
import type { Feature, FeatureCollection, Geometry } from 'geojson';
import type { RawInputs, ContextProperties } from './raw-inputs.ts';
import { roundGeometry } from './round-geometry.ts';

/** A base-layer feature: geometry plus a few copied source properties (no plan schema). */
export type BaseFeature = Feature<Geometry, ContextProperties>;

function pick(props: ContextProperties | null, keys: readonly string[]): ContextProperties {
  const out: Record<string, unknown> = {};
  for (const k of keys) {
    if (!props || !(k in props)) throw new Error(`base layer: source feature lacks ${k}`);
    out[k] = props[k];
  }
  return out;
}

function copy(
  features: FeatureCollection<Geometry, ContextProperties>['features'],
  keys: readonly string[],
): BaseFeature[] {
  return features.map((f) => ({
    type: 'Feature',
    geometry: roundGeometry(f.geometry),
    properties: pick(f.properties, keys),
  }));
}

function textKey(f: BaseFeature, k: string): string {
  const v = f.properties[k];
  return typeof v === 'string' || typeof v === 'number' ? String(v) : '';
}

/** `outline`, `neighbours` and `rivers`, each sorted deterministically (by adcode / by name). */
export function buildBaseLayers(inputs: RawInputs): {
  outline: BaseFeature[];
  neighbours: BaseFeature[];
  rivers: BaseFeature[];
} {
  const outline = copy(inputs.outline.features, ['adcode', 'name', 'name_en', 'area_km2']);
  const neighbours = copy(inputs.neighbours.features, ['name', 'name_en', 'adcode']).sort(
    (a, b) => Number(a.properties['adcode']) - Number(b.properties['adcode']),
  );
  const rivers = copy(inputs.rivers.features, [
    'name_zh',
    'name_en',
    'in_chongqing_plan',
    'scalerank',
  ]).sort((a, b) => {
    const ka = `${textKey(a, 'name_en')}|${JSON.stringify(a.geometry)}`;
    const kb = `${textKey(b, 'name_en')}|${JSON.stringify(b.geometry)}`;
    return ka < kb ? -1 : ka > kb ? 1 : 0;
  });
  return { outline, neighbours, rivers };
}
