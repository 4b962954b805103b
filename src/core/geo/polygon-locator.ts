import type { MultiPolygon, Polygon, Position } from 'geojson';

/** Finds which of a fixed list of polygons contains a point. */
export interface PolygonLocator {
  /** Index of the first polygon containing the point (even–odd rule, holes respected), or -1. */
  locate(lon: number, lat: number): number;
}

interface IndexedPolygon {
  readonly index: number;
  readonly minX: number;
  readonly minY: number;
  readonly maxX: number;
  readonly maxY: number;
  /** Every ring of every part, flattened to x0,y0,x1,y1,… so one loop tests them all. */
  readonly rings: readonly Float64Array[];
}

function flattenRing(ring: readonly Position[]): Float64Array {
  const out = new Float64Array(ring.length * 2);
  ring.forEach((position, i) => {
    out[2 * i] = position[0] ?? Number.NaN;
    out[2 * i + 1] = position[1] ?? Number.NaN;
  });
  return out;
}

function insideRings(rings: readonly Float64Array[], x: number, y: number): boolean {
  let inside = false;
  for (const ring of rings) {
    const n = ring.length / 2;
    let x1 = ring[2 * (n - 1)] ?? 0;
    let y1 = ring[2 * (n - 1) + 1] ?? 0;
    for (let i = 0; i < n; i++) {
      const x2 = ring[2 * i] ?? 0;
      const y2 = ring[2 * i + 1] ?? 0;
      if (y2 > y !== y1 > y && x < ((x1 - x2) * (y - y2)) / (y1 - y2) + x2) inside = !inside;
      x1 = x2;
      y1 = y2;
    }
  }
  return inside;
}

/**
 * Builds a point locator over polygons given as lon/lat GeoJSON geometries (planar test in
 * degrees, as GeoJSON defines). Bounding boxes are checked first, so locating a point costs a few
 * comparisons plus one ring scan per polygon whose box contains it. The input is not modified.
 */
export function createPolygonLocator(
  geometries: readonly (Polygon | MultiPolygon)[],
): PolygonLocator {
  const indexed: IndexedPolygon[] = geometries.map((geometry, index) => {
    const parts = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
    const rings = parts.flat().map(flattenRing);
    let minX = Infinity;
    let minY = Infinity;
    let maxX = -Infinity;
    let maxY = -Infinity;
    for (const ring of rings) {
      for (let i = 0; i < ring.length; i += 2) {
        const x = ring[i] ?? 0;
        const y = ring[i + 1] ?? 0;
        if (x < minX) minX = x;
        if (x > maxX) maxX = x;
        if (y < minY) minY = y;
        if (y > maxY) maxY = y;
      }
    }
    return { index, minX, minY, maxX, maxY, rings };
  });
  return {
    locate(lon, lat) {
      for (const p of indexed) {
        if (lon < p.minX || lon > p.maxX || lat < p.minY || lat > p.maxY) continue;
        if (insideRings(p.rings, lon, lat)) return p.index;
      }
      return -1;
    },
  };
}
