/**
 * A zipped ESRI shapefile (.shp + .dbf + .prj [+ .cpg, .shx]) becomes WGS 84 features.
 *
 * The .shp and .dbf are read by the small readers below rather than the `shapefile` npm package,
 * which does work on ArrayBuffers in a worker but (1) silently scans past a damaged record to the
 * next plausible one — the record is dropped without a word and the attributes of every later
 * record shift; (2) cannot say which record was damaged; (3) returns records marked deleted in the
 * .dbf as live ones; (4) decodes text with a non-fatal TextDecoder, so UTF-8 versus GB18030 cannot
 * be detected; (5) assigns field names straight onto a plain object (a field named `__proto__`
 * changes its prototype). The readers here are synchronous, bounds-check every length against the
 * file, and report each damaged record by its 0-based feature index.
 *
 * Decisions:
 * - Several shapefiles in one zip are all read (nothing lost); when there is more than one, each
 *   feature gets a `_layer` property with its shapefile's name (unless it already has one), and
 *   each layer is converted with its own .prj. `detected` describes the first layer.
 * - Z and M values are dropped: features are 2-D.
 * - Records marked deleted in the .dbf are left out, with one warning saying how many.
 * - Missing .shp: refused. Missing .dbf: geometries without attributes, with a warning. Missing
 *   .prj: `options.crs`, else WGS 84 assumed with `crs-assumed` (validateFeatures then says if the
 *   numbers look projected). `options.crs` always overrides the .prj.
 * - DBF text encoding: `options.encoding` (unless `auto`), else the .cpg, else valid UTF-8, else
 *   GB18030 with an `encoding-gb18030` warning.
 */
import Flatbush from 'flatbush';
import type { Geometry, Position } from 'geojson';
import { crsFromPrj } from '../crs/crs-from-prj';
import type { CrsId } from '../crs/crs-types';
import { describeValue, describeValueZh } from '../result';
import type {
  ImportDetected,
  ImportOptions,
  ImportProblem,
  ImportProgress,
  ImportResult,
} from './import-types';
import { IMPORT_LIMITS, type ImportLimits } from './limits';
import { formatCount, problem } from './problems';
import { validateFeatures, type CleanFeature } from './validate-features';
import { duplicateEntryProblem, readZipSafely } from './zip-limits';

const PARTS = ['shp', 'dbf', 'prj', 'cpg', 'shx'] as const;
type Part = (typeof PARTS)[number];

const SHAPE_NAMES: Readonly<Record<number, string>> = {
  0: 'Null',
  1: 'Point',
  3: 'PolyLine',
  5: 'Polygon',
  8: 'MultiPoint',
  11: 'PointZ',
  13: 'PolyLineZ',
  15: 'PolygonZ',
  18: 'MultiPointZ',
  21: 'PointM',
  23: 'PolyLineM',
  25: 'PolygonM',
  28: 'MultiPointM',
  31: 'MultiPatch',
};

function partOf(name: string): { key: string; part: Part; base: string } | null {
  const match = /^(.*)\.([^./]+)$/.exec(name);
  if (match === null) return null;
  const base = match[1] ?? '';
  const ext = (match[2] ?? '').toLowerCase();
  if (!(PARTS as readonly string[]).includes(ext)) return null;
  return { key: base.toLowerCase(), part: ext as Part, base };
}

function baseName(path: string): string {
  const slash = path.lastIndexOf('/');
  return slash < 0 ? path : path.slice(slash + 1);
}

// ---------------------------------------------------------------------------------------------
// .shp

export interface ShpRecord {
  /** 0-based position of the record in the .shp. */
  readonly index: number;
  readonly geometry: Geometry | null;
}

export interface ShpReadResult {
  readonly shapeType: number;
  readonly records: ShpRecord[];
  /** Damaged records (and where reading had to stop), as `shapefile-corrupt` errors. */
  readonly problems: ImportProblem[];
}

class CorruptRecord extends Error {
  constructor(
    readonly english: string,
    readonly chinese: string,
  ) {
    super(english);
  }
}

function ringArea(ring: readonly Position[]): number {
  let sum = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const a = ring[j] as Position;
    const b = ring[i] as Position;
    sum += (a[0] as number) * (b[1] as number) - (b[0] as number) * (a[1] as number);
  }
  return sum / 2;
}

/** Below this many vertices a ring is tested edge by edge; above, through an index of its edges. */
const RING_INDEX_MIN_VERTICES = 64;

