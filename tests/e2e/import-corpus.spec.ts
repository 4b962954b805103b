import { expect, test } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ImportOptions } from '../../src/core/import/import-types';
import type { CorpusEntry, CorpusExpect } from '../import-corpus/generate';
import { AtlasDriver, watchForHostileEffects } from './atlas-driver';

/**
 * Every file of the import corpus (tests/import-corpus, see generate.ts) imported into the running
 * atlas through `window.atlas.importFile`, one after another in one page: no uncaught error, the
 * expected problems for each file, nothing hostile executed, the work done before still there and
 * the app still answering afterwards.
 */
const CORPUS_DIR = fileURLToPath(new URL('../import-corpus/', import.meta.url));
const { entries } = JSON.parse(readFileSync(join(CORPUS_DIR, 'manifest.json'), 'utf8')) as {
  entries: CorpusEntry[];
};

interface Outcome {
  layerId: string | null;
  features: number;
  problems: {
    code: string;
    severity: string;
    where: string;
    message: string;
    message_zh: string;
  }[];
}

/** What is wrong with an outcome (empty when it matches). The browser does not see `refused`. */
function mismatches(outcome: Outcome, want: CorpusExpect): string[] {
  const out: string[] = [];
  const codes = new Set(outcome.problems.map((p) => p.code));
  const found = [...codes].join(', ') || 'none';
  for (const code of want.codes)
    if (!codes.has(code)) out.push(`no ${code} problem (found: ${found})`);
  for (const code of want.absentCodes ?? [])
    if (codes.has(code)) out.push(`an unexpected ${code} problem`);
  if (want.refused) {
    if (outcome.features !== 0) out.push(`refused, yet ${String(outcome.features)} features kept`);
    if (outcome.layerId !== null) out.push('refused, yet a layer was added');
  }
  if (want.features !== undefined && outcome.features !== want.features)
    out.push(`${String(outcome.features)} features kept, expected ${String(want.features)}`);
  if (want.minFeatures !== undefined && outcome.features < want.minFeatures)
    out.push(`${String(outcome.features)} features kept, expected ≥ ${String(want.minFeatures)}`);
  if ((want.features ?? want.minFeatures ?? 0) > 0 && outcome.layerId === null)
    out.push('features kept, yet no layer was added');
  if (want.messageIncludes !== undefined) {
    const needle = want.messageIncludes.toLowerCase();
    if (
      !outcome.problems.some(
        (p) =>
          (want.codes as readonly string[]).includes(p.code) &&
          p.message.toLowerCase().includes(needle),
      )
    )
      out.push(`no message mentions "${want.messageIncludes}"`);
  }
  for (const p of outcome.problems) {
    if (p.message.trim() === '' || p.message_zh.trim() === '')
      out.push(`a ${p.code} problem without its sentences`);
  }
  return out;
}

/**
 * The corpus in parts of {@link PART_SIZE}, each in a fresh browser context (fresh IndexedDB): every
 * import adds a map layer, and a map with 200 layers re-renders so slowly in software WebGL that
 * one long page would measure the renderer, not the importer.
 */
const PART_SIZE = 64;
const parts: (typeof entries)[] = [];
for (let start = 0; start < entries.length; start += PART_SIZE) {
  parts.push(entries.slice(start, start + PART_SIZE));
}

