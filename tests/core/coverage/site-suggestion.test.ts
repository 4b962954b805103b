// @vitest-environment node
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createCoverageEngine } from '../../../src/core/coverage/coverage-engine.ts';
import type { RadiusPair } from '../../../src/core/coverage/coverage-rule.ts';
import { haversineMeters } from '../../../src/core/geo/haversine.ts';
import type { Demand } from '../../../src/core/population/demand.ts';
import { bruteForce, demandOf, nodesArb, unitArb } from './coverage-fixtures.ts';
import { rateReached } from '../../../src/core/coverage/site-suggestion.ts';

interface Candidate {
  readonly lon: number;
  readonly lat: number;
}

/** For each candidate, the units it would newly cover (brute force). */
function coverageLists(
  demand: Demand,
  covered: readonly number[],
  candidates: readonly Candidate[],
  rule: RadiusPair,
): number[][] {
  return candidates.map((c) => {
    const list: number[] = [];
    for (let i = 0; i < demand.lon.length; i++) {
      if (covered[i] === 1 || (demand.population[i] ?? 0) === 0) continue;
      const radius = demand.urban[i] === 1 ? rule.urbanRadius : rule.ruralRadius;
      if (haversineMeters(c.lon, c.lat, demand.lon[i] ?? 0, demand.lat[i] ?? 0) <= radius)
        list.push(i);
    }
    return list;
  });
}

function coveredBy(demand: Demand, lists: readonly number[][], picks: readonly number[]): number {
  const units = new Set(picks.flatMap((p) => lists[p] ?? []));
  let sum = 0;
  for (const i of units) sum += demand.population[i] ?? 0;
  return sum;
}

/** The exact optimum of maximal covering by trying every set of k candidates. */
function exhaustiveOptimum(demand: Demand, lists: readonly number[][], k: number): number {
  let best = 0;
  const choose = (start: number, picks: number[]): void => {
    if (picks.length === k || start === lists.length) {
      best = Math.max(best, coveredBy(demand, lists, picks));
      return;
    }
    for (let c = start; c < lists.length; c++) choose(c + 1, [...picks, c]);
  };
  choose(0, []);
  return best;
}

const instanceArb = fc.array(unitArb(0.12), { minLength: 5, maxLength: 40 }).chain((units) =>
  fc.record({
    units: fc.constant(units),
    nodes: nodesArb(units, 3),
    candidates: fc.array(
      fc.record({
        lon: fc.double({ min: 106.42, max: 106.68, noNaN: true }),
        lat: fc.double({ min: 29.43, max: 29.69, noNaN: true }),
      }),
      { minLength: 1, maxLength: 11 },
    ),
    k: fc.integer({ min: 1, max: 4 }),
  }),
);

const RULE = { urbanRadius: 2000, ruralRadius: 5000 };

