/**
 * Optional online base maps, configured without code changes in `public/atlas-config.json` (kept
 * in git, no secrets) and `public/atlas-config.local.json` (never committed: keys, approval
 * numbers). The embedded offline base map is always available and is the default.
 */
import type { LocalizedText } from '../catalogue/catalogue.ts';
import { describeValue, type Problem } from '../result.ts';

/** The datum a tile set is drawn in; `gcj02` tiles need the overlays shifted to match. */
export type TileDatum = 'wgs84' | 'gcj02';

/** The embedded base map, built from `geodata/base`. */
export const OFFLINE_BASE_MAP_ID = 'offline';

/** One online base map: one or more raster tile layers drawn under the plan layers. */
export interface OnlineBaseMap {
  readonly id: string;
  readonly title: LocalizedText;
  /** Tile URL templates per raster layer (base, then annotation), `{key}` already filled in. */
  readonly layers: readonly (readonly string[])[];
  readonly tileSize: number;
  readonly maxzoom: number;
  /** Plain text shown in the attribution control and in exports. */
  readonly attribution: string;
  readonly datum: TileDatum;
  /** Whether publishing this base map in China needs a map approval number (审图号). */
  readonly requiresApprovalNumber: boolean;
  /** e.g. `GS(2024)0650号`; shown on screen and in exports. */
  readonly approvalNumber: string | null;
  /** False: offered to planners only, never on the public map (`"publicMap": false`). */
  readonly publicMap: boolean;
}

export interface AtlasConfig {
  readonly baseMaps: readonly OnlineBaseMap[];
  /**
   * The embedded offline base map's approval number (审图号), for a deployment that has had it
   * reviewed; null (the default) says on screen and in exports that it has none.
   */
  readonly offlineApprovalNumber: string | null;
}

interface RawBaseMap {
  readonly id: string;
  readonly raw: Readonly<Record<string, unknown>>;
}

const ID = /^[a-z][a-z0-9-]{0,39}$/;
const APPROVAL = /^[\p{Script=Han}A-Za-z0-9()（）〔〕[\]\-—\s]{4,40}号$/u;

function isObject(value: unknown): value is Readonly<Record<string, unknown>> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function textOf(value: unknown): string | null {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : null;
}

/**
 * Merges the committed config with the local one: local entries override fields of the base map
 * with the same id, or add one. Both are untrusted JSON.
 */
export function mergeConfigs(committed: unknown, local: unknown): unknown {
  if (!isObject(local) || !isObject(committed)) return isObject(committed) ? committed : local;
  const base = Array.isArray(committed['baseMaps']) ? (committed['baseMaps'] as unknown[]) : [];
  const overrides = local['baseMaps'];
  const merged: unknown[] = base.map((entry) => {
    if (!isObject(entry) || !isObject(overrides)) return entry;
    const id = entry['id'];
    const override = typeof id === 'string' && Object.hasOwn(overrides, id) ? overrides[id] : null;
    return isObject(override) ? { ...entry, ...override } : entry;
  });
  if (isObject(overrides)) {
    for (const [id, override] of Object.entries(overrides)) {
      if (isObject(override) && !base.some((entry) => isObject(entry) && entry['id'] === id)) {
        merged.push({ id, ...override });
      }
    }
  }
  const offline = isObject(local['offlineBaseMap'])
    ? {
        offlineBaseMap: {
          ...(isObject(committed['offlineBaseMap']) ? committed['offlineBaseMap'] : {}),
          ...local['offlineBaseMap'],
        },
      }
    : {};
  return { ...committed, ...offline, baseMaps: merged };
}