test.describe('the import corpus in the browser', () => {
  for (const [partIndex, part] of parts.entries()) {
    test(`corpus part ${String(partIndex + 1)}/${String(parts.length)}: every file imports without an uncaught error, says what it should, and the app stays usable`, async ({
      page,
    }) => {
      test.setTimeout(240_000);
      const pageErrors: string[] = [];
      const consoleErrors: string[] = [];
      page.on('pageerror', (error) => pageErrors.push(error.message));
      page.on('console', (message) => {
        if (message.type() === 'error') consoleErrors.push(message.text().slice(0, 300));
      });
      const { dialogs } = await watchForHostileEffects(page);
      const atlas = new AtlasDriver(page);
      await atlas.open();

      // Earlier work: a node added to the scenario before any import.
      const nodeId = await page.evaluate(async () => {
        const api = window.atlas;
        if (api === undefined) throw new Error('window.atlas is missing');
        return api.addNode({ lon: 107.0, lat: 29.8, tier: 3 });
      });
      expect(typeof nodeId).toBe('string');

      const started = Date.now();
      let slowest = { file: '', ms: 0 };
      const failures: string[] = [];
      let layersAdded = 0;
      for (const entry of part) {
        const bytes = readFileSync(join(CORPUS_DIR, 'files', entry.file));
        const t0 = Date.now();
        let outcome: Outcome;
        try {
          outcome = await page.evaluate(
            async ([name, base64, options]) => {
              const api = window.atlas;
              if (api === undefined) throw new Error('window.atlas is missing');
              const binary = atob(base64);
              const data = new Uint8Array(binary.length);
              for (let i = 0; i < binary.length; i += 1) data[i] = binary.charCodeAt(i);
              return api.importFile({ name, bytes: data }, options);
            },
            [entry.name, bytes.toString('base64'), entry.options ?? {}] as [
              string,
              string,
              ImportOptions,
            ],
          );
        } catch (error) {
          failures.push(`${entry.file}: importFile rejected: ${String(error).slice(0, 200)}`);
          continue;
        }
        const ms = Date.now() - t0;
        if (ms > slowest.ms) slowest = { file: entry.file, ms };
        if (outcome.layerId !== null) layersAdded += 1;
        const want = entry.browserExpect ?? entry.expect;
        const wrong = mismatches(outcome, want);
        if (entry.knownIssue !== undefined && entry.browserExpect === undefined) {
          // A known importer bug: imported (no crash allowed), expectation not enforced.
          test.info().annotations.push({
            type: 'fixme',
            description: `${entry.file}: ${wrong.length === 0 ? 'now passes — remove knownIssue' : wrong.join('; ')}`,
          });
          continue;
        }
        if (wrong.length > 0) failures.push(`${entry.file} (${entry.note}): ${wrong.join('; ')}`);
      }
      const totalMs = Date.now() - started;
      test.info().annotations.push({
        type: 'timing',
        description: `${String(part.length)} files imported in ${(totalMs / 1000).toFixed(1)} s (slowest ${slowest.file}, ${String(slowest.ms)} ms); ${String(layersAdded)} layers added`,
      });
      console.log(
        `import corpus part ${String(partIndex + 1)}: ${String(part.length)} files in ${(totalMs / 1000).toFixed(1)} s, slowest ${slowest.file} ${String(slowest.ms)} ms, ${String(layersAdded)} layers added, ${String(consoleErrors.length)} console errors`,
      );
      if (consoleErrors.length > 0) {
        test.info().annotations.push({
          type: 'console errors',
          description: consoleErrors.slice(0, 20).join('\n'),
        });
      }
      expect(failures, 'files whose outcome differs from the manifest').toEqual([]);

      // The import panel lists the problems of the last import as text; open it so it renders.
      const section = page.locator('.import-section');
      await section.locator('summary').first().click();
      await atlas.waitForMapIdle();

      // Nothing hostile ran or was injected.
      const state = await page.evaluate(() => ({
        xss: (window as unknown as { __xss?: unknown }).__xss,
        injected: document.querySelectorAll(
          'img[src="x"], svg[onload], [onerror], [onload], [onmouseover]',
        ).length,
        scripts: [...document.querySelectorAll('script')].filter((script) =>
          script.textContent.includes('__xss'),
        ).length,
        javascriptLinks: document.querySelectorAll('a[href^="javascript:"]').length,
        violations: (window as unknown as { __cspViolations: string[] }).__cspViolations,
        polluted: ({} as Record<string, unknown>)['polluted'],
      }));
      expect(state.xss).toBeUndefined();
      expect(state.injected).toBe(0);
      expect(state.scripts).toBe(0);
      expect(state.javascriptLinks).toBe(0);
      expect(state.violations).toEqual([]);
      expect(state.polluted).toBeUndefined();
      expect(dialogs).toEqual([]);

      // Earlier work intact, and the app still answers.
      const after = await page.evaluate(async (id) => {
        const api = window.atlas;
        if (api === undefined) throw new Error('window.atlas is missing');
        await api.ready();
        const nodes = await api.nodes();
        const summary = await api.coverage();
        return {
          nodeKept: nodes.some((node) => node.id === id),
          search: api.search('解放碑').length,
          layers: api.layers().length,
          population: summary.population,
        };
      }, nodeId);
      expect(after.nodeKept).toBe(true);
      expect(after.search).toBeGreaterThan(0);
      expect(after.layers).toBeGreaterThan(0);
      expect(after.population).toBeGreaterThan(0);
      await page.getByRole('combobox').first().fill('万州');
      await expect(page.getByRole('option').first()).toBeVisible();

      expect(pageErrors, 'uncaught errors in the page').toEqual([]);
      await page.screenshot({
        path: `tests/e2e/screenshots/import-corpus-${String(partIndex + 1)}.png`,
      });
    });
  }
});
