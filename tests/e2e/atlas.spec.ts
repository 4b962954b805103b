import { expect, test } from '@playwright/test';
import { AtlasDriver, FOUNDATION_LAYERS } from './atlas-driver';

test.describe('the atlas in Chromium', () => {
  test('the start view becomes idle, is not blank and draws all six foundation layers', async ({
    page,
  }, testInfo) => {
    const atlas = new AtlasDriver(page);
    await atlas.open();
    expect(await atlas.canvasVariance()).toBeGreaterThan(8);
    const counts = await atlas.renderedCounts();
    for (const id of FOUNDATION_LAYERS) {
      expect(counts[id], `${id} draws features at the start view`).toBeGreaterThan(0);
    }
    const layers = await atlas.layers();
    expect(layers.map((layer) => layer.id)).toEqual(expect.arrayContaining([...FOUNDATION_LAYERS]));
    await page.screenshot({ path: testInfo.outputPath('start-view.png') });
    await page.screenshot({ path: 'test-results/start-view.png' });
  });
});

test.describe('layers', () => {
  test('switching a layer off in the panel removes its features from the map and the legend', async ({
    page,
  }) => {
    const atlas = new AtlasDriver(page);
    await atlas.open();
    expect((await atlas.renderedCounts())['cold-chain-nodes']).toBeGreaterThan(0);
    await expect(page.locator('[data-legend-layer="cold-chain-nodes"]')).toBeVisible();

    await page.locator('[data-layer-id="cold-chain-nodes"] input').uncheck();
    await atlas.waitForMapIdle();
    expect((await atlas.renderedCounts())['cold-chain-nodes']).toBe(0);
    expect((await atlas.renderedCounts())['business-districts']).toBeGreaterThan(0);
    await expect(page.locator('[data-legend-layer="cold-chain-nodes"]')).toHaveCount(0);
    expect(page.url()).not.toContain('cold-chain-nodes');

    await page.locator('[data-layer-id="cold-chain-nodes"] input').check();
    await atlas.waitForMapIdle();
    expect((await atlas.renderedCounts())['cold-chain-nodes']).toBeGreaterThan(0);
  });

  test('window.atlas.setLayers shows exactly the given layers', async ({ page }) => {
    const atlas = new AtlasDriver(page);
    await atlas.open();
    await page.evaluate(() => window.atlas?.setLayers(['districts']));
    await atlas.waitForMapIdle();
    const counts = await atlas.renderedCounts();
    expect(counts['districts']).toBeGreaterThan(0);
    expect(counts['business-districts']).toBe(0);
    expect(counts['regions']).toBe(0);
    const error = await page.evaluate(() => {
      try {
        window.atlas?.setLayers(['no-such-layer']);
        return '';
      } catch (thrown) {
        return thrown instanceof Error ? thrown.message : String(thrown);
      }
    });
    expect(error).toContain('no-such-layer');
  });
});

