/**
 * The one entry point for importing a user's file: checks the size, tells the format from the
 * magic bytes and the file name, decodes text, and hands over to the right reader. Never throws
 * for bad input; everything wrong is a problem in the result, and `refused` is true when nothing
 * could be imported.
 */
import { csvHeader, headerHasAddress, readCsv, readTable } from './csv';
import { decodeText } from './decode-text';
import { builtInGazetteer, type Gazetteer } from './gazetteer';
import { readGeoJson } from './geojson';
import { readGeoTiff } from './geotiff';
import type {
  ImportFormat,
  ImportOptions,
  ImportProblem,
  ImportProgress,
  ImportResult,
} from './import-types';
import { readKml } from './kml';
import { IMPORT_LIMITS, type ImportLimits } from './limits';
import { formatCount, problem } from './problems';
import { readShapefileZip } from './shapefile-zip';
import { readSpreadsheet } from './spreadsheet';
import { duplicateEntryProblem, readZipSafely } from './zip-limits';

/** File name endings the atlas reads, for the file picker's `accept` and for messages. */
export const ACCEPTED_EXTENSIONS = [
  '.geojson',
  '.json',
  '.csv',
  '.tsv',
  '.tab',
  '.txt',
  '.xlsx',
  '.xlsm',
  '.xls',
  '.kml',
  '.kmz',
  '.zip',
  '.tif',
  '.tiff',
] as const;

type Detected = ImportFormat | 'kmz';

function extensionOf(fileName: string): string {
  const dot = fileName.lastIndexOf('.');
  return dot === -1 ? '' : fileName.slice(dot).toLowerCase();
}

function startsWith(bytes: Uint8Array, prefix: readonly number[]): boolean {
  return prefix.every((b, i) => bytes[i] === b);
}

/** The first non-blank character of text-looking bytes (after a UTF-8/UTF-16 BOM), or ''. */
function firstTextChar(bytes: Uint8Array): string {
  let i = startsWith(bytes, [0xef, 0xbb, 0xbf]) ? 3 : 0;
  const step = startsWith(bytes, [0xff, 0xfe]) || startsWith(bytes, [0xfe, 0xff]) ? 2 : 1;
  if (step === 2) i = bytes[0] === 0xff ? 2 : 3;
  for (; i < Math.min(bytes.length, 4096); i += step) {
    const b = bytes[i] ?? 0;
    if (b !== 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d) return String.fromCharCode(b);
  }
  return '';
}

/** Which reader a file goes to: magic bytes first (a zip is a zip whatever its name), then name. */
export function detectFormat(fileName: string, bytes: Uint8Array): Detected | null {
  const ext = extensionOf(fileName);
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04]) || startsWith(bytes, [0x50, 0x4b, 0x05, 0x06])) {
    if (ext === '.xlsx' || ext === '.xlsm' || ext === '.xls') return 'xlsx';
    return ext === '.kmz' ? 'kmz' : 'shapefile-zip';
  }
  // An OLE2 compound file: a legacy Excel workbook (or an encrypted .xlsx, which the reader reports).
  if (startsWith(bytes, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) return 'xls';
  if (startsWith(bytes, [0x49, 0x49, 0x2a, 0x00]) || startsWith(bytes, [0x4d, 0x4d, 0x00, 0x2a]))
    return 'geotiff';
  if (startsWith(bytes, [0x49, 0x49, 0x2b, 0x00]) || startsWith(bytes, [0x4d, 0x4d, 0x00, 0x2b]))
    return 'geotiff'; // BigTIFF
  switch (ext) {
    case '.geojson':
    case '.json':
      return 'geojson';
    case '.csv':
    case '.txt':
      return 'csv';
    case '.tsv':
    case '.tab':
      return 'tsv';
    case '.kml':
      return 'kml';
    case '.kmz':
      return 'kmz';
    case '.zip':
      return 'shapefile-zip';
    case '.tif':
    case '.tiff':
      return 'geotiff';
    default: {
      // No or unknown extension: look at the text.
      const first = firstTextChar(bytes);
      if (first === '{' || first === '[') return 'geojson';
      if (first === '<') return 'kml';
      return null;
    }
  }
}

const FORMAT_NAME: Record<Detected, string> = {
  geojson: 'GeoJSON',
  csv: 'CSV',
  tsv: 'TSV',
  xlsx: 'Excel (.xlsx)',
  xls: 'Excel (.xls)',
  kml: 'KML',
  kmz: 'KMZ',
  'shapefile-zip': 'zipped shapefile',
  geotiff: 'GeoTIFF',
};