describe('site suggestion', () => {
  it('stays within the greedy guarantee of the exhaustive optimum and averages at least 95 %', () => {
    const ratios: number[] = [];
    fc.assert(
      fc.property(instanceArb, ({ units, nodes, candidates, k }) => {
        const demand = demandOf(units);
        const engine = createCoverageEngine(demand, nodes, RULE);
        const suggestion = engine.suggest({ k, candidates });
        const lists = coverageLists(
          demand,
          bruteForce(demand, nodes, RULE).covered,
          candidates,
          RULE,
        );
        const optimum = exhaustiveOptimum(demand, lists, k);
        const greedy = suggestion.sites.reduce((s, site) => s + site.gain, 0);
        expect(greedy).toBeCloseTo(
          coveredBy(
            demand,
            lists,
            suggestion.sites.map((s) => s.candidateIndex),
          ),
          6,
        );
        expect(greedy).toBeLessThanOrEqual(optimum + 1e-6);
        if (optimum > 0) {
          expect(greedy / optimum).toBeGreaterThanOrEqual(1 - 1 / Math.E);
          ratios.push(greedy / optimum);
        }
      }),
      { numRuns: 200, seed: 20211126 },
    );
    const mean = ratios.reduce((s, r) => s + r, 0) / ratios.length;
    expect(ratios.length).toBeGreaterThan(100);
    expect(mean).toBeGreaterThanOrEqual(0.95);
  });

  it('picks what a plain (non-lazy) greedy picks, with marginal gains that never grow', () => {
    fc.assert(
      fc.property(instanceArb, ({ units, nodes, candidates, k }) => {
        const demand = demandOf(units);
        const suggestion = createCoverageEngine(demand, nodes, RULE).suggest({ k, candidates });
        const lists = coverageLists(
          demand,
          bruteForce(demand, nodes, RULE).covered,
          candidates,
          RULE,
        );
        const taken = new Set<number>();
        const gains: number[] = [];
        const gainOf = (c: number) =>
          (lists[c] ?? []).reduce(
            (sum, i) => sum + (taken.has(i) ? 0 : (demand.population[i] ?? 0)),
            0,
          );
        for (let round = 0; round < k; round++) {
          let bestGain = 0;
          let bestPick = -1;
          lists.forEach((_, c) => {
            const gain = gainOf(c);
            if (gain > bestGain) {
              bestGain = gain;
              bestPick = c;
            }
          });
          if (bestPick < 0) break;
          for (const i of lists[bestPick] ?? []) taken.add(i);
          gains.push(bestGain);
        }
        const got = suggestion.sites.map((s) => s.gain);
        expect(got.length).toBe(gains.length);
        got.forEach((gain, i) => expect(gain).toBeCloseTo(gains[i] ?? 0, 6));
        for (let i = 1; i < got.length; i++)
          expect(got[i]).toBeLessThanOrEqual((got[i - 1] ?? 0) + 1e-9);
      }),
      { numRuns: 150 },
    );
  });

  it('leaves existing nodes in place: residents they cover count for nothing', () => {
    const demand = demandOf([
      { lon: 106.5, lat: 29.5, population: 1000, urban: true, district: 0 },
      { lon: 106.6, lat: 29.5, population: 10, urban: true, district: 0 },
    ]);
    const engine = createCoverageEngine(demand, [{ id: 'existing', lon: 106.5, lat: 29.5 }]);
    const suggestion = engine.suggest({
      k: 2,
      candidates: [
        { lon: 106.5, lat: 29.5 },
        { lon: 106.6, lat: 29.5 },
      ],
    });
    expect(suggestion.sites.map((s) => [s.candidateIndex, s.gain])).toEqual([[1, 10]]);
    expect(suggestion.before.total.covered).toBe(1000);
    expect(suggestion.after.total.rate).toBe(1);
    expect(engine.nodes()).toEqual([{ id: 'existing', lon: 106.5, lat: 29.5 }]);
  });

  it('by default considers the centre of every uncovered unit with residents', () => {
    fc.assert(
      fc.property(instanceArb, ({ units, nodes }) => {
        const demand = demandOf(units);
        const engine = createCoverageEngine(demand, nodes, RULE);
        const uncovered = engine.result().uncoveredUnits;
        const suggestion = engine.suggest({ k: 3 });
        expect(suggestion.candidateCount).toBe(uncovered.length);
        for (const site of suggestion.sites) {
          expect(Array.from(uncovered)).toContain(site.unit);
          expect([site.lon, site.lat]).toEqual([demand.lon[site.unit], demand.lat[site.unit]]);
          expect(site.urban).toBe(demand.urban[site.unit] === 1);
        }
      }),
      { numRuns: 50 },
    );
  });

  it('sets cover: the fewest greedy sites until both class rates reach their targets', () => {
    fc.assert(
      fc.property(
        instanceArb,
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        ({ units, nodes }, urban, rural) => {
          const demand = demandOf(units);
          const suggestion = createCoverageEngine(demand, nodes, RULE).suggest({
            targetRate: { urban, rural },
          });
          // Every uncovered unit is a candidate and covers itself, so any target is reachable.
          expect(suggestion.targetReached).toBe(true);
          // Within the engine's rounding slack: a class whose every resident is covered may sum to
          // 2e-12 below its total (a counterexample fast-check found).
          const reached = (t: typeof suggestion.after) =>
            rateReached(t.urban.covered, t.urban.population, urban) &&
            rateReached(t.rural.covered, t.rural.population, rural);
          expect(reached(suggestion.after)).toBe(true);
          const beforeLast = suggestion.sites.at(-2)?.after ?? suggestion.before;
          if (suggestion.sites.length > 0) expect(reached(beforeLast)).toBe(false);
          expect(suggestion.method).toBe('set-cover');
        },
      ),
      { numRuns: 80 },
    );
  });

  it('reaches a 100 % target when every resident is covered, though the sums differ by 2e-12', () => {
    // fast-check's counterexample (seed 644270126): a unit of 2.27e-12 residents makes the covered
    // sum come out 2e-12 below the class total, and the engine used to report the target missed.
    const at = (lat: number, population: number, lon = 106.42999999999999) =>
      ({ lon, lat, population, urban: false, district: 0 }) as const;
    const south = 29.439999999999998;
    const demand = demandOf([
      at(29.464353710576553, 2.273736754432321e-12),
      at(south, 510, 106.47341002928646),
      at(south, 0),
      at(south, 0),
      at(south, 1651),
      at(south, 0),
      at(south, 0),
      at(south, 0),
      at(south, 1935),
      at(29.509319728762783, 4096),
      at(south, 0),
      at(south, 0),
    ]);
    const suggestion = createCoverageEngine(
      demand,
      [{ id: 'n00', lon: 106.42999999999999, lat: 29.464353710576553 }],
      RULE,
    ).suggest({
      targetRate: { urban: 0, rural: 1 },
    });
    expect(suggestion.targetReached).toBe(true);
    expect(rateReached(suggestion.after.rural.covered, suggestion.after.rural.population, 1)).toBe(
      true,
    );
    expect(rateReached(8191.99, 8192, 1)).toBe(false);
  });

  it('names the district and class of a given candidate from the nearest unit', () => {
    const demand = demandOf([
      { lon: 106.5, lat: 29.5, population: 5, urban: false, district: 1 },
      { lon: 106.9, lat: 29.5, population: 5, urban: true, district: 0 },
    ]);
    const [site] = createCoverageEngine(demand, []).suggest({
      k: 1,
      candidates: [{ lon: 106.501, lat: 29.5 }],
    }).sites;
    expect(site).toMatchObject({
      unit: 0,
      urban: false,
      district: 1,
      adcode: 500002,
      district_zh: '乙县',
      gain: 5,
    });
  });

  it('rejects options that are not one clear request', () => {
    const engine = createCoverageEngine(demandOf([]), []);
    expect(() => engine.suggest({})).toThrow('Give exactly one of k and targetRate.');
    expect(() => engine.suggest({ k: 2, targetRate: { urban: 1, rural: 1 } })).toThrow();
    expect(() => engine.suggest({ k: 1.5 })).toThrow(/whole number/);
    expect(() => engine.suggest({ targetRate: { urban: 1.2, rural: 0.9 } })).toThrow(
      /between 0 and 1/,
    );
    expect(engine.suggest({ k: 3 }).sites).toEqual([]);
  });
});

