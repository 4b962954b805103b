import type { Geometry, Position } from 'geojson';

/**
 * turf's `centerOfMass`, without the convex-hull library it loads for every geometry (concaveman
 * and its index, about 6 KB gzip of the public map's start-up): for a polygon the same area
 * centroid over the same coordinates in the same order, so label anchors do not move; for other
 * shapes the centre of mass of their convex hull, as turf computes it.
 */
export function centerOfMass(geometry: Geometry): Position {
  if (geometry.type === 'Point') return geometry.coordinates;
  if (geometry.type === 'Polygon') return polygonCenterOfMass(geometry.coordinates);
  const points = allPositions(geometry);
  const hull = convexHull(points);
  if (hull.length < 3) return meanOf(points);
  return polygonCenterOfMass([[...hull, hull[0] ?? [0, 0]]]);
}

/** As turf: every coordinate of every ring, closing ones included, shifted to the centroid. */
function polygonCenterOfMass(rings: readonly Position[][]): Position {
  const coords = rings.flat();
  // turf's centroid leaves out each ring's closing coordinate.
  const centre = meanOf(rings.flatMap((ring) => ring.slice(0, -1)));
  const [tx = 0, ty = 0] = centre;
  let sx = 0;
  let sy = 0;
  let sArea = 0;
  for (let i = 0; i < coords.length - 1; i += 1) {
    const xi = (coords[i]?.[0] ?? 0) - tx;
    const yi = (coords[i]?.[1] ?? 0) - ty;
    const xj = (coords[i + 1]?.[0] ?? 0) - tx;
    const yj = (coords[i + 1]?.[1] ?? 0) - ty;
    const a = xi * yj - xj * yi;
    sArea += a;
    sx += (xi + xj) * a;
    sy += (yi + yj) * a;
  }
  if (sArea === 0) return centre;
  const areaFactor = 1 / (6 * (sArea * 0.5));
  return [tx + areaFactor * sx, ty + areaFactor * sy];
}

function meanOf(points: readonly Position[]): Position {
  let x = 0;
  let y = 0;
  for (const point of points) {
    x += point[0] ?? 0;
    y += point[1] ?? 0;
  }
  return points.length === 0 ? [0, 0] : [x / points.length, y / points.length];
}

function allPositions(geometry: Geometry): Position[] {
  switch (geometry.type) {
    case 'Point':
      return [geometry.coordinates];
    case 'MultiPoint':
    case 'LineString':
      return geometry.coordinates;
    case 'MultiLineString':
    case 'Polygon':
      return geometry.coordinates.flat();
    case 'MultiPolygon':
      return geometry.coordinates.flat(2);
    case 'GeometryCollection':
      return geometry.geometries.flatMap(allPositions);
  }
}

/** Andrew's monotone chain: the hull's vertices counter-clockwise, without repeating the first. */
function convexHull(points: readonly Position[]): Position[] {
  const sorted = [...points].sort((a, b) => (a[0] ?? 0) - (b[0] ?? 0) || (a[1] ?? 0) - (b[1] ?? 0));
  const cross = (o: Position, a: Position, b: Position) =>
    ((a[0] ?? 0) - (o[0] ?? 0)) * ((b[1] ?? 0) - (o[1] ?? 0)) -
    ((a[1] ?? 0) - (o[1] ?? 0)) * ((b[0] ?? 0) - (o[0] ?? 0));
  const half = (list: readonly Position[]) => {
    const chain: Position[] = [];
    for (const point of list) {
      while (chain.length >= 2) {
        const top = chain[chain.length - 1];
        const below = chain[chain.length - 2];
        if (top === undefined || below === undefined || cross(below, top, point) > 0) break;
        chain.pop();
      }
      chain.push(point);
    }
    chain.pop();
    return chain;
  };
  return [...half(sorted), ...half([...sorted].reverse())];
}
