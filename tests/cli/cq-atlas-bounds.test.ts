// @vitest-environment node
/**
 * The CLI's reads are bounded as the browser's are (issue 20): devices and FIFOs are refused
 * without being read, files past the browser's size limit are refused, and an output path that
 * names an input (or another output) is refused before anything runs.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { InputRefused, readBoundedFile, sameFile } from '../../src/cli/bounded-read.ts';
import { runCli, type CliIo } from '../../src/cli/cq-atlas.ts';
import { cliInProcess } from './in-process.ts';
import { IMPORT_LIMITS } from '../../src/core/import/limits.ts';

const ROOT = join(import.meta.dirname, '..', '..');
const DEMAND = 'tests/cli/fixtures/in/demand.csv';

/** Runs the real command (bin/cq-atlas.mjs) and says how long it took. */
function spawnCli(...argv: string[]) {
  const started = Date.now();
  const run = spawnSync(process.execPath, ['bin/cq-atlas.mjs', ...argv], {
    cwd: ROOT,
    encoding: 'utf8',
    // Before: /dev/zero was read until memory ran out (2.2 GB after 40 s), a FIFO waited forever.
    timeout: 45_000,
  });
  return { ...run, ms: Date.now() - started };
}

describe('cq-atlas reads only regular files of bounded size', () => {
  it('refuses --demand /dev/zero at once with a sentence', () => {
    const run = spawnCli('coverage', '--demand', '/dev/zero');
    expect(run.signal).toBeNull();
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('cq-atlas: /dev/zero 不是普通文件');
    // About a second (loading the CLI); a generous bound for a busy machine.
    expect(run.ms).toBeLessThan(30_000);
  }, 60_000);

  it('refuses a FIFO without waiting for a writer', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cq-fifo-'));
    const fifo = join(dir, 'outlets.csv');
    execFileSync('mkfifo', [fifo]);
    const run = spawnCli('coverage', '--lang', 'en', '--nodes', fifo);
    expect(run.signal).toBeNull();
    expect(run.status).toBe(1);
    expect(run.stderr).toContain(`${fifo} is not a regular file`);
  }, 60_000);

  it('reads at most the browser’s file-size limit', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cq-size-'));
    const path = join(dir, 'big.csv');
    writeFileSync(path, 'x'.repeat(5000));
    expect(readBoundedFile(path, 5000)).toHaveLength(5000);
    expect(() => readBoundedFile(path, 4999)).toThrow(InputRefused);
    try {
      readBoundedFile(path, 4999);
    } catch (error) {
      expect(error).toMatchObject({ reason: 'too-large', bytes: 5000 });
    }
    // The CLI asks for the limit the browser's importer uses (src/core/import/limits.ts) and
    // says it in the chosen language.
    const asked: number[] = [];
    const err: string[] = [];
    const io: CliIo = {
      out: () => undefined,
      err: (text) => err.push(text),
      readFile: (file, maxBytes) => {
        asked.push(maxBytes);
        throw new InputRefused(file, 'too-large', maxBytes + 1);
      },
      writeFile: () => undefined,
    };
    expect(await runCli(['coverage', '--lang', 'en', '--demand', 'huge.csv'], io)).toBe(1);
    expect(asked).toEqual([IMPORT_LIMITS.maxFileBytes]);
    expect(err.join('\n')).toContain(
      `huge.csv has ${(IMPORT_LIMITS.maxFileBytes + 1).toLocaleString('en-GB')} bytes, more than 200 MB`,
    );
  });
});

describe('cq-atlas never writes over its inputs', () => {
  const run = (...argv: string[]) => cliInProcess(argv);

  it('refuses --units naming the --demand file, however it is spelled', async () => {
    const refused = await run(
      'coverage',
      '--lang',
      'en',
      '--demand',
      DEMAND,
      '--units',
      `./${DEMAND}`,
    );
    expect(refused.code).toBe(2);
    expect(refused.err).toContain(
      `--units ./${DEMAND} is the same file as the input --demand ${DEMAND}`,
    );
    expect(refused.written.size).toBe(0);
    const zh = await run('coverage', '--nodes', DEMAND, '--json', DEMAND);
    expect(zh.code).toBe(2);
    expect(zh.err).toContain('输出不会覆盖输入');
  });

  it('refuses two outputs on one file, and a link to an input', async () => {
    const twice = await run('coverage', '--lang', 'en', '--json', 'out.txt', '--csv', 'out.txt');
    expect(twice.code).toBe(2);
    expect(twice.err).toContain('--csv out.txt is the same file as --json');
    const dir = mkdtempSync(join(tmpdir(), 'cq-link-'));
    const input = join(dir, 'demand.csv');
    writeFileSync(input, 'lon,lat,population\n106.5,29.5,10\n');
    const link = join(dir, 'report.json');
    symlinkSync(input, link);
    expect(sameFile(link, input)).toBe(true);
    expect(sameFile(join(dir, 'other.json'), input)).toBe(false);
  });
});
