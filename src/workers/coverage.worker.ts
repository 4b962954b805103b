import { expose, transfer } from 'comlink';
import type { DistrictShape, ImportedUnits } from '../core/population/imported-demand';
import {
  CoverageSession,
  type CoverageRule,
  type NodeEdit,
  type SessionNode,
  type SessionStep,
  type SessionUpdate,
  type SiteSuggestionOptions,
} from '../core/coverage/coverage-session';
import type { RasterUpdate } from '../core/gap-map/raster-patch';
import { builtInGazetteer } from '../core/import/gazetteer';
import type {
  CoverageWorkerApi,
  OutletTypeConfig,
  OutletTypeQuery,
  WorkerStep,
  WorkerUpdate,
} from '../core/coverage/coverage-worker-api';

let session: CoverageSession | null = null;

function current(): CoverageSession {
  if (session === null) throw new Error('The coverage analysis has not been started.');
  return session;
}

/** The raster pixels of an update, handed to the page without copying. */
function transferables(raster: RasterUpdate | null): Transferable[] {
  if (raster === null) return [];
  const pixels = raster.kind === 'full' ? raster.raster.pixels : raster.patch?.pixels;
  return pixels === undefined ? [] : [pixels.buffer as ArrayBuffer];
}

function transferred(update: SessionUpdate): WorkerUpdate {
  return transfer(update, transferables(update.raster));
}

function stepTransferred(step: SessionStep | null): WorkerStep | null {
  if (step === null) return null;
  return transfer(step, transferables(step.update.raster));
}

/** The coverage engine behind a typed surface; every call returns plain data. */
const api: CoverageWorkerApi = {
  start(
    gridBytes: ArrayBuffer,
    baselineNodes: readonly SessionNode[],
    scenarioNodes: readonly SessionNode[],
    rule: CoverageRule,
  ): WorkerUpdate {
    session = CoverageSession.create(gridBytes, baselineNodes, scenarioNodes, rule);
    return transferred(session.update());
  },
  setRule: (rule: CoverageRule) => transferred(current().setRule(rule)),
  addNode: (node: SessionNode) => transferred(current().addNode(node)),
  moveNode: (id: string, lon: number, lat: number) => transferred(current().moveNode(id, lon, lat)),
  removeNode: (id: string) => transferred(current().removeNode(id)),
  /** Applies one edit and records it in the session's history (see undo, redo). */
  edit: (edit: NodeEdit) => transferred(current().edit(edit)),
  /** Takes back the last recorded edit: the edit applied and the update, or null. */
  undo: () => stepTransferred(current().undo()),
  redo: () => stepTransferred(current().redo()),
  history: () => ({ canUndo: current().canUndo, canRedo: current().canRedo }),
  raster: () => {
    const raster = current().raster();
    return transfer(raster, transferables(raster));
  },
  replaceNodes: (
    nodes: readonly SessionNode[],
    baselineNodes?: readonly SessionNode[],
    rule?: CoverageRule,
  ) => transferred(current().replaceNodes(nodes, baselineNodes, rule)),
  /**
   * Runs the analysis over an imported population (units assigned to 区县 by these outlines), or
   * over the shipped model again with null.
   */
  useDemand(
    units: (ImportedUnits & { readonly cellSizeM: number }) | null,
    districtShapes: readonly DistrictShape[],
    source?: string,
  ): WorkerUpdate {
    const active = current();
    if (units === null) return transferred(active.useDemand(null));
    return transferred(active.useDemand(active.importedDemand(units, districtShapes, source)));
  },
  refreshInterval: () => current().refreshInterval(),
  curve: () => current().curve(),
  censusTotal: () => current().censusTotal(),
  figuresFor: (nodes: readonly SessionNode[]) => current().figuresFor(nodes),
  suggest: (options: SiteSuggestionOptions, target?: OutletTypeQuery) =>
    current().suggest(options, target),
  cellAt: (lon: number, lat: number) => current().cellAt(lon, lat),
  placeInfo: (lon: number, lat: number) => current().placeInfo(lon, lat),
  gaps: (limit: number) => current().gaps(limit),
  /** The coverage report of the scenario (src/core/report/coverage-report.ts). */
  report: () => current().coverageReport(),
  notice: () => current().notice(),
  async setOutletTypes(config: OutletTypeConfig | null): Promise<WorkerUpdate> {
    // Without the gazetteer the township tables stay empty; the rest of the analysis still runs.
    const gazetteer = config === null ? undefined : await builtInGazetteer().catch(() => null);
    return transferred(current().setOutletTypes(config, gazetteer));
  },
  outletTypeQuery: (query: OutletTypeQuery) => current().outletTypeQuery(query),
};

expose(api);
