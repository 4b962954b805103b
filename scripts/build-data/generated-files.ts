/**
 * Generated files under `geodata/`: the one comparison of a fresh build with the committed file,
 * the one "stale" message, and the one check-or-write step that `data:build` / `data:check` use
 * for every generated file (layers, population grid, gazetteer).
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

/** What a stale generated file asks of the person who ran the check. */
export const STALE_HINT =
  'Run `npm run data:build` and commit the result (do not edit generated files by hand).';

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** True when `path` is missing or does not hold exactly `content`. */
export function isStale(path: string, content: string | Uint8Array): boolean {
  if (!existsSync(path)) return true;
  return typeof content === 'string'
    ? readFileSync(path, 'utf8') !== content
    : !sameBytes(readFileSync(path), content);
}

/**
 * `check`: compare `target` with `content` and report (exit code 1 when stale). Otherwise write
 * it. `label` names the file in messages, e.g. `geodata/gazetteer/gazetteer.json`.
 */
export function checkOrWriteGenerated(
  target: string,
  content: string | Uint8Array,
  label: string,
  check: boolean,
): number {
  if (check) {
    if (isStale(target, content)) {
      console.error(
        `data:check failed: ${label} differs from a fresh build of geodata/raw/.\n${STALE_HINT}`,
      );
      return 1;
    }
    console.log(`data:check ok: ${label} matches a fresh build.`);
    return 0;
  }
  mkdirSync(dirname(target), { recursive: true });
  writeFileSync(target, content);
  return 0;
}
