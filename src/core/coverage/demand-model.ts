/**
 * The population an analysis runs over, as the session needs it: the shipped modelled grid or an
 * imported population, each with its cells' sizes for the gap map, its bounds, what the report says
 * of its source, and a lookup of the unit containing a place.
 */
import type { Demand } from '../population/demand';
import type { PopulationGrid } from '../population/population-grid';
import type { PopulationSource } from '../report/coverage-report';

/**
 * The population the analysis runs over: the shipped model, or a population the user imported.
 * `cellSizeM` sizes each unit's square on the gap map; `unitAt` finds the unit containing a place.
 */
export interface DemandModel {
  readonly demand: Demand;
  readonly cellSizeM: Float64Array;
  readonly bbox: readonly [number, number, number, number];
  readonly notice: { readonly zh: string; readonly en: string };
  /** Where the population came from, as the report states it. */
  readonly source: PopulationSource;
  unitAt(lon: number, lat: number): number | null;
}

/** Where the shipped grid lives, as reports and problems name it. */
export const POPULATION_GRID_SOURCE = 'geodata/population/population-grid.bin';

/** The shipped population grid as a demand model. */
export function gridDemandModel(grid: PopulationGrid): DemandModel {
  const sizeBySplit = new Map(grid.header.cellSizes.map((size) => [size.split, size.widthMeters]));
  const [west, south, east, north] = grid.header.bbox;
  // Cells are at most one base cell wide: the cell containing a place is among the cells whose
  // centres lie in the same or a neighbouring base cell. Indexed on first use (a click, a table's urban lookup).
  const halfLon = 1 / grid.header.baseCellsPerDegree.lon;
  const halfLat = 1 / grid.header.baseCellsPerDegree.lat;
  const baseCellKey = (lon: number, lat: number) =>
    Math.floor((lon - west) * grid.header.baseCellsPerDegree.lon) * 100_000 +
    Math.floor((lat - south) * grid.header.baseCellsPerDegree.lat);
  let byBaseCell: Map<number, number[]> | null = null;
  const indexByBaseCell = () => {
    const index = new Map<number, number[]>();
    for (let unit = 0; unit < grid.demand.lon.length; unit += 1) {
      const key = baseCellKey(grid.demand.lon[unit] ?? 0, grid.demand.lat[unit] ?? 0);
      const list = index.get(key);
      if (list === undefined) index.set(key, [unit]);
      else list.push(unit);
    }
    return index;
  };
  return {
    demand: grid.demand,
    cellSizeM: Float64Array.from(
      grid.split,
      (split) => sizeBySplit.get(split as 1 | 2 | 4) ?? 1000,
    ),
    bbox: [west, south, east, north],
    notice: { ...grid.header.notice },
    source: {
      source: POPULATION_GRID_SOURCE,
      title: { zh: grid.header.title.zh, en: grid.header.title.en },
      modelled: true,
      units: grid.demand.lon.length,
      notice: { zh: grid.header.notice.zh, en: grid.header.notice.en },
    },
    unitAt(lon, lat) {
      if (lon < west || lon > east || lat < south || lat > north) return null;
      byBaseCell ??= indexByBaseCell();
      // The base cell of the place and its neighbours, in case cell edges and base cells differ.
      let found: number | null = null;
      for (const dx of [0, -halfLon, halfLon]) {
        for (const dy of [0, -halfLat, halfLat]) {
          for (const unit of byBaseCell.get(baseCellKey(lon + dx, lat + dy)) ?? []) {
            const split = grid.split[unit] ?? 1;
            const ox = Math.abs((grid.demand.lon[unit] ?? 0) - lon);
            const oy = Math.abs((grid.demand.lat[unit] ?? 0) - lat);
            if (ox <= halfLon / (2 * split) && oy <= halfLat / (2 * split)) {
              if (found === null || unit < found) found = unit;
            }
          }
        }
      }
      return found;
    },
  };
}

const IMPORTED_NOTICE = {
  zh: '人口来自用户导入的数据，未经本图集核验。',
  en: 'Population from data the user imported; not checked by the atlas.',
} as const;

/**
 * An imported population (raster pixels of one size) as a demand model: the unit whose square
 * contains a place is found through a hash of cells, so a click costs a few lookups. `source`
 * names the file or layer in reports.
 */
export function importedDemandModel(
  demand: Demand,
  cellSizeM: number,
  source = 'imported population',
): DemandModel {
  const count = demand.lon.length;
  let west = Infinity;
  let south = Infinity;
  let east = -Infinity;
  let north = -Infinity;
  for (let unit = 0; unit < count; unit += 1) {
    const lon = demand.lon[unit] ?? 0;
    const lat = demand.lat[unit] ?? 0;
    west = Math.min(west, lon);
    east = Math.max(east, lon);
    south = Math.min(south, lat);
    north = Math.max(north, lat);
  }
  const midLat = ((south + north) / 2) * (Math.PI / 180);
  const stepLat = cellSizeM / 111_195;
  const stepLon = cellSizeM / (111_195 * Math.max(0.01, Math.cos(midLat)));
  const key = (lon: number, lat: number) =>
    `${String(Math.round(lon / stepLon))}:${String(Math.round(lat / stepLat))}`;
  const byCell = new Map<string, number>();
  for (let unit = 0; unit < count; unit += 1) {
    byCell.set(key(demand.lon[unit] ?? 0, demand.lat[unit] ?? 0), unit);
  }
  return {
    demand,
    cellSizeM: new Float64Array(count).fill(cellSizeM),
    bbox: [west - stepLon, south - stepLat, east + stepLon, north + stepLat],
    notice: { ...IMPORTED_NOTICE },
    source: {
      source,
      title: { zh: `导入的人口：${source}`, en: `Imported population: ${source}` },
      modelled: false,
      units: count,
      notice: { ...IMPORTED_NOTICE },
    },
    unitAt(lon, lat) {
      for (const dx of [0, -1, 1]) {
        for (const dy of [0, -1, 1]) {
          const unit = byCell.get(key(lon + dx * stepLon, lat + dy * stepLat));
          if (unit === undefined) continue;
          const ux = demand.lon[unit] ?? 0;
          const uy = demand.lat[unit] ?? 0;
          if (Math.abs(ux - lon) <= stepLon / 2 && Math.abs(uy - lat) <= stepLat / 2) return unit;
        }
      }
      return null;
    },
  };
}
