import { haversineMeters } from './haversine.ts';

/** A WGS 84 longitude/latitude pair. */
export type LonLat = readonly [number, number];

/**
 * The length in metres of a path through the points in order, each leg a great circle on the
 * atlas's one Earth sphere ({@link haversineMeters}); 0 for fewer than two points.
 */
export function pathLengthMeters(points: readonly LonLat[]): number {
  let total = 0;
  for (let i = 1; i < points.length; i += 1) {
    const [lon1, lat1] = points[i - 1] ?? [0, 0];
    const [lon2, lat2] = points[i] ?? [0, 0];
    total += haversineMeters(lon1, lat1, lon2, lat2);
  }
  return total;
}
