/**
 * CSV and TSV tables of points: a header row, one row per place, two columns holding x/longitude
 * and y/latitude (found by name, in English or Chinese, or chosen by the user). Every column is
 * kept as a text property, verbatim (values are data, never interpreted; the UI escapes them).
 */
import Papa from 'papaparse';
import type { CrsId } from '../crs/crs-types';
import { fromWgs84 } from '../crs/transform';
import { DECIMAL_NUMBER, parseDecimal } from '../decimal';
import { describeValue, describeValueZh } from '../result';
import { AddressMatcher, type AddressPlacement } from './address-placement';
import { parseCoordinateText } from './coordinate-text';
import type { DecodedText } from './decode-text';
import type { Gazetteer } from './gazetteer';
import type {
  ImportDetected,
  ImportOptions,
  ImportProblem,
  ImportProgress,
  ImportResult,
  PlacementReport,
  UnmatchedAddressRow,
} from './import-types';
import { IMPORT_LIMITS, MAX_POPULATION_PER_CELL, type ImportLimits } from './limits';
import { ProblemList, formatCount, problem } from './problems';
import { validateFeatures } from './validate-features';
import {
  isPlausiblePopulation,
  parsePopulation,
  populationKeyOf,
} from '../population/population-attribute';

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
/**
 * Header names (lower-cased, without spaces, brackets, slashes) of the columns that place a row
 * without coordinates, in matching order: 区县, then 乡镇街道, then 村/社区, then the address.
 */
export const ADDRESS_COLUMN_NAMES = {
  district: ['区县', '所属区县', '区', '县', '区县名称', 'district', 'county'],
  township: [
    '乡镇街道',
    '街道乡镇',
    '镇街',
    '街镇',
    '乡镇',
    '街道',
    '镇',
    '乡',
    '所属街道',
    '所属乡镇',
    'township',
    'street',
  ],
  community: [
    '村社区',
    '社区村',
    '村居',
    '社区',
    '村',
    '所属社区',
    '居委会',
    'community',
    'village',
  ],
  address: [
    '地址',
    '详细地址',
    '经营地址',
    '门店地址',
    '营业地址',
    '注册地址',
    '所在地',
    '位置',
    '地点',
    'address',
    'addr',
    'location',
  ],
} as const;

const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);
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

function headerKey(name: string): string {
  return name
    .normalize('NFKC')
    .trim()
    .toLowerCase()
    .replace(/[\s()（）/、\\_\-·]+/gu, '');
}

/**
 * A bilingual header cell as the outlet template writes it (`名称/name`, `经度 / lon`): the Chinese
 * name before the slash, so it is read like `名称`. Any other cell is returned as it is.
 */
export function bilingualHeader(cell: string): string {
  const match = /^\s*([^/／]*[\u3400-\u9fff][^/／]*?)\s*[/／]\s*[A-Za-z][A-Za-z _-]*\s*$/u.exec(
    cell,
  );
  return match?.[1] ?? cell;
}

/** The address columns of a header, in matching order (区县, 乡镇街道, 村/社区, address). */
export function findAddressColumns(header: readonly string[]): number[] {
  const keys = header.map((cell) => headerKey(bilingualHeader(cell)));
  const out: number[] = [];
  for (const names of Object.values(ADDRESS_COLUMN_NAMES)) {
    for (const name of names) {
      const at = keys.indexOf(name);
      if (at !== -1 && !out.includes(at)) {
        out.push(at);
        break;
      }
    }
  }
  return out;
}

