/**
 * Sanity checks on coordinates before they are imported: swapped latitude/longitude, projected
 * metres declared as degrees, and data that lands far from Chongqing. The numbers alone cannot
 * prove a coordinate system, so these are warnings with a suggestion, never silent fixes.
 */
import type { Position } from 'geojson';
import {
  chongqingBounds,
  distanceOutsideChongqingKm,
  FAR_FROM_CHONGQING_KM,
  isNearChongqing,
} from './chongqing';
import { crsChoice, isDegreesCrs } from './crs-choices';
import type { CrsId } from './crs-types';
import { toWgs84 } from './transform';

export type CoordinateDiagnosisCode =
  'swapped-lat-lon' | 'projected-as-degrees' | 'far-from-chongqing' | 'out-of-range';

export interface CoordinateDiagnosis {
  readonly code: CoordinateDiagnosisCode;
  /** One full English sentence: what was expected and what was found. */
  readonly message: string;
  readonly message_zh: string;
  /** A coordinate system that would put the affected positions in or near Chongqing. */
  readonly suggestedCrs?: CrsId;
  /** Present on `swapped-lat-lon`: reading (y, x) instead of (x, y) fixes the positions. */
  readonly swap?: true;
  /** Fraction (0…1) of the sampled positions affected. */
  readonly share: number;
}

/** At most this many positions are examined; larger inputs are sampled evenly. */
export const DIAGNOSIS_SAMPLE_SIZE = 2000;

const GOLDEN_RATIO_FRACTION = 0.618_033_988_749_895;

/**
 * A deterministic sample of at most `max` positions with finite x and y: every position when there
 * are no more than `max`, otherwise indices spread by the golden-ratio sequence, which covers the
 * input evenly without locking onto a period in the data (as a fixed stride would).
 */
export function samplePositions(
  positions: readonly Position[],
  max: number = DIAGNOSIS_SAMPLE_SIZE,
): Position[] {
  const picked: Position[] = [];
  const count = positions.length;
  const total = Math.min(count, max);
  for (let i = 0; i < total; i += 1) {
    const index = count <= max ? i : Math.floor((((i + 0.5) * GOLDEN_RATIO_FRACTION) % 1) * count);
    const position = positions[index];
    if (position === undefined) continue;
    const [x, y] = position;
    if (typeof x === 'number' && typeof y === 'number' && Number.isFinite(x) && Number.isFinite(y))
      picked.push(position);
  }
  return picked;
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  const upper = sorted[middle] ?? Number.NaN;
  if (sorted.length % 2 === 1) return upper;
  return ((sorted[middle - 1] ?? Number.NaN) + upper) / 2;
}

function xy(position: Position): [number, number] {
  const [x = Number.NaN, y = Number.NaN] = position;
  return [x, y];
}

const CHONGQING_CENTRE: Position = [
  (chongqingBounds.west + chongqingBounds.east) / 2,
  (chongqingBounds.south + chongqingBounds.north) / 2,
];

/** Gauss-Krüger zones without zone prefix, 3° first so that 3° wins where the numbers agree. */
const UNPREFIXED: readonly CrsId[] = [
  'EPSG:4544',
  'EPSG:4545',
  'EPSG:4546',
  'EPSG:4507',
  'EPSG:4508',
];

/** A guessed zone must put the data's centre within this distance of Chongqing. */
const GUESS_LIMIT_KM = 500;

const inRange = (low: number, value: number, high: number): boolean =>
  value >= low && value <= high;

/**
 * Guesses the projected coordinate system of positions in metres from their typical (median)
 * values, or null when they fit none:
 * - Web Mercator (EPSG:3857) for x ≈ 11.7–12.3 million, y ≈ 3.2–3.9 million;
 * - CGCS2000 3° Gauss-Krüger with zone prefix (EPSG:4523–4525) for x in 35–37.9 million, and 6°
 *   with prefix (EPSG:4496–4497) for x in 18–19.9 million, the zone read from the millions;
 * - without zone prefix (x 0–1 million, y 3.0–3.7 million) the numbers do not say the zone, so
 *   this is a guess among EPSG:4544/4545/4546/4507/4508: the zone that puts most sampled points
 *   inside Chongqing wins, then the one whose centre lies nearest Chongqing, then 3° over 6°
 *   (4544 ≡ 4507 and 4546 ≡ 4508 give identical positions). Data that fits inside Chongqing in
 *   two zones (a small cluster east of 108.3°E fits both CM 108° and CM 111°) gets the more
 *   central reading, which may be wrong: the UI must let the user confirm the zone.
 * A guess that still leaves the data more than 500 km from Chongqing is not made.
 */
