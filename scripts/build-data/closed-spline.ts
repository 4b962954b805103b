/**
 * Smooth closed curve for the “一环” market zone (专栏7), which follows the 三环高速.
 *
 * The project has no open road geometry, so the band is drawn around a spline through a handful
 * of towns the expressway passes; the curve is deterministic and plainly schematic.
 */
import type { Position } from 'geojson';

/**
 * A closed centripetal Catmull–Rom spline through the waypoints (which need not repeat the first),
 * `perSegment` samples per waypoint pair. Longitudes are scaled by cos(latitude of the first
 * waypoint) while interpolating so that the curve is smooth on the ground, not just in degrees.
 */
export function closedSpline(waypoints: readonly Position[], perSegment = 16): Position[] {
  const n = waypoints.length;
  if (n < 3) throw new Error('a closed spline needs at least 3 waypoints');
  const k = Math.cos(((waypoints[0]?.[1] ?? 0) * Math.PI) / 180);
  const pts = waypoints.map((p): [number, number] => [(p[0] ?? 0) * k, p[1] ?? 0]);
  const at = (i: number): [number, number] => pts[((i % n) + n) % n] ?? [0, 0];
  const knot = (t: number, a: [number, number], b: [number, number]): number =>
    t + Math.sqrt(Math.hypot(b[0] - a[0], b[1] - a[1]));
  const lerp = (
    a: [number, number],
    b: [number, number],
    ta: number,
    tb: number,
    t: number,
  ): [number, number] => {
    const w = (t - ta) / (tb - ta);
    return [a[0] + (b[0] - a[0]) * w, a[1] + (b[1] - a[1]) * w];
  };
  const out: Position[] = [];
  for (let i = 0; i < n; i += 1) {
    const p0 = at(i - 1);
    const p1 = at(i);
    const p2 = at(i + 1);
    const p3 = at(i + 2);
    const t0 = 0;
    const t1 = knot(t0, p0, p1);
    const t2 = knot(t1, p1, p2);
    const t3 = knot(t2, p2, p3);
    for (let s = 0; s < perSegment; s += 1) {
      const t = t1 + ((t2 - t1) * s) / perSegment;
      const a1 = lerp(p0, p1, t0, t1, t);
      const a2 = lerp(p1, p2, t1, t2, t);
      const a3 = lerp(p2, p3, t2, t3, t);
      const b1 = lerp(a1, a2, t0, t2, t);
      const b2 = lerp(a2, a3, t1, t3, t);
      const c = lerp(b1, b2, t1, t2, t);
      out.push([c[0] / k, c[1]]);
    }
  }
  const start = out[0];
  if (start) out.push([...start]);
  return out;
}
