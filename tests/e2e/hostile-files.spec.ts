import { expect, test, type Page } from '@playwright/test';
import { AtlasDriver } from './atlas-driver';

/**
 * Hostile files (issue 20): several files dropped at once are all imported or each refused with
 * its reason; a header of 1,000,000 columns is refused at once and never becomes 2,000,000
 * <option>s (136 s and 4.8 GB before).
 */

/** Drops files (name, text) on the map, as a planner drags them from a folder. */
async function dropFiles(page: Page, files: readonly (readonly [string, string])[]) {
  const transfer = await page.evaluateHandle((list) => {
    const data = new DataTransfer();
    for (const [name, text] of list) data.items.add(new File([text], name, { type: 'text/plain' }));
    return data;
  }, files);
  const target = page.locator('.maplibregl-canvas');
  await target.dispatchEvent('dragenter', { dataTransfer: transfer });
  await target.dispatchEvent('dragover', { dataTransfer: transfer });
  await target.dispatchEvent('drop', { dataTransfer: transfer });
}

test.describe('hostile files', () => {
  test('three files dropped at once: two imported, one refused with its reason', async ({
    page,
  }) => {
    const atlas = new AtlasDriver(page);
    await atlas.open('./?lang=en');
    const geojson = JSON.stringify({
      type: 'FeatureCollection',
      features: [
        {
          type: 'Feature',
          properties: { name: 'P' },
          geometry: { type: 'Point', coordinates: [106.6, 29.6] },
        },
      ],
    });
    await dropFiles(page, [
      ['shops.csv', 'name,lon,lat\nA,106.55,29.56\nB,106.56,29.57\n'],
      ['notes.docx', 'PK not really'],
      ['market.geojson', geojson],
    ]);
    const batch = page.getByTestId('import-batch');
    await expect(batch.locator('li')).toHaveCount(3);
    await expect(batch.locator('li[data-state="waiting"]')).toHaveCount(0, { timeout: 60_000 });
    await expect(batch.locator('li').nth(0)).toContainText('shops.csv — imported: 2 features.');
    await expect(batch.locator('li').nth(1)).toHaveAttribute('data-state', 'refused');
    await expect(batch.locator('li').nth(1)).toContainText(
      'notes.docx — not imported: notes.docx:',
    );
    await expect(batch.locator('li').nth(2)).toContainText(
      'market.geojson — imported: 1 features.',
    );
    await expect(batch).toContainText('(3 of 3 read)');
    await expect(page.locator('.imported-layer-name')).toHaveText(['shops.csv', 'market.geojson']);
    await page.locator('.import-section').screenshot({ path: 'test-results/dropped-three.png' });
  });

  test('a header of 1,000,000 columns is refused quickly and the pickers stay small', async ({
    page,
  }) => {
    const atlas = new AtlasDriver(page);
    await atlas.open('./?lang=en');
    const header = ['lon', 'lat', ...Array.from({ length: 1_000_000 - 2 }, (_, i) => `c${i}`)];
    const text = `${header.join(',')}\n106.5,29.5\n`;
    const started = Date.now();
    await page.getByTestId('import-file-input').setInputFiles({
      name: 'wide.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(text),
    });
    await expect(page.getByTestId('import-problems')).toContainText(
      'Expected at most 2,000 columns in the header row, found 1,000,000',
      { timeout: 60_000 },
    );
    const ms = Date.now() - started;
    console.log(`1,000,000-column header refused in the page after ${String(ms)} ms`);
    // The page answers at once afterwards: no option list was built from the header.
    expect(await page.locator('.import-section option').count()).toBeLessThan(100);
    const heap = await page.evaluate(
      () =>
        (performance as unknown as { memory?: { usedJSHeapSize: number } }).memory
          ?.usedJSHeapSize ?? 0,
    );
    console.log(`page heap after the refusal: ${String(Math.round(heap / 1e6))} MB`);
    await page.locator('.import-section').screenshot({ path: 'test-results/wide-refused.png' });
  });
});

test.describe('refusals in the interface’s language', () => {
  test('a share link, a scenario file and an import refused in the Chinese interface say so in Chinese', async ({
    page,
  }) => {
    test.slow();
    const atlas = new AtlasDriver(page);
    await atlas.open('./?lang=zh#s=!!!!');
    const alert = page.locator('.scenario-bar [role="alert"]');
    await expect(alert).toContainText('无法打开分享链接：分享链接的数据应为 base64url', {
      timeout: 60_000,
    });
    await expect(alert).not.toContainText('should');
    await page.getByTestId('scenario-import-file').setInputFiles({
      name: 'other.cq-scenario.json',
      mimeType: 'application/json',
      buffer: Buffer.from('{"format":"other","formatVersion":1}'),
    });
    await expect(alert).toContainText(
      '无法打开方案文件：文件格式应为 "cq-commerce-atlas/scenario"',
    );
    await expect(alert).not.toContainText('Expected');
    await page.locator('.scenario-bar').screenshot({ path: 'test-results/refusal-zh.png' });
    await dropFiles(page, [['notes.docx', 'PK not really']]);
    const problems = page.getByTestId('import-problems');
    await expect(problems).toContainText('notes.docx');
    await expect(problems).toContainText(/应为/u);
    await expect(problems).not.toContainText('Expected');
  });
});
