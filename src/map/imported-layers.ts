import type { Feature, FeatureCollection, Geometry, Position } from 'geojson';
import {
  Popup,
  type GeoJSONSource,
  type LayerSpecification,
  type MapGeoJSONFeature,
  type MapMouseEvent,
} from 'maplibre-gl';
import type { AppState } from '../state/app-store';
import type { ImportedLayer } from '../state/imported-layers-slice';
import type { Lang } from '../core/catalogue/catalogue';
import { isAddressPlacementKey } from '../core/import/address-placement';
import { describeAddressPlacement } from '../core/plan/describe';
import { MAP_FONT_FAMILY } from './font-faces';
import type { MapPart, PlanLayerContext } from './plan-layer-context';

const PREFIX = 'atlas-import-';
/** Properties shown in an imported feature's popup, at most; the rest are in the exported file. */
const POPUP_PROPERTIES = 12;

/** Style layer ids drawing one imported layer. */
export function importedStyleLayerIds(layerId: string): {
  fill: string;
  line: string;
  point: string;
  cluster: string;
  clusterCount: string;
} {
  return {
    fill: `${PREFIX}${layerId}-fill`,
    line: `${PREFIX}${layerId}-line`,
    point: `${PREFIX}${layerId}-point`,
    cluster: `${PREFIX}${layerId}-cluster`,
    clusterCount: `${PREFIX}${layerId}-cluster-count`,
  };
}

/**
 * Layers with at least this many points are clustered below zoom 12: drawing 200,000 circles at
 * the whole-city view blocks the page for seconds (software WebGL measured 1.5 s per frame), and
 * a person reads a count better than a smear at that scale.
 */
export const CLUSTER_FROM_POINTS = 20_000;

function pointCount(layer: ImportedLayer): number {
  let count = 0;
  for (const feature of layer.features) if (feature.geometry.type === 'Point') count += 1;
  return count;
}

export function importedSourceId(layerId: string): string {
  return `${PREFIX}${layerId}`;
}

/** Areas, lines and points of one imported layer, in its colour; points ringed in white. */
export function importedLayerStyle(layer: ImportedLayer): LayerSpecification[] {
  const ids = importedStyleLayerIds(layer.id);
  const source = importedSourceId(layer.id);
  const visibility = layer.visible ? 'visible' : 'none';
  return [
    {
      id: ids.fill,
      type: 'fill',
      source,
      filter: ['==', ['geometry-type'], 'Polygon'],
      layout: { visibility },
      paint: { 'fill-color': layer.color, 'fill-opacity': 0.25 },
    },
    {
      id: ids.line,
      type: 'line',
      source,
      filter: ['!=', ['geometry-type'], 'Point'],
      layout: { visibility },
      paint: { 'line-color': layer.color, 'line-width': 2 },
    },
    {
      id: ids.point,
      type: 'circle',
      source,
      filter: ['all', ['==', ['geometry-type'], 'Point'], ['!', ['has', 'point_count']]],
      layout: { visibility },
      paint: {
        'circle-radius': ['interpolate', ['linear'], ['zoom'], 6, 3, 12, 6],
        'circle-color': layer.color,
        'circle-stroke-color': '#ffffff',
        'circle-stroke-width': 1.5,
      },
    },
    {
      // Clusters (only in clustered sources): a disc growing with the number of points.
      id: ids.cluster,
      type: 'circle',
      source,
      filter: ['has', 'point_count'],
      layout: { visibility },
      paint: {
        'circle-radius': ['step', ['get', 'point_count'], 8, 100, 12, 1000, 17, 10000, 23],
        'circle-color': layer.color,
        'circle-opacity': 0.75,
        'circle-stroke-color': '#ffffff',
        'circle-stroke-width': 2,
      },
    },
    {
      id: ids.clusterCount,
      type: 'symbol',
      source,
      filter: ['has', 'point_count'],
      layout: {
        visibility,
        'text-field': ['get', 'point_count_abbreviated'],
        'text-font': [MAP_FONT_FAMILY],
        'text-size': 11,
        'text-allow-overlap': true,
      },
      paint: { 'text-color': '#ffffff', 'text-halo-color': '#000000', 'text-halo-width': 0.6 },
    },
  ];
}

