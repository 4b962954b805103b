/**
 * Checks one plan layer's GeoJSON against the shared property schema before the app uses it.
 *
 * Valid features are kept and invalid ones are reported, one problem per fault, naming the feature
 * by index and id; nothing is dropped silently. The input is never modified: the output holds
 * fresh copies. Only own properties are read, so a `__proto__` key is plain data and a value
 * inherited from a prototype does not count as present.
 */
import type { Geometry, Position } from 'geojson';
import { describeValue, type Problem } from '../result.ts';
import {
  CERTAINTIES,
  CORRECTION_SOURCES,
  PLAN_STATUSES,
  type PlanFeature,
  type PlanFeatureCollection,
  type PlanFeatureProperties,
} from './plan-feature.ts';

/** A layer's valid features and the problems of the rest. */
export interface ValidatedLayer {
  readonly collection: PlanFeatureCollection;
  readonly problems: readonly Problem[];
}

type JsonObject = Readonly<Record<string, unknown>>;

const STRING_KEYS = [
  'catalogue_id',
  'name_zh',
  'name_en',
  'category',
  'plan_ref',
  'plan_quote',
  'position_note_zh',
  'position_note_en',
] as const;
/** Feature ids are used in `?sel=`, whose pattern allows at most 100 characters. */
const FEATURE_ID = /^[a-z0-9]+(-[a-z0-9]+)*$/;
const MAX_ID_LENGTH = 100;
const SEARCH_PINYIN = /^[a-z]+ [a-z]+$/;
const POINT_TYPES: readonly string[] = ['Point', 'MultiPoint'];

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function own(obj: JsonObject, key: string): unknown {
  return Object.hasOwn(obj, key) ? obj[key] : undefined;
}

function oneOf<T extends string>(values: readonly T[], value: unknown): T | undefined {
  return values.find((v) => v === value);
}

/** Collects the faults of one feature under a common `where` prefix. */
class FeatureReport {
  readonly problems: Problem[] = [];
  constructor(readonly prefix: string) {}

  add(what: string, message: string): void {
    this.problems.push({ where: what === '' ? this.prefix : `${this.prefix} ${what}`, message });
  }
}

// ---- geometry -------------------------------------------------------------------------------

type CoordsCheck = (value: unknown, path: string, report: FeatureReport) => unknown;

function checkPosition(value: unknown, path: string, report: FeatureReport): Position | undefined {
  if (!Array.isArray(value) || value.length < 2 || value.length > 3) {
    report.add(path, `Expected a position [lon, lat], found ${describeValue(value)}.`);
    return undefined;
  }
  const nums: number[] = [];
  for (const n of value as readonly unknown[]) {
    if (typeof n !== 'number' || !Number.isFinite(n)) {
      report.add(path, `Expected finite numbers in the position, found ${describeValue(n)}.`);
      return undefined;
    }
    nums.push(n);
  }
  const [lon = NaN, lat = NaN] = nums;
  if (lon < -180 || lon > 180 || lat < -90 || lat > 90) {
    report.add(
      path,
      `Expected longitude in [-180, 180] and latitude in [-90, 90], found [${String(lon)}, ${String(lat)}].`,
    );
    return undefined;
  }
  return nums;
}

/** Checks an array of `min`+ items with `item`; returns the copied items or undefined. */
function checkArray<T>(
  value: unknown,
  path: string,
  report: FeatureReport,
  min: number,
  what: string,
  item: (v: unknown, p: string, r: FeatureReport) => T | undefined,
): T[] | undefined {
  if (!Array.isArray(value) || value.length < min) {
    report.add(
      path,
      `Expected an array of at least ${String(min)} ${what}, found ${describeValue(value)}.`,
    );
    return undefined;
  }
  const out: T[] = [];
  for (const [i, v] of (value as readonly unknown[]).entries()) {
    const checked = item(v, `${path}[${String(i)}]`, report);
    if (checked === undefined) return undefined;
    out.push(checked);
  }
  return out;
}