export interface ImportExtras {
  /** Tighter limits, for tests. */
  readonly limits?: Partial<ImportLimits>;
  /**
   * Loads the place names for rows placed by address; default: the gazetteer built into the atlas
   * (geodata/gazetteer/gazetteer.json), loaded on first need.
   */
  readonly loadGazetteer?: () => Promise<Gazetteer>;
}

/** The gazetteer when the header has address columns, or null (not needed, or not loadable). */
async function gazetteerFor(
  header: readonly string[],
  options: ImportOptions,
  extras: ImportExtras,
): Promise<Gazetteer | null> {
  if (!headerHasAddress(header, options)) return null;
  try {
    return await (extras.loadGazetteer ?? builtInGazetteer)();
  } catch {
    return null;
  }
}

function refused(
  fileName: string,
  format: ImportFormat,
  options: ImportOptions,
  p: ImportProblem,
): ImportResult {
  return {
    fileName,
    detected: {
      format,
      encoding: null,
      crs: options.crs ?? 'EPSG:4326',
      crsSource: options.crs !== undefined ? 'chosen' : 'assumed',
    },
    features: [],
    problems: [p],
    refused: true,
  };
}

function guessFormat(fileName: string): ImportFormat {
  const ext = extensionOf(fileName);
  if (ext === '.csv' || ext === '.txt') return 'csv';
  if (ext === '.tsv' || ext === '.tab') return 'tsv';
  if (ext === '.xlsx' || ext === '.xlsm') return 'xlsx';
  if (ext === '.xls') return 'xls';
  if (ext === '.kml' || ext === '.kmz') return 'kml';
  if (ext === '.zip') return 'shapefile-zip';
  if (ext === '.tif' || ext === '.tiff') return 'geotiff';
  return 'geojson';
}

function readKmz(
  fileName: string,
  bytes: Uint8Array,
  options: ImportOptions,
  limits: ImportLimits,
  onProgress?: (p: ImportProgress) => void,
): ImportResult {
  const isKml = (name: string): boolean => name.toLowerCase().endsWith('.kml');
  const zip = readZipSafely(fileName, bytes, isKml, limits);
  if ('problem' in zip) return refused(fileName, 'kml', options, zip.problem);
  const names = [...zip.entries.keys()];
  // doc.kml by convention (at the root), else the first .kml in the archive.
  const chosen =
    names.find((n) => n.toLowerCase() === 'doc.kml') ??
    names.find((n) => n.toLowerCase().endsWith('/doc.kml')) ??
    names[0];
  const inner = chosen === undefined ? undefined : zip.entries.get(chosen);
  if (chosen === undefined || inner === undefined) {
    return refused(
      fileName,
      'kml',
      options,
      problem(
        'no-placemarks',
        'error',
        fileName,
        'Expected a KMZ archive holding a doc.kml file, found no .kml file in it.',
        'KMZ 压缩包中应包含 doc.kml 文件，实际没有任何 .kml 文件。',
      ),
    );
  }
  onProgress?.({ phase: 'decoding', fraction: 0 });
  const decoded = decodeText(inner, options.encoding ?? 'auto', `${fileName} ${chosen}`);
  const result = readKml(fileName, decoded, options, onProgress, { limits });
  // Nothing read is dropped without a word: a repeated name, or other .kml files beside the one read.
  const unread: ImportProblem[] = [...zip.duplicates].map(([name, count]) =>
    duplicateEntryProblem(fileName, name, count),
  );
  const others = names.filter((n) => n !== chosen);
  if (others.length > 0) {
    const list = others
      .slice(0, 5)
      .map((n) => JSON.stringify(n))
      .join(', ');
    const more = others.length > 5 ? ` …` : '';
    unread.push(
      problem(
        'duplicate-entry',
        'warning',
        fileName,
        `Expected one KML document in the KMZ, found ${formatCount(others.length + 1)}: ${JSON.stringify(chosen)} was read and ${list}${more} were not — import them separately (unzip the KMZ) if they hold places too.`,
        `KMZ 中应只有一个 KML 文档，实际有 ${formatCount(others.length + 1)} 个：已读取 ${JSON.stringify(chosen)}，未读取 ${list}${more}——如其中也有地点，请解压 KMZ 后分别导入。`,
      ),
    );
  }
  return unread.length === 0 ? result : { ...result, problems: [...unread, ...result.problems] };
}

/**
 * Imports one file's bytes. `options` may choose the encoding, the coordinate system, the CSV
 * x/y columns and the role; `onProgress` is called at each phase (and every 10 000 CSV rows).
 */
/** File names longer than this are shortened (keeping the extension) in reports and layer names. */
export const MAX_FILE_NAME_CHARS = 120;

