/**
 * Measures the coverage analysis in the production build, headless Chromium (software WebGL),
 * localhost: "analyse" → results, then 20 node moves through `window.atlas`, each timed as
 * - move → totals in the store (the app's `atlas:coverage-edit` measure),
 * - move → totals on screen (the panel's totals changed in the DOM and the frame that shows them
 *   was produced: a task posted from the next animation frame has run),
 * - move → map idle (`atlas.moveNode` resolves once the map is idle),
 * each move started on a quiet page (two frames after the last one's map idle),
 * with the main thread's long tasks (Long Tasks API) and a CPU profile (Chrome DevTools Protocol)
 * whose samples are attributed by script: the app's own code, React, MapLibre, other libraries,
 * or the browser itself (rendering, garbage collection). Library code bundled into the app's
 * chunk is told apart with the build's source maps.
 *
 * Run `npm run measure:coverage` (builds `dist`), or on a build elsewhere
 * `npx tsx scripts/measure-coverage.ts --dist dist-x`; `--top` lists the frames with the most
 * self time. `--population-units 1300000` first imports a synthetic population raster with that
 * many populated pixels (scripts/population-raster.ts: the model's residents spread over finer
 * pixels) through the import panel and uses it, so the moves run over 1.3 M units.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { SourceMapConsumer, type RawSourceMap } from 'source-map-js';
import { populationRaster } from './population-raster.ts';
import { recordLongTasks, startPreviewBrowser } from './preview-browser.ts';

const MOVES = 20;
const distArgument = process.argv.indexOf('--dist');
const dist = distArgument > 0 ? (process.argv[distArgument + 1] ?? 'dist') : 'dist';
const root = new URL('..', import.meta.url).pathname;
const unitsArgument = process.argv.indexOf('--population-units');
const populationUnits =
  unitsArgument > 0 ? Number(process.argv[unitsArgument + 1] ?? Number.NaN) : null;
if (populationUnits !== null && !(populationUnits >= 1000 && populationUnits <= 3_000_000)) {
  throw new Error('--population-units takes a count from 1,000 to 3,000,000.');
}

/** What a profile sample's time is spent on. */
type Category = 'app' | 'react' | 'maplibre' | 'other library' | 'browser';
const CATEGORIES: readonly Category[] = ['app', 'react', 'maplibre', 'other library', 'browser'];

interface ProfileNode {
  readonly id: number;
  readonly callFrame: {
    readonly functionName: string;
    readonly url: string;
    readonly lineNumber: number;
    readonly columnNumber: number;
  };
  readonly children?: readonly number[];
}
interface Profile {
  readonly nodes: readonly ProfileNode[];
  readonly startTime: number;
  readonly samples: readonly number[];
  readonly timeDeltas: readonly number[];
}

const consumers = new Map<string, SourceMapConsumer | null>();
function consumerFor(url: string): SourceMapConsumer | null {
  const name = url.slice(url.lastIndexOf('/') + 1);
  if (!consumers.has(name)) {
    try {
      const raw = JSON.parse(
        readFileSync(resolve(root, dist, 'assets', `${name}.map`), 'utf8'),
      ) as RawSourceMap;
      consumers.set(name, new SourceMapConsumer(raw));
    } catch {
      consumers.set(name, null);
    }
  }
  return consumers.get(name) ?? null;
}

