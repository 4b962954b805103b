import {
  createCoverageEngine,
  type CoverageEngine,
  type SupplyNode,
} from '../core/coverage/coverage-engine';
import type { CoverageSummary } from '../core/coverage/coverage-summary';
import type { FreshFoodRule } from '../core/coverage/fresh-food-rule';
import type { SiteSuggestion, SiteSuggestionOptions } from '../core/coverage/site-suggestion';
import { CELL_STATUS, GapRasterPainter } from '../core/gap-map/gap-raster';
import { haversineMeters } from '../core/geo/haversine';
import { decodePopulationGrid } from '../core/population/decode-population-grid';
import type { Demand } from '../core/population/demand';
import type { PopulationGrid } from '../core/population/population-grid';
import type {
  CellInfo,
  GapUnit,
  PlaceInfo,
  ReportRow,
  SessionNode,
  SessionUpdate,
} from '../core/coverage/coverage-worker-api';

export type { CellInfo, GapUnit, PlaceInfo, ReportRow, SessionNode, SessionUpdate };

const RASTER_WIDTH = 1600;

function now(): number {
  return typeof performance === 'undefined' ? Date.now() : performance.now();
}

/**
 * The coverage analysis of one scenario against the plan baseline, over the modelled population.
 * Lives in the coverage worker; pure otherwise, so tests drive it directly. Mutating methods say
 * so; all results are structured-cloneable.
 */
/**
 * The population the analysis runs over: the shipped model, or a population the user imported.
 * `cellSizeM` sizes each unit's square on the gap map; `unitAt` finds the unit containing a place.
 */
export interface DemandModel {
  readonly demand: Demand;
  readonly cellSizeM: Float64Array;
  readonly bbox: readonly [number, number, number, number];
  readonly notice: { readonly zh: string; readonly en: string };
  unitAt(lon: number, lat: number): number | null;
}

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

/**
 * An imported population (raster pixels of one size) as a demand model: the unit whose square
 * contains a place is found through a hash of cells, so a click costs a few lookups.
 */
