/**
 * Mean Earth radius (IUGG R1) in metres. The fresh-food rule is measured on a sphere of this
 * radius; an ellipsoidal or flat approximation would move the answer by up to tens of metres at the
 * edge of a 2 km or 5 km radius, so every distance in the coverage engine uses this one constant.
 */
export const EARTH_RADIUS_METERS = 6_371_008.8;

const RADIANS_PER_DEGREE = Math.PI / 180;

/**
 * Great-circle distance in metres between two WGS 84 lon/lat points on a sphere of radius
 * {@link EARTH_RADIUS_METERS} (haversine formula). This is the reference the coverage engine is
 * tested against: its fast path must give identical covered sets and nearest nodes.
 */
export function haversineMeters(lon1: number, lat1: number, lon2: number, lat2: number): number {
  const phi1 = lat1 * RADIANS_PER_DEGREE;
  const phi2 = lat2 * RADIANS_PER_DEGREE;
  const sinHalfDeltaPhi = Math.sin((phi2 - phi1) / 2);
  const sinHalfDeltaLambda = Math.sin(((lon2 - lon1) * RADIANS_PER_DEGREE) / 2);
  const a =
    sinHalfDeltaPhi * sinHalfDeltaPhi +
    Math.cos(phi1) * Math.cos(phi2) * sinHalfDeltaLambda * sinHalfDeltaLambda;
  return 2 * EARTH_RADIUS_METERS * Math.asin(Math.min(1, Math.sqrt(a)));
}

/**
 * The point `meters` from (lon, lat) along the initial bearing `bearing` (radians clockwise from
 * north) on the same sphere: the great-circle destination, degrees.
 */
export function destinationPoint(
  lon: number,
  lat: number,
  bearing: number,
  meters: number,
): [number, number] {
  const delta = meters / EARTH_RADIUS_METERS;
  const phi1 = lat * RADIANS_PER_DEGREE;
  const sinPhi2 =
    Math.sin(phi1) * Math.cos(delta) + Math.cos(phi1) * Math.sin(delta) * Math.cos(bearing);
  const phi2 = Math.asin(Math.min(1, Math.max(-1, sinPhi2)));
  const lambda = Math.atan2(
    Math.sin(bearing) * Math.sin(delta) * Math.cos(phi1),
    Math.cos(delta) - Math.sin(phi1) * sinPhi2,
  );
  return [lon + lambda / RADIANS_PER_DEGREE, phi2 / RADIANS_PER_DEGREE];
}
