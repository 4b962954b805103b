import { expect, test } from '@playwright/test';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CoverageReport } from '../../src/core/report/coverage-report';
import { typedOutletsWorkbook } from '../fixtures/typed-outlets';
import { AtlasDriver } from './atlas-driver';

const percent = (rate: number | null) =>
  rate === null
    ? '—'
    : `${new Intl.NumberFormat('zh-CN', {
        maximumFractionDigits: 1,
        minimumFractionDigits: 1,
      }).format(rate * 100)}%`;

/**
 * Where two values differ: numbers beyond 1e-12 relative, other values unequal, keys not the same.
 * Plain JavaScript, then one assertion: a Playwright `expect` per number took minutes over the
 * per-township tables.
 */
function differences(actual: unknown, expected: unknown, path = '$', out: string[] = []): string[] {
  if (out.length >= 20) return out;
  if (typeof expected === 'number' && typeof actual === 'number') {
    const scale = Math.max(1, Math.abs(expected));
    if (!(Math.abs(actual - expected) / scale <= 1e-12))
      out.push(`${path}: ${String(actual)} ≠ ${String(expected)}`);
    return out;
  }
  if (typeof expected !== 'object' || expected === null) {
    if (actual !== expected)
      out.push(`${path}: ${JSON.stringify(actual)} ≠ ${JSON.stringify(expected)}`);
    return out;
  }
  if (typeof actual !== 'object' || actual === null) {
    out.push(`${path}: ${JSON.stringify(actual)} is not an object`);
    return out;
  }
  const a = actual as Record<string, unknown>;
  const e = expected as Record<string, unknown>;
  const keys = Object.keys(e).sort();
  if (Object.keys(a).sort().join('|') !== keys.join('|')) {
    out.push(`${path}: keys ${Object.keys(a).sort().join(',')} ≠ ${keys.join(',')}`);
    return out;
  }
  for (const key of keys) differences(a[key], e[key], `${path}.${key}`, out);
  return out;
}

/** Deep equality with numbers equal to 1e-12 relative (and exactly equal keys and strings). */
function expectClose(actual: unknown, expected: unknown): void {
  expect(differences(actual, expected)).toEqual([]);
}

