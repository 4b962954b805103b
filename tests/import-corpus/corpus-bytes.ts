/**
 * Byte writers for the import corpus: text encodings (GBK/GB18030 from an inverted decoding table,
 * UTF-16 with byte-order marks), a zip writer that controls every header field (so zip bombs,
 * lying headers and encrypted or bzip2 entries can be forged), and a hand-written TIFF header with
 * absurd dimensions. Everything is deterministic: same input, same bytes, on any machine.
 */
import { deflateSync } from 'fflate';

// ---------------------------------------------------------------------------------------------
// text

let gbkTable: Map<string, [number, number]> | null = null;

/**
 * Char → GBK double-byte code, built by decoding every two-byte GBK code with the platform's
 * GB18030 decoder and inverting the result (the first code wins for the rare duplicates).
 */
function gbk(): Map<string, [number, number]> {
  if (gbkTable !== null) return gbkTable;
  const table = new Map<string, [number, number]>();
  const decoder = new TextDecoder('gb18030');
  for (let lead = 0x81; lead <= 0xfe; lead += 1) {
    for (let trail = 0x40; trail <= 0xfe; trail += 1) {
      if (trail === 0x7f) continue;
      const ch = decoder.decode(new Uint8Array([lead, trail]));
      if (ch.length === 1 && ch !== '\uFFFD' && !table.has(ch)) table.set(ch, [lead, trail]);
    }
  }
  gbkTable = table;
  return table;
}

/** Four-byte GB18030 sequences for characters outside GBK that the corpus uses. */
const GB18030_FOUR_BYTE: Readonly<Record<string, readonly number[]>> = {
  '𠀀': [0x95, 0x32, 0x82, 0x36], // U+20000, CJK Extension B
};

/** GBK (GB18030 for the few four-byte characters above) bytes of `text`; throws on others. */
export function encodeGb18030(text: string): Uint8Array {
  const table = gbk();
  const out: number[] = [];
  for (const ch of text) {
    const code = ch.codePointAt(0) ?? 0;
    if (code < 0x80) {
      out.push(code);
      continue;
    }
    const pair = table.get(ch);
    if (pair !== undefined) {
      out.push(...pair);
      continue;
    }
    const four = GB18030_FOUR_BYTE[ch];
    if (four === undefined) throw new Error(`No GB18030 bytes for ${ch} in the corpus table`);
    out.push(...four);
  }
  const bytes = new Uint8Array(out);
  if (new TextDecoder('gb18030').decode(bytes) !== text) {
    throw new Error('GB18030 encoding does not round-trip');
  }
  return bytes;
}

export function utf8(text: string): Uint8Array {
  return new TextEncoder().encode(text);
}

export function utf8Bom(text: string): Uint8Array {
  return concat([new Uint8Array([0xef, 0xbb, 0xbf]), utf8(text)]);
}

/** UTF-16 little-endian or big-endian, with or without a byte-order mark. */
export function utf16(text: string, endian: 'le' | 'be', bom = true): Uint8Array {
  const units = bom ? `\uFEFF${text}` : text;
  const out = new Uint8Array(units.length * 2);
  for (let i = 0; i < units.length; i += 1) {
    const unit = units.charCodeAt(i);
    out[2 * i + (endian === 'le' ? 0 : 1)] = unit & 0xff;
    out[2 * i + (endian === 'le' ? 1 : 0)] = unit >> 8;
  }
  return out;
}