/** The file name as reports show it: at most {@link MAX_FILE_NAME_CHARS} characters, extension kept. */
export function shortFileName(fileName: string): string {
  const chars = Array.from(fileName);
  if (chars.length <= MAX_FILE_NAME_CHARS) return fileName;
  const dot = fileName.lastIndexOf('.');
  const extension = dot > 0 && fileName.length - dot <= 10 ? fileName.slice(dot) : '';
  return `${chars.slice(0, MAX_FILE_NAME_CHARS - extension.length - 1).join('')}…${extension}`;
}

export async function importBytes(
  rawFileName: string,
  bytes: Uint8Array,
  options: ImportOptions = {},
  onProgress?: (p: ImportProgress) => void,
  extras: ImportExtras = {},
): Promise<ImportResult> {
  const fileName = shortFileName(rawFileName);
  const limits: ImportLimits = { ...IMPORT_LIMITS, ...extras.limits };
  onProgress?.({ phase: 'reading', fraction: 0 });
  if (bytes.length > limits.maxFileBytes) {
    const mib = (n: number): string => `${(n / (1024 * 1024)).toFixed(1)} MiB`;
    return refused(
      fileName,
      guessFormat(fileName),
      options,
      problem(
        'file-too-large',
        'error',
        fileName,
        `Expected a file of at most ${mib(limits.maxFileBytes)}, found ${mib(bytes.length)}; the file was not read — split it or simplify it first.`,
        `文件最大为 ${mib(limits.maxFileBytes)}，实际为 ${mib(bytes.length)}；文件未读取，请先拆分或简化。`,
      ),
    );
  }
  if (bytes.length === 0 || (bytes.length <= 4096 && firstTextChar(bytes) === '')) {
    const blank = bytes.length > 0;
    return refused(
      fileName,
      guessFormat(fileName),
      options,
      problem(
        'empty-file',
        'error',
        fileName,
        blank
          ? `Expected data in the file, found only ${formatCount(bytes.length)} bytes of blank space.`
          : 'Expected data in the file, found an empty file (0 bytes).',
        blank
          ? `文件中应有数据，实际只有 ${formatCount(bytes.length)} 字节的空白。`
          : '文件中应有数据，实际为空文件（0 字节）。',
      ),
    );
  }
  const format = detectFormat(fileName, bytes);
  if (format === null) {
    const list = ACCEPTED_EXTENSIONS.join(', ');
    return refused(
      fileName,
      guessFormat(fileName),
      options,
      problem(
        'unknown-format',
        'error',
        fileName,
        `Expected a GeoJSON, CSV/TSV, Excel, KML/KMZ, zipped shapefile or GeoTIFF file (${list}), found a file whose name and first bytes match none of them.`,
        `应为 GeoJSON、CSV/TSV、Excel、KML/KMZ、压缩的 Shapefile 或 GeoTIFF 文件（${list}），实际文件名和开头字节均不符合。`,
      ),
    );
  }
  onProgress?.({ phase: 'reading', fraction: 1 });
  try {
    switch (format) {
      case 'shapefile-zip':
        return await readShapefileZip(fileName, bytes, options, onProgress, limits);
      case 'geotiff':
        return await readGeoTiff(fileName, bytes, options, onProgress, limits);
      case 'kmz':
        return readKmz(fileName, bytes, options, limits, onProgress);
      case 'xlsx':
      case 'xls': {
        const read = await readSpreadsheet(fileName, bytes, format, options, limits, onProgress);
        if (!read.ok) return refused(fileName, format, options, read.problem);
        const gazetteer = await gazetteerFor(read.table.rows[0] ?? [], options, extras);
        return readTable(fileName, read.table, options, onProgress, { ...extras, gazetteer });
      }
      default: {
        onProgress?.({ phase: 'decoding', fraction: 0 });
        const decoded = decodeText(bytes, options.encoding ?? 'auto', fileName);
        if (format === 'geojson')
          return readGeoJson(fileName, decoded, options, onProgress, extras);
        if (format === 'kml') return readKml(fileName, decoded, options, onProgress, extras);
        const gazetteer = await gazetteerFor(csvHeader(decoded, format), options, extras);
        return readCsv(fileName, decoded, options, format, onProgress, { ...extras, gazetteer });
      }
    }
  } catch (error) {
    // A reader bug or an engine limit (e.g. a string too long to build): still one clear problem.
    const reason = error instanceof Error ? error.message.slice(0, 120) : 'unknown error';
    const kind = FORMAT_NAME[format];
    return refused(
      fileName,
      format === 'kmz' ? 'kml' : format,
      options,
      problem(
        'unreadable',
        'error',
        fileName,
        `Expected a readable ${kind} file, found one the reader stopped on (${reason}); the file was not imported.`,
        `应为可读取的 ${kind} 文件，读取时出错（${reason}）；文件未导入。`,
      ),
    );
  }
}
