import { expose, transfer } from 'comlink';
import { URBAN_UNKNOWN } from '../core/population/demand-from-features';
import {
  demandFromImport,
  type DistrictShape,
  type ImportedUnits,
} from '../core/population/imported-demand';
import {
  CoverageSession,
  importedDemandModel,
  type FreshFoodRule,
  type SessionNode,
  type SessionUpdate,
  type SiteSuggestionOptions,
} from './coverage-session';
import type { CoverageWorkerApi, WorkerUpdate } from '../core/coverage/coverage-worker-api';

export type { CoverageWorkerApi, WorkerUpdate };

let session: CoverageSession | null = null;

function current(): CoverageSession {
  if (session === null) throw new Error('The coverage analysis has not been started.');
  return session;
}

function withBitmap(update: SessionUpdate): WorkerUpdate {
  const { width, height, pixels, coordinates } = update.raster;
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
  const bitmap = canvas.transferToImageBitmap();
  return transfer({ ...update, raster: { bitmap, coordinates } }, [bitmap]);
}

/** The coverage engine behind a typed surface; every call returns plain data. */
const api: CoverageWorkerApi = {
  start(
    gridBytes: ArrayBuffer,
    baselineNodes: readonly SessionNode[],
    scenarioNodes: readonly SessionNode[],
    rule: FreshFoodRule,
  ): WorkerUpdate {
    session = CoverageSession.create(gridBytes, baselineNodes, scenarioNodes, rule);
    return withBitmap(session.update());
  },
  setRule: (rule: FreshFoodRule) => withBitmap(current().setRule(rule)),
  addNode: (node: SessionNode) => withBitmap(current().addNode(node)),
  moveNode: (id: string, lon: number, lat: number) => withBitmap(current().moveNode(id, lon, lat)),
  removeNode: (id: string) => withBitmap(current().removeNode(id)),
  replaceNodes: (nodes: readonly SessionNode[], baselineNodes?: readonly SessionNode[]) =>
    withBitmap(current().replaceNodes(nodes, baselineNodes)),
  /**
   * Runs the analysis over an imported population (units assigned to 区县 by these outlines), or
   * over the shipped model again with null.
   */
  useDemand(
    units: (ImportedUnits & { readonly cellSizeM: number }) | null,
    districtShapes: readonly DistrictShape[],
  ): WorkerUpdate {
    const active = current();
    if (units === null) return withBitmap(active.useDemand(null));
    const { districts, regions } = active.modelAreas;
    // Units whose table does not say urban or rural take the class of the modelled cell there.
    const urban = units.urban.map((value, unit) =>
      value === URBAN_UNKNOWN
        ? active.modelUrbanAt(units.lon[unit] ?? NaN, units.lat[unit] ?? NaN)
        : value,
    );
    const demand = demandFromImport({ ...units, urban }, districts, regions, districtShapes);
    return withBitmap(active.useDemand(importedDemandModel(demand, units.cellSizeM)));
  },
  suggest: (options: SiteSuggestionOptions) => current().suggest(options),
  cellAt: (lon: number, lat: number) => current().cellAt(lon, lat),
  placeInfo: (lon: number, lat: number) => current().placeInfo(lon, lat),
  gaps: (limit: number) => current().gaps(limit),
  report: () => current().report(),
  notice: () => current().notice(),
};

expose(api);