function checkLine(value: unknown, path: string, report: FeatureReport) {
  return checkArray(value, path, report, 2, 'positions', checkPosition);
}

function checkRing(value: unknown, path: string, report: FeatureReport) {
  const ring = checkArray(value, path, report, 4, 'positions', checkPosition);
  if (ring === undefined) return undefined;
  const first = ring[0] ?? [];
  const last = ring[ring.length - 1] ?? [];
  if (first[0] !== last[0] || first[1] !== last[1]) {
    report.add(path, 'Expected a closed ring whose last position equals its first.');
    return undefined;
  }
  return ring;
}

function checkPolygon(value: unknown, path: string, report: FeatureReport) {
  return checkArray(value, path, report, 1, 'rings', checkRing);
}

const COORDINATE_CHECKS: Readonly<Record<string, CoordsCheck>> = {
  Point: checkPosition,
  MultiPoint: (v, p, r) => checkArray(v, p, r, 1, 'positions', checkPosition),
  LineString: checkLine,
  MultiLineString: (v, p, r) => checkArray(v, p, r, 1, 'lines', checkLine),
  Polygon: checkPolygon,
  MultiPolygon: (v, p, r) => checkArray(v, p, r, 1, 'polygons', checkPolygon),
};

function checkGeometry(value: unknown, report: FeatureReport): Geometry | undefined {
  if (!isObject(value)) {
    report.add('geometry', `Expected a geometry object, found ${describeValue(value)}.`);
    return undefined;
  }
  const type = own(value, 'type');
  const check =
    typeof type === 'string' && Object.hasOwn(COORDINATE_CHECKS, type)
      ? COORDINATE_CHECKS[type]
      : undefined;
  if (typeof type !== 'string' || check === undefined) {
    const allowed = Object.keys(COORDINATE_CHECKS).join(', ');
    report.add('geometry.type', `Expected one of ${allowed}, found ${describeValue(type)}.`);
    return undefined;
  }
  const coordinates = check(own(value, 'coordinates'), 'geometry.coordinates', report);
  if (coordinates === undefined) return undefined;
  // The checks above guarantee that the coordinates' nesting matches the type.
  return { type, coordinates } as Geometry;
}

// ---- properties -----------------------------------------------------------------------------

function checkString(props: JsonObject, key: string, report: FeatureReport): boolean {
  const value = own(props, key);
  if (typeof value === 'string' && value.trim() !== '') return true;
  report.add(`property ${key}`, `Expected a non-empty string, found ${describeValue(value)}.`);
  return false;
}

