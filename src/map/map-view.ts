import { bbox } from '@turf/turf';
import type { FeatureCollection } from 'geojson';
import {
  Map as MaplibreMap,
  NavigationControl,
  ScaleControl,
  prewarm,
  setWorkerUrl,
  type GeoJSONSource,
  type LngLatBoundsLike,
  type MapGeoJSONFeature,
  type MapMouseEvent,
} from 'maplibre-gl';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
import 'maplibre-gl/dist/maplibre-gl.css';
import type { Catalogue, Lang } from '../core/catalogue/catalogue';
import { NO_LABEL_ANCHORS, type LabelAnchors } from '../core/geo/label-anchors';
import type { PlanFeatureCollection } from '../core/plan/plan-feature';
import type { AppState, AppStore } from '../state/app-store';
import { selectFeatureById } from '../state/selectors';
import { BASE_LABEL_FIELDS, BASE_LAYER_IDS, baseStyle, type BaseMapData } from './base-style';
import { documentFontFaceRules, fontFacesFromRules } from './font-faces';
import { labelField, planLayerStyle, planSourceIds } from './layer-style';
import { legendFromStyle } from './legend';
import type { CoverageOverlay, CoverageOverlayEvents } from './coverage-overlay';
import { BaseMaps } from './base-maps';
import { neighbourAnchorsComplete, neighbourLabelPoints, planLabelPoints } from './label-source';
import { DisplayCoordinates } from './display-coordinates';
import type { MapImage, MapImageRequest } from './export-renderer';
import { FeaturesInView } from './features-in-view';
import { NearbyLayer } from './nearby-layer';
import type { ImportedLayers } from './imported-layers';
import type { MapPart, PlanLayerContext } from './plan-layer-context';
import { PlanLayerFilters } from './plan-layer-filters';
import type { MeasureLayer } from './measure-layer';

setWorkerUrl(workerUrl);

/**
 * Starts MapLibre's workers now, while the page still fetches its data, instead of when the map
 * is made after it: they load and compile their 149 KB gzip of code in the meantime.
 */
export function startMapWorkers(): void {
  prewarm();
}

/** Paint properties that make a style layer faint when plan layers are dimmed. */
type PaintName = Parameters<MaplibreMap['getPaintProperty']>[1];
type PaintValue = Parameters<MaplibreMap['setPaintProperty']>[2];
const DIMMABLE_PAINT: Partial<Record<string, readonly PaintName[]>> = {
  fill: ['fill-opacity'],
  line: ['line-opacity'],
  circle: ['circle-opacity', 'circle-stroke-opacity'],
  symbol: ['text-opacity'],
};
/** How much of its opacity a dimmed plan layer keeps. */
export const DIMMED_OPACITY_FACTOR = 0.25;

function dimmedValue(value: unknown): unknown {
  if (value === undefined) return DIMMED_OPACITY_FACTOR;
  if (typeof value === 'number') return value * DIMMED_OPACITY_FACTOR;
  // Zoom interpolations must stay at the top of an expression: scale each stop's output.
  if (Array.isArray(value) && value[0] === 'interpolate') {
    return value.map((part: unknown, i) =>
      i >= 4 && i % 2 === 0 ? ['*', DIMMED_OPACITY_FACTOR, part] : part,
    );
  }
  return ['*', DIMMED_OPACITY_FACTOR, value];
}

/** Chongqing municipality, west-south-east-north, with a little margin. */
export const CHONGQING_BOUNDS: LngLatBoundsLike = [105.2, 28.1, 110.25, 32.25];
/** The view may not leave this frame: the atlas never draws a national map. */
export const MAX_BOUNDS: LngLatBoundsLike = [102.5, 26.0, 113.0, 34.2];

export interface MapViewOptions {
  readonly container: HTMLElement;
  readonly store: AppStore;
  readonly base: BaseMapData;
  /** Attribution lines from `geodata/sources.json`, plain text. */
  readonly attribution: readonly string[];
  /** Test builds: no symbol fade, and a canvas whose pixels tests can read. */
  readonly testMode: boolean;
  /** The planner's parts of the map (planner-map-parts.ts); the public map has none. */
  readonly planner?: PlannerMapParts;
}

