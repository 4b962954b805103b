import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { AtlasDriver } from './atlas-driver';

/** Records main-thread long tasks (> 50 ms) from page start. */
async function recordLongTasks(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const tasks: { start: number; duration: number }[] = [];
    Object.assign(window, { __longTasks: tasks });
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries())
        tasks.push({ start: entry.startTime, duration: entry.duration });
    }).observe({ type: 'longtask', buffered: true });
  });
}

function longTasksSince(page: Page, since: number): Promise<number[]> {
  return page.evaluate(
    (from) =>
      (
        (window as unknown as { __longTasks?: { start: number; duration: number }[] })
          .__longTasks ?? []
      )
        .filter((task) => task.start >= from)
        .map((task) => task.duration),
    since,
  );
}

async function startAnalysis(
  page: Page,
): Promise<{ elapsedMs: number; worstTaskMs: number; worstApplyMs: number }> {
  await page.getByText('生鲜覆盖分析（专栏6）').first().click();
  const since = await page.evaluate(() => performance.now());
  await page.getByRole('button', { name: '开始分析' }).click();
  await expect(page.getByTestId('coverage-overall')).toBeVisible({ timeout: 30_000 });
  const elapsedMs = (await page.evaluate(() => performance.now())) - since;
  const tasks = await longTasksSince(page, since);
  const applies = await page.evaluate(() =>
    performance.getEntriesByName('atlas:coverage-apply').map((entry) => entry.duration),
  );
  return { elapsedMs, worstTaskMs: Math.max(0, ...tasks), worstApplyMs: Math.max(0, ...applies) };
}

