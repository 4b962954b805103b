// @vitest-environment node
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { createThreadRecomputeHelper } from '../../../src/cli/recompute-thread.ts';
import {
  createCoverageEngine,
  type CoverageEngine,
  type SupplyNode,
} from '../../../src/core/coverage/coverage-engine.ts';
import { PLAN_RULE } from '../../../src/core/coverage/coverage-rule.ts';
import { NodeSet } from '../../../src/core/coverage/node-set.ts';
import {
  createRecomputeShard,
  type RecomputeHelper,
  type RecomputeShard,
  type ShardJob,
} from '../../../src/core/coverage/parallel-recompute.ts';
import { createUnitIndex } from '../../../src/core/coverage/unit-index.ts';
import type { Demand } from '../../../src/core/population/demand.ts';
import {
  cellContents,
  demandOf,
  expectMatchesBruteForce,
  FIXTURE_DISTRICTS,
  FIXTURE_REGIONS,
  nodesArb,
  ruleArb,
  unitArb,
} from './coverage-fixtures.ts';

/**
 * A helper that runs its shard on this thread (or fails on purpose), recording the jobs. Run when
 * the job starts, it takes every chunk before the engine does; run when the engine waits for it,
 * it finds none left. Real interleaving is checked with the real thread below.
 */
function inProcessHelper(
  options: { fail?: (job: number) => boolean; runWhen?: 'start' | 'wait'; solo?: boolean } = {},
): RecomputeHelper & {
  jobs: ShardJob[];
  /** Per job run when waited for: chunks already taken (by the engine) when the shard began. */
  takenBefore: number[];
} {
  let shard: RecomputeShard | null = null;
  let counter: Int32Array = new Int32Array(1);
  const jobs: ShardJob[] = [];
  const takenBefore: number[] = [];
  return {
    jobs,
    takenBefore,
    ready: true,
    ...(options.solo === true ? { solo: true } : {}),
    attach(setup) {
      shard = createRecomputeShard(setup);
      counter = setup.counter;
    },
    start(job) {
      jobs.push(job);
      if (options.fail?.(jobs.length) === true) return () => false;
      if (options.runWhen === 'wait') {
        return () => {
          takenBefore.push(Atomics.load(counter, 0));
          shard?.run(job);
          return shard !== null;
        };
      }
      shard?.run(job);
      return () => shard !== null;
    },
  };
}

const parallel = { parallelMinUnits: 0, parallelChunkBlocks: 1, tileMeters: 150 };