/** True when a table with this header row may need the gazetteer (it has address columns). */
export function headerHasAddress(header: readonly string[], options: ImportOptions): boolean {
  return (options.addressColumns?.length ?? 0) > 0 || findAddressColumns(header).length > 0;
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
  const decimal = parseDecimal(text);
  if (decimal !== null) return { value: decimal };
  if (DECIMAL_NUMBER.test(text)) {
    return {
      code: 'non-finite-coordinate',
      en: `Expected a finite number in column ${JSON.stringify(column)}, found ${describeValue(text)}, too large for a number; the row was not imported.`,
      zh: `"${column}" 列应为有限数字，实际为 ${describeValueZh(text)}，超出数字范围；该行未导入。`,
    };
  }
  // Full-width digits (１０６．５), thousands separators and degree strings (106°32′15″E).
  const read = parseCoordinateText(text);
  if (read.kind === 'number') return { value: read.value };
  if (read.kind === 'date') {
    return {
      code: 'date-in-coordinate',
      en: `Expected a number in column ${JSON.stringify(column)}, found the date ${read.text} (the cell is formatted as a date in Excel); format the column as a number and import again; the row was not imported.`,
      zh: `"${column}" 列应为数字，实际为日期 ${read.text}（Excel 中该单元格被设为日期格式）；请将该列设为数字格式后重新导入；该行未导入。`,
    };
  }
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

/** A column's place as a planner finds it: its 1-based number and its spreadsheet letter. */
function columnPlace(index: number): { en: string; zh: string } {
  let letters = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) {
    letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  }
  return {
    en: `column ${String(index + 1)} (${letters})`,
    zh: `第 ${String(index + 1)} 列（${letters}）`,
  };
}

/**
 * Header cells that name the same thing twice: the same name (after trimming), or two names read
 * as the population (population, 人口 …, see population-attribute.ts). Either makes a reader take
 * one column and ignore the other without a word (a doubled `population` took the last, all zeros:
 * "Whole city 0"), so the table is refused with both places named. Empty cells, the dropped
 * prototype keys and names decoded in the wrong encoding are not compared.
 */
function duplicateColumns(
  header: readonly string[],
): { name: string; first: number; second: number }[] {
  const firstAt = new Map<string, number>();
  let population = -1;
  const out: { name: string; first: number; second: number }[] = [];
  header.forEach((cell, i) => {
    const name = cell.trim();
    // Names with U+FFFD are text decoded in the wrong encoding (reported as such), not names.
    if (name === '' || FORBIDDEN_KEYS.has(name) || name.includes('\uFFFD')) return;
    const earlier = firstAt.get(name);
    if (earlier !== undefined) {
      out.push({ name, first: earlier, second: i });
      return;
    }
    firstAt.set(name, i);
    if (populationKeyOf({ [name]: true }) === undefined) return;
    if (population === -1) population = i;
    else
      out.push({
        name: `${header[population]?.trim() ?? ''}" / "${name}`,
        first: population,
        second: i,
      });
  });
  return out;
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
    const name = uniqueName(trimmed === '' ? `column_${i + 1}` : trimmed, seen);
    seen.add(name);
    return name;
  });
  return { names, dropped };
}

/** `name`, or `name_2`, `name_3` … the first not in `taken`. */
function uniqueName(name: string, taken: ReadonlySet<string>): string {
  if (!taken.has(name)) return name;
  let n = 2;
  while (taken.has(`${name}_${n}`)) n += 1;
  return `${name}_${n}`;
}

/**
 * Names for a row's fields past the header's last column: `column_N` (N its 1-based position),
 * or `column_N_2` … when the header already has that name, so an extra field never overwrites a
 * named column (a header cell `column_4` kept "KEEP" until a longer row wrote "EXTRA" over it).
 */
function extraNames(names: readonly (string | null)[]): (c: number) => string {
  const taken = new Set(names.filter((n): n is string => n !== null));
  const made = new Map<number, string>();
  return (c) => {
    let name = made.get(c);
    if (name === undefined) {
      name = uniqueName(`column_${c + 1}`, taken);
      taken.add(name);
      made.set(c, name);
    }
    return name;
  };
}

export interface CsvExtras {
  readonly limits?: Partial<ImportLimits>;
  /**
   * The place names for rows with an address and no coordinates; null or absent when it could
   * not be loaded (those rows are then reported, not placed).
   */
  readonly gazetteer?: Gazetteer | null;
}

/** The rows of a CSV, TSV or spreadsheet, the header first, as {@link readTable} takes them. */
export interface TableInput {
  readonly rows: readonly (readonly string[])[];
  /** The 1-based row number in the file of `rows[r]` (CSV: r + 1; Excel: the sheet's row). */
  readonly rowNumber: (r: number) => number;
  /** Where row `n` is, e.g. `outlets.xlsx › 网点 row 12`; default `<file> row <n>`. */
  readonly where?: (n: number) => string;
  /** What was found about the file so far (format, encoding, sheet). */
  readonly detected: Omit<ImportDetected, 'crs' | 'crsSource'>;
  /** Problems found reading the file (encoding, quoting, merged cells…). */
  readonly problems: readonly ImportProblem[];
}

