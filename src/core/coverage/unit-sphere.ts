import { EARTH_RADIUS_METERS } from '../geo/haversine.ts';

const RADIANS_PER_DEGREE = Math.PI / 180;

/**
 * One micrometre as an angle. Two chord lengths closer than this are "too close to call" in
 * floating point, and the engine falls back to the reference haversine formula, so its answers
 * are identical to a brute-force haversine scan rather than merely close.
 */
export const TIE_ANGLE = 1e-6 / EARTH_RADIUS_METERS;

/** Writes the unit vector of (lon, lat) into `out` at `offset * 3`. */
export function unitVector(lon: number, lat: number, out: Float64Array, offset: number): void {
  const phi = lat * RADIANS_PER_DEGREE;
  const lambda = lon * RADIANS_PER_DEGREE;
  const cosPhi = Math.cos(phi);
  out[offset * 3] = cosPhi * Math.cos(lambda);
  out[offset * 3 + 1] = cosPhi * Math.sin(lambda);
  out[offset * 3 + 2] = Math.sin(phi);
}

/**
 * Squared chord (on the unit sphere) of a great-circle distance in metres. Chord length grows
 * monotonically with distance, so comparing squared chords compares distances without a square
 * root or an arcsine.
 */
export function chordSquaredOfMeters(distance: number): number {
  const angle = Math.min(Math.PI, distance / EARTH_RADIUS_METERS);
  const half = Math.sin(angle / 2);
  return 4 * half * half;
}

/** Squared chord of a central angle in radians (clamped to [0, π]). */
export function chordSquaredOfAngle(angle: number): number {
  const half = Math.sin(Math.min(Math.PI, Math.max(0, angle)) / 2);
  return 4 * half * half;
}

/** Central angle (radians) of a squared chord. */
export function angleOfChordSquared(chordSquared: number): number {
  return 2 * Math.asin(Math.min(1, Math.sqrt(chordSquared) / 2));
}

/**
 * Great-circle distance in metres of a squared chord. Below a chord of 0.05 (about 320 km) the
 * arcsine's Taylor series to the 7th power is exact to better than 1e-14 relative and several
 * times faster than Math.asin, which matters when a million distances are copied out.
 */
export function metersOfChordSquared(chordSquared: number): number {
  const chord = Math.sqrt(chordSquared);
  if (chord >= 0.05) return EARTH_RADIUS_METERS * angleOfChordSquared(chordSquared);
  const c2 = chordSquared;
  return EARTH_RADIUS_METERS * chord * (1 + c2 * (1 / 24 + c2 * (3 / 640 + (c2 * 5) / 7168)));
}

/**
 * Half-width of the band around a squared chord inside which float rounding could change a
 * comparison: chord lengths within {@link TIE_ANGLE} of each other.
 */
export function chordSquaredTolerance(chordSquared: number): number {
  return 2 * Math.sqrt(chordSquared) * TIE_ANGLE + TIE_ANGLE * TIE_ANGLE;
}
