// @vitest-environment node
/**
 * Issue 19: after a one-node edit the session updates only the units the edit touched (the
 * engine's delta and the units whose probability was re-evaluated) — their gap-map status, the
 * residents newly covered / uncovered against the baseline — and repaints only their cells, with
 * no copy of the engine's per-unit result. After any sequence of edits, every figure and every
 * pixel must equal a full recompute over the same nodes (a second session given them at once).
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  CoverageSession,
  importedDemandModel,
  type SessionNode,
  type SessionUpdate,
} from '../../../src/core/coverage/coverage-session';
import { RasterImage } from '../../../src/core/gap-map/raster-patch';
import { PLAN_RULE } from '../../../src/core/coverage/coverage-rule';
import { demandFromImport } from '../../../src/core/population/imported-demand';

const bytes = readFileSync(
  resolve(import.meta.dirname, '../../../geodata/population/population-grid.bin'),
);

const plan: SessionNode[] = [
  { id: 'plan-a', lon: 106.45, lat: 29.556, name: '甲', tier: 1, uncertaintyM: 600 },
  { id: 'plan-b', lon: 106.62, lat: 29.558, name: '乙', tier: 2 },
];

/** 600 units of whole residents in a strip (some empty), urban and rural mixed. */
function stripUnits() {
  const n = 600;
  return {
    lon: Float64Array.from({ length: n }, (_, i) => 106.4 + (i % 60) * 0.006),
    lat: Float64Array.from({ length: n }, (_, i) => 29.54 + Math.floor(i / 60) * 0.004),
    population: Float64Array.from({ length: n }, (_, i) => (i * 37) % 500),
    urban: Uint8Array.from({ length: n }, (_, i) => (i % 3 === 0 ? 0 : 1)),
  };
}

const positionArb = fc.record({
  lon: fc.integer({ min: 0, max: 40 }).map((i) => 106.38 + i * 0.01),
  lat: fc.integer({ min: 0, max: 10 }).map((i) => 29.535 + i * 0.004),
});

type Step =
  | { readonly kind: 'add'; readonly at: { lon: number; lat: number }; readonly u: number }
  | { readonly kind: 'move'; readonly pick: number; readonly at: { lon: number; lat: number } }
  | { readonly kind: 'remove'; readonly pick: number }
  | { readonly kind: 'undo' };

const stepArb: fc.Arbitrary<Step> = fc.oneof(
  fc.record({
    kind: fc.constant('add' as const),
    at: positionArb,
    u: fc.constantFrom(0, 0, 300, 900),
  }),
  fc.record({ kind: fc.constant('move' as const), pick: fc.nat(), at: positionArb }),
  fc.record({ kind: fc.constant('remove' as const), pick: fc.nat() }),
  fc.record({ kind: fc.constant('undo' as const) }),
);

function sessionOnStrip(): CoverageSession {
  const session = CoverageSession.create(bytes, plan, plan, PLAN_RULE);
  const { districts, regions } = session.modelAreas;
  session.useDemand(
    importedDemandModel(demandFromImport(stripUnits(), districts, regions, []), 300),
  );
  return session;
}

/** A cheap, exact fingerprint of the raster's pixels (FNV-1a). */
function pixelHash(pixels: Uint8ClampedArray): number {
  let hash = 0x811c9dc5;
  for (const value of pixels) hash = Math.imul(hash ^ value, 0x01000193) >>> 0;
  return hash;
}

/** What the page is sent, the interval drawn afresh (an edit leaves it stale on purpose). */
function figures(session: CoverageSession, page?: RasterImage) {
  session.refreshInterval();
  const { raster, ...rest } = session.update();
  // The incremental session's pixels as the page holds them: every update's patch applied in turn.
  if (page !== undefined) expect(page.apply(raster).kind).not.toBe('stale');
  const pixels = page === undefined ? session.raster()?.raster.pixels : page.raster?.pixels;
  return { ...rest, engineMs: 0, pixels: pixelHash(pixels ?? new Uint8ClampedArray()) };
}

/** Hands an update's raster to the page's copy, as the map overlay does. */
function receive(page: RasterImage, update: SessionUpdate): SessionUpdate {
  expect(page.apply(update.raster).kind).not.toBe('stale');
  return update;
}

let incremental: CoverageSession;
let full: CoverageSession;

beforeAll(() => {
  incremental = sessionOnStrip();
  full = sessionOnStrip();
});

describe('incremental updates after node edits', () => {
  it('equal a full recompute after random edit sequences: totals, delta, certainty, pixels', () => {
    let serial = 0;
    let edits = 0;
    let changedPixels = 0;
    const page = new RasterImage();
    // The set-up's updates were not handed over: the page starts from the whole raster.
    const whole = incremental.raster();
    if (whole === null) throw new Error('The session has painted no raster.');
    page.apply(whole);
    receive(page, incremental.update());
    const start = pixelHash(page.raster?.pixels ?? new Uint8ClampedArray());
    let patches = 0;
    fc.assert(
      fc.property(fc.array(stepArb, { minLength: 1, maxLength: 8 }), (steps) => {
        receive(page, incremental.replaceNodes(plan));
        let nodes: SessionNode[] = [...plan];
        const history: SessionNode[][] = [];
        for (const step of steps) {
          const pick = (index: number) => nodes[index % Math.max(1, nodes.length)];
          let update;
          if (step.kind === 'add') {
            const node: SessionNode = {
              id: `n${String(serial++)}`,
              ...step.at,
              name: '新',
              tier: 0,
              uncertaintyM: step.u,
            };
            update = receive(page, incremental.addNode(node));
            history.push(nodes);
            nodes = [...nodes, node];
          } else if (step.kind === 'move') {
            const node = pick(step.pick);
            if (node === undefined) continue;
            update = receive(
              page,
              incremental.moveNode(node.id, step.at.lon, step.at.lat, node.uncertaintyM),
            );
            history.push(nodes);
            nodes = nodes.map((other) => (other.id === node.id ? { ...node, ...step.at } : other));
          } else if (step.kind === 'remove') {
            const node = pick(step.pick);
            if (node === undefined) continue;
            update = receive(page, incremental.removeNode(node.id));
            history.push(nodes);
            nodes = nodes.filter((other) => other.id !== node.id);
          } else {
            // Back to the previous node set by edits (not a replacement): removes and moves.
            const previous = history.pop();
            if (previous === undefined) continue;
            for (const node of nodes) {
              if (!previous.some((other) => other.id === node.id)) {
                receive(page, incremental.removeNode(node.id));
              }
            }
            for (const node of previous) {
              const now = nodes.find((other) => other.id === node.id);
              if (now === undefined) receive(page, incremental.addNode(node));
              else if (now.lon !== node.lon || now.lat !== node.lat) {
                receive(page, incremental.moveNode(node.id, node.lon, node.lat, node.uncertaintyM));
              }
            }
            nodes = previous;
            update = receive(page, incremental.update());
          }
          edits += 1;
          changedPixels +=
            pixelHash(page.raster?.pixels ?? new Uint8ClampedArray()) !== start ? 1 : 0;
          if (update.raster.kind === 'patch' && update.raster.patch !== null) patches += 1;
          full.replaceNodes(nodes);
          expect(figures(incremental, page)).toEqual(figures(full));
        }
      }),
      { numRuns: 40 },
    );
    // The sequences did edit, and the edits did change the map.
    expect(edits).toBeGreaterThan(60);
    expect(changedPixels).toBeGreaterThan(30);
    // And most edits reached the page as a repainted rectangle, not as the whole raster.
    expect(patches).toBeGreaterThan(edits / 2);
  }, 300_000);
});
