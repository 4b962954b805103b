import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { parseCatalogue } from './core/catalogue/catalogue';
import { publicLayerIds } from './core/public-map/public-layers';
import { limitAddress, parseDisplayParams } from './core/url/url-state';
import type { Problem } from './core/result';
import { MapView, startMapWorkers } from './map/map-view';
import { createAppStore } from './state/app-store';
import { selectFeatureById } from './state/selectors';
import { StoreProvider } from './state/store-context';
import { PublicApp } from './ui/public-mode/public-app';
import { MapServicesProvider, type MapServices } from './ui/export-map/map-services';
import catalogueJson from '../geodata/catalogue.json';
import { createAtlasApi, unavailableCoverage } from './app/automation';
import { loadAtlasConfig } from './app/load-atlas-config';
import { loadBaseMap, loadPlanData } from './app/load-data';
import { loadErrorMessage } from './core/data-load-error';
import { dataAttribution } from './core/catalogue/data-attribution';
import { UrlSync } from './app/url-sync';
import { loadLanguage } from './i18n/i18n';

const PUBLIC_HAS_NO_ANALYSIS =
  'The public map (?mode=public) has no coverage analysis or imports: open the planners’ atlas.';

/** A failed load in both languages, for the status bar. */
function failureOf(error: unknown): { message: string; message_zh: string } {
  return { message: loadErrorMessage(error, 'en'), message_zh: loadErrorMessage(error, 'zh') };
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
  // The public map carries no analysis, imports or corrections: their code (and the planner's
  // layout) is fetched only by the planner's and the embedded atlas, alongside the data.
  const publicOnly = mode === 'public' && !display.embedded;
  const plannerParts = publicOnly
    ? Promise.resolve(null)
    : import('./start-planner').then((module) => module.createPlannerParts(store, persistent));
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
  // A link in English fetches the English words alongside the data, before the first render.
  const language = loadLanguage(store.getState().lang);

  const planData = loadPlanData(publicIds === null ? undefined : new Set(publicIds));
  startMapWorkers();
  let base;
  try {
    base = await loadBaseMap();
  } catch (error) {
    base = null;
    store.getState().setLoadFailed(failureOf(error), []);
  }

  const planner = await plannerParts;
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
      ...(planner === null ? {} : { planner: planner.mapParts }),
    });
    mapView = view;
    resolveMapView(view);
    return view;
  };

  const mapServices: MapServices = {
    renderImage: async (request) => (mapView ?? (await mapViewCreated)).renderImage(request),
  };

  await language;
  // The planner's messages came with its code; in English they are fetched now if not yet.
  await loadLanguage(store.getState().lang);
  createRoot(root).render(
    <StrictMode>
      <StoreProvider store={store}>
        <MapServicesProvider services={mapServices}>
          {planner === null ? <PublicApp createMap={createMap} /> : planner.render(createMap)}
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
    store.getState().setLoadFailed(failureOf(error), problemsOf(error));
  }

  // React StrictMode mounts twice in development; always use the latest map view.
  const firstView = await mapViewCreated;
  const current = (): MapView => mapView ?? firstView;
  // This browser's corrections move their points before the map first draws them.
  if (store.getState().status === 'ready') await planner?.restoreCorrections();
  const { catalogue, collections } = store.getState();
  if (catalogue !== null) await current().showPlanData(catalogue, collections);
  const plannerApi = planner?.attach(current());
  window.atlas = createAtlasApi(
    store,
    current().map,
    () => current().whenReady(),
    plannerApi?.coverage ?? unavailableCoverage(PUBLIC_HAS_NO_ANALYSIS),
    plannerApi?.importFile ?? (() => Promise.reject(new Error(PUBLIC_HAS_NO_ANALYSIS))),
    plannerApi?.corrections,
  );
  await planner?.restoreImports();
  if (window.parent !== window) {
    // Only a framed atlas answers a parent page; a top-level one does not carry the bridge.
    const { installEmbedBridge } = await import('./app/embed-bridge');
    installEmbedBridge(store, window.atlas, window.parent);
  }
  const { config, problems: configProblems } = await atlasConfig;
  store.getState().setOnlineBaseMaps(config.baseMaps, config.offlineApprovalNumber);
  const loaded = store.getState();
  if (configProblems.length > 0 && loaded.catalogue !== null) {
    loaded.setData(loaded.catalogue, loaded.collections, [...loaded.problems, ...configProblems]);
  }
}