/** The first row of a CSV/TSV (its header), cheaply: to know whether the gazetteer is needed. */
export function csvHeader(decoded: DecodedText, format: 'csv' | 'tsv'): string[] {
  const parsed = Papa.parse<string[]>(decoded.text.slice(0, 64 * 1024), {
    delimiter: format === 'tsv' ? '\t' : '',
    delimitersToGuess: [',', '\t', ';', '|'],
    preview: 1,
  });
  return parsed.data[0] ?? [];
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
  onProgress?.({ phase: 'parsing', fraction: 0 });
  const parsed = Papa.parse<string[]>(decoded.text, {
    delimiter: format === 'tsv' ? '\t' : '',
    delimitersToGuess: [',', '\t', ';', '|'],
  });
  const problems: ImportProblem[] = [...decoded.problems];
  for (const error of parsed.errors) {
    if (error.type !== 'Quotes') continue;
    problems.push(
      problem(
        'row-column-count',
        'warning',
        `${fileName} row ${(error.row ?? 0) + 1}`,
        `Expected every quoted field to end with a closing quote, found ${error.code === 'MissingQuotes' ? 'an unterminated quoted field' : 'a stray quote'}; the rows after it may be merged or split wrongly.`,
        `每个带引号的字段都应有结束引号，实际发现${error.code === 'MissingQuotes' ? '未结束的引号字段' : '多余的引号'}；其后的行可能被错误合并或拆分。`,
      ),
    );
  }
  return readTable(
    fileName,
    {
      rows: parsed.data,
      rowNumber: (r) => r + 1,
      detected: { format, encoding: decoded.encoding },
      problems,
    },
    options,
    onProgress,
    extras,
  );
}

const matchers = new WeakMap<Gazetteer, AddressMatcher>();

function matcherOf(gazetteer: Gazetteer): AddressMatcher {
  const known = matchers.get(gazetteer);
  if (known !== undefined) return known;
  const made = new AddressMatcher(gazetteer);
  matchers.set(gazetteer, made);
  return made;
}

const REASON_TEXT: Record<UnmatchedAddressRow['reason'], { en: string; zh: string }> = {
  empty: {
    en: 'found neither coordinates nor an address',
    zh: '实际既无坐标也无地址',
  },
  'not-found': {
    en: 'found no 区县, 乡镇街道 or 村/社区 name of Chongqing in it',
    zh: '其中没有重庆的区县、乡镇街道或村/社区名称',
  },
  ambiguous: {
    en: 'found a name several places share',
    zh: '其中的地名有多处同名',
  },
  'no-gazetteer': {
    en: 'but the list of place names could not be loaded',
    zh: '但地名表未能加载',
  },
};

/**
 * Rows (the header first) of a CSV, TSV or spreadsheet into WGS 84 point features: coordinates
 * from the x/y columns, or, for rows without them, a position from the address columns (see
 * src/core/import/address-placement.ts). One path for every table format.
 */
