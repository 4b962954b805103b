import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { decodeText } from '../../../src/core/import/decode-text';
import { codes, only, utf8 } from './helpers';

const gbk = new Uint8Array(
  readFileSync(join(dirname(fileURLToPath(import.meta.url)), 'fixtures', 'outlets-gbk.csv')),
);

describe('decodeText', () => {
  it('reads plain UTF-8 without problems', () => {
    const decoded = decodeText(utf8('名称,lon\n'), 'auto', 'a.csv');
    expect(decoded).toMatchObject({ text: '名称,lon\n', encoding: 'utf-8', problems: [] });
  });

  it('strips a UTF-8 BOM and says so', () => {
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...utf8('名称')]);
    const decoded = decodeText(bytes, 'auto', 'a.csv');
    expect(decoded.text).toBe('名称');
    expect(decoded.encoding).toBe('utf-8-bom');
  });

  it('falls back to GB18030 for GBK bytes (Chinese Excel) with a warning', () => {
    const decoded = decodeText(gbk, 'auto', 'outlets.csv');
    expect(decoded.encoding).toBe('gb18030');
    expect(decoded.text.startsWith('名称,经度,纬度,人口\n解放碑步行街')).toBe(true);
    const warning = only(decoded.problems, 'encoding-gb18030');
    expect(warning).toMatchObject({ severity: 'warning', where: 'outlets.csv' });
    expect(warning.message).toContain('GBK/GB18030');
    expect(warning.message_zh).toContain('GBK');
  });

  it('decodes UTF-16 LE and BE files with a BOM', () => {
    const text = '名称\tlon\n重庆\t106.5\n';
    const le = new Uint8Array(2 + text.length * 2);
    const be = new Uint8Array(2 + text.length * 2);
    le.set([0xff, 0xfe]);
    be.set([0xfe, 0xff]);
    for (let i = 0; i < text.length; i += 1) {
      const c = text.charCodeAt(i);
      le[2 + i * 2] = c & 0xff;
      le[3 + i * 2] = c >> 8;
      be[2 + i * 2] = c >> 8;
      be[3 + i * 2] = c & 0xff;
    }
    expect(decodeText(le, 'auto').text).toBe(text);
    expect(decodeText(be, 'auto').text).toBe(text);
    expect(decodeText(le, 'auto').utf16).toBe(true);
    expect(decodeText(le, 'auto').encoding).toBe('utf-16');
    // Without the byte-order mark, the zero bytes beside the ASCII characters tell it.
    expect(decodeText(le.subarray(2), 'auto').text).toBe(text);
    expect(decodeText(be.subarray(2), 'auto').text).toBe(text);
    expect(decodeText(be.subarray(2), 'auto').encoding).toBe('utf-16');
    // UTF-8 and GBK text never has zero bytes, so it is not mistaken for UTF-16.
    expect(decodeText(new TextEncoder().encode(text), 'auto').encoding).toBe('utf-8');
    expect(decodeText(gbk, 'auto').encoding).toBe('gb18030');
  });

  it('counts replacement characters when the user forces the wrong encoding', () => {
    const decoded = decodeText(gbk, 'utf-8', 'outlets.csv');
    expect(decoded.encoding).toBe('utf-8');
    const warning = only(decoded.problems, 'encoding-replacement');
    const count = Array.from(decoded.text).filter((c) => c === '\uFFFD').length;
    expect(count).toBeGreaterThan(0);
    expect(warning.message).toContain(`found ${count} byte sequence`);
  });

  it('honours a forced GB18030 on UTF-8 text (mojibake, but no replacement) and no warning when clean', () => {
    expect(decodeText(gbk, 'gb18030').problems).toEqual([]);
    expect(codes(decodeText(utf8('abc'), 'gb18030').problems)).toEqual([]);
  });
});
