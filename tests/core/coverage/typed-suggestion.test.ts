// @vitest-environment node
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { createCoverageEngine } from '../../../src/core/coverage/coverage-engine';
import {
  CoverageSession,
  importedDemandModel,
  type SessionNode,
} from '../../../src/core/coverage/coverage-session';
import { PLAN_RULE } from '../../../src/core/coverage/coverage-rule';
import { presetRules } from '../../../src/core/coverage/outlet-types';
import { demandOf, nodesArb, north, unitArb } from './coverage-fixtures';

/*
 * Suggested sites switched to one outlet type or to the complete basket (issue 17 part 3):
 * the session weighs each unit by that type's (or the basket's) chance of being lacked, under that
 * type's rule, and says which type the sites are for.
 */

const bytes = readFileSync(
  resolve(import.meta.dirname, '../../../geodata/population/population-grid.bin'),
);
let session: CoverageSession;

beforeAll(() => {
  session = CoverageSession.create(bytes, [], [], PLAN_RULE);
});

const FIFTEEN = { preset: 'fifteen-minute' as const, basket: null, view: { kind: 'all' as const } };

describe('suggested sites for one outlet type', () => {
  it('with exact positions picks what the covered flags of that type’s nodes under its rule give', () => {
    const pharmacyRule = presetRules('fifteen-minute').pharmacy;
    fc.assert(
      fc.property(
        fc
          .array(unitArb(0.08), { minLength: 1, maxLength: 30 })
          .chain((units) =>
            fc.tuple(fc.constant(units), nodesArb(units, 6), nodesArb(units, 6), fc.nat(3)),
          ),
        ([units, pharmacies, markets, k]) => {
          const demand = demandOf(units);
          session.setDemand(importedDemandModel(demand, 100));
          const nodes: SessionNode[] = [
            ...pharmacies.map((node) => ({
              ...node,
              id: `p${node.id}`,
              name: 'p',
              outletType: '药房',
            })),
            ...markets.map((node) => ({
              ...node,
              id: `m${node.id}`,
              name: 'm',
              outletType: '菜市场',
            })),
          ];
          session.replaceNodes(nodes);
          session.configureOutletTypes(FIFTEEN, null);
          const typed = session.suggest({ k: k + 1 }, { type: '药店' });
          const alone = createCoverageEngine(demand, pharmacies, pharmacyRule).suggest({
            k: k + 1,
          });
          expect(typed.outlet?.type).toBe('pharmacy');
          expect(typed.outlet?.basket).toBeNull();
          expect(typed.sites.map((site) => [site.lon, site.lat, site.gain])).toEqual(
            alone.sites.map((site) => [site.lon, site.lat, site.gain]),
          );
          expect(typed.before.total.covered).toBeCloseTo(alone.before.total.covered, 6);
          // The main rule (2 km urban) would reach further than the pharmacy's 1 km: not used.
          expect(typed.outlet?.urbanRadius).toBe(1000);
        },
      ),
      { numRuns: 40 },
    );
  });

  it('refuses a type word it does not know, in both languages', () => {
    expect(() => session.suggest({ k: 1 }, { type: '五金店' })).toThrow(/五金店.*未知业态/u);
  });
});

describe('suggested sites for the complete basket', () => {
  // Three urban towns ~11 km apart: A has a wet market only, B a fresh-food shop only, C nothing.
  const A = { lon: 106.5, lat: 29.5 };
  const [, bLat] = north(106.5, 29.5, 11_000);
  const [, cLat] = north(106.5, 29.5, 22_000);
  const B = { lon: 106.5, lat: bLat };
  const C = { lon: 106.5, lat: cLat };
  const units = [
    { ...A, population: 100, urban: true, district: 0 as const },
    { ...B, population: 300, urban: true, district: 0 as const },
    { ...C, population: 1000, urban: true, district: 0 as const },
  ];
  const nodes: SessionNode[] = [
    { id: 'market-a', ...A, name: 'a', outletType: '农贸市场' },
    { id: 'shop-b', ...B, name: 'b', outletType: '社区菜店' },
  ];

  it('goes to the type whose sites bring the most residents into the basket, gains in basket terms', () => {
    session.setDemand(importedDemandModel(demandOf(units), 100));
    session.replaceNodes(nodes);
    session.configureOutletTypes(FIFTEEN, null);
    const result = session.suggest({ k: 3 }, { basket: ['菜市场', '生鲜超市（菜店）'] });
    // A wet market at B completes B's basket (300); a shop at A completes A's (100); C lacks
    // both, so no single site raises it. Sites go to wet markets, one at B.
    expect(result.outlet?.type).toBe('wet-market');
    expect(result.outlet?.basket).toEqual(['wet-market', 'fresh-grocery']);
    expect(result.before.total.covered).toBe(0);
    expect(result.sites.map((site) => [site.lat, site.gain])).toEqual([[B.lat, 300]]);
    expect(result.after.total.covered).toBe(300);
  });

  it('suggests nothing when every resident lacking a basket type lacks another too', () => {
    session.setDemand(importedDemandModel(demandOf(units), 100));
    session.replaceNodes(nodes);
    session.configureOutletTypes(FIFTEEN, null);
    const result = session.suggest({ k: 3 }, { basket: ['药店', '便利店'] });
    expect(result.sites).toEqual([]);
    expect(result.after.total.covered).toBe(0);
  });

  it('keeps the overall suggestion without a target', () => {
    session.setDemand(importedDemandModel(demandOf(units), 100));
    session.replaceNodes(nodes);
    const plain = session.suggest({ k: 1 });
    expect(plain.outlet).toBeNull();
    expect(plain.sites[0]?.lat).toBe(C.lat);
  });
});
