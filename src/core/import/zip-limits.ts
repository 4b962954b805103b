/**
 * Reading a user's .zip without letting it take the tab down: the central directory is read and
 * checked against IMPORT_LIMITS before a single byte is inflated, and each entry is then inflated
 * in small steps with a budget equal to the size its header declares, so a lying header cannot make
 * us produce (or even compute) more than it admitted to.
 *
 * Why not fflate's `unzipSync`: it inflates each accepted entry into a buffer of the declared size
 * and silently truncates anything beyond it, so a header that under-declares its entry is neither
 * detected nor cheap (the whole stream is still decoded). We read the directory ourselves (a few
 * dozen lines of the PKWARE APPNOTE) and inflate with fflate's streaming `Inflate`.
 *
 * Entries are never written anywhere, so names with `../` are only names; `__MACOSX/` resource
 * forks and directories are skipped; nested zips are returned as bytes only if `accept` asks for
 * them (the shapefile reader does not).
 */
import { Inflate } from 'fflate';
import { describeValue, describeValueZh } from '../result';
import type { ImportProblem } from './import-types';
import { IMPORT_LIMITS, type ImportLimits } from './limits';
import { formatCount, problem } from './problems';

export type ZipReadResult =
  | {
      readonly entries: Map<string, Uint8Array>;
      /**
       * Names that occur more than once among the accepted entries, with how many times: only
       * the first of each is in `entries` (the others are not even inflated). The caller reports
       * them with {@link duplicateEntryProblem}.
       */
      readonly duplicates: ReadonlyMap<string, number>;
    }
  | { readonly problem: ImportProblem };

/**
 * A warning that `name` occurs `count` times in the archive and only the first was read. A zip
 * may hold two entries of one name; which one a tool extracts differs, so the report says so.
 */
export function duplicateEntryProblem(
  fileName: string,
  name: string,
  count: number,
): ImportProblem {
  const shown = JSON.stringify(name);
  return problem(
    'duplicate-entry',
    'warning',
    `${fileName} › ${name}`,
    `Expected one entry named ${shown} in the archive, found ${formatCount(count)}; the first (in the archive's directory order) was read and the other${count === 2 ? '' : 's'} not imported — check that it is the one you meant.`,
    `压缩包中名为 ${shown} 的条目应只有一个，实际有 ${formatCount(count)} 个；已读取（按压缩包目录顺序）第一个，其余未导入——请确认读取的是您需要的那个。`,
  );
}

/** One entry of the central directory, as declared. */
export interface ZipDirectoryEntry {
  readonly name: string;
  readonly compression: number;
  readonly compressedSize: number;
  readonly uncompressedSize: number;
  readonly localHeaderOffset: number;
  readonly encrypted: boolean;
}

/** Entries smaller than this are never called bombs by their ratio alone (a 5-byte .cpg stored as 1). */
const RATIO_MIN_BYTES = 1024 * 1024;
/** Compressed bytes handed to the inflater at a time; bounds how far past a budget one step can go. */
const INFLATE_STEP = 64 * 1024;

const SIG_EOCD = 0x06054b50;
const SIG_EOCD64_LOCATOR = 0x07064b50;
const SIG_EOCD64 = 0x06064b50;
const SIG_CENTRAL = 0x02014b50;
const SIG_LOCAL = 0x04034b50;

class ZipFormatError extends Error {
  constructor(
    readonly english: string,
    readonly chinese: string,
  ) {
    super(english);
  }
}

function mib(n: number): string {
  return `${(n / (1024 * 1024)).toFixed(1)} MiB`;
}

function decodeName(bytes: Uint8Array, utf8Flag: boolean): string {
  if (utf8Flag) return new TextDecoder('utf-8').decode(bytes);
  // Zips made on Chinese Windows store GBK names without the UTF-8 flag.
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder('gb18030').decode(bytes);
  }
}

