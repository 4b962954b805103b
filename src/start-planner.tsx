// First: the planner's messages are in before any of its code shows one.
import './i18n/planner-messages';
import type { ReactElement } from 'react';
import { wrap } from 'comlink';
import type { CoverageWorkerApi } from './core/coverage/coverage-worker-api';
import type { PositionCorrection } from './core/plan/position-corrections';
import { createCoverageWiring, type AtlasCoverageApi } from './app/coverage-automation';
import { createImportWiring, type AtlasImportFile } from './app/import-wiring';
import { CorrectionsController } from './app/corrections-controller';
import type { MapView, PlannerMapParts } from './map/map-view';
import { plannerMapParts } from './map/planner-map-parts';
import type { AppStore } from './state/app-store';
import { ImportedLayerPersistence } from './storage/imported-layer-persistence';
import { App } from './ui/app';
import { CorrectionCommandsContext } from './ui/corrections/correction-commands';
import { CoverageCommandsContext } from './ui/coverage-panel/coverage-commands';
import { ImportCommandsContext } from './ui/import-panel/import-commands';
import type { MapHandle } from './ui/map-container/map-container';

/** What the planner's (and the embedded) atlas adds to the composition root. */
export interface PlannerParts {
  /** The planner's parts of the map view (coverage overlay, imported layers, corrections, measuring). */
  readonly mapParts: PlannerMapParts;
  /** The planner's or the embedded layout, inside the providers of its commands. */
  render(createMap: (container: HTMLElement) => MapHandle): ReactElement;
  /** Gives the analysis its map; returns what `window.atlas` adds for it. */
  attach(view: MapView): {
    coverage: AtlasCoverageApi;
    importFile: AtlasImportFile;
    corrections: () => PositionCorrection[];
  };
  /** This browser's position corrections, applied before the map first draws the plan. */
  restoreCorrections(): Promise<void>;
  /** The planner's saved imported layers, back on the map. */
  restoreImports(): Promise<void>;
}

/**
 * The composition root's planner half, loaded with `import()` so the public map never fetches it:
 * the coverage analysis and its worker, imports, position corrections, saved work, and the
 * planner's and the embedded layouts. `persistent`: this atlas may open the database.
 */
export function createPlannerParts(store: AppStore, persistent: boolean): PlannerParts {
  const coverageWiring = createCoverageWiring(store, {
    createWorker: () =>
      wrap<CoverageWorkerApi>(
        new Worker(new URL('./workers/coverage.worker.ts', import.meta.url), { type: 'module' }),
      ),
    persistent,
  });
  const importPersistence = new ImportedLayerPersistence(store);
  const importWiring = createImportWiring(
    store,
    coverageWiring.controller,
    persistent ? importPersistence : null,
  );
  // Position corrections are the planners': the public and embedded maps show the shipped data.
  const corrections = persistent
    ? new CorrectionsController(store, {
        positionsChanged: () => coverageWiring.controller.planPositionsChanged(),
      })
    : null;
  return {
    mapParts: plannerMapParts,
    render: (createMap) => (
      <CoverageCommandsContext.Provider value={coverageWiring.commands}>
        <ImportCommandsContext.Provider value={importWiring.commands}>
          <CorrectionCommandsContext.Provider value={corrections}>
            <App createMap={createMap} />
          </CorrectionCommandsContext.Provider>
        </ImportCommandsContext.Provider>
      </CoverageCommandsContext.Provider>
    ),
    attach: (view) => ({
      coverage: coverageWiring.attach(view),
      importFile: importWiring.importFile,
      corrections: () => corrections?.list() ?? [],
    }),
    restoreCorrections: async () => {
      await corrections?.restore();
    },
    // A planner's saved imports come back in the planner's atlas only, not on the public or
    // embedded map opened in the same browser.
    restoreImports: async () => {
      if (persistent) await importPersistence.restoreInto(importWiring.controller);
    },
  };
}
