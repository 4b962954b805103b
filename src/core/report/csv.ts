/**
 * CSV that Excel opens with Chinese intact and that cannot smuggle a formula: UTF-8 with a byte
 * order mark, RFC 4180 quoting, and any cell that a spreadsheet would read as a formula (starting
 * with = + - @, tab or carriage return) prefixed with an apostrophe. Numbers are written as numbers.
 */
export type CsvCell = string | number | boolean | null;

const BOM = '\uFEFF';
const FORMULA_START = /^[=+\-@\t\r]/;

/** One cell, quoted when needed and defused when it could start a formula. */
export function csvCell(value: CsvCell): string {
  if (value === null) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  const safe = FORMULA_START.test(value) ? `'${value}` : value;
  return /[",\n\r]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

/** A whole CSV document with BOM and CRLF line ends. */
export function toCsv(header: readonly string[], rows: readonly (readonly CsvCell[])[]): string {
  const lines = [header.map(csvCell).join(','), ...rows.map((row) => row.map(csvCell).join(','))];
  return `${BOM}${lines.join('\r\n')}\r\n`;
}