/** An outer ring with its bounding box and, once it is tested often, an index of its edges. */
interface OuterRing {
  readonly ring: Position[];
  readonly area: number;
  readonly holes: Position[][];
  tests: number;
  edges: Flatbush | null;
}

function crossesRay(a: Position, b: Position, x: number, y: number): boolean {
  const xi = b[0] as number;
  const yi = b[1] as number;
  const xj = a[0] as number;
  const yj = a[1] as number;
  return yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi;
}

/**
 * Whether `p` lies inside `outer` (even-odd rule, a ray towards +x). A ring tested for many holes
 * gets an index of its edges, so each test only visits the edges the ray can meet: one outer ring
 * of 100,000 vertices with 30,000 holes is 30,000 short searches, not 3 billion edge tests.
 */
function ringContains(outer: OuterRing, p: Position): boolean {
  const ring = outer.ring;
  const x = p[0] as number;
  const y = p[1] as number;
  outer.tests += 1;
  if (outer.edges === null && ring.length > RING_INDEX_MIN_VERTICES && outer.tests > 8) {
    const edges = new Flatbush(ring.length);
    for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
      const a = ring[j] as Position;
      const b = ring[i] as Position;
      edges.add(
        Math.min(a[0] as number, b[0] as number),
        Math.min(a[1] as number, b[1] as number),
        Math.max(a[0] as number, b[0] as number),
        Math.max(a[1] as number, b[1] as number),
      );
    }
    edges.finish();
    outer.edges = edges;
  }
  let inside = false;
  if (outer.edges !== null) {
    outer.edges.search(x, y, Infinity, y, (i) => {
      const a = ring[i === 0 ? ring.length - 1 : i - 1] as Position;
      if (crossesRay(a, ring[i] as Position, x, y)) inside = !inside;
      return false;
    });
    return inside;
  }
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    if (crossesRay(ring[j] as Position, ring[i] as Position, x, y)) inside = !inside;
  }
  return inside;
}

/**
 * Shapefile rings: outer rings clockwise, holes counter-clockwise, in any order. Each hole goes to
 * the smallest outer ring holding its first vertex (a hole inside none becomes a polygon of its
 * own). Rings are reversed to RFC 7946 orientation (outer counter-clockwise). The outer rings that
 * can hold a hole are found through an index of their bounding boxes, so 30,000 holes are not each
 * tested against every ring (that took 121 s).
 */
function assemblePolygon(rings: Position[][]): Geometry {
  const outers: OuterRing[] = [];
  const holes: Position[][] = [];
  for (const ring of rings) {
    const area = ringArea(ring);
    if (area > 0 && ring.length > 0) holes.push(ring);
    else outers.push({ ring, area: Math.abs(area), holes: [], tests: 0, edges: null });
  }
  const orphans: OuterRing[] = [];
  if (holes.length > 0 && outers.length > 0) {
    const boxes = new Flatbush(outers.length);
    for (const { ring } of outers) {
      let minX = Infinity;
      let minY = Infinity;
      let maxX = -Infinity;
      let maxY = -Infinity;
      for (const p of ring) {
        const x = p[0] as number;
        const y = p[1] as number;
        if (x < minX) minX = x;
        if (x > maxX) maxX = x;
        if (y < minY) minY = y;
        if (y > maxY) maxY = y;
      }
      boxes.add(minX, minY, maxX, maxY);
    }
    boxes.finish();
    for (const hole of holes) {
      const first = hole[0] as Position;
      const x = first[0] as number;
      const y = first[1] as number;
      let best: OuterRing | undefined;
      let bestIndex = -1;
      boxes.search(x, y, x, y, (i) => {
        const outer = outers[i] as OuterRing;
        // Ties go to the earlier ring, as when every ring was tried in order.
        const better =
          best === undefined ||
          outer.area < best.area ||
          (outer.area === best.area && i < bestIndex);
        if (better && ringContains(outer, first)) {
          best = outer;
          bestIndex = i;
        }
        return false;
      });
      if (best === undefined)
        orphans.push({ ring: hole, area: 0, holes: [], tests: 0, edges: null });
      else best.holes.push(hole);
    }
  } else {
    for (const hole of holes)
      orphans.push({ ring: hole, area: 0, holes: [], tests: 0, edges: null });
  }
  const polygons = [...outers, ...orphans].map((outer) =>
    [outer.ring, ...outer.holes].map((ring) => ring.slice().reverse()),
  );
  if (polygons.length === 1) return { type: 'Polygon', coordinates: polygons[0] as Position[][] };
  return { type: 'MultiPolygon', coordinates: polygons };
}