/** Reads the central directory; throws ZipFormatError when the bytes are not a readable zip. */
export function readZipDirectory(
  bytes: Uint8Array,
  maxEntries: number = IMPORT_LIMITS.maxZipEntries,
): { entries: ZipDirectoryEntry[] } | { tooMany: number } {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const u32 = (o: number): number => view.getUint32(o, true);
  const u16 = (o: number): number => view.getUint16(o, true);
  const u64 = (o: number): number => u32(o) + u32(o + 4) * 0x1_0000_0000;
  const notZip = (): ZipFormatError =>
    new ZipFormatError(
      'Expected a zip archive ending in a zip directory record, found none: the file is not a zip or is truncated.',
      '应为以 zip 目录记录结尾的压缩包，但未找到：该文件不是 zip 文件或已被截断。',
    );

  if (bytes.byteLength < 22) throw notZip();
  let eocd = -1;
  const lowest = Math.max(0, bytes.byteLength - 22 - 0xffff);
  for (let o = bytes.byteLength - 22; o >= lowest; o--) {
    if (u32(o) === SIG_EOCD) {
      eocd = o;
      break;
    }
  }
  if (eocd < 0) throw notZip();
  let count = u16(eocd + 10);
  let dirOffset = u32(eocd + 16);
  if (eocd >= 20 && u32(eocd - 20) === SIG_EOCD64_LOCATOR) {
    const eocd64 = u64(eocd - 12);
    if (eocd64 + 56 <= bytes.byteLength && u32(eocd64) === SIG_EOCD64) {
      count = u64(eocd64 + 32);
      dirOffset = u64(eocd64 + 48);
    }
  }
  if (count > maxEntries) return { tooMany: count };

  const entries: ZipDirectoryEntry[] = [];
  let o = dirOffset;
  for (let i = 0; i < count; i++) {
    if (o + 46 > bytes.byteLength || u32(o) !== SIG_CENTRAL) {
      throw new ZipFormatError(
        `Expected ${formatCount(count)} entries in the zip directory, found a damaged record at entry ${i + 1}: the zip is corrupt or truncated.`,
        `zip 目录应有 ${formatCount(count)} 个条目，但第 ${i + 1} 个条目记录已损坏：压缩包损坏或被截断。`,
      );
    }
    const flags = u16(o + 8);
    const compression = u16(o + 10);
    let compressedSize = u32(o + 20);
    let uncompressedSize = u32(o + 24);
    const nameLength = u16(o + 28);
    const extraLength = u16(o + 30);
    const commentLength = u16(o + 32);
    let localHeaderOffset = u32(o + 42);
    const nameStart = o + 46;
    if (nameStart + nameLength + extraLength > bytes.byteLength) throw notZip();
    const name = decodeName(
      bytes.subarray(nameStart, nameStart + nameLength),
      (flags & 0x800) !== 0,
    );
    // ZIP64: sizes and offset that do not fit 32 bits live in extra field 0x0001, in this order.
    let e = nameStart + nameLength;
    const extraEnd = e + extraLength;
    while (e + 4 <= extraEnd) {
      const id = u16(e);
      const size = u16(e + 2);
      if (id === 0x0001) {
        let p = e + 4;
        const take = (): number => {
          if (p + 8 > e + 4 + size) throw notZip();
          const v = u64(p);
          p += 8;
          return v;
        };
        if (uncompressedSize === 0xffffffff) uncompressedSize = take();
        if (compressedSize === 0xffffffff) compressedSize = take();
        if (localHeaderOffset === 0xffffffff) localHeaderOffset = take();
      }
      e += 4 + size;
    }
    entries.push({
      name,
      compression,
      compressedSize,
      uncompressedSize,
      localHeaderOffset,
      encrypted: (flags & 1) !== 0,
    });
    o = extraEnd + commentLength;
  }
  return { entries };
}

