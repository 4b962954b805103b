import type { Map as MaplibreMap } from 'maplibre-gl';
import type { PositionCorrection } from '../core/plan/position-corrections';
import { searchFeatures, type SearchResult } from '../core/search/search';
import {
  IMPORTED_SEARCH_LIMIT,
  searchableLayers,
  searchImported,
} from '../core/search/search-imported';
import type { AtlasCoverageApi } from './coverage-automation';
import type { AtlasImportFile } from './import-wiring';
import { selectAndReveal } from '../state/actions';
import type { AppStore } from '../state/app-store';
import { selectSearchIndex } from '../state/selectors';

/** One catalogue layer as `window.atlas.layers()` reports it. */
export interface AtlasLayerInfo {
  readonly id: string;
  readonly title: { readonly zh: string; readonly en: string };
  readonly theme: string;
  readonly visible: boolean;
  /** Features loaded for the layer; 0 when it failed to load. */
  readonly featureCount: number;
}

/**
 * A hit in an imported layer, as `atlas.search` lists it after the plan's hits (as the search box
 * does): `id` is `<layer id>#<feature index>`, which `atlas.select` accepts.
 */
export interface AtlasImportedSearchResult {
  readonly id: string;
  readonly layer: string;
  readonly layerName: string;
  readonly index: number;
  readonly name_zh: string;
  readonly name_en: string;
  readonly category: 'imported';
  readonly matched: 'imported';
  readonly score: 0;
}

/**
 * The atlas's automation surface, `window.atlas`: how tests, embedding pages and power users drive
 * it. Kept small and stable; everything returned is a plain, structured-cloneable object.
 */
export interface AtlasApi extends AtlasCoverageApi {
  /** The MapLibre map, for reading what is drawn. Prefer the methods below for changing state. */
  readonly map: MaplibreMap;
  /** Resolves when the plan data is loaded and the map has finished drawing it. */
  ready(): Promise<void>;
  /** Every catalogue layer, in catalogue order, with its visibility and feature count. */
  layers(): AtlasLayerInfo[];
  /** Shows exactly these layers, hides the rest; throws on an unknown id. Returns `layers()`. */
  setLayers(layerIds: readonly string[]): AtlasLayerInfo[];
  /** Selects a feature by id (switching its layer on and flying to it), or clears with null. */
  select(featureId: string | null): boolean;
  /**
   * Search as the search box does: plan places by Chinese, pinyin, pinyin initials or English (up
   * to `limit`), then names in imported layers (up to 5, or `limit` if smaller).
   */
  search(text: string, limit?: number): (SearchResult | AtlasImportedSearchResult)[];
  /**
   * Imports a file as the import panel does (GeoJSON, CSV/TSV, KML, zipped Shapefile, GeoTIFF):
   * resolves with the new layer's id (null when nothing was imported), how many features (or
   * population cells) were kept, and every problem with where it is. Never rejects on bad input.
   */
  importFile: AtlasImportFile;
  /**
   * The position corrections kept in this browser (planner mode), sorted by feature id: what
   * "我的位置纠正 / My corrections" lists and `corrections.csv` holds.
   */
  corrections(): Promise<PositionCorrection[]>;
}

declare global {
  interface Window {
    atlas?: AtlasApi;
  }
}

/** Builds the automation surface over the store and the map. */
export function createAtlasApi(
  store: AppStore,
  map: MaplibreMap,
  ready: () => Promise<void>,
  coverage: AtlasCoverageApi = unavailableCoverage('The coverage analysis needs the map view.'),
  importFile: AtlasImportFile = () => Promise.reject(new Error('Importing needs the map view.')),
  corrections: () => PositionCorrection[] = () => [],
): AtlasApi {
  const layers = (): AtlasLayerInfo[] => {
    const state = store.getState();
    return (state.catalogue?.layers ?? []).map((layer) => ({
      id: layer.id,
      title: { zh: layer.title.zh, en: layer.title.en },
      theme: layer.theme,
      visible: state.visibleLayers.has(layer.id),
      featureCount: state.collections[layer.id]?.features.length ?? 0,
    }));
  };
  return {
    ...coverage,
    importFile,
    corrections: () => Promise.resolve(corrections()),
    map,
    ready,
    layers,
    setLayers(layerIds) {
      const known = new Set(layers().map((layer) => layer.id));
      const unknown = layerIds.filter((id) => !known.has(id));
      if (unknown.length > 0) {
        throw new Error(
          `Unknown layer id(s): ${unknown.join(', ')}. Known ids: ${[...known].join(', ')}.`,
        );
      }
      store.getState().setVisibleLayers(layerIds);
      return layers();
    },
    select(featureId) {
      if (featureId === null) {
        store.getState().select(null);
        return true;
      }
      const imported = /^(import-.+)#(\d+)$/u.exec(featureId);
      if (imported !== null) {
        const [, layerId = '', index = '0'] = imported;
        const layer = store.getState().importedLayers.find((l) => l.id === layerId);
        if (layer?.features[Number(index)] === undefined) return false;
        store.getState().focusImported(layerId, Number(index));
        return true;
      }
      return selectAndReveal(store, featureId);
    },
    search(text, limit = 10) {
      const state = store.getState();
      const plan = searchFeatures(selectSearchIndex(state), text, limit).map((result) => ({
        ...result,
      }));
      const max = Number.isFinite(limit) ? Math.floor(limit) : 0;
      const imported = searchImported(
        searchableLayers(state.importedLayers),
        text,
        Math.min(IMPORTED_SEARCH_LIMIT, max),
      ).map((hit): AtlasImportedSearchResult => ({
        id: `${hit.layerId}#${String(hit.index)}`,
        layer: hit.layerId,
        layerName: hit.layerName,
        index: hit.index,
        name_zh: hit.label,
        name_en: hit.label,
        category: 'imported',
        matched: 'imported',
        score: 0,
      }));
      return [...plan, ...imported];
    },
  };
}

/** A coverage surface whose every verb rejects with `why` (no map, or the public map). */
export function unavailableCoverage(why: string): AtlasCoverageApi {
  const fail = () => Promise.reject(new Error(why));
  return {
    coverage: fail,
    coverageReport: fail,
    gaps: fail,
    setRule: fail,
    addNode: fail,
    moveNode: fail,
    removeNode: fail,
    undo: fail,
    redo: fail,
    suggest: fail,
    scenarios: fail,
    nodes: fail,
  };
}
