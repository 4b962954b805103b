/**
 * Moves an estimated point into the district it is said to lie in.
 *
 * The app filters and highlights by `district_adcode`, so a point drawn just across a district line
 * would contradict its own properties. Estimates near borders (township seats, memory estimates,
 * means of several seats) can fall a few hundred metres outside the generalised CTAmap polygons.
 * Rule: keep the point if it is inside; otherwise take the nearest point on the district boundary
 * and step from there towards turf's `pointOnFeature` of the district until the point is inside and
 * at least `marginM` from the boundary (so that 5-decimal rounding cannot push it back out).
 */
import {
  booleanPointInPolygon,
  distance,
  nearestPointOnLine,
  point,
  pointOnFeature,
  pointToLineDistance,
} from '@turf/turf';
import type { Feature, LineString, Position } from 'geojson';
import { round5 } from './round-geometry.ts';
import type { AreaGeometry } from './raw-inputs.ts';

/** Where a point ended up and how far it was moved (0 when it was already inside). */
export interface Placement {
  readonly position: Position;
  readonly movedM: number;
}

function boundaryLines(area: Feature<AreaGeometry>): Feature<LineString>[] {
  const g = area.geometry;
  const polygons = g.type === 'Polygon' ? [g.coordinates] : g.coordinates;
  return polygons.flatMap((rings) =>
    rings.map((ring): Feature<LineString> => ({
      type: 'Feature',
      properties: {},
      geometry: { type: 'LineString', coordinates: ring },
    })),
  );
}

function distanceToBoundaryM(p: Position, lines: readonly Feature<LineString>[]): number {
  return Math.min(...lines.map((line) => pointToLineDistance(p, line, { units: 'meters' })));
}

/** Returns the position rounded to 5 decimals, moved inside `area` by the rule above if needed. */
export function placeInsidePolygon(
  position: Position,
  area: Feature<AreaGeometry>,
  marginM = 150,
): Placement {
  const start: Position = [round5(position[0] ?? NaN), round5(position[1] ?? NaN)];
  if (booleanPointInPolygon(start, area)) return { position: start, movedM: 0 };
  const lines = boundaryLines(area);
  let nearest: Position | null = null;
  let nearestM = Infinity;
  for (const line of lines) {
    const candidate = nearestPointOnLine(line, start, { units: 'meters' });
    const d = candidate.properties.pointDistance;
    if (d < nearestM) {
      nearestM = d;
      nearest = candidate.geometry.coordinates;
    }
  }
  const anchor = pointOnFeature(area).geometry.coordinates;
  let chosen: Position = [round5(anchor[0] ?? NaN), round5(anchor[1] ?? NaN)];
  if (nearest) {
    const [bx = NaN, by = NaN] = nearest;
    const [ax = NaN, ay = NaN] = anchor;
    for (let k = 1; k <= 400; k += 1) {
      const t = k / 400;
      const p: Position = [round5(bx + t * (ax - bx)), round5(by + t * (ay - by))];
      if (booleanPointInPolygon(p, area) && distanceToBoundaryM(p, lines) >= marginM) {
        chosen = p;
        break;
      }
    }
  }
  return {
    position: chosen,
    movedM: Math.round(distance(point(start), point(chosen), { units: 'meters' })),
  };
}
