import type { FeatureCollection } from 'geojson';
import type { GeoJSONSource, LayerSpecification, SourceSpecification } from 'maplibre-gl';
import { OFFLINE_BASE_MAP_ID, type OnlineBaseMap } from '../core/base-map/base-map-config';
import type { AppState } from '../state/app-store';
import { BASE_LAYER_IDS } from './base-style';
import { planLabelPoints } from './label-source';
import { planSourceIds } from './layer-style';
import type { MapPart, PlanLayerContext } from './plan-layer-context';

/** Offline base layers hidden while an online base map draws its own land, water and names. */
const OFFLINE_ONLY_LAYERS: readonly string[] = [
  BASE_LAYER_IDS.neighboursFill,
  BASE_LAYER_IDS.neighboursLine,
  BASE_LAYER_IDS.neighboursLabel,
  BASE_LAYER_IDS.outlineFill,
  BASE_LAYER_IDS.rivers,
  BASE_LAYER_IDS.riverLabels,
];

/** MapLibre shows source attribution as HTML; configured text must arrive as text. */
export function escapeAttribution(text: string): string {
  return text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;');
}

/** Source and style layer ids of an online base map: one raster source per tile layer. */
export function onlineBaseMapStyle(baseMap: OnlineBaseMap): {
  sources: Record<string, SourceSpecification>;
  layers: LayerSpecification[];
} {
  const sources: Record<string, SourceSpecification> = {};
  const layers: LayerSpecification[] = [];
  baseMap.layers.forEach((tiles, index) => {
    const id = `basemap-${baseMap.id}-${String(index)}`;
    sources[id] = {
      type: 'raster',
      tiles: [...tiles],
      tileSize: baseMap.tileSize,
      maxzoom: baseMap.maxzoom,
      // Only the first layer carries the attribution, so it is listed once.
      ...(index === 0 ? { attribution: escapeAttribution(baseMap.attribution) } : {}),
    };
    layers.push({ id, type: 'raster', source: id, layout: { visibility: 'none' } });
  });
  return { sources, layers };
}

/**
 * Switches between the embedded offline base map and the configured online ones. Over GCJ-02
 * tiles it shifts every overlay (plan layers, their labels, the municipal outline) into GCJ-02 so
 * they sit on the tiles' streets; the UI says so.
 */
export class BaseMaps implements MapPart {
  private readonly added = new Set<string>();
  private readonly unsubscribe: () => void;
  private shownId = OFFLINE_BASE_MAP_ID;

  constructor(
    private readonly context: PlanLayerContext,
    private readonly outline: FeatureCollection,
    private readonly onDatumChange: () => void,
  ) {
    this.apply(context.store.getState());
    this.unsubscribe = context.store.subscribe((state, previous) => {
      if (
        state.baseMapId !== previous.baseMapId ||
        state.onlineBaseMaps !== previous.onlineBaseMaps
      ) {
        this.apply(state);
      }
    });
  }

  destroy(): void {
    this.unsubscribe();
  }

  private apply(state: AppState): void {
    const { map, display } = this.context;
    const chosen = state.onlineBaseMaps.find((baseMap) => baseMap.id === state.baseMapId) ?? null;
    if (chosen !== null && !this.added.has(chosen.id)) {
      const { sources, layers } = onlineBaseMapStyle(chosen);
      for (const [id, source] of Object.entries(sources)) map.addSource(id, source);
      for (const layer of layers) map.addLayer(layer, BASE_LAYER_IDS.neighboursFill);
      this.added.add(chosen.id);
    }
    for (const layer of map.getStyle().layers) {
      if (!layer.id.startsWith('basemap-')) continue;
      const visible = chosen !== null && layer.id.startsWith(`basemap-${chosen.id}-`);
      map.setLayoutProperty(layer.id, 'visibility', visible ? 'visible' : 'none');
    }
    for (const id of OFFLINE_ONLY_LAYERS) {
      if (map.getLayer(id) !== undefined) {
        map.setLayoutProperty(id, 'visibility', chosen === null ? 'visible' : 'none');
      }
    }
    this.shownId = chosen?.id ?? OFFLINE_BASE_MAP_ID;
    const datum = chosen?.datum ?? 'wgs84';
    if (datum !== display.datum) {
      display.setDatum(datum);
      this.reproject(state);
      this.onDatumChange();
    }
  }

  /** The base map drawn now. */
  get currentId(): string {
    return this.shownId;
  }

  private reproject(state: AppState): void {
    const { map, display, catalogue } = this.context;
    for (const layer of catalogue.layers) {
      const collection = state.collections[layer.id];
      if (collection === undefined) continue;
      const ids = planSourceIds(layer.id);
      const shown = display.collection(collection);
      void map.getSource<GeoJSONSource>(ids.features)?.setData(shown);
      const setLabels = (points: FeatureCollection) => {
        void map.getSource<GeoJSONSource>(ids.labels)?.setData(display.collection(points));
      };
      setLabels(planLabelPoints(collection, this.context.labelAnchors, setLabels));
    }
    void map.getSource<GeoJSONSource>('base-outline')?.setData(display.collection(this.outline));
  }
}
