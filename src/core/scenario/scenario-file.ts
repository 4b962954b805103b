/**
 * A scenario as a file a planner can keep, mail or open on another computer:
 * `{ "format": "cq-commerce-atlas/scenario", "formatVersion": 1, "exportedAt", "scenario", … }`.
 * Share files (when a share link would be too long) are the same format with the map view and
 * the visible layers added.
 */
import { parseJsonSafely } from '../import/safe-json';
import { describeValue, describeValueZh } from '../result';
import { readScenario, type Scenario, type ScenarioReadResult } from './scenario';

export const SCENARIO_FILE_FORMAT = 'cq-commerce-atlas/scenario';
/** Bumped when the file's envelope changes (the scenario inside has its own schema version). */
export const SCENARIO_FILE_VERSION = 1;
/** Larger files are refused before parsing. */
export const MAX_SCENARIO_FILE_CHARS = 20 * 1024 * 1024;
/** The file name suffix of exported scenarios. */
export const SCENARIO_FILE_SUFFIX = '.cq-scenario.json';

export interface MapViewState {
  readonly lon: number;
  readonly lat: number;
  readonly zoom: number;
}

/** What a share file adds to a scenario export. */
export interface ScenarioFileMeta {
  readonly view?: MapViewState;
  readonly layers?: readonly string[];
}

export type ScenarioFileReadResult =
  | {
      readonly ok: true;
      readonly scenario: Scenario;
      readonly migratedFrom: number | null;
      readonly meta: ScenarioFileMeta;
      /** Prototype-polluting keys dropped while parsing. */
      readonly droppedKeys: number;
      /** Parts of the file that were ignored, as sentences. */
      readonly warnings: readonly string[];
    }
  | {
      readonly ok: false;
      readonly problems: readonly string[];
      /** The same sentences in Chinese, in the same order. */
      readonly problems_zh: readonly string[];
    };

const LAYER_ID = /^[a-z0-9][a-z0-9-]{0,99}$/;
const MAX_LAYERS = 200;

function isRecord(value: unknown): value is Readonly<Record<string, unknown>> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Reads a map view `{ lon, lat, zoom }`, or null when it is not a valid one. */
export function readMapView(value: unknown): MapViewState | null {
  if (!isRecord(value)) return null;
  const { lon, lat, zoom } = value;
  if (typeof lon !== 'number' || typeof lat !== 'number' || typeof zoom !== 'number') return null;
  if (!(Math.abs(lon) <= 180 && Math.abs(lat) <= 90 && zoom >= 0 && zoom <= 24)) return null;
  return { lon, lat, zoom };
}

/** Reads a list of layer ids (lower-case letters, digits, hyphens), or null. */
export function readLayerIds(value: unknown): string[] | null {
  if (!Array.isArray(value) || value.length > MAX_LAYERS) return null;
  const ids: string[] = [];
  for (const item of value as unknown[]) {
    if (typeof item !== 'string' || !LAYER_ID.test(item)) return null;
    if (!ids.includes(item)) ids.push(item);
  }
  return ids;
}

