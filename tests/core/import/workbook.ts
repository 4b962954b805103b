/**
 * Excel workbooks made in tests (with the same library the importer reads them with): sheets of
 * cells, merged ranges, dates and numbers kept as Excel keeps them. Deterministic bytes.
 */
import * as XLSX from '@e965/xlsx';

export type WorkbookCell = string | number | boolean | Date | null;

export interface WorkbookSheet {
  readonly name: string;
  readonly rows: readonly (readonly WorkbookCell[])[];
  /** Merged ranges in A1 notation, e.g. `A1:F1`. */
  readonly merges?: readonly string[];
}

/** The workbook's bytes: `.xlsx` (default) or legacy `.xls` (BIFF8). */
export function workbook(
  sheets: readonly WorkbookSheet[],
  bookType: 'xlsx' | 'biff8' = 'xlsx',
): Uint8Array {
  const book = XLSX.utils.book_new();
  for (const sheet of sheets) {
    const ws = XLSX.utils.aoa_to_sheet(
      sheet.rows.map((row) => [...row]),
      { cellDates: true },
    );
    if (sheet.merges !== undefined)
      ws['!merges'] = sheet.merges.map((m) => XLSX.utils.decode_range(m));
    XLSX.utils.book_append_sheet(book, ws, sheet.name);
  }
  const out: unknown = XLSX.write(book, { type: 'array', bookType, compression: true });
  return new Uint8Array(out as ArrayBuffer);
}