export function concat(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// zip

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n += 1) {
    let c = n;
    for (let k = 0; k < 8; k += 1) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

export function crc32(bytes: Uint8Array): number {
  let crc = 0xffffffff;
  for (const b of bytes) crc = (CRC_TABLE[(crc ^ b) & 0xff] ?? 0) ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

export interface ZipEntrySpec {
  readonly name: string;
  readonly data: Uint8Array;
  /** 0 stored, 8 deflate (default), anything else is written as-is with the data stored. */
  readonly method?: number;
  /** Override the uncompressed size written in both headers (a lying header). */
  readonly declaredSize?: number;
  /** General-purpose flags (bit 0 = encrypted, bit 11 = UTF-8 name). Default: UTF-8 name. */
  readonly flags?: number;
  /** Raw name bytes (e.g. GBK without the UTF-8 flag). */
  readonly nameBytes?: Uint8Array;
}

/** DOS date/time fixed at 2021-01-01 00:00 so the bytes never depend on the clock. */
const DOS_TIME = 0;
const DOS_DATE = ((2021 - 1980) << 9) | (1 << 5) | 1;

/**
 * A zip archive with full control over the headers. `entryCount` overrides the count in the end
 * record (to forge a directory claiming more entries than it holds).
 */
export function writeZip(entries: readonly ZipEntrySpec[], entryCount?: number): Uint8Array {
  const locals: Uint8Array[] = [];
  const centrals: Uint8Array[] = [];
  let offset = 0;
  for (const entry of entries) {
    const method = entry.method ?? 8;
    const compressed = method === 8 ? deflateSync(entry.data, { level: 9 }) : entry.data;
    const name = entry.nameBytes ?? utf8(entry.name);
    const flags = entry.flags ?? 0x800;
    const size = entry.declaredSize ?? entry.data.length;
    const crc = crc32(entry.data);
    const local = new Uint8Array(30 + name.length);
    const lv = new DataView(local.buffer);
    lv.setUint32(0, 0x04034b50, true);
    lv.setUint16(4, 20, true);
    lv.setUint16(6, flags, true);
    lv.setUint16(8, method, true);
    lv.setUint16(10, DOS_TIME, true);
    lv.setUint16(12, DOS_DATE, true);
    lv.setUint32(14, crc, true);
    lv.setUint32(18, compressed.length, true);
    lv.setUint32(22, size, true);
    lv.setUint16(26, name.length, true);
    local.set(name, 30);
    const central = new Uint8Array(46 + name.length);
    const cv = new DataView(central.buffer);
    cv.setUint32(0, 0x02014b50, true);
    cv.setUint16(4, 20, true);
    cv.setUint16(6, 20, true);
    cv.setUint16(8, flags, true);
    cv.setUint16(10, method, true);
    cv.setUint16(12, DOS_TIME, true);
    cv.setUint16(14, DOS_DATE, true);
    cv.setUint32(16, crc, true);
    cv.setUint32(20, compressed.length, true);
    cv.setUint32(24, size, true);
    cv.setUint16(28, name.length, true);
    cv.setUint32(42, offset, true);
    central.set(name, 46);
    locals.push(local, compressed);
    centrals.push(central);
    offset += local.length + compressed.length;
  }
  const directory = concat(centrals);
  const end = new Uint8Array(22);
  const ev = new DataView(end.buffer);
  ev.setUint32(0, 0x06054b50, true);
  const count = Math.min(0xffff, entryCount ?? entries.length);
  ev.setUint16(8, count, true);
  ev.setUint16(10, count, true);
  ev.setUint32(12, directory.length, true);
  ev.setUint32(16, offset, true);
  return concat([...locals, directory, end]);
}

/** Zips named files (deflate), names in UTF-8. */
export function zipFiles(files: Readonly<Record<string, Uint8Array | string>>): Uint8Array {
  return writeZip(
    Object.entries(files).map(([name, data]) => ({
      name,
      data: typeof data === 'string' ? utf8(data) : data,
    })),
  );
}

// ---------------------------------------------------------------------------------------------
// tiff

/**
 * A little-endian baseline TIFF header declaring `width` × `height` float32 pixels with GeoTIFF
 * tie point and pixel scale (WGS 84), but holding only one strip of 4 bytes: its size is a few
 * hundred bytes however large it claims to be.
 */
export function hugeDeclaredTiff(width: number, height: number): Uint8Array {
  // tag, type (3 SHORT, 4 LONG, 12 DOUBLE), count, value or doubles
  const doubles: Record<number, number[]> = {
    33550: [0.001, 0.001, 0], // ModelPixelScale
    33922: [0, 0, 0, 100, 32, 0], // ModelTiepoint
  };
  const geoKeys = [1, 1, 0, 3, 1024, 0, 1, 2, 1025, 0, 1, 1, 2048, 0, 1, 4326];
  const tags: [number, number, number, number][] = [
    [256, 4, 1, width],
    [257, 4, 1, height],
    [258, 3, 1, 32],
    [259, 3, 1, 1],
    [262, 3, 1, 1],
    [273, 4, 1, 0], // StripOffsets → patched to the 4 data bytes
    [277, 3, 1, 1],
    [278, 4, 1, height],
    [279, 4, 1, 4],
    [339, 3, 1, 3],
    [33550, 12, 3, 0],
    [33922, 12, 6, 0],
    [34735, 3, geoKeys.length, 0],
  ];
  const ifdSize = 2 + tags.length * 12 + 4;
  const extraStart = 8 + ifdSize;
  const extra: Uint8Array[] = [];
  let extraAt = extraStart;
  const offsets = new Map<number, number>();
  for (const [tag] of tags) {
    const values = doubles[tag];
    if (values !== undefined) {
      const b = new Uint8Array(values.length * 8);
      const v = new DataView(b.buffer);
      values.forEach((n, i) => v.setFloat64(i * 8, n, true));
      offsets.set(tag, extraAt);
      extra.push(b);
      extraAt += b.length;
    } else if (tag === 34735) {
      const b = new Uint8Array(geoKeys.length * 2);
      const v = new DataView(b.buffer);
      geoKeys.forEach((n, i) => v.setUint16(i * 2, n, true));
      offsets.set(tag, extraAt);
      extra.push(b);
      extraAt += b.length;
    }
  }
  const dataAt = extraAt;
  const out = new Uint8Array(dataAt + 4);
  const v = new DataView(out.buffer);
  out[0] = 0x49;
  out[1] = 0x49;
  v.setUint16(2, 42, true);
  v.setUint32(4, 8, true);
  v.setUint16(8, tags.length, true);
  tags.forEach(([tag, type, count, value], i) => {
    const o = 10 + 12 * i;
    v.setUint16(o, tag, true);
    v.setUint16(o + 2, type, true);
    v.setUint32(o + 4, count, true);
    const pointer = offsets.get(tag);
    if (pointer !== undefined) v.setUint32(o + 8, pointer, true);
    else if (tag === 273) v.setUint32(o + 8, dataAt, true);
    else if (type === 3) v.setUint16(o + 8, value, true);
    else v.setUint32(o + 8, value, true);
  });
  v.setUint32(10 + 12 * tags.length, 0, true);
  let at = extraStart;
  for (const b of extra) {
    out.set(b, at);
    at += b.length;
  }
  v.setFloat32(dataAt, 42, true);
  return out;
}
