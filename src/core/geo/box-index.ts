import type { Geometry, Position } from 'geojson';
import { createPolygonLocator } from './polygon-locator';

/** An axis-aligned box in lon/lat degrees (planar, as GeoJSON defines). */
export interface Box {
  readonly minX: number;
  readonly minY: number;
  readonly maxX: number;
  readonly maxY: number;
}

/** Every position of a geometry (all rings, parts and members), in order. */
function eachPosition(geometry: Geometry, visit: (position: Position) => void): void {
  switch (geometry.type) {
    case 'Point':
      visit(geometry.coordinates);
      return;
    case 'MultiPoint':
    case 'LineString':
      geometry.coordinates.forEach(visit);
      return;
    case 'MultiLineString':
    case 'Polygon':
      for (const line of geometry.coordinates) line.forEach(visit);
      return;
    case 'MultiPolygon':
      for (const polygon of geometry.coordinates) for (const ring of polygon) ring.forEach(visit);
      return;
    case 'GeometryCollection':
      for (const member of geometry.geometries) eachPosition(member, visit);
  }
}

/** The geometry's bounding box, or null when it has no finite position. */
export function geometryBox(geometry: Geometry): Box | null {
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  eachPosition(geometry, ([x = Number.NaN, y = Number.NaN]) => {
    if (!Number.isFinite(x) || !Number.isFinite(y)) return;
    if (x < minX) minX = x;
    if (x > maxX) maxX = x;
    if (y < minY) minY = y;
    if (y > maxY) maxY = y;
  });
  return minX <= maxX ? { minX, minY, maxX, maxY } : null;
}

/** Whether two boxes share at least one point (touching edges count). */
export function boxesIntersect(a: Box, b: Box): boolean {
  return a.minX <= b.maxX && a.maxX >= b.minX && a.minY <= b.maxY && a.maxY >= b.minY;
}

function pointInBox(x: number, y: number, box: Box): boolean {
  return x >= box.minX && x <= box.maxX && y >= box.minY && y <= box.maxY;
}

/** Whether the segment (x1,y1)–(x2,y2) meets the box (Liang–Barsky clipping). */
function segmentMeetsBox(x1: number, y1: number, x2: number, y2: number, box: Box): boolean {
  let t0 = 0;
  let t1 = 1;
  const dx = x2 - x1;
  const dy = y2 - y1;
  const edges: readonly (readonly [number, number])[] = [
    [-dx, x1 - box.minX],
    [dx, box.maxX - x1],
    [-dy, y1 - box.minY],
    [dy, box.maxY - y1],
  ];
  for (const [p, q] of edges) {
    if (p === 0) {
      if (q < 0) return false;
      continue;
    }
    const t = q / p;
    if (p < 0) {
      if (t > t1) return false;
      if (t > t0) t0 = t;
    } else {
      if (t < t0) return false;
      if (t < t1) t1 = t;
    }
  }
  return true;
}

function lineMeetsBox(line: readonly Position[], box: Box): boolean {
  for (let i = 0; i < line.length; i++) {
    const [x1 = Number.NaN, y1 = Number.NaN] = line[i] ?? [];
    if (pointInBox(x1, y1, box)) return true;
    const next = line[i + 1];
    if (next === undefined) continue;
    const [x2 = Number.NaN, y2 = Number.NaN] = next;
    if (segmentMeetsBox(x1, y1, x2, y2, box)) return true;
  }
  return false;
}

function polygonMeetsBox(rings: Position[][], box: Box): boolean {
  // An edge (or a vertex) in the box, or the box wholly inside the polygon's area (holes kept).
  return (
    rings.some((ring) => lineMeetsBox(ring, box)) ||
    createPolygonLocator([{ type: 'Polygon', coordinates: rings }]).locate(box.minX, box.minY) >= 0
  );
}

/**
 * Whether any part of the geometry lies in the box: a point in it, a line crossing it, a polygon's
 * area overlapping it (also when the box lies wholly inside the polygon, not inside a hole).
 */
export function geometryMeetsBox(geometry: Geometry, box: Box): boolean {
  switch (geometry.type) {
    case 'Point':
      return pointInBox(geometry.coordinates[0] ?? Number.NaN, geometry.coordinates[1] ?? 0, box);
    case 'MultiPoint':
      return geometry.coordinates.some(([x = Number.NaN, y = 0]) => pointInBox(x, y, box));
    case 'LineString':
      return lineMeetsBox(geometry.coordinates, box);
    case 'MultiLineString':
      return geometry.coordinates.some((line) => lineMeetsBox(line, box));
    case 'Polygon':
      return polygonMeetsBox(geometry.coordinates, box);
    case 'MultiPolygon':
      return geometry.coordinates.some((polygon) => polygonMeetsBox(polygon, box));
    case 'GeometryCollection':
      return geometry.geometries.some((member) => geometryMeetsBox(member, box));
  }
}

/** Finds which of a fixed list of boxes meet a query box. */
export interface BoxIndex {
  /** Indices (ascending) of the boxes that meet `query` (touching counts). */
  search(query: Box): number[];
}

/**
 * A uniform grid over the boxes' extent, `cellsPerSide` cells a side (by default about one cell per
 * box, at most 64 × 64); each box is listed in every cell it covers. A query visits the cells it covers and checks each listed box once, so its
 * cost follows what is near the query, not how many boxes there are. Null entries (geometries
 * without a position) are never found.
 */
export function createBoxIndex(
  boxes: readonly (Box | null)[],
  cellsPerSide = Math.min(64, Math.ceil(Math.sqrt(boxes.length))),
): BoxIndex {
  const present = boxes.filter((box): box is Box => box !== null);
  const extent: Box = present.reduce(
    (all, box) => ({
      minX: Math.min(all.minX, box.minX),
      minY: Math.min(all.minY, box.minY),
      maxX: Math.max(all.maxX, box.maxX),
      maxY: Math.max(all.maxY, box.maxY),
    }),
    { minX: Infinity, minY: Infinity, maxX: -Infinity, maxY: -Infinity },
  );
  const n = Math.max(1, Math.floor(cellsPerSide));
  const cellW = (extent.maxX - extent.minX) / n || 1;
  const cellH = (extent.maxY - extent.minY) / n || 1;
  const column = (x: number) => Math.min(n - 1, Math.max(0, Math.floor((x - extent.minX) / cellW)));
  const row = (y: number) => Math.min(n - 1, Math.max(0, Math.floor((y - extent.minY) / cellH)));
  const cells: number[][] = Array.from({ length: n * n }, () => []);
  boxes.forEach((box, index) => {
    if (box === null) return;
    for (let r = row(box.minY); r <= row(box.maxY); r++) {
      for (let c = column(box.minX); c <= column(box.maxX); c++) cells[r * n + c]?.push(index);
    }
  });
  const seen = new Uint32Array(boxes.length);
  let stamp = 0;
  return {
    search(query) {
      if (present.length === 0 || !boxesIntersect(query, extent)) return [];
      stamp++;
      const found: number[] = [];
      for (let r = row(query.minY); r <= row(query.maxY); r++) {
        for (let c = column(query.minX); c <= column(query.maxX); c++) {
          for (const index of cells[r * n + c] ?? []) {
            if (seen[index] === stamp) continue;
            seen[index] = stamp;
            const box = boxes[index];
            if (box && boxesIntersect(box, query)) found.push(index);
          }
        }
      }
      return found.sort((a, b) => a - b);
    },
  };
}
