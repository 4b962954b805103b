/**
 * Measures the coverage analysis in the production build, headless Chromium, localhost:
 * "analyse" → results, 20 node moves → updated totals (median), and the worst main-thread long
 * task during the analysis. Run `npx vite build && npx tsx scripts/measure-coverage.ts`.
 */
import { recordLongTasks, startPreviewBrowser } from './preview-browser.ts';

const preview = await startPreviewBrowser();
const { base, browser } = preview;
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  await recordLongTasks(page);
  await page.goto(base);
  await page.waitForFunction(() => window.atlas !== undefined, null, { timeout: 60_000 });
  await page.evaluate(() => window.atlas?.ready());
  const result = await page.evaluate(async () => {
    const atlas = window.atlas;
    if (atlas === undefined) throw new Error('no atlas');
    const start = performance.now();
    const summary = await atlas.coverage();
    const analyseMs = performance.now() - start;
    const tasks = (window as unknown as { __tasks: number[][] }).__tasks
      .filter(([at = 0]) => at >= start)
      .map(([, duration = 0]) => duration);
    const applies = performance
      .getEntriesByName('atlas:coverage-apply')
      .map((entry) => entry.duration);
    const [gap] = await atlas.gaps(1);
    if (gap === undefined) throw new Error('no gap');
    const id = await atlas.addNode({ lon: gap.lon, lat: gap.lat, tier: 3 });
    const moves: number[] = [];
    for (let step = 0; step < 20; step += 1) {
      const t0 = performance.now();
      await atlas.moveNode(id, gap.lon + 0.01 * ((step % 5) - 2), gap.lat + 0.01 * (step % 3));
      moves.push(performance.now() - t0);
    }
    moves.sort((a, b) => a - b);
    const edits = performance
      .getEntriesByName('atlas:coverage-edit')
      .slice(-20)
      .map((entry) => entry.duration)
      .sort((a, b) => a - b);
    const worst = [...summary.byDistrict]
      .sort((a, b) => (a.rate ?? 0) - (b.rate ?? 0))
      .slice(0, 5)
      .map((d) => `${d.name_zh} ${((d.rate ?? 0) * 100).toFixed(1)}%`);
    return {
      analyseMs,
      worstLongTaskMs: Math.max(0, ...tasks),
      worstApplyMs: Math.max(0, ...applies),
      moveMedianMs: ((moves[9] ?? 0) + (moves[10] ?? 0)) / 2,
      editMedianMs: ((edits[9] ?? 0) + (edits[10] ?? 0)) / 2,
      rate: summary.rate,
      urban: summary.urban.rate,
      rural: summary.rural.rate,
      covered: summary.covered,
      worst,
    };
  });
  console.log(`analyse → results: ${result.analyseMs.toFixed(0)} ms`);
  console.log(
    `node move → totals in the panel, median of 20: ${result.editMedianMs.toFixed(0)} ms`,
  );
  console.log(
    `node move → totals and map idle, median of 20: ${result.moveMedianMs.toFixed(0)} ms`,
  );
  console.log(
    `worst main-thread long task during the analysis: ${result.worstLongTaskMs.toFixed(0)} ms`,
  );
  console.log(
    `worst main-thread handling of a worker result: ${result.worstApplyMs.toFixed(1)} ms`,
  );
  console.log(
    `coverage: overall ${((result.rate ?? 0) * 100).toFixed(2)}% (${String(result.covered)} people), urban ${((result.urban ?? 0) * 100).toFixed(2)}%, rural ${((result.rural ?? 0) * 100).toFixed(2)}%`,
  );
  console.log(`worst 5 districts: ${result.worst.join(', ')}`);
} finally {
  await preview.close();
}
