/**
 * The place names addresses are matched against (built by scripts/build-gazetteer.ts into
 * geodata/gazetteer/gazetteer.json, loaded lazily by the import worker only when a table has
 * addresses and no coordinates). Compact rows, so the file stays small; {@link parseGazetteer}
 * checks the shape of the JSON before anything trusts it.
 */

export const GAZETTEER_FORMAT = 'cq-commerce-atlas/gazetteer';
export const GAZETTEER_VERSION = 1;

export interface GazetteerDistrict {
  /** GB/T 2260 code, e.g. 500112. */
  readonly adcode: number;
  /** The name as the 区县 layer gives it, e.g. 渝北区, 彭水县. */
  readonly name: string;
  /** Other names that mean it: full names, short names (渝北), old names (梁平县). */
  readonly aliases: readonly string[];
  /** A point inside the 区县 polygon. */
  readonly lon: number;
  readonly lat: number;
  readonly uncertainty_m: number;
}

/** `[code, name, district index, lon | null, lat | null, uncertainty_m]`. */
export type GazetteerTownship = readonly [
  string,
  string,
  number,
  number | null,
  number | null,
  number,
];

/** `[name, township index, lon | null, lat | null, uncertainty_m | null]`. */
export type GazetteerCommunity = readonly [
  string,
  number,
  number | null,
  number | null,
  number | null,
];

export interface Gazetteer {
  readonly format: typeof GAZETTEER_FORMAT;
  readonly version: typeof GAZETTEER_VERSION;
  readonly source: string;
  readonly uncertaintyRule: string;
  readonly districts: readonly GazetteerDistrict[];
  readonly townships: readonly GazetteerTownship[];
  readonly communities: readonly GazetteerCommunity[];
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const finiteOrNull = (v: unknown): boolean =>
  v === null || (typeof v === 'number' && Number.isFinite(v));
const finite = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

/** The gazetteer, or a sentence saying what is wrong with the JSON. */
export function parseGazetteer(json: unknown): Gazetteer | string {
  if (!isRecord(json) || json['format'] !== GAZETTEER_FORMAT) {
    return `Expected a gazetteer with format "${GAZETTEER_FORMAT}", found something else.`;
  }
  if (json['version'] !== GAZETTEER_VERSION) {
    return `Expected gazetteer version ${String(GAZETTEER_VERSION)}, found ${String(json['version'])}.`;
  }
  const { districts, townships, communities } = json;
  if (!Array.isArray(districts) || !Array.isArray(townships) || !Array.isArray(communities)) {
    return 'Expected districts, townships and communities lists in the gazetteer.';
  }
  const badDistrict = districts.findIndex(
    (d: unknown) =>
      !isRecord(d) ||
      !finite(d['adcode']) ||
      typeof d['name'] !== 'string' ||
      !Array.isArray(d['aliases']) ||
      !d['aliases'].every((a: unknown) => typeof a === 'string') ||
      !finite(d['lon']) ||
      !finite(d['lat']) ||
      !finite(d['uncertainty_m']),
  );
  if (badDistrict !== -1) return `Gazetteer district ${String(badDistrict)} is malformed.`;
  const badTownship = townships.findIndex(
    (t: unknown) =>
      !Array.isArray(t) ||
      t.length !== 6 ||
      typeof t[0] !== 'string' ||
      typeof t[1] !== 'string' ||
      !Number.isInteger(t[2]) ||
      (t[2] as number) < 0 ||
      (t[2] as number) >= districts.length ||
      !finiteOrNull(t[3]) ||
      !finiteOrNull(t[4]) ||
      !finite(t[5]),
  );
  if (badTownship !== -1) return `Gazetteer township ${String(badTownship)} is malformed.`;
  const badCommunity = communities.findIndex(
    (c: unknown) =>
      !Array.isArray(c) ||
      c.length !== 5 ||
      typeof c[0] !== 'string' ||
      !Number.isInteger(c[1]) ||
      (c[1] as number) < 0 ||
      (c[1] as number) >= townships.length ||
      !finiteOrNull(c[2]) ||
      !finiteOrNull(c[3]) ||
      !finiteOrNull(c[4]),
  );
  if (badCommunity !== -1) return `Gazetteer community ${String(badCommunity)} is malformed.`;
  return json as unknown as Gazetteer;
}

let builtIn: Promise<Gazetteer> | null = null;

/**
 * The atlas's gazetteer (geodata/gazetteer/gazetteer.json), imported — a separate chunk in the
 * app — only when first needed: by the importer for rows placed by address, and by the coverage
 * analysis for its 乡镇街道 areas. A failed load may be retried by the next call.
 */
export function builtInGazetteer(): Promise<Gazetteer> {
  builtIn ??= import('../../../geodata/gazetteer/gazetteer.json').then((module) => {
    const parsed = parseGazetteer(module.default);
    if (typeof parsed === 'string') throw new Error(parsed);
    return parsed;
  });
  builtIn.catch(() => {
    builtIn = null;
  });
  return builtIn;
}