function readEntry(raw: RawBaseMap, where: string, problems: Problem[]): OnlineBaseMap | null {
  const entry = raw.raw;
  if (entry['enabled'] !== true) return null;
  const title = entry['title'];
  const zh = isObject(title) ? textOf(title['zh']) : null;
  const en = isObject(title) ? textOf(title['en']) : null;
  const key = textOf(entry['key']);
  const layers = entry['layers'];
  const attribution = textOf(entry['attribution']);
  const datum = entry['datum'] ?? 'wgs84';
  const wrong: string[] = [];
  if (zh === null || en === null) wrong.push('title.zh and title.en');
  if (attribution === null) wrong.push('attribution');
  if (datum !== 'wgs84' && datum !== 'gcj02') wrong.push('datum (wgs84 or gcj02)');
  const tileLayers: string[][] = [];
  if (!Array.isArray(layers) || layers.length === 0) wrong.push('layers (arrays of tile URLs)');
  else {
    for (const layer of layers as unknown[]) {
      const urls = Array.isArray(layer) ? (layer as unknown[]) : [];
      const valid = urls.filter(
        (url): url is string => typeof url === 'string' && /^https:\/\/[^\s"'<>]+$/.test(url),
      );
      if (valid.length === 0 || valid.length !== urls.length) {
        wrong.push('layers (each a non-empty array of https tile URL templates)');
        break;
      }
      tileLayers.push(valid);
    }
  }
  const needsKey = tileLayers.some((urls) => urls.some((url) => url.includes('{key}')));
  if (needsKey && (key === null || !/^[A-Za-z0-9]{8,64}$/.test(key))) {
    wrong.push('key (its tile URLs need one: set it in public/atlas-config.local.json)');
  }
  if (wrong.length > 0 || zh === null || en === null || attribution === null) {
    problems.push({
      where,
      message: `Base map ${JSON.stringify(raw.id)} is enabled but needs ${wrong.join(', ')}; it is left out.`,
    });
    return null;
  }
  const approval = textOf(entry['approvalNumber']);
  if (approval !== null && !APPROVAL.test(approval)) {
    problems.push({
      where: `${where}.approvalNumber`,
      message: `Expected an approval number such as GS(2024)0650号, found ${describeValue(approval)}; it is ignored.`,
    });
  }
  const tileSize = entry['tileSize'];
  const maxzoom = entry['maxzoom'];
  return {
    id: raw.id,
    title: { zh, en },
    layers: tileLayers.map((urls) => urls.map((url) => url.replaceAll('{key}', key ?? ''))),
    tileSize: tileSize === 512 ? 512 : 256,
    maxzoom: typeof maxzoom === 'number' && maxzoom >= 1 && maxzoom <= 22 ? maxzoom : 18,
    attribution,
    datum: datum === 'gcj02' ? 'gcj02' : 'wgs84',
    requiresApprovalNumber: entry['requiresApprovalNumber'] === true,
    approvalNumber: approval !== null && APPROVAL.test(approval) ? approval : null,
    publicMap: entry['publicMap'] !== false,
  };
}

/**
 * Reads the merged config. Disabled entries are skipped; enabled ones that cannot work (no key,
 * no attribution, bad URL) are left out and reported. Never throws.
 */
export function parseAtlasConfig(
  json: unknown,
  source = 'atlas-config.json',
): { config: AtlasConfig; problems: Problem[] } {
  const problems: Problem[] = [];
  const none: AtlasConfig = { baseMaps: [], offlineApprovalNumber: null };
  if (json === undefined || json === null) return { config: none, problems };
  if (!isObject(json) || !Array.isArray(json['baseMaps'])) {
    problems.push({
      where: source,
      message: `Expected an object with a baseMaps array, found ${describeValue(json)}; only the offline base map is offered.`,
    });
    return { config: none, problems };
  }
  const offlineApprovalNumber = readOfflineApproval(json['offlineBaseMap'], source, problems);
  const baseMaps: OnlineBaseMap[] = [];
  const seen = new Set<string>([OFFLINE_BASE_MAP_ID]);
  (json['baseMaps'] as unknown[]).forEach((entry, index) => {
    const where = `${source} baseMaps[${String(index)}]`;
    const id = isObject(entry) ? entry['id'] : undefined;
    if (!isObject(entry) || typeof id !== 'string' || !ID.test(id)) {
      problems.push({
        where,
        message: `Expected an object with a kebab-case id, found ${describeValue(entry)}.`,
      });
      return;
    }
    if (id === OFFLINE_BASE_MAP_ID) return;
    if (seen.has(id)) {
      problems.push({
        where,
        message: `The id ${JSON.stringify(id)} is used twice; the later one is left out.`,
      });
      return;
    }
    seen.add(id);
    const baseMap = readEntry({ id, raw: entry }, where, problems);
    if (baseMap !== null) baseMaps.push(baseMap);
  });
  return { config: { baseMaps, offlineApprovalNumber }, problems };
}

/** `offlineBaseMap.approvalNumber`: a valid number, or null (absent, null or refused with a problem). */
function readOfflineApproval(value: unknown, source: string, problems: Problem[]): string | null {
  if (value === undefined || value === null) return null;
  const where = `${source} offlineBaseMap`;
  if (!isObject(value)) {
    problems.push({
      where,
      message: `Expected an object such as { "approvalNumber": "GS(2024)0650号" }, found ${describeValue(value)}; it is ignored.`,
    });
    return null;
  }
  const raw = value['approvalNumber'];
  if (raw === undefined || raw === null) return null;
  const number = textOf(raw);
  if (number === null || !APPROVAL.test(number)) {
    problems.push({
      where: `${where}.approvalNumber`,
      message: `Expected an approval number such as GS(2024)0650号, found ${describeValue(raw)}; it is ignored.`,
    });
    return null;
  }
  return number;
}

/** Base maps that may not be shown publicly: they need an approval number (审图号) and have none. */
export function baseMapsMissingApproval(config: AtlasConfig): OnlineBaseMap[] {
  return config.baseMaps.filter(
    (map) => map.publicMap && map.requiresApprovalNumber && map.approvalNumber === null,
  );
}

/** The base maps the public map may offer: not planner-only, and with a 审图号 where one is needed. */
export function publicBaseMaps(config: AtlasConfig): OnlineBaseMap[] {
  return config.baseMaps.filter(
    (map) => map.publicMap && (!map.requiresApprovalNumber || map.approvalNumber !== null),
  );
}

/**
 * Why a public build must not ship this config, one sentence per base map; empty when it may.
 * Used by the build (it fails) and by the app in public mode (it leaves such base maps out).
 */
export function publicBuildProblems(config: AtlasConfig): Problem[] {
  return baseMapsMissingApproval(config).map((map) => ({
    where: `base map ${map.id}`,
    message: `Base map “${map.title.zh} / ${map.title.en}” needs a map approval number (审图号) to be published, and none is configured: set approvalNumber in public/atlas-config.local.json, or disable it.`,
  }));
}
