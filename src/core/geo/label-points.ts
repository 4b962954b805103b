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
import type { PlanFeatureCollection } from '../plan/plan-feature.ts';
import { labelPointsAt, pointAnchor, type LabelPointProperties } from './label-anchors.ts';

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

/**
 * The label anchor of a geometry (see {@link labelPoints}), or undefined when it has no
 * coordinates. `data:build` stores these for the page (`label-anchors.ts`).
 */
export function labelAnchor(geometry: Geometry): Position | undefined {
  switch (geometry.type) {
    case 'Point':
    case 'MultiPoint':
      return pointAnchor(geometry);
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
        const p = labelAnchor(member);
        if (p !== undefined) return p;
      }
      return undefined;
    }
  }
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
  return labelPointsAt(collection, (i) => {
    const feature = collection.features[i];
    return feature === undefined ? undefined : labelAnchor(feature.geometry);
  });
}
