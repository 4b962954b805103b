/**
 * An imported layer as it is saved in the browser (IndexedDB store `importedLayers`): what the
 * import produced plus a name, a role and when it was saved. Stored records are untrusted when
 * read back (an older or newer atlas, a corrupted disk, another extension), so they carry a schema
 * version and are validated and migrated by {@link readImportedLayerRecord}.
 */
import type { Feature, Geometry } from 'geojson';
import { CRS_IDS, type CrsId } from '../crs/crs-types';
import { describeValue } from '../result';
import {
  IMPORT_PROBLEM_CODES,
  type ImportDetected,
  type ImportedDemand,
  type ImportFormat,
  type ImportProblem,
  type ImportProblemCode,
  type ImportRole,
} from './import-types';

/** Bumped whenever the stored shape changes; older versions are migrated by {@link MIGRATIONS}. */
export const IMPORTED_LAYER_SCHEMA_VERSION = 1;

export interface ImportedLayerRecord {
  /** The layer id, also the IndexedDB key. */
  readonly id: string;
  readonly schemaVersion: typeof IMPORTED_LAYER_SCHEMA_VERSION;
  readonly name: string;
  readonly role: ImportRole;
  /** ISO 8601 time of the save. */
  readonly savedAt: string;
  readonly fileName: string;
  readonly detected: ImportDetected;
  readonly problems: readonly ImportProblem[];
  readonly features: readonly Feature<Geometry, Record<string, unknown>>[];
  /** Population raster read as demand (typed arrays are structured-clonable). */
  readonly demand?: ImportedDemand;
}

export type ImportedLayerReadResult =
  | {
      readonly ok: true;
      readonly record: ImportedLayerRecord;
      /** The schema version the record was migrated from, or null when it was current. */
      readonly migratedFrom: number | null;
    }
  | {
      readonly ok: false;
      /** Sentences saying what was expected and what was found. */
      readonly problems: readonly string[];
      /** True when the record comes from a newer atlas (kept aside, not unreadable as such). */
      readonly newer: boolean;
    };

type JsonObject = Readonly<Record<string, unknown>>;

/**
 * Migrations between stored schema versions: `MIGRATIONS[n]` turns a version-n record into a
 * version n+1 record, never mutating its input. Version 1 is the first; when version 2 arrives,
 * add `1: (record) => ({ ...record, schemaVersion: 2, … })` here and bump the constant.
 */
const MIGRATIONS: Readonly<Record<number, (record: JsonObject) => JsonObject>> = {};

const ROLES: readonly ImportRole[] = ['features', 'nodes', 'demand'];
const FORMATS: readonly ImportFormat[] = [
  'geojson',
  'csv',
  'tsv',
  'xlsx',
  'xls',
  'kml',
  'shapefile-zip',
  'geotiff',
];
const ENCODINGS: readonly ImportDetected['encoding'][] = [
  'utf-8',
  'utf-8-bom',
  'utf-16',
  'gb18030',
  null,
];

const MAX_PROBLEMS_LISTED = 10;