/** What is drawn for a layer: its features, or for a population raster its outline only. */
function drawnFeatures(layer: ImportedLayer): FeatureCollection {
  if (layer.demand === undefined) {
    // Geometry and index only: MapLibre copies what it is given into its worker, and the popup
    // reads the properties from the store by index.
    return {
      type: 'FeatureCollection',
      features: layer.features.map((feature, index) => ({
        type: 'Feature',
        geometry: feature.geometry,
        properties: { i: index },
      })),
    };
  }
  const { lon, lat } = layer.demand;
  let west = Infinity;
  let south = Infinity;
  let east = -Infinity;
  let north = -Infinity;
  for (let unit = 0; unit < lon.length; unit += 1) {
    const x = lon[unit] ?? 0;
    const y = lat[unit] ?? 0;
    if (x < west) west = x;
    if (x > east) east = x;
    if (y < south) south = y;
    if (y > north) north = y;
  }
  const ring: Position[] = [
    [west, south],
    [east, south],
    [east, north],
    [west, north],
    [west, south],
  ];
  return {
    type: 'FeatureCollection',
    features: [
      { type: 'Feature', properties: {}, geometry: { type: 'LineString', coordinates: ring } },
    ],
  };
}

/**
 * The feature's properties as text lines; values are strings put into text nodes, never HTML. A
 * row placed from its address starts with how it was placed, in words and in `lang`.
 */
export function popupLines(
  feature: Feature<Geometry, Record<string, unknown>>,
  lang: Lang = 'zh',
): string[] {
  const placement = describeAddressPlacement(feature.properties, lang);
  const entries = Object.entries(feature.properties).filter(
    ([key]) => placement === null || !isAddressPlacementKey(key),
  );
  const lines = entries.slice(0, POPUP_PROPERTIES).map(([key, value]) => {
    const text = typeof value === 'string' ? value : JSON.stringify(value);
    return `${key}: ${text.length > 200 ? `${text.slice(0, 200)}…` : text}`;
  });
  return placement === null ? lines : [placement, ...lines];
}

function anchorOf(geometry: Geometry): Position | null {
  switch (geometry.type) {
    case 'Point':
      return geometry.coordinates;
    case 'MultiPoint':
    case 'LineString':
      return geometry.coordinates[0] ?? null;
    case 'MultiLineString':
    case 'Polygon':
      return geometry.coordinates[0]?.[0] ?? null;
    case 'MultiPolygon':
      return geometry.coordinates[0]?.[0]?.[0] ?? null;
    case 'GeometryCollection': {
      const first = geometry.geometries[0];
      return first === undefined ? null : anchorOf(first);
    }
  }
}

/**
 * Draws the user's imported layers above the plan layers: one GeoJSON source each (set once per
 * import, never per edit), visibility and colour from the store, a text-only popup on click, and
 * a fly-to when search picks an imported feature.
 */
export class ImportedLayers implements MapPart {
  private readonly unsubscribe: () => void;
  private readonly drawn = new Map<string, ImportedLayer>();
  private popup: Popup | null = null;

  constructor(private readonly context: PlanLayerContext) {
    this.sync(context.store.getState());
    this.unsubscribe = context.store.subscribe((state, previous) => {
      if (state.importedLayers !== previous.importedLayers) this.sync(state);
      if (state.importedFocus !== null && state.importedFocus !== previous.importedFocus) {
        this.focus(state, state.importedFocus.layerId, state.importedFocus.index);
      }
    });
  }

  /** Re-draws after the display datum changed (GCJ-02 base maps). */
  redraw(): void {
    for (const layer of this.drawn.values()) this.setData(layer);
  }

  destroy(): void {
    this.unsubscribe();
    this.popup?.remove();
  }

  private setData(layer: ImportedLayer): void {
    const source = this.context.map.getSource<GeoJSONSource>(importedSourceId(layer.id));
    void source?.setData(this.context.display.collection(drawnFeatures(layer)));
  }

