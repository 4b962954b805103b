import fc from 'fast-check';
import KDBush from 'kdbush';
import { describe, expect, it } from 'vitest';
import { createCoverageEngine } from '../../../src/core/coverage/coverage-engine.ts';
import { PLAN_RULE, type RadiusPair } from '../../../src/core/coverage/coverage-rule.ts';
import {
  visitInBox,
  discShareWithin,
  PositionUncertainty,
  UNIT_CLASS,
  type UncertainNode,
} from '../../../src/core/coverage/position-uncertainty.ts';
import { haversineMeters } from '../../../src/core/geo/haversine.ts';
import type { Demand } from '../../../src/core/population/demand.ts';
import { demandOf, nodesArb, north, unitArb } from './coverage-fixtures.ts';

/** Numerical integration of the share of a disc (radius u, centre at distance d) within r. */
function integratedShare(d: number, r: number, u: number, steps = 600): number {
  let inside = 0;
  let total = 0;
  // Midpoint rule in polar coordinates around the disc's centre: weight ρ dρ dθ.
  for (let i = 0; i < steps; i++) {
    const rho = ((i + 0.5) / steps) * u;
    for (let j = 0; j < steps; j++) {
      const theta = ((j + 0.5) / steps) * 2 * Math.PI;
      const x = d + rho * Math.cos(theta);
      const y = rho * Math.sin(theta);
      total += rho;
      if (x * x + y * y <= r * r) inside += rho;
    }
  }
  return inside / total;
}

/** The oracle: every unit against every node, no index. */
function oracle(demand: Demand, nodes: readonly UncertainNode[], rule: RadiusPair) {
  const sure: boolean[] = [];
  const possible: boolean[] = [];
  const point: boolean[] = [];
  const p: number[] = [];
  for (let i = 0; i < demand.lon.length; i++) {
    const r = demand.urban[i] === 1 ? rule.urbanRadius : rule.ruralRadius;
    let q = 1;
    let s = false;
    let pos = false;
    let pt = false;
    for (const node of nodes) {
      const d = haversineMeters(demand.lon[i] ?? 0, demand.lat[i] ?? 0, node.lon, node.lat);
      if (d + node.uncertaintyM <= r) s = true;
      if (d - node.uncertaintyM <= r) pos = true;
      if (d <= r) pt = true;
      q *= 1 - discShareWithin(d, r, node.uncertaintyM);
    }
    sure.push(s);
    possible.push(pos);
    point.push(pt);
    p.push(s ? 1 : 1 - q);
  }
  return { sure, possible, point, p };
}

const uncertainNodesArb = (units: Parameters<typeof nodesArb>[0]) =>
  nodesArb(units, 10).chain((nodes) =>
    fc
      .array(fc.oneof(fc.constant(0), fc.double({ min: 0, max: 6000, noNaN: true })), {
        minLength: nodes.length,
        maxLength: nodes.length,
      })
      .map((us) => nodes.map((node, k) => ({ ...node, uncertaintyM: us[k] ?? 0 }))),
  );

const ruleArb = fc.record({
  urbanRadius: fc.oneof(fc.constant(2000), fc.double({ min: 1, max: 6000, noNaN: true })),
  ruralRadius: fc.oneof(fc.constant(5000), fc.double({ min: 1, max: 12000, noNaN: true })),
});

const caseArb = fc
  .array(unitArb(0.12), { minLength: 1, maxLength: 40 })
  .chain((units) => fc.tuple(fc.constant(units), uncertainNodesArb(units), ruleArb));

describe('the share of an uncertainty disc within the rule radius (lens area)', () => {
  it('equals numerical integration on random cases', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0, max: 15000, noNaN: true }),
        fc.double({ min: 1, max: 8000, noNaN: true }),
        fc.double({ min: 1, max: 8000, noNaN: true }),
        (d, r, u) => {
          expect(discShareWithin(d, r, u)).toBeCloseTo(integratedShare(d, r, u, 400), 2);
        },
      ),
      { numRuns: 60 },
    );
  });

  it('is 1 when the disc lies inside, 0 when outside, the indicator when u = 0', () => {
    expect(discShareWithin(1000, 2000, 1000)).toBe(1);
    expect(discShareWithin(3001, 2000, 1000)).toBe(0);
    expect(discShareWithin(2000, 2000, 0)).toBe(1);
    expect(discShareWithin(2000.001, 2000, 0)).toBe(0);
    // A disc centred on the unit, twice the rule radius: a quarter of it lies within.
    expect(discShareWithin(0, 1000, 2000)).toBeCloseTo(0.25, 12);
  });
});

