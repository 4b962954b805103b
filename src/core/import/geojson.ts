/**
 * GeoJSON files: a FeatureCollection, one Feature, a bare geometry or an array of features. The
 * text is parsed with parseJsonSafely (no prototype keys survive). RFC 7946 GeoJSON is WGS 84; an
 * old-style (2008) `crs` member naming another system, e.g. EPSG:4546, is honoured unless the user
 * chose a system.
 */
import { crsFromGeoJsonMember } from '../crs';
import type { CrsId } from '../crs/crs-types';
import { describeValue, describeValueZh } from '../result';
import type { DecodedText } from './decode-text';
import type { ImportOptions, ImportProblem, ImportProgress, ImportResult } from './import-types';
import type { ImportLimits } from './limits';
import { formatCount, problem } from './problems';
import { jsonErrorOffset } from './json-error';
import { parseJsonSafely, type SafeJsonResult } from './safe-json';
import { validateFeatures } from './validate-features';

const GEOMETRY_TYPES = new Set([
  'Point',
  'MultiPoint',
  'LineString',
  'MultiLineString',
  'Polygon',
  'MultiPolygon',
  'GeometryCollection',
]);

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Line and column (1-based) of a character offset. */
function lineColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  const end = Math.min(offset, text.length);
  for (let i = 0; i < end; i += 1) {
    if (text.charCodeAt(i) === 10) {
      line += 1;
      lineStart = i + 1;
    }
  }
  return { line, column: end - lineStart + 1 };
}

/**
 * Where a JSON syntax error is, from the engine's message (V8 says "at position 12" or "line 2
 * column 5"), as an English and a Chinese phrase; empty when it cannot be told.
 */
export function jsonErrorLocation(text: string, error: unknown): { en: string; zh: string } {
  const message = error instanceof Error ? error.message : '';
  let at: { line: number; column: number } | null = null;
  const lc = /line (\d+) column (\d+)/.exec(message);
  const position = /position (\d+)/.exec(message);
  if (lc !== null) at = { line: Number(lc[1]), column: Number(lc[2]) };
  else if (position !== null) at = lineColumn(text, Number(position[1]));
  else {
    const offset = jsonErrorOffset(text);
    if (offset !== null) at = lineColumn(text, offset);
  }
  if (at === null) return { en: '', zh: '' };
  return {
    en: ` at line ${at.line}, column ${at.column}`,
    zh: `（第 ${at.line} 行第 ${at.column} 列）`,
  };
}

/** Deepest nesting of arrays and objects the atlas parses; GeoJSON needs 6, so 200 is generous. */
export const MAX_JSON_DEPTH = 200;

/**
 * The deepest nesting of `[`/`{` in JSON text (outside strings), stopping once past `limit`: a
 * 50,000-deep file must be refused before a recursive parser or reviver runs out of stack.
 */
export function jsonNestingDepth(text: string, limit = MAX_JSON_DEPTH): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let index = 0; index < text.length; index += 1) {
    const code = text.charCodeAt(index);
    if (inString) {
      if (code === 92)
        index += 1; // backslash: skip the escaped character
      else if (code === 34) inString = false;
    } else if (code === 34) inString = true;
    else if (code === 91 || code === 123) {
      depth += 1;
      if (depth > deepest) {
        deepest = depth;
        if (deepest > limit) return deepest;
      }
    } else if (code === 93 || code === 125) depth -= 1;
  }
  return deepest;
}

/** GeoJSON text parsed by parseJsonSafely (its fast path skips the reviver for almost all text). */
export function parseGeoJsonText(text: string): SafeJsonResult {
  return parseJsonSafely(text);
}

export interface GeoJsonExtras {
  readonly limits?: Partial<ImportLimits>;
}