/** Makes the planner's parts of the map; given by the planner's start, not loaded otherwise. */
export interface PlannerMapParts {
  coverageOverlay(
    map: MaplibreMap,
    events: CoverageOverlayEvents,
    display: DisplayCoordinates,
  ): CoverageOverlay;
  importedLayers(context: PlanLayerContext): ImportedLayers;
  correctionLayer(context: PlanLayerContext, clearPopups: () => void): MapPart;
  measureLayer(map: MaplibreMap, store: AppStore, display: DisplayCoordinates): MeasureLayer;
}

function escapeHtml(text: string): string {
  return text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;');
}

/**
 * The one owner of the MapLibre map. It takes plain data, listens to the store through
 * `subscribe` (never through React renders), and writes back only selection clicks and the
 * legend it actually drew.
 */
export class MapView {
  readonly map: MaplibreMap;
  /** The coverage-gap layers (planner and embedded maps); shown once the analysis starts. */
  private readonly coverageOverlay: CoverageOverlay | null;
  /** Where coverage edits and clicks go; set by the coverage controller. */
  coverageEvents: CoverageOverlayEvents = {
    onNodeMoved: () => undefined,
    onNodeClicked: () => undefined,
    onMapClicked: () => undefined,
  };
  private readonly store: AppStore;
  private readonly styleLayerIds = new Map<string, string[]>();
  private readonly sourceOfFeature = new Map<string, string>();
  private interactiveLayerIds: string[] = [];
  private planLayersAdded = false;
  private selectedOnMap: { source: string; id: string } | null = null;
  private hoveredOnMap: { source: string; id: string } | null = null;
  /** Each plan style layer's opacity paint values as first drawn, to restore after dimming. */
  private readonly undimmedOpacity = new Map<string, Partial<Record<PaintName, unknown>>>();
  private readonly unsubscribe: () => void;
  /** Whether overlays are drawn shifted (GCJ-02 base maps); shared with the parts below. */
  private readonly display = new DisplayCoordinates();
  private parts: MapPart[] = [];
  private nearby: NearbyLayer | null = null;
  private readonly outline: BaseMapData['outline'];
  private readonly labelAnchors: LabelAnchors;
  private readonly measure: MeasureLayer | null;
  private readonly planner: PlannerMapParts | null;
  private readonly styleLoaded: Promise<void>;
  private resolvePlanLayers: () => void = () => undefined;
  private readonly planLayersReady = new Promise<void>((resolve) => {
    this.resolvePlanLayers = resolve;
  });

  constructor(options: MapViewOptions) {
    this.store = options.store;
    this.outline = options.base.outline;
    this.labelAnchors = options.base.labelAnchors ?? NO_LABEL_ANCHORS;
    const lang = this.store.getState().lang;
    this.map = new MaplibreMap({
      container: options.container,
      style: baseStyle(options.base, fontFacesFromRules(documentFontFaceRules(document)), lang),
      bounds: CHONGQING_BOUNDS,
      fitBoundsOptions: { padding: 24 },
      maxBounds: MAX_BOUNDS,
      hash: 'map',
      attributionControl: {
        compact: true,
        customAttribution: options.attribution.map(escapeHtml),
      },
      dragRotate: false,
      pitchWithRotate: false,
      // Test builds check every style change against the style specification (so the e2e tests
      // catch a bad layer from any part of the map); the unit tests validate the whole style, and
      // the production build skips validating it again on each phone (about 0.1 s of start-up).
      validateStyle: options.testMode,
      ...(options.testMode
        ? { fadeDuration: 0, canvasContextAttributes: { preserveDrawingBuffer: true } }
        : {}),
    });
    this.map.touchZoomRotate.disableRotation();
    this.map.addControl(new NavigationControl({ showCompass: false }), 'top-right');
    this.map.addControl(new ScaleControl({ unit: 'metric', maxWidth: 120 }), 'bottom-left');
    this.map.once('load', () => {
      // Compact attribution starts expanded and would cover the south of the municipality;
      // start collapsed behind its (i) button, which still lists every source.
      options.container
        .querySelector('.maplibregl-ctrl-attrib')
        ?.classList.remove('maplibregl-compact-show');
    });
    // The plan layers join the style as soon as it is parsed, not after the base map's first
    // full drawing ('load'): the worker reads all sources in one go and the map draws once.
    this.styleLoaded = new Promise((resolve) => {
      this.map.once('style.load', () => {
        resolve();
      });
    });
    if (!neighbourAnchorsComplete(options.base.neighbours, this.labelAnchors)) {
      void this.computeNeighbourLabels(options.base.neighbours);
    }
    this.planner = options.planner ?? null;
    this.coverageOverlay =
      this.planner?.coverageOverlay(
        this.map,
        {
          onNodeMoved: (id, lon, lat) => {
            this.coverageEvents.onNodeMoved(id, lon, lat);
          },
          onNodeClicked: (id) => {
            this.coverageEvents.onNodeClicked(id);
          },
          onMapClicked: (lon, lat) => {
            this.coverageEvents.onMapClicked(lon, lat);
          },
        },
        this.display,
      ) ?? null;
    this.measure = this.planner?.measureLayer(this.map, this.store, this.display) ?? null;
    this.map.on('click', this.onClick);
    this.map.on('mousemove', this.onMouseMove);
    this.unsubscribe = this.store.subscribe(this.onStoreChange);
  }