test.describe('coverage by outlet type', () => {
  test('the empty state offers the template; an outlet workbook with addresses and types is imported, placed and analysed per type and per basket, equal to cq-atlas on the same file', async ({
    page,
  }) => {
    test.setTimeout(600_000);
    const dir = mkdtempSync(join(tmpdir(), 'cq-atlas-types-'));
    const file = join(dir, 'outlets.xlsx');
    const bytes = typedOutletsWorkbook(40);
    writeFileSync(file, bytes);
    const out = join(dir, 'report.json');
    const cli = spawnSync(
      process.execPath,
      [
        'bin/cq-atlas.mjs',
        'coverage',
        '--nodes',
        file,
        '--type-column',
        '业态',
        '--preset',
        '一刻钟',
        '--types',
        '菜市场,生鲜超市（菜店）',
        '--json',
        out,
      ],
      { encoding: 'utf8' },
    );
    expect(cli.status, cli.stderr).toBe(0);
    const expected = (JSON.parse(readFileSync(out, 'utf8')) as CoverageReport).outletTypes;
    if (expected === undefined) throw new Error('cq-atlas wrote no outletTypes.');

    const atlas = new AtlasDriver(page);
    await atlas.open();
    await page.locator('.coverage-section summary').first().click();
    const guide = page.getByTestId('outlet-guide');
    await expect(guide).toContainText('按业态的覆盖分析需要网点名单');
    const xlsx = page.waitForEvent('download');
    await guide.getByTestId('template-xlsx').click();
    expect((await xlsx).suggestedFilename()).toBe('outlets-template.xlsx');
    const csv = page.waitForEvent('download');
    await guide.getByTestId('template-csv').click();
    const csvPath = await (await csv).path();
    expect(readFileSync(csvPath, 'utf8')).toMatch(/^\uFEFF名称\/name,业态\/type,地址\/address/u);

    await page.locator('.import-section summary').first().click();
    await page.getByTestId('import-file-input').setInputFiles({
      name: 'outlets.xlsx',
      mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      buffer: Buffer.from(bytes),
    });
    const report = page.getByTestId('placement-report');
    await expect(report).toContainText('按地址定位');
    await expect(report).toContainText('未能定位 0 行');
    await page.getByRole('button', { name: '只分析这些网点' }).click();

    const panel = page.getByTestId('outlet-types');
    await expect(panel).toBeVisible({ timeout: 120_000 });
    const fifteen = panel.locator('input[name="outlet-preset"][value="fifteen-minute"]');
    await fifteen.click();
    await expect(fifteen).toBeChecked({ timeout: 60_000 });
    await expect(page.getByTestId('preset-basis')).toContainText('步行 15 分钟');
    for (;;) {
      const extra = panel.locator(
        'input[type="checkbox"][data-type]:checked:not([data-type="wet-market"]):not([data-type="fresh-grocery"])',
      );
      if ((await extra.count()) === 0) break;
      const before = await extra.count();
      await extra.first().click();
      await expect(extra).toHaveCount(before - 1, { timeout: 60_000 });
    }
    const table = page.getByTestId('outlet-type-table');
    for (const type of expected.types) {
      await expect(
        table.locator(`tr[data-type="${type.type}"] td[data-cell="expected"]`),
      ).toHaveText(percent(type.city.expected.rate));
    }
    await expect(table.locator('tr[data-type="basket"] th')).toContainText(
      '菜市场、生鲜超市（菜店）',
    );
    await expect(table.locator('tr[data-type="basket"] td[data-cell="expected"]')).toHaveText(
      percent(expected.basket.city.expected.rate),
    );
    await expect(page.getByTestId('unknown-types')).toContainText('五金店');
    await expect(page.getByTestId('missing-table')).toContainText(
      `${expected.missing[0]?.district_zh ?? ''} ${expected.missing[0]?.name ?? ''}`,
    );

    // window.atlas answers per type and per basket with the CLI's exact figures.
    const answers = await page.evaluate(async () => ({
      type: await window.atlas?.coverage({ type: '农贸市场' }),
      basket: await window.atlas?.coverage({ basket: ['菜市场', '生鲜超市（菜店）'] }),
    }));
    // The browser names imported outlets after the layer (the CLI after the file), so nodes are
    // met in another order and products can differ in the last binary digit: 1e-12 relative.
    const market = expected.types.find((type) => type.type === 'wet-market');
    expectClose(answers.type, {
      ...market,
      preset: expected.preset,
      presetName: expected.presetName,
    });
    expectClose(answers.basket, {
      ...expected.basket,
      preset: expected.preset,
      presetName: expected.presetName,
      perType: expected.types.filter((type) => expected.basket.types.includes(type.type)),
      missing: expected.missing,
    });

    const view = page.getByTestId('gap-view');
    await view.selectOption('basket');
    await expect(view).toHaveValue('basket', { timeout: 120_000 });
    await atlas.waitForMapIdle();
    await page.getByTestId('outlet-type-table').scrollIntoViewIfNeeded();
    await page.screenshot({ path: 'tests/e2e/screenshots/outlet-types-basket.png' });

    // Suggested sites switch to one type (its rule, its residents) or to the complete basket.
    const suggest = page.locator('.suggest-sites');
    const sitesFor = page.getByTestId('suggest-for');
    const note = page.getByTestId('suggest-note');
    const listed = page.getByTestId('suggest-candidates').locator('li');
    await sitesFor.selectOption('type:pharmacy');
    await suggest.getByRole('button', { name: '建议 K 个站点' }).click();
    await expect(note).toContainText('按药店的距离规则（城镇 1,000 米 / 乡村 5,000 米）选址');
    await expect(listed).toHaveCount(5, { timeout: 60_000 });
    const pharmacySites = await page.evaluate(() => window.atlas?.suggest(5, { type: '药店' }));
    if (pharmacySites === undefined) throw new Error('atlas.suggest answered nothing.');
    expect(pharmacySites.map((site) => site.outletType)).toEqual(Array(5).fill('药店'));
    const gains = pharmacySites.map((site) => site.gain);
    expect([...gains].sort((a, b) => b - a)).toEqual(gains);
    await expect(listed.first()).toContainText(
      new Intl.NumberFormat('zh-CN', { maximumFractionDigits: 0 }).format(gains[0] ?? 0),
    );

    const basketBefore = await page.evaluate(
      async () =>
        (await window.atlas?.coverage({ basket: ['菜市场', '生鲜超市（菜店）'] }))?.city.expected
          .covered ?? 0,
    );
    await sitesFor.selectOption('basket');
    await suggest.getByRole('button', { name: '建议 K 个站点' }).click();
    await expect(note).toContainText('完整篮子的期望增加', { timeout: 60_000 });
    await expect(listed).toHaveCount(5);
    await suggest.locator('.candidates li').first().scrollIntoViewIfNeeded();
    await page.screenshot({ path: 'test-results/suggest-basket.png' });
    const firstGain = await page.evaluate(
      async () => (await window.atlas?.suggest(1, { basket: ['菜市场', '生鲜超市（菜店）'] }))?.[0],
    );
    if (firstGain === undefined) throw new Error('No basket site.');
    const idsBefore = await page.evaluate(
      async () => (await window.atlas?.nodes())?.map((node) => node.id) ?? [],
    );
    await suggest.getByRole('button', { name: '加入方案' }).first().click();
    // The added site is an outlet of the chosen type and raises the basket by its stated gain.
    await expect
      .poll(
        () =>
          page.evaluate(
            async (before) =>
              (await window.atlas?.nodes())
                ?.filter((node) => !before.includes(node.id))
                .map((node) => node.outletType),
            idsBefore,
          ),
        { timeout: 60_000 },
      )
      .toEqual([firstGain.outletType]);
    const basketAfter = await page.evaluate(
      async () =>
        (await window.atlas?.coverage({ basket: ['菜市场', '生鲜超市（菜店）'] }))?.city.expected
          .covered ?? 0,
    );
    expect(basketAfter - basketBefore).toBeCloseTo(firstGain.gain, 3);
  });
});