/** Where an entry's data starts, from its local header; throws ZipFormatError when out of bounds. */
function dataRange(bytes: Uint8Array, entry: ZipDirectoryEntry): [number, number] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const o = entry.localHeaderOffset;
  if (o + 30 > bytes.byteLength || view.getUint32(o, true) !== SIG_LOCAL) {
    throw new ZipFormatError(
      `Expected a local header for zip entry ${describeValue(entry.name)}, found none at the offset the directory gives: the zip is corrupt.`,
      `zip 条目 ${describeValueZh(entry.name)} 在目录所指位置应有本地文件头，但未找到：压缩包已损坏。`,
    );
  }
  const start = o + 30 + view.getUint16(o + 26, true) + view.getUint16(o + 28, true);
  const end = start + entry.compressedSize;
  if (end > bytes.byteLength) {
    throw new ZipFormatError(
      `Expected ${formatCount(entry.compressedSize)} compressed bytes for zip entry ${describeValue(entry.name)}, found the file ends before them: the zip is truncated.`,
      `zip 条目 ${describeValueZh(entry.name)} 应有 ${formatCount(entry.compressedSize)} 字节压缩数据，但文件提前结束：压缩包被截断。`,
    );
  }
  return [start, end];
}

/** Thrown by the inflate budget when an entry inflates past its declared size. */
class OverBudget extends Error {}

/**
 * Inflates one entry, refusing to produce more than its declared size. Returns the bytes, or
 * 'over' when the stream holds more than declared, or the actual size when it holds less.
 */
function inflateWithin(compressed: Uint8Array, declared: number): Uint8Array | 'over' | number {
  const out = new Uint8Array(declared);
  let written = 0;
  const inflater = new Inflate((chunk) => {
    if (written + chunk.length > declared) throw new OverBudget();
    out.set(chunk, written);
    written += chunk.length;
  });
  try {
    if (compressed.length === 0) inflater.push(new Uint8Array(0), true);
    for (let p = 0; p < compressed.length; p += INFLATE_STEP) {
      const end = Math.min(compressed.length, p + INFLATE_STEP);
      inflater.push(compressed.subarray(p, end), end === compressed.length);
    }
  } catch (error) {
    if (error instanceof OverBudget) return 'over';
    throw error;
  }
  return written === declared ? out : written;
}

/**
 * Reads the entries of a zip that `accept` wants (by name), within IMPORT_LIMITS: too many entries
 * → `zip-too-many-entries`; declared total of accepted entries over `maxUncompressedBytes`, or an
 * accepted entry over 1 MiB compressed more than `maxCompressionRatio`×, or an entry inflating past
 * its declared size → `zip-bomb`; anything else unreadable → `unreadable`. Each is one error with a
 * sentence; nothing is thrown.
 */