describe('site suggestion against the certainty-aware baseline', () => {
  it('with probabilities of 0 and 1 picks exactly what the covered flags give', () => {
    fc.assert(
      fc.property(
        fc
          .array(unitArb(0.08), { minLength: 1, maxLength: 30 })
          .chain((units) => fc.tuple(fc.constant(units), nodesArb(units, 4))),
        ([units, nodes]) => {
          const demand = demandOf(units);
          const engine = createCoverageEngine(demand, nodes, {
            urbanRadius: 2000,
            ruralRadius: 5000,
          });
          const flags = engine.result().covered;
          const probability = Float64Array.from(flags, (flag) => flag);
          const plain = engine.suggest({ k: 3 });
          const weighted = engine.suggest({ k: 3, probability });
          expect(weighted.sites.map((site) => [site.candidateIndex, site.gain])).toEqual(
            plain.sites.map((site) => [site.candidateIndex, site.gain]),
          );
          expect(weighted.before.total.covered).toBeCloseTo(plain.before.total.covered, 6);
        },
      ),
      { numRuns: 60 },
    );
  });

  it('counts each unit’s residents times its chance of not being covered yet', () => {
    // Two towns of 1,000: one surely uncovered, one covered with probability 0.75 already.
    const demand = demandOf([
      { lon: 106.5, lat: 29.5, population: 1000, urban: true, district: 0 },
      { lon: 107.5, lat: 29.5, population: 1000, urban: true, district: 0 },
    ]);
    const engine = createCoverageEngine(demand, [], { urbanRadius: 2000, ruralRadius: 5000 });
    const result = engine.suggest({ k: 2, probability: Float64Array.of(0, 0.75) });
    expect(result.before.total.covered).toBeCloseTo(750, 9);
    expect(result.sites.map((site) => Math.round(site.gain))).toEqual([1000, 250]);
    expect(result.after.total.covered).toBeCloseTo(2000, 9);
  });
});

describe('site suggestion with a radius and a reachable share of its own', () => {
  it('with another radius picks what an engine under that rule picks', () => {
    fc.assert(
      fc.property(
        fc
          .array(unitArb(0.08), { minLength: 1, maxLength: 30 })
          .chain((units) => fc.tuple(fc.constant(units), nodesArb(units, 4))),
        ([units, nodes]) => {
          const demand = demandOf(units);
          const other = { urbanRadius: 1000, ruralRadius: 3000 };
          const engine = createCoverageEngine(demand, nodes, RULE);
          const reference = createCoverageEngine(demand, nodes, other);
          const probability = Float64Array.from(reference.result().covered, (flag) => flag);
          const switched = engine.suggest({
            k: 3,
            probability,
            radius: { urban: other.urbanRadius, rural: other.ruralRadius },
          });
          const plain = reference.suggest({ k: 3 });
          expect(switched.sites.map((site) => [site.candidateIndex, site.gain])).toEqual(
            plain.sites.map((site) => [site.candidateIndex, site.gain]),
          );
        },
      ),
      { numRuns: 60 },
    );
  });

  it('counts only what a site can add: residents × (reachable − probability)', () => {
    const demand = demandOf([
      { lon: 106.5, lat: 29.5, population: 1000, urban: true, district: 0 },
      { lon: 107.5, lat: 29.5, population: 1000, urban: true, district: 0 },
    ]);
    const engine = createCoverageEngine(demand, [], RULE);
    const result = engine.suggest({
      k: 2,
      probability: Float64Array.of(0, 0.2),
      reachable: Float64Array.of(0.5, 0.6),
    });
    expect(result.before.total.covered).toBeCloseTo(200, 9);
    expect(result.sites.map((site) => Math.round(site.gain))).toEqual([500, 400]);
    expect(result.after.total.covered).toBeCloseTo(1100, 9);
    expect(() => engine.suggest({ k: 1, reachable: Float64Array.of(1, 1) })).toThrow(/probability/);
  });
});
