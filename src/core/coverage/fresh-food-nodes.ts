import { pointOnFeature } from '@turf/turf';
import type { FeatureCollection, Geometry, Polygon, Position } from 'geojson';
import { haversineMeters } from '../geo/haversine.ts';
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
  /** The plan status (exists, planned, upgrade …) as the feature gives it, or ''. */
  readonly status: string;
  /**
   * Metres within which the true position lies: the feature's `uncertainty_m` for a point; for a
   * polygon, the farthest vertex of its largest ring from the node's point (the site could be
   * anywhere in it), unless the feature states a larger radius.
   */
  readonly uncertaintyM: number;
}

function text(properties: Readonly<Record<string, unknown>>, key: string): string {
  const value = properties[key];
  return typeof value === 'string' ? value : '';
}

/** Farthest vertex of a polygon's largest outer ring from a point, metres (0 for points). */
function extentFrom(geometry: Geometry, [lon = 0, lat = 0]: Position): number {
  if (geometry.type !== 'Polygon' && geometry.type !== 'MultiPolygon') return 0;
  const parts: Position[][][] =
    geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
  let far = 0;
  for (const part of parts) {
    for (const [x = lon, y = lat] of part[0] ?? [])
      far = Math.max(far, haversineMeters(lon, lat, x, y));
  }
  return far;
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
      const stated = properties['uncertainty_m'];
      const statedM =
        typeof stated === 'number' && Number.isFinite(stated) && stated >= 0 ? stated : 0;
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
          status: text(properties, 'status'),
          uncertaintyM: Math.max(statedM, extentFrom(feature.geometry, [lon, lat])),
        });
      });
    }
  }
  return out.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/**
 * Which plan nodes an analysis counts: those the plan says exist already (`existing`, `upgrade`:
 * today's picture) or those plus every planned one (the plan's 2025 picture).
 */
export type NodeScope = 'existing' | 'planned';
export const NODE_SCOPES: readonly NodeScope[] = ['existing', 'planned'];
const EXISTING_STATUSES: ReadonlySet<string> = new Set(['existing', 'upgrade']);

/** One role a site plays: a plan feature that was placed at this site's point. */
export interface SiteRole {
  readonly id: string;
  readonly layer: string;
  readonly name_zh: string;
  readonly name_en: string;
  readonly status: string;
  readonly tier: 0 | 1 | 2 | 3;
}

/**
 * A place where residents could be served: one or more fresh-food nodes at the same point (a
 * wholesale market and the cold-chain node the atlas placed on it are one site, counted once).
 */
export interface FreshFoodSite {
  /** The smallest role id, so a site keeps its id when a role is added or removed elsewhere. */
  readonly id: string;
  readonly lon: number;
  readonly lat: number;
  /** The widest stated uncertainty among its roles (the site is no better known than that). */
  readonly uncertaintyM: number;
  /** The smallest non-zero cold-chain tier among its roles, else 0. */
  readonly tier: 0 | 1 | 2 | 3;
  readonly name_zh: string;
  readonly name_en: string;
  /** True when some role exists already per the plan text. */
  readonly existing: boolean;
  readonly roles: readonly SiteRole[];
}

/**
 * Groups nodes that stand on the same point (to the centimetre) into sites, after keeping only
 * the nodes of `scope`; sorted by id. Does not mutate its input.
 */
export function freshFoodSites(
  nodes: readonly FreshFoodNode[],
  scope: NodeScope = 'planned',
): FreshFoodSite[] {
  const groups = new Map<string, FreshFoodNode[]>();
  for (const node of nodes) {
    if (scope === 'existing' && !EXISTING_STATUSES.has(node.status)) continue;
    const key = `${node.lon.toFixed(7)},${node.lat.toFixed(7)}`;
    const group = groups.get(key);
    if (group === undefined) groups.set(key, [node]);
    else group.push(node);
  }
  const sites = [...groups.values()].map((group): FreshFoodSite => {
    const roles = [...group].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    const first = roles[0] ?? group[0];
    const tiers = roles.map((role) => role.tier).filter((tier) => tier > 0);
    return {
      id: first?.id ?? '',
      lon: first?.lon ?? Number.NaN,
      lat: first?.lat ?? Number.NaN,
      uncertaintyM: Math.max(...roles.map((role) => role.uncertaintyM)),
      tier: tiers.length === 0 ? 0 : (Math.min(...tiers) as 1 | 2 | 3),
      name_zh: roles.map((role) => role.name_zh).join(' / '),
      name_en: roles.map((role) => role.name_en).join(' / '),
      existing: roles.some((role) => EXISTING_STATUSES.has(role.status)),
      roles: roles.map(({ id, layer, name_zh, name_en, status, tier }) => ({
        id,
        layer,
        name_zh,
        name_en,
        status,
        tier,
      })),
    };
  });
  return sites.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** A site as an analysis node: named in one language, with its uncertainty, layers and status. */
export interface SiteNode {
  readonly id: string;
  readonly lon: number;
  readonly lat: number;
  readonly name: string;
  readonly tier: 0 | 1 | 2 | 3;
  readonly uncertaintyM: number;
  /** The layers of its roles, joined with '+' (`agri-wholesale-markets+cold-chain-nodes`). */
  readonly layer: string;
  /** `existing` when some role exists already per the plan text, else the first role's status. */
  readonly status: string;
}

/** The plan's fresh-food sites of a scope as analysis nodes: what the browser and the CLI analyse. */
export function planSiteNodes(
  collections: readonly FeatureCollection[],
  scope: NodeScope,
  lang: 'zh' | 'en',
  rule: QualifyingRule = DEFAULT_QUALIFYING,
): SiteNode[] {
  return freshFoodSites(freshFoodNodes(collections, rule), scope).map((site) => ({
    id: site.id,
    lon: site.lon,
    lat: site.lat,
    name: lang === 'zh' ? site.name_zh : site.name_en,
    tier: site.tier,
    uncertaintyM: site.uncertaintyM,
    layer: [...new Set(site.roles.map((role) => role.layer))].sort().join('+'),
    status: site.existing ? 'existing' : (site.roles[0]?.status ?? ''),
  }));
}