export function readZipSafely(
  fileName: string,
  bytes: Uint8Array,
  accept: (entryName: string) => boolean,
  limits: ImportLimits = IMPORT_LIMITS,
): ZipReadResult {
  const refuse = (
    code: ImportProblem['code'],
    where: string,
    message: string,
    message_zh: string,
  ): ZipReadResult => ({ problem: problem(code, 'error', where, message, message_zh) });

  let directory: ZipDirectoryEntry[];
  try {
    const read = readZipDirectory(bytes, limits.maxZipEntries);
    if ('tooMany' in read) {
      return refuse(
        'zip-too-many-entries',
        fileName,
        `Expected at most ${formatCount(limits.maxZipEntries)} entries in the zip, found ${formatCount(read.tooMany)}: the file was not opened.`,
        `压缩包最多应有 ${formatCount(limits.maxZipEntries)} 个条目，实际有 ${formatCount(read.tooMany)} 个：未打开该文件。`,
      );
    }
    directory = read.entries;
  } catch (error) {
    if (error instanceof ZipFormatError) {
      return refuse('unreadable', fileName, error.english, error.chinese);
    }
    return refuse(
      'unreadable',
      fileName,
      'Expected a readable zip directory, found records pointing outside the file: the zip is corrupt.',
      'zip 目录应可读取，但其记录指向文件之外：压缩包已损坏。',
    );
  }

  const wanted = directory.filter(
    (entry) =>
      !entry.name.endsWith('/') &&
      !entry.name.startsWith('__MACOSX/') &&
      !entry.name.includes('/__MACOSX/') &&
      accept(entry.name),
  );

  let total = 0;
  for (const entry of wanted) {
    const where = `${fileName} › ${entry.name}`;
    total += entry.uncompressedSize;
    if (total > limits.maxUncompressedBytes) {
      return refuse(
        'zip-bomb',
        fileName,
        `Expected the zip's entries to hold at most ${mib(limits.maxUncompressedBytes)} once uncompressed, found its directory declares more than ${mib(total)}: the file was not opened.`,
        `压缩包解压后应不超过 ${mib(limits.maxUncompressedBytes)}，但其目录声明的大小超过 ${mib(total)}：未打开该文件。`,
      );
    }
    const ratio =
      entry.compressedSize === 0 ? Infinity : entry.uncompressedSize / entry.compressedSize;
    if (entry.uncompressedSize > RATIO_MIN_BYTES && ratio > limits.maxCompressionRatio) {
      const shown = Number.isFinite(ratio) ? `${Math.round(ratio)}×` : 'from nothing';
      return refuse(
        'zip-bomb',
        where,
        `Expected a zip entry to be compressed at most ${limits.maxCompressionRatio}× (real data compresses 2–20×), found ${mib(entry.uncompressedSize)} packed ${shown}: the file looks like a zip bomb and was not opened.`,
        `zip 条目的压缩比应不超过 ${limits.maxCompressionRatio} 倍（真实数据通常为 2–20 倍），但该条目 ${mib(entry.uncompressedSize)} 的压缩比为 ${shown}：疑似压缩炸弹，未打开该文件。`,
      );
    }
    if (entry.encrypted) {
      return refuse(
        'unreadable',
        where,
        'Expected an unencrypted zip entry, found a password-protected one: unzip it and import the files without a password.',
        '应为未加密的 zip 条目，但该条目有密码保护：请解压后以无密码方式重新打包导入。',
      );
    }
    if (entry.compression !== 0 && entry.compression !== 8) {
      return refuse(
        'unreadable',
        where,
        `Expected a zip entry stored or compressed with Deflate, found compression method ${entry.compression}: re-create the zip with a standard tool.`,
        `zip 条目应为不压缩或 Deflate 压缩，但使用了压缩方法 ${entry.compression}：请用常规工具重新打包。`,
      );
    }
  }

  const entries = new Map<string, Uint8Array>();
  const duplicates = new Map<string, number>();
  for (const entry of wanted) {
    if (entries.has(entry.name)) {
      duplicates.set(entry.name, (duplicates.get(entry.name) ?? 1) + 1);
      continue;
    }
    const where = `${fileName} › ${entry.name}`;
    try {
      const [start, end] = dataRange(bytes, entry);
      const data = bytes.subarray(start, end);
      const inflated =
        entry.compression === 0
          ? data.length === entry.uncompressedSize
            ? data.slice()
            : data.length
          : inflateWithin(data, entry.uncompressedSize);
      if (inflated === 'over') {
        return refuse(
          'zip-bomb',
          where,
          `Expected a zip entry of ${formatCount(entry.uncompressedSize)} bytes as its header declares, found it inflates to more: the header lies and the file was not opened.`,
          `zip 条目头声明大小为 ${formatCount(entry.uncompressedSize)} 字节，但解压后超出该大小：文件头不实，未打开该文件。`,
        );
      }
      if (typeof inflated === 'number') {
        return refuse(
          'unreadable',
          where,
          `Expected a zip entry of ${formatCount(entry.uncompressedSize)} bytes as its header declares, found only ${formatCount(inflated)}: the zip is corrupt.`,
          `zip 条目头声明大小为 ${formatCount(entry.uncompressedSize)} 字节，但实际只有 ${formatCount(inflated)} 字节：压缩包已损坏。`,
        );
      }
      entries.set(entry.name, inflated);
    } catch (error) {
      if (error instanceof ZipFormatError)
        return refuse('unreadable', where, error.english, error.chinese);
      return refuse(
        'unreadable',
        where,
        'Expected a valid Deflate stream in the zip entry, found damaged data: the zip is corrupt.',
        'zip 条目应为有效的 Deflate 数据，但数据已损坏：压缩包已损坏。',
      );
    }
  }
  return { entries, duplicates };
}
