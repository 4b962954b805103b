// @vitest-environment node
/**
 * Random undo/redo replay against the core coverage session (issue 20): after any sequence of
 * edits (add, move, remove, re-tier; repeated positions, plan sites, nodes added again after
 * their removal), undoing every edit gives back the state before them exactly, and redoing every
 * edit gives back the edited state exactly: every total, every certainty-aware figure, the curve,
 * the gap raster, each unit's nearest node, distance and probability, and the report's node set.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  CoverageSession,
  importedDemandModel,
  type NodeEdit,
  type SessionNode,
} from '../../../src/core/coverage/coverage-session';
import { PLAN_RULE } from '../../../src/core/coverage/coverage-rule';
import { demandFromImport } from '../../../src/core/population/imported-demand';
import type { ScenarioNode } from '../../../src/core/scenario/scenario';

const bytes = readFileSync(
  resolve(import.meta.dirname, '../../../geodata/population/population-grid.bin'),
);

/** Plan sites: one with a stated position uncertainty, so the certainty-aware figures move too. */
const plan: SessionNode[] = [
  { id: 'plan-a', lon: 106.45, lat: 29.556, name: '甲', tier: 1, uncertaintyM: 600 },
  { id: 'plan-b', lon: 106.62, lat: 29.558, name: '乙', tier: 2 },
];
const planNodes: ScenarioNode[] = plan.map((node) => ({
  id: node.id,
  lon: node.lon,
  lat: node.lat,
  tier: node.tier ?? 0,
  name: node.name,
  origin: 'baseline',
}));

/**
 * A small population (400 units, whole residents, a thin strip so the gap raster is small), so a
 * few thousand edits take seconds: the session's code is the same as over the shipped model.
 */
function stripUnits() {
  const n = 400;
  return {
    lon: Float64Array.from({ length: n }, (_, i) => 106.4 + (i % 40) * 0.01),
    lat: Float64Array.from({ length: n }, (_, i) => 29.55 + Math.floor(i / 40) * 0.002),
    population: Float64Array.from({ length: n }, (_, i) => (i * 37) % 500),
    urban: Uint8Array.from({ length: n }, (_, i) => (i % 3 === 0 ? 0 : 1)),
  };
}

/** Positions on a coarse grid (so nodes coincide and tie) or exactly on a plan site. */
const positionArb = fc.oneof(
  fc.record({
    lon: fc.integer({ min: 0, max: 16 }).map((i) => 106.38 + i * 0.03),
    lat: fc.integer({ min: 0, max: 4 }).map((i) => 29.545 + i * 0.005),
  }),
  fc.constantFrom(...plan.map(({ lon, lat }) => ({ lon, lat }))),
);

type Step =
  | {
      readonly kind: 'add';
      readonly at: { lon: number; lat: number };
      readonly tier: 0 | 1 | 2 | 3;
    }
  | { readonly kind: 'move'; readonly pick: number; readonly at: { lon: number; lat: number } }
  | { readonly kind: 'remove'; readonly pick: number }
  | { readonly kind: 'retier'; readonly pick: number; readonly tier: 0 | 1 | 2 | 3 }
  | { readonly kind: 'readd'; readonly pick: number };

const tierArb = fc.constantFrom<0 | 1 | 2 | 3>(0, 1, 2, 3);
const stepArb: fc.Arbitrary<Step> = fc.oneof(
  fc.record({ kind: fc.constant('add' as const), at: positionArb, tier: tierArb }),
  fc.record({ kind: fc.constant('move' as const), pick: fc.nat(), at: positionArb }),
  fc.record({ kind: fc.constant('remove' as const), pick: fc.nat() }),
  fc.record({ kind: fc.constant('retier' as const), pick: fc.nat(), tier: tierArb }),
  fc.record({ kind: fc.constant('readd' as const), pick: fc.nat() }),
);

/** A cheap, exact fingerprint of the raster's pixels (FNV-1a). */
function pixelHash(pixels: Uint8ClampedArray): number {
  let hash = 0x811c9dc5;
  for (const value of pixels) hash = Math.imul(hash ^ value, 0x01000193) >>> 0;
  return hash;
}