function parseShape(
  view: DataView,
  start: number,
  length: number,
  fileType: number,
): Geometry | null {
  const end = start + length;
  const need = (bytes: number, what: string): void => {
    if (start + bytes > end) {
      throw new CorruptRecord(
        `Expected ${formatCount(bytes)} bytes for the ${what} of this record, found only ${formatCount(length)}.`,
        `该记录的${what === 'points' ? '坐标' : '头部'}应有 ${formatCount(bytes)} 字节，实际只有 ${formatCount(length)} 字节。`,
      );
    }
  };
  need(4, 'shape type');
  const type = view.getInt32(start, true);
  if (type === 0) return null;
  if (type !== fileType) {
    throw new CorruptRecord(
      `Expected a ${SHAPE_NAMES[fileType] ?? 'shape'} record like the file header says, found shape type ${type}.`,
      `按文件头应为 ${SHAPE_NAMES[fileType] ?? '图形'} 记录，实际图形类型为 ${type}。`,
    );
  }
  const point = (o: number): Position => {
    const x = view.getFloat64(o, true);
    const y = view.getFloat64(o + 8, true);
    return [x, y];
  };
  switch (type) {
    case 1:
    case 11:
    case 21:
      need(20, 'point');
      return { type: 'Point', coordinates: point(start + 4) };
    case 8:
    case 18:
    case 28: {
      need(40, 'header');
      const n = view.getInt32(start + 36, true);
      if (n < 0)
        throw new CorruptRecord(
          `Expected a point count of 0 or more, found ${n}.`,
          `点数应不小于 0，实际为 ${n}。`,
        );
      need(40 + 16 * n, 'points');
      const points: Position[] = [];
      for (let i = 0; i < n; i++) points.push(point(start + 40 + 16 * i));
      return { type: 'MultiPoint', coordinates: points };
    }
    case 3:
    case 13:
    case 23:
    case 5:
    case 15:
    case 25: {
      need(44, 'header');
      const numParts = view.getInt32(start + 36, true);
      const numPoints = view.getInt32(start + 40, true);
      if (numParts < 0 || numPoints < 0) {
        throw new CorruptRecord(
          `Expected part and point counts of 0 or more, found ${numParts} parts and ${numPoints} points.`,
          `部分数和点数应不小于 0，实际为 ${numParts} 个部分、${numPoints} 个点。`,
        );
      }
      need(44 + 4 * numParts + 16 * numPoints, 'points');
      const pointsAt = start + 44 + 4 * numParts;
      const parts: Position[][] = [];
      for (let p = 0; p < numParts; p++) {
        const from = view.getInt32(start + 44 + 4 * p, true);
        const to = p + 1 < numParts ? view.getInt32(start + 48 + 4 * p, true) : numPoints;
        if (from < 0 || to > numPoints || from > to || (p === 0 && from !== 0)) {
          throw new CorruptRecord(
            `Expected part ${p} to start at a point index between 0 and ${numPoints}, in order, found ${from}.`,
            `第 ${p} 部分的起始点序号应在 0 到 ${numPoints} 之间且递增，实际为 ${from}。`,
          );
        }
        const part: Position[] = [];
        for (let i = from; i < to; i++) part.push(point(pointsAt + 16 * i));
        parts.push(part);
      }
      const isLine = type === 3 || type === 13 || type === 23;
      if (isLine) {
        if (parts.length === 1) return { type: 'LineString', coordinates: parts[0] as Position[] };
        return { type: 'MultiLineString', coordinates: parts };
      }
      return assemblePolygon(parts);
    }
    default:
      throw new CorruptRecord(
        `Expected a point, line or polygon shape, found ${SHAPE_NAMES[type] ?? `shape type ${type}`}.`,
        `应为点、线或面图形，实际为 ${SHAPE_NAMES[type] ?? `图形类型 ${type}`}。`,
      );
  }
}

/**
 * Reads every record of a .shp. A damaged header throws nothing: it comes back as `problems` with
 * no records. A damaged record whose length is sane is reported and skipped (later records keep
 * their indexes); a record whose length runs off the file ends the reading, and the error says so.
 */
