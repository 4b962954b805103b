/**
 * One label anchor per plan feature, for names drawn on the map and for "zoom to" targets.
 *
 * Polygon anchors are guaranteed to lie inside the polygon: the centre of mass when it is inside,
 * otherwise the middle of the widest interior stretch of a horizontal line through the polygon
 * (strictly inside), and only for degenerate shapes turf's `pointOnFeature`. Line anchors sit on
 * the line at half its length.
 */
import {
  along,
  area,
  booleanPointInPolygon,
  centerOfMass,
  length,
  pointOnFeature,
} from '@turf/turf';
import type {
  Feature,
  FeatureCollection,
  Geometry,
  LineString,
  Point,
  Polygon,
  Position,
} from 'geojson';
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

type Ring = readonly Position[];

function lineLength(coordinates: Position[]): number {
  const line: Feature<LineString> = {
    type: 'Feature',
    geometry: { type: 'LineString', coordinates },
    properties: {},
  };
  return length(line);
}

/** x of every crossing of the rings' edges with the horizontal line at `y`, sorted. */
function crossings(rings: readonly Ring[], y: number): number[] {
  const xs: number[] = [];
  for (const ring of rings) {
    for (let i = 1; i < ring.length; i++) {
      const [x1 = 0, y1 = 0] = ring[i - 1] ?? [];
      const [x2 = 0, y2 = 0] = ring[i] ?? [];
      // Half-open rule: a vertex exactly on the line is counted once.
      if (y1 <= y !== y2 <= y) xs.push(x1 + ((y - y1) / (y2 - y1)) * (x2 - x1));
    }
  }
  return xs.sort((a, b) => a - b);
}

/** Middle of the widest inside stretch of the line at `y` (even–odd rule), if any. */
function scanlinePoint(rings: readonly Ring[], y: number): Position | undefined {
  const xs = crossings(rings, y);
  let best: Position | undefined;
  let widest = 0;
  for (let i = 0; i + 1 < xs.length; i += 2) {
    const a = xs[i] ?? 0;
    const b = xs[i + 1] ?? 0;
    if (b - a > widest) {
      widest = b - a;
      best = [(a + b) / 2, y];
    }
  }
  return best;
}

function polygonAnchor(coords: Position[][]): Position {
  const shape: Polygon = { type: 'Polygon', coordinates: coords };
  const center = centerOfMass(shape).geometry.coordinates;
  if (booleanPointInPolygon(center, shape, { ignoreBoundary: true })) return center;
  const ys = (coords[0] ?? []).map((p) => p[1] ?? 0);
  const [minY, maxY] = [Math.min(...ys), Math.max(...ys)];
  // Try the centre's latitude first, then a few others in case it grazes a vertex.
  for (const y of [
    center[1] ?? 0,
    ...[0.5, 0.25, 0.75, 0.37, 0.63].map((t) => minY + t * (maxY - minY)),
  ]) {
    const p = scanlinePoint(coords, y);
    if (p !== undefined && booleanPointInPolygon(p, shape, { ignoreBoundary: true })) return p;
  }
  return pointOnFeature(shape).geometry.coordinates;
}

function lineAnchor(coords: Position[]): Position {
  const line: LineString = { type: 'LineString', coordinates: coords };
  return along(line, lineLength(coords) / 2).geometry.coordinates;
}

function largest<T>(items: readonly T[], size: (item: T) => number): T | undefined {
  let best: T | undefined;
  let bestSize = -Infinity;
  for (const item of items) {
    const s = size(item);
    if (s > bestSize) [best, bestSize] = [item, s];
  }
  return best;
}

/** The anchor of a geometry, or undefined when it has no coordinates. */
function anchor(geometry: Geometry): Position | undefined {
  switch (geometry.type) {
    case 'Point':
      return geometry.coordinates;
    case 'MultiPoint':
      return geometry.coordinates[0];
    case 'LineString':
      return geometry.coordinates.length === 0 ? undefined : lineAnchor(geometry.coordinates);
    case 'MultiLineString': {
      const line = largest(geometry.coordinates, (c) => (c.length === 0 ? -1 : lineLength(c)));
      return line === undefined || line.length === 0 ? undefined : lineAnchor(line);
    }
    case 'Polygon':
      return geometry.coordinates.length === 0 ? undefined : polygonAnchor(geometry.coordinates);
    case 'MultiPolygon': {
      const part = largest(geometry.coordinates, (c) =>
        c.length === 0 ? -1 : area({ type: 'Polygon', coordinates: c } satisfies Polygon),
      );
      return part === undefined || part.length === 0 ? undefined : polygonAnchor(part);
    }
    case 'GeometryCollection': {
      for (const member of geometry.geometries) {
        const p = anchor(member);
        if (p !== undefined) return p;
      }
      return undefined;
    }
  }
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
 * One label point per feature, in input order, with `id` equal to the feature's `properties.id`.
 * Point: itself; MultiPoint: its first point; (Multi)Polygon: a point inside (the largest part by
 * area); (Multi)LineString: the middle of the (longest) line. Features without coordinates (which
 * `validatePlanLayer` never lets through) are skipped. `label_en` is the short English name
 * unless two features of the collection would share it. The input is not modified.
 */
export function labelPoints(
  collection: PlanFeatureCollection,
): FeatureCollection<Point, LabelPointProperties> {
  const features: Feature<Point, LabelPointProperties>[] = [];
  const english = englishLabels(collection);
  for (const [i, feature] of collection.features.entries()) {
    const position = anchor(feature.geometry);
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
