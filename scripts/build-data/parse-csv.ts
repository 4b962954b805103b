/**
 * The raw tables' CSV reader: papaparse, the parser the atlas's importer uses (src/core/import/
 * csv.ts), so the build and the app read quoting the same way. The raw tables are plain UTF-8 CSV
 * with quoted fields that contain commas and doubled quotes (`entities.csv` notes, the APPROX
 * table's `coord_source`).
 */
import Papa from 'papaparse';

/** One CSV row keyed by the header's column names; missing trailing cells read as "". */
export type CsvRow = Readonly<Record<string, string>>;

/**
 * Parses CSV text (with a header row) into rows keyed by column name.
 * Handles quoted fields, doubled quotes, CRLF line ends and a leading BOM; skips blank lines.
 * Throws on malformed quoting, naming the row: the raw tables are ours and must be well formed.
 */
export function parseCsv(text: string): CsvRow[] {
  const source = text.startsWith('\uFEFF') ? text.slice(1) : text;
  const parsed = Papa.parse<string[]>(source, { skipEmptyLines: true });
  const [error] = parsed.errors;
  if (error !== undefined) {
    throw new Error(`CSV row ${String((error.row ?? 0) + 1)}: ${error.message}`);
  }
  const [header, ...body] = parsed.data;
  if (!header) return [];
  return body.map((cells) => {
    const row: Record<string, string> = {};
    header.forEach((name, idx) => {
      row[name] = cells[idx] ?? '';
    });
    return row;
  });
}
