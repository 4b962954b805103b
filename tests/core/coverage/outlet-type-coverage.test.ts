import { describe, expect, it } from 'vitest';
import {
  computeOutletTypes,
  type TypedNode,
} from '../../../src/core/coverage/outlet-type-coverage';
import { discShareWithin } from '../../../src/core/coverage/position-uncertainty';
import { townshipAreas } from '../../../src/core/coverage/township-areas';
import { haversineMeters } from '../../../src/core/geo/haversine';
import type { Gazetteer } from '../../../src/core/import/gazetteer';
import { demandOf, north } from './coverage-fixtures';

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