  private sync(state: AppState): void {
    const { map } = this.context;
    const wanted = new Map(state.importedLayers.map((layer) => [layer.id, layer]));
    for (const [id, layer] of this.drawn) {
      if (wanted.has(id)) continue;
      for (const styleId of Object.values(importedStyleLayerIds(layer.id))) {
        if (map.getLayer(styleId) !== undefined) map.removeLayer(styleId);
      }
      if (map.getSource(importedSourceId(id)) !== undefined) map.removeSource(importedSourceId(id));
      this.drawn.delete(id);
    }
    for (const layer of state.importedLayers) {
      const before = this.drawn.get(layer.id);
      if (before === layer) continue;
      const ids = importedStyleLayerIds(layer.id);
      if (before === undefined) {
        map.addSource(importedSourceId(layer.id), {
          type: 'geojson',
          data: { type: 'FeatureCollection', features: [] },
          ...(pointCount(layer) >= CLUSTER_FROM_POINTS
            ? { cluster: true, clusterMaxZoom: 11, clusterRadius: 40 }
            : {}),
        });
        this.drawn.set(layer.id, layer);
        this.setData(layer);
        for (const styleLayer of importedLayerStyle(layer)) map.addLayer(styleLayer);
        map.on('click', ids.point, this.onClick);
        map.on('click', ids.line, this.onClick);
        map.on('click', ids.fill, this.onClick);
        map.on('click', ids.cluster, this.onClusterClick);
        continue;
      }
      this.drawn.set(layer.id, layer);
      const visibility = layer.visible ? 'visible' : 'none';
      for (const styleId of Object.values(ids)) {
        map.setLayoutProperty(styleId, 'visibility', visibility);
      }
      if (before.color !== layer.color) {
        map.setPaintProperty(ids.fill, 'fill-color', layer.color);
        map.setPaintProperty(ids.line, 'line-color', layer.color);
        map.setPaintProperty(ids.point, 'circle-color', layer.color);
        map.setPaintProperty(ids.cluster, 'circle-color', layer.color);
      }
    }
  }

  private readonly onClick = (event: MapMouseEvent & { features?: MapGeoJSONFeature[] }): void => {
    const hit = event.features?.[0];
    if (hit === undefined) return;
    const layerId = hit.layer.id.slice(PREFIX.length).replace(/-(fill|line|point)$/, '');
    const layer = this.drawn.get(layerId);
    const raw: unknown = hit.properties['i'];
    const index = typeof raw === 'number' ? raw : -1;
    const feature = layer?.features[index];
    if (layer === undefined || feature === undefined) return;
    this.showPopup(layer, feature, [event.lngLat.lng, event.lngLat.lat]);
  };

  /** A click on a cluster zooms in until it comes apart. */
  private readonly onClusterClick = (
    event: MapMouseEvent & { features?: MapGeoJSONFeature[] },
  ): void => {
    const hit = event.features?.[0];
    const clusterId: unknown = hit?.properties['cluster_id'];
    if (hit === undefined || typeof clusterId !== 'number') return;
    const source = this.context.map.getSource<GeoJSONSource>(hit.source);
    void source?.getClusterExpansionZoom(clusterId).then((zoom) => {
      this.context.map.easeTo({ center: event.lngLat, zoom });
    });
  };

  private focus(state: AppState, layerId: string, index: number): void {
    const layer = state.importedLayers.find((candidate) => candidate.id === layerId);
    const feature = layer?.features[index];
    if (layer === undefined || feature === undefined) return;
    const anchor = anchorOf(feature.geometry);
    if (anchor === null) return;
    const shown = this.context.display.toDisplay(anchor);
    const centre: [number, number] = [shown[0] ?? 0, shown[1] ?? 0];
    this.context.map.jumpTo({ center: centre, zoom: Math.max(this.context.map.getZoom(), 12) });
    this.showPopup(layer, feature, centre);
  }

  private showPopup(
    layer: ImportedLayer,
    feature: Feature<Geometry, Record<string, unknown>>,
    at: [number, number],
  ): void {
    const body = document.createElement('div');
    body.className = 'imported-popup';
    const title = document.createElement('strong');
    title.textContent = layer.name;
    body.append(title);
    for (const line of popupLines(feature, this.context.store.getState().lang)) {
      const row = document.createElement('div');
      row.textContent = line;
      body.append(row);
    }
    this.popup?.remove();
    this.popup = new Popup({ closeButton: true, maxWidth: '300px' })
      .setLngLat(at)
      .setDOMContent(body)
      .addTo(this.context.map);
  }
}
