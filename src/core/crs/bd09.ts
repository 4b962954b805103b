/**
 * BD-09, Baidu's offset of GCJ-02, by the widely published formulas (x_pi = π × 3000 / 180). The
 * forward shift is exact by definition; the published inverse is only an approximation (a few
 * decimetres), so the inverse here starts from it and refines by fixed-point iteration of the
 * forward formula until a step moves less than 1e-10° (about 0.01 mm).
 */
import type { Position } from 'geojson';

const X_PI = (Math.PI * 3000) / 180;
const TOLERANCE_DEG = 1e-10;
const MAX_STEPS = 30;

function forward(lon: number, lat: number): [number, number] {
  const z = Math.sqrt(lon * lon + lat * lat) + 0.000_02 * Math.sin(lat * X_PI);
  const theta = Math.atan2(lat, lon) + 0.000_003 * Math.cos(lon * X_PI);
  return [z * Math.cos(theta) + 0.0065, z * Math.sin(theta) + 0.006];
}

function approximateInverse(lon: number, lat: number): [number, number] {
  const x = lon - 0.0065;
  const y = lat - 0.006;
  const z = Math.sqrt(x * x + y * y) - 0.000_02 * Math.sin(y * X_PI);
  const theta = Math.atan2(y, x) - 0.000_003 * Math.cos(x * X_PI);
  return [z * Math.cos(theta), z * Math.sin(theta)];
}

/** GCJ-02 → BD-09; extra ordinates are kept, the input is not changed. */
export function gcj02ToBd09(position: Position): Position {
  const [lon = Number.NaN, lat = Number.NaN, ...rest] = position;
  if (!Number.isFinite(lon) || !Number.isFinite(lat)) return [lon, lat, ...rest];
  const [bdLon, bdLat] = forward(lon, lat);
  return [bdLon, bdLat, ...rest];
}

/** BD-09 → GCJ-02, iterated to about 0.01 mm; extra ordinates are kept, the input is not changed. */
export function bd09ToGcj02(position: Position): Position {
  const [lon = Number.NaN, lat = Number.NaN, ...rest] = position;
  if (!Number.isFinite(lon) || !Number.isFinite(lat)) return [lon, lat, ...rest];
  let [guessLon, guessLat] = approximateInverse(lon, lat);
  for (let step = 0; step < MAX_STEPS; step += 1) {
    const [forwardLon, forwardLat] = forward(guessLon, guessLat);
    const dLon = forwardLon - lon;
    const dLat = forwardLat - lat;
    guessLon -= dLon;
    guessLat -= dLat;
    if (Math.abs(dLon) < TOLERANCE_DEG && Math.abs(dLat) < TOLERANCE_DEG) break;
  }
  return [guessLon, guessLat, ...rest];
}