  /** Labels the neighbouring provinces the build stored no anchor for (a data file edited since). */
  private async computeNeighbourLabels(neighbours: FeatureCollection): Promise<void> {
    const [{ labelAnchor }] = await Promise.all([
      import('../core/geo/label-points'),
      this.styleLoaded,
    ]);
    const points = neighbourLabelPoints(neighbours, (feature) => labelAnchor(feature.geometry));
    void this.map.getSource<GeoJSONSource>('base-neighbours-labels')?.setData(points);
  }

  /** Adds the plan layers once the data is loaded; later calls do nothing. */
  async showPlanData(
    catalogue: Catalogue,
    collections: Readonly<Record<string, PlanFeatureCollection>>,
  ): Promise<void> {
    await this.styleLoaded;
    if (this.planLayersAdded) return;
    const lang = this.store.getState().lang;
    for (const layer of catalogue.layers) {
      const collection = collections[layer.id];
      if (collection === undefined) continue;
      const sources = planSourceIds(layer.id);
      this.map.addSource(sources.features, { type: 'geojson', data: collection, promoteId: 'id' });
      this.map.addSource(sources.labels, {
        type: 'geojson',
        data: planLabelPoints(collection, this.labelAnchors, (points) => {
          void this.map
            .getSource<GeoJSONSource>(sources.labels)
            ?.setData(this.display.collection(points));
        }),
        promoteId: 'id',
      });
      for (const feature of collection.features)
        this.sourceOfFeature.set(feature.properties.id, sources.features);
      const styleLayers = planLayerStyle(layer, lang);
      for (const styleLayer of styleLayers) {
        // Area fills go under the rivers and the municipal outline so both stay readable.
        const beforeId = styleLayer.type === 'fill' ? BASE_LAYER_IDS.rivers : undefined;
        this.map.addLayer(styleLayer, beforeId);
      }
      this.styleLayerIds.set(
        layer.id,
        styleLayers.map((styleLayer) => styleLayer.id),
      );
    }
    this.raiseLabels(catalogue);
    this.interactiveLayerIds = [...this.styleLayerIds.values()]
      .flat()
      .filter((id) => !id.endsWith('-uncertainty'))
      .reverse();
    this.planLayersAdded = true;
    const context = {
      map: this.map,
      store: this.store,
      catalogue,
      styleLayerIds: this.styleLayerIds,
      display: this.display,
      labelAnchors: this.labelAnchors,
    };
    this.nearby = new NearbyLayer(context);
    const nearby = this.nearby;
    const imported = this.planner?.importedLayers(context) ?? null;
    const featuresInView = new FeaturesInView(context);
    const corrections =
      this.planner?.correctionLayer(context, () => {
        this.coverageOverlay?.closeMessage();
      }) ?? null;
    this.parts = [
      ...(imported === null ? [] : [imported]),
      new PlanLayerFilters(context),
      featuresInView,
      ...(corrections === null ? [] : [corrections]),
      nearby,
      new BaseMaps(context, this.outline, () => {
        nearby.redraw();
        imported?.redraw();
        featuresInView.update();
        this.coverageOverlay?.redraw();
        this.measure?.redraw();
      }),
    ];
    const state = this.store.getState();
    this.applyVisibility(state.visibleLayers);
    this.applySelection(state.selectedId);
    if (state.planDimmed) this.applyDim(true);
    if (state.focusRequest !== null) this.focusFeature(state.focusRequest.featureId, false);
    this.resolvePlanLayers();
  }