export function readShp(
  where: string,
  bytes: Uint8Array,
  maxRecords: number = IMPORT_LIMITS.maxFeatures,
  onProgress?: (fraction: number) => void,
): ShpReadResult | { fatal: ImportProblem } {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (bytes.byteLength < 100 || view.getInt32(0, false) !== 9994) {
    return {
      fatal: problem(
        'shapefile-corrupt',
        'error',
        where,
        `Expected a .shp file starting with the shapefile header (file code 9994), found ${bytes.byteLength < 100 ? `only ${formatCount(bytes.byteLength)} bytes` : 'something else'}: the .shp is not a shapefile or is damaged.`,
        `.shp 文件应以 shapefile 文件头（文件代码 9994）开始，实际${bytes.byteLength < 100 ? `只有 ${formatCount(bytes.byteLength)} 字节` : '不是'}：该 .shp 不是 shapefile 或已损坏。`,
      ),
    };
  }
  const shapeType = view.getInt32(32, true);
  if (SHAPE_NAMES[shapeType] === undefined || shapeType === 31) {
    return {
      fatal: problem(
        'shapefile-corrupt',
        'error',
        where,
        `Expected a point, line or polygon shapefile, found shape type ${shapeType === 31 ? 'MultiPatch (31)' : String(shapeType)} in the header.`,
        `应为点、线或面 shapefile，但文件头中的图形类型为 ${shapeType === 31 ? 'MultiPatch (31)' : String(shapeType)}。`,
      ),
    };
  }
  const records: ShpRecord[] = [];
  const problems: ImportProblem[] = [];
  // Some writers pad the file with zero bytes past the length its header declares: stop there.
  const declared = view.getInt32(24, false) * 2;
  const padded =
    declared >= 100 &&
    declared < bytes.byteLength &&
    bytes.subarray(declared).every((b) => b === 0);
  const total = padded ? declared : bytes.byteLength;
  let offset = 100;
  let index = 0;
  let lastReported = 0;
  while (offset < total) {
    const recordWhere = `${where} feature ${index}`;
    if (offset + 8 > total) {
      problems.push(
        problem(
          'shapefile-corrupt',
          'error',
          recordWhere,
          `Expected an 8-byte record header or the end of the .shp, found ${total - offset} stray bytes: the file is truncated.`,
          `应为 8 字节的记录头或 .shp 文件结尾，实际剩余 ${total - offset} 个多余字节：文件被截断。`,
        ),
      );
      break;
    }
    const contentLength = view.getInt32(offset + 4, false) * 2;
    const start = offset + 8;
    if (contentLength < 4 || start + contentLength > total) {
      problems.push(
        problem(
          'shapefile-corrupt',
          'error',
          recordWhere,
          `Expected a record length between 4 bytes and the ${formatCount(total - start)} bytes left in the .shp, found ${formatCount(contentLength)}: this record and any after it could not be read.`,
          `记录长度应在 4 字节到 .shp 剩余的 ${formatCount(total - start)} 字节之间，实际为 ${formatCount(contentLength)}：该记录及其后的记录均无法读取。`,
        ),
      );
      break;
    }
    if (index >= maxRecords) {
      return {
        fatal: problem(
          'too-many-features',
          'error',
          where,
          `Expected at most ${formatCount(maxRecords)} features in one file, found more; the file was not imported — split it or simplify it first.`,
          `单个文件最多 ${formatCount(maxRecords)} 个要素，实际更多；文件未导入，请先拆分或简化。`,
        ),
      };
    }
    try {
      records.push({ index, geometry: parseShape(view, start, contentLength, shapeType) });
    } catch (error) {
      if (!(error instanceof CorruptRecord)) throw error;
      problems.push(
        problem(
          'shapefile-corrupt',
          'error',
          recordWhere,
          `${error.english} The record is damaged and was not imported.`,
          `${error.chinese}该记录已损坏，未导入。`,
        ),
      );
    }
    offset = start + contentLength;
    index += 1;
    if (onProgress !== undefined && offset - lastReported > 1 << 20) {
      lastReported = offset;
      onProgress(offset / total);
    }
  }
  return { shapeType, records, problems };
}

// ---------------------------------------------------------------------------------------------
// .dbf

interface DbfField {
  readonly name: string;
  readonly type: string;
  readonly offset: number;
  readonly length: number;
}

