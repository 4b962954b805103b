import { readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { AtlasDriver } from './atlas-driver';

async function currentScenarioName(page: Page): Promise<string> {
  return page.evaluate(async () => {
    const list = (await window.atlas?.scenarios()) ?? [];
    return list.find((entry) => entry.current)?.name ?? '';
  });
}

async function editScenario(page: Page) {
  return page.evaluate(async () => {
    const atlas = window.atlas;
    if (atlas === undefined) throw new Error('window.atlas is missing');
    await atlas.setRule({ urbanRadius: 2500 });
    const [gap] = await atlas.gaps(1);
    if (gap === undefined) throw new Error('no gap');
    await atlas.addNode({ lon: gap.lon, lat: gap.lat, tier: 2 });
    await atlas.addNode({ lon: 108.123456789, lat: 30.987654321, tier: 3 });
    return atlas.coverage();
  });
}

test.describe('sharing scenarios', () => {
  test('a share link opened in another browser reproduces identical totals, once', async ({
    page,
    browser,
    context,
  }) => {
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    const atlas = new AtlasDriver(page);
    await atlas.open();
    const sent = await editScenario(page);
    await page.getByTestId('share-link').click();
    const field = page.getByTestId('share-link-text');
    await expect(page.getByRole('alert').or(field).first()).toBeVisible();
    const url = (await field.isVisible())
      ? await field.inputValue()
      : await page.evaluate(() => navigator.clipboard.readText());
    expect(url).toMatch(/[#&?]s=/);
    expect(url.length).toBeLessThanOrEqual(8000);

    // Elsewhere: a fresh context has none of the sender's saved work.
    const other = await browser.newContext();
    const receiver = await other.newPage();
    const receiving = new AtlasDriver(receiver);
    await receiving.open(url);
    // Nothing is saved or made current until the receiver agrees.
    await receiver.getByTestId('share-offer-open').click({ timeout: 30_000 });
    await expect
      .poll(() => currentScenarioName(receiver), { timeout: 30_000 })
      .toMatch(/分享|shared/);
    const received = await receiver.evaluate(async () => window.atlas?.coverage());
    expect(received?.covered).toBe(sent.covered);
    expect(received?.population).toBe(sent.population);
    expect(received?.urban.covered).toBe(sent.urban.covered);
    expect(received?.rural.covered).toBe(sent.rural.covered);
    // The link is consumed: the address bar no longer carries it, so a reload imports nothing.
    // (Read from the page: the reads above resolve only after the opening has settled.)
    expect(await receiver.evaluate(() => window.location.href)).not.toMatch(/[#&?]s=/);
    await receiver.reload();
    await receiver.waitForFunction(() => window.atlas !== undefined);
    const afterReload = await receiver.evaluate(async () => window.atlas?.scenarios());
    expect(afterReload?.filter((entry) => /分享|shared/.test(entry.name))).toHaveLength(1);
    await other.close();
  });

  test('a scenario exported as a file and imported elsewhere gives the same totals', async ({
    page,
    browser,
  }) => {
    const atlas = new AtlasDriver(page);
    await atlas.open();
    const sent = await editScenario(page);
    const downloading = page.waitForEvent('download');
    await page.getByTestId('scenario-export').click();
    const download = await downloading;
    expect(download.suggestedFilename()).toMatch(/\.cq-scenario\.json$/);
    const path = await download.path();
    const text = readFileSync(path, 'utf8');
    expect(JSON.parse(text)).toMatchObject({ formatVersion: 1 });

    const other = await browser.newContext();
    const receiver = await other.newPage();
    const receiving = new AtlasDriver(receiver);
    await receiving.open();
    await receiver.evaluate(async () => window.atlas?.coverage());
    await receiver.getByTestId('scenario-import-file').setInputFiles({
      name: download.suggestedFilename(),
      mimeType: 'application/json',
      buffer: Buffer.from(text, 'utf8'),
    });
    await expect
      .poll(() => currentScenarioName(receiver), { timeout: 30_000 })
      .toMatch(/导入|imported/);
    const received = await receiver.evaluate(async () => window.atlas?.coverage());
    expect(received?.covered).toBe(sent.covered);
    // A broken file is refused with a sentence and the current scenario is kept.
    await receiver.getByTestId('scenario-import-file').setInputFiles({
      name: 'broken.cq-scenario.json',
      mimeType: 'application/json',
      buffer: Buffer.from('{"format":"cq-commerce-atlas/scenario","formatVersion":1,"scenario":'),
    });
    await expect(receiver.locator('.scenario-bar [role="alert"]')).toBeVisible();
    const still = await receiver.evaluate(async () => window.atlas?.coverage());
    expect(still?.covered).toBe(sent.covered);
    await other.close();
  });
});