  /** Resolves once the plan layers are on the map and it has finished drawing them. */
  async whenReady(): Promise<void> {
    await this.planLayersReady;
    await new Promise<void>((resolve) => {
      this.map.once('idle', () => {
        resolve();
      });
      this.map.triggerRepaint();
    });
  }

  /** Style layer ids that draw each catalogue layer. */
  styleLayersOf(catalogueLayerId: string): readonly string[] {
    return this.styleLayerIds.get(catalogueLayerId) ?? [];
  }

  /** The coverage-gap layers; only the planner's and the embedded map have them. */
  get coverage(): CoverageOverlay {
    if (this.coverageOverlay === null) throw new Error('The public map has no coverage layers.');
    return this.coverageOverlay;
  }

  /** Draws the current view again at print size (see export-renderer.ts, loaded for it). */
  async renderImage(request: MapImageRequest): Promise<MapImage> {
    const { renderMapImage } = await import('./export-renderer');
    return renderMapImage(this.map, request);
  }

  destroy(): void {
    this.unsubscribe();
    this.measure?.destroy();
    for (const part of this.parts) part.destroy();
    this.map.remove();
  }

  private readonly onStoreChange = (state: AppState, previous: AppState): void => {
    if (!this.planLayersAdded) return;
    if (state.visibleLayers !== previous.visibleLayers) this.applyVisibility(state.visibleLayers);
    if (state.lang !== previous.lang) this.applyLanguage(state.lang);
    if (state.selectedId !== previous.selectedId) this.applySelection(state.selectedId);
    if (state.planDimmed !== previous.planDimmed) this.applyDim(state.planDimmed);
    if (state.focusRequest !== null && state.focusRequest !== previous.focusRequest) {
      this.focusFeature(state.focusRequest.featureId, true);
    }
  };

  private applyVisibility(visible: ReadonlySet<string>): void {
    for (const [catalogueId, ids] of this.styleLayerIds) {
      const value = visible.has(catalogueId) ? 'visible' : 'none';
      for (const id of ids) {
        if (this.map.getLayoutProperty(id, 'visibility') !== value) {
          this.map.setLayoutProperty(id, 'visibility', value);
        }
      }
    }
    this.store.getState().setLegend(legendFromStyle(this.map.getStyle()));
  }

  /**
   * Names above every point symbol: point names first, area names (区县 and the like) on top in
   * catalogue order, so a district's name wins the label collision and no dot is drawn over it.
   */
  private raiseLabels(catalogue: Catalogue): void {
    const points = catalogue.layers.filter((layer) => layer.geometry === 'point');
    const areas = catalogue.layers.filter((layer) => layer.geometry !== 'point').reverse();
    for (const layer of [...points, ...areas]) {
      const id = `${layer.id}-label`;
      if (this.map.getLayer(id) !== undefined) this.map.moveLayer(id);
    }
  }

  /** Draws every plan style layer at a quarter of its opacity, or as it was. */
  private applyDim(dimmed: boolean): void {
    for (const ids of this.styleLayerIds.values()) {
      for (const id of ids) {
        const layer = this.map.getLayer(id);
        if (layer === undefined) continue;
        const properties = DIMMABLE_PAINT[layer.type] ?? [];
        let original = this.undimmedOpacity.get(id);
        if (original === undefined) {
          original = {};
          for (const property of properties) {
            // undefined: the style's default (opacity 1), restored by setting undefined again.
            original[property] = this.map.getPaintProperty(id, property);
          }
          this.undimmedOpacity.set(id, original);
        }
        for (const property of properties) {
          const value = original[property];
          const next = dimmed ? dimmedValue(value) : value;
          this.map.setPaintProperty(id, property, next as PaintValue);
        }
      }
    }
  }

