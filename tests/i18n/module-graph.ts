import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

/** Where the repository's sources are, for paths relative to it. */
export const REPO_ROOT = resolve(dirname(new URL(import.meta.url).pathname), '../..');

const IMPORT_PATTERNS = [
  // import x from '…', import { a, type B } from '…', export { a } from '…' (not `import type`)
  /(?:^|[\s;])(?:import|export)\s+(?!type\s)[^;'"`]*?\sfrom\s+['"]([^'"]+)['"]/g,
  // import '…' (side effect)
  /(?:^|[\s;])import\s+['"]([^'"]+)['"]/g,
  // import('…') (on demand)
  /\bimport\(\s*['"]([^'"]+)['"]\s*\)/g,
];

function resolveImport(from: string, specifier: string): string | null {
  if (!specifier.startsWith('.')) return null;
  const base = resolve(dirname(from), specifier.replace(/\?.*$/, ''));
  for (const candidate of [base, `${base}.ts`, `${base}.tsx`, join(base, 'index.ts')]) {
    if (/\.(ts|tsx|json)$/.test(candidate) && existsSync(candidate)) return candidate;
  }
  return null;
}

/**
 * The repository's own modules a page can run, starting from `entry` and following static and
 * on-demand imports (not `import type`), never entering a module in `stopAt`. Paths are relative
 * to the repository.
 */
export function reachableModules(entry: string, stopAt: readonly string[] = []): Set<string> {
  const stop = new Set(stopAt.map((path) => resolve(REPO_ROOT, path)));
  const seen = new Set<string>();
  const queue = [resolve(REPO_ROOT, entry)];
  while (queue.length > 0) {
    const file = queue.pop();
    if (file === undefined || seen.has(file) || stop.has(file)) continue;
    seen.add(file);
    if (file.endsWith('.json')) continue;
    const text = readFileSync(file, 'utf8');
    for (const pattern of IMPORT_PATTERNS) {
      for (const match of text.matchAll(pattern)) {
        const target = resolveImport(file, match[1] ?? '');
        if (target !== null) queue.push(target);
      }
    }
  }
  return new Set([...seen].map((file) => relative(REPO_ROOT, file)));
}

/**
 * The message keys a module's text names: as quoted strings, or (a template such as
 * `correction.source.${s}`) every key the template's fixed start can begin.
 */
export function messageKeysIn(text: string, keys: readonly string[]): string[] {
  const prefixes = [...text.matchAll(/`([A-Za-z]+\.[A-Za-z.-]*)\$\{/g)].map((m) => m[1] ?? '');
  return keys.filter(
    (key) =>
      text.includes(`'${key}'`) ||
      text.includes(`"${key}"`) ||
      text.includes(`\`${key}\``) ||
      prefixes.some((prefix) => key.startsWith(prefix)),
  );
}
