import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli, type CliIo } from '../../src/cli/cq-atlas.ts';

const ROOT = join(import.meta.dirname, '..', '..');

/** What an in-process run printed and wrote, and its exit status. */
export interface CliRun {
  readonly code: number;
  readonly out: string;
  readonly err: string;
  readonly written: Map<string, string>;
}

/**
 * Runs `cq-atlas` in-process from the repository root: `files` are served instead of the disk
 * (bytes made in the test: a workbook, GBK text …); other paths are read from the repository, or
 * are missing (ENOENT) with `disk: false`. Written files are kept, not written.
 */
export async function cliInProcess(
  argv: readonly string[],
  files: Readonly<Record<string, Uint8Array | string>> = {},
  { disk = true }: { readonly disk?: boolean } = {},
): Promise<CliRun> {
  const out: string[] = [];
  const err: string[] = [];
  const written = new Map<string, string>();
  const io: CliIo = {
    out: (text) => out.push(text),
    err: (text) => err.push(text),
    readFile: (path) => {
      const served = files[path];
      if (typeof served === 'string') return new TextEncoder().encode(served);
      if (served !== undefined) return served;
      if (!disk) throw Object.assign(new Error(`missing: ${path}`), { code: 'ENOENT' });
      return readFileSync(join(ROOT, path));
    },
    writeFile: (path, text) => written.set(path, text),
  };
  const code = await runCli(argv, io);
  return { code, out: out.join('\n'), err: err.join('\n'), written };
}
