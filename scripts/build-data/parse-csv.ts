/**
 * A small RFC 4180 CSV reader.
 *
 * The raw tables are plain UTF-8 CSV with quoted fields that contain commas and doubled quotes
 * (`entities.csv` notes, the APPROX table's `coord_source`). A dedicated parser keeps the build
 * free of extra dependencies and makes the parsing rules visible and testable.
 */

/** One CSV row keyed by the header's column names; missing trailing cells read as "". */
export type CsvRow = Readonly<Record<string, string>>;

/**
 * Parses CSV text (with a header row) into rows keyed by column name.
 * Handles quoted fields, doubled quotes, CRLF line ends and a leading BOM; skips blank lines.
 */
export function parseCsv(text: string): CsvRow[] {
  const records: string[][] = [];
  let field = '';
  let record: string[] = [];
  let inQuotes = false;
  const src = text.startsWith('\uFEFF') ? text.slice(1) : text;
  for (let i = 0; i < src.length; i += 1) {
    const ch = src.charAt(i);
    if (inQuotes) {
      if (ch === '"') {
        if (src[i + 1] === '"') {
          field += '"';
          i += 1;
        } else {
          inQuotes = false;
        }
      } else {
        field += ch;
      }
    } else if (ch === '"') {
      inQuotes = true;
    } else if (ch === ',') {
      record.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && src[i + 1] === '\n') i += 1;
      record.push(field);
      records.push(record);
      record = [];
      field = '';
    } else {
      field += ch;
    }
  }
  if (field !== '' || record.length > 0) {
    record.push(field);
    records.push(record);
  }
  const nonBlank = records.filter((r) => !(r.length === 1 && r[0] === ''));
  const [header, ...body] = nonBlank;
  if (!header) return [];
  return body.map((cells) => {
    const row: Record<string, string> = {};
    header.forEach((name, idx) => {
      row[name] = cells[idx] ?? '';
    });
    return row;
  });
}