export function guessProjectedCrs(positions: readonly Position[]): CrsId | null {
  const sample = samplePositions(positions);
  if (sample.length === 0) return null;
  const x = median(sample.map((p) => xy(p)[0]));
  const y = median(sample.map((p) => xy(p)[1]));
  if (inRange(11.7e6, x, 12.3e6) && inRange(3.2e6, y, 3.9e6)) return 'EPSG:3857';
  if (!inRange(3.0e6, y, 3.7e6)) return null;
  if (inRange(35e6, x, 37.999_999e6)) {
    const zone = Math.floor(x / 1e6);
    return zone === 35 ? 'EPSG:4523' : zone === 36 ? 'EPSG:4524' : 'EPSG:4525';
  }
  if (inRange(18e6, x, 19.999_999e6)) return x < 19e6 ? 'EPSG:4496' : 'EPSG:4497';
  if (!inRange(0, x, 1e6)) return null;

  const probe = samplePositions(sample, 200);
  let best: { crs: CrsId; inside: number; distance: number } | null = null;
  for (const crs of UNPREFIXED) {
    const convert = toWgs84(crs);
    let inside = 0;
    for (const position of probe) {
      const [lon, lat] = xy(convert(position));
      if (distanceOutsideChongqingKm(lon, lat) === 0) inside += 1;
    }
    const [centreLon, centreLat] = xy(convert([x, y]));
    const outside = distanceOutsideChongqingKm(centreLon, centreLat);
    const distance =
      outside > 0
        ? outside
        : -1 /
          (1 +
            Math.hypot(
              centreLon - (CHONGQING_CENTRE[0] ?? 0),
              centreLat - (CHONGQING_CENTRE[1] ?? 0),
            ));
    if (
      best === null ||
      inside > best.inside ||
      (inside === best.inside && distance < best.distance)
    )
      best = { crs, inside, distance };
  }
  if (best === null || best.distance > GUESS_LIMIT_KM) return null;
  return best.crs;
}

function percent(share: number): string {
  if (share >= 1) return '100%';
  if (share < 0.01) return 'under 1%';
  return `${String(Math.round(share * 100))}%`;
}

function percentZh(share: number): string {
  if (share >= 1) return '100%';
  if (share < 0.01) return '不到 1%';
  return `${String(Math.round(share * 100))}%`;
}

function formatNumber(value: number): string {
  const abs = Math.abs(value);
  return abs >= 1000 ? value.toFixed(0) : abs >= 10 ? value.toFixed(3) : value.toFixed(5);
}

function example(position: Position): string {
  const [x, y] = xy(position);
  return `x ${formatNumber(x)}, y ${formatNumber(y)}`;
}

const BOX_EN = 'longitude 105.3–110.2°E, latitude 28.2–32.2°N';
const BOX_ZH = '经度 105.3–110.2°E、纬度 28.2–32.2°N';

function suggestionText(suggested: CrsId | null): { en: string; zh: string } {
  if (suggested === null) return { en: '', zh: '' };
  const choice = crsChoice(suggested);
  return {
    en: `; the numbers fit ${choice.label_en} best`,
    zh: `；按 ${choice.label_zh} 解读最为吻合`,
  };
}

function farDiagnosis(
  far: readonly Position[],
  total: number,
  crs: CrsId,
  suggestedCrs: CrsId | null,
): CoordinateDiagnosis {
  const lon = median(far.map((p) => xy(p)[0]));
  const lat = median(far.map((p) => xy(p)[1]));
  const share = far.length / total;
  const choice = crsChoice(crs);
  const hint = suggestionText(suggestedCrs);
  return {
    code: 'far-from-chongqing',
    message: `Expected data in or near Chongqing (${BOX_EN}), but ${percent(share)} of the sampled positions lie more than ${String(FAR_FROM_CHONGQING_KM)} km outside it, centred near longitude ${lon.toFixed(2)}, latitude ${lat.toFixed(2)} when read as ${choice.label_en}; the data may be in another coordinate system${hint.en}.`,
    message_zh: `数据应位于重庆及其附近（${BOX_ZH}），但按 ${choice.label_zh} 解读时，抽样中 ${percentZh(share)} 的坐标距重庆超过 ${String(FAR_FROM_CHONGQING_KM)} 公里，中心约在经度 ${lon.toFixed(2)}、纬度 ${lat.toFixed(2)}；数据可能使用了其他坐标系${hint.zh}。`,
    ...(suggestedCrs === null ? {} : { suggestedCrs }),
    share,
  };
}

/** Raw numbers that are degrees near Chongqing, as (x, y) or swapped. */
function degreesNearChongqing(positions: readonly Position[]): boolean {
  const near = positions.filter((p) => {
    const [x, y] = xy(p);
    return isNearChongqing(x, y) || isNearChongqing(y, x);
  });
  return near.length * 2 > positions.length;
}

/**
 * Checks an even sample (at most 2 000) of positions read in `crs` and lists what looks wrong,
 * each with the share of sampled positions affected; an empty list means the data sits in or
 * near Chongqing. Positions with non-finite x or y are left out (validation reports them).
 */
