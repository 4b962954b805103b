/**
 * The JavaScript a page fetched, in KB gzip as built: every `assets/*.js` and `*.mjs` among the
 * requested URLs (the page's and its workers'), each counted once and gzipped from the build's
 * own file, so the figure does not depend on whether the server compresses. Used by
 * scripts/measure-budgets.ts and the public-start budget e2e test.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

export interface FetchedJs {
  /** Sum over `files`, KB (1000 bytes) gzip. */
  readonly kb: number;
  readonly files: readonly { readonly name: string; readonly kb: number }[];
}

export function fetchedJs(urls: readonly string[], assetsDir: string): FetchedJs {
  const names = [
    ...new Set(
      urls
        .map((url) => /\/assets\/([^/?#]+\.m?js)(?:[?#].*)?$/.exec(url)?.[1])
        .filter((name): name is string => name !== undefined),
    ),
  ];
  const files = names.map((name) => ({
    name,
    kb: gzipSync(readFileSync(join(assetsDir, name))).length / 1000,
  }));
  return { kb: files.reduce((sum, file) => sum + file.kb, 0), files };
}
