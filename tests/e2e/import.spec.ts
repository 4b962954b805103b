import { expect, test, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { AtlasDriver, watchForHostileEffects } from './atlas-driver';

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
    await expect(page.getByTestId('import-status')).toContainText('“经度”');
    await page.getByRole('combobox').first().fill('观音桥');
    await expect(page.getByRole('option', { name: /观音桥菜市场/ })).toBeVisible();
    await page.getByRole('option', { name: /观音桥菜市场/ }).click();
    await expect(page.locator('.imported-popup')).toContainText('观音桥菜市场');
    await atlas.waitForMapIdle();
    await page.screenshot({ path: 'tests/e2e/screenshots/import-gbk-csv.png' });
  });
});

const HOSTILE = '<img src=x onerror="window.__xss=1">';

test.describe('hostile input', () => {
  test('hostile strings in files, file names and the URL are shown as text and never run', async ({
    page,
  }) => {
    const { dialogs } = await watchForHostileEffects(page);
    const atlas = new AtlasDriver(page);
    await atlas.open(
      `./?lang=${encodeURIComponent(HOSTILE)}&sel=${encodeURIComponent(HOSTILE)}&layers=${encodeURIComponent(`districts,${HOSTILE}`)}`,
    );
    const geojson = {
      type: 'FeatureCollection',
      features: [
        {
          type: 'Feature',
          id: HOSTILE,
          geometry: { type: 'Point', coordinates: [106.5775, 29.5594] },
          properties: {
            name: HOSTILE,
            [HOSTILE]: `<script>window.__xss=2</script>`,
            note: 'javascript:window.__xss=3',
            formula: '=HYPERLINK("http://x","y")',
          },
        },
        { type: 'Feature', geometry: null, properties: { name: HOSTILE } },
      ],
    };
    const outcome = await importBytes(
      page,
      `${HOSTILE}.geojson`,
      new TextEncoder().encode(JSON.stringify(geojson)),
    );
    expect(outcome.features).toBe(1);
    expect(outcome.problems.map((problem) => problem.code)).toContain('null-geometry');
    const csv = `lon,lat,${HOSTILE}\n106.55,29.56,${HOSTILE}\n`;
    const csvOutcome = await importBytes(page, `${HOSTILE}.csv`, new TextEncoder().encode(csv));
    expect(csvOutcome.features).toBe(1);

    // Everywhere the strings appear: status line, problem list, layer list, search, popup.
    const section = page.locator('.import-section');
    await section.locator('summary').first().click();
    await expect(section.locator('.imported-layer-name').first()).toHaveText(`${HOSTILE}.geojson`);
    await page.getByRole('combobox').first().fill('onerror');
    await expect(page.getByRole('option').first()).toContainText(HOSTILE);
    await page.getByRole('option').first().click();
    await expect(page.locator('.imported-popup')).toContainText(HOSTILE);
    await expect(page.locator('.imported-popup')).toContainText('<script>window.__xss=2</script>');
    await atlas.waitForMapIdle();

    const state = await page.evaluate(() => ({
      xss: (window as unknown as { __xss?: number }).__xss,
      injectedImages: document.querySelectorAll('img[src="x"]').length,
      scripts: [...document.querySelectorAll('script')].filter((script) =>
        script.textContent.includes('__xss'),
      ).length,
      csp: document
        .querySelector('meta[http-equiv="Content-Security-Policy"]')
        ?.getAttribute('content'),
      violations: (window as unknown as { __cspViolations: string[] }).__cspViolations,
    }));
    expect(state.xss).toBeUndefined();
    expect(state.injectedImages).toBe(0);
    expect(state.scripts).toBe(0);
    expect(dialogs).toEqual([]);
    expect(state.csp).toContain("script-src 'self'");
    expect(state.violations).toEqual([]);
    await page.screenshot({ path: 'tests/e2e/screenshots/import-hostile.png' });
  });
});

