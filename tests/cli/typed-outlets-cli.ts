import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli, type CliIo } from '../../src/cli/cq-atlas.ts';
import { typedOutletsWorkbook } from '../fixtures/typed-outlets.ts';

const ROOT = join(import.meta.dirname, '..', '..');

/** The generated workbook of 40 typed outlets, as `outlets.xlsx` for the CLI runs below. */
export const TYPED_WORKBOOK = typedOutletsWorkbook(40);

/**
 * Runs `cq-atlas` in-process with `outlets.xlsx` standing for {@link TYPED_WORKBOOK} and every other
 * path read from the repository; what it prints and writes is kept for the test.
 */
export async function cliOnTypedOutlets(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const written = new Map<string, string>();
  const io: CliIo = {
    out: (text) => out.push(text),
    err: (text) => err.push(text),
    readFile: (path) => (path === 'outlets.xlsx' ? TYPED_WORKBOOK : readFileSync(join(ROOT, path))),
    writeFile: (path, text) => written.set(path, text),
  };
  const code = await runCli(argv, io);
  return { code, out: out.join('\n'), err: err.join('\n'), written };
}
