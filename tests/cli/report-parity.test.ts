// @vitest-environment node
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, type CliIo } from '../../src/cli/cq-atlas.ts';
import { parseCatalogue } from '../../src/core/catalogue/catalogue.ts';
import { CoverageSession, type SessionNode } from '../../src/core/coverage/coverage-session.ts';
import { DEFAULT_QUALIFYING, planSiteNodes } from '../../src/core/coverage/fresh-food-nodes.ts';
import type { PlanFeatureCollection } from '../../src/core/plan/plan-feature.ts';
import { validatePlanLayer } from '../../src/core/plan/validate.ts';
import { reportToCsv, reportToJson } from '../../src/core/report/coverage-report.ts';
import {
  PLAN_RULE,
  ruleOrThrow,
  type CoverageRule,
} from '../../src/core/coverage/coverage-rule.ts';

const ROOT = join(import.meta.dirname, '..', '..');
const GEODATA = join(ROOT, 'geodata');

/**
 * The browser's road to an export, in-process: the plan layers loaded and validated as
 * src/app/load-data.ts does, the baseline sites chosen and named as the coverage controller does
 * (qualifying layers, co-located nodes as one site, names in the page's language), the session started as the worker starts it,
 * the report cloned across the worker boundary and serialised as the JSON export does.
 */
function browserSession(lang: 'zh' | 'en', rule: CoverageRule): CoverageSession {
  const parsed = parseCatalogue(JSON.parse(readFileSync(join(GEODATA, 'catalogue.json'), 'utf8')));
  if (!parsed.ok) throw new Error('catalogue');
  const collections: Record<string, PlanFeatureCollection> = {};
  for (const layer of parsed.catalogue.layers) {
    const json: unknown = JSON.parse(readFileSync(join(GEODATA, layer.data), 'utf8'));
    collections[layer.id] = validatePlanLayer(json, layer.id, layer.data).collection;
  }
  const available = parsed.catalogue.layers
    .map((layer) => layer.id)
    .filter((id) => DEFAULT_QUALIFYING.layers.includes(id));
  const baseline: SessionNode[] = planSiteNodes(Object.values(collections), 'planned', lang, {
    layers: available,
    categoryPrefixes: [],
  });
  const grid = readFileSync(join(GEODATA, 'population', 'population-grid.bin'));
  const session = CoverageSession.create(grid, baseline, baseline, PLAN_RULE);
  session.update();
  if (rule !== PLAN_RULE) session.setRule(rule);
  return session;
}

async function cliWrites(...argv: string[]): Promise<Map<string, string>> {
  const written = new Map<string, string>();
  const io: CliIo = {
    out: () => undefined,
    err: (text) => {
      throw new Error(text);
    },
    readFile: (path) => readFileSync(join(ROOT, path)),
    writeFile: (path, text) => written.set(path, text),
  };
  expect(await runCli(argv, io)).toBe(0);
  return written;
}

describe('one coverage report for the browser and the CLI', () => {
  it('gives byte-identical JSON and CSV from `cq-atlas coverage` and the browser export (plan nodes, default rule, modelled population)', async () => {
    const report = structuredClone(browserSession('zh', PLAN_RULE).coverageReport());
    const written = await cliWrites('coverage', '--json', 'r.json', '--csv', 'r.csv');
    expect(written.get('r.json')).toBe(reportToJson(report));
    expect(written.get('r.csv')).toBe(reportToCsv(report));
    expect(report.nodes).toHaveLength(45);
  });

  it('stays identical in English and under another rule', async () => {
    const rule = ruleOrThrow({ urbanRadius: 2500, ruralRadius: 4000 });
    const report = structuredClone(browserSession('en', rule).coverageReport());
    const written = await cliWrites(
      'coverage',
      '--lang',
      'en',
      '--urban-radius',
      '2500',
      '--rural-radius',
      '4000',
      '--json',
      'r.json',
    );
    expect(written.get('r.json')).toBe(reportToJson(report));
    expect(report.parameters).toMatchObject({ urbanRadius: 2500, ruralRadius: 4000 });
  });

  it('is the same from the prebuilt command (bin/cq-atlas.mjs running dist-cli/cq-atlas.mjs)', () => {
    const report = structuredClone(browserSession('zh', PLAN_RULE).coverageReport());
    const dir = mkdtempSync(join(tmpdir(), 'cq-bundle-'));
    const run = spawnSync(
      process.execPath,
      ['bin/cq-atlas.mjs', 'coverage', '--json', join(dir, 'r.json'), '--csv', join(dir, 'r.csv')],
      { cwd: ROOT, encoding: 'utf8' },
    );
    // No note on stderr: the bundle ran, not the tsx fallback.
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(readFileSync(join(dir, 'r.json'), 'utf8')).toBe(reportToJson(report));
    expect(readFileSync(join(dir, 'r.csv'), 'utf8')).toBe(reportToCsv(report));
  }, 60_000);
});