test.describe('imported work is kept', () => {
  test('imported layers survive a reload, and re-imported exported nodes give the same totals', async ({
    page,
  }) => {
    const atlas = new AtlasDriver(page);
    await atlas.open();
    const before = await page.evaluate(async () => {
      const api = window.atlas;
      if (api === undefined) throw new Error('window.atlas is missing');
      await api.addNode({ lon: 107.2, lat: 29.9, tier: 3 });
      return api.coverage();
    });
    const nodes = await page.evaluate(async () => window.atlas?.nodes() ?? []);
    // The coverage panel's node export, re-imported.
    const exported = {
      type: 'FeatureCollection',
      features: nodes.map((node) => ({
        type: 'Feature',
        geometry: { type: 'Point', coordinates: [node.lon, node.lat] },
        properties: { id: node.id, name: node.name, tier: node.tier, origin: node.origin },
      })),
    };
    const outcome = await importBytes(
      page,
      'cq-atlas-nodes.geojson',
      new TextEncoder().encode(JSON.stringify(exported)),
    );
    expect(outcome.features).toBe(nodes.length);
    const section = page.locator('.import-section');
    await section.locator('summary').first().click();
    await section.getByRole('button', { name: '只分析这些网点' }).click();
    await expect(page.locator('.coverage-panel')).toContainText('cq-atlas-nodes.geojson');
    const after = await page.evaluate(async () => window.atlas?.coverage());
    expect(after?.covered).toBe(before.covered);
    expect(after?.rate).toBe(before.rate);

    await page.reload();
    await page.waitForFunction(() => window.atlas !== undefined);
    await atlas.waitForMapIdle();
    await page.locator('.import-section summary').first().click();
    await expect(page.locator('.imported-layer-name')).toHaveText(['cq-atlas-nodes.geojson']);

    // The public map opened in the same browser does not show the planner's imports.
    await atlas.open('./?mode=public');
    const importedSources = await page.evaluate(() =>
      Object.keys(window.atlas?.map.getStyle().sources ?? {}).filter((id) =>
        id.startsWith('atlas-import-'),
      ),
    );
    expect(importedSources).toEqual([]);
  });
});

