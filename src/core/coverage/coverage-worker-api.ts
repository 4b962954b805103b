import type { CoverageCurvePoint, SupplyNode } from './coverage-engine';
import type { CoverageSummary } from './coverage-summary';
import type { FreshFoodRule } from './fresh-food-rule';
import type { SiteSuggestion, SiteSuggestionOptions } from './site-suggestion';
import type { GapRaster } from '../gap-map/gap-raster';
import type { DistrictShape, ImportedUnits } from '../population/imported-demand';

/*
 * The coverage worker's surface and the plain data it answers with: what the page and the worker
 * (src/workers/coverage.worker.ts, which implements it) agree on, so neither imports the other.
 */

/** A node as the session knows it: where it is and what to call it. */
export interface SessionNode extends SupplyNode {
  readonly name: string;
}

/** Everything the UI needs after any change: totals, the delta to the baseline, the curve. */
export interface SessionUpdate {
  readonly summary: CoverageSummary;
  readonly baselineSummary: CoverageSummary;
  /** Against the plan's own nodes at the same rule. */
  readonly delta: { readonly newlyCovered: number; readonly newlyUncovered: number };
  readonly curve: readonly CoverageCurvePoint[];
  readonly raster: GapRaster;
  /** Milliseconds the engine took for this change (not counting the raster). */
  readonly engineMs: number;
}

/** One demand cell, as a click on the gap map explains it. */
export interface CellInfo {
  readonly index: number;
  readonly lon: number;
  readonly lat: number;
  readonly population: number;
  readonly urban: boolean;
  readonly radius: number;
  readonly covered: boolean;
  readonly nearestId: string | null;
  readonly nearestName: string | null;
  readonly distance: number | null;
  readonly district_zh: string | null;
  readonly district_en: string | null;
}

/** Is this place covered: the class of the cell it falls in and its nearest node. */
export interface PlaceInfo {
  readonly lon: number;
  readonly lat: number;
  /** null when the place lies outside every modelled cell (then the urban radius is assumed). */
  readonly urban: boolean | null;
  readonly radius: number;
  readonly covered: boolean;
  readonly nearestId: string | null;
  readonly nearestName: string | null;
  readonly distance: number | null;
}

export interface GapUnit {
  readonly lon: number;
  readonly lat: number;
  readonly population: number;
  readonly urban: boolean;
  readonly district_zh: string | null;
}

export interface ReportRow {
  readonly level: 'city' | 'region' | 'district';
  readonly id: string;
  readonly name_zh: string;
  readonly name_en: string;
  readonly population: number;
  readonly covered: number;
  readonly rate: number | null;
  readonly urbanPopulation: number;
  readonly urbanCovered: number;
  readonly ruralPopulation: number;
  readonly ruralCovered: number;
}

/** An update whose raster is an ImageBitmap, handed over without copying. */
export type WorkerUpdate = Omit<SessionUpdate, 'raster'> & {
  readonly raster: {
    readonly bitmap: ImageBitmap;
    readonly coordinates: SessionUpdate['raster']['coordinates'];
  };
};

/** What the coverage worker does; every call returns plain (structured-cloneable) data. */
export interface CoverageWorkerApi {
  start(
    gridBytes: ArrayBuffer,
    baselineNodes: readonly SessionNode[],
    scenarioNodes: readonly SessionNode[],
    rule: FreshFoodRule,
  ): WorkerUpdate;
  setRule(rule: FreshFoodRule): WorkerUpdate;
  addNode(node: SessionNode): WorkerUpdate;
  moveNode(id: string, lon: number, lat: number): WorkerUpdate;
  removeNode(id: string): WorkerUpdate;
  replaceNodes(nodes: readonly SessionNode[], baselineNodes?: readonly SessionNode[]): WorkerUpdate;
  /**
   * Runs the analysis over an imported population (units assigned to 区县 by these outlines), or
   * over the shipped model again with null.
   */
  useDemand(
    units: (ImportedUnits & { readonly cellSizeM: number }) | null,
    districtShapes: readonly DistrictShape[],
  ): WorkerUpdate;
  suggest(options: SiteSuggestionOptions): SiteSuggestion;
  cellAt(lon: number, lat: number): CellInfo | null;
  placeInfo(lon: number, lat: number): PlaceInfo;
  gaps(limit: number): GapUnit[];
  report(): ReportRow[];
  notice(): { zh: string; en: string };
}