export function importedDemandModel(demand: Demand, cellSizeM: number): DemandModel {
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
    notice: {
      zh: '人口来自用户导入的数据，未经本图集核验。',
      en: 'Population from data the user imported; not checked by the atlas.',
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

export class CoverageSession {
  private readonly names = new Map<string, string>();
  private baseline: CoverageEngine;
  private engine: CoverageEngine;
  private status: Uint8Array;
  private painter: GapRasterPainter;
  private model: DemandModel;

  private constructor(
    private readonly gridModel: DemandModel,
    baselineNodes: readonly SessionNode[],
    scenarioNodes: readonly SessionNode[],
    rule: FreshFoodRule,
  ) {
    this.model = gridModel;
    for (const node of [...baselineNodes, ...scenarioNodes]) this.names.set(node.id, node.name);
    this.baseline = createCoverageEngine(gridModel.demand, baselineNodes.map(supply), rule);
    this.engine = createCoverageEngine(gridModel.demand, scenarioNodes.map(supply), rule);
    this.status = new Uint8Array(gridModel.demand.lon.length);
    this.painter = CoverageSession.painterFor(gridModel);
  }

  private static painterFor(model: DemandModel): GapRasterPainter {
    const [west, south, east, north] = model.bbox;
    return new GapRasterPainter({
      lon: model.demand.lon,
      lat: model.demand.lat,
      population: model.demand.population,
      cellSizeM: model.cellSizeM,
      bbox: [west, south, east, north],
      width: RASTER_WIDTH,
    });
  }

  /** Decodes the grid bytes and computes baseline and scenario. Throws a sentence on bad bytes. */
  static create(
    gridBytes: ArrayBuffer | Uint8Array,
    baselineNodes: readonly SessionNode[],
    scenarioNodes: readonly SessionNode[],
    rule: FreshFoodRule,
  ): CoverageSession {
    const decoded = decodePopulationGrid(gridBytes, 'geodata/population/population-grid.bin');
    if (!decoded.ok) {
      throw new Error(
        decoded.problems.map((problem) => `${problem.where}: ${problem.message}`).join(' '),
      );
    }
    return new CoverageSession(gridDemandModel(decoded.grid), baselineNodes, scenarioNodes, rule);
  }

  /** The 区县 and regions of the shipped model, for assigning imported population to them. */
  get modelAreas(): Pick<Demand, 'districts' | 'regions'> {
    return { districts: this.gridModel.demand.districts, regions: this.gridModel.demand.regions };
  }

  /** 1 when the modelled cell containing the place is urban, 0 when rural or outside the model. */
  modelUrbanAt(lon: number, lat: number): 0 | 1 {
    const unit = this.gridModel.unitAt(lon, lat);
    return unit !== null && this.gridModel.demand.urban[unit] === 1 ? 1 : 0;
  }

  /**
   * Mutates: runs the analysis over another population (an imported one), or the shipped model
   * again with null, keeping nodes and rule; baseline and scenario are both recomputed.
   */
  useDemand(model: DemandModel | null): SessionUpdate {
    const start = now();
    const next = model ?? this.gridModel;
    const rule = this.engine.rule();
    this.baseline = createCoverageEngine(next.demand, [...this.baseline.nodes()], rule);
    this.engine = createCoverageEngine(next.demand, [...this.engine.nodes()], rule);
    this.model = next;
    this.status = new Uint8Array(next.demand.lon.length);
    this.painter = CoverageSession.painterFor(next);
    return this.update(now() - start);
  }

  get unitCount(): number {
    return this.model.demand.lon.length;
  }

  /** The header's notice that the population is modelled, in both languages. */
  notice(): { zh: string; en: string } {
    return { ...this.model.notice };
  }

  update(engineMs = 0): SessionUpdate {
    const scenario = this.engine.result();
    const base = this.baseline.result();
    const population = this.model.demand.population;
    let newlyCovered = 0;
    let newlyUncovered = 0;
    for (let unit = 0; unit < this.status.length; unit += 1) {
      const people = population[unit] ?? 0;
      const coveredNow = scenario.covered[unit] === 1;
      const before = base.covered[unit] === 1;
      if (people === 0) this.status[unit] = 0;
      else if (coveredNow && !before) {
        this.status[unit] = CELL_STATUS.newlyCovered;
        newlyCovered += people;
      } else if (!coveredNow && before) {
        this.status[unit] = CELL_STATUS.newlyUncovered;
        newlyUncovered += people;
      } else this.status[unit] = coveredNow ? CELL_STATUS.covered : CELL_STATUS.uncovered;
    }
    return {
      summary: scenario.summary,
      baselineSummary: base.summary,
      delta: { newlyCovered, newlyUncovered },
      curve: this.engine.curve(),
      raster: this.painter.paint(this.status),
      engineMs,
    };
  }

  /** Mutates: the rule of both baseline and scenario. */
  setRule(rule: FreshFoodRule): SessionUpdate {
    const start = now();
    this.baseline.setRule(rule);
    this.engine.setRule(rule);
    return this.update(now() - start);
  }

  /** Mutates: adds a scenario node. */
  addNode(node: SessionNode): SessionUpdate {
    const start = now();
    this.names.set(node.id, node.name);
    this.engine.addNode(supply(node));
    return this.update(now() - start);
  }

  /** Mutates: moves a scenario node. */
  moveNode(id: string, lon: number, lat: number): SessionUpdate {
    const start = now();
    this.engine.moveNode(id, lon, lat);
    return this.update(now() - start);
  }

  /** Mutates: removes a scenario node. */
  removeNode(id: string): SessionUpdate {
    const start = now();
    this.engine.removeNode(id);
    return this.update(now() - start);
  }

  /** Mutates: replaces every scenario node (switching scenarios, changing which layers qualify). */
  replaceNodes(
    nodes: readonly SessionNode[],
    baselineNodes?: readonly SessionNode[],
  ): SessionUpdate {
    const start = now();
    for (const node of this.engine.nodes()) this.engine.removeNode(node.id);
    for (const node of nodes) {
      this.names.set(node.id, node.name);
      this.engine.addNode(supply(node));
    }
    if (baselineNodes !== undefined) {
      for (const node of this.baseline.nodes()) this.baseline.removeNode(node.id);
      for (const node of baselineNodes) {
        this.names.set(node.id, node.name);
        this.baseline.addNode(supply(node));
      }
    }
    return this.update(now() - start);
  }

  suggest(options: SiteSuggestionOptions): SiteSuggestion {
    return this.engine.suggest(options);
  }

  /** The cell containing this place, or null outside the modelled cells. */
  cellAt(lon: number, lat: number): CellInfo | null {
    const unit = this.unitAt(lon, lat);
    return unit === null ? null : this.cellInfo(unit);
  }

  cellInfo(unit: number): CellInfo {
    const demand = this.model.demand;
    const result = this.engine.result();
    const rule = this.engine.rule();
    const urban = demand.urban[unit] === 1;
    const nearest = result.nearestNode[unit] ?? -1;
    const nearestId = nearest >= 0 ? (result.nodeIds[nearest] ?? null) : null;
    const district = demand.districts[demand.district[unit] ?? -1];
    const distance = result.nearestDistance[unit];
    return {
      index: unit,
      lon: demand.lon[unit] ?? Number.NaN,
      lat: demand.lat[unit] ?? Number.NaN,
      population: demand.population[unit] ?? 0,
      urban,
      radius: urban ? rule.urbanRadius : rule.ruralRadius,
      covered: result.covered[unit] === 1,
      nearestId,
      nearestName: nearestId === null ? null : (this.names.get(nearestId) ?? nearestId),
      distance: distance === undefined || !Number.isFinite(distance) ? null : distance,
      district_zh: district?.name_zh ?? null,
      district_en: district?.name_en ?? null,
    };
  }

  /** Is this exact place within reach of a node under the rule of the cell it lies in? */
  placeInfo(lon: number, lat: number): PlaceInfo {
    const unit = this.unitAt(lon, lat);
    const rule = this.engine.rule();
    const urban = unit === null ? null : this.model.demand.urban[unit] === 1;
    const radius = urban === false ? rule.ruralRadius : rule.urbanRadius;
    let best: { id: string; distance: number } | null = null;
    for (const node of this.engine.nodes()) {
      const distance = haversineMeters(lon, lat, node.lon, node.lat);
      if (
        best === null ||
        distance < best.distance ||
        (distance === best.distance && node.id < best.id)
      ) {
        best = { id: node.id, distance };
      }
    }
    return {
      lon,
      lat,
      urban,
      radius,
      covered: best !== null && best.distance <= radius,
      nearestId: best?.id ?? null,
      nearestName: best === null ? null : (this.names.get(best.id) ?? best.id),
      distance: best?.distance ?? null,
    };
  }

  /** Uncovered units with residents, largest population first. */
  gaps(limit: number): GapUnit[] {
    const demand = this.model.demand;
    const units = [...this.engine.result().uncoveredUnits];
    units.sort((a, b) => (demand.population[b] ?? 0) - (demand.population[a] ?? 0) || a - b);
    return units.slice(0, Math.max(0, limit)).map((unit) => ({
      lon: demand.lon[unit] ?? Number.NaN,
      lat: demand.lat[unit] ?? Number.NaN,
      population: demand.population[unit] ?? 0,
      urban: demand.urban[unit] === 1,
      district_zh: demand.districts[demand.district[unit] ?? -1]?.name_zh ?? null,
    }));
  }

  /** Rows of the coverage report: the city, each region, each 区县. */
  report(): ReportRow[] {
    const summary = this.engine.summary();
    const row = (
      level: ReportRow['level'],
      id: string,
      name_zh: string,
      name_en: string,
      area: CoverageSummary,
    ): ReportRow => ({
      level,
      id,
      name_zh,
      name_en,
      population: area.population,
      covered: area.covered,
      rate: area.rate,
      urbanPopulation: area.urban.population,
      urbanCovered: area.urban.covered,
      ruralPopulation: area.rural.population,
      ruralCovered: area.rural.covered,
    });
    return [
      row('city', '500000', '重庆市', 'Chongqing', summary),
      ...summary.byRegion.map((region) =>
        row('region', region.id, region.name_zh, region.name_en, { ...summary, ...region }),
      ),
      ...summary.byDistrict.map((district) =>
        row('district', String(district.adcode), district.name_zh, district.name_en, {
          ...summary,
          ...district,
        }),
      ),
    ];
  }

  private unitAt(lon: number, lat: number): number | null {
    return this.model.unitAt(lon, lat);
  }
}

function supply(node: SessionNode): SupplyNode {
  return { id: node.id, lon: node.lon, lat: node.lat };
}

export type { FreshFoodRule, SiteSuggestion, SiteSuggestionOptions };