/** The category of a frame with a script URL; null for frames without one (builtins). */
function categoryOfFrame(frame: ProfileNode['callFrame']): Category | null {
  if (frame.url === '') return null;
  if (!frame.url.includes('/assets/')) return 'other library';
  if (/\/assets\/maplibre-gl-[^/]*\.js$/.test(frame.url)) return 'maplibre';
  const source = consumerFor(frame.url)?.originalPositionFor({
    line: frame.lineNumber + 1,
    column: frame.columnNumber,
  }).source;
  if (source === undefined) return 'app';
  if (/node_modules\/(react|react-dom|scheduler)\//.test(source)) return 'react';
  if (source.includes('node_modules/maplibre-gl/')) return 'maplibre';
  if (source.includes('node_modules/')) return 'other library';
  return 'app';
}

/** Each sample's time (ms on the profile's clock) and category; idle samples are left out. */
function attribute(
  profile: Profile,
): { at: number; ms: number; category: Category; name: string }[] {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parent = new Map<number, number>();
  for (const node of profile.nodes)
    for (const child of node.children ?? []) parent.set(child, node.id);
  const memo = new Map<number, Category>();
  const categoryOf = (id: number): Category => {
    const known = memo.get(id);
    if (known !== undefined) return known;
    const node = byId.get(id);
    let category: Category = 'browser';
    if (node !== undefined) {
      const own = categoryOfFrame(node.callFrame);
      const up = parent.get(id);
      // A builtin (Array.prototype.fill, texSubImage2D …) counts for the script that called it.
      category = own ?? (up === undefined ? 'browser' : categoryOf(up));
    }
    memo.set(id, category);
    return category;
  };
  const out: { at: number; ms: number; category: Category; name: string }[] = [];
  let time = profile.startTime;
  for (let index = 0; index < profile.samples.length; index += 1) {
    time += profile.timeDeltas[index] ?? 0;
    const ms = (profile.timeDeltas[index + 1] ?? 0) / 1000;
    const node = byId.get(profile.samples[index] ?? -1);
    if (node === undefined || node.callFrame.functionName === '(idle)') continue;
    out.push({
      at: time / 1000,
      ms,
      category: categoryOf(node.id),
      name: node.callFrame.functionName + ' ' + node.callFrame.url.slice(-30),
    });
  }
  return out;
}

const median = (values: readonly number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length / 2;
  return sorted.length === 0
    ? NaN
    : sorted.length % 2 === 1
      ? (sorted[Math.floor(middle)] ?? NaN)
      : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
};
const fixed = (value: number, digits = 0) => (Number.isFinite(value) ? value.toFixed(digits) : '–');

const preview = await startPreviewBrowser(dist);
const { base, browser } = preview;
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  await recordLongTasks(page);
  await page.goto(base);
  await page.waitForFunction(() => window.atlas !== undefined, null, { timeout: 60_000 });
  await page.evaluate(() => window.atlas?.ready());
  if (populationUnits !== null) {
    const raster = populationRaster(root, populationUnits);
    const path = join(mkdtempSync(join(tmpdir(), 'cq-measure-')), 'population.tif');
    writeFileSync(path, raster.bytes);
    await page.locator('.import-section summary').first().click();
    const started = performance.now();
    await page.getByTestId('import-file-input').setInputFiles(path);
    await page.getByRole('button', { name: '用作人口' }).click({ timeout: 300_000 });
    await page.locator('.imported-demand-note').waitFor({ timeout: 300_000 });
    console.log(
      `population: synthetic raster ${String(raster.width)} × ${String(raster.height)}, ` +
        `${raster.populated.toLocaleString('en-GB')} populated pixels, ` +
        `${raster.total.toLocaleString('en-GB')} residents; imported and in use after ` +
        `${fixed(performance.now() - started)} ms`,
    );
  }
  // Open the panel so the totals are drawn, as a planner sees them (using an imported population
  // has opened it already: a click would close it).
  const heading = page.locator('summary', { hasText: '生鲜覆盖分析（专栏6）' }).first();
  const open = await heading.evaluate((summary) => summary.parentElement?.hasAttribute('open'));
  if (open !== true) await heading.click();
  const analyse = await page.evaluate(async () => {
    const atlas = window.atlas;
    if (atlas === undefined) throw new Error('no atlas');
    const start = performance.now();
    const summary = await atlas.coverage();
    const analyseMs = performance.now() - start;
    const [gap] = await atlas.gaps(1);
    if (gap === undefined) throw new Error('no gap');
    const id = await atlas.addNode({ lon: gap.lon, lat: gap.lat, tier: 3 });
    // Two moves to warm up (first-use compilation), not counted.
    await atlas.moveNode(id, gap.lon + 0.005, gap.lat);
    await atlas.moveNode(id, gap.lon, gap.lat);
    return { analyseMs, summary, gap, id };
  });
  await page.getByTestId('coverage-overall').waitFor({ state: 'visible' });

  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 250 });
  await cdp.send('Profiler.start');
  // A named busy loop the profile can find: ties the profile's clock to performance.now().
  const markAt = await page.evaluate<number>(`(() => {
    const start = performance.now();
    (function atlasProfileClockMark() { while (performance.now() - start < 15) {} })();
    return start;
  })()`);
  const moves = await page.evaluate(
    async ({ count, gap, id }) => {
      const atlas = window.atlas;
      if (atlas === undefined) throw new Error('no atlas');
      const totals = document.querySelector('.totals');
      if (totals === null) throw new Error('The panel shows no totals.');
      const results: { onScreen: number | null; inStore: number; idle: number }[] = [];
      const from = performance.now();
      for (let step = 0; step < count; step += 1) {
        // A quiet page: MapLibre fires 'idle' inside its last frame, whose compositing (a readback
        // of the WebGL canvas, hundreds of ms in software GL) is still to come; let it finish.
        for (let frame = 0; frame < 2; frame += 1) {
          await new Promise((resolve) => {
            requestAnimationFrame(() => {
              const channel = new MessageChannel();
              channel.port1.onmessage = resolve;
              channel.port2.postMessage(0);
            });
          });
        }
        const seen: { changed: boolean; shown: number | null } = { changed: false, shown: null };
        const t0 = performance.now();
        const observer = new MutationObserver(() => {
          if (seen.changed) return;
          seen.changed = true;
          requestAnimationFrame(() => {
            const channel = new MessageChannel();
            channel.port1.onmessage = () => {
              seen.shown = performance.now();
            };
            channel.port2.postMessage(0);
          });
        });
        observer.observe(totals, { subtree: true, childList: true, characterData: true });
        await atlas.moveNode(id, gap.lon + 0.01 * ((step % 5) - 2), gap.lat + 0.01 * (step % 3));
        const idle = performance.now();
        observer.disconnect();
        while (seen.changed && seen.shown === null) {
          await new Promise((resolve) => setTimeout(resolve, 1));
        }
        const edit = performance.getEntriesByName('atlas:coverage-edit').at(-1);
        results.push({
          onScreen: seen.shown === null ? null : seen.shown - t0,
          inStore: (edit?.startTime ?? t0) + (edit?.duration ?? NaN) - t0,
          idle: idle - t0,
        });
      }
      const to = performance.now();
      const tasks = (window as unknown as { __tasks: number[][] }).__tasks.filter(
        ([at = 0]) => at >= from && at <= to,
      );
      return { results, from, to, tasks };
    },
    { count: MOVES, gap: analyse.gap, id: analyse.id },
  );
  const { profile } = (await cdp.send('Profiler.stop')) as { profile: Profile };
  await cdp.detach();

  const samples = attribute(profile);
  const markNode = profile.nodes.find(
    (node) => node.callFrame.functionName === 'atlasProfileClockMark',
  );
  let time = profile.startTime;
  let markProfileMs = NaN;
  for (let index = 0; index < profile.samples.length; index += 1) {
    time += profile.timeDeltas[index] ?? 0;
    if (profile.samples[index] === markNode?.id) {
      markProfileMs = time / 1000;
      break;
    }
  }
  // Page time of a profile time; the sampling interval (0.25 ms) bounds the error.
  const offset = markProfileMs - markAt;
  const inWindow = samples.filter(
    (sample) => sample.at - offset >= moves.from && sample.at - offset <= moves.to,
  );
  const sum = (list: typeof samples, category: Category) =>
    list.filter((sample) => sample.category === category).reduce((s, x) => s + x.ms, 0);
  const insideTasks = inWindow.filter((sample) =>
    moves.tasks.some(
      ([start = 0, duration = 0]) =>
        sample.at - offset >= start && sample.at - offset <= start + duration,
    ),
  );
  const appPerTask = moves.tasks.map(([start = 0, duration = 0]) =>
    inWindow
      .filter(
        (sample) =>
          sample.category === 'app' &&
          sample.at - offset >= start &&
          sample.at - offset <= start + duration,
      )
      .reduce((s, x) => s + x.ms, 0),
  );

  const onScreen = moves.results
    .map((result) => result.onScreen)
    .filter((value): value is number => value !== null);
  const durations = moves.tasks.map(([, duration = 0]) => duration);
  console.log(`build: ${dist}; ${String(MOVES)} node moves through window.atlas`);
  console.log(`analyse → results: ${fixed(analyse.analyseMs)} ms`);
  console.log('');
  console.log('| per move (median of 20)        |     ms |');
  console.log('| ------------------------------ | -----: |');
  console.log(
    `| move → totals in the store     | ${fixed(median(moves.results.map((r) => r.inStore))).padStart(6)} |`,
  );
  console.log(
    `| move → totals on screen        | ${fixed(median(onScreen)).padStart(6)} |` +
      (onScreen.length < MOVES ? ` (${String(onScreen.length)} moves changed the totals)` : ''),
  );
  console.log(
    `| move → map idle                | ${fixed(median(moves.results.map((r) => r.idle))).padStart(6)} |`,
  );
  console.log('');
  console.log(
    `long tasks during the 20 moves: ${String(durations.length)}, ` +
      `median ${fixed(median(durations))} ms, longest ${fixed(Math.max(0, ...durations))} ms, ` +
      `total ${fixed(durations.reduce((s, d) => s + d, 0))} ms; ` +
      `most app code in one long task: ${fixed(Math.max(0, ...appPerTask), 1)} ms`,
  );
  console.log('');
  console.log('| main-thread CPU, ms (profile) | all 20 moves | inside long tasks |');
  console.log('| ----------------------------- | -----------: | ----------------: |');
  for (const category of CATEGORIES) {
    console.log(
      `| ${category.padEnd(29)} | ${fixed(sum(inWindow, category)).padStart(12)} | ${fixed(sum(insideTasks, category)).padStart(17)} |`,
    );
  }
  console.log(
    `(clock alignment ${Number.isFinite(offset) ? 'found' : 'NOT found: the columns are empty'}; ` +
      `wall time of the 20 moves ${fixed(moves.to - moves.from)} ms)`,
  );
  if (process.argv.includes('--top')) {
    // The frames with the most self time, to see what a category is made of.
    const top = new Map<string, number>();
    for (const sample of inWindow) {
      const key = `${sample.category}: ${sample.name}`;
      top.set(key, (top.get(key) ?? 0) + sample.ms);
    }
    console.log('');
    for (const [key, ms] of [...top].sort((a, b) => b[1] - a[1]).slice(0, 15)) {
      console.log(`${fixed(ms).padStart(7)} ms  ${key}`);
    }
  }
  const summary = analyse.summary;
  console.log('');
  console.log(
    `coverage before the moves: overall ${((summary.rate ?? 0) * 100).toFixed(2)}% (${String(summary.covered)} people), urban ${((summary.urban.rate ?? 0) * 100).toFixed(2)}%, rural ${((summary.rural.rate ?? 0) * 100).toFixed(2)}%`,
  );
} finally {
  await preview.close();
}