export function readGeoJson(
  fileName: string,
  decoded: DecodedText,
  options: ImportOptions,
  onProgress?: (p: ImportProgress) => void,
  extras: GeoJsonExtras = {},
): ImportResult {
  const initialCrs: CrsId = options.crs ?? 'EPSG:4326';
  const base = {
    fileName,
    detected: {
      format: 'geojson',
      encoding: decoded.encoding,
      crs: initialCrs,
      crsSource: options.crs !== undefined ? 'chosen' : 'assumed',
    },
  } as const;
  const refuse = (p: ImportProblem, detected = base.detected): ImportResult => ({
    ...base,
    detected,
    features: [],
    problems: [...decoded.problems, p],
    refused: true,
  });
  onProgress?.({ phase: 'parsing', fraction: 0 });
  if (jsonNestingDepth(decoded.text) > MAX_JSON_DEPTH) {
    return refuse(
      problem(
        'invalid-json',
        'error',
        fileName,
        `Expected GeoJSON, which nests arrays and objects at most a few levels deep; this text nests them more than ${String(MAX_JSON_DEPTH)} levels deep, so it was not imported.`,
        `GeoJSON 的数组和对象最多嵌套几层；该文本嵌套超过 ${String(MAX_JSON_DEPTH)} 层，文件未导入。`,
      ),
    );
  }
  let value: unknown;
  let droppedKeys: number;
  let duplicateKeys: number;
  let firstDuplicate: SafeJsonResult['firstDuplicate'];
  try {
    ({ value, droppedKeys, duplicateKeys, firstDuplicate } = parseGeoJsonText(decoded.text));
  } catch (error) {
    const at = jsonErrorLocation(decoded.text, error);
    return refuse(
      problem(
        'invalid-json',
        'error',
        fileName,
        `Expected valid JSON text, found a syntax error${at.en}; the file was not imported.`,
        `应为有效的 JSON 文本，实际存在语法错误${at.zh}；文件未导入。`,
      ),
    );
  }
  onProgress?.({ phase: 'parsing', fraction: 1 });

  let features: readonly unknown[];
  if (Array.isArray(value)) features = value;
  else if (isRecord(value) && value['type'] === 'FeatureCollection') {
    const list = value['features'];
    if (!Array.isArray(list)) {
      return refuse(
        problem(
          'not-geojson',
          'error',
          fileName,
          `Expected a "features" array in the FeatureCollection, found ${describeValue(list)}.`,
          `FeatureCollection 中应有 "features" 数组，实际为 ${describeValueZh(list)}。`,
        ),
      );
    }
    features = list;
  } else if (isRecord(value) && value['type'] === 'Feature') features = [value];
  else if (
    isRecord(value) &&
    typeof value['type'] === 'string' &&
    GEOMETRY_TYPES.has(value['type'])
  )
    features = [{ type: 'Feature', geometry: value, properties: {} }];
  else {
    const found = isRecord(value)
      ? `an object with type ${describeValue(value['type'])}`
      : describeValue(value);
    return refuse(
      problem(
        'not-geojson',
        'error',
        fileName,
        `Expected GeoJSON (a FeatureCollection, a Feature, a geometry or an array of features), found ${found}.`,
        `应为 GeoJSON（FeatureCollection、Feature、几何对象或要素数组），实际为 ${found}。`,
      ),
    );
  }

  // The coordinate system: chosen > the file's `crs` member > WGS 84 (RFC 7946).
  let crs = initialCrs;
  let crsSource: ImportResult['detected']['crsSource'] = base.detected.crsSource;
  const fileProblems: ImportProblem[] = [...decoded.problems];
  const member = isRecord(value) ? crsFromGeoJsonMember(value['crs']) : null;
  if (options.crs === undefined && member !== null) {
    if (member.crs === null) {
      return refuse(
        problem(
          member.code,
          'error',
          fileName,
          `${member.reason} The file was not imported; choose its coordinate system and import again.`,
          `${member.reason_zh}文件未导入；请选择其坐标系后重新导入。`,
        ),
      );
    }
    crs = member.crs;
    crsSource = 'file';
  }
  if (droppedKeys > 0) {
    fileProblems.push(
      problem(
        'prototype-key',
        'warning',
        fileName,
        `Expected no keys named __proto__, constructor or prototype, found ${droppedKeys}; they were dropped because they could tamper with the program.`,
        `不应出现名为 __proto__、constructor 或 prototype 的键，实际发现 ${droppedKeys} 个；这些键可能篡改程序，已删除。`,
      ),
    );
  }
  if (firstDuplicate !== null) {
    const { key, line, column } = firstDuplicate;
    const shown = JSON.stringify(key.slice(0, 80));
    const n = formatCount(duplicateKeys);
    fileProblems.push(
      problem(
        'duplicate-key',
        'warning',
        fileName,
        `Expected each key at most once in a JSON object, found ${n} repeated key${duplicateKeys === 1 ? '' : 's'} (the first, ${shown}, at line ${String(line)}, column ${String(column)}); JSON keeps the last value of a repeated key, so the earlier values were not imported.`,
        `JSON 对象中每个键最多出现一次，实际有 ${n} 个重复的键（第一个为 ${shown}，在第 ${String(line)} 行第 ${String(column)} 列）；JSON 只保留重复键的最后一个值，前面的值未导入。`,
      ),
    );
  }
  onProgress?.({ phase: 'validating', fraction: 0 });
  const validated = validateFeatures(fileName, features, options, crs, {
    ...(extras.limits !== undefined ? { limits: extras.limits } : {}),
    onProgress: (fraction) => onProgress?.({ phase: 'validating', fraction }),
  });
  onProgress?.({ phase: 'validating', fraction: 1 });
  return {
    fileName,
    detected: { ...base.detected, crs, crsSource },
    features: validated.features,
    problems: [...fileProblems, ...validated.problems],
    refused: validated.refused,
  };
}