test.describe('population and files from the panel', () => {
  test('a population raster chosen in the file picker drives the analysis, and back to the model', async ({
    page,
  }) => {
    const atlas = new AtlasDriver(page);
    await atlas.open();
    const model = await page.evaluate(async () => window.atlas?.coverage());
    expect(model?.population).toBe(32_054_159);
    await page.locator('.import-section summary').first().click();
    const raster = readFileSync(
      resolve(import.meta.dirname, '../import-corpus/files/format/population.tif'),
    );
    await page.getByTestId('import-file-input').setInputFiles({
      name: 'worldpop-sample.tif',
      mimeType: 'image/tiff',
      buffer: raster,
    });
    await expect(page.getByTestId('import-status')).toContainText('worldpop-sample.tif');
    await page.getByRole('button', { name: '用作人口' }).click();
    // A sample of 2,180 people is far below the census total: used only on the planner's word.
    await page.getByTestId('census-accept').check();
    await page.getByTestId('census-use').click();
    await expect(page.locator('.imported-demand-note')).toContainText('worldpop-sample.tif');
    await expect
      .poll(async () => page.evaluate(async () => (await window.atlas?.coverage())?.population))
      .toBe(2180);
    await page.getByRole('button', { name: '改回模型人口' }).click();
    await expect(page.locator('.imported-demand-note')).toHaveCount(0);
    await expect
      .poll(async () => page.evaluate(async () => (await window.atlas?.coverage())?.covered))
      .toBe(model?.covered);
  });

  test('a table of places with residents drives the analysis as population', async ({ page }) => {
    const atlas = new AtlasDriver(page);
    await atlas.open();
    const csv =
      '名称,经度,纬度,人口,城乡\n解放碑社区,106.5775,29.5594,12000,城镇\n' +
      '某村,107.9,29.1,800,乡村\n某镇,108.4,30.8,"3,500",\n无人口行,106.6,29.6,,\n';
    const outcome = await importBytes(page, '社区人口.csv', new TextEncoder().encode(csv));
    expect(outcome.features).toBe(4);
    await page.locator('.import-section summary').first().click();
    await page.getByRole('button', { name: '用作人口' }).click();
    // 16,300 people against the census total of 32,054,159: refused, with both totals and the
    // ratio, until the planner ticks the box and uses it anyway.
    const check = page.getByRole('group', { name: '人口合计与普查总数相差过大' });
    await expect(check).toBeVisible();
    await expect(page.getByTestId('census-check-figures')).toHaveText(
      '本文件：16,300 人。2020 年人口普查（本图集所用总数）：32,054,159 人。比值 0.00051 倍（无需确认的范围：0.5 至 2 倍）。',
    );
    await expect(page.locator('.coverage-panel, body').first()).toContainText(
      '社区人口.csv 未用作人口：其人口合计 16,300，是本图集所用 2020 年人口普查总数 32,054,159 的 0.00051 倍',
    );
    await expect(page.locator('.imported-demand-note')).toHaveCount(0);
    expect(await page.evaluate(async () => (await window.atlas?.coverage())?.population)).toBe(
      32_054_159,
    );
    const use = page.getByTestId('census-use');
    await expect(use).toBeDisabled();
    await page.getByTestId('census-accept').check();
    await expect(use).toBeEnabled();
    await check.screenshot({ path: test.info().outputPath('census-check.png') });
    await use.click();
    await expect(check).toHaveCount(0);
    await expect(page.locator('.imported-demand-note')).toContainText('社区人口.csv');
    await expect(page.locator('.coverage-panel')).toContainText('经您确认使用');
    await expect
      .poll(async () => page.evaluate(async () => (await window.atlas?.coverage())?.population))
      .toBe(16_300);
    const summary = await page.evaluate(async () => window.atlas?.coverage());
    expect(summary?.urban.population).toBe(12_000 + 3_500); // 某镇 takes its model cell's class
    expect(summary?.rural.population).toBe(800);
    await expect(page.locator('.coverage-panel')).toContainText('跳过 1 行');
  });

  test('a file dropped on the map is imported, and a refused file says why', async ({ page }) => {
    const atlas = new AtlasDriver(page);
    await atlas.open();
    const drop = async (name: string, text: string) => {
      const transfer = await page.evaluateHandle(
        ([fileName, content]) => {
          const data = new DataTransfer();
          data.items.add(new File([content], fileName, { type: 'text/plain' }));
          return data;
        },
        [name, text] as const,
      );
      const target = page.locator('.maplibregl-canvas');
      await target.dispatchEvent('dragenter', { dataTransfer: transfer });
      await expect(page.locator('.drop-overlay')).toBeVisible();
      await target.dispatchEvent('dragover', { dataTransfer: transfer });
      await target.dispatchEvent('drop', { dataTransfer: transfer });
    };
    await drop('dropped.csv', 'name,lon,lat\nA,106.55,29.56\nB,abc,29.5\n');
    await expect(page.getByTestId('import-status')).toContainText('dropped.csv');
    await expect(page.getByTestId('import-problems')).toContainText('dropped.csv row 3');
    await drop('notes.docx', 'PK not really');
    await expect(page.getByTestId('import-status')).toContainText('notes.docx');
    await expect(page.getByTestId('import-problems')).not.toHaveText('');
    await expect(page.locator('.imported-layer-name')).toHaveText(['dropped.csv']);
    await page.locator('.import-section').screenshot({
      path: 'tests/e2e/screenshots/import-panel.png',
    });
  });
});