export function diagnosePositions(
  positions: readonly Position[],
  crs: CrsId,
): CoordinateDiagnosis[] {
  const sample = samplePositions(positions);
  const total = sample.length;
  if (total === 0) return [];
  const convert = toWgs84(crs);
  const choice = crsChoice(crs);
  const result: CoordinateDiagnosis[] = [];

  if (isDegreesCrs(crs)) {
    const metres: Position[] = [];
    const outOfRange: Position[] = [];
    const swapped: Position[] = [];
    const far: Position[] = [];
    for (const position of sample) {
      const [x, y] = xy(position);
      const valid = Math.abs(x) <= 180 && Math.abs(y) <= 90;
      if (valid) {
        const [lon, lat] = xy(convert(position));
        if (isNearChongqing(lon, lat)) continue;
      }
      if (Math.abs(x) <= 90 && Math.abs(y) <= 180) {
        const [swappedLon, swappedLat] = xy(convert([y, x]));
        if (isNearChongqing(swappedLon, swappedLat)) {
          swapped.push(position);
          continue;
        }
      }
      if (valid) far.push(convert(position));
      else (Math.max(Math.abs(x), Math.abs(y)) > 1000 ? metres : outOfRange).push(position);
    }
    if (metres.length > 0) {
      const guess = guessProjectedCrs(metres);
      const share = metres.length / total;
      const hint = suggestionText(guess);
      const first = metres[0] ?? [];
      result.push({
        code: 'projected-as-degrees',
        message: `Expected ${choice.label_en} in degrees (longitude within ±180, latitude within ±90), but ${percent(share)} of the sampled positions have values such as ${example(first)}, which look like projected metres${hint.en}.`,
        message_zh: `坐标应为 ${choice.label_zh}（经度在 ±180、纬度在 ±90 以内），但抽样中 ${percentZh(share)} 的坐标数值如 ${example(first)}，看起来是以米为单位的投影坐标${hint.zh}。`,
        ...(guess === null ? {} : { suggestedCrs: guess }),
        share,
      });
    }
    if (outOfRange.length > 0) {
      const share = outOfRange.length / total;
      const first = outOfRange[0] ?? [];
      result.push({
        code: 'out-of-range',
        message: `Expected longitude within ±180 and latitude within ±90, but ${percent(share)} of the sampled positions are outside that range, for example ${example(first)}.`,
        message_zh: `经度应在 ±180、纬度应在 ±90 以内，但抽样中 ${percentZh(share)} 的坐标超出范围，例如 ${example(first)}。`,
        share,
      });
    }
    if (swapped.length > 0) {
      const share = swapped.length / total;
      result.push({
        code: 'swapped-lat-lon',
        message: `Expected longitude first and latitude second, but ${percent(share)} of the sampled positions lie in or near Chongqing only when read the other way round (latitude, longitude), for example ${example(swapped[0] ?? [])}; latitude and longitude look swapped.`,
        message_zh: `坐标应为经度在前、纬度在后，但抽样中 ${percentZh(share)} 的坐标只有按（纬度, 经度）读取时才位于重庆及其附近，例如 ${example(swapped[0] ?? [])}；经纬度似乎颠倒了。`,
        swap: true,
        share,
      });
    }
    if (far.length > 0) result.push(farDiagnosis(far, total, crs, null));
    return result;
  }

  // Projected: convert, then look at what did not land near Chongqing.
  const unplaced: Position[] = [];
  const farRaw: Position[] = [];
  const far: Position[] = [];
  for (const position of sample) {
    const [lon, lat] = xy(convert(position));
    if (
      !Number.isFinite(lon) ||
      !Number.isFinite(lat) ||
      Math.abs(lon) > 180 ||
      Math.abs(lat) > 90
    ) {
      unplaced.push(position);
    } else if (!isNearChongqing(lon, lat)) {
      far.push([lon, lat]);
      farRaw.push(position);
    }
  }
  const suggest = (raw: readonly Position[]): CrsId | null => {
    if (raw.length === 0) return null;
    if (degreesNearChongqing(raw)) return 'EPSG:4326';
    const guess = guessProjectedCrs(raw);
    return guess === crs ? null : guess;
  };
  if (unplaced.length > 0) {
    const share = unplaced.length / total;
    const suggested = suggest(unplaced);
    const hint = suggestionText(suggested);
    const first = unplaced[0] ?? [];
    result.push({
      code: 'out-of-range',
      message: `Expected ${choice.label_en} coordinates in metres, but ${percent(share)} of the sampled positions, such as ${example(first)}, do not convert to any place on Earth${hint.en}.`,
      message_zh: `坐标应为 ${choice.label_zh}（单位：米），但抽样中 ${percentZh(share)} 的坐标（如 ${example(first)}）无法换算为地球上的位置${hint.zh}。`,
      ...(suggested === null ? {} : { suggestedCrs: suggested }),
      share,
    });
  }
  if (far.length > 0) result.push(farDiagnosis(far, total, crs, suggest(farRaw)));
  return result;
}