describe('certainty-aware coverage against a brute-force oracle', () => {
  it('classifies every unit as the oracle does: sure ⊆ point-covered ⊆ possible', () => {
    fc.assert(
      fc.property(caseArb, ([units, nodes, rule]) => {
        const demand = demandOf(units);
        const model = new PositionUncertainty(demand, nodes, rule, { draws: 20 });
        const want = oracle(demand, nodes, rule);
        for (let i = 0; i < units.length; i++) {
          const cls = model.unitClass[i];
          expect(cls === UNIT_CLASS.sure).toBe(want.sure[i]);
          expect(cls !== UNIT_CLASS.none).toBe(want.possible[i]);
          if (want.sure[i] === true) expect(want.point[i]).toBe(true);
          if (want.point[i] === true) expect(want.possible[i]).toBe(true);
          expect(model.probability[i]).toBeCloseTo(want.p[i] ?? 0, 12);
        }
        const s = model.summary();
        expect(s.sure.covered).toBeLessThanOrEqual(s.expected.covered + 1e-6);
        expect(s.expected.covered).toBeLessThanOrEqual(s.possible.covered + 1e-6);
        expect(s.interval.p05.covered).toBeGreaterThanOrEqual(s.sure.covered - 1e-6);
        expect(s.interval.p95.covered).toBeLessThanOrEqual(s.possible.covered + 1e-6);
        expect(s.interval.p05.covered).toBeLessThanOrEqual(s.interval.p95.covered);
      }),
      { numRuns: 150 },
    );
  });

  it('with every uncertainty 0 equals the point estimate of the coverage engine', () => {
    fc.assert(
      fc.property(caseArb, ([units, nodes, rule]) => {
        const exact = nodes.map((node) => ({ ...node, uncertaintyM: 0 }));
        const demand = demandOf(units);
        const model = new PositionUncertainty(demand, exact, rule, { draws: 5 });
        const point = createCoverageEngine(demand, exact, rule).summary();
        const s = model.summary();
        for (const figure of [s.sure, s.expected, s.possible, s.interval.p05, s.interval.p95]) {
          expect(figure.covered).toBeCloseTo(point.covered, 6);
        }
        s.byDistrict.forEach((district, d) => {
          expect(district.expected.covered).toBeCloseTo(point.byDistrict[d]?.covered ?? NaN, 6);
          expect(district.urban.sure.covered).toBeCloseTo(
            point.byDistrict[d]?.urban.covered ?? NaN,
            6,
          );
        });
        s.byRegion.forEach((region, r) => {
          expect(region.possible.covered).toBeCloseTo(point.byRegion[r]?.covered ?? NaN, 6);
        });
      }),
      { numRuns: 100 },
    );
  });

  it('after any edits equals a model built from scratch on the edited nodes', () => {
    fc.assert(
      fc.property(
        caseArb,
        fc.array(
          fc.record({
            which: fc.nat(),
            action: fc.constantFrom('move', 'remove', 'add', 'widen'),
            dLon: fc.double({ min: -0.05, max: 0.05, noNaN: true }),
            dLat: fc.double({ min: -0.05, max: 0.05, noNaN: true }),
            u: fc.double({ min: 0, max: 5000, noNaN: true }),
          }),
          { maxLength: 8 },
        ),
        ([units, nodes, rule], edits) => {
          const demand = demandOf(units);
          const model = new PositionUncertainty(demand, nodes, rule, { draws: 10 });
          let current = [...nodes];
          edits.forEach((edit, n) => {
            const target = current[edit.which % Math.max(1, current.length)];
            if (edit.action === 'add' || target === undefined) {
              const added = {
                id: `new-${String(n)}`,
                lon: 106.55 + edit.dLon,
                lat: 29.56 + edit.dLat,
                uncertaintyM: edit.u,
              };
              model.setNode(added.id, added);
              current = [...current, added];
            } else if (edit.action === 'remove') {
              model.setNode(target.id, null);
              current = current.filter((node) => node.id !== target.id);
            } else {
              const next =
                edit.action === 'move'
                  ? { ...target, lon: target.lon + edit.dLon, lat: target.lat + edit.dLat }
                  : { ...target, uncertaintyM: edit.u };
              model.setNode(target.id, next);
              current = current.map((node) => (node.id === target.id ? next : node));
            }
          });
          const fresh = new PositionUncertainty(demand, current, rule, { draws: 10 });
          // An edit puts its node into id order rather than sorting every node again.
          expect(model.nodes().map((node) => node.id)).toEqual(
            fresh.nodes().map((node) => node.id),
          );
          expect([...model.unitClass]).toEqual([...fresh.unitClass]);
          for (let i = 0; i < units.length; i++) {
            expect(model.probability[i]).toBe(fresh.probability[i]);
          }
          const a = model.summary();
          const b = fresh.summary();
          expect(a.intervalStale).toBe(edits.length > 0);
          // Bit for bit: the touched slots are summed afresh, never by adding and subtracting.
          expect([a.sure, a.expected, a.possible]).toEqual([b.sure, b.expected, b.possible]);
          a.byDistrict.forEach((district, d) => {
            const want = b.byDistrict[d];
            expect([district.urban.expected, district.rural.sure]).toEqual([
              want?.urban.expected,
              want?.rural.sure,
            ]);
          });
          model.refreshInterval();
          expect(model.summary()).toEqual(b);
        },
      ),
      { numRuns: 80 },
    );
  });
});

