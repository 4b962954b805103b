/**
 * The last step of every import: raw GeoJSON-like features (from a parser, straight from untrusted
 * input) become clean WGS 84 features, and everything wrong with them becomes a problem naming the
 * feature. Structure, coordinates, rings, size, ids and attributes are checked; positions are
 * converted from the input CRS; the input is never mutated (new objects are built throughout).
 */
import type { Feature, Geometry, Position } from 'geojson';
import { describeValue, describeValueZh } from '../result';
import { crsChoice, diagnosePositions, isDegreesCrs, isNearChongqing, toWgs84 } from '../crs';
import type { CrsId } from '../crs/crs-types';
import type { ImportOptions, ImportProblem } from './import-types';
import { IMPORT_LIMITS, type ImportLimits } from './limits';
import {
  parsePopulation,
  populationKeyOf,
  POPULATION_KEYS,
  POPULATION_KEYS_TEXT,
} from '../population/population-attribute';
import { ProblemList, formatCount, problem } from './problems';
import { ringCrossings } from './ring-crossings';

export type CleanFeature = Feature<Geometry, Record<string, unknown>>;

export interface ValidateExtras {
  /** Where feature `index` is, for messages; default `<file> feature <index>` (0-based). */
  readonly whereOf?: (index: number) => string;
  /** Tighter limits, for tests. */
  readonly limits?: Partial<ImportLimits>;
  /**
   * Called with the fraction of features done (phase `validating`) every 10,000 features and
   * whenever {@link PROGRESS_INTERVAL_MS} of the clock have passed since the last report, so a
   * file of a few heavy polygons moves its progress bar as a file of many points does.
   */
  readonly onProgress?: (fraction: number) => void;
  /** The clock for progress reports, milliseconds; `Date.now` unless a test hands one in. */
  readonly now?: () => number;
}

/** How often the check reports progress (the import panel's bar and its 取消 button stay live). */
export const PROGRESS_INTERVAL_MS = 100;

export interface ValidateResult {
  readonly features: CleanFeature[];
  readonly problems: ImportProblem[];
  /** True when the whole file was refused (too many features); `features` is then empty. */
  readonly refused: boolean;
}

/** Keys that could reach an object prototype; never copied into properties. */
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/**
 * What the self-crossing check of one file has spent: it stops once `IMPORT_LIMITS.maxCheckMillis`
 * is used up, and the rings it did not check are counted for a file-level warning.
 */
interface CheckBudget {
  leftMs: number;
  readonly totalMs: number;
  uncheckedRings: number;
  uncheckedFeatures: number;
  firstUnchecked: string | null;
  /** The feature that last added an unchecked ring, so each feature is counted once. */
  lastUncheckedWhere: string | null;
}

/** A feature whose bounding box is wider or taller than this is reported as `absurd-size`. */
export const MAX_FEATURE_EXTENT_KM = 2000;

const KM_PER_DEGREE = 111.32;

/** How many positions are handed to the CRS diagnosis (first position of each feature). */
const MAX_DIAGNOSIS_SAMPLES = 20_000;

type Severity = ImportProblem['severity'];

class FeatureRejected extends Error {
  readonly problem: ImportProblem;
  constructor(p: ImportProblem) {
    super(p.message);
    this.problem = p;
  }
}

interface GeometryContext {
  readonly where: string;
  /** Null when the input is already WGS 84 longitude/latitude (no conversion, no allocation). */
  readonly convert: ((p: Position) => Position) | null;
  readonly warnings: ImportProblem[];
  readonly maxVertices: number;
  readonly budget: CheckBudget;
  vertices: number;
  minLon: number;
  minLat: number;
  maxLon: number;
  maxLat: number;
  /** The first raw position met, for the CRS diagnosis. */
  firstRaw: Position | null;
}

