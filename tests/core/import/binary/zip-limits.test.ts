// @vitest-environment node
import { zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { IMPORT_LIMITS } from '../../../../src/core/import/limits';
import { readZipDirectory, readZipSafely } from '../../../../src/core/import/zip-limits';

const all = (): boolean => true;

/** Rewrites the declared uncompressed size of every entry (central directory and local header). */
function declareSize(zipBytes: Uint8Array, size: number): Uint8Array {
  const out = zipBytes.slice();
  const v = new DataView(out.buffer);
  for (let o = 0; o + 4 <= out.length; o++) {
    const sig = v.getUint32(o, true);
    if (sig === 0x02014b50) v.setUint32(o + 24, size, true);
    else if (sig === 0x04034b50) v.setUint32(o + 22, size, true);
  }
  return out;
}

function expectProblem(result: ReturnType<typeof readZipSafely>) {
  if (!('problem' in result)) throw new Error('expected a problem');
  expect(result.problem.severity).toBe('error');
  expect(result.problem.message).toMatch(/^Expected .+\.$/s);
  expect(result.problem.message_zh.length).toBeGreaterThan(5);
  return result.problem;
}

describe('readZipSafely', () => {
  it('returns the accepted entries, inflated, and skips __MACOSX and directories', () => {
    const bytes = zipSync({
      'a/roads.shp': new Uint8Array([1, 2, 3]),
      'a/readme.txt': new TextEncoder().encode('hello'),
      '__MACOSX/a/._roads.shp': new Uint8Array([9]),
      'a/empty/': new Uint8Array(0),
      'a/big.dbf': new Uint8Array(5000).fill(65),
    });
    const result = readZipSafely('roads.zip', bytes, (name) => !name.endsWith('.txt'));
    if (!('entries' in result)) throw new Error(result.problem.message);
    expect([...result.entries.keys()].sort()).toEqual(['a/big.dbf', 'a/roads.shp']);
    expect(Array.from(result.entries.get('a/roads.shp') ?? [])).toEqual([1, 2, 3]);
    expect(result.entries.get('a/big.dbf')?.every((b) => b === 65)).toBe(true);
  });

  it('treats ../ names as plain names (nothing is ever written)', () => {
    const bytes = zipSync({ '../../etc/x.shp': new Uint8Array([7]) });
    const result = readZipSafely('evil.zip', bytes, all);
    if (!('entries' in result)) throw new Error(result.problem.message);
    expect([...result.entries.keys()]).toEqual(['../../etc/x.shp']);
  });

  it('refuses garbage bytes with a .zip name as unreadable', () => {
    const garbage = new Uint8Array(4096).map((_, i) => (i * 7919) % 251);
    const p = expectProblem(readZipSafely('data.zip', garbage, all));
    expect(p.code).toBe('unreadable');
    expect(p.where).toBe('data.zip');
  });

  it('refuses an empty or tiny file as unreadable', () => {
    expect(expectProblem(readZipSafely('x.zip', new Uint8Array(0), all)).code).toBe('unreadable');
  });

  it('refuses a truncated zip as unreadable', () => {
    const bytes = zipSync({ 'a.shp': new Uint8Array(10000).map((_, i) => i % 97) });
    const cut = new Uint8Array([...bytes.subarray(0, 100), ...bytes.subarray(bytes.length - 22)]);
    expect(expectProblem(readZipSafely('x.zip', cut, all)).code).toBe('unreadable');
  });

  it('refuses more entries than maxZipEntries before reading them', () => {
    const files: Record<string, Uint8Array> = {};
    for (let i = 0; i <= IMPORT_LIMITS.maxZipEntries; i++) files[`f${i}.txt`] = new Uint8Array([1]);
    const p = expectProblem(readZipSafely('many.zip', zipSync(files), all));
    expect(p.code).toBe('zip-too-many-entries');
    expect(p.message).toContain('1,001');
  });

  it('accepts exactly maxZipEntries entries', () => {
    const files: Record<string, Uint8Array> = {};
    for (let i = 0; i < IMPORT_LIMITS.maxZipEntries; i++) files[`f${i}.txt`] = new Uint8Array([1]);
    const result = readZipSafely('many.zip', zipSync(files), (n) => n === 'f0.txt');
    expect('entries' in result).toBe(true);
  });

  it('refuses a real 20 MB-of-zeros bomb by its compression ratio, without inflating it', () => {
    const bytes = zipSync({ 'bomb.dbf': new Uint8Array(20 * 1024 * 1024) }, { level: 9 });
    expect(bytes.length).toBeLessThan(100_000);
    const t0 = performance.now();
    const p = expectProblem(readZipSafely('bomb.zip', bytes, all));
    const ms = performance.now() - t0;
    expect(p.code).toBe('zip-bomb');
    expect(p.where).toBe('bomb.zip › bomb.dbf');
    expect(ms).toBeLessThan(1000);
  });

  it('ignores a bomb entry the caller does not accept', () => {
    const bytes = zipSync({
      'bomb.bin': new Uint8Array(20 * 1024 * 1024),
      'a.shp': new Uint8Array([1]),
    });
    const result = readZipSafely('x.zip', bytes, (n) => n.endsWith('.shp'));
    expect('entries' in result).toBe(true);
  });

  it('refuses a zip whose directory declares ~50 MB per entry in well under a second', () => {
    const bytes = declareSize(zipSync({ 'a.dbf': new Uint8Array(1000).fill(1) }), 50 * 1024 * 1024);
    const t0 = performance.now();
    const p = expectProblem(readZipSafely('x.zip', bytes, all));
    const ms = performance.now() - t0;
    expect(p.code).toBe('zip-bomb');
    expect(ms).toBeLessThan(1000);
    console.info(`50 MB-declared bomb refused in ${ms.toFixed(2)} ms`);
  });

  it('refuses when the declared total of accepted entries exceeds maxUncompressedBytes', () => {
    const bytes = zipSync(
      {
        'a.shp': new Uint8Array(3000).map((_, i) => i % 251),
        'b.dbf': new Uint8Array(3000).map((_, i) => i % 13),
      },
      { level: 0 },
    );
    const limits = { ...IMPORT_LIMITS, maxUncompressedBytes: 5000 };
    const p = expectProblem(readZipSafely('x.zip', bytes, all, limits));
    expect(p.code).toBe('zip-bomb');
    expect(p.where).toBe('x.zip');
    // The same zip is fine when only one entry is accepted: only accepted entries count.
    expect('entries' in readZipSafely('x.zip', bytes, (n) => n === 'a.shp', limits)).toBe(true);
  });

  it('refuses a lying header that under-declares an entry, stopping early', () => {
    const honest = zipSync({ 'a.dbf': new Uint8Array(20 * 1024 * 1024).fill(32) }, { level: 9 });
    // Declare 100 KB (ratio under 200:1 for this compressed size) for 20 MB of real data.
    const compressed = honest.length - 200;
    const lying = declareSize(honest, compressed * 100);
    const t0 = performance.now();
    const p = expectProblem(readZipSafely('x.zip', lying, all));
    const ms = performance.now() - t0;
    expect(p.code).toBe('zip-bomb');
    expect(p.message).toMatch(/inflates to more/);
    expect(ms).toBeLessThan(1000);
  });

  it('refuses a header that over-declares an entry as unreadable', () => {
    const honest = zipSync({ 'a.shp': new Uint8Array(1000).map((_, i) => i % 7) });
    const p = expectProblem(readZipSafely('x.zip', declareSize(honest, 1500), all));
    expect(p.code).toBe('unreadable');
    expect(p.message).toContain('found only 1,000');
  });

  it('refuses a stored entry whose sizes disagree', () => {
    const honest = zipSync({ 'a.shp': new Uint8Array(1000).fill(3) }, { level: 0 });
    const p = expectProblem(readZipSafely('x.zip', declareSize(honest, 2000), all));
    expect(p.code).toBe('unreadable');
  });

  it('refuses a damaged deflate stream as unreadable', () => {
    const bytes = zipSync({ 'a.shp': new Uint8Array(50000).map((_, i) => (i * 31) % 256) });
    const broken = bytes.slice();
    for (let i = 60; i < 400; i++) broken[i] = 0xff;
    expect(expectProblem(readZipSafely('x.zip', broken, all)).code).toBe('unreadable');
  });

  it('reads GBK entry names written without the UTF-8 flag', () => {
    const bytes = zipSync({ 'AB.shp': new Uint8Array([1]) });
    // Rewrite the 2-byte name "AB" as GBK 重 (0xD6 0xD8) in both headers.
    const out = bytes.slice();
    for (let o = 0; o + 4 <= out.length; o++) {
      if (out[o] === 0x41 && out[o + 1] === 0x42 && out[o + 2] === 0x2e) {
        out[o] = 0xd6;
        out[o + 1] = 0xd8;
      }
    }
    const dir = readZipDirectory(out);
    if (!('entries' in dir)) throw new Error('too many');
    expect(dir.entries[0]?.name).toBe('重.shp');
  });
});
