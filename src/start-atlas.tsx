import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { parseCatalogue } from './core/catalogue/catalogue';
import { publicLayerIds } from './core/public-map/public-layers';
import { limitAddress, parseDisplayParams } from './core/url/url-state';
import type { Problem } from './core/result';
import { MapView } from './map/map-view';
import { createAppStore } from './state/app-store';
import { selectFeatureById } from './state/selectors';
import { StoreProvider } from './state/store-context';
import { App } from './ui/app';
import { MapServicesProvider, type MapServices } from './ui/export-map/map-services';
import catalogueJson from '../geodata/catalogue.json';
import { CoverageCommandsContext } from './ui/coverage-panel/coverage-commands';
import { createAtlasApi } from './app/automation';
import { createCoverageWiring } from './app/coverage-automation';
import { createImportWiring } from './app/import-wiring';
import { ImportedLayerPersistence } from './storage/imported-layer-persistence';
import { ImportCommandsContext } from './ui/import-panel/import-commands';
import { installEmbedBridge } from './app/embed-bridge';
import { loadAtlasConfig } from './app/load-atlas-config';
import { loadBaseMap, loadPlanData } from './app/load-data';
import { dataAttribution } from './core/catalogue/data-attribution';
import type { CoverageWorkerApi } from './core/coverage/coverage-worker-api';
import { wrap } from 'comlink';
import { UrlSync } from './app/url-sync';
import { CorrectionsController } from './app/corrections-controller';
import { CorrectionCommandsContext } from './ui/corrections/correction-commands';

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function problemsOf(error: unknown): Problem[] {
  if (
    typeof error === 'object' &&
    error !== null &&
    'problems' in error &&
    Array.isArray(error.problems)
  ) {
    return error.problems as Problem[];
  }
  return [];
}

/**
 * The composition root: the one place that joins src/app, src/ui, src/storage and the workers.
 * Starts the atlas in `root`: reads the URL, renders the UI, loads the embedded base map and plan
 * data, hands them to the one map view, and installs `window.atlas`.
 */
export async function startAtlas(root: HTMLElement): Promise<void> {
  const store = createAppStore();
  // An over-long query or hash is removed before anything reads it (the map, the share link).
  const limited = limitAddress(window.location.search, window.location.hash);
  if (limited.problems.length > 0) {
    window.history.replaceState(
      window.history.state,
      '',
      `${window.location.pathname}${limited.search}${limited.hash}`,
    );
  }
  const display = parseDisplayParams(window.location.search);
  const mode =
    display.mode ?? (import.meta.env.VITE_ATLAS_MODE === 'public' ? 'public' : 'planner');
  // Saved work (scenarios, imported layers) belongs to the planner's own atlas: an embedded or
  // public atlas never opens the database, so a page embedding it cannot change what is saved.
  const persistent = mode === 'planner' && !display.embedded;
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
  store.getState().setMode(mode, display.embedded);
  const parsed = parseCatalogue(catalogueJson);
  // The public map knows only its own layers: a link cannot switch planners' layers on there.
  const publicIds = parsed.ok && mode === 'public' ? publicLayerIds(parsed.catalogue) : null;
  const layerIds = publicIds ?? (parsed.ok ? parsed.catalogue.layers.map((layer) => layer.id) : []);
  const defaultLayers =
    publicIds ??
    (parsed.ok
      ? parsed.catalogue.layers.filter((layer) => layer.defaultVisible).map((layer) => layer.id)
      : []);
  const urlSync = new UrlSync(store, layerIds, defaultLayers);
  const urlProblems = [
    ...limited.problems,
    ...display.problems,
    ...urlSync.applyLocation().problems,
  ];
  const atlasConfig = loadAtlasConfig(mode);

  const planData = loadPlanData(publicIds === null ? undefined : new Set(publicIds));
  let base;
  try {
    base = await loadBaseMap();
  } catch (error) {
    base = null;
    store.getState().setLoadFailed(messageOf(error), []);
  }

  let mapView: MapView | null = null;
  let resolveMapView: (view: MapView) => void = () => undefined;
  const mapViewCreated = new Promise<MapView>((resolve) => {
    resolveMapView = resolve;
  });
  const baseMap = base;
  const createMap = (container: HTMLElement) => {
    if (baseMap === null) return { destroy: () => undefined };
    const view = new MapView({
      container,
      store,
      base: baseMap,
      attribution: dataAttribution(),
      testMode: __ATLAS_TEST_MODE__,
    });
    mapView = view;
    resolveMapView(view);
    return view;
  };

  const mapServices: MapServices = {
    renderImage: async (request) => (mapView ?? (await mapViewCreated)).renderImage(request),
  };

  createRoot(root).render(
    <StrictMode>
      <StoreProvider store={store}>
        <MapServicesProvider services={mapServices}>
          <CoverageCommandsContext.Provider value={coverageWiring.commands}>
            <ImportCommandsContext.Provider value={importWiring.commands}>
              <CorrectionCommandsContext.Provider value={corrections}>
                <App createMap={createMap} />
              </CorrectionCommandsContext.Provider>
            </ImportCommandsContext.Provider>
          </CoverageCommandsContext.Provider>
        </MapServicesProvider>
      </StoreProvider>
    </StrictMode>,
  );
  if (baseMap === null) return;

  try {
    const data = await planData;
    store.getState().setData(data.catalogue, data.collections, [...urlProblems, ...data.problems]);
    const { problems: laterProblems, hasSelection } = urlSync.applyLocation();
    const state = store.getState();
    if (hasSelection && state.selectedId === null) {
      const wanted = new URLSearchParams(window.location.search).get('sel') ?? '';
      if (selectFeatureById(state, wanted) === null && laterProblems.length === 0) {
        state.setData(data.catalogue, data.collections, [
          ...state.problems,
          {
            where: 'URL ?sel=',
            message: `No feature has the id “${wanted}”; nothing is selected.`,
            message_zh: `没有编号为“${wanted}”的要素；未选中任何要素。`,
          },
        ]);
      }
    }
  } catch (error) {
    store.getState().setLoadFailed(messageOf(error), problemsOf(error));
  }

  // React StrictMode mounts twice in development; always use the latest map view.
  const firstView = await mapViewCreated;
  const current = (): MapView => mapView ?? firstView;
  // This browser's corrections move their points before the map first draws them.
  if (store.getState().status === 'ready') await corrections?.restore();
  const { catalogue, collections } = store.getState();
  if (catalogue !== null) await current().showPlanData(catalogue, collections);
  window.atlas = createAtlasApi(
    store,
    current().map,
    () => current().whenReady(),
    coverageWiring.attach(current()),
    importWiring.importFile,
    () => corrections?.list() ?? [],
  );
  // A planner's saved imports come back in the planner's atlas only, not on the public or
  // embedded map opened in the same browser.
  if (persistent) {
    await importPersistence.restoreInto(importWiring.controller);
  }
  if (window.parent !== window) installEmbedBridge(store, window.atlas, window.parent);
  const { config, problems: configProblems } = await atlasConfig;
  store.getState().setOnlineBaseMaps(config.baseMaps, config.offlineApprovalNumber);
  const loaded = store.getState();
  if (configProblems.length > 0 && loaded.catalogue !== null) {
    loaded.setData(loaded.catalogue, loaded.collections, [...loaded.problems, ...configProblems]);
  }
}