test.describe('search and selection', () => {
  test('searching by pinyin initials flies to the place, selects it and shows its plan reference', async ({
    page,
  }) => {
    const atlas = new AtlasDriver(page);
    await atlas.open();
    const zoomBefore = await page.evaluate(() => window.atlas?.map.getZoom() ?? 0);
    await page.getByRole('combobox').fill('gyq');
    await expect(page.getByRole('option').first()).toContainText('观音桥');
    await page.getByRole('combobox').press('Enter');
    const panel = page.locator('.feature-panel');
    await expect(panel).toHaveAttribute('data-feature-id', 'bd-core-guanyinqiao');
    await expect(panel.locator('.plan-ref')).toHaveText(/专栏3/);
    await expect(panel).toContainText('估计');
    await page.waitForFunction(() => window.atlas?.map.isMoving() === false);
    await atlas.waitForMapIdle();
    expect(await page.evaluate(() => window.atlas?.map.getZoom() ?? 0)).toBeGreaterThan(zoomBefore);
    expect(page.url()).toContain('sel=bd-core-guanyinqiao');
    const selected = await page.evaluate(() => {
      const map = window.atlas?.map;
      if (map === undefined) return null;
      const state: unknown = map.getFeatureState({
        source: 'business-districts',
        id: 'bd-core-guanyinqiao',
      });
      return (state as Record<string, unknown>)['selected'];
    });
    expect(selected).toBe(true);
  });

  test('clicking a district on the map opens its panel with census figures', async ({ page }) => {
    const atlas = new AtlasDriver(page);
    await atlas.open('./?layers=districts#map=8/29.3/108.9');
    const point = await page.evaluate(() => {
      const map = window.atlas?.map;
      if (map === undefined) return { x: 0, y: 0 };
      const { x, y } = map.project([108.77, 29.35]); // inside 彭水
      const box = map.getCanvas().getBoundingClientRect();
      return { x: box.left + x, y: box.top + y };
    });
    await page.mouse.click(point.x, point.y);
    const panel = page.locator('.feature-panel');
    await expect(panel).toHaveAttribute('data-feature-id', /^district-/);
    await expect(panel).toContainText('常住人口');
    await expect(panel).toContainText('专栏');
  });

  test('window.atlas.search returns plain results for Chinese, pinyin and English', async ({
    page,
  }) => {
    const atlas = new AtlasDriver(page);
    await atlas.open();
    const firstIds = await page.evaluate(() =>
      ['南坪', 'nanping', 'np', 'Nanping'].map((text) => window.atlas?.search(text)[0]?.id ?? ''),
    );
    expect(new Set(firstIds).size).toBe(1);
    expect(firstIds[0]).not.toBe('');
  });
});

