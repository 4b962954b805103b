/**
 * Where Chongqing is, for telling whether imported coordinates landed where the atlas expects them.
 */
import type { Position } from 'geojson';

/** The bounding box of Chongqing municipality in WGS 84 degrees (rounded outwards slightly). */
export const chongqingBounds = {
  west: 105.28,
  south: 28.16,
  east: 110.2,
  north: 32.21,
} as const;

/** Data more than this far outside the box is reported as far from Chongqing. */
export const FAR_FROM_CHONGQING_KM = 100;

const KM_PER_DEGREE_LAT = 110.574;
const KM_PER_DEGREE_LON_AT_EQUATOR = 111.32;

/**
 * How far (km, approximately, on the ellipsoid's local scale) a WGS 84 point lies outside the
 * Chongqing bounding box; 0 inside it. Non-finite input gives Infinity.
 */
export function distanceOutsideChongqingKm(lon: number, lat: number): number {
  if (!Number.isFinite(lon) || !Number.isFinite(lat)) return Number.POSITIVE_INFINITY;
  const b = chongqingBounds;
  const dLon = lon < b.west ? b.west - lon : lon > b.east ? lon - b.east : 0;
  const dLat = lat < b.south ? b.south - lat : lat > b.north ? lat - b.north : 0;
  const nearestLat = Math.min(Math.max(lat, b.south), b.north);
  const kmPerLon = KM_PER_DEGREE_LON_AT_EQUATOR * Math.cos((nearestLat * Math.PI) / 180);
  return Math.hypot(dLon * kmPerLon, dLat * KM_PER_DEGREE_LAT);
}

/** True when the WGS 84 point is inside the Chongqing box or within `marginKm` of it. */
export function isNearChongqing(
  lon: number,
  lat: number,
  marginKm: number = FAR_FROM_CHONGQING_KM,
): boolean {
  return distanceOutsideChongqingKm(lon, lat) <= marginKm;
}

/**
 * A regular grid of WGS 84 points spanning the Chongqing box, corners included
 * (`columns` × `rows` points), for measuring conversions.
 */
export function chongqingGrid(columns = 20, rows = 15): Position[] {
  const b = chongqingBounds;
  const points: Position[] = [];
  for (let row = 0; row < rows; row += 1) {
    const lat = b.south + ((b.north - b.south) * row) / Math.max(1, rows - 1);
    for (let column = 0; column < columns; column += 1) {
      const lon = b.west + ((b.east - b.west) * column) / Math.max(1, columns - 1);
      points.push([lon, lat]);
    }
  }
  return points;
}
