/**
 * The raw open data the population model reads, parsed and typed. Reading files stays in
 * `scripts/build-population.ts`; everything here is a pure function of the texts, so tests can
 * feed altered copies and the model cannot depend on anything but `geodata/raw/`.
 */
import type { MultiPolygon, Polygon } from 'geojson';
import { parseCsv, type CsvRow } from '../build-data/parse-csv.ts';

/** Paths of the inputs, relative to `geodata/`. */
export const POPULATION_RAW_FILES = {
  districts: 'raw/geodata-sources/cq_districts_ctamap2021_wgs84.geojson',
  census: 'raw/geodata-sources/cq_districts_census2020_ghsl.csv',
  townshipPoints: 'raw/geodata-sources/cq_township_points_wgs84.csv',
  townshipUnits: 'raw/geodata-sources/cq_township_urbanrural_units2016.csv',
  villages: 'raw/geodata-sources/cq_villages_urbanrural2016_vonng.csv',
  geonames: 'raw/geonames-cities-json/cq_geonames_cities_json_1.1.64.json',
  rivers: 'raw/geodata-sources/cq_rivers_naturalearth10m_wgs84.geojson',
  entities: 'raw/plan-catalogue/entities.csv',
} as const;

export type PopulationRawKey = keyof typeof POPULATION_RAW_FILES;
export type PopulationRawTexts = Readonly<Record<PopulationRawKey, string>>;

/** A 区县 with its census figures (SOURCES.md §1 and §4). */
export interface CensusDistrict {
  readonly adcode: number;
  readonly name_zh: string;
  readonly name_en: string;
  /** 一区两群 region and, inside 主城都市区, 中心城区 or 主城新区 (Chinese names). */
  readonly region: string;
  readonly subregion: string | null;
  readonly geometry: Polygon | MultiPolygon;
  /** Census 2020 resident population (常住人口). */
  readonly population: number;
  /** Census 2020 城镇化率, 0–1. */
  readonly urbanShare: number;
}

/** NBS 城乡分类代码 (2016) counts of village-level units in a township (SOURCES.md §12). */
export interface UnitCounts {
  readonly n111: number;
  readonly n112: number;
  readonly n121: number;
  readonly n122: number;
  readonly n123: number;
  readonly n210: number;
  readonly n220: number;
}

/** One of the 1,031 townships (乡镇街道) with its candidate seat points (SOURCES.md §9). */
export interface Township {
  readonly code: string;
  readonly name: string;
  /** 街道, 镇 or 乡 (民族乡 counts as 乡). */
  readonly kind: string;
  readonly countyAdcode: number;
  /** The GeoNames point (CC BY 4.0), when one matched. */
  readonly geonames: readonly [number, number] | null;
  /** The raw file's chosen point: GeoNames, or the AMap 2016 centre where GeoNames has none or conflicts. */
  readonly best: readonly [number, number] | null;
  readonly bestSource: 'geonames' | 'amap2016' | 'none';
  /** Unit counts of 2016, or null for the 22 townships with no 2016 equivalent. */
  readonly units: UnitCounts | null;
  /** AMap-derived points of the township's village-level units (SOURCES.md §11), often none. */
  readonly villagePoints: readonly (readonly [number, number])[];
}

/** A planning region from the plan catalogue. */
export interface CatalogueRegion {
  readonly id: string;
  readonly name_zh: string;
  readonly name_en: string;
  readonly category: 'region' | 'subregion';
}

/** A 区县 row of the plan catalogue: the names the app shows (石柱县 rather than 石柱土家族自治县). */
export interface CatalogueDistrict {
  readonly id: string;
  readonly name_zh: string;
  readonly name_en: string;
}

/** A GeoNames populated place (CC BY 4.0): romanised name and WGS84 point. */
export interface GeoNamesPlace {
  readonly name: string;
  readonly lon: number;
  readonly lat: number;
}

/** A Natural Earth 1:10m river centreline (SOURCES.md §5) of a river the plan names. */
export interface RiverLine {
  readonly name_zh: string;
  /** Its parts, each a list of [lon, lat]. */
  readonly parts: readonly (readonly (readonly [number, number])[])[];
}

