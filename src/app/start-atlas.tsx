import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { parseCatalogue } from '../core/catalogue/catalogue';
import type { Problem } from '../core/result';
import { MapView } from '../map/map-view';
import { createAppStore } from '../state/app-store';
import { selectFeatureById } from '../state/selectors';
import { StoreProvider } from '../state/store-context';
import { App } from '../ui/app';
import catalogueJson from '../../geodata/catalogue.json';
import { createAtlasApi } from './automation';
import { dataAttribution, loadBaseMap, loadPlanData } from './load-data';
import { UrlSync } from './url-sync';

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
 * Starts the atlas in `root`: reads the URL, renders the UI, loads the embedded base map and plan
 * data, hands them to the one map view, and installs `window.atlas`.
 */
export async function startAtlas(root: HTMLElement): Promise<void> {
  const store = createAppStore();
  const parsed = parseCatalogue(catalogueJson);
  const layerIds = parsed.ok ? parsed.catalogue.layers.map((layer) => layer.id) : [];
  const defaultLayers = parsed.ok
    ? parsed.catalogue.layers.filter((layer) => layer.defaultVisible).map((layer) => layer.id)
    : [];
  const urlSync = new UrlSync(store, layerIds, defaultLayers);
  const urlProblems = urlSync.applyLocation().problems;

  const planData = loadPlanData();
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

  createRoot(root).render(
    <StrictMode>
      <StoreProvider store={store}>
        <App createMap={createMap} />
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
  const { catalogue, collections } = store.getState();
  if (catalogue !== null) await current().showPlanData(catalogue, collections);
  window.atlas = createAtlasApi(store, current().map, () => current().whenReady());
}
