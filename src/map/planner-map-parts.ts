import { CorrectionLayer } from './correction-layer';
import { CoverageOverlay } from './coverage-overlay';
import { ImportedLayers } from './imported-layers';
import type { PlannerMapParts } from './map-view';
import { MeasureLayer } from './measure-layer';

/**
 * The planner's parts of the map view (the coverage overlay, imported layers, position
 * corrections, the measuring tool), handed to the map by the planner's start so the public map
 * never loads them.
 */
export const plannerMapParts: PlannerMapParts = {
  coverageOverlay: (map, events, display) => new CoverageOverlay(map, events, display),
  importedLayers: (context) => new ImportedLayers(context),
  correctionLayer: (context, clearPopups) => new CorrectionLayer(context, clearPopups),
  measureLayer: (map, store, display) => new MeasureLayer(map, store, display),
};
