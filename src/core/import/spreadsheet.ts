/**
 * Excel workbooks (`.xlsx`, and legacy `.xls`) as tables: the chosen sheet's cells become text rows
 * that {@link readTable} (csv.ts) reads exactly as a CSV's, so coordinates, addresses and every
 * problem are handled on one path.
 *
 * Safety: an `.xlsx` is a zip. Before the library sees a byte, every entry is inflated by our own
 * reader (zip-limits.ts) under the same limits as a zipped shapefile (declared and actual sizes,
 * compression ratio, entry count), and the library is handed a re-packed, uncompressed copy of
 * exactly those checked entries, so it never inflates anything itself. Rows past the feature
 * limit are not read. An `.xls` is not compressed; the file-size limit bounds it.
 *
 * What people do in spreadsheets that is handled here: the header is not on the first row (a title
 * above it; detected, or chosen with `headerRow`); merged cells (a merged header spans its columns,
 * a 区县 merged down its rows fills every row); a two-row header (位置 merged over 经度 | 纬度);
 * numbers stored as text, full-width digits and degree strings (read by csv.ts); date cells (given
 * as ISO dates, and reported if they sit in a coordinate column); several sheets (the first with
 * a usable header, or the one chosen with `sheet`).
 */
import { zipSync } from 'fflate';
import { describeValue, describeValueZh } from '../result';
import {
  findAddressColumns,
  X_COLUMN_NAMES,
  XY_COLUMN_NAMES,
  Y_COLUMN_NAMES,
  type TableInput,
} from './csv';
import type { ImportOptions, ImportProblem, ImportProgress } from './import-types';
import type { ImportLimits } from './limits';
import { formatCount, problem } from './problems';
import { readZipSafely } from './zip-limits';

/** Rows looked at for the header row when it is not chosen. */
const HEADER_SEARCH_ROWS = 30;
/** Columns read from a sheet (a stray cell in column XFD must not make 16,384 empty columns). */
const MAX_COLUMNS = 500;

/** The part of the library's cell this reader looks at. */
interface Cell {
  readonly t: 'b' | 'e' | 'n' | 'd' | 's' | 'z';
  readonly v?: unknown;
  readonly w?: string;
  readonly z?: string | number;
}

interface Range {
  readonly s: { readonly r: number; readonly c: number };
  readonly e: { readonly r: number; readonly c: number };
}

interface Sheet {
  readonly '!data'?: (Cell[] | undefined)[];
  readonly '!merges'?: Range[];
  readonly '!fullref'?: string;
  readonly '!ref'?: string;
}

/** The library's number-format helpers (typed `any` upstream). */
interface NumberFormats {
  is_date(format: string | number): boolean;
  parse_date_code(
    value: number,
  ): { y: number; m: number; d: number; H: number; M: number; S: number } | null;
}

interface Library {
  read(
    data: Uint8Array,
    options: Record<string, unknown>,
  ): {
    readonly SheetNames: string[];
    readonly Sheets: Record<string, Sheet | undefined>;
  };
  readonly SSF: NumberFormats;
  readonly utils: { decode_range(ref: string): Range };
}

/**
 * The spreadsheet library, loaded only when a workbook is imported (so only the import worker and
 * the CLI ever load it). Chosen by a small check (2025): @e965/xlsx 0.20.3 — SheetJS with its
 * security fixes (npm `xlsx` 0.18.5 has known CVEs) — reads .xlsx and .xls, reports merged cells,
 * and adds about 371 kB minified (124 kB gzip) tree-shaken; exceljs 4.4.0 does not read .xls and
 * adds 947 kB (271 kB gzip); read-excel-file reads neither .xls nor merged ranges.
 */
async function library(): Promise<Library> {
  const module: unknown = await import('@e965/xlsx');
  return module as Library;
}

function pad2(n: number): string {
  return String(n).padStart(2, '0');
}

