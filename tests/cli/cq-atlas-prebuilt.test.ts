// @vitest-environment node
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..', '..');

/** A copy of the package (bin/ copied, the rest linked) with or without a prebuilt CLI. */
function packageCopy(withBundle: boolean): string {
  const dir = mkdtempSync(join(tmpdir(), 'cq-package-'));
  mkdirSync(join(dir, 'bin'));
  copyFileSync(join(ROOT, 'bin', 'cq-atlas.mjs'), join(dir, 'bin', 'cq-atlas.mjs'));
  for (const entry of ['src', 'geodata', 'node_modules', 'package.json', 'tsconfig.json']) {
    symlinkSync(join(ROOT, entry), join(dir, entry));
  }
  if (withBundle) {
    mkdirSync(join(dir, 'dist-cli'));
    for (const file of ['cq-atlas.mjs', 'inputs.json']) {
      copyFileSync(join(ROOT, 'dist-cli', file), join(dir, 'dist-cli', file));
    }
  }
  return dir;
}

function run(dir: string) {
  return spawnSync(process.execPath, ['bin/cq-atlas.mjs', 'coverage', '--lang', 'en'], {
    cwd: dir,
    encoding: 'utf8',
  });
}

describe('the prebuilt cq-atlas', () => {
  it('runs from the bundle without tsx, reading geodata/ from the package root', () => {
    const bundled = run(packageCopy(true));
    expect(bundled.stderr).toBe('');
    expect(bundled.status).toBe(0);
    expect(bundled.stdout).toContain('Whole city');
    // The bundle holds the CLI's code, not an import of the TypeScript sources.
    expect(readFileSync(join(ROOT, 'dist-cli', 'cq-atlas.mjs'), 'utf8')).not.toMatch(
      /from ["'][^"']*\.ts["']/,
    );
  }, 60_000);

  it('says the bundle is missing and runs the sources through tsx, with the same report', () => {
    const bundled = run(packageCopy(true));
    const fallback = run(packageCopy(false));
    expect(fallback.stderr).toBe(
      'cq-atlas: note: dist-cli/cq-atlas.mjs is missing; running the TypeScript sources through ' +
        'tsx (slower start). `npm run build:cli` builds the bundle.\n',
    );
    expect(fallback.status).toBe(0);
    expect(fallback.stdout).toBe(bundled.stdout);
  }, 60_000);
});
