import { pointOnFeature } from '@turf/turf';
import type { FeatureCollection, Geometry, Polygon, Position } from 'geojson';
import { createPolygonLocator } from '../geo/polygon-locator.ts';

/**
 * Which plan features count as fresh-food supply nodes: any feature of a listed layer, and any
 * feature whose category starts with a listed prefix (so the wholesale-market categories
 * `agri-wholesale-market-l1`, `-l2` and `-planned` all match `agri-`).
 */
export interface QualifyingRule {
  readonly layers: readonly string[];
  readonly categoryPrefixes: readonly string[];
}

/**
 * Cold-chain nodes of every tier and agricultural wholesale markets (专栏6, 专栏9). Layers that do
 * not exist in a build simply contribute nothing. @see 专栏6
 */
export const DEFAULT_QUALIFYING: QualifyingRule = {
  layers: ['cold-chain-nodes', 'agri-wholesale-markets'],
  categoryPrefixes: ['cold-chain-node', 'agri-'],
};

/** Layers whose features can count as fresh-food nodes (专栏6, 专栏9). */
export const QUALIFYING_LAYER_CANDIDATES: readonly string[] = DEFAULT_QUALIFYING.layers;

/** A qualifying node with what a table or a map needs to name it. */
export interface FreshFoodNode {
  readonly id: string;
  readonly lon: number;
  readonly lat: number;
  /** Cold-chain tier 1–3, or 0 without a tier (a wholesale market). */
  readonly tier: 0 | 1 | 2 | 3;
  readonly name_zh: string;
  readonly name_en: string;
  readonly layer: string;
  readonly category: string;
}

function text(properties: Readonly<Record<string, unknown>>, key: string): string {
  const value = properties[key];
  return typeof value === 'string' ? value : '';
}

/** Where a node of this geometry stands: the point, each point, or a point inside the polygon. */
function positions(geometry: Geometry): Position[] {
  switch (geometry.type) {
    case 'Point':
      return [geometry.coordinates];
    case 'MultiPoint':
      return geometry.coordinates;
    case 'Polygon':
    case 'MultiPolygon': {
      const parts: Position[][][] =
        geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
      // The vertex mean of the largest outer ring when it is inside, else turf's point on surface.
      const largest = parts.reduce((a, b) => ((b[0]?.length ?? 0) > (a[0]?.length ?? 0) ? b : a));
      const ring = largest[0] ?? [];
      const lon = ring.reduce((s, p) => s + (p[0] ?? 0), 0) / Math.max(1, ring.length);
      const lat = ring.reduce((s, p) => s + (p[1] ?? 0), 0) / Math.max(1, ring.length);
      const polygon: Polygon = { type: 'Polygon', coordinates: largest };
      if (createPolygonLocator([polygon]).locate(lon, lat) === 0) return [[lon, lat]];
      return [pointOnFeature(polygon).geometry.coordinates];
    }
    default:
      return [];
  }
}

/**
 * The fresh-food nodes among plan features (validated layers in the app, or layer files read by
 * the CLI), sorted by id. A MultiPoint gives one node per point (`id#1`, `id#2`, …); a polygon
 * gives one node at a point inside it; lines give none. Does not mutate its input.
 */
export function freshFoodNodes(
  collections: readonly FeatureCollection[],
  rule: QualifyingRule = DEFAULT_QUALIFYING,
): FreshFoodNode[] {
  const out: FreshFoodNode[] = [];
  for (const collection of collections) {
    for (const feature of collection.features) {
      const properties = (feature.properties ?? {}) as Readonly<Record<string, unknown>>;
      const layer = text(properties, 'layer');
      const category = text(properties, 'category');
      const qualifies =
        rule.layers.includes(layer) || rule.categoryPrefixes.some((p) => category.startsWith(p));
      if (!qualifies) continue;
      const id = text(properties, 'id') || (typeof feature.id === 'string' ? feature.id : '');
      const tierValue = properties['tier'];
      const tier = tierValue === 1 || tierValue === 2 || tierValue === 3 ? tierValue : 0;
      const points = positions(feature.geometry);
      points.forEach(([lon = Number.NaN, lat = Number.NaN], i) => {
        out.push({
          id: points.length > 1 ? `${id}#${String(i + 1)}` : id,
          lon,
          lat,
          tier,
          name_zh: text(properties, 'name_zh'),
          name_en: text(properties, 'name_en'),
          layer,
          category,
        });
      });
    }
  }
  return out.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}
