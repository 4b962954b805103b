/**
 * CSV and TSV tables of points: a header row, one row per place, two columns holding x/longitude
 * and y/latitude (found by name, in English or Chinese, or chosen by the user). Every column is
 * kept as a text property, verbatim (values are data, never interpreted; the UI escapes them).
 */
import Papa from 'papaparse';
import type { CrsId } from '../crs/crs-types';
import { describeValue, describeValueZh } from '../result';
import type { DecodedText } from './decode-text';
import type { ImportOptions, ImportProblem, ImportProgress, ImportResult } from './import-types';
import { IMPORT_LIMITS, type ImportLimits } from './limits';
import { ProblemList, formatCount, problem } from './problems';
import { validateFeatures } from './validate-features';

/** Header names (lower-cased, spaces removed) recognised as x / longitude, best first. */
export const X_COLUMN_NAMES = [
  'longitude',
  'lon',
  'lng',
  'long',
  '经度',
  '东经',
  'point_x',
  '坐标x',
  'x坐标',
  'x',
] as const;
/** Header names recognised as y / latitude, best first. */
export const Y_COLUMN_NAMES = [
  'latitude',
  'lat',
  '纬度',
  '北纬',
  'point_y',
  '坐标y',
  'y坐标',
  'y',
] as const;
/** Header names of one column holding both, e.g. "106.55,29.56". */
export const XY_COLUMN_NAMES = ['lonlat', 'lnglat', 'coordinates', 'coordinate', '坐标', '经纬度'];

const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);
const PLAIN_NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
const COMMA_DECIMAL = /^[+-]?\d+,\d+$/;
const PROGRESS_EVERY = 10_000;

function normalise(name: string): string {
  return name.trim().toLowerCase().replace(/\s+/g, '');
}

function findColumn(columns: readonly string[], names: readonly string[]): number {
  const normalised = columns.map(normalise);
  for (const name of names) {
    const at = normalised.indexOf(name);
    if (at !== -1) return at;
  }
  return -1;
}

type Coordinate = { value: number } | { code: ImportProblem['code']; en: string; zh: string };

function parseCoordinate(raw: string | undefined, column: string): Coordinate {
  const text = (raw ?? '').trim();
  if (text === '') {
    return {
      code: 'missing-coordinate',
      en: `Expected a number in column ${JSON.stringify(column)}, found an empty cell; the row was not imported.`,
      zh: `"${column}" 列应为数字，实际为空；该行未导入。`,
    };
  }
  if (PLAIN_NUMBER.test(text)) return { value: Number(text) };
  if (COMMA_DECIMAL.test(text)) {
    return {
      code: 'non-numeric-coordinate',
      en: `Expected a number with a decimal point in column ${JSON.stringify(column)}, found ${describeValue(text)} with a decimal comma; write ${text.replace(',', '.')} instead; the row was not imported.`,
      zh: `"${column}" 列应为使用小数点的数字，实际为使用逗号作小数点的 ${describeValueZh(text)}；请写成 ${text.replace(',', '.')}；该行未导入。`,
    };
  }
  return {
    code: 'non-numeric-coordinate',
    en: `Expected a decimal number in column ${JSON.stringify(column)}, found ${describeValue(text)}; the row was not imported.`,
    zh: `"${column}" 列应为十进制数字，实际为 ${describeValueZh(text)}；该行未导入。`,
  };
}

/** Unique, non-empty, safe property names for the header cells. */
function propertyNames(header: readonly string[]): { names: (string | null)[]; dropped: string[] } {
  const seen = new Set<string>();
  const dropped: string[] = [];
  const names = header.map((cell, i) => {
    const trimmed = cell.trim();
    if (FORBIDDEN_KEYS.has(trimmed)) {
      dropped.push(trimmed);
      return null;
    }
    let name = trimmed === '' ? `column_${i + 1}` : trimmed;
    if (seen.has(name)) {
      let n = 2;
      while (seen.has(`${name}_${n}`)) n += 1;
      name = `${name}_${n}`;
    }
    seen.add(name);
    return name;
  });
  return { names, dropped };
}

export interface CsvExtras {
  readonly limits?: Partial<ImportLimits>;
}

/**
 * Reads a decoded CSV (`csv`, delimiter detected among comma, tab, semicolon and bar) or TSV
 * (`tsv`, tab) into WGS 84 point features.
 */
