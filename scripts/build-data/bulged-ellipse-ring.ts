/**
 * Smooth schematic outline for the “一核” market zone (专栏7): the area inside the 绕城高速 ring.
 *
 * The plan describes the zone by an expressway without a map, and the project has no open road
 * geometry. A smooth, obviously diagrammatic ellipse says "about here" more honestly than a traced
 * road would; it is a deterministic function of a few documented numbers.
 */
import type { Position } from 'geojson';

/** Ellipse-like ring parameters: centre and semi-axes in degrees. */
export interface EllipseSpec {
  readonly centre: Position;
  readonly semiAxisLon: number;
  readonly semiAxisLat: number;
}

function wrapAngle(a: number): number {
  return Math.atan2(Math.sin(a), Math.cos(a));
}

/**
 * A closed counter-clockwise ring: the ellipse, bulged smoothly (Gaussian in angle, σ = 0.4 rad)
 * just enough that every point in `mustContain` lies at most 1/`margin` of the local radius from the
 * centre. Points already well inside cause no bulge, so the given ellipse is kept where it can be.
 */
export function bulgedEllipseRing(
  spec: EllipseSpec,
  mustContain: readonly Position[],
  margin = 1.1,
  vertices = 120,
): Position[] {
  const [cx = 0, cy = 0] = spec.centre;
  const bumps = mustContain
    .map((p) => {
      const u = ((p[0] ?? 0) - cx) / spec.semiAxisLon;
      const v = ((p[1] ?? 0) - cy) / spec.semiAxisLat;
      return { angle: Math.atan2(v, u), amplitude: Math.hypot(u, v) * margin - 1 };
    })
    .filter((b) => b.amplitude > 0);
  const sigma = 0.4;
  const ring: Position[] = [];
  for (let k = 0; k < vertices; k += 1) {
    const theta = (2 * Math.PI * k) / vertices;
    const r =
      1 +
      bumps.reduce(
        (s, b) => s + b.amplitude * Math.exp(-(wrapAngle(theta - b.angle) ** 2) / (2 * sigma ** 2)),
        0,
      );
    ring.push([
      cx + spec.semiAxisLon * r * Math.cos(theta),
      cy + spec.semiAxisLat * r * Math.sin(theta),
    ]);
  }
  const start = ring[0];
  if (start) ring.push([...start]);
  return ring;
}
