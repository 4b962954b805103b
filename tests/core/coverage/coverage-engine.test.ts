// @vitest-environment node
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createCoverageEngine } from '../../../src/core/coverage/coverage-engine.ts';
import { PLAN_RULE } from '../../../src/core/coverage/coverage-rule.ts';
import { EARTH_RADIUS_METERS, haversineMeters } from '../../../src/core/geo/haversine.ts';
import {
  bruteForce,
  demandOf,
  expectMatchesBruteForce,
  nodesArb,
  north,
  ruleArb,
  unitArb,
  type UnitSpec,
} from './coverage-fixtures.ts';
import { seededRandom } from '../../bench/seeded-random.ts';

const scenarioArb = fc.array(unitArb(), { minLength: 1, maxLength: 60 }).chain((units) =>
  fc.record({
    units: fc.constant(units),
    nodes: nodesArb(units),
    rule: ruleArb,
    tileMeters: fc.constantFrom(150, 1000, 4000),
  }),
);

describe('the coverage engine', () => {
  it('gives the same covered set, nearest node and distance as a brute-force haversine scan', () => {
    fc.assert(
      fc.property(scenarioArb, ({ units, nodes, rule, tileMeters }) => {
        const demand = demandOf(units);
        const engine = createCoverageEngine(demand, nodes, rule, { tileMeters });
        expectMatchesBruteForce(engine, demand, nodes, rule);
      }),
      { numRuns: 150 },
    );
  });

  it('stays exact where many small tiles share a block (one candidate search per block)', () => {
    fc.assert(
      fc.property(
        fc
          .array(unitArb(0.02), { minLength: 2, maxLength: 60 })
          .chain((units) =>
            fc.record({ units: fc.constant(units), nodes: nodesArb(units), rule: ruleArb }),
          ),
        ({ units, nodes, rule }) => {
          const demand = demandOf(units);
          for (const tileMeters of [100, 300]) {
            const engine = createCoverageEngine(demand, nodes, rule, { tileMeters });
            expectMatchesBruteForce(engine, demand, nodes, rule);
          }
        },
      ),
      { numRuns: 150 },
    );
  });

  it('stays exact where crowded tiles lie across the bisectors of nearly equidistant nodes', () => {
    // Candidate lists drop a node when the node nearest the list's centre beats it everywhere
    // in the region. Mirrored pairs of nodes, offset by nothing up to a few metres, put that
    // decision at its edge for many sub-cells of a crowded tile at once.
    const pairArb = fc.record({
      bearing: fc.double({ min: 0, max: 2 * Math.PI, noNaN: true }),
      meters: fc.double({ min: 50, max: 4000, noNaN: true }),
      offset: fc.constantFrom(0, 1e-9, 1e-7, 1e-5, 3e-5),
    });
    fc.assert(
      fc.property(
        fc.array(unitArb(0.006), { minLength: 30, maxLength: 160 }),
        fc.array(pairArb, { minLength: 1, maxLength: 5 }),
        ruleArb,
        (units, pairs, rule) => {
          const centre = units[0] ?? { lon: 106.55, lat: 29.56 };
          const degrees = (meters: number): number =>
            (meters / EARTH_RADIUS_METERS) * (180 / Math.PI);
          const nodes = pairs.flatMap(({ bearing, meters, offset }, i) => {
            const dLat = degrees(meters) * Math.cos(bearing);
            const dLon =
              (degrees(meters) * Math.sin(bearing)) / Math.cos((centre.lat * Math.PI) / 180);
            return [
              { id: `p${String(i)}a`, lon: centre.lon + dLon, lat: centre.lat + dLat },
              { id: `p${String(i)}b`, lon: centre.lon - dLon + offset, lat: centre.lat - dLat },
            ];
          });
          const demand = demandOf(units);
          for (const tileMeters of [250, 1000]) {
            const engine = createCoverageEngine(demand, nodes, rule, { tileMeters });
            expectMatchesBruteForce(engine, demand, nodes, rule);
          }
        },
      ),
      { numRuns: 120 },
    );
  });

  it('stays exact for demand spread over a whole province and nodes far outside it', () => {
    fc.assert(
      fc.property(
        fc
          .array(unitArb(3), { minLength: 1, maxLength: 40 })
          .chain((units) =>
            fc.record({ units: fc.constant(units), nodes: nodesArb(units, 8), rule: ruleArb }),
          ),
        ({ units, nodes, rule }) => {
          const demand = demandOf(units);
          expectMatchesBruteForce(createCoverageEngine(demand, nodes, rule), demand, nodes, rule);
        },
      ),
      { numRuns: 60 },
    );
  });

  it('stays exact for tens of thousands of units in random order (the index sorts them in buckets)', () => {
    // Tens of thousands of units: the unit index moves them through several buckets of tiles
    // (see createUnitIndex), which the small random demands above never fill. Clumps make crowded
    // tiles (sub-cells), every tenth unit repeats the one before, and the order is random.
    const random = seededRandom(20261206);
    const units: UnitSpec[] = [];
    for (let i = 0; i < 30_000; i++) {
      const previous = units[units.length - 1];
      if (previous !== undefined && i % 10 === 0) {
        units.push({ ...previous, population: i % 7 });
        continue;
      }
      const clump = Math.floor(random() * 6);
      const spread = clump === 0 ? 0.6 : 0.01 * clump;
      units.push({
        lon: 106.2 + clump * 0.15 + random() * spread,
        lat: 29.3 + (clump % 3) * 0.12 + random() * spread,
        population: random() < 0.5 ? Math.floor(random() * 500) : random() * 50,
        urban: random() < 0.6,
        district: random() < 0.1 ? null : random() < 0.5 ? 0 : 1,
      });
    }
    const nodes = Array.from({ length: 40 }, (_, i) => {
      const unit = units[Math.floor(random() * units.length)];
      return { id: `n${String(i)}`, lon: unit?.lon ?? 106.5, lat: unit?.lat ?? 29.5 };
    });
    const demand = demandOf(units);
    for (const options of [{}, { tileMeters: 300 }]) {
      const engine = createCoverageEngine(demand, nodes, PLAN_RULE, options);
      expectMatchesBruteForce(engine, demand, nodes, PLAN_RULE);
      // District and class reach the right units: residents by district and class.
      const summary = engine.summary();
      [0, 1].forEach((d) => {
        for (const urban of [true, false]) {
          const expected = units
            .filter((u) => u.district === d && u.urban === urban)
            .reduce((sum, u) => sum + u.population, 0);
          const area = summary.byDistrict[d];
          expect((urban ? area?.urban : area?.rural)?.population).toBeCloseTo(expected, 6);
        }
      });
    }
  });

  it('updates only what a node edit affects, with the same state as a full recompute', () => {
    const editArb = fc.array(
      fc.record({
        kind: fc.constantFrom('add', 'move', 'remove'),
        pick: fc.nat(),
        lon: fc.double({ min: 106.35, max: 106.75, noNaN: true }),
        lat: fc.double({ min: 29.36, max: 29.76, noNaN: true }),
      }),
      { minLength: 1, maxLength: 12 },
    );
    fc.assert(
      fc.property(scenarioArb, editArb, ({ units, nodes, rule, tileMeters }, edits) => {
        const demand = demandOf(units);
        const engine = createCoverageEngine(demand, nodes, rule, { tileMeters });
        let current = [...nodes];
        let serial = 0;
        for (const edit of edits) {
          const before = engine.result();
          const target = current[edit.pick % Math.max(1, current.length)];
          let delta;
          if (edit.kind === 'add' || target === undefined) {
            const node = { id: `added-${String(serial++)}`, lon: edit.lon, lat: edit.lat };
            delta = engine.addNode(node);
            current = [...current, node];
          } else if (edit.kind === 'move') {
            delta = engine.moveNode(target.id, edit.lon, edit.lat);
            current = current.map((n) =>
              n.id === target.id ? { ...n, lon: edit.lon, lat: edit.lat } : n,
            );
          } else {
            delta = engine.removeNode(target.id);
            current = current.filter((n) => n.id !== target.id);
          }
          expectMatchesBruteForce(engine, demand, current, rule);
          const after = engine.result();
          const gained = [...after.covered.keys()].filter(
            (i) => after.covered[i] === 1 && before.covered[i] === 0,
          );
          const lost = [...after.covered.keys()].filter(
            (i) => after.covered[i] === 0 && before.covered[i] === 1,
          );
          expect(Array.from(delta.newlyCoveredUnits)).toEqual(gained);
          expect(Array.from(delta.newlyUncoveredUnits)).toEqual(lost);
          const people = (list: number[]) =>
            list.reduce((s, i) => s + (demand.population[i] ?? 0), 0);
          expect(delta.newlyCovered).toBeCloseTo(people(gained), 6);
          expect(delta.newlyUncovered).toBeCloseTo(people(lost), 6);
          expect(delta.summary.covered).toBeCloseTo(
            before.summary.covered + delta.newlyCovered - delta.newlyUncovered,
            6,
          );
          const fresh = createCoverageEngine(demand, current, rule).result();
          expect(after.summary.byDistrict.map((d) => d.covered)).toEqual(
            fresh.summary.byDistrict.map((d) => expect.closeTo(d.covered, 6) as unknown),
          );
        }
      }),
      { numRuns: 80 },
    );
  });

  it('replaces every node in one batch with the state of an engine built on them', () => {
    fc.assert(
      fc.property(
        scenarioArb,
        fc.array(
          fc.tuple(
            fc.double({ min: 106.35, max: 106.75, noNaN: true }),
            fc.double({ min: 29.36, max: 29.76, noNaN: true }),
          ),
          { maxLength: 30 },
        ),
        ({ units, nodes, rule, tileMeters }, positions) => {
          const demand = demandOf(units);
          const engine = createCoverageEngine(demand, nodes, rule, { tileMeters });
          const next = positions.map(([lon, lat], i) => ({ id: `r-${String(i)}`, lon, lat }));
          const before = engine.result();
          const delta = engine.replaceNodes(next);
          expectMatchesBruteForce(engine, demand, next, rule);
          expect(engine.nodes()).toEqual(next);
          const after = engine.result();
          const gained = [...after.covered.keys()].filter(
            (i) => after.covered[i] === 1 && before.covered[i] === 0,
          );
          expect(Array.from(delta.newlyCoveredUnits)).toEqual(gained);
          // Edits after the batch stay exact (slots and reach bounds were rebuilt).
          if (next[0] !== undefined) {
            engine.moveNode(next[0].id, 106.5, 29.5);
            engine.addNode({ id: 'after', lon: 106.4, lat: 29.4 });
            expectMatchesBruteForce(
              engine,
              demand,
              [
                ...next.slice(1),
                { ...next[0], lon: 106.5, lat: 29.5 },
                { id: 'after', lon: 106.4, lat: 29.4 },
              ],
              rule,
            );
          }
        },
      ),
      { numRuns: 80 },
    );
  });

  it('is deterministic: node order does not change any answer, ties go to the smaller id', () => {
    fc.assert(
      fc.property(scenarioArb, fc.nat(), ({ units, nodes, rule }, seed) => {
        const demand = demandOf(units);
        const shuffled = [...nodes].sort(
          (a, b) => ((a.id.length * 31 + seed) % 7) - ((b.id.length * 17 + seed) % 5),
        );
        const a = createCoverageEngine(demand, nodes, rule).result();
        const b = createCoverageEngine(demand, shuffled, rule).result();
        const ids = (r: typeof a) => Array.from(r.nearestNode, (i) => r.nodeIds[i] ?? null);
        expect(ids(b)).toEqual(ids(a));
        expect(b.covered).toEqual(a.covered);
        expect(b.nearestDistance).toEqual(a.nearestDistance);
      }),
      { numRuns: 50 },
    );
  });

  it('computes the coverage-versus-radius curve in one pass with the answers of each radius alone', () => {
    fc.assert(
      fc.property(
        scenarioArb,
        fc.array(ruleArb, { minLength: 1, maxLength: 25 }),
        ({ units, nodes }, points) => {
          const demand = demandOf(units);
          const engine = createCoverageEngine(demand, nodes);
          const curve = engine.curve(points);
          points.forEach((rule, j) => {
            const expected = bruteForce(demand, nodes, rule);
            let urban = 0;
            let rural = 0;
            expected.covered.forEach((flag, i) => {
              if (flag === 0) return;
              if (demand.urban[i] === 1) urban += demand.population[i] ?? 0;
              else rural += demand.population[i] ?? 0;
            });
            expect(curve[j]?.urbanCovered).toBeCloseTo(urban, 6);
            expect(curve[j]?.ruralCovered).toBeCloseTo(rural, 6);
            expect(curve[j]?.urbanRadius).toBe(rule.urbanRadius);
          });
        },
      ),
      { numRuns: 60 },
    );
  });

  it('never lowers coverage when a node is added', () => {
    fc.assert(
      fc.property(
        scenarioArb,
        fc.tuple(
          fc.double({ min: 106.3, max: 106.8, noNaN: true }),
          fc.double({ min: 29.3, max: 29.8, noNaN: true }),
        ),
        ({ units, nodes, rule }, [lon, lat]) => {
          const engine = createCoverageEngine(demandOf(units), nodes, rule);
          const before = engine.summary().covered;
          const delta = engine.addNode({ id: 'zz-new', lon, lat });
          expect(delta.newlyUncovered).toBe(0);
          expect(engine.summary().covered).toBeGreaterThanOrEqual(before);
        },
      ),
    );
  });
});