export interface DbfReadResult {
  /** Attributes by record index; null for records marked deleted. */
  readonly rows: (Record<string, unknown> | null)[];
  readonly fields: readonly string[];
}

function setOwn(target: Record<string, unknown>, key: string, value: unknown): void {
  // A field may be called `__proto__`: define it as an own property instead of assigning it, so
  // it cannot change the object's prototype; validateFeatures then reports and drops it.
  Object.defineProperty(target, key, {
    value,
    enumerable: true,
    writable: true,
    configurable: true,
  });
}

function parseDbfValue(type: string, text: string): unknown {
  switch (type) {
    case 'N':
    case 'F': {
      const t = text.trim();
      if (t === '' || /^[*?]+$/.test(t)) return null;
      const n = Number(t);
      return Number.isFinite(n) ? n : t;
    }
    case 'L': {
      const t = text.trim().toUpperCase();
      if (t === 'Y' || t === 'T') return true;
      if (t === 'N' || t === 'F') return false;
      return null;
    }
    case 'D': {
      const t = text.trim();
      const m = /^(\d{4})(\d{2})(\d{2})$/.exec(t);
      return m === null ? (t === '' ? null : t) : `${m[1] ?? ''}-${m[2] ?? ''}-${m[3] ?? ''}`;
    }
    default: {
      // Text fields are padded with spaces (some writers pad with NUL bytes).
      let end = text.length;
      while (end > 0 && (text.charCodeAt(end - 1) === 0 || /\s/.test(text.charAt(end - 1)))) end--;
      return text.slice(0, end);
    }
  }
}