test.describe('big files', () => {
  test('a big file shows progress, can be cancelled, and leaves the app and earlier work as they were', async ({
    page,
  }) => {
    const atlas = new AtlasDriver(page);
    await atlas.open();
    const earlier = await importBytes(
      page,
      'earlier.csv',
      new TextEncoder().encode('lon,lat\n106.5,29.5\n'),
    );
    expect(earlier.layerId).not.toBeNull();
    await page.locator('.import-section summary').first().click();
    // 600,000 rows made in the page, imported through the panel's own path.
    const pending = page.evaluate(async () => {
      const rows = ['名称,经度,纬度'];
      for (let i = 0; i < 600_000; i += 1)
        rows.push(
          `网点${String(i)},${String(105.5 + (i % 4000) / 1000)},${String(28.5 + (i % 3000) / 1000)}`,
        );
      const bytes = new TextEncoder().encode(rows.join('\n'));
      return window.atlas?.importFile({ name: 'big.csv', bytes });
    });
    await expect(page.locator('.import-status progress')).toBeVisible({ timeout: 30_000 });
    // The page answers while the worker parses.
    const answered = await page.evaluate(() => window.atlas?.search('解放碑').length ?? 0);
    expect(answered).toBeGreaterThan(0);
    await page.getByRole('button', { name: '取消' }).click();
    const outcome = await pending;
    expect(outcome?.layerId).toBeNull();
    expect(outcome?.problems[0]?.message).toMatch(/cancelled/);
    await expect(page.locator('.import-status').first()).toContainText('已取消导入 big.csv');
    await expect(page.locator('.imported-layer-name')).toHaveText(['earlier.csv']);
    // The next import works (a fresh worker).
    const after = await importBytes(
      page,
      'after.csv',
      new TextEncoder().encode('lon,lat\n106.6,29.6\n'),
    );
    expect(after.features).toBe(1);
  });

  test('a layer of 60,001 points comes over in chunks, is drawn as clusters that count every point, and its last point is still found', async ({
    page,
  }) => {
    const atlas = new AtlasDriver(page);
    await atlas.open();
    const outcome = await page.evaluate(async () => {
      const rows = ['名称,经度,纬度'];
      // More than two chunks of 25,000 (FEATURE_CHUNK), the last one short.
      for (let i = 0; i < 60_001; i += 1) {
        rows.push(
          `网点${String(i)},${(106.3 + (i % 157) / 300).toFixed(5)},${(29.3 + (i % 89) / 250).toFixed(5)}`,
        );
      }
      const result = await window.atlas?.importFile({
        name: 'many.csv',
        bytes: new TextEncoder().encode(rows.join('\n')),
      });
      await window.atlas?.ready();
      return result;
    });
    expect(outcome?.features).toBe(60_001);
    const layerId = outcome?.layerId ?? '';
    const drawn = await page.evaluate((id) => {
      const map = window.atlas?.map;
      if (map === undefined) return { clustered: 0, single: 0 };
      const clusters = map.queryRenderedFeatures({ layers: [`atlas-import-${id}-cluster`] });
      const singles = map.queryRenderedFeatures({ layers: [`atlas-import-${id}-point`] });
      const counted = new Map<unknown, number>();
      for (const cluster of clusters) {
        counted.set(cluster.properties['cluster_id'], Number(cluster.properties['point_count']));
      }
      return {
        clustered: [...counted.values()].reduce((sum, count) => sum + count, 0),
        single: new Set(singles.map((point): unknown => point.properties['i'])).size,
      };
    }, layerId);
    expect(drawn.clustered).toBeGreaterThan(0);
    expect(drawn.clustered + drawn.single).toBe(60_001);
    await page.getByRole('combobox').first().fill('网点60000');
    await page
      .getByRole('option', { name: /网点60000/ })
      .first()
      .click();
    await expect(page.locator('.imported-popup')).toContainText('网点60000');

    // Saved in the browser by the import worker, which still held the features (the page does not
    // copy 60,001 features for IndexedDB); after a reload the layer is back, complete.
    await expect
      .poll(
        () =>
          page.evaluate(
            (id) =>
              new Promise<number>((resolve) => {
                const request = indexedDB.open('cq-commerce-atlas');
                request.onsuccess = () => {
                  const db = request.result;
                  const get = db
                    .transaction('importedLayers')
                    .objectStore('importedLayers')
                    .get(id);
                  get.onsuccess = () => {
                    const record = get.result as { features?: unknown[] } | undefined;
                    db.close();
                    resolve(record?.features?.length ?? 0);
                  };
                  get.onerror = () => resolve(-1);
                };
                request.onerror = () => resolve(-1);
              }),
            layerId,
          ),
        { timeout: 30_000 },
      )
      .toBe(60_001);
    await page.reload();
    await page.waitForFunction(() => window.atlas !== undefined);
    await atlas.waitForMapIdle();
    await page.locator('.import-section summary').first().click();
    await expect(page.locator('.imported-layer-name')).toHaveText(['many.csv']);
    await page.getByRole('combobox').first().fill('网点60000');
    await expect(page.getByRole('option', { name: /网点60000/ }).first()).toBeVisible();
  });
});
