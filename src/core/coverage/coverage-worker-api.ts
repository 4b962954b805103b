import type { CoverageRule } from './coverage-rule';
import type { CoverageCurvePoint } from './coverage-engine';
import type {
  CellInfo,
  GapUnit,
  OutletTypeAnswer,
  OutletTypeQuery,
  PlaceInfo,
  SessionNode,
  SessionSuggestion,
  SessionUpdate,
} from './coverage-session';
import type { OutletTypeConfig } from './outlet-type-coverage';
import type { UncertaintySummary } from './position-uncertainty';
import type { SiteSuggestionOptions } from './site-suggestion';
import type { RasterUpdate } from '../gap-map/raster-patch';
import type { DistrictShape, ImportedUnits } from '../population/imported-demand';
import type { CoverageReport } from '../report/coverage-report';
import type { NodeEdit } from '../scenario/edit-history';

/*
 * The coverage worker's surface and the plain data it answers with: what the page and the worker
 * (src/workers/coverage.worker.ts, which implements it) agree on, so neither imports the other.
 * The data shapes are the session's own (src/core/coverage/coverage-session.ts).
 */

export type {
  CellInfo,
  GapUnit,
  OutletTypeAnswer,
  OutletTypeConfig,
  OutletTypeQuery,
  PlaceInfo,
  SessionNode,
  SessionSuggestion,
  SessionUpdate,
};

/**
 * An update as the worker sends it: the session's own, its raster pixels (the whole raster, or
 * after a node edit the repainted rectangle only) handed over without copying.
 */
export type WorkerUpdate = SessionUpdate;

/** An undone or redone edit with its update. */
export interface WorkerStep {
  readonly edit: NodeEdit;
  readonly update: WorkerUpdate;
}

/** What the coverage worker does; every call returns plain (structured-cloneable) data. */
export interface CoverageWorkerApi {
  start(
    gridBytes: ArrayBuffer,
    baselineNodes: readonly SessionNode[],
    scenarioNodes: readonly SessionNode[],
    rule: CoverageRule,
  ): WorkerUpdate;
  setRule(rule: CoverageRule): WorkerUpdate;
  addNode(node: SessionNode): WorkerUpdate;
  moveNode(id: string, lon: number, lat: number): WorkerUpdate;
  removeNode(id: string): WorkerUpdate;
  /** Applies one edit and records it in the session's history (see undo, redo). */
  edit(edit: NodeEdit): WorkerUpdate;
  /** Takes back the last recorded edit: the edit applied and the update, or null. */
  undo(): WorkerStep | null;
  redo(): WorkerStep | null;
  history(): { readonly canUndo: boolean; readonly canRedo: boolean };
  /** The whole gap raster as last sent, for a page that missed an update (null: none yet). */
  raster(): RasterUpdate | null;
  /** Replaces every scenario node (and the baseline's, and the rule, when given) in one pass. */
  replaceNodes(
    nodes: readonly SessionNode[],
    baselineNodes?: readonly SessionNode[],
    rule?: CoverageRule,
  ): WorkerUpdate;
  /**
   * Runs the analysis over an imported population (units assigned to 区县 by these outlines), or
   * over the shipped model again with null. `source` names the file or layer in reports.
   */
  useDemand(
    units: (ImportedUnits & { readonly cellSizeM: number }) | null,
    districtShapes: readonly DistrictShape[],
    source?: string,
  ): WorkerUpdate;
  /** The certainty-aware figures of another node set over the same population and rule. */
  figuresFor(nodes: readonly SessionNode[]): UncertaintySummary;
  /** Redraws the Monte-Carlo interval after edits (they leave it stale: see the session). */
  refreshInterval(): UncertaintySummary;
  /** The coverage-radius curve, which edits leave to this call (see the session). */
  curve(): readonly CoverageCurvePoint[];
  /** The census total imported populations are compared with (see census-check.ts). */
  censusTotal(): number;
  /** Suggested sites; `target` switches them to one outlet type or the basket (see the session). */
  suggest(options: SiteSuggestionOptions, target?: OutletTypeQuery): SessionSuggestion;
  cellAt(lon: number, lat: number): CellInfo | null;
  placeInfo(lon: number, lat: number): PlaceInfo;
  gaps(limit: number): GapUnit[];
  /** The coverage report of the scenario (src/core/report/coverage-report.ts). */
  report(): CoverageReport;
  notice(): { zh: string; en: string };
  /**
   * Turns the per-type and basket analysis on with this preset, basket and gap-map view (null:
   * off); loads the gazetteer for the 乡镇街道 areas on first use.
   */
  setOutletTypes(config: OutletTypeConfig | null): Promise<WorkerUpdate>;
  /** One type's or one basket's figures under the configured preset (`atlas.coverage({ type })`). */
  outletTypeQuery(query: OutletTypeQuery): OutletTypeAnswer;
}