function checkProperties(
  props: JsonObject,
  geometry: Geometry | undefined,
  layerId: string,
  report: FeatureReport,
): boolean {
  let ok = true;
  const fail = (key: string, message: string) => {
    report.add(`property ${key}`, message);
    ok = false;
  };
  const id = own(props, 'id');
  if (typeof id !== 'string' || id.length > MAX_ID_LENGTH || !FEATURE_ID.test(id)) {
    fail('id', `Expected a kebab-case id of at most 100 characters, found ${describeValue(id)}.`);
  }
  const layer = own(props, 'layer');
  if (layer !== layerId) {
    fail(
      'layer',
      `Expected the layer id ${JSON.stringify(layerId)}, found ${describeValue(layer)}.`,
    );
  }
  for (const key of STRING_KEYS) ok = checkString(props, key, report) && ok;
  const pinyin = own(props, 'search_pinyin');
  if (typeof pinyin !== 'string' || !SEARCH_PINYIN.test(pinyin)) {
    fail(
      'search_pinyin',
      `Expected lower-case pinyin then initials such as "guanyinqiao gyq", found ${describeValue(pinyin)}.`,
    );
  }
  const status = own(props, 'status');
  if (oneOf(PLAN_STATUSES, status) === undefined) {
    fail('status', `Expected one of ${PLAN_STATUSES.join(', ')}, found ${describeValue(status)}.`);
  }
  const certainty = own(props, 'certainty');
  if (oneOf(CERTAINTIES, certainty) === undefined) {
    fail(
      'certainty',
      `Expected one of ${CERTAINTIES.join(', ')}, found ${describeValue(certainty)}.`,
    );
  }
  const adcode = own(props, 'district_adcode');
  const isAdcode =
    typeof adcode === 'number' && Number.isInteger(adcode) && adcode >= 500000 && adcode <= 509999;
  if (adcode !== null && !isAdcode) {
    fail(
      'district_adcode',
      `Expected null or a 6-digit Chongqing code starting with 50, found ${describeValue(adcode)}.`,
    );
  }
  const uncertainty = own(props, 'uncertainty_m');
  const validRadius =
    typeof uncertainty === 'number' && Number.isFinite(uncertainty) && uncertainty >= 0;
  const isPoint = geometry !== undefined && POINT_TYPES.includes(geometry.type);
  if (isPoint && !validRadius) {
    fail(
      'uncertainty_m',
      `Expected a non-negative number of metres for a point, found ${describeValue(uncertainty)}.`,
    );
  } else if (!isPoint && uncertainty !== null && !validRadius) {
    fail(
      'uncertainty_m',
      `Expected null or a non-negative number of metres, found ${describeValue(uncertainty)}.`,
    );
  }
  for (const key of ['event_ids', 'events_zh', 'events_en'] as const) {
    if (!Object.hasOwn(props, key)) continue;
    const value = own(props, key);
    const strings =
      Array.isArray(value) &&
      value.length > 0 &&
      (value as readonly unknown[]).every((v) => typeof v === 'string' && v.trim() !== '');
    if (!strings)
      fail(
        key,
        `Expected a non-empty array of non-empty strings when present, found ${describeValue(value)}.`,
      );
  }
  const eventCounts = (['event_ids', 'events_zh', 'events_en'] as const).map((key) => {
    const value = own(props, key);
    return Array.isArray(value) ? value.length : -1;
  });
  if (new Set(eventCounts).size > 1) {
    fail('event_ids', 'Expected event_ids, events_zh and events_en together, of equal length.');
  }
  for (const key of ['street_course_zh', 'street_course_en'] as const) {
    if (Object.hasOwn(props, key)) ok = checkString(props, key, report) && ok;
  }
  if (Object.hasOwn(props, 'position_anchors')) {
    const value = own(props, 'position_anchors');
    const anchors =
      Array.isArray(value) &&
      value.length > 0 &&
      (value as readonly unknown[]).every(
        (a) =>
          isObject(a) &&
          typeof own(a, 'lon') === 'number' &&
          Number.isFinite(own(a, 'lon')) &&
          typeof own(a, 'lat') === 'number' &&
          Number.isFinite(own(a, 'lat')) &&
          typeof own(a, 'label_zh') === 'string' &&
          typeof own(a, 'label_en') === 'string',
      );
    if (!anchors)
      fail(
        'position_anchors',
        `Expected a non-empty array of {lon, lat, label_zh, label_en} when present, found ${describeValue(value)}.`,
      );
  }
  if (Object.hasOwn(props, 'shares_position_with')) {
    const value = own(props, 'shares_position_with');
    const ids =
      Array.isArray(value) &&
      value.length > 0 &&
      (value as readonly unknown[]).every((v) => typeof v === 'string' && FEATURE_ID.test(v));
    if (!ids)
      fail(
        'shares_position_with',
        `Expected a non-empty array of feature ids when present, found ${describeValue(value)}.`,
      );
  }
  if (Object.hasOwn(props, 'corrected_source') || Object.hasOwn(props, 'corrected_date')) {
    const source = own(props, 'corrected_source');
    if (oneOf(CORRECTION_SOURCES, source) === undefined)
      fail(
        'corrected_source',
        `Expected one of ${CORRECTION_SOURCES.join(', ')} on a corrected feature, found ${describeValue(source)}.`,
      );
    const date = own(props, 'corrected_date');
    if (typeof date !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(date))
      fail(
        'corrected_date',
        `Expected a date YYYY-MM-DD on a corrected feature, found ${describeValue(date)}.`,
      );
  }
  if (Object.hasOwn(props, 'corrected_note'))
    ok = checkString(props, 'corrected_note', report) && ok;
  if (Object.hasOwn(props, 'tier')) {
    const tier = own(props, 'tier');
    if (tier !== 1 && tier !== 2 && tier !== 3) {
      fail('tier', `Expected 1, 2 or 3 when present, found ${describeValue(tier)}.`);
    }
  }
  return ok;
}