/** Reads a .dbf with `decoder` for names and text; throws CorruptRecord for a damaged header. */
export function readDbf(bytes: Uint8Array, decoder: TextDecoder): DbfReadResult {
  if (bytes.byteLength < 33) {
    throw new CorruptRecord(
      `Expected a .dbf header of at least 33 bytes, found ${formatCount(bytes.byteLength)}.`,
      `.dbf 文件头应至少 33 字节，实际为 ${formatCount(bytes.byteLength)} 字节。`,
    );
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const count = view.getUint32(4, true);
  const headerLength = view.getUint16(8, true);
  const recordLength = view.getUint16(10, true);
  const fields: DbfField[] = [];
  const names = new Set<string>();
  let fieldOffset = 1;
  for (
    let o = 32;
    o + 32 <= Math.min(headerLength, bytes.byteLength) && bytes[o] !== 0x0d;
    o += 32
  ) {
    let nameEnd = o;
    while (nameEnd < o + 11 && bytes[nameEnd] !== 0) nameEnd++;
    let name = decoder.decode(bytes.subarray(o, nameEnd)).trim() || `field${fields.length + 1}`;
    if (names.has(name)) {
      let k = 2;
      while (names.has(`${name}_${k}`)) k++;
      name = `${name}_${k}`;
    }
    names.add(name);
    const length = bytes[o + 16] ?? 0;
    fields.push({
      name,
      type: String.fromCharCode(bytes[o + 11] ?? 0x43),
      offset: fieldOffset,
      length,
    });
    fieldOffset += length;
  }
  if (fieldOffset > recordLength || headerLength > bytes.byteLength) {
    throw new CorruptRecord(
      `Expected the .dbf fields to fit its ${formatCount(recordLength)}-byte records, found fields of ${formatCount(fieldOffset)} bytes.`,
      `.dbf 字段应能放入 ${formatCount(recordLength)} 字节的记录中，实际字段共 ${formatCount(fieldOffset)} 字节。`,
    );
  }
  const available =
    recordLength > 0 ? Math.floor((bytes.byteLength - headerLength) / recordLength) : 0;
  const n = Math.min(count, available);
  const rows: (Record<string, unknown> | null)[] = [];
  for (let r = 0; r < n; r++) {
    const at = headerLength + r * recordLength;
    if (bytes[at] === 0x1a) break;
    if (bytes[at] === 0x2a) {
      rows.push(null);
      continue;
    }
    const row: Record<string, unknown> = {};
    for (const field of fields) {
      const text = decoder.decode(
        bytes.subarray(at + field.offset, at + field.offset + field.length),
      );
      setOwn(row, field.name, parseDbfValue(field.type, text));
    }
    rows.push(row);
  }
  return { rows, fields: fields.map((f) => f.name) };
}

/** The text bytes of a .dbf (field names and records), for deciding whether they are UTF-8. */
function dbfIsUtf8(bytes: Uint8Array): boolean {
  if (bytes.byteLength < 12) return true;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const headerLength = Math.min(view.getUint16(8, true), bytes.byteLength);
  const fatal = new TextDecoder('utf-8', { fatal: true });
  try {
    for (let o = 32; o + 32 <= headerLength && bytes[o] !== 0x0d; o += 32) {
      let end = o;
      while (end < o + 11 && bytes[end] !== 0) end++;
      fatal.decode(bytes.subarray(o, end));
    }
    fatal.decode(bytes.subarray(headerLength));
    return true;
  } catch {
    return false;
  }
}

type DbfEncoding = 'utf-8' | 'gb18030';

/** The encoding a .cpg names, or null when it names one the atlas does not know. */
export function encodingFromCpg(text: string): DbfEncoding | null {
  const t = text
    .trim()
    .toUpperCase()
    .replace(/^ANSI\s+/, '');
  if (/^(UTF-?8|65001)$/.test(t)) return 'utf-8';
  if (/^(GBK|GB2312|GB18030|936|CP936|CP_936|54936|EUC-CN|X-GBK)$/.test(t)) return 'gb18030';
  return null;
}

// ---------------------------------------------------------------------------------------------
// the zip

interface LayerFiles {
  base: string;
  shp?: { name: string; bytes: Uint8Array };
  dbf?: { name: string; bytes: Uint8Array };
  prj?: { name: string; bytes: Uint8Array };
  cpg?: { name: string; bytes: Uint8Array };
  shx?: { name: string; bytes: Uint8Array };
}

interface LayerOutcome {
  readonly features: CleanFeature[];
  readonly problems: ImportProblem[];
  readonly refused: boolean;
  readonly crs: CrsId;
  readonly crsSource: ImportDetected['crsSource'];
  readonly encoding: ImportDetected['encoding'];
}

function readLayer(
  fileName: string,
  layer: LayerFiles & { shp: { name: string; bytes: Uint8Array } },
  options: ImportOptions,
  layerName: string | null,
  progress: (fraction: number) => void,
  limits: ImportLimits,
): LayerOutcome {
  const where = `${fileName} › ${layer.shp.name}`;
  const problems: ImportProblem[] = [];
  let crs: CrsId = options.crs ?? 'EPSG:4326';
  let crsSource: ImportDetected['crsSource'] = options.crs !== undefined ? 'chosen' : 'assumed';
  const refuse = (p: ImportProblem): LayerOutcome => ({
    features: [],
    problems: [...problems, p],
    refused: true,
    crs,
    crsSource,
    encoding: null,
  });

  // Coordinate system.
  if (options.crs === undefined) {
    if (layer.prj === undefined) {
      problems.push(
        problem(
          'crs-assumed',
          'warning',
          where,
          'Expected a .prj file naming the coordinate system next to the .shp, found none: WGS 84 longitude/latitude was assumed — choose the coordinate system if the features land in the wrong place.',
          '.shp 旁应有说明坐标系的 .prj 文件，实际没有：已假定为 WGS 84 经纬度——如要素位置不对，请选择正确的坐标系。',
        ),
      );
    } else {
      const detection = crsFromPrj(new TextDecoder('utf-8').decode(layer.prj.bytes));
      if (detection.crs === null) {
        return refuse(
          problem(
            detection.code,
            'error',
            `${fileName} › ${layer.prj.name}`,
            detection.reason,
            detection.reason_zh,
          ),
        );
      }
      crs = detection.crs;
      crsSource = 'file';
    }
  }

  // Attributes.
  let rows: (Record<string, unknown> | null)[] | null = null;
  let encoding: ImportDetected['encoding'] = null;
  if (layer.dbf === undefined) {
    problems.push(
      problem(
        'shapefile-missing-part',
        'warning',
        where,
        'Expected a .dbf file with the attributes next to the .shp, found none: the shapes were imported without attributes.',
        '.shp 旁应有存放属性的 .dbf 文件，实际没有：已导入图形，但没有属性。',
      ),
    );
  } else {
    const dbfWhere = `${fileName} › ${layer.dbf.name}`;
    let chosen: DbfEncoding | null =
      options.encoding !== undefined && options.encoding !== 'auto' ? options.encoding : null;
    if (chosen === null && layer.cpg !== undefined) {
      chosen = encodingFromCpg(new TextDecoder('utf-8').decode(layer.cpg.bytes.subarray(0, 64)));
    }
    const validUtf8 = dbfIsUtf8(layer.dbf.bytes);
    if (chosen === null) {
      chosen = validUtf8 ? 'utf-8' : 'gb18030';
      if (!validUtf8) {
        problems.push(
          problem(
            'encoding-gb18030',
            'warning',
            dbfWhere,
            'Expected the .dbf text in UTF-8 or an encoding named by a .cpg file, found neither: it was read as GB18030 (GBK), the usual encoding of Chinese shapefiles — check the attribute text.',
            '.dbf 文本应为 UTF-8 或由 .cpg 文件指明编码，实际均不是：已按 GB18030（GBK，中文 shapefile 的常用编码）读取——请检查属性文字。',
          ),
        );
      }
    } else if (chosen === 'utf-8' && !validUtf8) {
      problems.push(
        problem(
          'encoding-replacement',
          'warning',
          dbfWhere,
          'Expected UTF-8 text in the .dbf as its .cpg or the chosen encoding says, found bytes that are not UTF-8: they were replaced by � — choose GB18030 if the text looks garbled.',
          '按 .cpg 或所选编码，.dbf 文本应为 UTF-8，实际含有非 UTF-8 字节：已替换为 �——如文字乱码，请选择 GB18030。',
        ),
      );
    }
    encoding = chosen;
    try {
      rows = readDbf(layer.dbf.bytes, new TextDecoder(chosen)).rows;
    } catch (error) {
      if (!(error instanceof CorruptRecord)) throw error;
      problems.push(
        problem(
          'shapefile-corrupt',
          'warning',
          dbfWhere,
          `${error.english} The .dbf is damaged: the shapes were imported without attributes.`,
          `${error.chinese}.dbf 已损坏：已导入图形，但没有属性。`,
        ),
      );
    }
  }

  // Geometries.
  const shp = readShp(where, layer.shp.bytes, limits.maxFeatures, progress);
  if ('fatal' in shp) return refuse(shp.fatal);
  problems.push(...shp.problems);

  const recordCount = shp.records.length + shp.problems.length;
  if (rows !== null && rows.length !== recordCount && shp.problems.length === 0) {
    problems.push(
      problem(
        'shapefile-corrupt',
        'warning',
        `${fileName} › ${layer.dbf?.name ?? ''}`,
        `Expected one .dbf record per shape (${formatCount(recordCount)}), found ${formatCount(rows.length)}: shapes without a record were imported without attributes.`,
        `每个图形应对应一条 .dbf 记录（共 ${formatCount(recordCount)} 个），实际有 ${formatCount(rows.length)} 条：没有记录的图形已导入，但没有属性。`,
      ),
    );
  }

  const raw: unknown[] = [];
  const indexOf: number[] = [];
  let deleted = 0;
  for (const record of shp.records) {
    const row = rows === null ? {} : rows[record.index];
    if (row === null) {
      deleted += 1;
      continue;
    }
    const properties: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(row ?? {})) setOwn(properties, k, v);
    if (layerName !== null && !Object.hasOwn(properties, '_layer'))
      properties['_layer'] = layerName;
    raw.push({ type: 'Feature', geometry: record.geometry, properties });
    indexOf.push(record.index);
  }
  if (deleted > 0) {
    problems.push(
      problem(
        'shapefile-corrupt',
        'warning',
        `${fileName} › ${layer.dbf?.name ?? ''}`,
        `Expected live records only, found ${formatCount(deleted)} marked deleted in the .dbf: they were left out, as GIS software does.`,
        `应只有有效记录，实际有 ${formatCount(deleted)} 条在 .dbf 中标记为已删除：已按 GIS 软件的做法略去。`,
      ),
    );
  }

  const validated = validateFeatures(where, raw, options, crs, {
    whereOf: (i) => `${where} feature ${indexOf[i] ?? i}`,
    limits,
  });
  return {
    features: validated.features,
    problems: [...problems, ...validated.problems],
    refused: validated.refused,
    crs,
    crsSource,
    encoding,
  };
}

