/**
 * The speed budgets of issue 7, measured on the production build served locally:
 * - app JavaScript without maplibre-gl ≤ 250 KB gzip (what the start page loads; chunks fetched
 *   later, such as the PDF writer, are reported separately);
 * - public mode (`?mode=public`) navigation → first map idle ≤ 2 s, median of 5 cold loads in
 *   headless Chromium on localhost;
 * - fonts and data fetched lazily: only some Noto Sans SC subsets, no plan text, no PDF library,
 *   no indicators before anyone asks for them.
 * - public mode's JavaScript fetched before the first map idle ≤ 560 KB gzip, maplibre-gl and its
 *   worker included (issue 18): every .js/.mjs the page and its workers request, gzipped as
 *   built, so the figure does not depend on whether the preview server compresses.
 * Run `npx vite build && npx tsx scripts/measure-budgets.ts [outDir]`; exits 1 if a budget is
 * missed. `outDir` (default `dist`) names another build, e.g. `dist-page`.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { fetchedJs } from './fetched-js.ts';
import { startPreviewBrowser } from './preview-browser.ts';

const APP_JS_BUDGET_KB = 250;
const PUBLIC_IDLE_BUDGET_MS = 2000;
const PUBLIC_START_JS_BUDGET_KB = 560;

const root = new URL('..', import.meta.url).pathname;
const outDir = process.argv[2] ?? 'dist';
const dist = join(root, outDir);
const assets = join(dist, 'assets');
if (!existsSync(assets)) {
  throw new Error(`Run \`npx vite build --outDir ${outDir}\` first: ${outDir}/assets is missing.`);
}

const kb = (names: readonly string[]) =>
  names.reduce((sum, name) => sum + gzipSync(readFileSync(join(assets, name))).length, 0) / 1000;
const js = readdirSync(assets).filter((name) => name.endsWith('.js'));
const isMaplibre = (name: string) => name.startsWith('maplibre-gl');
const html = readFileSync(join(dist, 'index.html'), 'utf8');
const referenced = new Set([...html.matchAll(/assets\/([^"']+\.js)/g)].map((match) => match[1]));
const initialApp = js.filter((name) => referenced.has(name) && !isMaplibre(name));
const lazyApp = js.filter((name) => !referenced.has(name) && !isMaplibre(name));
const results: { name: string; value: string; ok: boolean }[] = [];
const appKb = kb(initialApp);
results.push({
  name: `app JS loaded at start, without maplibre-gl (gzip, budget ${String(APP_JS_BUDGET_KB)} KB)`,
  value: `${appKb.toFixed(1)} KB (${initialApp.join(', ')})`,
  ok: appKb <= APP_JS_BUDGET_KB,
});
console.log(`maplibre-gl chunk (gzip):                ${kb(js.filter(isMaplibre)).toFixed(1)} KB`);
console.log(
  `maplibre worker (gzip):                  ${kb(readdirSync(assets).filter((name) => name.startsWith('maplibre-gl-worker'))).toFixed(1)} KB`,
);
for (const name of lazyApp) console.log(`lazy chunk ${name}: ${kb([name]).toFixed(1)} KB gzip`);
console.log(`lazy app chunks together (gzip):         ${kb(lazyApp).toFixed(1)} KB`);

const preview = await startPreviewBrowser(outDir);
const { base, browser } = preview;

async function firstIdle(path: string, viewport: { width: number; height: number }) {
  const times: number[] = [];
  let requests: string[] = [];
  for (let run = 0; run < 5; run += 1) {
    const context = await browser.newContext({ viewport });
    const page = await context.newPage();
    const seen: string[] = [];
    // The context sees the workers' requests too (maplibre-gl's worker, the coverage worker).
    context.on('request', (request) => seen.push(request.url()));
    await page.goto(`${base}${path}`);
    await page.waitForFunction(() => window.atlas !== undefined, null, { timeout: 60_000 });
    times.push(
      await page.evaluate(async () => {
        await window.atlas?.ready();
        return performance.now();
      }),
    );
    requests = [...seen];
    await context.close();
  }
  times.sort((a, b) => a - b);
  return { times, median: times[2] ?? Number.NaN, requests };
}

try {
  const publicMode = await firstIdle('?mode=public', { width: 360, height: 640 });
  results.push({
    name: `public mode first map idle, median of 5 (budget ${String(PUBLIC_IDLE_BUDGET_MS)} ms)`,
    value: `${publicMode.median.toFixed(0)} ms (${publicMode.times.map((t) => t.toFixed(0)).join(', ')})`,
    ok: publicMode.median <= PUBLIC_IDLE_BUDGET_MS,
  });
  const publicJs = fetchedJs(publicMode.requests, assets);
  results.push({
    name: `public mode JS fetched before first idle, maplibre-gl and worker included (gzip, budget ${String(PUBLIC_START_JS_BUDGET_KB)} KB)`,
    value: `${publicJs.kb.toFixed(1)} KB (${publicJs.files.map((file) => `${file.name} ${file.kb.toFixed(1)}`).join(', ')})`,
    ok: publicJs.kb <= PUBLIC_START_JS_BUDGET_KB,
  });
  const planner = await firstIdle('', { width: 1280, height: 800 });
  console.log(
    `planner mode first map idle, median of 5: ${planner.median.toFixed(0)} ms (${planner.times.map((t) => t.toFixed(0)).join(', ')})`,
  );
  const woff2 = publicMode.requests.filter((url) => url.endsWith('.woff2'));
  const allSubsets = readdirSync(assets).filter((name) => name.endsWith('.woff2')).length;
  const early = (pattern: RegExp) => publicMode.requests.filter((url) => pattern.test(url));
  results.push({
    name: 'fonts lazy: Noto Sans SC subsets fetched before first idle',
    value: `${String(woff2.length)} of ${String(allSubsets)}`,
    ok: woff2.length < allSubsets / 2,
  });
  const eager = [
    ...early(/chongqing-commerce-14th-fyp/),
    ...early(/pdf-lib|fontkit|page-pdf/),
    ...early(/indicators/),
  ];
  results.push({
    name: 'data lazy: no plan text, PDF library or indicators before first idle',
    value: eager.length === 0 ? 'none fetched' : eager.join(', '),
    ok: eager.length === 0,
  });
  const geojson = early(/\.geojson$/);
  console.log(
    `GeoJSON files fetched (not bundled) before public first idle: ${String(geojson.length)}`,
  );
} finally {
  await preview.close();
}

let failed = false;
for (const result of results) {
  console.log(`${result.ok ? 'PASS' : 'FAIL'}  ${result.name}: ${result.value}`);
  failed ||= !result.ok;
}
process.exitCode = failed ? 1 : 0;
