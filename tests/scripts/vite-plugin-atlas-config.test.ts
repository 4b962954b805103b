import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'vite';
import { describe, expect, it } from 'vitest';
import {
  atlasConfigBuildProblems,
  atlasConfigCheck,
} from '../../scripts/vite-plugin-atlas-config.ts';

function publicDirWith(local: unknown): string {
  const dir = mkdtempSync(join(tmpdir(), 'atlas-config-'));
  writeFileSync(
    join(dir, 'atlas-config.json'),
    JSON.stringify({
      baseMaps: [
        {
          id: 'tianditu-vector',
          enabled: false,
          title: { zh: '天地图', en: 'Tianditu' },
          layers: [['https://t0.tianditu.gov.cn/vec_w/wmts?tk={key}&x={x}&y={y}&z={z}']],
          attribution: '天地图',
          requiresApprovalNumber: true,
        },
      ],
    }),
  );
  if (local !== undefined)
    writeFileSync(join(dir, 'atlas-config.local.json'), JSON.stringify(local));
  return dir;
}

const enabledWithoutNumber = {
  baseMaps: { 'tianditu-vector': { enabled: true, key: 'abcdef0123456789' } },
};

describe('the public-build check of base maps', () => {
  it('refuses a public build with a base map that needs an approval number and has none', () => {
    const dir = publicDirWith(enabledWithoutNumber);
    expect(atlasConfigBuildProblems(dir, 'public')).toHaveLength(1);
    expect(atlasConfigBuildProblems(dir, undefined)).toEqual([]);
    const approved = publicDirWith({
      baseMaps: {
        'tianditu-vector': {
          enabled: true,
          key: 'abcdef0123456789',
          approvalNumber: 'GS(2024)0650号',
        },
      },
    });
    expect(atlasConfigBuildProblems(approved, 'public')).toEqual([]);
    expect(atlasConfigBuildProblems(publicDirWith(undefined), 'public')).toEqual([]);
  });

  it('makes vite build warn, naming 审图号, and go on (the public map leaves the base map out)', async () => {
    const dir = publicDirWith(enabledWithoutNumber);
    const root = mkdtempSync(join(tmpdir(), 'atlas-build-'));
    writeFileSync(
      join(root, 'index.html'),
      '<!doctype html><script type="module" src="./main.js"></script>',
    );
    writeFileSync(join(root, 'main.js'), 'console.log(1);');
    process.env['VITE_ATLAS_MODE'] = 'public';
    const warnings: string[] = [];
    try {
      await build({
        root,
        publicDir: dir,
        configFile: false,
        logLevel: 'silent',
        plugins: [atlasConfigCheck()],
        build: {
          outDir: join(root, 'dist'),
          write: false,
          rolldownOptions: {
            onLog: (level, log) => {
              if (level === 'warn') warnings.push(log.message);
            },
          },
        },
      });
      expect(warnings.join('\n')).toMatch(/leaves out[\s\S]*审图号/);
    } finally {
      delete process.env['VITE_ATLAS_MODE'];
    }
  });
});