/**
 * Reads a zipped shapefile (one or more layers) into WGS 84 features. Never throws for bad input:
 * everything wrong is a problem in the result; `refused` when nothing could be imported.
 */
export function readShapefileZip(
  fileName: string,
  bytes: Uint8Array,
  options: ImportOptions,
  onProgress?: (progress: ImportProgress) => void,
  limits: ImportLimits = IMPORT_LIMITS,
): Promise<ImportResult> {
  return Promise.resolve().then(() =>
    readShapefileZipSync(fileName, bytes, options, onProgress, limits),
  );
}

function readShapefileZipSync(
  fileName: string,
  bytes: Uint8Array,
  options: ImportOptions,
  onProgress: ((progress: ImportProgress) => void) | undefined,
  limits: ImportLimits,
): ImportResult {
  const refused = (problems: ImportProblem[]): ImportResult => ({
    fileName,
    detected: {
      format: 'shapefile-zip',
      encoding: null,
      crs: options.crs ?? 'EPSG:4326',
      crsSource: options.crs !== undefined ? 'chosen' : 'assumed',
    },
    features: [],
    problems,
    refused: true,
  });

  onProgress?.({ phase: 'reading', fraction: 0 });
  const zip = readZipSafely(fileName, bytes, (name) => partOf(name) !== null, limits);
  if ('problem' in zip) return refused([zip.problem]);

  const layers = new Map<string, LayerFiles>();
  // Entries read as one part though named twice (exactly, or in another case): reported below.
  const repeated = new Map<string, number>(zip.duplicates);
  for (const [name, data] of zip.entries) {
    const part = partOf(name);
    if (part === null) continue;
    const layer = layers.get(part.key) ?? { base: part.base };
    // The first entry of a kind wins; a duplicate (same name, different case) is not read.
    const first = layer[part.part];
    if (first === undefined) layer[part.part] = { name, bytes: data };
    else repeated.set(first.name, (repeated.get(first.name) ?? 1) + 1);
    layers.set(part.key, layer);
  }
  const withShp = [...layers.values()]
    .filter(
      (l): l is LayerFiles & { shp: { name: string; bytes: Uint8Array } } => l.shp !== undefined,
    )
    .sort((a, b) => (a.base < b.base ? -1 : a.base > b.base ? 1 : 0));
  const problems: ImportProblem[] = [...repeated].map(([name, count]) =>
    duplicateEntryProblem(fileName, name, count),
  );
  if (withShp.length === 0) {
    const orphan = [...layers.values()].find((l) => l.dbf !== undefined);
    return refused([
      problem(
        'shapefile-missing-part',
        'error',
        fileName,
        orphan?.dbf !== undefined
          ? `Expected a .shp file with the shapes next to ${describeValue(baseName(orphan.dbf.name))}, found none in the zip: without it there is nothing to draw.`
          : 'Expected a shapefile (.shp with its .dbf and .prj) in the zip, found none: nothing was imported.',
        orphan?.dbf !== undefined
          ? `${describeValueZh(baseName(orphan.dbf.name))} 旁应有存放图形的 .shp 文件，但压缩包中没有：无法绘制任何内容。`
          : '压缩包中应有 shapefile（.shp 及其 .dbf、.prj），实际没有：未导入任何内容。',
      ),
    ]);
  }
  for (const layer of layers.values()) {
    if (layer.shp === undefined && layer.dbf !== undefined) {
      problems.push(
        problem(
          'shapefile-missing-part',
          'warning',
          `${fileName} › ${layer.dbf.name}`,
          'Expected a .shp file next to this .dbf, found none: this table was not imported.',
          '该 .dbf 旁应有 .shp 文件，实际没有：该属性表未导入。',
        ),
      );
    }
  }

  onProgress?.({ phase: 'parsing', fraction: 0 });
  const many = withShp.length > 1;
  const outcomes = withShp.map((layer, i) =>
    readLayer(
      fileName,
      layer,
      options,
      many ? baseName(layer.base) : null,
      (f) => onProgress?.({ phase: 'parsing', fraction: (i + f) / withShp.length }),
      limits,
    ),
  );
  onProgress?.({ phase: 'validating', fraction: 1 });
  const first = outcomes.find((o) => !o.refused) ?? outcomes[0];
  const allRefused = outcomes.every((o) => o.refused);
  return {
    fileName,
    detected: {
      format: 'shapefile-zip',
      encoding: first?.encoding ?? null,
      crs: first?.crs ?? options.crs ?? 'EPSG:4326',
      crsSource: first?.crsSource ?? 'assumed',
    },
    features: allRefused ? [] : outcomes.flatMap((o) => o.features),
    problems: [...problems, ...outcomes.flatMap((o) => o.problems)],
    refused: allRefused,
  };
}
