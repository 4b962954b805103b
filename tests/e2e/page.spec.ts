import { expect, test, type Page } from '@playwright/test';
import { mkdirSync, readFileSync } from 'node:fs';
import { AtlasDriver } from './atlas-driver';

/**
 * The page a planner lives in (issue 18): the legend over the map, the coverage analysis one
 * click from the top of the sidebar, plan layers that can be dimmed under an analysis, and a map
 * that stays readable at working zooms.
 */

const SHOTS = '/tmp/shots-pg';
mkdirSync(SHOTS, { recursive: true });

function inWindow(page: Page, selector: string) {
  return page.evaluate((sel) => {
    const el = document.querySelector(sel);
    if (el === null) return null;
    const box = el.getBoundingClientRect();
    return {
      top: box.top,
      bottom: box.bottom,
      left: box.left,
      right: box.right,
      fits: box.top >= 0 && box.bottom <= window.innerHeight && box.width > 0,
    };
  }, selector);
}

test.describe('the legend where the eye is', () => {
  test('planner 1440×900: legend over the map, coverage one click from the top, dim toggle', async ({
    page,
  }) => {
    await page.setViewportSize({ width: 1440, height: 900 });
    const atlas = new AtlasDriver(page);
    await atlas.open('./');
    const legend = page.getByTestId('map-legend');
    // Over the map, not in the sidebar, and entirely in the window without scrolling.
    await expect(legend.locator('[data-legend-layer="districts"]')).toBeVisible();
    expect(await page.locator('.sidebar [data-legend-layer]').count()).toBe(0);
    const legendBox = await inWindow(page, '.map-legend');
    const mapBox = await inWindow(page, '.map-area');
    expect(legendBox?.fits).toBe(true);
    expect(legendBox?.left ?? 0).toBeGreaterThan(mapBox?.left ?? Infinity);
    await expect(legend).toContainText('虚线：示意位置');
    // Folds and unfolds.
    await legend.getByRole('button', { name: '收起图例' }).click();
    await expect(legend.locator('[data-legend-layer]')).toHaveCount(0);
    await legend.getByRole('button', { name: '图例' }).click();
    await expect(legend.locator('[data-legend-layer="districts"]')).toBeVisible();

    // The coverage analysis: one click on the rail at the top of the sidebar.
    const rail = page.getByRole('toolbar', { name: '侧栏分区' });
    expect((await inWindow(page, '.sidebar-rail'))?.fits).toBe(true);
    await rail.getByRole('button', { name: '覆盖分析' }).click();
    const start = page.getByRole('button', { name: '开始分析' });
    await expect(start).toBeInViewport();
    await start.click();
    await expect(page.getByTestId('coverage-overall')).toBeVisible({ timeout: 30_000 });
    // The legend now carries the gap classes.
    await expect(legend.locator('[data-legend-layer="coverage"]')).toContainText('未覆盖');
    await page.screenshot({ path: `${SHOTS}/planner-coverage-before-dim.png` });

    // Dimming lowers every plan layer's opacity, and undimming restores it exactly.
    const opacity = () =>
      page.evaluate(() => {
        const map = window.atlas?.map;
        if (map === undefined) return null;
        return JSON.stringify([
          map.getPaintProperty('districts-fill', 'fill-opacity'),
          map.getPaintProperty('business-districts-circle', 'circle-opacity'),
        ]);
      });
    const before = await opacity();
    const dim = page.getByRole('checkbox', { name: '淡化规划图层，突出分析结果' });
    await dim.check();
    await expect.poll(opacity).not.toBe(before);
    expect(await opacity()).toContain('0.25');
    await atlas.waitForMapIdle();
    await page.screenshot({ path: `${SHOTS}/planner-coverage-dimmed.png` });
    await dim.uncheck();
    await expect.poll(opacity).toBe(before);
  });

  test('public 360×640: the legend starts folded and opens over the map', async ({ page }) => {
    await page.setViewportSize({ width: 360, height: 640 });
    const atlas = new AtlasDriver(page);
    await atlas.open('./?mode=public');
    const legend = page.getByTestId('map-legend');
    const toggle = legend.getByRole('button', { name: '图例' });
    await expect(toggle).toBeInViewport();
    await expect(toggle).toHaveAttribute('aria-expanded', 'false');
    await toggle.click();
    await expect(legend.locator('[data-legend-layer="business-districts"]')).toBeVisible();
    expect((await inWindow(page, '.map-legend'))?.fits).toBe(true);
    await page.screenshot({ path: `${SHOTS}/public-phone-legend.png` });
  });

  test('embedded: the legend is there too', async ({ page }) => {
    await page.setViewportSize({ width: 800, height: 500 });
    const atlas = new AtlasDriver(page);
    await atlas.open('./?embed=1&lang=en');
    const legend = page.getByTestId('map-legend');
    await expect(legend.locator('[data-legend-layer="districts"]')).toBeVisible();
    await page.screenshot({ path: `${SHOTS}/embed-legend.png` });
  });
});

