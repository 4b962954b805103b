/**
 * Position checks on a built population grid (run by `scripts/build-population.ts --check`, so
 * `npm run data:check` fails on them). The district totals and urban shares are exact by
 * construction and tested elsewhere; these catch residents in the wrong place.
 *
 * Pure: they read a decoded grid and the reference points, and return one message per problem.
 */
import { EARTH_RADIUS_METERS } from '../../src/core/geo/haversine.ts';
import type { PopulationGrid } from '../../src/core/population/population-grid.ts';

/** A 区县's seat: the point the plan layers use as its urban core (county town). */
export interface CountySeat {
  readonly adcode: number;
  readonly name_zh: string;
  readonly lon: number;
  readonly lat: number;
}

/** Urban residents must live within this distance (km) of every county seat. */
export const COUNTY_SEAT_RADIUS_KM = 1.5;

const KM_PER_DEGREE = (EARTH_RADIUS_METERS / 1000) * (Math.PI / 180);

/** Distance in km between two points (equirectangular; exact enough below a few km). */
export function kmBetween(lon1: number, lat1: number, lon2: number, lat2: number): number {
  const dx = (lon1 - lon2) * KM_PER_DEGREE * Math.cos((((lat1 + lat2) / 2) * Math.PI) / 180);
  const dy = (lat1 - lat2) * KM_PER_DEGREE;
  return Math.sqrt(dx * dx + dy * dy);
}

/** Residents (all, urban) of the grid's cells whose centre lies within `km` of a point. */
export function populationNear(
  grid: PopulationGrid,
  lon: number,
  lat: number,
  km: number,
): { population: number; urban: number } {
  const { demand } = grid;
  let population = 0;
  let urban = 0;
  for (let i = 0; i < demand.population.length; i++) {
    const cellLat = demand.lat[i] ?? 0;
    if (Math.abs(cellLat - lat) * KM_PER_DEGREE > km) continue;
    if (kmBetween(demand.lon[i] ?? 0, cellLat, lon, lat) > km) continue;
    const p = demand.population[i] ?? 0;
    population += p;
    if (demand.urban[i] === 1) urban += p;
  }
  return { population, urban };
}

/**
 * Every county seat has urban residents within {@link COUNTY_SEAT_RADIUS_KM}: a county town with
 * none shows 0 % urban coverage whatever nodes it has (梁平 and 武隆 before issue 16).
 */
export function countySeatProblems(
  grid: PopulationGrid,
  seats: readonly CountySeat[],
  radiusKm: number = COUNTY_SEAT_RADIUS_KM,
): string[] {
  const problems: string[] = [];
  for (const seat of seats) {
    const { urban } = populationNear(grid, seat.lon, seat.lat, radiusKm);
    if (urban === 0) {
      problems.push(
        `${seat.name_zh} (${String(seat.adcode)}): no urban resident within ${String(radiusKm)} km of its seat ` +
          `(${seat.lon.toFixed(5)}, ${seat.lat.toFixed(5)}).`,
      );
    }
  }
  return problems;
}

/**
 * No resident on a cell whose centre lies in the Yangtze, Jialing or Wu channel (the water mask of
 * `river-channel.ts`); `inChannel` is that mask's test. Reports each district's people in the river.
 */
export function riverChannelProblems(
  grid: PopulationGrid,
  inChannel: (lon: number, lat: number) => boolean,
): string[] {
  const { demand } = grid;
  const byDistrict = new Map<number, { cells: number; people: number }>();
  for (let i = 0; i < demand.population.length; i++) {
    const p = demand.population[i] ?? 0;
    if (p === 0 || !inChannel(demand.lon[i] ?? 0, demand.lat[i] ?? 0)) continue;
    const d = demand.district[i] ?? 0;
    const tally = byDistrict.get(d) ?? { cells: 0, people: 0 };
    tally.cells += 1;
    tally.people += p;
    byDistrict.set(d, tally);
  }
  return [...byDistrict]
    .sort(([a], [b]) => a - b)
    .map(([d, { cells, people }]) => {
      const district = demand.districts[d];
      return `${district?.name_zh ?? String(d)} (${String(district?.adcode ?? '')}): ${String(people)} residents on ${String(cells)} cells in a river channel.`;
    });
}
