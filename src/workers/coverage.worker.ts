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

function withBitmap(update: SessionUpdate): WorkerUpdate {
  const bitmap = bitmapOf(update.raster);
  return transfer({ ...update, raster: { bitmap, coordinates: update.raster.coordinates } }, [
    bitmap,
  ]);
}

function stepWithBitmap(step: SessionStep | null): WorkerStep | null {
  if (step === null) return null;
  const bitmap = bitmapOf(step.update.raster);
  const update = {
    ...step.update,
    raster: { bitmap, coordinates: step.update.raster.coordinates },
  };
  return transfer({ edit: step.edit, update }, [bitmap]);
}

function bitmapOf(raster: SessionUpdate['raster']): ImageBitmap {
  const { width, height, pixels } = raster;
  const canvas = new OffscreenCanvas(width, height);
  const context = canvas.getContext('2d');
  if (context === null)
    throw new Error('This browser cannot draw in a worker (OffscreenCanvas 2D).');
  // `pixels` is already the painter's copy: hand it to ImageData without copying again.
  context.putImageData(
    new ImageData(pixels as Uint8ClampedArray<ArrayBuffer>, width, height),
    0,
    0,
  );
  return canvas.transferToImageBitmap();
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
    return withBitmap(session.update());
  },
  setRule: (rule: CoverageRule) => withBitmap(current().setRule(rule)),
  addNode: (node: SessionNode) => withBitmap(current().addNode(node)),
  moveNode: (id: string, lon: number, lat: number) => withBitmap(current().moveNode(id, lon, lat)),
  removeNode: (id: string) => withBitmap(current().removeNode(id)),
  /** Applies one edit and records it in the session's history (see undo, redo). */
  edit: (edit: NodeEdit) => withBitmap(current().edit(edit)),
  /** Takes back the last recorded edit: the edit applied and the update, or null. */
  undo: () => stepWithBitmap(current().undo()),
  redo: () => stepWithBitmap(current().redo()),
  history: () => ({ canUndo: current().canUndo, canRedo: current().canRedo }),
  replaceNodes: (
    nodes: readonly SessionNode[],
    baselineNodes?: readonly SessionNode[],
    rule?: CoverageRule,
  ) => withBitmap(current().replaceNodes(nodes, baselineNodes, rule)),
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
    if (units === null) return withBitmap(active.useDemand(null));
    return withBitmap(active.useDemand(active.importedDemand(units, districtShapes, source)));
  },
  refreshInterval: () => current().refreshInterval(),
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
    return withBitmap(current().setOutletTypes(config, gazetteer));
  },
  outletTypeQuery: (query: OutletTypeQuery) => current().outletTypeQuery(query),
};

expose(api);
