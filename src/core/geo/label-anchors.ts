/**
 * Label points drawn from anchors `data:build` stored, without the geometry code that finds
 * them (`label-points.ts`, which needs turf's centre of mass, convex hull and friends: 6 KB gzip
 * the public map would otherwise fetch before it is ready).
 *
 * `geodata/labels/anchors.json` keeps, per feature that is not a point, its anchor and a
 * fingerprint of its geometry. An anchor whose geometry changed since the build (a data file
 * edited by hand) or that is missing is not used: the page computes those features' anchors
 * with `label-points.ts`, fetched then.
 */
import type { Feature, FeatureCollection, Geometry, Point, Position } from 'geojson';
import type { PlanFeatureCollection, PlanFeatureProperties } from '../plan/plan-feature.ts';

/** Properties of a label point, copied from its feature. */
export interface LabelPointProperties {
  readonly id: string;
  readonly layer: string;
  readonly name_zh: string;
  readonly name_en: string;
  /** The short English name drawn on the map ({@link shortEnglishLabel}); the panel keeps `name_en`. */
  readonly label_en: string;
  readonly category: string;
}

/** Administrative words dropped from a one-word name on the map: "Shizhu County" → "Shizhu". */
const ADMIN_SUFFIX = / (County|District)$/;

/**
 * The English name as the map draws it: without parenthesised glosses ("Shizhu County (Shizhu
 * Tujia Autonomous County)" → "Shizhu") and without "County"/"District" after a one-word place
 * name. "(schematic)" stays, since it says what kind of position the map shows; longer names such
 * as "Guanyinqiao Business District" keep every word. The full official form stays in `name_en`.
 */
export function shortEnglishLabel(name: string): string {
  const withoutGlosses = name
    .replace(/\s*\((?!schematic\))[^()]*\)/g, '')
    .replace(/\s{2,}/g, ' ')
    .trim();
  const short = withoutGlosses === '' ? name.trim() : withoutGlosses;
  const head = short.replace(ADMIN_SUFFIX, '');
  return head !== short && !head.includes(' ') ? head : short;
}

function labelProperties(p: PlanFeatureProperties, labelEn: string): LabelPointProperties {
  return {
    id: p.id,
    layer: p.layer,
    name_zh: p.name_zh,
    name_en: p.name_en,
    label_en: labelEn,
    category: p.category,
  };
}

/** Short English labels, except where shortening would give two features of the layer one label. */
function englishLabels(collection: PlanFeatureCollection): string[] {
  const short = collection.features.map((feature) => shortEnglishLabel(feature.properties.name_en));
  const counts = new Map<string, number>();
  for (const label of short) counts.set(label, (counts.get(label) ?? 0) + 1);
  return short.map((label, i) =>
    (counts.get(label) ?? 0) > 1 ? (collection.features[i]?.properties.name_en ?? label) : label,
  );
}

/**
 * One label point per feature whose anchor `anchorOf` gives, in input order, with `id` equal to
 * the feature's `properties.id`; `label_en` is the short English name unless two features of the
 * collection would share it. The input is not modified.
 */
export function labelPointsAt(
  collection: PlanFeatureCollection,
  anchorOf: (index: number) => Position | undefined,
): FeatureCollection<Point, LabelPointProperties> {
  const features: Feature<Point, LabelPointProperties>[] = [];
  const english = englishLabels(collection);
  for (const [i, feature] of collection.features.entries()) {
    const position = anchorOf(i);
    if (position === undefined) continue;
    const [lon = 0, lat = 0] = position;
    features.push({
      type: 'Feature',
      id: feature.properties.id,
      geometry: { type: 'Point', coordinates: [lon, lat] },
      properties: labelProperties(feature.properties, english[i] ?? feature.properties.name_en),
    });
  }
  return { type: 'FeatureCollection', features };
}

/** The anchor of a point (itself) or a multipoint (its first point); undefined for other shapes. */
export function pointAnchor(geometry: Geometry): Position | undefined {
  if (geometry.type === 'Point') return geometry.coordinates;
  if (geometry.type === 'MultiPoint') return geometry.coordinates[0];
  return undefined;
}

function fingerprintOf(value: unknown, hash: number): number {
  if (typeof value === 'number') {
    // FNV-1a over the coordinates in millionths of a degree (a tenth of a metre).
    return Math.imul(hash ^ Math.round(value * 1e6), 16777619);
  }
  if (Array.isArray(value)) {
    let h = Math.imul(hash ^ value.length, 16777619);
    for (const item of value) h = fingerprintOf(item, h);
    return h;
  }
  return hash;
}

/** A number that changes when any coordinate of the geometry moves by a tenth of a metre or more. */
export function geometryFingerprint(geometry: Geometry): number {
  if (geometry.type === 'GeometryCollection') {
    let hash = 0x811c9dc5;
    for (const member of geometry.geometries)
      hash = Math.imul(hash ^ geometryFingerprint(member), 16777619);
    return hash >>> 0;
  }
  return fingerprintOf(geometry.coordinates, 0x811c9dc5) >>> 0;
}

/** Anchors stored by `data:build`: key → [longitude, latitude, geometry fingerprint]. */
export type LabelAnchors = ReadonlyMap<string, readonly [number, number, number]>;

/** No stored anchors: every feature that is not a point is anchored by `label-points.ts`. */
export const NO_LABEL_ANCHORS: LabelAnchors = new Map();

/** The key of a neighbouring province's anchor in `anchors.json`. */
export function neighbourAnchorKey(name: string): string {
  return `base/neighbours.geojson#${name}`;
}

/**
 * The anchors of `geodata/labels/anchors.json` (`{ "anchors": { key: [lon, lat, fingerprint] } }`).
 * Entries of another shape are left out (those features get computed anchors); anything else
 * gives no anchors.
 */
export function parseLabelAnchors(json: unknown): LabelAnchors {
  const anchors = new Map<string, readonly [number, number, number]>();
  if (typeof json !== 'object' || json === null || !('anchors' in json)) return anchors;
  const entries: unknown = json.anchors;
  if (typeof entries !== 'object' || entries === null) return anchors;
  for (const [key, value] of Object.entries(entries)) {
    if (!Array.isArray(value) || value.length !== 3) continue;
    const [lon, lat, fingerprint] = value as unknown[];
    if (typeof lon === 'number' && typeof lat === 'number' && typeof fingerprint === 'number') {
      anchors.set(key, [lon, lat, fingerprint]);
    }
  }
  return anchors;
}

/**
 * The anchor of a feature without computing one: a point's own position, or the stored anchor
 * when the geometry is the one it was stored for; undefined otherwise.
 */
export function storedAnchor(
  key: string,
  geometry: Geometry,
  anchors: LabelAnchors,
): Position | undefined {
  const point = pointAnchor(geometry);
  if (point !== undefined) return point;
  const stored = anchors.get(key);
  if (stored === undefined || stored[2] !== geometryFingerprint(geometry)) return undefined;
  return [stored[0], stored[1]];
}

/**
 * Label points of a plan layer from stored anchors; `complete` is false when some feature has
 * none (its label is then missing until `label-points.ts` computes the layer's points).
 */
export function storedLabelPoints(
  collection: PlanFeatureCollection,
  anchors: LabelAnchors,
): { readonly points: FeatureCollection<Point, LabelPointProperties>; readonly complete: boolean } {
  const found = collection.features.map((feature) =>
    storedAnchor(feature.properties.id, feature.geometry, anchors),
  );
  return {
    points: labelPointsAt(collection, (i) => found[i]),
    complete: found.every((position) => position !== undefined),
  };
}