function reject(ctx: GeometryContext, code: ImportProblem['code'], en: string, zh: string): never {
  throw new FeatureRejected(problem(code, 'error', ctx.where, en, zh));
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function showPosition(p: readonly number[]): string {
  return `[${p.map((v) => String(v)).join(', ')}]`;
}

/** Checks one raw position and returns it converted to WGS 84 (a new array). */
function position(raw: unknown, ctx: GeometryContext, path: string): Position {
  if (!Array.isArray(raw) || raw.length < 2) {
    reject(
      ctx,
      'invalid-geometry',
      `Expected a position [x, y] of two numbers at ${path}, found ${describeValue(raw)}.`,
      `${path} 处应为由两个数字组成的坐标 [x, y]，实际为 ${describeValueZh(raw)}。`,
    );
  }
  const x: unknown = raw[0];
  const y: unknown = raw[1];
  if (typeof x !== 'number' || typeof y !== 'number') {
    const bad = typeof x !== 'number' ? x : y;
    reject(
      ctx,
      'invalid-geometry',
      `Expected numbers in the position at ${path}, found ${describeValue(bad)}.`,
      `${path} 处的坐标应为数字，实际为 ${describeValueZh(bad)}。`,
    );
  }
  if (!Number.isFinite(x) || !Number.isFinite(y)) {
    reject(
      ctx,
      'non-finite-coordinate',
      `Expected finite coordinates at ${path}, found [${String(x)}, ${String(y)}].`,
      `${path} 处的坐标应为有限数字，实际为 [${String(x)}, ${String(y)}]。`,
    );
  }
  ctx.vertices += 1;
  if (ctx.vertices > ctx.maxVertices) {
    reject(
      ctx,
      'absurd-size',
      `Expected at most ${formatCount(ctx.maxVertices)} positions in one feature, found more; the feature was not imported.`,
      `单个要素最多 ${formatCount(ctx.maxVertices)} 个坐标点，实际更多；该要素未导入。`,
    );
  }
  ctx.firstRaw ??= [x, y];
  let lon = x;
  let lat = y;
  if (ctx.convert !== null) {
    const converted = ctx.convert([x, y]);
    lon = converted[0] ?? NaN;
    lat = converted[1] ?? NaN;
  }
  if (!(Math.abs(lon) <= 180 && Math.abs(lat) <= 90)) {
    reject(
      ctx,
      'out-of-range',
      `Expected longitude within ±180 and latitude within ±90 after conversion to WGS 84, found [${String(lon)}, ${String(lat)}] (from [${String(x)}, ${String(y)}] at ${path}).`,
      `转换为 WGS 84 后经度应在 ±180、纬度应在 ±90 以内，实际为 [${String(lon)}, ${String(lat)}]（来自 ${path} 处的 [${String(x)}, ${String(y)}]）。`,
    );
  }
  if (lon < ctx.minLon) ctx.minLon = lon;
  if (lon > ctx.maxLon) ctx.maxLon = lon;
  if (lat < ctx.minLat) ctx.minLat = lat;
  if (lat > ctx.maxLat) ctx.maxLat = lat;
  const z: unknown = raw[2];
  return typeof z === 'number' && Number.isFinite(z) ? [lon, lat, z] : [lon, lat];
}

function positionList(raw: unknown, ctx: GeometryContext, path: string): Position[] {
  if (!Array.isArray(raw)) {
    reject(
      ctx,
      'invalid-geometry',
      `Expected an array of positions at ${path}, found ${describeValue(raw)}.`,
      `${path} 处应为坐标数组，实际为 ${describeValueZh(raw)}。`,
    );
  }
  const out: Position[] = new Array<Position>(raw.length);
  for (let i = 0; i < raw.length; i += 1) out[i] = position(raw[i], ctx, `${path}[${i}]`);
  return out;
}

function lineString(raw: unknown, ctx: GeometryContext, path: string): Position[] {
  const line = positionList(raw, ctx, path);
  if (line.length < 2) {
    reject(
      ctx,
      'too-few-positions',
      `Expected a line with at least 2 positions at ${path}, found ${line.length}.`,
      `${path} 处的线应至少有 2 个坐标点，实际为 ${line.length} 个。`,
    );
  }
  return line;
}

function ring(raw: unknown, ctx: GeometryContext, path: string): Position[] {
  const converted = positionList(raw, ctx, path);
  const rawRing = raw as readonly (readonly number[])[];
  if (converted.length < 4) {
    reject(
      ctx,
      'too-few-positions',
      `Expected a polygon ring with at least 4 positions (first and last equal) at ${path}, found ${converted.length}.`,
      `${path} 处的多边形环应至少有 4 个坐标点（首尾相同），实际为 ${converted.length} 个。`,
    );
  }
  const first = rawRing[0] ?? [];
  const last = rawRing[rawRing.length - 1] ?? [];
  if (first[0] !== last[0] || first[1] !== last[1]) {
    reject(
      ctx,
      'unclosed-ring',
      `Expected the polygon ring at ${path} to be closed (first position equal to the last), found first ${showPosition(first.slice(0, 2))} and last ${showPosition(last.slice(0, 2))}, which differ.`,
      `${path} 处的多边形环应闭合（首个坐标与最后一个相同），实际首个为 ${showPosition(first.slice(0, 2))}、最后一个为 ${showPosition(last.slice(0, 2))}，两者不同。`,
    );
  }
  checkCrossings(converted, ctx, path);
  return converted;
}

function markUnchecked(ctx: GeometryContext): void {
  const budget = ctx.budget;
  budget.uncheckedRings += 1;
  budget.firstUnchecked ??= ctx.where;
  if (budget.lastUncheckedWhere !== ctx.where) {
    budget.uncheckedFeatures += 1;
    budget.lastUncheckedWhere = ctx.where;
  }
}

/** Warns when the ring crosses itself; within the file's time budget for this check. */
function checkCrossings(converted: readonly Position[], ctx: GeometryContext, path: string): void {
  const budget = ctx.budget;
  if (budget.leftMs <= 0) {
    markUnchecked(ctx);
    return;
  }
  const started = Date.now();
  const found = ringCrossings(converted, started + budget.leftMs);
  budget.leftMs -= Date.now() - started;
  if (!found.complete) markUnchecked(ctx);
  if (found.first === null) return;
  const point = showPosition(found.first.map((v) => Math.round(v * 1e6) / 1e6));
  const n = found.count;
  const en = found.complete
    ? `found ${formatCount(n)} crossing${n === 1 ? '' : 's'}`
    : `found at least ${formatCount(n)} crossing${n === 1 ? '' : 's'} before the check ran out of time`;
  const zh = found.complete
    ? `实际发现 ${formatCount(n)} 处交叉`
    : `在检查时间用完前已发现至少 ${formatCount(n)} 处交叉`;
  ctx.warnings.push(
    problem(
      'self-intersection',
      'warning',
      ctx.where,
      `Expected the polygon ring at ${path} not to cross itself, ${en} (first near ${point}); it was imported and draws, but its area and point-in-polygon tests may be wrong.`,
      `${path} 处的多边形环不应自相交，${zh}（第一处约在 ${point}）；已导入并可显示，但面积和点落区判断可能不准确。`,
    ),
  );
}

function polygon(raw: unknown, ctx: GeometryContext, path: string): Position[][] {
  if (!Array.isArray(raw)) {
    reject(
      ctx,
      'invalid-geometry',
      `Expected an array of rings at ${path}, found ${describeValue(raw)}.`,
      `${path} 处应为环的数组，实际为 ${describeValueZh(raw)}。`,
    );
  }
  if (raw.length === 0) {
    reject(
      ctx,
      'empty-geometry',
      `Expected at least one ring in the polygon at ${path}, found none.`,
      `${path} 处的多边形应至少有一个环，实际没有。`,
    );
  }
  return raw.map((r, i) => ring(r, ctx, `${path}[${i}]`));
}

function parts<T>(
  raw: unknown,
  ctx: GeometryContext,
  path: string,
  each: (part: unknown, ctx: GeometryContext, path: string) => T,
): T[] {
  if (!Array.isArray(raw)) {
    reject(
      ctx,
      'invalid-geometry',
      `Expected an array at ${path}, found ${describeValue(raw)}.`,
      `${path} 处应为数组，实际为 ${describeValueZh(raw)}。`,
    );
  }
  return raw.map((part, i) => each(part, ctx, `${path}[${i}]`));
}

function geometry(raw: unknown, ctx: GeometryContext, path: string, depth: number): Geometry {
  if (!isRecord(raw)) {
    reject(
      ctx,
      'invalid-geometry',
      `Expected a geometry object at ${path}, found ${describeValue(raw)}.`,
      `${path} 处应为几何对象，实际为 ${describeValueZh(raw)}。`,
    );
  }
  const type = raw['type'];
  if (type === 'GeometryCollection') {
    const members = raw['geometries'];
    if (!Array.isArray(members) || depth > 8) {
      reject(
        ctx,
        'invalid-geometry',
        `Expected a "geometries" array (nested at most 8 deep) in the GeometryCollection at ${path}, found ${describeValue(members)}.`,
        `${path} 处的 GeometryCollection 应有 "geometries" 数组（嵌套不超过 8 层），实际为 ${describeValueZh(members)}。`,
      );
    }
    if (members.length === 0) {
      reject(
        ctx,
        'empty-geometry',
        `Expected at least one geometry in the GeometryCollection at ${path}, found none.`,
        `${path} 处的 GeometryCollection 应至少包含一个几何，实际没有。`,
      );
    }
    return {
      type: 'GeometryCollection',
      geometries: members.map((g, i) => geometry(g, ctx, `${path}.geometries[${i}]`, depth + 1)),
    };
  }
  const coordinates = raw['coordinates'];
  const at = `${path}.coordinates`;
  if (Array.isArray(coordinates) && coordinates.length === 0) {
    reject(
      ctx,
      'empty-geometry',
      `Expected coordinates in the ${describeValue(type)} geometry at ${path}, found an empty array.`,
      `${path} 处的 ${describeValueZh(type)} 几何应有坐标，实际为空数组。`,
    );
  }
  switch (type) {
    case 'Point':
      return { type, coordinates: position(coordinates, ctx, at) };
    case 'MultiPoint':
      return { type, coordinates: positionList(coordinates, ctx, at) };
    case 'LineString':
      return { type, coordinates: lineString(coordinates, ctx, at) };
    case 'MultiLineString':
      return { type, coordinates: parts(coordinates, ctx, at, lineString) };
    case 'Polygon':
      return { type, coordinates: polygon(coordinates, ctx, at) };
    case 'MultiPolygon':
      return { type, coordinates: parts(coordinates, ctx, at, polygon) };
    default:
      return reject(
        ctx,
        'invalid-geometry',
        `Expected a GeoJSON geometry type (Point, LineString, Polygon, their Multi forms or GeometryCollection) at ${path}, found ${describeValue(type)}.`,
        `${path} 处应为 GeoJSON 几何类型（Point、LineString、Polygon、对应的 Multi 类型或 GeometryCollection），实际为 ${describeValueZh(type)}。`,
      );
  }
}

interface PropertyContext {
  readonly where: string;
  readonly problems: ProblemList;
  readonly maxStringLength: number;
  droppedKeys: string[];
  truncated: string[];
}

function cleanValue(value: unknown, key: string, ctx: PropertyContext, depth: number): unknown {
  if (typeof value === 'string') {
    if (value.length > ctx.maxStringLength) {
      ctx.truncated.push(key);
      return value.slice(0, ctx.maxStringLength);
    }
    return value;
  }
  if (typeof value !== 'object' || value === null || value instanceof Date) return value;
  if (depth > 32) return JSON.stringify(value).slice(0, ctx.maxStringLength);
  if (Array.isArray(value)) return value.map((v) => cleanValue(v, key, ctx, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    if (FORBIDDEN_KEYS.has(k)) {
      ctx.droppedKeys.push(`${key}.${k}`);
      continue;
    }
    out[k] = cleanValue(v, key, ctx, depth + 1);
  }
  return out;
}

function cleanProperties(
  raw: unknown,
  ctx: PropertyContext,
  maxProperties: number,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (raw === null || raw === undefined) return out;
  if (!isRecord(raw)) {
    // Not an object: keep the value under one key rather than lose it.
    out['properties'] = cleanValue(raw, 'properties', ctx, 0);
    return out;
  }
  let count = 0;
  let skipped = 0;
  for (const key of Object.keys(raw)) {
    if (FORBIDDEN_KEYS.has(key)) {
      ctx.droppedKeys.push(key);
      continue;
    }
    if (count >= maxProperties) {
      skipped += 1;
      continue;
    }
    count += 1;
    out[key] = cleanValue(raw[key], key, ctx, 0);
  }
  if (ctx.droppedKeys.length > 0) {
    const keys = ctx.droppedKeys.map((k) => JSON.stringify(k)).join(', ');
    ctx.problems.add(
      problem(
        'prototype-key',
        'warning',
        ctx.where,
        `Expected attribute names other than __proto__, constructor and prototype, found ${keys}; they were dropped because they could tamper with the program.`,
        `属性名不应为 __proto__、constructor 或 prototype，实际发现 ${keys}；这些属性可能篡改程序，已删除。`,
      ),
    );
  }
  if (skipped > 0) {
    ctx.problems.add(
      problem(
        'absurd-size',
        'warning',
        ctx.where,
        `Expected at most ${maxProperties} attributes per feature, found ${maxProperties + skipped}; the last ${skipped} were dropped.`,
        `每个要素最多 ${maxProperties} 个属性，实际为 ${maxProperties + skipped} 个；后 ${skipped} 个已删除。`,
      ),
    );
  }
  if (ctx.truncated.length > 0) {
    const keys = [...new Set(ctx.truncated)]
      .slice(0, 5)
      .map((k) => describeValue(k))
      .join(', ');
    ctx.problems.add(
      problem(
        'absurd-size',
        'warning',
        ctx.where,
        `Expected attribute values of at most ${formatCount(ctx.maxStringLength)} characters, found longer text in ${keys}; it was cut to that length.`,
        `属性值最多 ${formatCount(ctx.maxStringLength)} 个字符，${keys} 中的文字更长；已截断到该长度。`,
      ),
    );
  }
  return out;
}

/**
 * Population attributes become numbers. Returns false when the feature must be refused (role
 * `demand` needs a population number ≥ 0).
 */
function checkPopulation(
  properties: Record<string, unknown>,
  where: string,
  role: ImportOptions['role'],
  problems: ProblemList,
): boolean {
  const severity: Severity = role === 'demand' ? 'error' : 'warning';
  const key = populationKeyOf(properties);
  if (key === undefined) {
    if (role !== 'demand') return true;
    problems.add(
      problem(
        'non-numeric-population',
        'error',
        where,
        `Expected a population attribute (${POPULATION_KEYS_TEXT}) holding a number for a demand layer, found no such attribute.`,
        `作为需求（人口）图层，应有数值型的人口属性（${POPULATION_KEYS.join('、')}），实际没有该属性。`,
      ),
    );
    return false;
  }
  const raw = properties[key];
  if (raw === null || raw === undefined || raw === '') {
    if (role !== 'demand') return true;
  }
  const value = parsePopulation(raw);
  if (value === null) {
    problems.add(
      problem(
        'non-numeric-population',
        severity,
        where,
        `Expected a number in the ${JSON.stringify(key)} attribute, found ${describeValue(raw)}${severity === 'error' ? '; the feature was not imported' : '; it was kept as text'}.`,
        `"${key}" 属性应为数字，实际为 ${describeValueZh(raw)}${severity === 'error' ? '；该要素未导入' : '；已按文字保留'}。`,
      ),
    );
    return severity !== 'error';
  }
  if (value < 0) {
    problems.add(
      problem(
        'negative-population',
        severity,
        where,
        `Expected a population of zero or more in the ${JSON.stringify(key)} attribute, found ${value}${severity === 'error' ? '; the feature was not imported' : ''}.`,
        `"${key}" 属性中的人口应大于等于 0，实际为 ${value}${severity === 'error' ? '；该要素未导入' : ''}。`,
      ),
    );
    if (severity === 'error') return false;
  }
  properties[key] = value;
  return true;
}

function extentKm(ctx: GeometryContext): number {
  if (ctx.vertices === 0) return 0;
  const midLat = ((ctx.minLat + ctx.maxLat) / 2) * (Math.PI / 180);
  const height = (ctx.maxLat - ctx.minLat) * KM_PER_DEGREE;
  const width = (ctx.maxLon - ctx.minLon) * KM_PER_DEGREE * Math.cos(midLat);
  return Math.max(width, height);
}

function idKey(value: unknown): string | null {
  if (typeof value === 'string') return `s${value}`;
  if (typeof value === 'number' && Number.isFinite(value)) return `n${value}`;
  return null;
}

function geometryFamily(type: Geometry['type']): string {
  switch (type) {
    case 'Point':
    case 'MultiPoint':
      return 'point';
    case 'LineString':
    case 'MultiLineString':
      return 'line';
    case 'Polygon':
    case 'MultiPolygon':
      return 'polygon';
    case 'GeometryCollection':
      return 'collection';
  }
}

/**
 * Latitude-first data near Chongqing (e.g. [29.56, 106.55]) has a "latitude" above 90, so it is
 * out of range rather than merely far away; the CRS diagnosis only looks for swaps among in-range
 * positions, so this catches the common case of a lat/lon table read as lon/lat.
 */
function swappedOutOfRange(samples: readonly Position[], crs: CrsId): ImportProblem | null {
  if (!isDegreesCrs(crs)) return null;
  const convert = toWgs84(crs);
  let swapped = 0;
  let example: Position | null = null;
  for (const [x = NaN, y = NaN] of samples) {
    if (Math.abs(x) <= 90 && Math.abs(y) > 90 && Math.abs(y) <= 180) {
      const [lon = NaN, lat = NaN] = convert([y, x]);
      if (isNearChongqing(lon, lat)) {
        swapped += 1;
        example ??= [x, y];
      }
    }
  }
  if (example === null) return null;
  const share = `${Math.max(1, Math.round((swapped / samples.length) * 100))}%`;
  const shown = `[${String(example[0])}, ${String(example[1])}]`;
  return problem(
    'swapped-lat-lon',
    'warning',
    '',
    `Expected longitude first and latitude second, found ${share} of the sampled positions, such as ${shown}, with a "latitude" over 90 that lands in or near Chongqing when read the other way round; latitude and longitude look swapped. Swap the x and y columns (or coordinates) and import again.`,
    `坐标应为经度在前、纬度在后，实际抽样中 ${share} 的坐标（如 ${shown}）“纬度”超过 90，按相反顺序读取时才位于重庆及其附近；经纬度似乎颠倒了。请交换 x 与 y 列（或坐标）后重新导入。`,
  );
}

function diagnosisProblems(
  fileName: string,
  samples: readonly Position[],
  crs: CrsId,
): ImportProblem[] {
  if (samples.length === 0) return [];
  const out: ImportProblem[] = [];
  const diagnoses = diagnosePositions(samples, crs);
  const swapped = swappedOutOfRange(samples, crs);
  if (swapped !== null && !diagnoses.some((d) => d.code === 'swapped-lat-lon')) {
    out.push({ ...swapped, where: fileName });
  }
  for (const d of diagnoses) {
    const target = d.suggestedCrs;
    let en = '';
    let zh = '';
    if (d.swap === true) {
      en = ' Swap the x and y columns (or coordinates) and import again.';
      zh = '请交换 x 与 y 列（或坐标）后重新导入。';
    } else if (d.code === 'projected-as-degrees') {
      const label = target === undefined ? null : crsChoice(target);
      en =
        label === null
          ? " These look like projected metres, not degrees; choose the file's coordinate system and import again."
          : ` These look like metres in ${label.label_en}; choose it and import again.`;
      zh =
        label === null
          ? '这些看起来是以米为单位的投影坐标而非经纬度；请选择文件所用的坐标系后重新导入。'
          : `这些看起来是${label.label_zh}下的米制坐标；请选择该坐标系后重新导入。`;
    } else if (target !== undefined) {
      const label = crsChoice(target);
      en = ` Choose ${label.label_en} and import again.`;
      zh = `请选择${label.label_zh}后重新导入。`;
    } else if (d.code === 'out-of-range') {
      continue; // reported feature by feature, nothing more to suggest
    }
    out.push(problem(d.code, 'warning', fileName, `${d.message}${en}`, `${d.message_zh}${zh}`));
  }
  return out;
}

function uncheckedProblem(fileName: string, budget: CheckBudget): ImportProblem | null {
  if (budget.uncheckedRings === 0) return null;
  const seconds = String(budget.totalMs / 1000);
  const rings = formatCount(budget.uncheckedRings);
  const features = formatCount(budget.uncheckedFeatures);
  const first = budget.firstUnchecked ?? fileName;
  return problem(
    'check-incomplete',
    'warning',
    fileName,
    `Expected every polygon ring to be checked for self-crossings, but the check stopped when its time budget of ${seconds} s per file ran out; ${rings} ring${budget.uncheckedRings === 1 ? '' : 's'} in ${features} feature${budget.uncheckedFeatures === 1 ? '' : 's'} (the first: ${first}) were imported without that check.`,
    `每个多边形环都应检查是否自相交，但该检查在每个文件 ${seconds} 秒的时间预算用完后停止；${features} 个要素中的 ${rings} 个环（第一个：${first}）未经此项检查即已导入。`,
  );
}

/**
 * Validates raw features (GeoJSON-like objects, untrusted), converts them from `crs` to WGS 84 and
 * sanitises their properties. Valid features are kept (warnings do not drop a feature); each
 * invalid one is listed with the reason. File-level problems (too many features, mixed geometry
 * types, coordinates that look swapped or projected) come first in `problems`.
 */
export function validateFeatures(
  fileName: string,
  features: readonly unknown[],
  options: ImportOptions,
  crs: CrsId,
  extras: ValidateExtras = {},
): ValidateResult {
  const limits: ImportLimits = { ...IMPORT_LIMITS, ...extras.limits };
  if (features.length > limits.maxFeatures) {
    return {
      features: [],
      refused: true,
      problems: [
        problem(
          'too-many-features',
          'error',
          fileName,
          `Expected at most ${formatCount(limits.maxFeatures)} features in one file, found ${formatCount(features.length)}; the file was not imported — split it or simplify it first.`,
          `单个文件最多 ${formatCount(limits.maxFeatures)} 个要素，实际为 ${formatCount(features.length)} 个；文件未导入，请先拆分或简化。`,
        ),
      ],
    };
  }
  const whereOf = extras.whereOf ?? ((i: number) => `${fileName} feature ${i}`);
  const convert = crs === 'EPSG:4326' || crs === 'EPSG:4490' ? null : toWgs84(crs);
  const problems = new ProblemList();
  const kept: CleanFeature[] = [];
  const samples: Position[] = [];
  const ids = new Map<string, string>();
  const budget: CheckBudget = {
    leftMs: limits.maxCheckMillis,
    totalMs: limits.maxCheckMillis,
    uncheckedRings: 0,
    uncheckedFeatures: 0,
    firstUnchecked: null,
    lastUncheckedWhere: null,
  };
  const typeCounts = new Map<string, number>();
  const families = new Set<string>();

  const now = extras.now ?? Date.now;
  let reportedAt = now();
  for (let index = 0; index < features.length; index += 1) {
    if (index > 0 && extras.onProgress !== undefined) {
      // One reading of the clock per feature: the time compared is the time recorded.
      const time = now();
      if (index % 10_000 === 0 || time - reportedAt >= PROGRESS_INTERVAL_MS) {
        reportedAt = time;
        extras.onProgress(index / features.length);
      }
    }
    const raw = features[index];
    const where = whereOf(index);
    const ctx: GeometryContext = {
      where,
      convert,
      warnings: [],
      maxVertices: limits.maxVerticesPerFeature,
      budget,
      vertices: 0,
      minLon: Infinity,
      minLat: Infinity,
      maxLon: -Infinity,
      maxLat: -Infinity,
      firstRaw: null,
    };
    if (!isRecord(raw)) {
      problems.add(
        problem(
          'invalid-geometry',
          'error',
          where,
          `Expected a GeoJSON Feature object, found ${describeValue(raw)}.`,
          `应为 GeoJSON Feature 对象，实际为 ${describeValueZh(raw)}。`,
        ),
      );
      continue;
    }
    const rawGeometry = raw['geometry'];
    if (rawGeometry === null || rawGeometry === undefined) {
      problems.add(
        problem(
          'null-geometry',
          'error',
          where,
          'Expected a geometry (a point, line or polygon) to draw on the map, found none; the feature was not imported.',
          '应有可在地图上绘制的几何（点、线或面），实际没有；该要素未导入。',
        ),
      );
      continue;
    }
    let clean: Geometry;
    try {
      clean = geometry(rawGeometry, ctx, 'geometry', 0);
    } catch (error) {
      if (!(error instanceof FeatureRejected)) throw error;
      if (ctx.firstRaw !== null && samples.length < MAX_DIAGNOSIS_SAMPLES)
        samples.push(ctx.firstRaw);
      problems.add(error.problem);
      continue;
    }
    if (ctx.firstRaw !== null && samples.length < MAX_DIAGNOSIS_SAMPLES) samples.push(ctx.firstRaw);
    problems.addAll(ctx.warnings);
    const size = extentKm(ctx);
    if (size > MAX_FEATURE_EXTENT_KM) {
      problems.add(
        problem(
          'absurd-size',
          'warning',
          where,
          `Expected a feature smaller than ${formatCount(MAX_FEATURE_EXTENT_KM)} km across for a city map, found one about ${formatCount(Math.round(size))} km across; it was imported, but check its coordinates.`,
          `城市地图中的要素跨度应小于 ${formatCount(MAX_FEATURE_EXTENT_KM)} 千米，实际约为 ${formatCount(Math.round(size))} 千米；已导入，请检查其坐标。`,
        ),
      );
    }
    const propertyContext: PropertyContext = {
      where,
      problems,
      maxStringLength: limits.maxStringLength,
      droppedKeys: [],
      truncated: [],
    };
    const properties = cleanProperties(
      raw['properties'],
      propertyContext,
      limits.maxPropertiesPerFeature,
    );
    if (!checkPopulation(properties, where, options.role, problems)) continue;

    const featureId = raw['id'];
    const key = idKey(featureId) ?? idKey(properties['id']);
    if (key !== null) {
      const previous = ids.get(key);
      if (previous === undefined) ids.set(key, where);
      else {
        const shown = describeValue(idKey(featureId) !== null ? featureId : properties['id']);
        problems.add(
          problem(
            'duplicate-id',
            'warning',
            where,
            `Expected each feature to have its own id, found id ${shown} already used by ${previous}; both were imported.`,
            `每个要素的 id 应唯一，实际 id ${shown} 已被 ${previous} 使用；两者均已导入。`,
          ),
        );
      }
    }
    const out: CleanFeature = { type: 'Feature', geometry: clean, properties };
    if (typeof featureId === 'string' || typeof featureId === 'number') out.id = featureId;
    kept.push(out);
    typeCounts.set(clean.type, (typeCounts.get(clean.type) ?? 0) + 1);
    families.add(geometryFamily(clean.type));
  }

  const fileProblems: ImportProblem[] = diagnosisProblems(fileName, samples, crs);
  const unchecked = uncheckedProblem(fileName, budget);
  if (unchecked !== null) fileProblems.push(unchecked);
  if (families.size > 1) {
    const list = [...typeCounts].map(([type, n]) => `${formatCount(n)} ${type}`).join(', ');
    fileProblems.push(
      problem(
        'mixed-geometry-types',
        'warning',
        fileName,
        `Expected one kind of geometry in a layer, found ${list}; all were imported and each is drawn in its own way.`,
        `一个图层应只含一种几何类型，实际为 ${list}；均已导入，将按各自类型绘制。`,
      ),
    );
  }
  return {
    features: kept,
    problems: [...fileProblems, ...problems.toArray(fileName)],
    refused: false,
  };
}