/** A safe file name for a scenario: its name without characters file systems refuse. */
export function scenarioFileName(name: string): string {
  const base = Array.from(name.replace(/[\\/:*?"<>|\p{Cc}]/gu, '_').trim())
    .slice(0, 80)
    .join('');
  return `${base === '' || /^\.+$/.test(base) ? 'scenario' : base}${SCENARIO_FILE_SUFFIX}`;
}

/** The scenario as the text of a `.cq-scenario.json` file (pretty JSON). */
export function scenarioToFile(
  scenario: Scenario,
  meta: ScenarioFileMeta = {},
  exportedAt: Date = new Date(),
): string {
  return `${JSON.stringify(
    {
      format: SCENARIO_FILE_FORMAT,
      formatVersion: SCENARIO_FILE_VERSION,
      exportedAt: exportedAt.toISOString(),
      ...(meta.view === undefined ? {} : { view: meta.view }),
      ...(meta.layers === undefined ? {} : { layers: meta.layers }),
      scenario,
    },
    null,
    2,
  )}\n`;
}

/**
 * Reads a scenario file: the current envelope, or a bare scenario object (exports from before the
 * envelope existed, and version-0 scenarios, are migrated by {@link readScenario}). Wrong formats,
 * newer format versions, oversized text and broken JSON give sentences, never exceptions.
 */
export function readScenarioFile(text: string): ScenarioFileReadResult & ScenarioReadResult {
  if (text.length > MAX_SCENARIO_FILE_CHARS) {
    return {
      ok: false,
      problems: [
        `A scenario file should be at most 20 MB; this one has ${String(Math.ceil(text.length / 1024 / 1024))} million characters.`,
      ],
      problems_zh: [
        `方案文件最多 20 MB，此文件有 ${String(Math.ceil(text.length / 1024 / 1024))} 百万个字符。`,
      ],
    };
  }
  let parsed;
  try {
    parsed = parseJsonSafely(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    return {
      ok: false,
      problems: [
        `A scenario file should be JSON; it could not be parsed (${error instanceof Error ? error.message.slice(0, 120) : 'unknown error'}).`,
      ],
      problems_zh: [
        `方案文件应为 JSON，无法解析（${error instanceof Error ? error.message.slice(0, 120) : '未知错误'}）。`,
      ],
    };
  }
  const json = parsed.value;
  if (!isRecord(json)) {
    return {
      ok: false,
      problems: [`A scenario file should hold a JSON object; found ${describeValue(json)}.`],
      problems_zh: [`方案文件应包含 JSON 对象，实际为 ${describeValueZh(json)}。`],
    };
  }
  let scenarioJson: unknown = json;
  let meta: ScenarioFileMeta = {};
  const warnings: string[] = [];
  if ('format' in json || 'formatVersion' in json) {
    const { format, formatVersion } = json;
    if (format !== SCENARIO_FILE_FORMAT) {
      return {
        ok: false,
        problems: [
          `Expected a file of format "${SCENARIO_FILE_FORMAT}"; this one says ${describeValue(format)}.`,
        ],
        problems_zh: [
          `文件格式应为 "${SCENARIO_FILE_FORMAT}"，此文件为 ${describeValueZh(format)}。`,
        ],
      };
    }
    if (
      typeof formatVersion !== 'number' ||
      !Number.isInteger(formatVersion) ||
      formatVersion < 1
    ) {
      return {
        ok: false,
        problems: [
          `Expected a format version of 1 or more; found ${describeValue(formatVersion)}.`,
        ],
        problems_zh: [`格式版本应为 1 或以上，实际为 ${describeValueZh(formatVersion)}。`],
      };
    }
    if (formatVersion > SCENARIO_FILE_VERSION) {
      return {
        ok: false,
        problems: [
          `This scenario file was written by a newer version of the atlas (format version ${String(formatVersion)}; this one reads up to ${String(SCENARIO_FILE_VERSION)}). Open it there, or update this atlas.`,
        ],
        problems_zh: [
          `该方案文件由较新版本的地图集写出（格式版本 ${String(formatVersion)}；本版本最高读取 ${String(SCENARIO_FILE_VERSION)}）。请在新版本中打开，或更新本地图集。`,
        ],
      };
    }
    scenarioJson = json['scenario'];
    if (!isRecord(scenarioJson)) {
      return {
        ok: false,
        problems: [
          `A scenario file needs a "scenario" object; found ${describeValue(scenarioJson)}.`,
        ],
        problems_zh: [`方案文件需要 "scenario" 对象，实际为 ${describeValueZh(scenarioJson)}。`],
      };
    }
    const view = json['view'] === undefined ? undefined : readMapView(json['view']);
    if (view === null)
      warnings.push(
        'The file’s "view" should be { lon −180…180, lat −90…90, zoom 0…24 }; it was ignored.',
      );
    const layers = json['layers'] === undefined ? undefined : readLayerIds(json['layers']);
    if (layers === null)
      warnings.push(
        'The file’s "layers" should be a list of at most 200 layer ids; it was ignored.',
      );
    meta = {
      ...(view === undefined || view === null ? {} : { view }),
      ...(layers === undefined || layers === null ? {} : { layers }),
    };
  }
  if (parsed.firstDuplicate !== null) {
    const { key, line, column } = parsed.firstDuplicate;
    const n = parsed.duplicateKeys;
    warnings.push(
      `Each key should appear at most once in a JSON object; this file repeats ${String(n)} key${n === 1 ? '' : 's'} (the first, ${JSON.stringify(key.slice(0, 80))}, at line ${String(line)}, column ${String(column)}), and only the last value of each was read.`,
    );
  }
  const result = readScenario(scenarioJson);
  if (!result.ok) return result;
  return {
    ok: true,
    scenario: result.scenario,
    migratedFrom: result.migratedFrom,
    meta,
    droppedKeys: parsed.droppedKeys,
    warnings,
  };
}
