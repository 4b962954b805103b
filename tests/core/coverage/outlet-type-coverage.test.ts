import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  computeOutletTypes,
  type TypeAreaFigures,
  type TypedNode,
  type TypeFigures,
} from '../../../src/core/coverage/outlet-type-coverage';
import { discShareWithin } from '../../../src/core/coverage/position-uncertainty';
import { townshipAreas } from '../../../src/core/coverage/township-areas';
import { haversineMeters } from '../../../src/core/geo/haversine';
import type { Gazetteer } from '../../../src/core/import/gazetteer';
import { demandOf, north, unitArb } from './coverage-fixtures';

/**
 * Two urban units of 甲区 ~11 km apart, under the 15-minute preset (urban 1,000 m for every type):
 * A (100 people) has a wet market exactly on it and a fresh-food shop on it uncertain by 2,000 m
 * (probability 1,000² / 2,000² = 0.25); B (300 people) has a wet market uncertain by 2,000 m (0.25)
 * and a fresh-food shop uncertain by 1,414.2 m (≈ 0.5).
 */
const A = { lon: 106.5, lat: 29.5 };
const B = { lon: 106.5, lat: north(106.5, 29.5, 11_000)[1] };
const demand = demandOf([
  { ...A, population: 100, urban: true, district: 0 },
  { ...B, population: 300, urban: true, district: 0 },
]);
const U_HALF = 1000 * Math.SQRT2;
const nodes: TypedNode[] = [
  { id: 'a-market', ...A, uncertaintyM: 0, typeText: '农贸市场' },
  { id: 'a-shop', ...A, uncertaintyM: 2000, typeText: '社区菜店' },
  { id: 'b-market', ...B, uncertaintyM: 2000, typeText: '菜市场' },
  { id: 'b-shop', ...B, uncertaintyM: U_HALF, typeText: '生鲜超市' },
  { id: 'x', ...B, uncertaintyM: 0, typeText: '五金店' },
  { id: 'y', ...B, uncertaintyM: 0 },
];
const gazetteer: Gazetteer = {
  format: 'cq-commerce-atlas/gazetteer',
  version: 1,
  source: 'test',
  uncertaintyRule: 'test',
  districts: [
    { adcode: 500001, name: '甲区', aliases: [], lon: A.lon, lat: A.lat, uncertainty_m: 9000 },
  ],
  townships: [
    ['500001001', '甲街道', 0, A.lon, A.lat + 0.001, 2000],
    ['500001002', '乙镇', 0, B.lon, B.lat - 0.001, 2000],
    ['500001003', '无驻地乡', 0, null, null, 2000],
  ],
  communities: [],
};
const config = {
  preset: 'fifteen-minute' as const,
  basket: ['wet-market' as const, 'fresh-grocery' as const],
  view: { kind: 'all' as const },
};