test.describe('language and URL', () => {
  test('the English switch changes the UI and the map labels', async ({ page }) => {
    const atlas = new AtlasDriver(page);
    await atlas.open();
    await page.getByRole('button', { name: 'English' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('CQ Commerce Atlas');
    await expect(page.locator('[data-layer-id="districts"]')).toContainText('Districts');
    await atlas.waitForMapIdle();
    const textField = await page.evaluate(() =>
      JSON.stringify(window.atlas?.map.getLayoutProperty('districts-label', 'text-field')),
    );
    // The short English name (label_en); the panel keeps the official long form (name_en).
    expect(textField).toContain('label_en');
    const labels = await page.evaluate(
      () => (window.atlas?.map.queryRenderedFeatures({ layers: ['districts-label'] }) ?? []).length,
    );
    expect(labels).toBeGreaterThan(0);
    expect(page.url()).toContain('lang=en');
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
  });

  test('a URL restores layers, language, selection and view, and back/forward work', async ({
    page,
  }) => {
    const atlas = new AtlasDriver(page);
    const url = './?layers=districts,bonded-zones&lang=en&sel=bonded-fuling#map=9/29.7/107.4';
    await atlas.open(url);
    const layers = await atlas.layers();
    expect(layers.filter((layer) => layer.visible).map((layer) => layer.id)).toEqual([
      'districts',
      'bonded-zones',
    ]);
    await expect(page.locator('.feature-panel')).toHaveAttribute(
      'data-feature-id',
      'bonded-fuling',
    );
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('CQ Commerce Atlas');
    const view = await page.evaluate(() => {
      const map = window.atlas?.map;
      return map === undefined ? null : { zoom: map.getZoom(), center: map.getCenter().toArray() };
    });
    expect(view?.zoom).toBeCloseTo(9, 1);
    expect(view?.center[0]).toBeCloseTo(107.4, 1);
    expect(view?.center[1]).toBeCloseTo(29.7, 1);

    // The same URL opened afresh gives the same state.
    const saved = page.url();
    await atlas.open(saved);
    expect(page.url()).toBe(saved);

    await page.locator('[data-layer-id="regions"] input').check();
    await expect(page).toHaveURL(/layers=districts,bonded-zones,regions&/);
    await page.goBack();
    await expect(page.locator('[data-layer-id="regions"] input')).not.toBeChecked();
    await page.goForward();
    await expect(page.locator('[data-layer-id="regions"] input')).toBeChecked();
  });
});

test('the attribution control lists the sources of geodata/sources.json', async ({ page }) => {
  const atlas = new AtlasDriver(page);
  await atlas.open();
  const attribution = page.locator('.maplibregl-ctrl-attrib-inner');
  await expect(attribution).toContainText('CTAmap 2021');
  await expect(attribution).toContainText('Natural Earth');
  await expect(attribution).toContainText('第七次全国人口普查');
  const fontRequests = await page.evaluate(() =>
    performance
      .getEntriesByType('resource')
      .map((entry) => entry.name)
      .filter((name) => !name.startsWith(location.origin)),
  );
  expect(fontRequests, 'nothing is fetched from another origin').toEqual([]);
});

test('every plan name asked for is found by search and its panel quotes the plan', async ({
  page,
}) => {
  const atlas = new AtlasDriver(page);
  await atlas.open();
  for (const name of ['解放碑', '团结村', '双福', '西永综合保税区', '磁器口后街']) {
    const box = page.getByRole('combobox');
    await box.fill(name);
    await expect(page.getByRole('option').first()).toContainText(name.slice(0, 2));
    await box.press('Enter');
    const panel = page.locator('.feature-panel');
    await expect(panel.locator('.plan-quote')).not.toBeEmpty();
    const quote = (await panel.locator('.plan-quote').textContent()) ?? '';
    expect(quote.length, `${name} has a plan quote`).toBeGreaterThan(2);
    await expect(panel).toContainText(name.slice(0, 2));
  }
  const layers = await atlas.layers();
  expect(layers.length).toBeGreaterThanOrEqual(23);
});

test.describe('what a position rests on', () => {
  test('an estimated point lists its anchors with distances and the other features on its spot', async ({
    page,
  }, testInfo) => {
    const atlas = new AtlasDriver(page);
    await atlas.open(
      './?layers=districts,bonded-zones,development-zones&sel=bonded-wanzhou#map=11/30.78/108.42',
    );
    const panel = page.locator('.feature-panel');
    await expect(panel).toHaveAttribute('data-feature-id', 'bonded-wanzhou');
    await expect(panel).toContainText('置于项目地名表所记的高峰街道驻地点位');
    await expect(panel.locator('.anchor-list li')).toContainText([
      /高峰街道驻地（GeoNames） · 距图上位置 0(\.\d)? 公里/,
    ]);
    await expect(panel).toContainText('同一位置上的其他要素');
    await page.screenshot({ path: testInfo.outputPath('anchors-panel.png') });
    await page.screenshot({ path: 'test-results/anchors-panel.png' });
    await panel.getByRole('button', { name: '万州经开区' }).click();
    await expect(panel).toHaveAttribute('data-feature-id', 'etdz-wanzhou-jingkaiqu');
    // Escape closes the panel.
    await page.keyboard.press('Escape');
    await expect(panel).toHaveCount(0);
  });

  test('the Sichuan partner places are drawn outside Chongqing as representative points', async ({
    page,
  }, testInfo) => {
    const atlas = new AtlasDriver(page);
    await atlas.open('./?layers=districts,partner-localities&sel=ext-dazhou#map=7/30.2/106.4');
    const panel = page.locator('.feature-panel');
    await expect(panel).toContainText('四川省，位于重庆市域以外；代表点');
    await expect(panel).toContainText('重庆市域以外（四川省）');
    // A correction must lie in Chongqing: none is offered here.
    await expect(panel.getByRole('button', { name: '纠正位置' })).toHaveCount(0);
    const counts = await atlas.renderedCounts();
    expect(counts['partner-localities']).toBeGreaterThanOrEqual(10);
    await page.screenshot({ path: testInfo.outputPath('partner-localities.png') });
    await page.screenshot({ path: 'test-results/partner-localities.png' });
  });
});
