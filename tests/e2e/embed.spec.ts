import { expect, test } from '@playwright/test';
import { AtlasDriver } from './atlas-driver';

/** A page on the atlas's origin that embeds it and talks to it only through postMessage. */
const PARENT_PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Embedding page</title></head>
<body>
<iframe id="atlas" src="./?embed=1&lang=en" width="800" height="600" title="CQ Commerce Atlas"></iframe>
<script>
  window.events = [];
  const pending = new Map();
  let next = 0;
  window.addEventListener('message', (event) => {
    const data = event.data;
    if (data && data.type === 'atlas:result' && pending.has(data.id)) {
      pending.get(data.id)(data);
      pending.delete(data.id);
    } else if (data && typeof data.type === 'string' && data.type.startsWith('atlas:')) {
      window.events.push(data);
    }
  });
  window.callAtlas = (method, ...args) => new Promise((resolve) => {
    const id = 'call-' + (next += 1);
    pending.set(id, resolve);
    document.getElementById('atlas').contentWindow.postMessage(
      { type: 'atlas:call', id, method, args }, '*');
  });
</script>
</body></html>`;

test.describe('embedding', () => {
  test('?embed=1 shows the map without side panels or tools', async ({ page }) => {
    const atlas = new AtlasDriver(page);
    await atlas.open('./?embed=1');
    await expect(page.locator('.sidebar')).toHaveCount(0);
    await expect(page.locator('.app-header')).toHaveCount(0);
    await expect(page.locator('.planner-tools')).toHaveCount(0);
    const link = page.getByRole('link', { name: '打开完整地图' });
    expect(await link.getAttribute('href')).not.toContain('embed=1');
    expect(await atlas.canvasVariance()).toBeGreaterThan(8);
    await page.evaluate(() => window.atlas?.select('bd-core-guanyinqiao'));
    await expect(page.locator('.feature-panel .plan-text-link')).toHaveCount(0);
  });

  test('the embed dialog gives an iframe snippet of the current view', async ({ page }) => {
    const atlas = new AtlasDriver(page);
    await atlas.open('./?layers=districts,bonded-zones&lang=en');
    await page.getByRole('button', { name: 'Embed' }).click();
    const snippet = page.getByTestId('embed-snippet');
    const value = await snippet.inputValue();
    expect(value).toMatch(
      /^<iframe src="http:\/\/127\.0\.0\.1:\d+\/\?layers=districts,bonded-zones&amp;lang=en&amp;embed=1#map=/,
    );
    expect(value).toContain('width="800" height="600"');
    await page.getByLabel('Width (px)').fill('640');
    expect(await snippet.inputValue()).toContain('width="640"');
    await page.keyboard.press('Escape');
    await expect(page.getByTestId('embed-dialog')).toHaveCount(0);
  });

  test('a parent page drives the atlas with the same verbs as window.atlas', async ({ page }) => {
    await page.route('**/embed-parent.html', (route) =>
      route.fulfill({ contentType: 'text/html', body: PARENT_PAGE }),
    );
    await page.goto('./embed-parent.html');
    await expect
      .poll(
        () =>
          page.evaluate(() =>
            (window as unknown as { events: { type: string }[] }).events.map((e) => e.type),
          ),
        { timeout: 30_000 },
      )
      .toContain('atlas:ready');
    type Reply = { ok: boolean; value?: unknown; error?: string };
    const call = (method: string, ...args: unknown[]) =>
      page.evaluate(
        ([name, rest]) =>
          (
            window as unknown as { callAtlas: (m: string, ...a: unknown[]) => Promise<Reply> }
          ).callAtlas(name, ...rest),
        [method, args] as const,
      );

    expect(await call('ready')).toMatchObject({ ok: true, value: true });
    const layers = (await call('layers')) as {
      ok: boolean;
      value: { id: string; visible: boolean }[];
    };
    expect(layers.ok).toBe(true);
    expect(layers.value.map((layer) => layer.id)).toContain('business-districts');

    const set = (await call('setLayers', ['districts'])) as {
      value: { id: string; visible: boolean }[];
    };
    expect(set.value.filter((layer) => layer.visible).map((layer) => layer.id)).toEqual([
      'districts',
    ]);

    const found = (await call('search', 'gyq', 3)) as { value: { id: string }[] };
    expect(found.value[0]?.id).toBe('bd-core-guanyinqiao');

    expect(await call('select', 'bd-core-guanyinqiao')).toMatchObject({ ok: true, value: true });
    await expect
      .poll(() =>
        page.evaluate(() =>
          (window as unknown as { events: { type: string; featureId?: string }[] }).events
            .filter((event) => event.type === 'atlas:selection')
            .map((event) => event.featureId),
        ),
      )
      .toContain('bd-core-guanyinqiao');
    const frame = page.frameLocator('#atlas');
    await expect(frame.locator('.feature-panel')).toHaveAttribute(
      'data-feature-id',
      'bd-core-guanyinqiao',
    );
    expect(await call('select', 'no-such-feature')).toMatchObject({ ok: true, value: false });

    const unknownLayer = await call('setLayers', ['no-such-layer']);
    expect(unknownLayer.ok).toBe(false);
    expect(unknownLayer.error).toContain('no-such-layer');
    const unknownVerb = await call('eval', 'alert(1)');
    expect(unknownVerb).toMatchObject({ ok: false });
    expect(unknownVerb.error).toContain('setLayers');
  });
});
