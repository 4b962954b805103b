import { expect, test } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { addressWorkbook } from '../core/import/address-workbook';
import { committedGazetteer } from '../core/import/gazetteer-fixture';
import { AtlasDriver } from './atlas-driver';

const SAMPLE = resolve(import.meta.dirname, '../fixtures/outlets-sample.xlsx');

test.describe('an outlet workbook with addresses', () => {
  test('is imported through the panel, its rows placed by address with a report, one row fixed and re-placed, and atlas.importFile counts the same', async ({
    page,
  }) => {
    const atlas = new AtlasDriver(page);
    await atlas.open();
    await page.locator('.import-section summary').first().click();
    await page.getByTestId('import-file-input').setInputFiles({
      name: 'outlets-sample.xlsx',
      mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      buffer: readFileSync(SAMPLE),
    });
    const status = page.getByTestId('import-status');
    await expect(status).toContainText('outlets-sample.xlsx');
    await expect(status).toContainText('网点');
    const report = page.getByTestId('placement-report');
    await expect(report).toContainText('按坐标定位 2 行；按地址定位 3 行；未能定位 1 行');
    await expect(report.locator('[data-level="township"]')).toContainText('2');
    await expect(report.locator('[data-level="district"]')).toContainText('1');
    const unmatched = page.getByTestId('placement-unmatched');
    await expect(unmatched).toContainText('第 9 行');
    await expect(unmatched).toContainText('龙溪镇（巫山县）');

    // The planner names the 区县 and re-places the row: it is placed, and the layer replaced.
    await unmatched.getByRole('textbox').fill('巫山县龙溪镇');
    await page.getByRole('button', { name: /重新定位已修改的 1 行/ }).click();
    await expect(report).toContainText('按坐标定位 2 行；按地址定位 4 行；未能定位 0 行');
    await expect(page.locator('.imported-layer-list li, .imported-layers li')).toHaveCount(1);

    // Search finds an address-placed outlet exactly as the box lists it.
    await page.getByRole('combobox').first().fill('示例菜店三');
    await expect(page.getByRole('option', { name: /示例菜店三/ })).toBeVisible();
    const hits = await page.evaluate(() => window.atlas?.search('示例菜店三') ?? []);
    expect(hits.map((hit) => hit.name_zh)).toEqual(['示例菜店三']);
    // Its popup says how it was placed, in words, not `certainty: address`.
    await page.getByRole('option', { name: /示例菜店三/ }).click();
    const popup = page.locator('.imported-popup');
    await expect(popup).toContainText(/按地址推定（(乡镇街道|区县|村\/社区)级，误差约/);
    await expect(popup).not.toContainText('certainty');
    await atlas.waitForMapIdle();
    await page.screenshot({ path: 'tests/e2e/screenshots/import-xlsx-placement.png' });

    const outcome = await page.evaluate(
      async (data) => {
        const result = await window.atlas?.importFile({
          name: 'outlets-sample.xlsx',
          bytes: new Uint8Array(data),
        });
        return result;
      },
      [...readFileSync(SAMPLE)],
    );
    expect(outcome?.features).toBe(5);
    expect(outcome?.placement).toEqual({
      byCoordinates: 2,
      byLevel: { community: 0, township: 2, district: 1 },
      unmatched: [
        expect.objectContaining({
          row: 9,
          address: '龙溪镇',
          reason: 'ambiguous',
          candidates: ['龙溪镇（巫山县）', '龙溪镇（彭水县）'],
        }),
      ],
    });
  });

  test('imports 10,000 address-only rows in the browser (time printed)', async ({ page }) => {
    const atlas = new AtlasDriver(page);
    await atlas.open();
    const { bytes } = addressWorkbook(10_000, committedGazetteer(), 7);
    const { seconds, outcome } = await page.evaluate(
      async (data) => {
        const started = performance.now();
        const result = await window.atlas?.importFile({
          name: 'outlets-10000.xlsx',
          bytes: new Uint8Array(data),
        });
        return { seconds: (performance.now() - started) / 1000, outcome: result };
      },
      [...bytes],
    );
    console.log(`10,000 address-only rows imported in the browser in ${seconds.toFixed(2)} s`);
    expect(outcome?.placement?.byCoordinates).toBe(0);
    expect(outcome?.features).toBeGreaterThan(9000);
  });
});