describe('a full recompute split across two threads', () => {
  it('gives the brute-force answer, before and after node edits', () => {
    fc.assert(
      fc.property(
        fc.array(unitArb(), { minLength: 2, maxLength: 60 }).chain((units) =>
          fc.record({
            units: fc.constant(units),
            nodes: nodesArb(units),
            rule: ruleArb,
            runWhen: fc.constantFrom('start' as const, 'wait' as const),
            solo: fc.boolean(),
            moves: fc.array(
              fc.tuple(
                fc.nat(),
                fc.double({ min: 106.4, max: 106.7, noNaN: true }),
                fc.double({ min: 29.4, max: 29.7, noNaN: true }),
              ),
              { maxLength: 4 },
            ),
          }),
        ),
        ({ units, nodes, rule, runWhen, solo, moves }) => {
          const demand = demandOf(units);
          const helper = inProcessHelper({ runWhen, solo });
          const engine = createCoverageEngine(demand, nodes, rule, { ...parallel, helper });
          engine.compute();
          expectMatchesBruteForce(engine, demand, nodes, rule);
          let current: SupplyNode[] = [...nodes];
          for (const [pick, lon, lat] of moves) {
            const target = current[pick % Math.max(1, current.length)];
            if (target === undefined) break;
            engine.moveNode(target.id, lon, lat);
            current = current.map((n) => (n.id === target.id ? { ...n, lon, lat } : n));
            engine.compute();
            expectMatchesBruteForce(engine, demand, current, rule);
          }
        },
      ),
      { numRuns: 120 },
    );
  });

  it('shares the chunks with the helper and sends it the nodes only when they changed', () => {
    const units = Array.from({ length: 400 }, (_, i) => ({
      lon: 106.3 + (i % 20) * 0.02,
      lat: 29.4 + Math.floor(i / 20) * 0.02,
      population: 10 + (i % 7),
      urban: i % 3 !== 0,
      district: (i % 2) as 0 | 1,
    }));
    const demand = demandOf(units);
    const nodes = [
      { id: 'a', lon: 106.4, lat: 29.5 },
      { id: 'b', lon: 106.6, lat: 29.7 },
    ];
    const helper = inProcessHelper();
    const engine = createCoverageEngine(demand, nodes, PLAN_RULE, {
      ...parallel,
      parallelChunkBlocks: 2,
      helper,
    });
    const alone = createCoverageEngine(demand, nodes, PLAN_RULE, { tileMeters: 150 });
    expect(helper.jobs).toHaveLength(1);
    expect(helper.jobs[0]).toMatchObject({ chunkBlocks: 2 });
    expect(helper.jobs[0]?.nodes?.ids).toEqual(['a', 'b']);
    engine.compute();
    expect(helper.jobs).toHaveLength(2);
    expect(helper.jobs[1]?.nodes).toBeUndefined();
    engine.removeNode('a');
    engine.addNode({ id: 'c', lon: 106.5, lat: 29.6 });
    alone.removeNode('a');
    alone.addNode({ id: 'c', lon: 106.5, lat: 29.6 });
    engine.compute();
    expect(helper.jobs[2]?.nodes?.ids).toEqual(['a', 'b', 'c']);
    expect(Array.from(helper.jobs[2]?.nodes?.alive ?? [])).toEqual([0, 1, 1]);
    expect(engine.result()).toEqual(alone.result());
  });

  it('leaves every chunk to a solo helper and only waits for it', () => {
    const units = Array.from({ length: 400 }, (_, i) => ({
      lon: 106.3 + (i % 20) * 0.02,
      lat: 29.4 + Math.floor(i / 20) * 0.02,
      population: 1 + (i % 5),
      urban: i % 4 !== 0,
      district: (i % 2) as 0 | 1,
    }));
    const demand = demandOf(units);
    const nodes = [
      { id: 'a', lon: 106.45, lat: 29.55 },
      { id: 'b', lon: 106.6, lat: 29.7 },
    ];
    const solo = inProcessHelper({ runWhen: 'wait', solo: true });
    const shared = inProcessHelper({ runWhen: 'wait' });
    const soloEngine = createCoverageEngine(demand, nodes, PLAN_RULE, {
      ...parallel,
      helper: solo,
    });
    const sharedEngine = createCoverageEngine(demand, nodes, PLAN_RULE, {
      ...parallel,
      helper: shared,
    });
    const alone = createCoverageEngine(demand, nodes, PLAN_RULE, { tileMeters: 150 });
    // The engine took no chunk before the solo helper ran; beside a plain one it took them all.
    expect(solo.takenBefore).toEqual([0]);
    expect(shared.takenBefore[0]).toBeGreaterThan(1);
    expect(soloEngine.result()).toEqual(alone.result());
    expect(sharedEngine.result()).toEqual(alone.result());
  });

  it('recomputes everything itself when the helper fails, and resends the nodes after', () => {
    const units = Array.from({ length: 300 }, (_, i) => ({
      lon: 106.3 + (i % 15) * 0.03,
      lat: 29.4 + Math.floor(i / 15) * 0.02,
      population: 5,
      urban: i % 2 === 0,
      district: 0 as const,
    }));
    const demand = demandOf(units);
    const nodes = [{ id: 'x', lon: 106.5, lat: 29.6 }];
    const helper = inProcessHelper({ fail: (job) => job === 2 });
    const engine = createCoverageEngine(demand, nodes, PLAN_RULE, {
      ...parallel,
      helper,
    });
    engine.compute();
    expectMatchesBruteForce(engine, demand, nodes, PLAN_RULE);
    engine.compute();
    expect(helper.jobs[2]?.nodes?.ids).toEqual(['x']);
    expectMatchesBruteForce(engine, demand, nodes, PLAN_RULE);
  });

  it('computes alone while the helper is not ready or the demand is small', () => {
    const demand = demandOf([
      { lon: 106.5, lat: 29.5, population: 3, urban: true, district: 0 },
      { lon: 106.9, lat: 29.9, population: 4, urban: false, district: 1 },
    ]);
    const notReady = { ...inProcessHelper(), ready: false };
    createCoverageEngine(demand, [{ id: 'n', lon: 106.5, lat: 29.5 }], PLAN_RULE, {
      ...parallel,
      helper: notReady,
    }).compute();
    expect(notReady.jobs).toHaveLength(0);
    const small = inProcessHelper();
    createCoverageEngine(demand, [{ id: 'n', lon: 106.5, lat: 29.5 }], PLAN_RULE, {
      helper: small,
    }).compute();
    expect(small.jobs).toHaveLength(0);
  });
});

