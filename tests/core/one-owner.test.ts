import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

/** Every TypeScript source file of the app, the CLI and the build scripts. */
function sources(root: string): string[] {
  return readdirSync(root).flatMap((entry) => {
    const path = join(root, entry);
    if (statSync(path).isDirectory()) return sources(path);
    return /\.tsx?$/.test(entry) ? [path] : [];
  });
}

const files = [...sources('src'), ...sources('scripts')].map((path) => ({
  path,
  text: readFileSync(path, 'utf8'),
}));

const where = (pattern: RegExp) =>
  files.filter((file) => pattern.test(file.text)).map((file) => file.path);

describe('one owner per idea', () => {
  it('declares the Earth radius and the haversine once (src/core/geo/haversine.ts)', () => {
    expect(where(/6_?371_?008|6371\.0088/)).toEqual(['src/core/geo/haversine.ts']);
    expect(where(/function haversine/)).toEqual(['src/core/geo/haversine.ts']);
  });

  it('checks a rule radius range only in src/core/coverage/coverage-rule.ts', () => {
    expect(where(/urbanRadius\s*[<>]=?\s*\d|ruralRadius\s*[<>]=?\s*\d/)).toEqual([]);
    expect(where(/interface (FreshFoodRule|CoverageRule)\b/)).toEqual([
      'src/core/coverage/coverage-rule.ts',
    ]);
  });
});
