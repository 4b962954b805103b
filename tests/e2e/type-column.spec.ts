import { expect, test } from '@playwright/test';
import { AtlasDriver } from './atlas-driver';

/** Three fictitious outlets whose type is in a column the atlas does not look for by itself. */
const CSV = [
  '名称,门店性质,经度,纬度',
  '示例菜场甲,农贸市场,106.5775,29.5594',
  '示例菜店乙,社区菜店,106.5300,29.5770',
  '示例店丙,五金店,106.4500,29.5600',
].join('\n');

test('the planner picks the type column of an imported outlet list, and the types count', async ({
  page,
}) => {
  const atlas = new AtlasDriver(page);
  await atlas.open();
  await page.evaluate(async (text) => {
    await window.atlas?.importFile({
      name: 'outlets.csv',
      bytes: new TextEncoder().encode(text),
    });
  }, CSV);
  await page.locator('.import-section summary').first().click();
  const item = page.locator('.imported-layers li').first();
  const count = item.getByTestId('type-column-count');
  // The automatic choice names every column the rule reads (built from the rule's own list).
  const auto = await item.getByTestId('type-column').locator('option').first().textContent();
  for (const key of ['业态', '业态类型', '网点类型', '网点业态', '类型', 'type', 'outlet_type'])
    expect(auto).toContain(key);
  // The usual names (业态, 类型 …) are not there: no type recognised.
  await expect(count).toHaveText('按此列，3 个要素中 0 个的业态可识别。');
  await item.getByTestId('type-column').selectOption('门店性质');
  await expect(count).toHaveText('按此列，3 个要素中 2 个的业态可识别。');
  await item.screenshot({ path: 'test-results/type-column.png' });
  await item.getByRole('button', { name: '只分析这些网点' }).click();
  await expect(page.locator('.coverage-panel')).toContainText('outlets.csv', { timeout: 120_000 });
  expect(await page.evaluate(async () => (await window.atlas?.nodes())?.length)).toBe(3);
  const market = await page.evaluate(async () => window.atlas?.coverage({ type: '菜市场' }));
  expect(market).toMatchObject({ nodes: 1 });
  const shop = await page.evaluate(async () =>
    window.atlas?.coverage({ type: '生鲜超市（菜店）' }),
  );
  expect(shop).toMatchObject({ nodes: 1 });
});