describe('node-set snapshots', () => {
  it('restore the same slots, dead ones included, and the same grid contents', () => {
    const units = createUnitIndex(
      demandOf([{ lon: 106.5, lat: 29.5, population: 1, urban: true, district: 0 }]),
    );
    const original = new NodeSet(units);
    original.add('a', 106.5, 29.5);
    original.add('b', 106.6, 29.6);
    original.add('c', 120, 40);
    original.remove(1);
    original.move(0, 106.51, 29.51);
    const copy = new NodeSet(units);
    copy.add('stale', 1, 1);
    copy.restore(original.snapshot());
    expect(copy.ids).toEqual(['a', 'b', 'c']);
    expect(Array.from(copy.alive.slice(0, 3))).toEqual([1, 0, 1]);
    expect(copy.aliveCount).toBe(2);
    expect(copy.outside).toEqual(original.outside);
    expect(copy.levels.map(cellContents)).toEqual(original.levels.map(cellContents));
    expect(copy.slotOf.get('b')).toBeUndefined();
    expect(Array.from(copy.xyz.slice(0, 9))).toEqual(Array.from(original.xyz.slice(0, 9)));
  });
});

/** Seeded clustered demand: towns of different sizes over Chongqing's extent. */
function townDemand(count: number, seed: number): Demand {
  let state = seed;
  const random = () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
  const towns = Array.from({ length: 40 }, () => [105.5 + random() * 4, 28.3 + random() * 3]);
  const lon = new Float64Array(count);
  const lat = new Float64Array(count);
  for (let i = 0; i < count; i++) {
    const [x = 106, y = 29] = towns[Math.floor(random() ** 2 * towns.length)] ?? [];
    lon[i] = x + (random() - 0.5) * 0.3;
    lat[i] = y + (random() - 0.5) * 0.3;
  }
  return {
    lon,
    lat,
    population: Float64Array.from({ length: count }, () => 1 + Math.floor(random() * 50)),
    urban: Uint8Array.from({ length: count }, () => (random() < 0.6 ? 1 : 0)),
    district: Uint16Array.from({ length: count }, () => (random() < 0.5 ? 0 : 1)),
    districts: FIXTURE_DISTRICTS,
    regions: FIXTURE_REGIONS,
  };
}

/**
 * The same town demand and nodes (every `stride`-th unit's position, ids `prefix` + index) in an
 * engine that recomputes with `helper` in chunks of `chunkBlocks` blocks, and in one alone.
 */
