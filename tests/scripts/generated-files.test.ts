import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { checkOrWriteGenerated, isStale } from '../../scripts/build-data/generated-files';

afterEach(() => vi.restoreAllMocks());

describe('generated files', () => {
  it('a missing file or different text or bytes is stale; the same content is not', () => {
    const dir = mkdtempSync(join(tmpdir(), 'gen-'));
    const path = join(dir, 'a.json');
    expect(isStale(path, 'x')).toBe(true);
    writeFileSync(path, 'x');
    expect(isStale(path, 'x')).toBe(false);
    expect(isStale(path, 'y')).toBe(true);
    expect(isStale(path, new Uint8Array([0x78]))).toBe(false);
    expect(isStale(path, new Uint8Array([0x78, 0]))).toBe(true);
  });

  it('check reports a stale file with the label and the fix; write creates folders', () => {
    const errors: string[] = [];
    vi.spyOn(console, 'error').mockImplementation((m: string) => errors.push(m));
    vi.spyOn(console, 'log').mockImplementation(() => undefined);
    const dir = mkdtempSync(join(tmpdir(), 'gen-'));
    const target = join(dir, 'sub', 'g.bin');
    expect(checkOrWriteGenerated(target, 'abc', 'geodata/sub/g.bin', true)).toBe(1);
    expect(errors.join('\n')).toMatch(/geodata\/sub\/g\.bin differs.*\n.*npm run data:build/);
    expect(checkOrWriteGenerated(target, 'abc', 'geodata/sub/g.bin', false)).toBe(0);
    expect(readFileSync(target, 'utf8')).toBe('abc');
    expect(checkOrWriteGenerated(target, 'abc', 'geodata/sub/g.bin', true)).toBe(0);
  });
});
