import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import { AtlasDriver } from './atlas-driver';

/** axe-core on the whole page; the map canvas is covered by the list of features in view. */
async function seriousViolations(atlas: AtlasDriver): Promise<string[]> {
  const results = await new AxeBuilder({ page: atlas.page }).analyze();
  return results.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map(
      (violation) =>
        `${violation.id} (${String(violation.impact)}): ${violation.nodes
          .slice(0, 3)
          .map((node) => node.target.join(' '))
          .join('; ')}`,
    );
}

test.describe('accessibility', () => {
  test('axe-core finds no serious or critical violation in planner mode, with panels open', async ({
    page,
  }) => {
    const atlas = new AtlasDriver(page);
    await atlas.open();
    expect(await seriousViolations(atlas)).toEqual([]);
    await page.getByRole('button', { name: '规划看板' }).click();
    await expect(page.getByTestId('dashboard')).toBeVisible();
    expect(await seriousViolations(atlas)).toEqual([]);
    await page.getByRole('button', { name: '规划原文' }).click();
    await expect(page.locator('.plan-text .mention').first()).toBeVisible();
    expect(await seriousViolations(atlas)).toEqual([]);
    await page.evaluate(() => window.atlas?.select('bd-core-guanyinqiao'));
    await expect(page.locator('.feature-panel')).toBeVisible();
    expect(await seriousViolations(atlas)).toEqual([]);
    await page.getByRole('button', { name: '导出地图' }).click();
    await expect(page.getByTestId('export-dialog')).toBeVisible();
    expect(await seriousViolations(atlas)).toEqual([]);
  });

  test('axe-core finds no serious or critical violation in the coverage and import panels', async ({
    page,
  }) => {
    const atlas = new AtlasDriver(page);
    await atlas.open();
    await page.evaluate(async () => window.atlas?.coverage());
    await page.evaluate(async () =>
      window.atlas?.importFile({
        name: 'outlets.csv',
        bytes: new TextEncoder().encode('名称,经度,纬度\n甲,106.55,29.56\n乙,abc,29.5\n'),
      }),
    );
    await page.locator('.import-section summary').first().click();
    await page.locator('.import-options summary').click();
    await expect(page.getByTestId('import-problems')).toBeVisible();
    expect(await seriousViolations(atlas)).toEqual([]);
  });

  test('axe-core finds no serious or critical violation in public mode, on a phone too', async ({
    page,
  }) => {
    const atlas = new AtlasDriver(page);
    await atlas.open('./?mode=public');
    expect(await seriousViolations(atlas)).toEqual([]);
    await page.setViewportSize({ width: 360, height: 640 });
    await page.getByRole('button', { name: '筛选与列表' }).click();
    expect(await seriousViolations(atlas)).toEqual([]);
  });

  test('search, selection and the dashboard work from the keyboard, with a visible focus ring', async ({
    page,
  }) => {
    const atlas = new AtlasDriver(page);
    await atlas.open();
    await page.keyboard.press('Tab');
    const focused = page.locator(':focus');
    await expect(focused).toHaveRole('combobox');
    const outline = await focused.evaluate((element) => getComputedStyle(element).outlineStyle);
    expect(outline).not.toBe('none');
    await page.keyboard.type('nanping');
    await page.keyboard.press('Enter');
    await expect(page.locator('.feature-panel')).toHaveAttribute(
      'data-feature-id',
      'bd-core-nanping',
    );

    await page.keyboard.press('Tab');
    await expect(page.locator(':focus')).toHaveText('规划看板');
    expect(
      await page.locator(':focus').evaluate((element) => getComputedStyle(element).outlineStyle),
    ).toBe('solid');
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('dashboard')).toBeVisible();
    await expect(page.locator(':focus')).toHaveText('规划看板');
  });

  test('the list of features in view follows the map', async ({ page }) => {
    const atlas = new AtlasDriver(page);
    await atlas.open();
    const count = async () =>
      page.locator('.features-in-view [data-feature-id]').evaluateAll((items) => items.length);
    const status = page.getByTestId('in-view-count');
    await expect(status).toContainText(/共 \d+ 个要素/);
    const wholeCity = Number(/(\d+)/.exec((await status.textContent()) ?? '')?.[1] ?? 0);
    expect(wholeCity).toBeGreaterThan(100);
    await page.evaluate(() => window.atlas?.map.jumpTo({ center: [106.53, 29.577], zoom: 13 }));
    await atlas.waitForMapIdle();
    await expect
      .poll(async () => Number(/(\d+)/.exec((await status.textContent()) ?? '')?.[1] ?? 0))
      .toBeLessThan(wholeCity);
    await expect(
      page.locator('.features-in-view [data-feature-id="bd-core-guanyinqiao"]'),
    ).toBeAttached();
    await expect(
      page.locator('.features-in-view [data-feature-id="bd-county-wanzhou"]'),
    ).toHaveCount(0);
    expect(await count()).toBeGreaterThan(0);
    // Each item is a button that selects its feature.
    await page.locator('.features-in-view [data-feature-id="bd-core-guanyinqiao"]').click();
    await expect(page.locator('.feature-panel')).toHaveAttribute(
      'data-feature-id',
      'bd-core-guanyinqiao',
    );
  });
});
