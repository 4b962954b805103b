/**
 * A schematic line along a river bank, derived from a district boundary.
 *
 * In central Chongqing the 区县 boundaries run down the middle of the Yangtze and the Jialing, so
 * the stretch of a district's boundary between two places is the river's midstream line there, as
 * precisely as the CTAmap polygon (generalised, tens of metres to a few hundred). Moving it a
 * fixed distance into the district gives a line along that bank: a diagram of a riverside road's
 * course, not its alignment. With offset 0 the line is the midstream line itself (a boat route).
 */
import { booleanPointInPolygon, length, lineOffset, lineString } from '@turf/turf';
import type { Feature, LineString, Position } from 'geojson';
import type { AreaGeometry } from './raw-inputs.ts';

function outerRing(area: Feature<AreaGeometry>): Position[] {
  const g = area.geometry;
  if (g.type === 'Polygon') return g.coordinates[0] ?? [];
  let best: Position[] = [];
  for (const polygon of g.coordinates) {
    const ring = polygon[0] ?? [];
    if (ring.length > best.length) best = ring;
  }
  return best;
}

/** Twice the signed area (shoelace): positive for a counter-clockwise ring. */
function signedArea(ring: readonly Position[]): number {
  let sum = 0;
  for (let i = 1; i < ring.length; i += 1) {
    const [x1 = 0, y1 = 0] = ring[i - 1] ?? [];
    const [x2 = 0, y2 = 0] = ring[i] ?? [];
    sum += x1 * y2 - x2 * y1;
  }
  return sum;
}

function nearestIndex(ring: readonly Position[], p: Position): number {
  let best = 0;
  let bestD = Infinity;
  ring.forEach(([x = 0, y = 0], i) => {
    const d = (x - (p[0] ?? 0)) ** 2 + (y - (p[1] ?? 0)) ** 2;
    if (d < bestD) {
      bestD = d;
      best = i;
    }
  });
  return best;
}

/** Vertices from index `a` to `b` going forward round the closed ring (without the repeat). */
function forwardArc(ring: readonly Position[], a: number, b: number): Position[] {
  const n = ring.length - 1;
  const out: Position[] = [];
  for (let i = a; ; i = (i + 1) % n) {
    const v = ring[i];
    if (v) out.push(v);
    if (i === b) break;
  }
  return out;
}

/**
 * The boundary stretch of `area` from the vertex nearest `from` to the vertex nearest `to` (the way
 * round that passes nearest `via`, else the shorter), moved `offsetM` metres into the area, with
 * any vertex that the move leaves outside dropped. Throws if fewer than two vertices remain.
 */
export function riverbankLine(
  area: Feature<AreaGeometry>,
  from: Position,
  to: Position,
  offsetM: number,
  via?: Position,
): LineString {
  const ring = outerRing(area);
  const n = ring.length - 1;
  if (n < 3) throw new Error('riverbankLine: the district has no ring');
  const a = nearestIndex(ring.slice(0, n), from);
  const b = nearestIndex(ring.slice(0, n), to);
  const forward = forwardArc(ring, a, b);
  const backward = forwardArc(ring, b, a).reverse();
  let chosen: { arc: Position[]; isForward: boolean };
  if (via !== undefined) {
    const v = nearestIndex(ring.slice(0, n), via);
    const onForward = forward.includes(ring[v] ?? []);
    chosen = onForward ? { arc: forward, isForward: true } : { arc: backward, isForward: false };
  } else {
    const lf = length(lineString(forward));
    const lb = length(lineString(backward));
    chosen = lf <= lb ? { arc: forward, isForward: true } : { arc: backward, isForward: false };
  }
  if (chosen.arc.length < 2) throw new Error('riverbankLine: from and to are the same vertex');
  // Walking a counter-clockwise ring forward, the inside is on the left; turf offsets to the right.
  const ccw = signedArea(ring) > 0;
  const insideIsLeft = ccw === chosen.isForward;
  const line = lineString(chosen.arc);
  const moved =
    offsetM === 0 ? line : lineOffset(line, insideIsLeft ? -offsetM : offsetM, { units: 'meters' });
  const kept = moved.geometry.coordinates.filter(
    (p) => offsetM === 0 || booleanPointInPolygon(p, area),
  );
  if (kept.length < 2) throw new Error('riverbankLine: the offset line left the district');
  return { type: 'LineString', coordinates: kept };
}
