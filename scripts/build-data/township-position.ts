/**
 * The best available point for a township (乡镇街道).
 *
 * 55 townships have no seat point in either source (SOURCES.md §9), among them central 街道 that
 * the plan's places lie in (李家沱街道, 璧城街道). Their community-level points (file 11, AMap 2016)
 * still locate the built-up area, so their mean stands in for the seat.
 */
import type { Position } from 'geojson';
import type { RawInputs, TownshipPoint } from './raw-inputs.ts';

/** Arithmetic mean of lon/lat; fine at district scale (tens of km) in these latitudes. */
export function meanPosition(positions: readonly Position[]): Position {
  const n = positions.length;
  if (n === 0) throw new Error('mean of no positions');
  return [
    positions.reduce((s, p) => s + (p[0] ?? 0), 0) / n,
    positions.reduce((s, p) => s + (p[1] ?? 0), 0) / n,
  ];
}

/** Seat point of the township, else the mean of its community points, else null. */
export function townshipPosition(
  t: TownshipPoint,
  inputs: Pick<RawInputs, 'villagePoints'>,
): { readonly position: Position; readonly fromCommunities: boolean } | null {
  if (t.lon !== null && t.lat !== null) return { position: [t.lon, t.lat], fromCommunities: false };
  const communities = inputs.villagePoints
    .filter((v) => v.townshipCode === t.code)
    .map((v): Position => [v.lon, v.lat]);
  return communities.length > 0
    ? { position: meanPosition(communities), fromCommunities: true }
    : null;
}