// ---- features -------------------------------------------------------------------------------

function featurePrefix(source: string, index: number, feature: unknown): string {
  const props = isObject(feature) ? own(feature, 'properties') : undefined;
  const id = isObject(props) ? own(props, 'id') : undefined;
  if (typeof id !== 'string' || id === '') return `${source} feature ${String(index)}`;
  const chars = Array.from(id);
  const shown = chars.length > 60 ? `${chars.slice(0, 60).join('')}…` : id;
  return `${source} feature ${String(index)} (id ${shown})`;
}

function checkFeature(
  value: unknown,
  layerId: string,
  report: FeatureReport,
): PlanFeature | undefined {
  if (!isObject(value) || own(value, 'type') !== 'Feature') {
    report.add('', `Expected a GeoJSON Feature object, found ${describeValue(value)}.`);
    return undefined;
  }
  const geometry = checkGeometry(own(value, 'geometry'), report);
  const props = own(value, 'properties');
  if (!isObject(props)) {
    report.add('properties', `Expected a properties object, found ${describeValue(props)}.`);
    return undefined;
  }
  const propsOk = checkProperties(props, geometry, layerId, report);
  const id = own(props, 'id');
  const topId = own(value, 'id');
  if (topId !== undefined && topId !== id) {
    report.add(
      'id',
      `Expected the feature id to equal properties.id ${describeValue(id)}, found ${describeValue(topId)}.`,
    );
    return undefined;
  }
  if (!propsOk || geometry === undefined || typeof id !== 'string') return undefined;
  // Object.fromEntries defines own properties, so a "__proto__" key stays plain data.
  const properties = Object.fromEntries(Object.entries(props)) as unknown as PlanFeatureProperties;
  return { type: 'Feature', id, geometry, properties };
}

/**
 * Validates one layer file. `layerId` is the catalogue id every feature's `properties.layer` must
 * equal; `source` names the file in problems, e.g. `layers/districts.geojson`.
 */
export function validatePlanLayer(json: unknown, layerId: string, source: string): ValidatedLayer {
  const problems: Problem[] = [];
  const features: PlanFeature[] = [];
  const rawFeatures = isObject(json) ? own(json, 'features') : undefined;
  if (!isObject(json) || own(json, 'type') !== 'FeatureCollection' || !Array.isArray(rawFeatures)) {
    problems.push({
      where: source,
      message: `Expected a GeoJSON FeatureCollection with a features array, found ${describeValue(json)}.`,
    });
    return { collection: { type: 'FeatureCollection', features }, problems };
  }
  const firstIndex = new Map<string, number>();
  for (const [index, value] of (rawFeatures as readonly unknown[]).entries()) {
    const report = new FeatureReport(featurePrefix(source, index, value));
    const feature = checkFeature(value, layerId, report);
    if (feature !== undefined) {
      const id = feature.properties.id;
      const earlier = firstIndex.get(id);
      if (earlier === undefined) {
        firstIndex.set(id, index);
        features.push(feature);
      } else {
        report.add(
          'property id',
          `Expected a unique id within the layer; feature ${String(earlier)} already uses it.`,
        );
      }
    }
    problems.push(...report.problems);
  }
  return { collection: { type: 'FeatureCollection', features }, problems };
}