function isRecord(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function oneOf<T>(list: readonly T[], value: unknown): value is T {
  return (list as readonly unknown[]).includes(value);
}

function shortText(value: unknown, max: number): value is string {
  return typeof value === 'string' && value.length <= max;
}

/** Checks nested coordinate arrays of the given depth (0 = one position). */
function positionsOk(value: unknown, depth: number): boolean {
  if (!Array.isArray(value)) return false;
  if (depth === 0) {
    return (
      value.length >= 2 &&
      value.length <= 4 &&
      value.every((n) => typeof n === 'number' && Number.isFinite(n))
    );
  }
  return value.every((inner) => positionsOk(inner, depth - 1));
}

const DEPTH: Readonly<Record<string, number>> = {
  Point: 0,
  MultiPoint: 1,
  LineString: 1,
  MultiLineString: 2,
  Polygon: 2,
  MultiPolygon: 3,
};

function geometryOk(value: unknown, nesting = 0): value is Geometry {
  if (!isRecord(value) || typeof value['type'] !== 'string') return false;
  if (value['type'] === 'GeometryCollection') {
    const geometries = value['geometries'];
    return (
      nesting < 4 &&
      Array.isArray(geometries) &&
      geometries.every((inner) => geometryOk(inner, nesting + 1))
    );
  }
  const depth = DEPTH[value['type']];
  return depth !== undefined && positionsOk(value['coordinates'], depth);
}

function readFeature(value: unknown): Feature<Geometry, Record<string, unknown>> | null {
  if (!isRecord(value) || value['type'] !== 'Feature') return null;
  const geometry = value['geometry'];
  const properties = value['properties'];
  if (!geometryOk(geometry)) return null;
  if (!isRecord(properties)) return null;
  const id = value['id'];
  const feature: Feature<Geometry, Record<string, unknown>> = {
    type: 'Feature',
    geometry,
    properties: { ...properties },
  };
  return typeof id === 'string' || typeof id === 'number' ? { ...feature, id } : feature;
}

function readDetected(value: unknown, problems: string[]): ImportDetected | null {
  if (!isRecord(value)) {
    problems.push('The layer record needs a "detected" object (format, encoding, CRS).');
    return null;
  }
  const { format, encoding, crs, crsSource, columns, xColumn, yColumn } = value;
  if (!oneOf(FORMATS, format)) {
    problems.push(`The layer record's format should be one of ${FORMATS.join(', ')}.`);
    return null;
  }
  if (!oneOf(ENCODINGS, encoding)) {
    problems.push("The layer record's encoding should be utf-8, utf-8-bom, gb18030 or null.");
    return null;
  }
  if (!oneOf<CrsId>(CRS_IDS, crs)) {
    problems.push("The layer record's coordinate system is not one this atlas knows.");
    return null;
  }
  if (crsSource !== 'file' && crsSource !== 'chosen' && crsSource !== 'assumed') {
    problems.push("The layer record's CRS source should be file, chosen or assumed.");
    return null;
  }
  const columnList =
    Array.isArray(columns) && columns.every((c) => typeof c === 'string') ? columns : undefined;
  return {
    format,
    encoding,
    crs,
    crsSource,
    ...(columnList === undefined ? {} : { columns: [...columnList] }),
    ...(typeof xColumn === 'string' ? { xColumn } : {}),
    ...(typeof yColumn === 'string' ? { yColumn } : {}),
  };
}

function readProblem(value: unknown): ImportProblem | null {
  if (!isRecord(value)) return null;
  const { code, severity, where, message, message_zh } = value;
  if (!oneOf<ImportProblemCode>(IMPORT_PROBLEM_CODES, code)) return null;
  if (severity !== 'error' && severity !== 'warning') return null;
  if (typeof where !== 'string' || typeof message !== 'string' || typeof message_zh !== 'string')
    return null;
  return { code, severity, where, message, message_zh };
}

/**
 * A typed array of that kind, from any realm (a structured clone from IndexedDB may come from
 * another global than this module's).
 */
function isTyped<K extends 'Float64Array' | 'Uint8Array'>(
  value: unknown,
  kind: K,
): value is K extends 'Float64Array' ? Float64Array : Uint8Array {
  return ArrayBuffer.isView(value) && Object.prototype.toString.call(value) === `[object ${kind}]`;
}

function readDemand(value: unknown, problems: string[]): ImportedDemand | null {
  if (!isRecord(value)) {
    problems.push("The layer record's demand should be an object of typed arrays.");
    return null;
  }
  const { lon, lat, population, urban, cellSizeM, totalPopulation } = value;
  if (
    !isTyped(lon, 'Float64Array') ||
    !isTyped(lat, 'Float64Array') ||
    !isTyped(population, 'Float64Array') ||
    !isTyped(urban, 'Uint8Array')
  ) {
    problems.push(
      "The layer record's demand should hold Float64Array lon, lat and population and a Uint8Array urban.",
    );
    return null;
  }
  const n = lon.length;
  if (lat.length !== n || population.length !== n || urban.length !== n) {
    problems.push(
      `The layer record's demand arrays should all have ${String(n)} entries, like lon; found lat ${String(lat.length)}, population ${String(population.length)}, urban ${String(urban.length)}.`,
    );
    return null;
  }
  if (
    typeof cellSizeM !== 'number' ||
    !(cellSizeM > 0) ||
    typeof totalPopulation !== 'number' ||
    !Number.isFinite(totalPopulation)
  ) {
    problems.push("The layer record's demand needs a positive cell size and a finite total.");
    return null;
  }
  return {
    lon: Float64Array.from(lon),
    lat: Float64Array.from(lat),
    population: Float64Array.from(population),
    urban: Uint8Array.from(urban),
    cellSizeM,
    totalPopulation,
  };
}

/**
 * Reads an imported-layer record from untrusted stored data, migrating older schema versions.
 * A record from a newer atlas (schema version above {@link IMPORTED_LAYER_SCHEMA_VERSION}) is
 * refused with `newer: true` so the caller keeps it aside instead of destroying it. Any invalid
 * part refuses the whole record (a saved layer is never loaded with features silently missing).
 * Never mutates its input; the result shares no objects with it except geometries.
 */
export function readImportedLayerRecord(json: unknown): ImportedLayerReadResult {
  if (!isRecord(json)) {
    return { ok: false, newer: false, problems: ['A saved layer should be an object.'] };
  }
  const rawVersion = json['schemaVersion'];
  if (typeof rawVersion !== 'number' || !Number.isInteger(rawVersion) || rawVersion < 1) {
    return {
      ok: false,
      newer: false,
      problems: [
        `A saved layer needs a schema version of 1 or more; found ${describeValue(rawVersion)}.`,
      ],
    };
  }
  if (rawVersion > IMPORTED_LAYER_SCHEMA_VERSION) {
    return {
      ok: false,
      newer: true,
      problems: [
        `This layer was saved by a newer version of the atlas (schema ${String(rawVersion)}; this one reads up to ${String(IMPORTED_LAYER_SCHEMA_VERSION)}), so it was kept aside unchanged.`,
      ],
    };
  }
  let record: JsonObject = json;
  for (let version = rawVersion; version < IMPORTED_LAYER_SCHEMA_VERSION; version += 1) {
    const migrate = MIGRATIONS[version];
    if (migrate === undefined) {
      return {
        ok: false,
        newer: false,
        problems: [`No migration exists from saved-layer schema ${String(version)}.`],
      };
    }
    record = migrate(record);
  }

  const problems: string[] = [];
  const { id, name, role, savedAt, fileName } = record;
  if (typeof id !== 'string' || id === '' || id.length > 100)
    problems.push('A saved layer needs a non-empty id of at most 100 characters.');
  if (!shortText(name, 200)) problems.push('A saved layer needs a name of at most 200 characters.');
  if (!oneOf(ROLES, role))
    problems.push("A saved layer's role should be features, nodes or demand.");
  if (!shortText(savedAt, 40)) problems.push('A saved layer needs the time it was saved.');
  if (!shortText(fileName, 500)) problems.push('A saved layer needs the name of its file.');
  const detected = readDetected(record['detected'], problems);

  const rawProblems = record['problems'];
  const importProblems: ImportProblem[] = [];
  if (!Array.isArray(rawProblems)) {
    problems.push('A saved layer needs its list of import problems (possibly empty).');
  } else {
    const bad: number[] = [];
    (rawProblems as unknown[]).forEach((raw, index) => {
      const problem = readProblem(raw);
      if (problem === null) bad.push(index);
      else importProblems.push(problem);
    });
    if (bad.length > 0)
      problems.push(
        `Import problems ${bad.slice(0, MAX_PROBLEMS_LISTED).join(', ')}${bad.length > MAX_PROBLEMS_LISTED ? '…' : ''} of the saved layer are not valid problem records.`,
      );
  }

  const rawFeatures = record['features'];
  const features: Feature<Geometry, Record<string, unknown>>[] = [];
  if (!Array.isArray(rawFeatures)) {
    problems.push('A saved layer needs a "features" array.');
  } else {
    const bad: number[] = [];
    (rawFeatures as unknown[]).forEach((raw, index) => {
      const feature = readFeature(raw);
      if (feature === null) bad.push(index);
      else features.push(feature);
    });
    if (bad.length > 0)
      problems.push(
        `Features ${bad
          .slice(0, MAX_PROBLEMS_LISTED)
          .map((index) => `feature ${String(index)}`)
          .join(
            ', ',
          )}${bad.length > MAX_PROBLEMS_LISTED ? '…' : ''} of the saved layer are not GeoJSON features with a geometry and properties.`,
      );
  }

  const rawDemand = record['demand'];
  const demand = rawDemand === undefined ? undefined : readDemand(rawDemand, problems);

  if (
    problems.length > 0 ||
    typeof id !== 'string' ||
    typeof name !== 'string' ||
    !oneOf(ROLES, role) ||
    typeof savedAt !== 'string' ||
    typeof fileName !== 'string' ||
    detected === null ||
    demand === null
  ) {
    return { ok: false, newer: false, problems };
  }
  return {
    ok: true,
    migratedFrom: rawVersion === IMPORTED_LAYER_SCHEMA_VERSION ? null : rawVersion,
    record: {
      id,
      schemaVersion: IMPORTED_LAYER_SCHEMA_VERSION,
      name,
      role,
      savedAt,
      fileName,
      detected,
      problems: importProblems,
      features,
      ...(demand === undefined ? {} : { demand }),
    },
  };
}