test.describe('coverage-gap analysis', () => {
  test('analyses the default data off the main thread and shows totals, tables and the gap map', async ({
    page,
  }, testInfo) => {
    await recordLongTasks(page);
    const atlas = new AtlasDriver(page);
    await atlas.open();
    const { elapsedMs, worstTaskMs, worstApplyMs } = await startAnalysis(page);
    testInfo.annotations.push({
      type: 'analysis',
      description: `${elapsedMs.toFixed(0)} ms; worst long task ${worstTaskMs.toFixed(0)} ms`,
    });
    console.log(
      `analyse → results: ${elapsedMs.toFixed(0)} ms; worst main-thread long task (Long Tasks API, ` +
        `includes MapLibre frames drawn in software GL): ${worstTaskMs.toFixed(0)} ms; ` +
        `worst main-thread handling of a worker result: ${worstApplyMs.toFixed(1)} ms`,
    );
    // The engine runs in the worker; what the page itself does with a result must stay short.
    expect(worstApplyMs, 'main-thread handling of a result').toBeLessThanOrEqual(50);
    expect(elapsedMs).toBeLessThan(15_000);

    const summary = await page.evaluate(() => window.atlas?.coverage());
    expect(summary?.population).toBe(32_054_159);
    await expect(page.getByTestId('coverage-overall')).toContainText(
      `${((summary?.rate ?? 0) * 100).toFixed(1)}%`,
    );
    await expect(page.getByText('人口为模型估算。')).toBeVisible();
    // Both default node layers of 专栏6/专栏9 qualify: cold-chain nodes and wholesale markets.
    await expect(page.locator('.qualifying input[type=checkbox]:checked')).toHaveCount(2);
    await expect(page.getByTestId('coverage-districts').locator('tbody tr')).toHaveCount(38);
    await atlas.waitForMapIdle();
    const rendered = await page.evaluate(
      () =>
        window.atlas?.map.queryRenderedFeatures({ layers: ['coverage-nodes-circle'] }).length ?? 0,
    );
    expect(rendered).toBeGreaterThan(10);
    expect(await atlas.canvasVariance()).toBeGreaterThan(8);
    await page.screenshot({ path: testInfo.outputPath('gap-map.png') });
    await page.screenshot({ path: 'test-results/gap-map.png' });
    await page.evaluate(() => window.atlas?.map.jumpTo({ center: [106.55, 29.56], zoom: 10 }));
    await atlas.waitForMapIdle();
    await page.screenshot({ path: 'test-results/gap-map-zoomed.png' });

    // Is this place covered? One click answers in a sentence, with the cell it falls in.
    const box = await page.locator('.map-container canvas').boundingBox();
    if (box === null) throw new Error('no canvas');
    await page.mouse.click(box.x + box.width * 0.7, box.y + box.height * 0.75);
    const popup = page.locator('.coverage-popup');
    await expect(popup).toContainText(/此处确定覆盖|取决于节点实际位置|此处未覆盖/);
    await expect(popup).toContainText('覆盖概率');
    await expect(popup).toContainText('人口网格（模型估算）');
  });

  test('dragging a node into a gap raises coverage by what the engine predicts; undo restores it exactly', async ({
    page,
  }) => {
    const atlas = new AtlasDriver(page);
    await atlas.open();
    await startAnalysis(page);
    const before = await page.evaluate(() => window.atlas?.coverage());
    const [gap] = (await page.evaluate(() => window.atlas?.gaps(1))) ?? [];
    if (gap === undefined || before === undefined) throw new Error('no gap');
    // A node a few kilometres from the gap, then the engine's prediction for moving it there.
    const start = { lon: gap.lon + 0.08, lat: gap.lat + 0.05 };
    const id = await page.evaluate((at) => window.atlas?.addNode({ ...at, tier: 3 }), start);
    if (id === undefined) throw new Error('no node');
    const placed = await page.evaluate(() => window.atlas?.coverage());
    const predicted = await page.evaluate(
      ({ id, gap }) => window.atlas?.moveNode(id, gap.lon, gap.lat),
      { id, gap },
    );
    await page.evaluate(() => window.atlas?.undo());
    expect((await page.evaluate(() => window.atlas?.coverage()))?.covered).toBe(placed?.covered);

    // Now the real thing: zoom there and drag the node with the mouse.
    await page.evaluate(
      ({ lon, lat }) => window.atlas?.map.jumpTo({ center: [lon, lat], zoom: 10 }),
      {
        lon: (gap.lon + start.lon) / 2,
        lat: (gap.lat + start.lat) / 2,
      },
    );
    await atlas.waitForMapIdle();
    const toScreen = (at: { lon: number; lat: number }) =>
      page.evaluate((p) => {
        const map = window.atlas?.map;
        if (map === undefined) throw new Error('no map');
        const point = map.project([p.lon, p.lat]);
        const box = map.getCanvas().getBoundingClientRect();
        return { x: box.left + point.x, y: box.top + point.y };
      }, at);
    const from = await toScreen(start);
    const to = await toScreen(gap);
    await page.mouse.move(from.x, from.y);
    await page.mouse.down();
    const half = { x: (from.x + to.x) / 2, y: (from.y + to.y) / 2 };
    await page.mouse.move(half.x, half.y, { steps: 5 });
    // Mid-drag the node is drawn under the pointer (only it is sent to the map on each move).
    await atlas.waitForMapIdle();
    const underPointer = await page.evaluate(({ x, y }) => {
      const map = window.atlas?.map;
      if (map === undefined) throw new Error('no map');
      const box = map.getCanvas().getBoundingClientRect();
      const at = [x - box.left, y - box.top] as const;
      return map
        .queryRenderedFeatures(
          [
            [at[0] - 4, at[1] - 4],
            [at[0] + 4, at[1] + 4],
          ],
          { layers: ['coverage-nodes-circle'] },
        )
        .map((feature) => String(feature.properties['id']));
    }, half);
    expect(underPointer).toContain(id);
    await page.mouse.move(to.x, to.y, { steps: 5 });
    await page.mouse.up();
    await expect
      .poll(async () => (await page.evaluate(() => window.atlas?.coverage()))?.covered, {
        timeout: 10_000,
      })
      .toBeGreaterThan(placed?.covered ?? 0);
    const dragged = await page.evaluate(() => window.atlas?.coverage());
    // The drop lands within a pixel of the gap centre, so the gain matches the engine's prediction.
    expect(Math.abs((dragged?.covered ?? 0) - (predicted?.covered ?? 0))).toBeLessThanOrEqual(
      Math.max(50, (predicted?.covered ?? 0) * 0.001),
    );
    await expect(page.getByTestId('coverage-delta')).toBeVisible();

    await page.keyboard.press('Control+z');
    await expect
      .poll(async () => (await page.evaluate(() => window.atlas?.coverage()))?.covered)
      .toBe(placed?.covered);
    await page.evaluate(() => window.atlas?.undo());
    expect((await page.evaluate(() => window.atlas?.coverage()))?.covered).toBe(before.covered);
  });

  test('the gap map patched after node moves is the map a whole repaint draws, and totals come before the map', async ({
    page,
  }) => {
    // Eight edits, each waiting for a map frame drawn in software GL.
    test.setTimeout(180_000);
    const atlas = new AtlasDriver(page);
    await atlas.open();
    await startAnalysis(page);
    const [gap] = (await page.evaluate(() => window.atlas?.gaps(1))) ?? [];
    if (gap === undefined) throw new Error('no gap');
    await page.evaluate(
      (g) => window.atlas?.map.jumpTo({ center: [g.lon, g.lat], zoom: 10.5 }),
      gap,
    );
    const id = await page.evaluate((g) => window.atlas?.addNode({ ...g, tier: 3 }), gap);
    if (id === undefined) throw new Error('no node');
    // Moves around the gap, each uploading only the rectangle it repainted; one back and forth.
    const steps = [
      [0.02, 0],
      [0.02, 0.015],
      [-0.01, 0.02],
      [-0.025, -0.01],
      [0.005, -0.02],
      [-0.025, -0.01],
    ] as const;
    const patchesBefore = await page.evaluate(
      () => performance.getEntriesByName('atlas:gap-patch').length,
    );
    for (const [dx, dy] of steps) {
      await page.evaluate(({ id, lon, lat }) => window.atlas?.moveNode(id, lon, lat), {
        id,
        lon: gap.lon + dx,
        lat: gap.lat + dy,
      });
    }
    const patches = await page.evaluate(() =>
      performance
        .getEntriesByName('atlas:gap-patch')
        .map((entry) => (entry as PerformanceMark).detail as { width: number; height: number }),
    );
    expect(patches.length - patchesBefore).toBeGreaterThanOrEqual(steps.length);
    // A node's reach is a few dozen pixels of the 1,600-pixel raster, not the whole of it.
    for (const patch of patches.slice(patchesBefore)) {
      expect(patch.width * patch.height).toBeLessThan(1600 * 1524 * 0.05);
    }
    // Each move's totals were in the store before the map was touched.
    const order = await page.evaluate(() => {
      const edits = performance.getEntriesByName('atlas:coverage-edit');
      const maps = performance.getEntriesByName('atlas:coverage-map');
      return edits.slice(-6).map((edit) => {
        const end = edit.startTime + edit.duration;
        return maps.find((map) => map.startTime >= end)?.startTime ?? -1;
      });
    });
    expect(order.every((start) => start > 0)).toBe(true);
    await atlas.waitForMapIdle();
    // The map's pixels (kept in the page: the drawing buffer is preserved in test builds), and
    // how many differ from those kept before.
    const keepPixels = () =>
      page.evaluate(() => {
        const source = window.atlas?.map.getCanvas();
        if (source === undefined) throw new Error('no canvas');
        const canvas = document.createElement('canvas');
        canvas.width = source.width;
        canvas.height = source.height;
        const context = canvas.getContext('2d');
        if (context === null) throw new Error('no 2D context');
        context.drawImage(source, 0, 0);
        const data = context.getImageData(0, 0, canvas.width, canvas.height).data;
        const store = window as unknown as { __kept?: Uint8ClampedArray };
        const kept = store.__kept;
        store.__kept = data;
        if (kept === undefined) return { pixels: data.length / 4, differing: 0 };
        let differing = 0;
        for (let i = 0; i < data.length; i += 4) {
          if (data[i] !== kept[i] || data[i + 1] !== kept[i + 1] || data[i + 2] !== kept[i + 2]) {
            differing += 1;
          }
        }
        return { pixels: kept.length === data.length ? data.length / 4 : -1, differing };
      });
    const patched = await keepPixels();
    await page.screenshot({ path: 'test-results/gap-map-after-moves.png' });
    // The same rule again repaints and uploads the whole raster: nothing on the map may change.
    const fullBefore = await page.evaluate(
      () => performance.getEntriesByName('atlas:coverage-map').length,
    );
    await page.evaluate(() => window.atlas?.setRule({}));
    await atlas.waitForMapIdle();
    expect(
      await page.evaluate(() => performance.getEntriesByName('atlas:coverage-map').length),
    ).toBeGreaterThan(fullBefore);
    const { pixels, differing } = await keepPixels();
    expect(pixels).toBe(patched.pixels);
    expect(differing, 'pixels that differ between the patched and the whole gap map').toBe(0);
  });

  test('a reload keeps the scenario, and suggested sites raise coverage when added', async ({
    page,
  }) => {
    const atlas = new AtlasDriver(page);
    await atlas.open();
    await startAnalysis(page);
    const [gap] = (await page.evaluate(() => window.atlas?.gaps(1))) ?? [];
    if (gap === undefined) throw new Error('no gap');
    await page.evaluate((g) => window.atlas?.addNode({ lon: g.lon, lat: g.lat, tier: 2 }), gap);
    const withNode = await page.evaluate(() => window.atlas?.coverage());

    await page.reload();
    await page.waitForFunction(() => window.atlas !== undefined, null, { timeout: 30_000 });
    await atlas.waitForMapIdle();
    const restored = await page.evaluate(() => window.atlas?.coverage());
    expect(restored?.covered).toBe(withNode?.covered);
    const nodes = await page.evaluate(() => window.atlas?.nodes());
    expect(
      nodes?.some((node) => node.origin === 'added' && Math.abs(node.lon - gap.lon) < 1e-9),
    ).toBe(true);

    // The coverage section opens by itself once an analysis is running.
    await page.getByRole('button', { name: '建议 K 个站点' }).click();
    const candidates = page.getByTestId('suggest-candidates').locator('li');
    await expect(candidates).toHaveCount(5);
    // Counted against the expected coverage, and drawn as numbered markers with their gain.
    await expect(candidates.first()).toContainText('期望新增覆盖');
    await page.evaluate(() => window.atlas?.map.jumpTo({ center: [107.8, 30.05], zoom: 6.6 }));
    await atlas.waitForMapIdle();
    await expect
      .poll(() =>
        page.evaluate(
          () =>
            window.atlas?.map.queryRenderedFeatures({ layers: ['coverage-candidates-circle'] })
              .length ?? 0,
        ),
      )
      .toBe(5);
    const label = await page.evaluate(
      () =>
        window.atlas?.map.queryRenderedFeatures({ layers: ['coverage-candidates-label'] })[0]
          ?.properties['label'] as string | undefined,
    );
    expect(label).toMatch(/^\d · \+[\d,]+$/);
    await page.screenshot({ path: 'test-results/suggested-sites.png' });
    await page.getByRole('button', { name: '全部加入方案' }).click();
    await expect
      .poll(async () => (await page.evaluate(() => window.atlas?.coverage()))?.covered, {
        timeout: 15_000,
      })
      .toBeGreaterThan(restored?.covered ?? 0);
  });

  test('the exported CSV keeps Chinese and matches the panel totals', async ({ page }) => {
    const atlas = new AtlasDriver(page);
    await atlas.open();
    await startAnalysis(page);
    const summary = await page.evaluate(() => window.atlas?.coverage());
    const downloadPromise = page.waitForEvent('download');
    await page.getByRole('button', { name: 'CSV', exact: true }).click();
    const download = await downloadPromise;
    const path = await download.path();
    const bytes = readFileSync(path);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.toString('utf8').slice(1);
    const lines = text.trim().split('\r\n');
    expect(lines[0]).toContain('name_zh');
    expect(text).toContain('渝中区');
    const city = lines.find((line) => line.startsWith('city,'))?.split(',') ?? [];
    expect(Number(city[4])).toBe(summary?.population);
    expect(Number(city[5])).toBe(summary?.covered);
    expect(lines.filter((line) => line.startsWith('district,'))).toHaveLength(38);
  });

  test('the panel, the dashboard and window.atlas.coverage() give the CLI’s certainty-aware figures', async ({
    page,
  }, testInfo) => {
    const out = join(mkdtempSync(join(tmpdir(), 'cq-atlas-e2e-')), 'report.json');
    const cli = spawnSync(process.execPath, ['bin/cq-atlas.mjs', 'coverage', '--json', out], {
      encoding: 'utf8',
    });
    expect(cli.status, cli.stderr).toBe(0);
    const report = JSON.parse(readFileSync(out, 'utf8')) as {
      analysis: { name: { zh: string } };
      totals: Record<
        'city' | 'urban' | 'rural',
        {
          rate: number;
          uncertainty: {
            sure: { rate: number };
            expected: { rate: number };
            possible: { rate: number };
            interval: { p05: { rate: number }; p95: { rate: number }; seed: number };
          };
        }
      >;
    };
    const atlas = new AtlasDriver(page);
    await atlas.open();
    await startAnalysis(page);
    const figures = await page.evaluate(() => window.atlas?.coverage());
    if (figures === undefined) throw new Error('no figures');
    for (const area of ['city', 'urban', 'rural'] as const) {
      const mine = area === 'city' ? figures.uncertainty : figures.uncertainty[area];
      const theirs = report.totals[area].uncertainty;
      expect(mine.sure.rate).toBe(theirs.sure.rate);
      expect(mine.expected.rate).toBe(theirs.expected.rate);
      expect(mine.possible.rate).toBe(theirs.possible.rate);
      expect(mine.interval.p05.rate).toBe(theirs.interval.p05.rate);
      expect(mine.interval.p95.rate).toBe(theirs.interval.p95.rate);
    }
    expect(figures.rate).toBe(report.totals.city.rate);
    const pct = (rate: number) => `${(rate * 100).toFixed(1)}%`;
    const city = report.totals.city.uncertainty;
    const card = page.getByTestId('coverage-overall');
    await expect(card.getByTestId('expected-rate')).toHaveText(pct(city.expected.rate));
    await expect(card.getByTestId('interval')).toContainText(
      `${pct(city.interval.p05.rate)}–${pct(city.interval.p95.rate)}`,
    );
    await expect(card.getByTestId('sure-possible')).toContainText(pct(city.possible.rate));
    await expect(card.getByTestId('point-estimate')).toContainText(pct(report.totals.city.rate));
    await expect(page.getByTestId('analysis-name')).toContainText(report.analysis.name.zh);
    // Each plan site carries its stated uncertainty; hovering one shows its disc faintly.
    const hovered = await page.evaluate(() => {
      const map = window.atlas?.map;
      if (map === undefined) return null;
      map.jumpTo({ center: [106.55, 29.56], zoom: 9 });
      const [feature] = map
        .queryRenderedFeatures({ layers: ['coverage-nodes-circle'] })
        .filter((f) => Number(f.properties['u']) > 0);
      if (feature?.geometry.type !== 'Point') return null;
      const [lon = 0, lat = 0] = feature.geometry.coordinates;
      const at = map.project([lon, lat]);
      return { id: String(feature.id), x: at.x, y: at.y, u: Number(feature.properties['u']) };
    });
    if (hovered === null) throw new Error('no uncertain node in view');
    expect(hovered.u).toBeGreaterThanOrEqual(1500);
    const canvasBox = await page.locator('.map-container canvas').boundingBox();
    if (canvasBox === null) throw new Error('no canvas');
    await page.mouse.move(canvasBox.x + hovered.x, canvasBox.y + hovered.y);
    await expect
      .poll(() =>
        page.evaluate(
          (id) =>
            (
              window.atlas?.map.getFeatureState({ source: 'coverage-nodes', id }) as
                { hover?: boolean } | undefined
            )?.hover,
          hovered.id,
        ),
      )
      .toBe(true);
    await page.screenshot({ path: 'test-results/node-uncertainty-hover.png' });
    await page.getByTestId('coverage-overall').scrollIntoViewIfNeeded();
    await page.screenshot({ path: testInfo.outputPath('coverage-panel.png') });
    await page.screenshot({ path: 'test-results/coverage-panel.png' });
    await page.getByRole('button', { name: '规划看板' }).click();
    const dashboard = page.getByTestId('coverage-summary');
    await expect(dashboard).toContainText(pct(city.expected.rate));
    // Both pictures of the plan's own nodes: today (what exists per the plan) and 2025.
    const scopes = page.getByTestId('scope-comparison');
    await expect(scopes.locator('[data-scope="planned"]')).toContainText(pct(city.expected.rate));
    await expect(scopes.locator('[data-scope="existing"]')).toContainText('期望');
    await scopes.scrollIntoViewIfNeeded();
    await page.screenshot({ path: 'test-results/dashboard-coverage.png' });
    await expect(dashboard).toContainText(
      `${pct(city.interval.p05.rate)}–${pct(city.interval.p95.rate)}`,
    );
  });
});