describe('the coverage engine at the edges of the rule', () => {
  const node = { id: 'node', lon: 106.5, lat: 29.5 };
  const unitAt = (meters: number, urban: boolean): UnitSpec => {
    const [lon, lat] = north(node.lon, node.lat, meters);
    return { lon, lat, population: 100, urban, district: 0 };
  };

  it('covers an urban unit 1,999 m from a node and not one 2,001 m away', () => {
    const demand = demandOf([unitAt(1999, true), unitAt(2001, true)]);
    const result = createCoverageEngine(demand, [node]).result();
    expect(Array.from(result.covered)).toEqual([1, 0]);
    expect(result.nearestDistance[0]).toBeCloseTo(1999, 6);
    expect(result.nearestDistance[1]).toBeCloseTo(2001, 6);
  });

  it('gives a rural unit its own 5 km radius even next to an urban one', () => {
    const demand = demandOf([
      unitAt(4000, false),
      unitAt(4000, true),
      unitAt(4999, false),
      unitAt(5001, false),
    ]);
    expect(Array.from(createCoverageEngine(demand, [node]).result().covered)).toEqual([1, 0, 1, 0]);
  });

  it('counts a unit exactly at the radius (by the haversine formula) as covered', () => {
    const [lon, lat] = [106.61234, 29.58765];
    const meters = haversineMeters(node.lon, node.lat, lon, lat);
    const demand = demandOf([{ lon, lat, population: 1, urban: true, district: 0 }]);
    const engine = createCoverageEngine(demand, [node], { urbanRadius: meters, ruralRadius: 1 });
    expect(engine.result().covered[0]).toBe(1);
    engine.setRule({ urbanRadius: meters * (1 - 1e-15) - 1e-9, ruralRadius: 1 });
    expect(engine.result().covered[0]).toBe(0);
  });

  it('covers nobody, and says so, when there are no nodes', () => {
    const demand = demandOf([unitAt(0, true), unitAt(3000, false)]);
    const engine = createCoverageEngine(demand, []);
    const result = engine.result();
    expect(Array.from(result.covered)).toEqual([0, 0]);
    expect(Array.from(result.nearestNode)).toEqual([-1, -1]);
    expect(Array.from(result.nearestDistance)).toEqual([Infinity, Infinity]);
    expect(result.summary).toMatchObject({ population: 200, covered: 0, rate: 0 });
    expect(engine.curve().every((p) => p.covered === 0)).toBe(true);
    expect(engine.unit(0)).toMatchObject({ nearestNodeId: null, distance: null, covered: false });
    const delta = engine.addNode(node);
    expect(delta.newlyCovered).toBe(200);
    expect(engine.removeNode('node').newlyUncovered).toBe(200);
  });

  it('breaks a tie between duplicate nodes by the smaller id', () => {
    const demand = demandOf([unitAt(1500, true)]);
    const result = createCoverageEngine(demand, [
      { id: 'b-second', lon: node.lon, lat: node.lat },
      { id: 'a-first', lon: node.lon, lat: node.lat },
    ]).result();
    expect(result.nodeIds[result.nearestNode[0] ?? -1]).toBe('a-first');
  });

  it('covers a unit exactly on a node even with a zero radius', () => {
    const demand = demandOf([{ ...node, population: 5, urban: true, district: 0 }]);
    const result = createCoverageEngine(demand, [node], {
      urbanRadius: 0,
      ruralRadius: 0,
    }).result();
    expect(result.nearestDistance[0]).toBe(0);
    expect(result.covered[0]).toBe(1);
  });

  it('totals by class, district and region, with units outside every district counted apart', () => {
    const demand = demandOf([
      { ...unitAt(100, true), population: 10, district: 0 },
      { ...unitAt(9000, false), population: 20, district: 0 },
      { ...unitAt(3000, false), population: 30, district: 1 },
      { ...unitAt(100, true), population: 40, district: null },
    ]);
    const summary = createCoverageEngine(demand, [node]).compute();
    expect(summary).toMatchObject({ population: 100, covered: 80, uncovered: 20, rate: 0.8 });
    expect(summary.urban).toMatchObject({ population: 50, covered: 50, rate: 1 });
    expect(summary.rural).toMatchObject({ population: 50, covered: 30, rate: 0.6 });
    expect(summary.byDistrict.map((d) => [d.adcode, d.population, d.covered])).toEqual([
      [500001, 30, 10],
      [500002, 30, 30],
    ]);
    expect(summary.byDistrict[1]?.urban.rate).toBeNull();
    expect(summary.byRegion.map((r) => [r.id, r.covered])).toEqual([
      ['region-a', 10],
      ['subregion-a1', 10],
      ['region-b', 30],
    ]);
    expect(summary.outsideDistricts).toMatchObject({ population: 40, covered: 40 });
  });

  it('returns plain data that survives structured cloning (for a Web Worker)', () => {
    const demand = demandOf([unitAt(100, true), unitAt(7000, false)]);
    const engine = createCoverageEngine(demand, [node]);
    for (const value of [
      engine.result(),
      engine.compute(),
      engine.curve(),
      engine.moveNode('node', 106.51, 29.5),
      engine.suggest({ k: 1 }),
      engine.unit(1),
    ]) {
      expect(structuredClone(value)).toEqual(value);
    }
  });

  it('does not modify the demand or the nodes it is given', () => {
    const demand = demandOf([unitAt(100, true), unitAt(7000, false)]);
    const copies = [
      demand.lon.slice(),
      demand.lat.slice(),
      demand.population.slice(),
      demand.urban.slice(),
    ];
    const nodes = Object.freeze([Object.freeze({ ...node })]);
    const engine = createCoverageEngine(demand, nodes);
    engine.moveNode('node', 106.7, 29.7);
    engine.addNode({ id: 'other', lon: 106.5, lat: 29.6 });
    engine.suggest({ k: 2 });
    expect([demand.lon, demand.lat, demand.population, demand.urban]).toEqual(copies);
    expect(nodes[0]).toEqual(node);
  });

  it('rejects bad radii, duplicate ids, unknown ids and invalid coordinates with a sentence', () => {
    const demand = demandOf([unitAt(100, true)]);
    expect(() => createCoverageEngine(demand, [node, node])).toThrow('Duplicate node id node.');
    expect(() => createCoverageEngine(demand, [], { urbanRadius: -1, ruralRadius: 5000 })).toThrow(
      /urbanRadius/,
    );
    const engine = createCoverageEngine(demand, [node]);
    expect(() => engine.moveNode('nope', 106, 29)).toThrow('No node with id nope.');
    expect(() => engine.addNode({ id: 'x', lon: 200, lat: 0 })).toThrow(/invalid coordinates/);
    expect(() => createCoverageEngine(demandOf([{ ...unitAt(0, true), lat: 95 }]), [])).toThrow(
      /invalid coordinates/,
    );
  });

  it('refuses a batch with a repeated id or a bad position and keeps its nodes', () => {
    const demand = demandOf([unitAt(100, true)]);
    const engine = createCoverageEngine(demand, [node]);
    expect(() =>
      engine.replaceNodes([
        { id: 'x', lon: 106, lat: 29 },
        { id: 'x', lon: 106, lat: 29 },
      ]),
    ).toThrow('Duplicate node id x.');
    expect(() => engine.replaceNodes([{ id: 'y', lon: Number.NaN, lat: 29 }])).toThrow(
      /invalid coordinates/,
    );
    expect(engine.nodes()).toEqual([node]);
  });

  it('uses the plan rule (2 km urban, 5 km rural) by default', () => {
    const engine = createCoverageEngine(demandOf([unitAt(100, true)]), [node]);
    expect(engine.rule()).toEqual(PLAN_RULE);
    expect(engine.parameters()).toMatchObject({
      urbanRadius: 2000,
      ruralRadius: 5000,
      earthRadiusMeters: 6_371_008.8,
      distance: 'haversine',
    });
  });
});
