import type { SupplyNode } from '../../src/core/coverage/coverage-engine.ts';
import type { Demand } from '../../src/core/population/demand.ts';
import {
  populationCellBounds,
  type PopulationGrid,
} from '../../src/core/population/population-grid.ts';
import { seededRandom } from './seeded-random.ts';

/**
 * Draws cells in proportion to their modelled population (binary search in the cumulative sum),
 * so synthetic points cluster exactly like the modelled city: dense centres, towns, sparse hills.
 */
function cellSampler(grid: PopulationGrid, random: () => number): () => number {
  const population = grid.demand.population;
  const cumulative = new Float64Array(population.length);
  let sum = 0;
  population.forEach((p, i) => {
    sum += p;
    cumulative[i] = sum;
  });
  return () => {
    const target = random() * sum;
    let lo = 0;
    let hi = cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((cumulative[mid] ?? 0) > target) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  };
}

/**
 * Seeded synthetic demand of `count` units over Chongqing, clustered like the modelled grid:
 * each unit is a random point in a cell drawn in proportion to population, with that cell's class
 * and district and 1–60 residents.
 */
export function syntheticDemand(grid: PopulationGrid, count: number, seed: number): Demand {
  const random = seededRandom(seed);
  const pick = cellSampler(grid, random);
  const lon = new Float64Array(count);
  const lat = new Float64Array(count);
  const population = new Uint32Array(count);
  const urban = new Uint8Array(count);
  const district = new Uint16Array(count);
  for (let i = 0; i < count; i++) {
    const cell = pick();
    const [west, south, east, north] = populationCellBounds(grid, cell);
    lon[i] = west + random() * (east - west);
    lat[i] = south + random() * (north - south);
    population[i] = 1 + Math.floor(random() * 60);
    urban[i] = grid.demand.urban[cell] ?? 0;
    district[i] = grid.demand.district[cell] ?? 0;
  }
  return {
    lon,
    lat,
    population,
    urban,
    district,
    districts: grid.demand.districts,
    regions: grid.demand.regions,
  };
}

/** Seeded synthetic nodes where people are (drawn like the demand), ids `n00000`, `n00001`, … */
export function syntheticNodes(grid: PopulationGrid, count: number, seed: number): SupplyNode[] {
  const random = seededRandom(seed);
  const pick = cellSampler(grid, random);
  return Array.from({ length: count }, (_, i) => {
    const [west, south, east, north] = populationCellBounds(grid, pick());
    return {
      id: `n${String(i).padStart(5, '0')}`,
      lon: west + random() * (east - west),
      lat: south + random() * (north - south),
    };
  });
}