export interface PopulationInputs {
  readonly districts: readonly CensusDistrict[];
  readonly townships: readonly Township[];
  /**
   * NBS 2016 unit counts per **2016** township code, summed from the village file (SOURCES.md
   * §11), including townships whose 2016 code has no 2023 equivalent (梁平县 and 武隆县 were
   * counties in 2016, with codes 500228 and 500232).
   */
  readonly unitCounts2016: ReadonlyMap<string, UnitCounts>;
  readonly geonames: readonly GeoNamesPlace[];
  /** 长江, 嘉陵江 and 乌江 (the rivers with `in_chongqing_plan`). */
  readonly rivers: readonly RiverLine[];
  readonly regions: readonly CatalogueRegion[];
  readonly catalogueDistricts: readonly CatalogueDistrict[];
}

function fail(file: PopulationRawKey, message: string): never {
  throw new Error(`geodata/${POPULATION_RAW_FILES[file]}: ${message}`);
}

function numberCell(row: CsvRow, column: string, file: PopulationRawKey, line: number): number {
  const text = row[column] ?? '';
  const value = Number(text);
  if (text === '' || !Number.isFinite(value)) {
    fail(file, `row ${String(line)} column ${column}: expected a number, found "${text}".`);
  }
  return value;
}

function optionalPoint(row: CsvRow, lonColumn: string, latColumn: string): [number, number] | null {
  const lon = row[lonColumn] ?? '';
  const lat = row[latColumn] ?? '';
  if (lon === '' || lat === '') return null;
  const x = Number(lon);
  const y = Number(lat);
  return Number.isFinite(x) && Number.isFinite(y) ? [x, y] : null;
}

const UNIT_KEYS: Record<keyof UnitCounts, number> = {
  n111: 0,
  n112: 0,
  n121: 0,
  n122: 0,
  n123: 0,
  n210: 0,
  n220: 0,
};

function countsOf(row: CsvRow): UnitCounts | null {
  if ((row['n_village_units_2016'] ?? '') === '') return null;
  const n = (column: string): number => {
    const value = Number(row[column] ?? '');
    return Number.isFinite(value) ? value : 0;
  };
  return {
    n111: n('n_111'),
    n112: n('n_112'),
    n121: n('n_121'),
    n122: n('n_122'),
    n123: n('n_123'),
    n210: n('n_210'),
    n220: n('n_220'),
  };
}

