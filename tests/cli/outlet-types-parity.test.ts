// @vitest-environment node
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sessionNode } from '../../src/app/coverage/coverage-context.ts';
import { embeddedPlanData, planQualifyingRule } from '../../src/cli/embedded-data.ts';
import { PLAN_RULE } from '../../src/core/coverage/coverage-rule.ts';
import { CoverageSession } from '../../src/core/coverage/coverage-session.ts';
import { planSiteNodes } from '../../src/core/coverage/fresh-food-nodes.ts';
import { builtInGazetteer } from '../../src/core/import/gazetteer.ts';
import { importBytes } from '../../src/core/import/import-bytes.ts';
import { outletTypesToCsv, type CoverageReport } from '../../src/core/report/coverage-report.ts';
import { nodesFromFeatures } from '../../src/core/scenario/nodes-from-features.ts';
import {
  cliOnTypedOutlets,
  TYPED_FIFTEEN_MINUTE_ARGS,
  TYPED_WORKBOOK,
} from './typed-outlets-cli.ts';

const ROOT = join(import.meta.dirname, '..', '..');

/**
 * The browser's road, in-process: the import worker's importBytes, "Analyse these outlets only"
 * (nodesFromFeatures with no ids taken, the scenario's nodes handed to the worker as sessionNode
 * makes them), the worker's session with the plan's baseline, and the panel's preset and basket
 * through setOutletTypes with the built-in gazetteer; the report cloned across the worker boundary.
 */
async function browserSession(): Promise<CoverageSession> {
  const result = await importBytes('outlets.xlsx', TYPED_WORKBOOK, { role: 'nodes' });
  const nodes = nodesFromFeatures(result.features, 'outlets', new Set());
  const plan = planSiteNodes(
    Object.values(embeddedPlanData().collections),
    'planned',
    'zh',
    planQualifyingRule(),
  );
  const grid = readFileSync(join(ROOT, 'geodata', 'population', 'population-grid.bin'));
  const session = CoverageSession.create(grid, plan, plan, PLAN_RULE);
  session.replaceNodes(nodes.map(sessionNode));
  session.setOutletTypes(
    { preset: 'fifteen-minute', basket: ['wet-market', 'fresh-grocery'], view: { kind: 'basket' } },
    await builtInGazetteer(),
  );
  return session;
}

describe('per-type and basket figures: the CLI equals the browser path on the same file', () => {
  it('gives the same outletTypes section in the JSON and the same type rows in the CSV', async () => {
    const { code, written } = await cliOnTypedOutlets(
      'coverage',
      ...TYPED_FIFTEEN_MINUTE_ARGS,
      '--json',
      'r.json',
      '--csv',
      'r.csv',
    );
    expect(code).toBe(0);
    const cli = JSON.parse(written.get('r.json') ?? '{}') as CoverageReport;
    const browser = structuredClone((await browserSession()).coverageReport());
    if (browser.outletTypes === undefined)
      throw new Error('The browser report has no outletTypes.');
    expect(cli.outletTypes).toEqual(browser.outletTypes);
    expect(cli.totals).toEqual(browser.totals);
    const typeRows = (written.get('r.csv') ?? '').split('\r\n\r\n')[1];
    expect(typeRows).toBe(outletTypesToCsv(browser.outletTypes).replace(/^\uFEFF/u, ''));
    // Two full analyses with their seeded draws: 34 s on the shared machine under load.
  }, 180_000);

  it('suggests the same sites for one type and for the basket (suggest --for)', async () => {
    const session = await browserSession();
    for (const [word, target] of [
      ['菜市场', { type: '菜市场' }],
      ['basket', { basket: ['菜市场', '生鲜超市（菜店）'] }],
    ] as const) {
      const { code, out, written } = await cliOnTypedOutlets(
        'suggest',
        '--k',
        '3',
        '--for',
        word,
        ...TYPED_FIFTEEN_MINUTE_ARGS,
        '--json',
        's.json',
      );
      expect(code).toBe(0);
      const browser = structuredClone(session.suggest({ k: 3 }, target));
      const cli = JSON.parse(written.get('s.json') ?? '{}') as typeof browser;
      expect(cli.outlet).toEqual(browser.outlet);
      expect(cli.sites).toEqual(browser.sites);
      expect(browser.outlet?.basket === null).toBe(word !== 'basket');
      // The printed note says what the sites are for, as the panel does.
      expect(out).toContain(word === 'basket' ? '选址业态为' : '按菜市场的距离规则');
    }
  }, 180_000);
});
