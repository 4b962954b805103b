/**
 * Measures importing large files in the production build, headless Chromium, localhost: a
 * GeoJSON of points with properties and a CSV of outlets, generated here (seeded), imported
 * through `window.atlas.importFile` (the worker path the panel uses). Prints size, time to the
 * layer being on the map, and the peak resident memory of all browser processes above the level
 * before the import (sampled every 50 ms with ps), which includes the import worker.
 *
 * Run `npx vite build && npx tsx scripts/measure-import.ts [--features N] [--rows N]`.
 */
import { execFileSync } from 'node:child_process';
import { seededRandom } from '../tests/bench/seeded-random.ts';
import { recordLongTasks, startPreviewBrowser } from './preview-browser.ts';

function argument(name: string, fallback: number): number {
  const index = process.argv.indexOf(name);
  const value = index >= 0 ? Number(process.argv[index + 1]) : fallback;
  return Number.isFinite(value) && value > 0 ? value : fallback;
}

const features = argument('--features', 250_000);
const rows = argument('--rows', 500_000);

function geojsonText(count: number): string {
  const next = seededRandom(7);
  const parts: string[] = [];
  for (let index = 0; index < count; index += 1) {
    const lon = (105.3 + next() * 4.8).toFixed(6);
    const lat = (28.2 + next() * 3.9).toFixed(6);
    parts.push(
      `{"type":"Feature","id":"f${String(index)}","geometry":{"type":"Point","coordinates":[${lon},${lat}]},"properties":{"name":"网点 ${String(index)}","kind":"生鲜超市","address":"重庆市某区某街道 ${String(index)} 号","tier":${String(index % 4)}}}`,
    );
  }
  return `{"type":"FeatureCollection","features":[\n${parts.join(',\n')}\n]}`;
}

function csvText(count: number): string {
  const next = seededRandom(11);
  const lines = ['名称,经度,纬度,类型,地址'];
  for (let index = 0; index < count; index += 1) {
    lines.push(
      `网点${String(index)},${(105.3 + next() * 4.8).toFixed(6)},${(28.2 + next() * 3.9).toFixed(6)},菜市场,"重庆市某区, 某路 ${String(index)} 号"`,
    );
  }
  return `${lines.join('\r\n')}\r\n`;
}

function browserRssMb(): number {
  try {
    const out = execFileSync('ps', ['-C', 'chromium', '-o', 'rss='], { encoding: 'utf8' });
    return out
      .split('\n')
      .map((line) => Number(line.trim()))
      .filter((value) => Number.isFinite(value))
      .reduce((sum, kb) => sum + kb / 1024, 0);
  } catch {
    return 0;
  }
}

const preview = await startPreviewBrowser();
const { base, browser } = preview;
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  await recordLongTasks(page);
  await page.goto(base);
  await page.waitForFunction(() => window.atlas !== undefined, null, { timeout: 60_000 });
  await page.evaluate(() => window.atlas?.ready());
  for (const [name, text] of [
    ['outlets.geojson', geojsonText(features)],
    ['outlets.csv', csvText(rows)],
  ] as const) {
    const bytes = Buffer.from(text, 'utf8');
    // Hand the bytes to the page beforehand (a routed fetch), so the transfer is not measured.
    await page.route('**/__measure-bytes', (route) =>
      route.fulfill({ status: 200, body: bytes, contentType: 'application/octet-stream' }),
    );
    await page.evaluate(async () => {
      const response = await fetch('/__measure-bytes');
      (window as unknown as { __bytes: Uint8Array }).__bytes = new Uint8Array(
        await response.arrayBuffer(),
      );
    });
    await page.unroute('**/__measure-bytes');
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const baseline = browserRssMb();
    let peak = baseline;
    const sampler = setInterval(() => {
      peak = Math.max(peak, browserRssMb());
    }, 50);
    const result = await page.evaluate(async (fileName) => {
      const atlas = window.atlas;
      if (atlas === undefined) throw new Error('no atlas');
      const data = (window as unknown as { __bytes: Uint8Array }).__bytes;
      const start = performance.now();
      const outcome = await atlas.importFile({ name: fileName, bytes: data });
      const imported = performance.now() - start;
      await atlas.ready();
      const tasksUntilIdle = (window as unknown as { __tasks: number[][] }).__tasks
        .filter(([at = 0]) => at >= start)
        .map(([, duration = 0]) => duration);
      return {
        importMs: imported,
        worstTaskUntilIdleMs: Math.max(0, ...tasksUntilIdle),
        drawnMs: performance.now() - start,
        features: outcome.features,
        problems: outcome.problems.length,
      };
    }, name);
    clearInterval(sampler);
    console.log(
      `${name}: ${(bytes.length / 1024 / 1024).toFixed(1)} MB, ${String(result.features)} features, ` +
        `${String(result.problems)} problems; imported in ${(result.importMs / 1000).toFixed(2)} s, ` +
        `on the map in ${(result.drawnMs / 1000).toFixed(2)} s; peak browser RSS +${(peak - baseline).toFixed(0)} MB ` +
        `(${peak.toFixed(0)} MB total); worst main-thread task from the start until the map is idle ${result.worstTaskUntilIdleMs.toFixed(0)} ms (Long Tasks API; includes receiving the parsed features and MapLibre frames)`,
    );
  }
} finally {
  await preview.close();
}