function cellText(cell: Cell | undefined, formats: NumberFormats): string {
  if (cell === undefined) return '';
  switch (cell.t) {
    case 's':
      return typeof cell.v === 'string' ? cell.v : (cell.w ?? '');
    case 'n': {
      const value = typeof cell.v === 'number' ? cell.v : Number(cell.v);
      if (cell.z !== undefined && cell.z !== 'General' && formats.is_date(cell.z)) {
        // A date cell: an ISO date (time when it has one), never the serial number.
        const d = formats.parse_date_code(value);
        if (d !== null) {
          const date = `${String(d.y).padStart(4, '0')}-${pad2(d.m)}-${pad2(d.d)}`;
          return d.H === 0 && d.M === 0 && d.S === 0
            ? date
            : `${date}T${pad2(d.H)}:${pad2(d.M)}:${pad2(Math.floor(d.S))}`;
        }
      }
      return Number.isFinite(value) ? String(value) : (cell.w ?? '');
    }
    case 'b':
      return cell.v === true ? 'TRUE' : 'FALSE';
    case 'd':
      return cell.v instanceof Date ? cell.v.toISOString().slice(0, 10) : (cell.w ?? '');
    case 'e':
      return cell.w ?? '#ERROR!';
    default:
      return '';
  }
}

/** The sheet as text rows (0-based), merged ranges filled with their top-left cell's text. */
function sheetGrid(sheet: Sheet, formats: NumberFormats): string[][] {
  const data = sheet['!data'] ?? [];
  const grid: string[][] = [];
  for (let r = 0; r < data.length; r += 1) {
    const row = data[r] ?? [];
    const width = Math.min(row.length, MAX_COLUMNS);
    const cells: string[] = [];
    for (let c = 0; c < width; c += 1) cells.push(cellText(row[c], formats).trim());
    grid.push(cells);
  }
  for (const merge of sheet['!merges'] ?? []) {
    const value = grid[merge.s.r]?.[merge.s.c] ?? '';
    if (value === '') continue;
    const lastRow = Math.min(merge.e.r, grid.length - 1);
    const lastColumn = Math.min(merge.e.c, MAX_COLUMNS - 1);
    for (let r = merge.s.r; r <= lastRow; r += 1) {
      const row = grid[r];
      if (row === undefined) continue;
      for (let c = merge.s.c; c <= lastColumn; c += 1) {
        while (row.length <= c) row.push('');
        row[c] = value;
      }
    }
  }
  return grid;
}

function key(cell: string): string {
  return cell.normalize('NFKC').trim().toLowerCase().replace(/\s+/gu, '');
}

/** True when a row names coordinate or address columns (a header row). */
function looksLikeHeader(row: readonly string[]): boolean {
  const keys = row.map(key);
  const has = (names: readonly string[]): boolean => names.some((n) => keys.includes(n));
  return (
    (has(X_COLUMN_NAMES) && has(Y_COLUMN_NAMES)) ||
    has(XY_COLUMN_NAMES) ||
    findAddressColumns(row).length > 0
  );
}

function distinctFilled(row: readonly string[]): number {
  return new Set(row.filter((cell) => cell !== '')).size;
}

/** The 0-based header row: the first naming known columns, else the first with 2+ texts. */
function detectHeaderRow(grid: readonly (readonly string[])[]): number {
  const last = Math.min(grid.length, HEADER_SEARCH_ROWS);
  for (let r = 0; r < last; r += 1) if (looksLikeHeader(grid[r] ?? [])) return r;
  for (let r = 0; r < last; r += 1) if (distinctFilled(grid[r] ?? []) >= 2) return r;
  return 0;
}