export function readCsv(
  fileName: string,
  decoded: DecodedText,
  options: ImportOptions,
  format: 'csv' | 'tsv',
  onProgress?: (p: ImportProgress) => void,
  extras: CsvExtras = {},
): ImportResult {
  const limits: ImportLimits = { ...IMPORT_LIMITS, ...extras.limits };
  const crs: CrsId = options.crs ?? 'EPSG:4326';
  const crsSource = options.crs !== undefined ? 'chosen' : 'assumed';
  const problems = new ProblemList();
  problems.addAll(decoded.problems);
  onProgress?.({ phase: 'parsing', fraction: 0 });
  const parsed = Papa.parse<string[]>(decoded.text, {
    delimiter: format === 'tsv' ? '\t' : '',
    delimitersToGuess: [',', '\t', ';', '|'],
  });
  const rows = parsed.data;
  const header = rows[0] ?? [];
  const { names, dropped } = propertyNames(header);
  const columns = names.filter((n): n is string => n !== null);
  const base = {
    fileName,
    detected: { format, encoding: decoded.encoding, crs, crsSource, columns },
  } as const;
  const refuse = (p: ImportProblem): ImportResult => ({
    ...base,
    features: [],
    problems: [...problems.toArray(fileName), p],
    refused: true,
  });

  if (dropped.length > 0) {
    problems.add(
      problem(
        'prototype-key',
        'warning',
        `${fileName} row 1`,
        `Expected column names other than __proto__, constructor and prototype, found ${dropped.map((d) => JSON.stringify(d)).join(', ')}; those columns were dropped because they could tamper with the program.`,
        `列名不应为 __proto__、constructor 或 prototype，实际发现 ${dropped.map((d) => `"${d}"`).join('、')}；这些列可能篡改程序，已删除。`,
      ),
    );
  }
  for (const error of parsed.errors) {
    if (error.type !== 'Quotes') continue;
    problems.add(
      problem(
        'row-column-count',
        'warning',
        `${fileName} row ${(error.row ?? 0) + 1}`,
        `Expected every quoted field to end with a closing quote, found ${error.code === 'MissingQuotes' ? 'an unterminated quoted field' : 'a stray quote'}; the rows after it may be merged or split wrongly.`,
        `每个带引号的字段都应有结束引号，实际发现${error.code === 'MissingQuotes' ? '未结束的引号字段' : '多余的引号'}；其后的行可能被错误合并或拆分。`,
      ),
    );
  }

  // Which columns hold x and y.
  const listed = columns
    .slice(0, 30)
    .map((c) => describeValue(c).replace(/^the string /, ''))
    .join(', ');
  let xIndex: number;
  let yIndex: number;
  let xyIndex = -1;
  const chosen = options.xColumn !== undefined || options.yColumn !== undefined;
  if (chosen) {
    xIndex = options.xColumn === undefined ? -1 : names.indexOf(options.xColumn);
    yIndex = options.yColumn === undefined ? -1 : names.indexOf(options.yColumn);
  } else {
    xIndex = findColumn(header, X_COLUMN_NAMES);
    yIndex = findColumn(header, Y_COLUMN_NAMES);
    if (xIndex === -1 || yIndex === -1 || names[xIndex] == null || names[yIndex] == null) {
      xyIndex = findColumn(header, XY_COLUMN_NAMES);
    }
  }
  const pairFound =
    xIndex !== -1 &&
    yIndex !== -1 &&
    xIndex !== yIndex &&
    names[xIndex] != null &&
    names[yIndex] != null;
  if (!pairFound && xyIndex === -1) {
    return refuse(
      problem(
        'csv-no-coordinate-columns',
        'error',
        fileName,
        chosen
          ? `Expected the chosen columns ${describeValue(options.xColumn)} (x) and ${describeValue(options.yColumn)} (y) in the header row, found only: ${listed}.`
          : `Expected a header row with longitude and latitude columns (e.g. lon/lat, x/y, 经度/纬度), found the columns: ${listed}; choose the x and y columns and import again.`,
        chosen
          ? `表头中应有所选的 ${describeValueZh(options.xColumn)}（x）和 ${describeValueZh(options.yColumn)}（y）列，实际只有：${listed}。`
          : `表头应包含经度和纬度列（如 lon/lat、x/y、经度/纬度），实际列为：${listed}；请指定 x、y 列后重新导入。`,
      ),
    );
  }
  const xName = pairFound ? (names[xIndex] ?? '') : (names[xyIndex] ?? '');
  const yName = pairFound ? (names[yIndex] ?? '') : (names[xyIndex] ?? '');
  const detected = {
    ...base.detected,
    xColumn: xName,
    yColumn: yName,
  };

  const dataRows = rows.length - 1;
  if (dataRows > limits.maxFeatures) {
    return {
      ...base,
      detected,
      features: [],
      refused: true,
      problems: [
        ...problems.toArray(fileName),
        problem(
          'too-many-features',
          'error',
          fileName,
          `Expected at most ${formatCount(limits.maxFeatures)} rows in one file, found ${formatCount(dataRows)}; the file was not imported — split it first.`,
          `单个文件最多 ${formatCount(limits.maxFeatures)} 行，实际为 ${formatCount(dataRows)} 行；文件未导入，请先拆分。`,
        ),
      ],
    };
  }

  const raw: unknown[] = [];
  const rowNumbers: number[] = [];
  for (let r = 1; r < rows.length; r += 1) {
    if (r % PROGRESS_EVERY === 0) onProgress?.({ phase: 'parsing', fraction: r / rows.length });
    const row = rows[r] ?? [];
    if (row.every((cell) => cell.trim() === '')) continue; // blank line
    const where = `${fileName} row ${r + 1}`;
    if (row.length !== header.length) {
      problems.add(
        problem(
          'row-column-count',
          'warning',
          where,
          `Expected ${header.length} fields like the header row, found ${row.length}; ${row.length < header.length ? 'the missing ones were left out' : 'the extra ones were kept as column_N'}.`,
          `应与表头一样有 ${header.length} 个字段，实际为 ${row.length} 个；${row.length < header.length ? '缺少的字段已留空' : '多出的字段以 column_N 保留'}。`,
        ),
      );
    }
    let x: Coordinate;
    let y: Coordinate;
    if (pairFound) {
      x = parseCoordinate(row[xIndex], xName);
      y = parseCoordinate(row[yIndex], yName);
    } else {
      const cell = (row[xyIndex] ?? '').trim();
      const parts = cell.split(/[\s,;]+/).filter((p) => p !== '');
      if (cell === '') {
        x = parseCoordinate('', xName);
        y = x;
      } else if (parts.length !== 2) {
        x = {
          code: 'non-numeric-coordinate',
          en: `Expected two numbers "x,y" in column ${JSON.stringify(xName)}, found ${describeValue(cell)}; the row was not imported.`,
          zh: `"${xName}" 列应为 "x,y" 两个数字，实际为 ${describeValueZh(cell)}；该行未导入。`,
        };
        y = x;
      } else {
        x = parseCoordinate(parts[0], xName);
        y = parseCoordinate(parts[1], xName);
      }
    }
    const bad = 'code' in x ? x : 'code' in y ? y : null;
    if (bad !== null) {
      problems.add(problem(bad.code, 'error', where, bad.en, bad.zh));
      continue;
    }
    const properties: Record<string, unknown> = {};
    for (let c = 0; c < row.length; c += 1) {
      const name = c < names.length ? names[c] : `column_${c + 1}`;
      if (name === null || name === undefined) continue;
      properties[name] = row[c];
    }
    raw.push({
      type: 'Feature',
      geometry: {
        type: 'Point',
        coordinates: [(x as { value: number }).value, (y as { value: number }).value],
      },
      properties,
    });
    rowNumbers.push(r + 1);
  }
  if (raw.length === 0 && !problems.hasError()) {
    return {
      ...base,
      detected,
      features: [],
      refused: true,
      problems: [
        ...problems.toArray(fileName),
        problem(
          'csv-no-rows',
          'error',
          fileName,
          'Expected at least one data row below the header row, found none.',
          '表头下方应至少有一行数据，实际没有。',
        ),
      ],
    };
  }
  onProgress?.({ phase: 'validating', fraction: 0 });
  const validated = validateFeatures(fileName, raw, options, crs, {
    whereOf: (i) => `${fileName} row ${rowNumbers[i] ?? '?'}`,
    limits,
    onProgress: (fraction) => onProgress?.({ phase: 'validating', fraction }),
  });
  onProgress?.({ phase: 'validating', fraction: 1 });
  return {
    ...base,
    detected,
    features: validated.features,
    problems: mergeInRowOrder(problems.toArray(fileName), validated.problems),
    refused: validated.refused,
  };
}

/**
 * Parse problems and validation problems in one list: file-level ones first (their `where` is the
 * bare file name), then row problems by row number.
 */
function mergeInRowOrder(
  a: readonly ImportProblem[],
  b: readonly ImportProblem[],
): ImportProblem[] {
  const rowOf = (p: ImportProblem): number => {
    const match = / row (\d+)$/.exec(p.where);
    return match === null ? -1 : Number(match[1]);
  };
  return [...a, ...b]
    .map((p, i) => ({ p, i, row: rowOf(p) }))
    .sort((u, v) => u.row - v.row || u.i - v.i)
    .map(({ p }) => p);
}
