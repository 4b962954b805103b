/**
 * Coordinate rounding for the committed GeoJSON.
 *
 * Five decimals (about 1 m) is already finer than any source here (boundaries ±50–150 m), and a
 * fixed precision is what makes the output byte-for-byte reproducible: the last bits of turf's
 * floating-point results would otherwise show up as diffs in `npm run data:check`.
 */
import type { Geometry, Position } from 'geojson';

/** Rounds one number to 5 decimals; `-0` becomes `0` so it never prints as `-0`. */
export function round5(x: number): number {
  const r = Math.round(x * 1e5) / 1e5;
  return r === 0 ? 0 : r;
}

function roundPosition(p: Position): Position {
  return [round5(p[0] ?? NaN), round5(p[1] ?? NaN)];
}

/** Rounds a line and drops vertices that became equal to their predecessor. */
function roundLine(line: readonly Position[]): Position[] {
  const out: Position[] = [];
  for (const p of line) {
    const r = roundPosition(p);
    const last = out[out.length - 1];
    if (!last || last[0] !== r[0] || last[1] !== r[1]) out.push(r);
  }
  return out;
}

/**
 * Rounds a polygon's rings. A hole that collapses below 4 positions (a sliver after rounding) is
 * dropped; if the outer ring collapses the whole polygon is dropped (returns []).
 */
function roundRings(rings: readonly (readonly Position[])[]): Position[][] {
  const [outer, ...holes] = rings.map(roundLine);
  if (!outer || outer.length < 4) return [];
  return [outer, ...holes.filter((ring) => ring.length >= 4)];
}

/**
 * Returns a copy of the geometry with 2D coordinates rounded to 5 decimals (any altitude is dropped).
 * Throws if a polygon loses its outer ring, which would mean the input was degenerate.
 */
export function roundGeometry<G extends Geometry>(geometry: G): G {
  const g: Geometry = geometry;
  switch (g.type) {
    case 'Point':
      return { type: 'Point', coordinates: roundPosition(g.coordinates) } as G;
    case 'MultiPoint':
      return { type: 'MultiPoint', coordinates: g.coordinates.map(roundPosition) } as G;
    case 'LineString':
      return { type: 'LineString', coordinates: roundLine(g.coordinates) } as G;
    case 'MultiLineString':
      return {
        type: 'MultiLineString',
        coordinates: g.coordinates.map(roundLine).filter((l) => l.length >= 2),
      } as G;
    case 'Polygon': {
      const rings = roundRings(g.coordinates);
      if (rings.length === 0) throw new Error('polygon collapsed when rounded');
      return { type: 'Polygon', coordinates: rings } as G;
    }
    case 'MultiPolygon': {
      const polys = g.coordinates.map(roundRings).filter((rings) => rings.length > 0);
      if (polys.length === 0) throw new Error('multipolygon collapsed when rounded');
      return { type: 'MultiPolygon', coordinates: polys } as G;
    }
    case 'GeometryCollection':
      return {
        type: 'GeometryCollection',
        geometries: g.geometries.map((x) => roundGeometry(x)),
      } as G;
  }
}