const NUMBER_LIKE = /^[\s+\-.,\d°′″'"NSEW]*$/u;

/**
 * Column names from the header row and, where a header cell is merged across several columns with
 * names below it (位置 over 经度 | 纬度), from the row below. Returns the names and how many rows
 * the header takes (1 or 2).
 */
function headerNames(
  grid: readonly (readonly string[])[],
  headerRow: number,
  merges: readonly Range[],
): { names: string[]; rows: number } {
  const names = [...(grid[headerRow] ?? [])];
  const below = grid[headerRow + 1] ?? [];
  const spanning = merges.filter(
    (m) => m.s.r <= headerRow && m.e.r === headerRow && m.e.c > m.s.c && m.s.c < MAX_COLUMNS,
  );
  if (spanning.length === 0) return { names, rows: 1 };
  const subNamed = spanning.every((m) => {
    for (let c = m.s.c; c <= Math.min(m.e.c, MAX_COLUMNS - 1); c += 1) {
      const text = below[c] ?? '';
      if (text === '' || NUMBER_LIKE.test(text)) return false;
    }
    return true;
  });
  if (!subNamed) {
    // One header cell merged over several columns names the first; the others are unnamed
    // (column_N), not copies of its name, which would be one name twice (refused).
    for (const m of spanning) {
      for (let c = m.s.c + 1; c <= Math.min(m.e.c, MAX_COLUMNS - 1); c += 1) names[c] = '';
    }
    return { names, rows: 1 };
  }
  for (const m of spanning) {
    for (let c = m.s.c; c <= Math.min(m.e.c, MAX_COLUMNS - 1); c += 1) {
      while (names.length <= c) names.push('');
      names[c] = below[c] ?? '';
    }
  }
  return { names, rows: 2 };
}

export type SpreadsheetRead =
  | { readonly ok: true; readonly table: TableInput }
  | { readonly ok: false; readonly problem: ImportProblem };

/**
 * Reads a workbook's chosen sheet into a {@link TableInput}: the header row first, then the data
 * rows, each with its row number in the sheet. A zip bomb, an unknown sheet or an empty workbook is
 * one error problem.
 */
export async function readSpreadsheet(
  fileName: string,
  bytes: Uint8Array,
  format: 'xlsx' | 'xls',
  options: ImportOptions,
  limits: ImportLimits,
  onProgress?: (p: ImportProgress) => void,
): Promise<SpreadsheetRead> {
  let input = bytes;
  if (format === 'xlsx') {
    const zip = readZipSafely(fileName, bytes, () => true, limits);
    if ('problem' in zip) return { ok: false, problem: zip.problem };
    // Re-packed without compression: the library reads exactly the entries checked above.
    input = zipSync(Object.fromEntries(zip.entries), { level: 0 });
  }
  onProgress?.({ phase: 'parsing', fraction: 0 });
  const xlsx = await library();
  const book = xlsx.read(input, {
    type: 'array',
    dense: true,
    cellNF: true,
    cellDates: false,
    cellFormula: false,
    cellHTML: false,
    cellStyles: false,
    bookVBA: false,
    // The header, a title above it and the most rows any import takes.
    sheetRows: limits.maxFeatures + HEADER_SEARCH_ROWS + 2,
  });
  const names = book.SheetNames;
  const grids = new Map<string, string[][]>();
  const gridOf = (name: string): string[][] => {
    const known = grids.get(name);
    if (known !== undefined) return known;
    const sheet = book.Sheets[name];
    const grid = sheet === undefined ? [] : sheetGrid(sheet, xlsx.SSF);
    grids.set(name, grid);
    return grid;
  };
  const list = names.map((n) => describeValue(n).replace(/^the string /, '')).join(', ');
  let sheetName: string | undefined;
  if (options.sheet !== undefined) {
    sheetName = names.find((n) => n === options.sheet);
    if (sheetName === undefined) {
      return {
        ok: false,
        problem: problem(
          'xlsx-no-sheet',
          'error',
          fileName,
          `Expected a sheet named ${describeValue(options.sheet)} in the workbook, found the sheets ${list}; choose one of them and import again.`,
          `工作簿中应有名为 ${describeValueZh(options.sheet)} 的工作表，实际只有 ${list}；请选择其中之一后重新导入。`,
        ),
      };
    }
  } else {
    // The first sheet with a recognisable header, else the first that has anything in it.
    sheetName =
      names.find((n) => gridOf(n).slice(0, HEADER_SEARCH_ROWS).some(looksLikeHeader)) ??
      names.find((n) => gridOf(n).some((row) => row.some((cell) => cell !== '')));
  }
  if (sheetName === undefined) {
    return {
      ok: false,
      problem: problem(
        'xlsx-no-sheet',
        'error',
        fileName,
        `Expected a sheet with a header row and data rows, found ${names.length === 0 ? 'no sheet' : `only empty sheets (${list})`}.`,
        `应有包含表头和数据行的工作表，实际${names.length === 0 ? '没有工作表' : `只有空工作表（${list}）`}。`,
      ),
    };
  }
  const sheet = book.Sheets[sheetName] ?? {};
  const grid = gridOf(sheetName);
  const problems: ImportProblem[] = [];
  const prefix = names.length > 1 ? `${fileName} › ${sheetName}` : fileName;
  const where = (n: number): string => `${prefix} row ${String(n)}`;
  // Cells past the columns read are never dropped without a word.
  let beyond = 0;
  let firstBeyond: { row: number; column: number } | null = null;
  for (const [r, row] of (sheet['!data'] ?? []).entries()) {
    for (let c = MAX_COLUMNS; c < (row?.length ?? 0); c += 1) {
      if (cellText(row?.[c], xlsx.SSF).trim() === '') continue;
      beyond += 1;
      firstBeyond ??= { row: r + 1, column: c + 1 };
    }
  }
  if (firstBeyond !== null) {
    problems.push(
      problem(
        'csv-too-many-columns',
        'warning',
        where(firstBeyond.row),
        `Expected at most ${formatCount(MAX_COLUMNS)} columns in a sheet, found ${formatCount(beyond)} filled cells past them (the first in column ${formatCount(firstBeyond.column)}); those cells were not read.`,
        `工作表最多读取 ${formatCount(MAX_COLUMNS)} 列，实际其后还有 ${formatCount(beyond)} 个非空单元格（第一个在第 ${formatCount(firstBeyond.column)} 列）；这些单元格未读取。`,
      ),
    );
  }

  const fullRef = sheet['!fullref'];
  if (fullRef !== undefined) {
    const full = xlsx.utils.decode_range(fullRef);
    const rows = full.e.r + 1;
    if (rows > grid.length) {
      return {
        ok: false,
        problem: problem(
          'too-many-features',
          'error',
          fileName,
          `Expected at most ${formatCount(limits.maxFeatures)} rows in one sheet, found ${formatCount(rows)} in ${describeValue(sheetName)}; the file was not imported — split it first.`,
          `单个工作表最多 ${formatCount(limits.maxFeatures)} 行，工作表 ${describeValueZh(sheetName)} 实际有 ${formatCount(rows)} 行；文件未导入，请先拆分。`,
        ),
      };
    }
  }

  const chosenRow = options.headerRow;
  let headerRow: number;
  if (chosenRow !== undefined) {
    if (!Number.isInteger(chosenRow) || chosenRow < 1 || chosenRow > grid.length) {
      return {
        ok: false,
        problem: problem(
          'csv-no-rows',
          'error',
          fileName,
          `Expected the header row to be a row of sheet ${describeValue(sheetName)} (1 to ${formatCount(grid.length)}), found ${describeValue(chosenRow)}.`,
          `表头行应为工作表 ${describeValueZh(sheetName)} 中的一行（1 至 ${formatCount(grid.length)}），实际为 ${describeValueZh(chosenRow)}。`,
        ),
      };
    }
    headerRow = chosenRow - 1;
  } else {
    headerRow = detectHeaderRow(grid);
  }
  const merges = sheet['!merges'] ?? [];
  const header = headerNames(grid, headerRow, merges);
  const width = header.names.length;
  const rows: string[][] = [header.names];
  const numbers: number[] = [headerRow + 1];
  for (let r = headerRow + header.rows; r < grid.length; r += 1) {
    const cells = [...(grid[r] ?? [])];
    // Trailing empty cells (formatting past the table) are not fields; short rows are padded.
    while (cells.length > width && cells[cells.length - 1] === '') cells.pop();
    while (cells.length < width) cells.push('');
    rows.push(cells);
    numbers.push(r + 1);
  }
  return {
    ok: true,
    table: {
      rows,
      rowNumber: (r) => numbers[r] ?? r + 1,
      where,
      detected: {
        format,
        encoding: null,
        sheets: names,
        sheet: sheetName,
        headerRow: headerRow + 1,
      },
      problems,
    },
  };
}
