/**
 * Measures what the foundation issue asks for, on the production build served locally:
 * navigation → first map idle in headless Chromium (median of 5 cold loads) and the JS payload
 * (gzip) with and without maplibre-gl. Run `npx vite build && npx tsx scripts/measure-startup.ts`.
 */
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium } from '@playwright/test';

const root = new URL('..', import.meta.url).pathname;
const assets = join(root, 'dist', 'assets');
if (!existsSync(assets)) throw new Error('Run `npx vite build` first: dist/assets is missing.');

const js = readdirSync(assets).filter((name) => name.endsWith('.js'));
const gzipKiB = (names: string[]) =>
  names.reduce((sum, name) => sum + gzipSync(readFileSync(join(assets, name))).length, 0) / 1024;
const maplibre = js.filter((name) => name.startsWith('maplibre-gl-'));
const app = js.filter((name) => !name.startsWith('maplibre-gl-'));
console.log(`JS gzip, app without maplibre-gl: ${gzipKiB(app).toFixed(1)} KiB`);
console.log(`JS gzip, maplibre-gl chunk:       ${gzipKiB(maplibre).toFixed(1)} KiB`);
console.log(`JS gzip, total main thread:       ${gzipKiB(js).toFixed(1)} KiB`);
const worker = readdirSync(assets).filter((name) => name.startsWith('maplibre-gl-worker'));
console.log(`maplibre worker (.mjs) gzip:      ${gzipKiB(worker).toFixed(1)} KiB`);

const port = '4199';
const server = spawn(
  'npx',
  ['vite', 'preview', '--port', port, '--strictPort', '--host', '127.0.0.1'],
  {
    cwd: root,
    stdio: 'ignore',
  },
);
await new Promise((resolve) => setTimeout(resolve, 2500));
const executablePath = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';
const browser = await chromium.launch({
  executablePath,
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run'],
});
const times: number[] = [];
try {
  for (let run = 0; run < 5; run += 1) {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    await page.goto(`http://127.0.0.1:${port}/`);
    await page.waitForFunction(() => window.atlas !== undefined, null, { timeout: 60_000 });
    const ms = await page.evaluate(async () => {
      await window.atlas?.ready();
      return performance.now();
    });
    times.push(ms);
    await context.close();
  }
} finally {
  await browser.close();
  server.kill();
}
times.sort((a, b) => a - b);
console.log(
  `navigation → first map idle, 5 cold loads (ms): ${times.map((t) => t.toFixed(0)).join(', ')}`,
);
console.log(`median: ${(times[2] ?? NaN).toFixed(0)} ms`);