/** Everything the session answers, with the interval drawn afresh for the nodes as they stand. */
function stateOf(session: CoverageSession) {
  session.refreshInterval();
  const { raster: sent, ...update } = session.update();
  const raster = session.raster()?.raster;
  if (raster === undefined || sent.serial !== session.raster()?.serial)
    throw new Error('no raster');
  const { result } = session.unitResults();
  const { probability, unitClass } = session.unitUncertainty();
  const report = session.coverageReport();
  return {
    ...update,
    engineMs: 0,
    raster: { width: raster.width, height: raster.height, pixels: pixelHash(raster.pixels) },
    covered: Array.from(result.covered),
    nearestId: Array.from(result.nearestNode, (slot) => result.nodeIds[slot] ?? null),
    nearestDistance: Array.from(result.nearestDistance),
    probability: Array.from(probability),
    unitClass: Array.from(unitClass),
    // An undone removal puts the node back last: the figures must match exactly, the listing
    // order is the order of the edits.
    report: {
      ...report,
      nodes: [...report.nodes].sort((a, b) => (a.id < b.id ? -1 : 1)),
    },
  };
}

/** The edit a step makes on the scenario `nodes` (null when it does not apply), and the nodes after. */
function editFor(
  step: Step,
  nodes: readonly ScenarioNode[],
  removed: readonly ScenarioNode[],
  serial: number,
): NodeEdit | null {
  const pick = <T>(list: readonly T[], index: number): T | undefined =>
    list.length === 0 ? undefined : list[index % list.length];
  switch (step.kind) {
    case 'add':
      return {
        kind: 'add',
        node: {
          id: `added-${String(serial)}`,
          ...step.at,
          tier: step.tier,
          name: `新 ${String(serial)}`,
          origin: 'added',
        },
      };
    case 'readd': {
      const node = pick(removed, step.pick);
      return node === undefined || nodes.some((other) => other.id === node.id)
        ? null
        : { kind: 'add', node };
    }
    case 'move': {
      const before = pick(nodes, step.pick);
      return before === undefined
        ? null
        : { kind: 'move', before, after: { ...before, ...step.at } };
    }
    case 'remove': {
      const node = pick(nodes, step.pick);
      return node === undefined ? null : { kind: 'remove', node };
    }
    case 'retier': {
      const before = pick(nodes, step.pick);
      return before === undefined
        ? null
        : { kind: 'retier', before, after: { ...before, tier: step.tier } };
    }
  }
}

function applied(nodes: readonly ScenarioNode[], edit: NodeEdit): ScenarioNode[] {
  switch (edit.kind) {
    case 'add':
      return [...nodes, edit.node];
    case 'remove':
      return nodes.filter((node) => node.id !== edit.node.id);
    case 'move':
    case 'retier':
      return nodes.map((node) => (node.id === edit.after.id ? edit.after : node));
  }
}

let session: CoverageSession;

beforeAll(() => {
  session = CoverageSession.create(bytes, plan, plan, PLAN_RULE);
  const { districts, regions } = session.modelAreas;
  session.useDemand(
    importedDemandModel(demandFromImport(stripUnits(), districts, regions, []), 200),
  );
});

describe('random undo/redo replay on the coverage session', () => {
  it('undoing every edit gives the state before them exactly, redoing every edit the edited state', () => {
    const baseline = stateOf(session);
    let runs = 0;
    let serial = 0;
    fc.assert(
      fc.property(fc.array(stepArb, { minLength: 1, maxLength: 12 }), (steps) => {
        runs += 1;
        // Every run starts where the last one was undone to: the plan's own nodes.
        expect(session.canUndo).toBe(false);
        let nodes: ScenarioNode[] = [...planNodes];
        const removed: ScenarioNode[] = [];
        let count = 0;
        for (const step of steps) {
          const edit = editFor(step, nodes, removed, serial);
          serial += 1;
          if (edit === null) continue;
          if (edit.kind === 'remove') removed.push(edit.node);
          session.edit(edit);
          nodes = applied(nodes, edit);
          count += 1;
        }
        const edited = stateOf(session);
        expect(edited.report.nodes.map((node) => [node.id, node.lon, node.lat, node.tier])).toEqual(
          [...nodes]
            .sort((a, b) => (a.id < b.id ? -1 : 1))
            .map((node) => [node.id, node.lon, node.lat, node.tier]),
        );

        let undone = 0;
        while (session.undo() !== null) undone += 1;
        expect(undone).toBe(count);
        expect(stateOf(session)).toEqual(baseline);

        let redone = 0;
        while (session.redo() !== null) redone += 1;
        expect(redone).toBe(count);
        expect(stateOf(session)).toEqual(edited);

        // Clear the redo stack for the next run without changing any node.
        session.replaceNodes(plan);
      }),
      { numRuns: 500 },
    );
    expect(runs).toBeGreaterThanOrEqual(500);
  }, 300_000);
});
