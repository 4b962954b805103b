import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { expect, test } from '@playwright/test';
import { GEODATA_DIR, runDataBuild } from '../../scripts/build-data.ts';
import { AtlasDriver } from './atlas-driver';

/** A wholesale market (a coverage node of its own, not sharing a point) in 江津区. */
const FEATURE = 'agri-l1-jiangjin-shuangfu';
const SHIPPED = [106.27014, 29.41359];

interface Node {
  id: string;
  lon: number;
  lat: number;
}

function today(): string {
  const now = new Date();
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${String(now.getFullYear())}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

test('a planner corrects a position in the app; the exported file rebuilds the data with it', async ({
  page,
}, testInfo) => {
  const atlas = new AtlasDriver(page);
  await atlas.open('./?lang=zh');
  const before = await page.evaluate(async () => {
    const figures = await window.atlas?.coverage();
    return figures?.uncertainty.expected.covered ?? null;
  });
  expect(before).not.toBeNull();
  const nodeOf = (id: string) =>
    page.evaluate(
      async (wanted) => ((await window.atlas?.nodes()) ?? []).find((n) => n.id === wanted) ?? null,
      id,
    ) as Promise<Node | null>;
  expect(await nodeOf(FEATURE)).toMatchObject({ lon: SHIPPED[0], lat: SHIPPED[1] });

  await page.evaluate((id) => window.atlas?.select(id), FEATURE);
  await atlas.waitForMapIdle();
  const panel = page.locator('.feature-panel');
  await panel.getByRole('button', { name: '纠正位置' }).click();
  const form = panel.locator('form.correction-form');
  await expect(form).toBeVisible();
  const x = form.getByLabel('经度（或 X，米）');
  const y = form.getByLabel('纬度（或 Y，米）');
  await expect(x).toHaveValue('106.270140');

  // Typed coordinates outside the feature's own 区县 (解放碑, 渝中区) are refused, in words.
  await x.fill('106.5775');
  await y.fill('29.5594');
  await form.getByRole('button', { name: '保存纠正' }).click();
  await expect(form.getByRole('alert')).toContainText('所属区县');
  await expect(form.getByRole('alert')).toContainText('江津区');

  // Typed WGS 84 degrees moved the marker there; start again from the shipped point.
  const marker = page.locator('.correction-marker');
  await form.getByRole('button', { name: '取消' }).click();
  await expect(marker).toHaveCount(0);
  await panel.getByRole('button', { name: '纠正位置' }).click();
  await expect(x).toHaveValue('106.270140');
  await page.evaluate((id) => window.atlas?.select(id), FEATURE);
  await atlas.waitForMapIdle();

  // Drag the marker 80 px east and 50 px north; the fields show where it was dropped.
  await expect(marker).toBeVisible();
  const box = await marker.boundingBox();
  if (box === null) throw new Error('the marker is not drawn');
  const start = { x: box.x + box.width / 2, y: box.y + box.height / 2 };
  await page.mouse.move(start.x, start.y);
  await page.mouse.down();
  // One step per frame, as a hand moves: MapLibre follows the pointer frame by frame.
  for (let step = 1; step <= 10; step += 1) {
    await page.mouse.move(start.x + 8 * step, start.y - 5 * step);
    await page.evaluate(() => new Promise((done) => requestAnimationFrame(done)));
  }
  await page.mouse.up();
  await expect(x).not.toHaveValue('106.270140');
  const dropped = [Number(await x.inputValue()), Number(await y.inputValue())];
  expect(dropped[0]).toBeGreaterThan(SHIPPED[0] ?? 0);
  expect(dropped[1]).toBeGreaterThan(SHIPPED[1] ?? 0);

  // The same position in GCJ-02 (as 高德 shows it) differs by a few hundred metres of offset.
  await form.getByLabel('坐标系').selectOption('GCJ-02');
  await expect(x).not.toHaveValue(dropped[0]?.toFixed(6) ?? '');
  await form.getByLabel('坐标系').selectOption('EPSG:4326');
  await expect(x).toHaveValue(dropped[0]?.toFixed(6) ?? '');

  await form.getByLabel('位置依据').selectOption('surveyed');
  await form.getByLabel('位置误差（米，1–20000）').fill('30');
  await form.getByLabel('备注（可选）').fill('市场东门，手持 GPS 实测');
  await page.screenshot({ path: testInfo.outputPath('correction-form.png') });
  await page.screenshot({ path: join('test-results', 'correction-form.png') });
  await form.getByRole('button', { name: '保存纠正' }).click();

  const date = today();
  await expect(panel).toContainText(`已纠正：实测，${date}`);
  await expect(panel).toContainText('市场东门，手持 GPS 实测');
  await expect(marker).toHaveCount(0);
  const list = page.locator('.corrections-list');
  await expect(list.locator(`[data-correction-id="${FEATURE}"]`)).toContainText('实测');
  await page.screenshot({ path: join('test-results', 'correction-saved.png') });

  const saved = await page.evaluate(() => window.atlas?.corrections() ?? []);
  expect(saved).toHaveLength(1);
  const correction = saved[0];
  if (correction === undefined) throw new Error('no correction');
  expect(correction).toMatchObject({ id: FEATURE, source: 'surveyed', uncertaintyM: 30, date });
  expect(correction.lon).toBeCloseTo(dropped[0] ?? 0, 5);
  expect(correction.lat).toBeCloseTo(dropped[1] ?? 0, 5);

  // The map draws the point where it was corrected, and coverage reran on it.
  const drawn = await page.evaluate((id) => {
    const rendered = window.atlas?.map
      .querySourceFeatures('agri-wholesale-markets')
      .find((f) => f.properties['id'] === id);
    const source: unknown = rendered?.properties['corrected_source'];
    return typeof source === 'string' ? source : null;
  }, FEATURE);
  expect(drawn).toBe('surveyed');
  expect(await nodeOf(FEATURE)).toMatchObject({ lon: correction.lon, lat: correction.lat });
  const after = await page.evaluate(async () => {
    const figures = await window.atlas?.coverage();
    return figures?.uncertainty.expected.covered ?? null;
  });
  expect(after).not.toBe(before);

  // Kept in this browser: after a reload the correction is still applied.
  await page.reload();
  await page.waitForFunction(() => window.atlas !== undefined, null, { timeout: 30_000 });
  await atlas.waitForMapIdle();
  expect(await page.evaluate(() => window.atlas?.corrections() ?? [])).toHaveLength(1);
  await page.evaluate((id) => window.atlas?.select(id), FEATURE);
  await expect(panel).toContainText(`已纠正：实测，${date}`);

  // Export corrections.csv through the one download helper.
  const downloadPromise = page.waitForEvent('download');
  await list.getByRole('button', { name: '导出 corrections.csv' }).click();
  const download = await downloadPromise;
  expect(download.suggestedFilename()).toBe('corrections.csv');
  const path = await download.path();
  const bytes = readFileSync(path);
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const text = bytes.toString('utf8');
  expect(text).toContain('id,lon,lat,uncertainty_m,certainty,source,note,date\r\n');

  // A developer commits it: into a copy of geodata/corrections/, then the data build.
  const dir = mkdtempSync(join(tmpdir(), 'cq-e2e-corrections-'));
  try {
    cpSync(resolve(GEODATA_DIR), dir, {
      recursive: true,
      filter: (src) => !src.includes('population'),
    });
    mkdirSync(join(dir, 'corrections'), { recursive: true });
    writeFileSync(join(dir, 'corrections', `${date}-e2e.csv`), bytes);
    const built = runDataBuild(dir);
    expect(built.err).toEqual([]);
    expect(built.out).toContain(
      `position corrected by a planner: ${FEATURE} (geodata/corrections/${date}-e2e.csv row 2)`,
    );
    const layer = JSON.parse(
      readFileSync(join(dir, 'layers', 'agri-wholesale-markets.geojson'), 'utf8'),
    ) as {
      features: { geometry: { coordinates: number[] }; properties: Record<string, unknown> }[];
    };
    const rebuilt = layer.features.find((f) => f.properties['id'] === FEATURE);
    expect(rebuilt?.geometry.coordinates).toEqual([correction.lon, correction.lat]);
    expect(rebuilt?.properties).toMatchObject({
      certainty: 'surveyed',
      uncertainty_m: 30,
      corrected_source: 'surveyed',
      corrected_date: date,
      corrected_note: '市场东门，手持 GPS 实测',
    });
    expect(String(rebuilt?.properties['position_note_zh'])).toContain(
      `规划人员纠正位置（依据：实测，${date}）`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