/** Parses the raw texts. Throws naming the file, row and column when something is malformed. */
export function parsePopulationInputs(texts: PopulationRawTexts): PopulationInputs {
  const census = new Map<number, { population: number; urbanShare: number }>();
  parseCsv(texts.census).forEach((row, i) => {
    census.set(numberCell(row, 'adcode', 'census', i + 2), {
      population: numberCell(row, 'pop2020_census', 'census', i + 2),
      urbanShare: numberCell(row, 'urban_share2020_census', 'census', i + 2),
    });
  });

  const collection = JSON.parse(texts.districts) as {
    features?: {
      geometry?: Polygon | MultiPolygon;
      properties?: {
        adcode?: number;
        name?: string;
        name_en?: string;
        region?: string;
        subregion?: string | null;
      };
    }[];
  };
  const districts: CensusDistrict[] = (collection.features ?? []).map((feature, i) => {
    const p = feature.properties ?? {};
    const geometry = feature.geometry;
    if (
      typeof p.adcode !== 'number' ||
      typeof p.name !== 'string' ||
      typeof p.region !== 'string' ||
      geometry === undefined ||
      !['Polygon', 'MultiPolygon'].includes(geometry.type)
    ) {
      return fail('districts', `feature ${String(i)} lacks adcode, name, region or a polygon.`);
    }
    const figures = census.get(p.adcode);
    if (figures === undefined) {
      return fail('census', `no row for adcode ${String(p.adcode)} (${p.name}).`);
    }
    return {
      adcode: p.adcode,
      name_zh: p.name,
      name_en: p.name_en ?? p.name,
      region: p.region,
      subregion: p.subregion ?? null,
      geometry,
      population: figures.population,
      urbanShare: figures.urbanShare,
    };
  });
  districts.sort((a, b) => a.adcode - b.adcode);

  const units = new Map<string, UnitCounts | null>();
  for (const row of parseCsv(texts.townshipUnits))
    units.set(row['township_code'] ?? '', countsOf(row));

  const villagePoints = new Map<string, [number, number][]>();
  const tally2016 = new Map<string, Record<keyof UnitCounts, number>>();
  for (const row of parseCsv(texts.villages)) {
    const code2016 = row['township_code_2016'] ?? '';
    const unit = `n${row['urban_rural_code_2016'] ?? ''}`;
    if (code2016 !== '' && unit in UNIT_KEYS) {
      const tally = tally2016.get(code2016) ?? { ...UNIT_KEYS };
      tally[unit as keyof UnitCounts] += 1;
      tally2016.set(code2016, tally);
    }
    const point = optionalPoint(row, 'lon_wgs84', 'lat_wgs84');
    const code = row['township_code_2023'] ?? '';
    if (point === null || code === '') continue;
    const list = villagePoints.get(code) ?? [];
    list.push(point);
    villagePoints.set(code, list);
  }

  const townships: Township[] = parseCsv(texts.townshipPoints).map((row, i) => {
    const code = row['township_code'] ?? '';
    const source = row['point_source'];
    return {
      code,
      name: row['name'] ?? '',
      kind: row['kind'] === '民族乡' ? '乡' : (row['kind'] ?? ''),
      countyAdcode: numberCell(row, 'county_adcode', 'townshipPoints', i + 2),
      geonames: optionalPoint(row, 'geonames_lon', 'geonames_lat'),
      best: optionalPoint(row, 'lon', 'lat'),
      bestSource: source === 'geonames' || source === 'amap2016' ? source : 'none',
      units: units.get(code) ?? null,
      villagePoints: villagePoints.get(code) ?? [],
    };
  });

  const regions: CatalogueRegion[] = [];
  const catalogueDistricts: CatalogueDistrict[] = [];
  for (const row of parseCsv(texts.entities)) {
    const category = row['category'];
    if (category === 'district') {
      catalogueDistricts.push({
        id: row['id'] ?? '',
        name_zh: row['name_zh'] ?? '',
        name_en: row['name_en'] ?? '',
      });
      continue;
    }
    if (category !== 'region' && category !== 'subregion') continue;
    regions.push({
      id: row['id'] ?? '',
      name_zh: row['name_zh'] ?? '',
      name_en: row['name_en'] ?? '',
      category,
    });
  }
  const geonamesJson = JSON.parse(texts.geonames) as unknown;
  if (!Array.isArray(geonamesJson)) fail('geonames', 'is not a JSON array.');
  const geonames: GeoNamesPlace[] = (geonamesJson as readonly Record<string, unknown>[]).map(
    (r, i) => {
      const lon = Number(r['lng']);
      const lat = Number(r['lat']);
      if (typeof r['name'] !== 'string' || !Number.isFinite(lon) || !Number.isFinite(lat)) {
        return fail('geonames', `record ${String(i)} lacks a name or a point.`);
      }
      return { name: r['name'], lon, lat };
    },
  );

  const riverCollection = JSON.parse(texts.rivers) as {
    features?: {
      geometry?: { type: string; coordinates: unknown };
      properties?: { name_zh?: string; in_chongqing_plan?: boolean };
    }[];
  };
  const rivers: RiverLine[] = [];
  for (const feature of riverCollection.features ?? []) {
    const p = feature.properties ?? {};
    const g = feature.geometry;
    if (p.in_chongqing_plan !== true || typeof p.name_zh !== 'string' || g === undefined) continue;
    const parts =
      g.type === 'LineString'
        ? [g.coordinates as [number, number][]]
        : g.type === 'MultiLineString'
          ? (g.coordinates as [number, number][][])
          : fail('rivers', `${p.name_zh} is a ${g.type}, expected a line.`);
    rivers.push({ name_zh: p.name_zh, parts });
  }
  rivers.sort((a, b) => a.name_zh.localeCompare(b.name_zh));

  return {
    districts,
    townships,
    unitCounts2016: new Map([...tally2016].sort(([a], [b]) => a.localeCompare(b))),
    geonames,
    rivers,
    regions,
    catalogueDistricts,
  };
}