test.describe('a readable map', () => {
  test('start view and the central city at z12: names above points, schematic lines dashed', async ({
    page,
  }) => {
    await page.setViewportSize({ width: 1440, height: 900 });
    const atlas = new AtlasDriver(page);
    await atlas.open('./');
    await page.screenshot({ path: `${SHOTS}/start-planner.png` });
    const order = await page.evaluate(() => {
      const ids = window.atlas?.map.getStyle().layers.map((layer) => layer.id) ?? [];
      const lastCircle = Math.max(
        ...ids.map((id, i) => (id.endsWith('-circle') && !id.startsWith('coverage') ? i : -1)),
      );
      return { districtsLabel: ids.indexOf('districts-label'), lastCircle };
    });
    // 区县 names are drawn above every point symbol and placed first in the label collision.
    expect(order.districtsLabel).toBeGreaterThan(order.lastCircle);
    const districtNames = await page.evaluate(
      () =>
        new Set(
          window.atlas?.map
            .queryRenderedFeatures({ layers: ['districts-label'] })
            .map((feature) => String(feature.properties['id'])),
        ).size,
    );
    expect(districtNames, 'district names drawn at the start view').toBeGreaterThanOrEqual(30);

    // Central city, z12, English: short names, no schematic line drawn at street zoom.
    await atlas.open(
      './?lang=en&layers=districts,business-districts,night-markets#map=12/29.56/106.55',
    );
    await page.screenshot({ path: `${SHOTS}/z12-planner-en.png` });
    const texts = await page.evaluate(() =>
      (window.atlas?.map.queryRenderedFeatures({ layers: ['districts-label'] }) ?? []).map(
        (feature) => String(feature.properties['label_en']),
      ),
    );
    expect(texts.length).toBeGreaterThan(0);
    for (const text of texts) expect(text).not.toMatch(/\(|County|District$/);
    await atlas.open('./?layers=districts,night-markets#map=13.5/29.56/106.55');
    const schematicAtStreetZoom = await page.evaluate(
      () =>
        window.atlas?.map.queryRenderedFeatures({ layers: ['night-markets-schematic'] }).length ??
        -1,
    );
    expect(schematicAtStreetZoom).toBe(0);
    await atlas.open('./?layers=districts,night-markets#map=9/29.6/106.6');
    const schematicAtCityZoom = await page.evaluate(
      () =>
        window.atlas?.map.queryRenderedFeatures({ layers: ['night-markets-schematic'] }).length ??
        -1,
    );
    expect(schematicAtCityZoom).toBeGreaterThan(0);
  });

  test('public 360×640 at z12', async ({ page }) => {
    await page.setViewportSize({ width: 360, height: 640 });
    const atlas = new AtlasDriver(page);
    await atlas.open('./?mode=public#map=12/29.56/106.55');
    await page.screenshot({ path: `${SHOTS}/z12-public.png` });
    expect(await atlas.canvasVariance()).toBeGreaterThan(2);
  });
});

test.describe('a link reproduces the view', () => {
  test('base map and status filter go into the URL and come back from it', async ({ page }) => {
    const tile = Buffer.from(
      'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAIAAACQd1PeAAAADElEQVR4nGPo6OgAAAL+AX5gyY0AAAAASUVORK5CYII=',
      'base64',
    );
    await page.route('https://tile.openstreetmap.org/**', (route) =>
      route.fulfill({ contentType: 'image/png', body: tile }),
    );
    await page.setViewportSize({ width: 1440, height: 900 });
    const atlas = new AtlasDriver(page);
    await atlas.open('./');
    await page.locator('[data-base-map="osm"] input').check();
    await expect.poll(() => page.url()).toContain('base=osm');
    await page.locator('[data-status="proposed"] input').uncheck();
    await expect
      .poll(() => page.url())
      .toContain('status=existing,upgrade,new-planned,to-be-created');
    const link = page.url();

    // The same link in a fresh page shows the same base map and filter.
    const other = await page.context().newPage();
    await other.route('https://tile.openstreetmap.org/**', (route) =>
      route.fulfill({ contentType: 'image/png', body: tile }),
    );
    const again = new AtlasDriver(other);
    await again.open(link);
    await expect(other.locator('[data-base-map="osm"] input')).toBeChecked();
    await expect(other.locator('[data-status="proposed"] input')).not.toBeChecked();
    await expect(other.locator('[data-status="existing"] input')).toBeChecked();
    await expect
      .poll(() =>
        other.evaluate(() =>
          (window.atlas?.map.getStyle().layers ?? []).some((layer) => layer.id.includes('osm')),
        ),
      )
      .toBe(true);
  });
});

test.describe('plan-layer download', () => {
  test('CSV and GeoJSON of 城市商圈 from the layer panel, filtered as the map', async ({
    page,
  }) => {
    await page.setViewportSize({ width: 1440, height: 900 });
    const atlas = new AtlasDriver(page);
    await atlas.open('./');
    await page.getByTestId('layer-download').locator('summary').click();
    const panel = page.locator('[data-download-layer="business-districts"]');
    await expect(panel).toContainText('47');

    const csvDownload = page.waitForEvent('download');
    await panel.getByRole('button', { name: '城市商圈 CSV' }).click();
    const csv = await csvDownload;
    expect(csv.suggestedFilename()).toBe('business-districts.csv');
    const csvText = readFileSync(await csv.path(), 'utf8');
    expect(csvText.startsWith('\uFEFF')).toBe(true);
    const lines = csvText.trimEnd().split('\r\n');
    expect(lines[0]).toContain('certainty,uncertainty_m');
    expect(lines[0]).toContain('source');
    expect(lines).toHaveLength(48);
    expect(csvText).toContain('观音桥');

    // With a status filter, the file holds what the map shows.
    await page.locator('[data-status="upgrade"] input').uncheck();
    await expect(panel).toContainText('筛选后');
    await panel.scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${SHOTS}/layer-download.png` });
    const geoDownload = page.waitForEvent('download');
    await panel.getByRole('button', { name: '城市商圈 GeoJSON' }).click();
    const geo = await geoDownload;
    expect(geo.suggestedFilename()).toBe('business-districts-filtered.geojson');
    const parsed = JSON.parse(readFileSync(await geo.path(), 'utf8')) as {
      features: { properties: { status: string; certainty: string; source: string } }[];
    };
    expect(parsed.features.length).toBeGreaterThan(0);
    expect(parsed.features.length).toBeLessThan(47);
    for (const feature of parsed.features) {
      expect(feature.properties.status).not.toBe('upgrade');
      expect(feature.properties.certainty).toMatch(/estimated|sourced|schematic|surveyed/);
      expect(feature.properties.source).toContain('渝府办发');
    }
  });
});

test.describe('busy state', () => {
  test('a checkbox that starts a recompute says so until the new figures arrive', async ({
    page,
  }) => {
    await page.setViewportSize({ width: 1440, height: 900 });
    const atlas = new AtlasDriver(page);
    await atlas.open('./');
    await page
      .getByRole('toolbar', { name: '侧栏分区' })
      .getByRole('button', { name: '覆盖分析' })
      .click();
    await page.getByRole('button', { name: '开始分析' }).click();
    const overall = page.getByTestId('coverage-overall');
    await expect(overall).toBeVisible({ timeout: 30_000 });
    await expect(page.locator('.coverage-panel')).toHaveAttribute('aria-busy', 'false');
    const before = await overall.textContent();
    // Watch the panel from before the click, so a fast recompute cannot slip past the test.
    await page.evaluate(() => {
      const panel = document.querySelector('.coverage-panel');
      const seen = { busy: false, text: '' };
      (window as unknown as { busySeen: typeof seen }).busySeen = seen;
      const check = () => {
        if (panel?.getAttribute('aria-busy') === 'true') seen.busy = true;
        const indicator = document.querySelector('[data-testid="coverage-busy"]');
        if (indicator !== null) seen.text = indicator.textContent;
      };
      if (panel !== null)
        new MutationObserver(check).observe(panel, {
          attributes: true,
          childList: true,
          subtree: true,
        });
    });
    const box = page.locator('.qualifying input[type="checkbox"]').first();
    const wasChecked = await box.isChecked();
    await box.click();
    // The box shows the new choice at once, not after the recompute.
    expect(await box.isChecked()).toBe(!wasChecked);
    await page.locator('.coverage-rule').screenshot({ path: `${SHOTS}/coverage-busy.png` });
    await expect
      .poll(() =>
        page.evaluate(() => (window as unknown as { busySeen: { busy: boolean } }).busySeen.busy),
      )
      .toBe(true);
    expect(
      await page.evaluate(
        () => (window as unknown as { busySeen: { text: string } }).busySeen.text,
      ),
    ).toContain('正在重新计算');
    await expect(page.locator('.coverage-panel')).toHaveAttribute('aria-busy', 'false', {
      timeout: 30_000,
    });
    await expect(page.getByTestId('coverage-busy')).toHaveCount(0);
    await expect(box).toBeChecked({ checked: !wasChecked });
    await expect(overall).not.toHaveText(before ?? '');
  });
});

test.describe('measuring a distance', () => {
  test('two clicks on the map give their great-circle distance', async ({ page }) => {
    await page.setViewportSize({ width: 1440, height: 900 });
    const atlas = new AtlasDriver(page);
    await atlas.open('./#map=10/29.6/106.6');
    await page.getByRole('button', { name: '测距' }).click();
    const panel = page.getByTestId('measure-panel');
    await expect(panel).toContainText('依次点击两个或更多点');
    const canvas = page.locator('.maplibregl-canvas');
    const box = await canvas.boundingBox();
    if (box === null) throw new Error('no map');
    const a = { x: box.width * 0.35, y: box.height * 0.4 };
    const b = { x: box.width * 0.65, y: box.height * 0.6 };
    await canvas.click({ position: a });
    await canvas.click({ position: b });
    const distance = page.getByTestId('measure-distance');
    await expect(distance).toBeVisible();
    // The same two screen points, measured independently of the app's code.
    const expected = await page.evaluate(
      ([p, q]) => {
        const map = window.atlas?.map;
        if (map === undefined || p === undefined || q === undefined) return NaN;
        const one = map.unproject([p.x, p.y]);
        const two = map.unproject([q.x, q.y]);
        const rad = Math.PI / 180;
        const h =
          Math.sin(((two.lat - one.lat) * rad) / 2) ** 2 +
          Math.cos(one.lat * rad) *
            Math.cos(two.lat * rad) *
            Math.sin(((two.lng - one.lng) * rad) / 2) ** 2;
        return 2 * 6_371_008.8 * Math.asin(Math.sqrt(h));
      },
      [a, b],
    );
    const metres = Number(await distance.getAttribute('data-metres'));
    expect(Math.abs(metres - expected)).toBeLessThan(expected * 0.01);
    expect(await distance.textContent()).toMatch(/^约[\d,.]+公里$/);
    await page.screenshot({ path: `${SHOTS}/measure.png` });
    // Measuring does not select features; stopping ends it.
    expect(await page.evaluate(() => document.querySelector('.feature-panel'))).toBeNull();
    await panel.getByRole('button', { name: '结束测距' }).click();
    await expect(panel).toHaveCount(0);
  });
});