  private applyLanguage(lang: Lang): void {
    for (const ids of this.styleLayerIds.values()) {
      for (const id of ids) {
        if (id.endsWith('-label'))
          this.map.setLayoutProperty(id, 'text-field', ['get', labelField(lang)]);
      }
    }
    for (const [id, fields] of Object.entries(BASE_LABEL_FIELDS)) {
      this.map.setLayoutProperty(id, 'text-field', ['get', fields[lang]]);
    }
  }

  private applySelection(featureId: string | null): void {
    if (this.selectedOnMap !== null) {
      this.map.setFeatureState(this.selectedOnMap, { selected: false });
      this.selectedOnMap = null;
    }
    if (featureId === null) return;
    const source = this.sourceOfFeature.get(featureId);
    if (source === undefined) return;
    this.selectedOnMap = { source, id: featureId };
    this.map.setFeatureState(this.selectedOnMap, { selected: true });
  }

  private focusFeature(featureId: string, animate: boolean): void {
    const feature = selectFeatureById(this.store.getState(), featureId);
    if (feature === null) return;
    const [west, south, east, north] = bbox(this.display.feature(feature));
    // On a phone the feature's details cover the lower half: keep the feature above them
    // (MapLibre keeps that padding for later camera moves while the sheet is up).
    const sheet = window.matchMedia('(width <= 720px)').matches
      ? Math.round(this.map.getContainer().clientHeight * 0.55)
      : 0;
    if (feature.geometry.type === 'Point') {
      this.map.flyTo({
        center: [west, south],
        zoom: Math.max(this.map.getZoom(), 11),
        ...(sheet > 0 ? { padding: { top: 0, right: 0, left: 0, bottom: sheet } } : {}),
        animate,
        essential: true,
      });
    } else {
      this.map.fitBounds([west, south, east, north], {
        padding: { top: 60, right: 60, left: 60, bottom: 60 + sheet },
        maxZoom: 12,
        animate,
      });
    }
  }

  private topFeatureAt(event: MapMouseEvent): MapGeoJSONFeature | undefined {
    const layers = this.interactiveLayerIds.filter(
      (id) => this.map.getLayoutProperty(id, 'visibility') !== 'none',
    );
    if (layers.length === 0) return undefined;
    const { x, y } = event.point;
    const found = this.map.queryRenderedFeatures(
      [
        [x - 4, y - 4],
        [x + 4, y + 4],
      ],
      { layers },
    );
    // Points and labels sit above the areas that contain them; prefer what the user aimed at.
    return (
      found.find((feature) => feature.layer.type === 'circle' || feature.layer.type === 'symbol') ??
      found[0]
    );
  }

  private readonly onClick = (event: MapMouseEvent): void => {
    if (this.measure?.handleClick(event.lngLat.lng, event.lngLat.lat) === true) return;
    if (this.nearby?.handleClick(event.lngLat) === true) return;
    if (this.coverageOverlay?.isShown() === true) {
      const onNode = this.coverageOverlay.handleClick(event);
      if (onNode || this.store.getState().addNodeMode) return;
    }
    const feature = this.topFeatureAt(event);
    const id: unknown = feature?.properties['id'];
    this.store.getState().select(typeof id === 'string' ? id : null);
  };

  private readonly onMouseMove = (event: MapMouseEvent): void => {
    if (this.store.getState().measurePoints !== null) return;
    const feature = this.topFeatureAt(event);
    this.map.getCanvas().style.cursor = feature === undefined ? '' : 'pointer';
    const id: unknown = feature?.properties['id'];
    const source = typeof id === 'string' ? this.sourceOfFeature.get(id) : undefined;
    const hovered = source === undefined || typeof id !== 'string' ? null : { source, id };
    if (hovered?.id === this.hoveredOnMap?.id) return;
    if (this.hoveredOnMap !== null) this.map.setFeatureState(this.hoveredOnMap, { hover: false });
    this.hoveredOnMap = hovered;
    if (hovered !== null) this.map.setFeatureState(hovered, { hover: true });
  };

  /** The GeoJSON source drawing a catalogue layer's features (for tests and automation). */
  sourceOf(catalogueLayerId: string): GeoJSONSource | undefined {
    return this.map.getSource<GeoJSONSource>(planSourceIds(catalogueLayerId).features);
  }
}