describe('per-type and complete-basket coverage', () => {
  const { analysis, units } = computeOutletTypes(
    demand,
    nodes,
    config,
    townshipAreas(demand, gazetteer),
  );
  const pShopB = discShareWithin(0, 1000, U_HALF);

  it('counts each type with its own nodes and rule (hand-computed)', () => {
    const [market, shop] = analysis.types;
    expect(market?.type).toBe('wet-market');
    expect(market?.nodes).toBe(2);
    expect(market?.uncertainNodes).toBe(1);
    expect(market?.urbanRadius).toBe(1000);
    expect(market?.city.expected.covered).toBeCloseTo(100 + 300 * 0.25, 9);
    expect(market?.city.sure.covered).toBe(100);
    expect(market?.city.possible.covered).toBe(400);
    expect(market?.city.atDrawn.covered).toBe(400);
    expect(shop?.type).toBe('fresh-grocery');
    expect(pShopB).toBeCloseTo(0.5, 6);
    expect(shop?.city.expected.covered).toBeCloseTo(100 * 0.25 + 300 * pShopB, 9);
    expect(shop?.city.sure.covered).toBe(0);
  });

  it('gives the basket the product of the per-type probabilities, unit by unit', () => {
    const market = units.types.get('wet-market');
    const shop = units.types.get('fresh-grocery');
    for (const unit of [0, 1]) {
      expect(units.basket.probability[unit]).toBeCloseTo(
        (market?.probability[unit] ?? NaN) * (shop?.probability[unit] ?? NaN),
        12,
      );
    }
    // A: 1 × 0.25 = 0.25 of 100; B: 0.25 × 0.5 = 0.125 of 300 → 25 + 37.5 = 62.5 of 400.
    expect(analysis.basket.city.expected.covered).toBeCloseTo(62.5, 5);
    expect(analysis.basket.city.expected.rate).toBeCloseTo(62.5 / 400, 7);
    expect(analysis.basket.city.sure.covered).toBe(0);
    expect(analysis.basket.city.possible.covered).toBe(400);
    expect(analysis.basket.city.atDrawn.covered).toBe(400);
    expect(analysis.basket.city.urban.expected.covered).toBeCloseTo(62.5, 5);
    expect(analysis.basket.city.rural.population).toBe(0);
    expect(analysis.basket.byDistrict[0]?.expected.covered).toBeCloseTo(62.5, 5);
    expect(analysis.basket.byDistrict[1]?.population).toBe(0);
  });

  it('matches independent random placements of every node (the reason for the product)', () => {
    let state = 12345;
    const random = () => {
      state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
      return state / 2 ** 32;
    };
    const place = (node: TypedNode): [number, number] => {
      const r = node.uncertaintyM * Math.sqrt(random());
      const angle = 2 * Math.PI * random();
      const [lon, lat] = north(node.lon, node.lat, r * Math.cos(angle));
      const dLon = (r * Math.sin(angle)) / (111_195 * Math.cos((lat * Math.PI) / 180));
      return [lon + dLon, lat];
    };
    const draws = 40_000;
    let covered = 0;
    for (let draw = 0; draw < draws; draw += 1) {
      const positions = nodes.slice(0, 4).map((node) => ({ node, at: place(node) }));
      for (const [unit, people] of [
        [A, 100],
        [B, 300],
      ] as const) {
        const has = (words: readonly string[]) =>
          positions.some(
            ({ node, at }) =>
              words.includes(node.typeText ?? '') &&
              haversineMeters(unit.lon, unit.lat, at[0], at[1]) <= 1000,
          );
        if (has(['农贸市场', '菜市场']) && has(['社区菜店', '生鲜超市'])) covered += people;
      }
    }
    expect(Math.abs(covered / draws - 62.5)).toBeLessThan(2);
  });

  it('lists what each 乡镇街道 lacks (缺什么、补什么), most residents lacking first', () => {
    expect(analysis.byTownship.map((t) => [t.name, t.population])).toEqual([
      ['甲街道', 100],
      ['乙镇', 300],
    ]);
    expect(analysis.missing.map((row) => row.name)).toEqual(['乙镇', '甲街道']);
    const [yi, jia] = analysis.missing;
    expect(yi?.lackingAny).toBeCloseTo(300 - 37.5, 5);
    expect(yi?.missing.map((m) => [m.name_zh, Math.round(m.lacking)])).toEqual([
      ['菜市场', 225],
      ['生鲜超市（菜店）', 150],
    ]);
    expect(jia?.lackingAny).toBeCloseTo(75, 5);
    // Everyone in 甲街道 has the wet market for sure: only the shop is missing.
    expect(jia?.missing.map((m) => [m.type, m.lacking])).toEqual([['fresh-grocery', 75]]);
    expect(analysis.townshipNote.en).toMatch(/approximate/);
  });

  it('lists unknown type words and untyped nodes, and counts a basket type without outlets as lacked by all', () => {
    expect(analysis.unknownTypes).toEqual([{ value: '五金店', count: 1 }]);
    expect(analysis.untypedNodes).toBe(1);
    const withPharmacy = computeOutletTypes(
      demand,
      nodes,
      { ...config, basket: ['wet-market', 'pharmacy'] },
      null,
    ).analysis;
    expect(withPharmacy.types.map((t) => t.type)).toEqual([
      'wet-market',
      'fresh-grocery',
      'pharmacy',
    ]);
    expect(withPharmacy.basket.city.expected.covered).toBe(0);
    expect(withPharmacy.byTownship).toEqual([]);
  });

  it('uses the plan’s 2 km for fresh food under the default preset', () => {
    const plan = computeOutletTypes(
      demand,
      nodes,
      { ...config, preset: 'plan-fresh-food' },
      null,
    ).analysis;
    expect(plan.types[0]?.urbanRadius).toBe(2000);
    // The 2,000 m rule reaches the whole 2,000 m disc of the uncertain market at B: sure.
    expect(plan.types[0]?.city.sure.covered).toBe(400);
  });
});

