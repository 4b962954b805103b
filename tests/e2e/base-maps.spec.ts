import { expect, test, type Page } from '@playwright/test';
import { AtlasDriver } from './atlas-driver';

/** A 1×1 grey PNG: what the stand-in tile server returns for every tile. */
const TILE = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAIAAACQd1PeAAAADElEQVR4nGPo6OgAAAL+AX5gyY0AAAAASUVORK5CYII=',
  'base64',
);

/** Serves a local config (as public/atlas-config.local.json would) and stand-in tiles. */
async function withLocalConfig(page: Page, baseMaps: Record<string, unknown>): Promise<void> {
  await page.route('**/atlas-config.local.json', (route) =>
    route.fulfill({ contentType: 'application/json', body: JSON.stringify({ baseMaps }) }),
  );
  await page.route('https://tiles.example.test/**', (route) =>
    route.fulfill({ contentType: 'image/png', body: TILE }),
  );
}

const GCJ_TEST_MAP = {
  'test-gcj': {
    enabled: true,
    title: { zh: '测试底图（GCJ-02）', en: 'Test base map (GCJ-02)' },
    layers: [['https://tiles.example.test/{z}/{x}/{y}.png']],
    attribution: 'Test tiles <b>not bold</b>',
    datum: 'gcj02',
    requiresApprovalNumber: true,
    approvalNumber: 'GS(2024)0650号',
  },
};

async function guanyinqiaoOnMap(page: Page): Promise<number[]> {
  return page.evaluate(() => {
    const source = window.atlas?.map.getSource('business-districts');
    const data = (source?.serialize() as { data?: GeoJSON.FeatureCollection } | undefined)?.data;
    const feature = data?.features.find(
      (entry) => entry.properties?.['id'] === 'bd-core-guanyinqiao',
    );
    return feature?.geometry.type === 'Point' ? feature.geometry.coordinates : [];
  });
}