function withAndWithout(
  helper: RecomputeHelper,
  setup: {
    readonly units: number;
    readonly seed: number;
    readonly nodes: number;
    readonly stride: number;
    readonly prefix: string;
    readonly chunkBlocks: number;
  },
): { threaded: CoverageEngine; alone: CoverageEngine } {
  const demand = townDemand(setup.units, setup.seed);
  const nodes = Array.from({ length: setup.nodes }, (_, i) => ({
    id: `${setup.prefix}${String(i)}`,
    lon: demand.lon[i * setup.stride] ?? 106,
    lat: demand.lat[i * setup.stride] ?? 29,
  }));
  return {
    threaded: createCoverageEngine(demand, nodes, PLAN_RULE, {
      parallelMinUnits: 0,
      parallelChunkBlocks: setup.chunkBlocks,
      helper,
    }),
    alone: createCoverageEngine(demand, nodes, PLAN_RULE),
  };
}

describe('the node:worker_threads helper', () => {
  const helper = createThreadRecomputeHelper();
  const pair = createThreadRecomputeHelper({ threads: 2 });
  const viaTsx = createThreadRecomputeHelper({ bundled: false });
  afterAll(async () => {
    await Promise.all([helper.close(), pair.close(), viaTsx.close()]);
  });

  it('runs the kernel bundled by esbuild, or through tsx when asked, with the same answers', () => {
    expect(helper.bundled).toBe(true);
    expect(viaTsx.bundled).toBe(false);
    expect(viaTsx.waitUntilReady(30_000)).toBe(true);
    const { threaded, alone } = withAndWithout(viaTsx, {
      units: 20_000,
      seed: 5,
      nodes: 150,
      stride: 113,
      prefix: 't',
      chunkBlocks: 3,
    });
    expect(threaded.result()).toEqual(alone.result());
    expect(viaTsx.jobsDone).toBe(1);
  });

  it('with two threads, computes every chunk there while the engine waits, identically', () => {
    expect(pair.solo).toBe(true);
    expect(helper.solo).toBe(false);
    expect(pair.waitUntilReady(30_000)).toBe(true);
    const { threaded, alone } = withAndWithout(pair, {
      units: 30_000,
      seed: 11,
      nodes: 200,
      stride: 131,
      prefix: 'p',
      chunkBlocks: 2,
    });
    expect(threaded.result()).toEqual(alone.result());
    for (let i = 0; i < 10; i++) {
      const id = `p${String(i * 17)}`;
      threaded.moveNode(id, 106.2 + i * 0.04, 29.6);
      alone.moveNode(id, 106.2 + i * 0.04, 29.6);
    }
    expect(threaded.compute()).toEqual(alone.compute());
    expect(threaded.result()).toEqual(alone.result());
    expect(pair.jobsDone).toBe(2);
  });

  it('starts, and gives results identical to one thread before and after edits', () => {
    expect(helper.waitUntilReady(30_000)).toBe(true);
    const { threaded, alone } = withAndWithout(helper, {
      units: 30_000,
      seed: 7,
      nodes: 300,
      stride: 97,
      prefix: 'n',
      chunkBlocks: 4,
    });
    expect(threaded.result()).toEqual(alone.result());
    for (let i = 0; i < 20; i++) {
      const id = `n${String(i * 11)}`;
      threaded.moveNode(id, 106 + i * 0.05, 29.5);
      alone.moveNode(id, 106 + i * 0.05, 29.5);
    }
    threaded.removeNode('n3');
    alone.removeNode('n3');
    threaded.setRule({ urbanRadius: 1500, ruralRadius: 6000 });
    alone.setRule({ urbanRadius: 1500, ruralRadius: 6000 });
    expect(threaded.compute()).toEqual(alone.compute());
    expect(threaded.result()).toEqual(alone.result());
    expect(threaded.result().summary.covered).toBeGreaterThan(0);
    // Both full recomputes (at creation and now) really ran half of the tiles on the thread.
    expect(helper.jobsDone).toBe(2);
  });
});
