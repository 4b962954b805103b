import { createCoverageEngine } from '../../src/core/coverage/coverage-engine.ts';
import { PLAN_RULE } from '../../src/core/coverage/coverage-rule.ts';
import { haversineMeters } from '../../src/core/geo/haversine.ts';
import type { Demand } from '../../src/core/population/demand.ts';
import { seededRandom } from './seeded-random.ts';

/** Greedy against the exact optimum on one small instance. */
interface Comparison {
  readonly greedy: number;
  readonly optimum: number;
}

function exhaustive(population: Float64Array, lists: readonly number[][], k: number): number {
  let best = 0;
  const choose = (start: number, picked: number[]): void => {
    if (picked.length === k || start === lists.length) {
      const units = new Set(picked.flatMap((c) => lists[c] ?? []));
      let sum = 0;
      for (const i of units) sum += population[i] ?? 0;
      best = Math.max(best, sum);
      return;
    }
    for (let c = start; c < lists.length; c++) choose(c + 1, [...picked, c]);
  };
  choose(0, []);
  return best;
}

/**
 * Lazy-greedy maximal covering against the exhaustive optimum on `count` seeded instances (60
 * units scattered over a 13 km square, half urban, 2 existing nodes, 16 candidate sites, K = 4,
 * the plan rule): small enough to try all 1,820 choices, crowded enough that picks overlap.
 */
export function greedyQuality(
  count: number,
  seed: number,
): { mean: number; min: number; instances: number } {
  const random = seededRandom(seed);
  const comparisons: Comparison[] = [];
  for (let instance = 0; instance < count; instance++) {
    const n = 60;
    const lon = new Float64Array(n);
    const lat = new Float64Array(n);
    const population = new Float64Array(n);
    const urban = new Uint8Array(n);
    for (let i = 0; i < n; i++) {
      lon[i] = 106.4 + random() * 0.12;
      lat[i] = 29.4 + random() * 0.12;
      population[i] = Math.floor(1 + random() * 5000);
      urban[i] = random() < 0.5 ? 1 : 0;
    }
    const demand: Demand = {
      lon,
      lat,
      population,
      urban,
      district: new Uint16Array(n),
      districts: [{ adcode: 1, name_zh: '甲', name_en: 'A', regionIndices: [] }],
      regions: [],
    };
    const nodes = [0, 1].map((j) => ({
      id: `existing-${String(j)}`,
      lon: 106.4 + random() * 0.12,
      lat: 29.4 + random() * 0.12,
    }));
    const candidates = Array.from({ length: 16 }, () => ({
      lon: 106.4 + random() * 0.12,
      lat: 29.4 + random() * 0.12,
    }));
    const engine = createCoverageEngine(demand, nodes);
    const covered = engine.result().covered;
    const lists = candidates.map((c) => {
      const list: number[] = [];
      for (let i = 0; i < n; i++) {
        const radius = urban[i] === 1 ? PLAN_RULE.urbanRadius : PLAN_RULE.ruralRadius;
        if (covered[i] === 0 && haversineMeters(c.lon, c.lat, lon[i] ?? 0, lat[i] ?? 0) <= radius)
          list.push(i);
      }
      return list;
    });
    const optimum = exhaustive(population, lists, 4);
    if (optimum === 0) continue;
    const greedy = engine.suggest({ k: 4, candidates }).sites.reduce((s, site) => s + site.gain, 0);
    comparisons.push({ greedy, optimum });
  }
  const ratios = comparisons.map((c) => c.greedy / c.optimum);
  return {
    mean: ratios.reduce((s, r) => s + r, 0) / Math.max(1, ratios.length),
    min: Math.min(...ratios),
    instances: ratios.length,
  };
}