describe('the Monte-Carlo interval', () => {
  // One node 1.5 km from a town of 1,000, uncertain by 3 km, under the 2 km rule.
  const town = demandOf([{ lon: 106.5, lat: 29.5, population: 1000, urban: true, district: 0 }]);
  const [lon, lat] = north(106.5, 29.5, 1500);
  const node = { id: 'n', lon, lat, uncertaintyM: 3000 };

  it('is reproducible from its seed and reports it', () => {
    const a = new PositionUncertainty(town, [node], PLAN_RULE, { seed: 7 }).summary();
    const b = new PositionUncertainty(town, [node], PLAN_RULE, { seed: 7 }).summary();
    expect(a.interval).toEqual(b.interval);
    expect(a.interval).toMatchObject({ draws: 200, seed: 7 });
    expect(a.intervalStale).toBe(false);
  });

  it('spreads around the exact expected value as independent draws should', () => {
    // 100 villages of one resident, 20 km apart, each with its own node 1.5 km away and uncertain
    // by 3 km: the covered total is binomial(100, p) with p exact from the lens area.
    const villages = Array.from({ length: 100 }, (_, k) => ({
      lon: 106 + (k % 10) * 0.2,
      lat: 29 + Math.floor(k / 10) * 0.2,
      population: 1,
      urban: true,
      district: 0 as const,
    }));
    const nodes = villages.map((v, k) => {
      const [nodeLon, nodeLat] = north(v.lon, v.lat, 1500);
      return { id: `n${String(k)}`, lon: nodeLon, lat: nodeLat, uncertaintyM: 3000 };
    });
    const model = new PositionUncertainty(demandOf(villages), nodes, PLAN_RULE, { draws: 2000 });
    const p = discShareWithin(1500, 2000, 3000);
    const s = model.summary();
    expect(s.expected.covered).toBeCloseTo(100 * p, 6);
    expect(s.sure.covered).toBe(0);
    expect(s.possible.covered).toBe(100);
    const sigma = Math.sqrt(100 * p * (1 - p));
    // Normal approximation: the 5th/95th percentiles sit 1.645 σ from the mean (± sampling slack).
    expect(s.interval.p05.covered).toBeGreaterThan(100 * p - 2.2 * sigma);
    expect(s.interval.p05.covered).toBeLessThan(100 * p - 1.1 * sigma);
    expect(s.interval.p95.covered).toBeGreaterThan(100 * p + 1.1 * sigma);
    expect(s.interval.p95.covered).toBeLessThan(100 * p + 2.2 * sigma);
  });

  it('refuses a draw count it cannot honour', () => {
    expect(() => new PositionUncertainty(town, [node], PLAN_RULE, { draws: 0 })).toThrow(/draws/);
    expect(() => new PositionUncertainty(town, [node], PLAN_RULE, { draws: 1.5 })).toThrow(/draws/);
  });
});

describe('the README’s worked example', () => {
  it('a town 1.5 km from a node uncertain by 3 km, 2 km rule: 39.7 % covered, possibly not surely', () => {
    expect(discShareWithin(1500, 2000, 3000)).toBeCloseTo(0.397, 3);
    const [lon, lat] = north(106.5, 29.5, 1500);
    const town = demandOf([{ lon: 106.5, lat: 29.5, population: 1000, urban: true, district: 0 }]);
    const s = new PositionUncertainty(
      town,
      [{ id: 'm', lon, lat, uncertaintyM: 3000 }],
      PLAN_RULE,
    ).summary();
    expect(Math.round(s.expected.covered)).toBe(397);
    expect(s.sure.covered).toBe(0);
    expect(s.possible.covered).toBe(1000);
  });
});

describe('visitInBox', () => {
  it('visits the items of a box in the order KDBush.range lists them, and stops when told', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 0, max: 50 }), fc.integer({ min: 0, max: 50 })), {
          minLength: 1,
          maxLength: 400,
        }),
        fc.tuple(fc.integer({ min: -5, max: 55 }), fc.integer({ min: -5, max: 55 })),
        fc.tuple(fc.integer({ min: 0, max: 30 }), fc.integer({ min: 0, max: 30 })),
        fc.integer({ min: 1, max: 400 }),
        (points, [x, y], [w, h], stopAfter) => {
          const index = new KDBush(points.length, 4);
          for (const [px, py] of points) index.add(px, py);
          index.finish();
          const listed = index.range(x, y, x + w, y + h);
          const seen: number[] = [];
          visitInBox(index, x, y, x + w, y + h, (item) => {
            seen.push(item);
            return seen.length === stopAfter;
          });
          expect(seen).toEqual(listed.slice(0, stopAfter));
        },
      ),
      { numRuns: 500 },
    );
    // A deep tree (one item per leaf).
    const deep = new KDBush(100_000, 1);
    for (let i = 0; i < 100_000; i++) deep.add((i * 7919) % 10007, (i * 104729) % 10009);
    deep.finish();
    const all: number[] = [];
    visitInBox(deep, 0, 0, 10_007, 10_009, (item) => {
      all.push(item);
      return false;
    });
    expect(all).toEqual(deep.range(0, 0, 10_007, 10_009));
  });
});
