/**
 * “What is within 2 km of this point”: great-circle (haversine) distances from a point to plan
 * features, on a sphere of the mean Earth radius.
 */
import { booleanPointInPolygon, circle, pointToLineDistance } from '@turf/turf';
import type { Feature, Polygon, Position } from 'geojson';
import { haversineMeters } from '../geo/haversine.ts';
import type { PlanFeature } from '../plan/plan-feature.ts';
import { NEARBY_RADIUS_M } from './nearby-radius.ts';

/** A point as longitude, latitude in degrees (WGS 84). */
export type LonLat = readonly [number, number];

/** Great-circle distance in metres between two points (the one haversine, on [lon, lat] pairs). */
export function distanceMeters(a: LonLat, b: LonLat): number {
  return haversineMeters(a[0], a[1], b[0], b[1]);
}

function lineDistance(point: LonLat, line: readonly Position[]): number {
  if (line.length === 1) {
    const [only] = line;
    return only === undefined ? Infinity : distanceMeters(point, [only[0] ?? 0, only[1] ?? 0]);
  }
  return pointToLineDistance(
    [point[0], point[1]],
    { type: 'LineString', coordinates: [...line] },
    {
      units: 'meters',
      method: 'geodesic',
    },
  );
}

function polygonDistance(point: LonLat, rings: readonly (readonly Position[])[]): number {
  const polygon: Polygon = { type: 'Polygon', coordinates: rings.map((ring) => [...ring]) };
  if (booleanPointInPolygon([point[0], point[1]], polygon)) return 0;
  return Math.min(...rings.map((ring) => lineDistance(point, ring)));
}

/**
 * Metres from the point to the nearest part of the feature: to a point, to the nearest point of a
 * line, and 0 inside a polygon (else to its nearest edge). Infinity for an empty geometry.
 */
export function distanceToFeature(point: LonLat, feature: PlanFeature): number {
  const geometry = feature.geometry;
  switch (geometry.type) {
    case 'Point':
      return distanceMeters(point, [geometry.coordinates[0] ?? 0, geometry.coordinates[1] ?? 0]);
    case 'MultiPoint':
      return Math.min(
        Infinity,
        ...geometry.coordinates.map((c) => distanceMeters(point, [c[0] ?? 0, c[1] ?? 0])),
      );
    case 'LineString':
      return lineDistance(point, geometry.coordinates);
    case 'MultiLineString':
      return Math.min(Infinity, ...geometry.coordinates.map((line) => lineDistance(point, line)));
    case 'Polygon':
      return polygonDistance(point, geometry.coordinates);
    case 'MultiPolygon':
      return Math.min(
        Infinity,
        ...geometry.coordinates.map((rings) => polygonDistance(point, rings)),
      );
    case 'GeometryCollection':
      return Infinity;
  }
}

/** A feature near the point and how far it is. */
export interface NearbyFeature {
  readonly feature: PlanFeature;
  readonly distanceM: number;
}

/** The features within `radiusM` of the point, nearest first (ties by id). */
export function featuresWithin(
  features: readonly PlanFeature[],
  point: LonLat,
  radiusM: number = NEARBY_RADIUS_M,
): NearbyFeature[] {
  return features
    .map((feature) => ({ feature, distanceM: distanceToFeature(point, feature) }))
    .filter((entry) => entry.distanceM <= radiusM)
    .sort(
      (a, b) =>
        a.distanceM - b.distanceM || (a.feature.properties.id < b.feature.properties.id ? -1 : 1),
    );
}

/** The circle to draw on the map, as a 64-sided polygon. */
export function radiusCircle(point: LonLat, radiusM: number): Feature<Polygon> {
  return circle([point[0], point[1]], radiusM / 1000, { steps: 64, units: 'kilometers' });
}