describe('the per-type cache', () => {
  it('gives the same figures as a fresh analysis when only the basket changes', () => {
    const cache = new Map();
    const areas = townshipAreas(demand, gazetteer);
    computeOutletTypes(demand, nodes, config, areas, cache);
    expect(cache.size).toBe(2);
    const other = { ...config, basket: ['wet-market' as const] };
    const cached = computeOutletTypes(demand, nodes, other, areas, cache).analysis;
    expect(cache.size).toBe(2);
    expect(cached).toEqual(computeOutletTypes(demand, nodes, other, areas).analysis);
    const moved = nodes.map((node) =>
      node.id === 'a-market' ? { ...node, uncertaintyM: 500 } : node,
    );
    computeOutletTypes(demand, moved, other, areas, cache);
    expect(cache.size).toBe(3);
  });
});

describe('the 90 % interval of types and the basket (joint seeded draws)', () => {
  it('gives the hand-computed percentiles of the fixture', () => {
    const { analysis } = computeOutletTypes(demand, nodes, config, null, undefined, {
      draws: 2000,
      seed: 7,
    });
    // Market: A sure (100), B with 0.25 → 100 in 75 % of draws, 400 otherwise.
    const market = analysis.types[0]?.city.interval;
    expect([market?.p05.covered, market?.p95.covered, market?.draws, market?.seed]).toEqual([
      100, 400, 2000, 7,
    ]);
    // Basket: A with 0.25, B with 0.125 → 0 in 66 %, at most 300 in 97 % of draws.
    const basket = analysis.basket.city.interval;
    expect([basket.p05.covered, basket.p95.covered]).toEqual([0, 300]);
    expect(basket.p95.rate).toBeCloseTo(300 / 400, 12);
  });

  const typedArb = fc.array(unitArb(0.05), { minLength: 1, maxLength: 25 }).chain((units) =>
    fc.tuple(
      fc.constant(units),
      fc.array(
        fc.record({
          lon: fc.double({ min: 106.5, max: 106.6, noNaN: true }),
          lat: fc.double({ min: 29.51, max: 29.61, noNaN: true }),
          uncertaintyM: fc.oneof(fc.constant(0), fc.double({ min: 0, max: 6000, noNaN: true })),
          typeText: fc.constantFrom('菜市场', '社区菜店', '药店', '便利店'),
        }),
        { maxLength: 14 },
      ),
    ),
  );

  it('lies between sure and possible for every type and the basket, and the basket’s below each of its types', () => {
    fc.assert(
      fc.property(typedArb, ([units, specs]) => {
        const typed = specs.map((spec, i) => ({ ...spec, id: `n${String(i)}` }));
        const { analysis } = computeOutletTypes(
          demandOf(units),
          typed,
          { preset: 'fifteen-minute', basket: null, view: { kind: 'all' } },
          null,
          undefined,
          { draws: 60, seed: 3 },
        );
        const check = (f: TypeFigures) => {
          expect(f.interval.p05.covered).toBeGreaterThanOrEqual(f.sure.covered - 1e-9);
          expect(f.interval.p95.covered).toBeLessThanOrEqual(f.possible.covered + 1e-9);
          expect(f.interval.p05.covered).toBeLessThanOrEqual(f.interval.p95.covered);
        };
        const areas = (f: TypeAreaFigures) => [f, f.urban, f.rural];
        for (const entry of [...analysis.types, analysis.basket]) {
          for (const f of [...areas(entry.city), ...entry.byDistrict.flatMap(areas)]) check(f);
        }
        // Each draw's basket is inside each basket type's covered set: so are its percentiles.
        for (const entry of analysis.types) {
          if (!analysis.basket.types.includes(entry.type)) continue;
          const b = analysis.basket.city.interval;
          expect(b.p05.covered).toBeLessThanOrEqual(entry.city.interval.p05.covered + 1e-9);
          expect(b.p95.covered).toBeLessThanOrEqual(entry.city.interval.p95.covered + 1e-9);
        }
        // Exact positions: the interval is the one sure figure.
        const exact = computeOutletTypes(
          demandOf(units),
          typed.map((node) => ({ ...node, uncertaintyM: 0 })),
          { preset: 'fifteen-minute', basket: null, view: { kind: 'all' } },
          null,
        ).analysis;
        for (const f of [...exact.types.map((entry) => entry.city), exact.basket.city]) {
          expect([f.interval.p05.covered, f.interval.p95.covered]).toEqual([
            f.sure.covered,
            f.sure.covered,
          ]);
        }
      }),
      { numRuns: 60 },
    );
  });

  it('does not depend on node ids or their order (the browser and the CLI name outlets differently)', () => {
    fc.assert(
      fc.property(typedArb, fc.nat(), ([units, specs], shift) => {
        const one = specs.map((spec, i) => ({ ...spec, id: `file-${String(i)}` }));
        const other = specs
          .map((spec, i) => ({
            ...spec,
            id: `layer-${String((i * 7 + shift) % 1000)}-${String(i)}`,
          }))
          .reverse();
        const run = (typed: TypedNode[]) =>
          computeOutletTypes(
            demandOf(units),
            typed,
            { preset: 'fifteen-minute', basket: null, view: { kind: 'all' } },
            null,
            undefined,
            { draws: 40, seed: 11 },
          ).analysis;
        const [a, b] = [run(one), run(other)];
        expect(b.basket.city.interval).toEqual(a.basket.city.interval);
        expect(b.types.map((t) => t.city.interval)).toEqual(a.types.map((t) => t.city.interval));
      }),
      { numRuns: 40 },
    );
    // A row of 20 towns and 8 uncertain outlets: draws taken in id order would differ here.
    const row = demandOf(
      Array.from({ length: 20 }, (_, i) => ({
        lon: 106.5 + i * 0.005,
        lat: 29.55,
        population: 100,
        urban: true,
        district: 0 as const,
      })),
    );
    const outlets = Array.from({ length: 8 }, (_, i) => ({
      lon: 106.5 + i * 0.012,
      lat: 29.552,
      uncertaintyM: 1500,
      typeText: i % 2 === 1 ? '菜市场' : '药店',
    }));
    const named = (name: (i: number) => string) =>
      computeOutletTypes(
        row,
        outlets.map((outlet, i) => ({ ...outlet, id: name(i) })),
        { preset: 'fifteen-minute', basket: null, view: { kind: 'all' } },
        null,
        undefined,
        { draws: 40, seed: 11 },
      ).analysis;
    const [a, z] = [named((i) => `a${String(i)}`), named((i) => `z${String(7 - i)}`)];
    expect(z.basket.city.interval).toEqual(a.basket.city.interval);
    expect(z.types.map((t) => t.city.interval)).toEqual(a.types.map((t) => t.city.interval));
  });

  it('takes fewer draws (and says so) when many outlets are uncertain', () => {
    const many = Array.from({ length: 4000 }, (_, i) => ({
      id: `far-${String(i)}`,
      lon: 108 + (i % 100) * 0.01,
      lat: 31 + Math.floor(i / 100) * 0.01,
      uncertaintyM: 10,
      typeText: '药店',
    }));
    const { analysis } = computeOutletTypes(demand, [...nodes, ...many], config, null, undefined, {
      draws: 200,
      seed: 1,
    });
    // 400,000 placements / 4,003 uncertain outlets → 99 draws.
    expect(analysis.basket.city.interval.draws).toBe(99);
    expect(analysis.types[0]?.city.interval.draws).toBe(99);
  });
});
