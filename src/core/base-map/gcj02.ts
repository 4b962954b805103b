/**
 * WGS 84 → GCJ-02, the obfuscated datum that Chinese web maps such as AutoNavi (高德) draw their
 * tiles in. Data in WGS 84 drawn over GCJ-02 tiles lands a few hundred metres off; shifting the
 * overlay the same way puts it back on the streets. This is the widely published forward
 * conversion (Krasovsky 1940 ellipsoid); it is accurate to about a metre, and points outside
 * mainland China are returned unchanged, as GCJ-02 leaves them there.
 */
import type { Geometry, Position } from 'geojson';

const A = 6_378_245.0;
const EE = 0.006_693_421_622_965_943;

function outOfChina(lon: number, lat: number): boolean {
  return lon < 72.004 || lon > 137.8347 || lat < 0.8293 || lat > 55.8271;
}

function transformLat(x: number, y: number): number {
  let result = -100 + 2 * x + 3 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * Math.sqrt(Math.abs(x));
  result += ((20 * Math.sin(6 * x * Math.PI) + 20 * Math.sin(2 * x * Math.PI)) * 2) / 3;
  result += ((20 * Math.sin(y * Math.PI) + 40 * Math.sin((y / 3) * Math.PI)) * 2) / 3;
  result += ((160 * Math.sin((y / 12) * Math.PI) + 320 * Math.sin((y * Math.PI) / 30)) * 2) / 3;
  return result;
}

function transformLon(x: number, y: number): number {
  let result = 300 + x + 2 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * Math.sqrt(Math.abs(x));
  result += ((20 * Math.sin(6 * x * Math.PI) + 20 * Math.sin(2 * x * Math.PI)) * 2) / 3;
  result += ((20 * Math.sin(x * Math.PI) + 40 * Math.sin((x / 3) * Math.PI)) * 2) / 3;
  result += ((150 * Math.sin((x / 12) * Math.PI) + 300 * Math.sin((x / 30) * Math.PI)) * 2) / 3;
  return result;
}

/** One WGS 84 position (longitude, latitude, …) in GCJ-02; extra ordinates are kept. */
export function wgs84ToGcj02(position: Position): Position {
  const [lon = 0, lat = 0, ...rest] = position;
  if (outOfChina(lon, lat)) return [lon, lat, ...rest];
  const radLat = (lat / 180) * Math.PI;
  let magic = Math.sin(radLat);
  magic = 1 - EE * magic * magic;
  const sqrtMagic = Math.sqrt(magic);
  const dLat =
    (transformLat(lon - 105, lat - 35) * 180) / (((A * (1 - EE)) / (magic * sqrtMagic)) * Math.PI);
  const dLon =
    (transformLon(lon - 105, lat - 35) * 180) / ((A / sqrtMagic) * Math.cos(radLat) * Math.PI);
  return [lon + dLon, lat + dLat, ...rest];
}

/** A copy of the geometry with every position converted by `convert`; the input is not changed. */
export function mapGeometryPositions(
  geometry: Geometry,
  convert: (position: Position) => Position,
): Geometry {
  switch (geometry.type) {
    case 'Point':
      return { type: 'Point', coordinates: convert(geometry.coordinates) };
    case 'MultiPoint':
    case 'LineString':
      return { type: geometry.type, coordinates: geometry.coordinates.map(convert) };
    case 'MultiLineString':
    case 'Polygon':
      return {
        type: geometry.type,
        coordinates: geometry.coordinates.map((line) => line.map(convert)),
      };
    case 'MultiPolygon':
      return {
        type: 'MultiPolygon',
        coordinates: geometry.coordinates.map((rings) => rings.map((ring) => ring.map(convert))),
      };
    case 'GeometryCollection':
      return {
        type: 'GeometryCollection',
        geometries: geometry.geometries.map((part) => mapGeometryPositions(part, convert)),
      };
  }
}

/** Stop refining once a step moves the guess less than this many degrees (about 0.1 mm). */
const INVERSE_TOLERANCE_DEG = 1e-9;
const INVERSE_MAX_STEPS = 30;

/**
 * GCJ-02 → WGS 84 by fixed-point iteration of the forward conversion until a step moves the guess
 * by less than 1e-9° (about 0.1 mm); the shift changes so slowly with position that this takes
 * three to five steps, and the round trip WGS 84 → GCJ-02 → WGS 84 closes to well under a
 * millimetre. Used to read a point clicked on a map drawn in GCJ-02 and to import GCJ-02 data.
 * Non-finite input is returned unchanged.
 */
export function gcj02ToWgs84(position: Position): Position {
  const [lon = 0, lat = 0, ...rest] = position;
  if (!Number.isFinite(lon) || !Number.isFinite(lat)) return [lon, lat, ...rest];
  let guessLon = lon;
  let guessLat = lat;
  for (let step = 0; step < INVERSE_MAX_STEPS; step += 1) {
    const [shiftedLon = 0, shiftedLat = 0] = wgs84ToGcj02([guessLon, guessLat]);
    const dLon = shiftedLon - lon;
    const dLat = shiftedLat - lat;
    guessLon -= dLon;
    guessLat -= dLat;
    if (Math.abs(dLon) < INVERSE_TOLERANCE_DEG && Math.abs(dLat) < INVERSE_TOLERANCE_DEG) break;
  }
  return [guessLon, guessLat, ...rest];
}
