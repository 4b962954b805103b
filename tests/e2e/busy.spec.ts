import { expect, test } from '@playwright/test';
import { AtlasDriver } from './atlas-driver';

/**
 * Issue 18: a control outside the coverage panel's rule fields that recomputes the figures says
 * so (aria-busy and “正在重新计算…”) until they arrive. Here: an imported outlet list's
 * “只分析这些网点”. A MutationObserver records what the page showed, so a fast recompute cannot
 * slip between two polls.
 */
test('analysing an imported outlet list shows the row busy until the figures arrive', async ({
  page,
}) => {
  const atlas = new AtlasDriver(page);
  await atlas.open();
  const before = await page.evaluate(async () => window.atlas?.coverage());
  const outlets = {
    type: 'FeatureCollection',
    features: [
      [106.55, 29.56],
      [107.4, 29.7],
      [108.4, 30.8],
    ].map((coordinates, i) => ({
      type: 'Feature',
      geometry: { type: 'Point', coordinates },
      properties: { name: `网点${String(i + 1)}` },
    })),
  };
  await page.evaluate(async (text) => {
    await window.atlas?.importFile({
      name: '三个网点.geojson',
      bytes: new TextEncoder().encode(text),
    });
  }, JSON.stringify(outlets));
  await page.locator('.import-section summary').first().click();
  await page.evaluate(() => {
    const seen = { rowBusy: false, note: '', panelBusy: false };
    Object.assign(window, { __busySeen: seen });
    new MutationObserver(() => {
      if (document.querySelector('.layer-analysis[aria-busy="true"]') !== null) seen.rowBusy = true;
      const note = document.querySelector('[data-testid="import-busy"]');
      if (note !== null) seen.note = note.textContent;
      if (document.querySelector('.coverage-panel[aria-busy="true"]') !== null)
        seen.panelBusy = true;
    }).observe(document.body, { subtree: true, childList: true, attributes: true });
  });
  await page.getByRole('button', { name: '只分析这些网点' }).click();
  await page.screenshot({ path: 'test-results/busy-import-analyse.png' });
  await expect(page.locator('.coverage-panel')).toContainText('三个网点.geojson');
  const after = await page.evaluate(async () => window.atlas?.coverage());
  expect(after?.covered).not.toBe(before?.covered);
  // Settled: no busy row or note is left behind.
  await expect(page.locator('.layer-analysis[aria-busy="true"]')).toHaveCount(0);
  await expect(page.getByTestId('import-busy')).toHaveCount(0);
  const seen = await page.evaluate(
    () =>
      (window as unknown as { __busySeen: { rowBusy: boolean; note: string; panelBusy: boolean } })
        .__busySeen,
  );
  expect(seen.rowBusy).toBe(true);
  expect(seen.note).toContain('正在重新计算');
  expect(seen.panelBusy).toBe(true);
});