export function readTable(
  fileName: string,
  table: TableInput,
  options: ImportOptions,
  onProgress?: (p: ImportProgress) => void,
  extras: CsvExtras = {},
): ImportResult {
  const limits: ImportLimits = { ...IMPORT_LIMITS, ...extras.limits };
  const crs: CrsId = options.crs ?? 'EPSG:4326';
  const crsSource = options.crs !== undefined ? 'chosen' : 'assumed';
  const problems = new ProblemList();
  problems.addAll(table.problems);
  const rows = table.rows;
  const rowNumber = table.rowNumber;
  const whereOf = table.where ?? ((n: number) => `${fileName} row ${String(n)}`);
  const width = rows[0]?.length ?? 0;
  if (width > limits.maxColumns) {
    // Refused before any name is made: every later step (and the column pickers) is per column.
    return {
      fileName,
      detected: { ...table.detected, crs, crsSource, columns: [] },
      features: [],
      refused: true,
      problems: [
        ...problems.toArray(fileName),
        problem(
          'csv-too-many-columns',
          'error',
          whereOf(rowNumber(0)),
          `Expected at most ${formatCount(limits.maxColumns)} columns in the header row, found ${formatCount(width)}; the file was not imported — keep only the columns you need.`,
          `表头最多 ${formatCount(limits.maxColumns)} 列，实际为 ${formatCount(width)} 列；文件未导入，请只保留需要的列。`,
        ),
      ],
    };
  }
  const header = (rows[0] ?? []).map(bilingualHeader);
  const { names, dropped } = propertyNames(header);
  const extraName = extraNames(names);
  const columns = names.filter((n): n is string => n !== null);
  const base = {
    fileName,
    detected: { ...table.detected, crs, crsSource, columns },
  } as const;
  const refuse = (p: ImportProblem): ImportResult => ({
    ...base,
    features: [],
    problems: [...problems.toArray(fileName), p],
    refused: true,
  });

  const doubled = duplicateColumns(header);
  if (doubled.length > 0) {
    const listed = doubled.slice(0, 10);
    return refuse(
      problem(
        'csv-duplicate-column',
        'error',
        whereOf(rowNumber(0)),
        `Expected each column name once in the header row, found ${listed.map((d) => `"${d.name}" in ${columnPlace(d.first).en} and ${columnPlace(d.second).en}`).join('; ')}${doubled.length > listed.length ? ` and ${formatCount(doubled.length - listed.length)} more` : ''}; the file was not imported — rename or remove one of each and import again.`,
        `表头中每个列名应只出现一次，实际 ${listed.map((d) => `"${d.name}" 出现在${columnPlace(d.first).zh}和${columnPlace(d.second).zh}`).join('；')}${doubled.length > listed.length ? `，另有 ${formatCount(doubled.length - listed.length)} 处` : ''}；文件未导入，请重命名或删除其中一列后重新导入。`,
      ),
    );
  }
  if (dropped.length > 0) {
    problems.add(
      problem(
        'prototype-key',
        'warning',
        whereOf(rowNumber(0)),
        `Expected column names other than __proto__, constructor and prototype, found ${dropped.map((d) => JSON.stringify(d)).join(', ')}; those columns were dropped because they could tamper with the program.`,
        `列名不应为 __proto__、constructor 或 prototype，实际发现 ${dropped.map((d) => `"${d}"`).join('、')}；这些列可能篡改程序，已删除。`,
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
  const addressIndexes =
    options.addressColumns !== undefined && options.addressColumns.length > 0
      ? options.addressColumns.map((c) => names.indexOf(c)).filter((i) => i !== -1)
      : findAddressColumns(header).filter((i) => names[i] != null);
  const byAddress = addressIndexes.length > 0;
  const coordinatesFound = pairFound || xyIndex !== -1;
  // Columns the planner chose and the header lacks are a mistake to report, not a cue to place.
  if (!coordinatesFound && (!byAddress || chosen)) {
    return refuse(
      problem(
        'csv-no-coordinate-columns',
        'error',
        fileName,
        chosen
          ? `Expected the chosen columns ${describeValue(options.xColumn)} (x) and ${describeValue(options.yColumn)} (y) in the header row, found only: ${listed}.`
          : `Expected a header row with longitude and latitude columns (e.g. lon/lat, x/y, 经度/纬度) or address columns (地址, 区县, 街道, 社区), found the columns: ${listed}; choose the x and y columns and import again.`,
        chosen
          ? `表头中应有所选的 ${describeValueZh(options.xColumn)}（x）和 ${describeValueZh(options.yColumn)}（y）列，实际只有：${listed}。`
          : `表头应包含经度和纬度列（如 lon/lat、x/y、经度/纬度）或地址列（地址、区县、街道、社区），实际列为：${listed}；请指定 x、y 列后重新导入。`,
      ),
    );
  }
  const xName = pairFound ? (names[xIndex] ?? '') : (names[xyIndex] ?? '');
  const yName = pairFound ? (names[yIndex] ?? '') : (names[xyIndex] ?? '');
  const addressColumns = addressIndexes.map((i) => names[i] ?? '');
  const detected: ImportDetected = {
    ...base.detected,
    ...(coordinatesFound ? { xColumn: xName, yColumn: yName } : {}),
    ...(byAddress ? { addressColumns } : {}),
  };
  const matcher =
    byAddress && extras.gazetteer !== undefined && extras.gazetteer !== null
      ? matcherOf(extras.gazetteer)
      : null;
  const toInput = crs === 'EPSG:4326' || crs === 'EPSG:4490' ? null : fromWgs84(crs);
  const placement = {
    byCoordinates: 0,
    byLevel: { community: 0, township: 0, district: 0 },
    unmatched: [] as UnmatchedAddressRow[],
  };
  let largestUncertainty = 0;

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

  // The population column (at most one: two are refused above), checked for plausibility per row.
  const populationIndex = names.findIndex(
    (n) => n !== null && populationKeyOf({ [n]: true }) !== undefined,
  );
  const populationName = names[populationIndex] ?? '';
  /** True (and the row reported) when the row's population is more than one place can hold. */
  const implausiblePopulation = (row: readonly string[], where: string): boolean => {
    if (populationIndex === -1) return false;
    const cell = (row[populationIndex] ?? '').trim();
    const people = parsePopulation(cell);
    // Empty, non-numeric and negative cells are the validator's to report (validate-features.ts).
    if (people === null || people < 0 || isPlausiblePopulation(people)) return false;
    const refused = options.role === 'demand';
    problems.add(
      problem(
        'implausible-population',
        refused ? 'error' : 'warning',
        where,
        `Expected at most ${formatCount(MAX_POPULATION_PER_CELL)} people in column ${JSON.stringify(populationName)} (more than all of Chongqing), found ${describeValue(cell)}; ${refused ? 'the row was not imported' : 'it is not used as a population'}.`,
        `"${populationName}" 列的人口应不超过 ${formatCount(MAX_POPULATION_PER_CELL)}（已超过重庆全市人口），实际为 ${describeValueZh(cell)}；${refused ? '该行未导入' : '不会作为人口使用'}。`,
      ),
    );
    return refused;
  };
  const raw: unknown[] = [];
  const rowNumbers: number[] = [];
  for (let r = 1; r < rows.length; r += 1) {
    if (r % PROGRESS_EVERY === 0) onProgress?.({ phase: 'parsing', fraction: r / rows.length });
    const row = rows[r] ?? [];
    if (row.every((cell) => cell.trim() === '')) continue; // blank line
    const n = rowNumber(r);
    const where = whereOf(n);
    if (row.length !== header.length) {
      const extras =
        row.length > header.length ? extraKeys(row.length, header.length, extraName) : '';
      problems.add(
        problem(
          'row-column-count',
          'warning',
          where,
          `Expected ${header.length} fields like the header row, found ${row.length}; ${row.length < header.length ? 'the missing ones were left out' : `the extra ones were kept as ${extras}`}.`,
          `应与表头一样有 ${header.length} 个字段，实际为 ${row.length} 个；${row.length < header.length ? '缺少的字段已留空' : `多出的字段以 ${extras} 保留`}。`,
        ),
      );
    }
    let x: Coordinate;
    let y: Coordinate;
    const coordinateCells = pairFound ? [row[xIndex], row[yIndex]] : [row[xyIndex]];
    const noCoordinates =
      !coordinatesFound || coordinateCells.every((cell) => (cell ?? '').trim() === '');
    if (byAddress && noCoordinates) {
      const cells = addressIndexes.map((i) => (row[i] ?? '').trim());
      const fixed = options.addressFixes?.[n];
      const address = fixed ?? cells.filter((c) => c !== '').join(' | ');
      const placed: AddressPlacement | null =
        matcher === null ? null : matcher.place(fixed ?? cells.join('|'));
      if (placed === null || placed.status === 'unmatched') {
        const reason = placed === null ? 'no-gazetteer' : placed.reason;
        const candidates = placed === null ? [] : placed.candidates;
        const text = REASON_TEXT[reason];
        const shown = describeValue(address);
        const message =
          reason === 'ambiguous'
            ? `Expected coordinates or an address that names one place, found ${shown}: ${text.en} (${candidates.join(', ')}); add the 区县 to the address; the row was not imported.`
            : `Expected coordinates or an address that names a place in Chongqing, found ${shown}: ${text.en}; the row was not imported.`;
        const message_zh =
          reason === 'ambiguous'
            ? `应有坐标或能确定唯一地点的地址，实际为 ${describeValueZh(address)}：${text.zh}（${candidates.join('、')}）；请在地址中写明区县；该行未导入。`
            : `应有坐标或能确定重庆地点的地址，实际为 ${describeValueZh(address)}：${text.zh}；该行未导入。`;
        problems.add(problem('address-unmatched', 'error', where, message, message_zh));
        placement.unmatched.push({ row: n, address, reason, candidates, message, message_zh });
        continue;
      }
      if (implausiblePopulation(row, where)) continue;
      placement.byLevel[placed.level] += 1;
      largestUncertainty = Math.max(largestUncertainty, placed.uncertainty_m);
      const properties = propertiesOf(row, names, extraName);
      properties['placement_level'] = placed.level;
      properties['placement_names'] = placed.names;
      properties['certainty'] = 'address';
      properties['uncertainty_m'] = placed.uncertainty_m;
      const [px = placed.lon, py = placed.lat] =
        toInput === null ? [placed.lon, placed.lat] : toInput([placed.lon, placed.lat]);
      raw.push({ type: 'Feature', geometry: { type: 'Point', coordinates: [px, py] }, properties });
      rowNumbers.push(n);
      continue;
    }
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
    if (implausiblePopulation(row, where)) continue;
    const properties = propertiesOf(row, names, extraName);
    placement.byCoordinates += 1;
    raw.push({
      type: 'Feature',
      geometry: {
        type: 'Point',
        coordinates: [(x as { value: number }).value, (y as { value: number }).value],
      },
      properties,
    });
    rowNumbers.push(n);
  }
  const placedByAddress =
    placement.byLevel.community + placement.byLevel.township + placement.byLevel.district;
  if (placedByAddress > 0) {
    const { community, township, district } = placement.byLevel;
    problems.add(
      problem(
        'address-placed',
        'warning',
        fileName,
        `Expected coordinates in every row, found ${formatCount(placedByAddress)} rows placed from their address instead (${formatCount(community)} at a 村/社区 point, ${formatCount(township)} at a 乡镇街道 seat, ${formatCount(district)} at a 区县 point); each carries its uncertainty (up to ${formatCount(largestUncertainty)} m) in uncertainty_m.`,
        `应每行都有坐标，实际有 ${formatCount(placedByAddress)} 行按地址定位（${formatCount(community)} 行定位到村/社区点，${formatCount(township)} 行到乡镇街道驻地，${formatCount(district)} 行到区县点）；每行的位置误差（最大 ${formatCount(largestUncertainty)} 米）记在 uncertainty_m 中。`,
      ),
    );
  }
  if (byAddress && matcher === null && placement.unmatched.length > 0) {
    problems.add(
      problem(
        'gazetteer-unavailable',
        'error',
        fileName,
        `Expected to place ${formatCount(placement.unmatched.length)} rows without coordinates by their address, found the list of place names could not be loaded; import again, or add coordinates.`,
        `应按地址为 ${formatCount(placement.unmatched.length)} 个无坐标的行定位，但地名表未能加载；请重新导入或补充坐标。`,
      ),
    );
  }
  const report: PlacementReport = placement;
  if (raw.length === 0 && !problems.hasError()) {
    return {
      ...base,
      detected,
      features: [],
      refused: true,
      placement: report,
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
    whereOf: (i) => whereOf(rowNumbers[i] ?? NaN),
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
    placement: report,
  };
}

/** The keys a row's extra fields are kept under, as a message names them (at most five). */
function extraKeys(length: number, width: number, extraName: (c: number) => string): string {
  const keys: string[] = [];
  for (let c = width; c < Math.min(length, width + 5); c += 1) keys.push(extraName(c));
  return keys.join(', ') + (length - width > 5 ? ' …' : '');
}

/** A row's cells as text properties under the column names (extra cells, see extraNames). */
function propertiesOf(
  row: readonly string[],
  names: readonly (string | null)[],
  extraName: (c: number) => string,
): Record<string, unknown> {
  const properties: Record<string, unknown> = {};
  for (let c = 0; c < row.length; c += 1) {
    const name = c < names.length ? names[c] : extraName(c);
    if (name === null || name === undefined) continue;
    properties[name] = row[c];
  }
  return properties;
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
