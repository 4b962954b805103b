import { writeFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { AtlasDriver } from './atlas-driver';

/**
 * Hostile pages (issue 20): saved work is the planner's alone. A page that embeds the atlas with a
 * share link, visibly or in an invisible frame, changes none of the planner's scenarios; a share
 * link opened at top level asks first; an over-long address is refused before the map starts.
 */

/** Every record of the atlas database's scenarios and meta stores, exactly as stored. */
function storedWork(page: Page): Promise<unknown> {
  return page.evaluate(
    () =>
      new Promise((resolve, reject) => {
        const request = indexedDB.open('cq-commerce-atlas');
        request.onerror = () => {
          reject(new Error('cannot open the database'));
        };
        request.onsuccess = () => {
          const db = request.result;
          const transaction = db.transaction(['scenarios', 'meta', 'quarantine'], 'readonly');
          const scenarios = transaction.objectStore('scenarios').getAll();
          const metaKeys = transaction.objectStore('meta').getAllKeys();
          const meta = transaction.objectStore('meta').getAll();
          const quarantine = transaction.objectStore('quarantine').count();
          transaction.oncomplete = () => {
            db.close();
            resolve({
              scenarios: scenarios.result,
              meta: metaKeys.result.map((key, index): [IDBValidKey, unknown] => [
                key,
                meta.result[index] as unknown,
              ]),
              quarantine: quarantine.result,
            });
          };
        };
      }),
  );
}

/** The planner edits and saves a scenario, then makes a share link of it; returns the link. */
async function plannerWithShareLink(page: Page): Promise<string> {
  const atlas = new AtlasDriver(page);
  await atlas.open();
  await page.evaluate(async () => {
    const api = window.atlas;
    if (api === undefined) throw new Error('window.atlas is missing');
    await api.setRule({ urbanRadius: 2600 });
    await api.addNode({ lon: 107.2, lat: 29.9, tier: 2 });
  });
  await page.getByTestId('share-link').click();
  const field = page.getByTestId('share-link-text');
  await expect(page.locator('.scenario-bar [role="alert"]').or(field).first()).toBeVisible();
  const url = (await field.isVisible())
    ? await field.inputValue()
    : await page.evaluate(() => navigator.clipboard.readText());
  expect(url).toMatch(/#.*s=/);
  return url;
}

async function scenarioState(page: Page) {
  return page.evaluate(async () => {
    const api = window.atlas;
    if (api === undefined) throw new Error('window.atlas is missing');
    return { scenarios: await api.scenarios(), nodes: await api.nodes() };
  });
}

test.describe('hostile pages', () => {
  test('a page embedding the atlas with a share link leaves the planner’s scenarios unchanged', async ({
    page,
    context,
  }) => {
    // Three atlases start in this test (the planner's, the embedded one and the hidden one).
    test.slow();
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    const url = await plannerWithShareLink(page);
    const hash = new URL(url).hash;
    const before = await scenarioState(page);
    const storedBefore = await storedWork(page);

    // Another page of the same site: the atlas embedded with the link, and the full atlas with the
    // link in an invisible frame.
    const parent = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Another page</title></head><body>
<iframe id="embedded" src="./?embed=1${hash}" width="640" height="480" title="atlas"></iframe>
<iframe id="hidden" src="./${hash}" width="800" height="600" title="hidden"
  style="position:absolute;left:-9999px;opacity:0"></iframe>
</body></html>`;
    await context.route('**/hostile-parent.html', (route) =>
      route.fulfill({ contentType: 'text/html', body: parent }),
    );
    const other = await context.newPage();
    await other.goto('./hostile-parent.html');
    const embedded = await (await other.locator('#embedded').elementHandle()).contentFrame();
    if (embedded === null) throw new Error('no embedded frame');
    await embedded.waitForFunction(() => window.atlas !== undefined, null, { timeout: 60_000 });
    // The embed shows the shared scenario (in memory: it has no saved work to add it to).
    await expect
      .poll(
        () =>
          embedded.evaluate(async () => {
            const list = (await window.atlas?.scenarios()) ?? [];
            return list.find((entry) => entry.current)?.name ?? '';
          }),
        { timeout: 60_000 },
      )
      .toMatch(/分享|shared/);
    await embedded.evaluate(async () => window.atlas?.coverage());
    expect(await storedWork(page)).toEqual(storedBefore);
    // The invisible full atlas only asks; nobody answers.
    await expect(other.frameLocator('#hidden').getByTestId('share-offer')).toBeVisible({
      timeout: 60_000,
    });
    await other.close();

    expect(await storedWork(page)).toEqual(storedBefore);
    await page.reload();
    await page.waitForFunction(() => window.atlas !== undefined, null, { timeout: 30_000 });
    expect(await scenarioState(page)).toEqual(before);
    expect(await storedWork(page)).toEqual(storedBefore);
  });

  test('a share link opened at top level asks before saving it or making it current', async ({
    page,
    context,
  }) => {
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    const url = await plannerWithShareLink(page);
    const before = await scenarioState(page);

    const opened = await context.newPage();
    await opened.goto(url);
    const dialog = opened.getByTestId('share-offer');
    await expect(dialog).toBeVisible({ timeout: 60_000 });
    await expect(dialog).toContainText('打开分享的方案？');
    await expect(dialog).toContainText('2,600');
    await opened.screenshot({ path: test.info().outputPath('share-offer.png') });
    // Readers do not wait for the answer, and nothing has changed yet.
    expect(await scenarioState(opened)).toEqual(before);
    await opened.getByTestId('share-offer-decline').click();
    await expect(opened.locator('.scenario-bar [role="alert"]')).toContainText('未打开分享的方案');
    expect(await opened.evaluate(() => window.location.hash)).not.toMatch(/s=/);
    expect(await scenarioState(opened)).toEqual(before);

    await opened.goto('about:blank');
    await opened.goto(url);
    await opened.getByTestId('share-offer-open').click({ timeout: 60_000 });
    await expect
      .poll(
        async () => (await scenarioState(opened)).scenarios.find((entry) => entry.current)?.name,
        { timeout: 30_000 },
      )
      .toMatch(/分享/);
    expect((await scenarioState(opened)).scenarios).toHaveLength(before.scenarios.length + 1);
  });

  test('an address with a 1.9 MB hash is refused before the map starts', async ({ page }) => {
    const started = Date.now();
    await page.goto(`./#map=10/29.5/106.5&s=${'A'.repeat(1_900_000)}`);
    await page.waitForFunction(() => window.atlas !== undefined, null, { timeout: 60_000 });
    await page.evaluate(async () => {
      await window.atlas?.ready();
    });
    const readyMs = Date.now() - started;
    console.log(`ready ${String(readyMs)} ms after opening a 1.9 MB hash`);
    expect(await page.evaluate(() => window.location.href.length)).toBeLessThan(2000);
    // Only the map's own view is in the hash now (MapLibre writes it once the map starts).
    expect(await page.evaluate(() => window.location.hash)).toMatch(/^(#map=[\d./-]+)?$/);
    const status = page.locator('.status-bar[role="alert"]');
    await status.getByRole('button').click();
    await expect(status).toContainText('该部分已删除');
    // The map moves without writing a long address back.
    await page.evaluate(async () => {
      const map = window.atlas?.map;
      if (map === undefined) return;
      map.jumpTo({ center: [106.6, 29.6], zoom: 11 });
      await window.atlas?.ready();
    });
    expect(await page.evaluate(() => window.location.href.length)).toBeLessThan(2000);
    test.info().annotations.push({ type: 'ready-ms', description: String(readyMs) });
  });

  test('a scenario file of 200,000 nodes opens in one batch', async ({ page }) => {
    test.slow();
    const atlas = new AtlasDriver(page);
    await atlas.open();
    // The analysis as a planner starts it, so the figures are on screen while the file opens.
    await page.getByText('生鲜覆盖分析（专栏6）').first().click();
    await page.getByRole('button', { name: '开始分析' }).click();
    await expect(page.getByTestId('coverage-overall')).toBeVisible({ timeout: 30_000 });
    await page.evaluate(async () => window.atlas?.coverage());
    const nodes = Array.from({ length: 200_000 }, (_, i) => ({
      id: `n${String(i)}`,
      lon: Number((105.3 + (((i * 7919) % 10007) / 10007) * 4.8).toFixed(6)),
      lat: Number((28.2 + (((i * 104729) % 10009) / 10009) * 4).toFixed(6)),
      tier: 3,
      name: `n${String(i)}`,
      origin: 'added',
    }));
    const text = JSON.stringify({
      format: 'cq-commerce-atlas/scenario',
      formatVersion: 1,
      scenario: {
        schemaVersion: 1,
        name: 'Many outlets',
        rule: { urbanRadius: 2000, ruralRadius: 5000 },
        nodes,
      },
    });
    expect(text.length).toBeLessThan(20 * 1024 * 1024);
    // The file is handed over by path, as a planner's file dialog does: as a buffer, Playwright
    // sends 17 MB through its protocol in base64 and decodes it in the page (3.5–5.4 s that are
    // the test harness's, not the atlas's).
    const file = test.info().outputPath('many.cq-scenario.json');
    writeFileSync(file, text);
    // In the page: when the file was chosen, and when the expected rate shown first changed.
    await page.evaluate(() => {
      const times: Record<string, number> = {};
      (window as unknown as { openTimes: Record<string, number> }).openTimes = times;
      document
        .querySelector('[data-testid="scenario-import-file"]')
        ?.addEventListener('change', () => (times['chosen'] = performance.now()), {
          capture: true,
        });
      const rate = (): string | null | undefined =>
        document.querySelector('[data-testid="coverage-overall"] [data-testid="expected-rate"]')
          ?.textContent;
      const before = rate();
      new MutationObserver(() => {
        if (times['shown'] === undefined && rate() !== before) times['shown'] = performance.now();
      }).observe(document.body, { subtree: true, childList: true, characterData: true });
    });
    const started = Date.now();
    await page.getByTestId('scenario-import-file').setInputFiles(file);
    await expect
      .poll(
        () =>
          page.evaluate(async () => {
            const list = (await window.atlas?.scenarios()) ?? [];
            return list.find((entry) => entry.current)?.name ?? '';
          }),
        { timeout: 120_000, intervals: [100] },
      )
      .toMatch(/Many outlets/);
    const opened = Date.now() - started;
    const times = await page.evaluate(
      () => (window as unknown as { openTimes: Record<string, number> }).openTimes,
    );
    const shown = (times['shown'] ?? Number.NaN) - (times['chosen'] ?? Number.NaN);
    const nodeCount = await page.evaluate(async () => (await window.atlas?.nodes())?.length);
    expect(nodeCount).toBe(200_000);
    test
      .info()
      .annotations.push(
        { type: 'open-ms', description: String(opened) },
        { type: 'figures-shown-ms', description: shown.toFixed(0) },
      );
    console.log(
      `200,000-node scenario: figures shown ${shown.toFixed(0)} ms after the file was chosen, ` +
        `open and saved after ${String(opened)} ms`,
    );
    expect(Number.isFinite(shown), 'the expected rate on screen changed').toBe(true);
    await atlas.waitForMapIdle();
    await page.screenshot({ path: test.info().outputPath('many-nodes.png') });
    // One node at a time this took more than 26 minutes. The target is 5 s on a quiet machine;
    // the bounds leave room for a machine three times slower or busy with other work.
    expect(shown).toBeLessThan(15_000);
    expect(opened).toBeLessThan(15_000);
  });
});