test.describe('base maps', () => {
  test('a GCJ-02 base map shows its approval number and shifts the overlays, and says so', async ({
    page,
  }) => {
    await withLocalConfig(page, GCJ_TEST_MAP);
    const atlas = new AtlasDriver(page);
    await atlas.open();
    expect(await guanyinqiaoOnMap(page)).toEqual([106.53, 29.577]);
    // A coverage node, to check that the analysis overlay moves with the plan layers.
    const nodeId = await page.evaluate(async () =>
      window.atlas?.addNode({ lon: 106.53, lat: 29.577, tier: 3 }),
    );
    const nodeOnMap = () =>
      page.evaluate((id) => {
        const source = window.atlas?.map.getSource('coverage-nodes');
        const data = (source?.serialize() as { data?: GeoJSON.FeatureCollection } | undefined)
          ?.data;
        const feature = data?.features.find((entry) => entry.properties?.['id'] === id);
        return feature?.geometry.type === 'Point' ? feature.geometry.coordinates : [];
      }, nodeId);
    expect(await nodeOnMap()).toEqual([106.53, 29.577]);
    await page.locator('[data-base-map="test-gcj"] input').check();
    await atlas.waitForMapIdle();
    await expect(page.getByTestId('approval-number')).toHaveText('审图号：GS(2024)0650号');
    await expect(page.getByTestId('gcj-note')).toContainText('GCJ-02');
    const [lon = 0, lat = 0] = await guanyinqiaoOnMap(page);
    // GCJ-02 moves Chongqing roughly 500 m east-north-east.
    expect(lon - 106.53).toBeGreaterThan(0.002);
    expect(lon - 106.53).toBeLessThan(0.01);
    expect(Math.abs(lat - 29.577)).toBeLessThan(0.01);
    const [nodeLon = 0, nodeLat = 0] = await nodeOnMap();
    expect(nodeLon).toBeCloseTo(lon, 6);
    expect(nodeLat).toBeCloseTo(lat, 6);
    const attribution = page.locator('.maplibregl-ctrl-attrib-inner');
    await expect(attribution).toContainText('Test tiles <b>not bold</b>');
    await expect(attribution.locator('b')).toHaveCount(0);

    await page.locator('[data-base-map="offline"] input').check();
    await atlas.waitForMapIdle();
    expect(await guanyinqiaoOnMap(page)).toEqual([106.53, 29.577]);
    expect(await nodeOnMap()).toEqual([106.53, 29.577]);
    // The embedded base map has no 审图号 here, and says so.
    await expect(page.getByTestId('offline-unreviewed')).toContainText('未经审图');
    await expect(page.getByTestId('approval-number')).toHaveCount(0);
    await expect(page.getByTestId('gcj-note')).toHaveCount(0);
  });

  test('measuring over GCJ-02 tiles keeps the points in WGS 84: they stay on the ground when the base map changes', async ({
    page,
  }) => {
    await withLocalConfig(page, GCJ_TEST_MAP);
    const atlas = new AtlasDriver(page);
    await atlas.open('./#map=12/29.577/106.53');
    await page.locator('[data-base-map="test-gcj"] input').check();
    await atlas.waitForMapIdle();
    await page.getByRole('button', { name: '测距' }).click();
    const canvas = page.locator('.maplibregl-canvas');
    const box = await canvas.boundingBox();
    if (box === null) throw new Error('no map');
    const a = { x: box.width * 0.4, y: box.height * 0.5 };
    const b = { x: box.width * 0.6, y: box.height * 0.5 };
    await canvas.click({ position: a });
    await canvas.click({ position: b });
    await expect(page.getByTestId('measure-distance')).toBeVisible();
    const clicked = await page.evaluate((p) => {
      const at = window.atlas?.map.unproject([p.x, p.y]);
      return at === undefined ? [] : [at.lng, at.lat];
    }, a);
    const drawnFirst = () =>
      page.evaluate(() => {
        const source = window.atlas?.map.getSource('atlas-measure');
        const data = (source?.serialize() as { data?: GeoJSON.FeatureCollection } | undefined)
          ?.data;
        const point = data?.features.find((f) => f.geometry.type === 'Point');
        return point?.geometry.type === 'Point' ? point.geometry.coordinates : [];
      });
    // Over GCJ-02 tiles the point is drawn where it was clicked.
    const [drawnLon = 0] = await drawnFirst();
    expect(Math.abs(drawnLon - (clicked[0] ?? 0))).toBeLessThan(1e-5);
    // Back on the WGS 84 base map, the same ground point is drawn about 500 m west-south-west.
    await page.locator('[data-base-map="offline"] input').check();
    await atlas.waitForMapIdle();
    await expect
      .poll(async () => (clicked[0] ?? 0) - ((await drawnFirst())[0] ?? 0))
      .toBeGreaterThan(0.002);
  });

  test('the embedded base map shows its 审图号 once a deployment sets one', async ({ page }) => {
    await page.route('**/atlas-config.local.json', (route) =>
      route.fulfill({
        contentType: 'application/json',
        body: JSON.stringify({ offlineBaseMap: { approvalNumber: '渝S(2026)012号' } }),
      }),
    );
    const atlas = new AtlasDriver(page);
    await atlas.open('./?mode=public');
    await expect(page.getByTestId('approval-number')).toHaveText('审图号：渝S(2026)012号');
    await expect(page.getByTestId('offline-unreviewed')).toHaveCount(0);
  });

  test('public mode refuses a base map that needs an approval number and has none', async ({
    page,
  }) => {
    await withLocalConfig(page, {
      'tianditu-vector': { enabled: true, key: 'abcdef0123456789' },
    });
    const atlas = new AtlasDriver(page);
    await atlas.open('./?mode=public');
    // Publishing any map of China needs a 审图号: OpenStreetMap has none configured either.
    await expect(page.locator('[data-base-map="osm"]')).toHaveCount(0);
    await expect(page.locator('[data-base-map="tianditu-vector"]')).toHaveCount(0);
    await expect(page.getByTestId('offline-unreviewed')).toBeVisible();
    await page.getByRole('button', { name: '查看' }).click();
    await expect(page.locator('.problem-list')).toContainText('审图号');

    await atlas.open('./');
    await expect(page.locator('[data-base-map="tianditu-vector"]')).toBeAttached();
  });
});
