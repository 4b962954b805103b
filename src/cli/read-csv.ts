import { CliError } from './cli-error.ts';

/** One data row of a CSV file: its 1-based line number and cells by lower-case column name. */
export interface CsvRecord {
  readonly line: number;
  readonly cells: Readonly<Record<string, string>>;
}

/**
 * Reads CSV text with a header row (RFC 4180 quoting, CRLF or LF, optional BOM). Column names are
 * trimmed and lower-cased; blank lines are skipped. Throws a CliError naming the file and line for
 * an unterminated quote or a row with more cells than the header.
 */
export function readCsv(text: string, file: string): { columns: string[]; records: CsvRecord[] } {
  const source = text.startsWith('\uFEFF') ? text.slice(1) : text;
  const rows: { line: number; cells: string[] }[] = [];
  let cells: string[] = [];
  let field = '';
  let quoted = false;
  let line = 1;
  let rowLine = 1;
  for (let i = 0; i < source.length; i++) {
    const ch = source.charAt(i);
    if (quoted) {
      if (ch === '"' && source[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') {
        quoted = false;
      } else {
        if (ch === '\n') line++;
        field += ch;
      }
    } else if (ch === '"' && field === '') {
      quoted = true;
    } else if (ch === ',') {
      cells.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && source[i + 1] === '\n') i++;
      cells.push(field);
      rows.push({ line: rowLine, cells });
      cells = [];
      field = '';
      line++;
      rowLine = line;
    } else {
      field += ch;
    }
  }
  if (quoted)
    throw new CliError(`${file} line ${String(rowLine)}: a quoted field is never closed.`);
  if (field !== '' || cells.length > 0) {
    cells.push(field);
    rows.push({ line: rowLine, cells });
  }
  const nonBlank = rows.filter((r) => !(r.cells.length === 1 && (r.cells[0] ?? '').trim() === ''));
  const [header, ...body] = nonBlank;
  if (header === undefined)
    throw new CliError(`${file} is empty: expected a header row and data rows.`);
  const columns = header.cells.map((c) => c.trim().toLowerCase());
  const records = body.map((row) => {
    if (row.cells.length > columns.length) {
      throw new CliError(
        `${file} line ${String(row.line)}: ${String(row.cells.length)} cells but the header has ${String(columns.length)} columns.`,
      );
    }
    const record: Record<string, string> = {};
    columns.forEach((name, i) => {
      record[name] = (row.cells[i] ?? '').trim();
    });
    return { line: row.line, cells: record };
  });
  return { columns, records };
}
