/**
 * Conversions between WGS 84 longitude/latitude and every coordinate system the atlas reads.
 * Gauss-Krüger and Web Mercator go through proj4; GCJ-02 and BD-09 use the published formulas.
 * CGCS2000 is treated as equal to WGS 84 (they differ by a few centimetres), so the Gauss-Krüger
 * projections are pure projections on the GRS80 ellipsoid with no datum shift.
 */
import type { Geometry, Position } from 'geojson';
import proj4 from 'proj4';
import { gcj02ToWgs84, mapGeometryPositions, wgs84ToGcj02 } from '../base-map/gcj02';
import { bd09ToGcj02, gcj02ToBd09 } from './bd09';
import { gaussKrugerZone } from './crs-choices';
import type { CrsId } from './crs-types';
import { haversineMeters } from '../geo/haversine.ts';

export type PositionConverter = (position: Position) => Position;

interface PlanarPair {
  readonly forward: (x: number, y: number) => [number, number];
  readonly inverse: (x: number, y: number) => [number, number];
}

const LONLAT_GRS80 = '+proj=longlat +ellps=GRS80 +no_defs';
const WEB_MERCATOR =
  '+proj=merc +a=6378137 +b=6378137 +lat_ts=0 +lon_0=0 +x_0=0 +y_0=0 +k=1 +units=m +no_defs';
const LONLAT_SPHERE = '+proj=longlat +a=6378137 +b=6378137 +no_defs';

/** The proj4 definition string for a projected CRS, or null for degree systems. */
export function proj4Definition(crs: CrsId): string | null {
  if (crs === 'EPSG:3857') return WEB_MERCATOR;
  const gk = gaussKrugerZone(crs);
  if (gk === undefined) return null;
  return `+proj=tmerc +lat_0=0 +lon_0=${String(gk.centralMeridian)} +k=1 +x_0=${String(gk.falseEasting)} +y_0=0 +ellps=GRS80 +units=m +no_defs`;
}

const planarCache = new Map<CrsId, PlanarPair>();

function planar(crs: CrsId, definition: string): PlanarPair {
  const cached = planarCache.get(crs);
  if (cached !== undefined) return cached;
  // Web Mercator treats WGS 84 degrees as if on its sphere, so both sides share one figure
  // and proj4 does no datum shift; Gauss-Krüger likewise projects CGCS2000 = WGS 84 degrees.
  const converter = proj4(crs === 'EPSG:3857' ? LONLAT_SPHERE : LONLAT_GRS80, definition);
  const pair: PlanarPair = {
    forward: (x, y) => {
      const [px = Number.NaN, py = Number.NaN] = converter.forward([x, y]);
      return [px, py];
    },
    inverse: (x, y) => {
      const [px = Number.NaN, py = Number.NaN] = converter.inverse([x, y]);
      return [px, py];
    },
  };
  planarCache.set(crs, pair);
  return pair;
}

/** Applies a 2-D conversion to a position, keeping extra ordinates and never throwing. */
function applyPlanar(
  position: Position,
  convert: (x: number, y: number) => [number, number],
): Position {
  const [x = Number.NaN, y = Number.NaN, ...rest] = position;
  if (!Number.isFinite(x) || !Number.isFinite(y)) return [x, y, ...rest];
  try {
    const [cx, cy] = convert(x, y);
    return [cx, cy, ...rest];
  } catch {
    return [Number.NaN, Number.NaN, ...rest];
  }
}

function copy(position: Position): Position {
  return [...position];
}

/**
 * A converter from `crs` to WGS 84 longitude/latitude. It returns a new array each time (extra
 * ordinates such as height are kept), never changes its input and never throws: non-finite
 * input stays non-finite, and a position the projection cannot invert becomes NaN.
 */
export function toWgs84(crs: CrsId): PositionConverter {
  switch (crs) {
    case 'EPSG:4326':
    case 'EPSG:4490':
      return copy;
    case 'GCJ-02':
      return (position) => gcj02ToWgs84(position);
    case 'BD-09':
      return (position) => gcj02ToWgs84(bd09ToGcj02(position));
    default: {
      const definition = proj4Definition(crs);
      if (definition === null) return copy;
      const pair = planar(crs, definition);
      return (position) => applyPlanar(position, pair.inverse);
    }
  }
}

/** A converter from WGS 84 longitude/latitude to `crs`; same guarantees as {@link toWgs84}. */
export function fromWgs84(crs: CrsId): PositionConverter {
  switch (crs) {
    case 'EPSG:4326':
    case 'EPSG:4490':
      return copy;
    case 'GCJ-02':
      return (position) => wgs84ToGcj02(position);
    case 'BD-09':
      return (position) => gcj02ToBd09(wgs84ToGcj02(position));
    default: {
      const definition = proj4Definition(crs);
      if (definition === null) return copy;
      const pair = planar(crs, definition);
      return (position) => applyPlanar(position, pair.forward);
    }
  }
}

/** A converted copy of a geometry; the input geometry and its arrays are not changed. */
export function convertGeometry(geometry: Geometry, convert: PositionConverter): Geometry {
  return mapGeometryPositions(geometry, convert);
}

/** Distance in metres between two WGS 84 points: the one great-circle distance of the atlas. */
export function groundDistanceM(a: Position, b: Position): number {
  const [lonA = Number.NaN, latA = Number.NaN] = a;
  const [lonB = Number.NaN, latB = Number.NaN] = b;
  return haversineMeters(lonA, latA, lonB, latB);
}

export interface RoundTripMeasure {
  readonly crs: CrsId;
  readonly count: number;
  /** Largest distance between a WGS 84 point and the same point taken to `crs` and back. */
  readonly maxErrorM: number;
  readonly meanErrorM: number;
  /** The WGS 84 point with the largest error, or null when no points were given. */
  readonly worst: Position | null;
}

/** Takes each WGS 84 point to `crs` and back and measures how far it moved, in metres. */
export function measureRoundTrip(crs: CrsId, points: readonly Position[]): RoundTripMeasure {
  const there = fromWgs84(crs);
  const back = toWgs84(crs);
  let maxErrorM = 0;
  let sum = 0;
  let worst: Position | null = null;
  for (const point of points) {
    const error = groundDistanceM(point, back(there(point)));
    const counted = Number.isNaN(error) ? Number.POSITIVE_INFINITY : error;
    sum += counted;
    if (worst === null || counted > maxErrorM) {
      maxErrorM = counted;
      worst = [...point];
    }
  }
  return {
    crs,
    count: points.length,
    maxErrorM,
    meanErrorM: points.length === 0 ? 0 : sum / points.length,
    worst,
  };
}
