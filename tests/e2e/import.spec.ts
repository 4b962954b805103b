import { expect, test, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { AtlasDriver } from './atlas-driver';

/** Imports bytes through `window.atlas.importFile`, as an embedding page or power user would. */
async function importBytes(
  page: Page,
  name: string,
  bytes: Uint8Array,
  options: Record<string, unknown> = {},
): Promise<{
  layerId: string | null;
  features: number;
  problems: { code: string; where: string; message: string }[];
}> {
  return page.evaluate(
    async ([fileName, data, opts]) => {
      const atlas = window.atlas;
      if (atlas === undefined) throw new Error('window.atlas is missing');
      return atlas.importFile({ name: fileName, bytes: new Uint8Array(data) }, opts);
    },
    [name, [...bytes], options] as const,
  );
}

const fixture = (name: string) =>
  new Uint8Array(readFileSync(resolve(import.meta.dirname, 'fixtures', name)));

test.describe('bring your own data', () => {
  test('a GBK CSV of outlets is read without garbling, drawn, searched and explained', async ({
    page,
  }) => {
    const atlas = new AtlasDriver(page);
    await atlas.open();
    const outcome = await importBytes(page, '网点.csv', fixture('outlets-gbk.csv'));
    expect(outcome.features).toBe(2);
    expect(outcome.problems.map((problem) => problem.code)).toContain('encoding-gb18030');
    await expect(page.getByTestId('import-status')).toContainText('网点.csv');
    await page.getByRole('combobox').first().fill('观音桥');
    await expect(page.getByRole('option', { name: /观音桥菜市场/ })).toBeVisible();
    await page.getByRole('option', { name: /观音桥菜市场/ }).click();
    await expect(page.locator('.imported-popup')).toContainText('观音桥菜市场');
    await atlas.waitForMapIdle();
    await page.screenshot({ path: 'tests/e2e/screenshots/import-gbk-csv.png' });
  });
});
