import type {
  GeoJSONSource,
  ImageSource,
  Map as MaplibreMap,
  LngLat,
  MapGeoJSONFeature,
  MapLayerMouseEvent,
  MapLayerTouchEvent,
  MapMouseEvent,
  MapTouchEvent,
} from 'maplibre-gl';
import { Popup } from 'maplibre-gl';
import type { FeatureCollection, Point } from 'geojson';
import type { CoverageRule } from '../core/coverage/coverage-rule';
import { RasterImage, type RasterPatch, type RasterUpdate } from '../core/gap-map/raster-patch';
import type { ScenarioNode } from '../core/scenario/scenario';
import { candidateLayers, COVERAGE_IDS, coverageLayers } from './coverage-style';
import type { DisplayCoordinates } from './display-coordinates';
import { radiusInMetres } from './layer-style';

/** What the overlay reports back: edits and clicks, in map coordinates. */
export interface CoverageOverlayEvents {
  /** A node was dragged and dropped at a new place. */
  onNodeMoved(id: string, lon: number, lat: number): void;
  /** A node was clicked (selected). */
  onNodeClicked(id: string): void;
  /** The map was clicked where no node is. */
  onMapClicked(lon: number, lat: number): void;
}

/** Where a plan site was drawn and how uncertain that position is. */
export interface NodeUncertainty {
  readonly lon: number;
  readonly lat: number;
  readonly uncertaintyM: number;
}

function nodeCollection(
  nodes: readonly ScenarioNode[],
  display: DisplayCoordinates,
  uncertainty: ReadonlyMap<string, NodeUncertainty> = new Map(),
): FeatureCollection<Point> {
  // A node keeps its stated uncertainty while it stands where the plan put it (u, metres).
  const u = (node: ScenarioNode): number => {
    const known = uncertainty.get(node.id);
    return known !== undefined && known.lon === node.lon && known.lat === node.lat
      ? known.uncertaintyM
      : 0;
  };
  // Only what the layers and the pointer handlers read (the feature id is promoted from `id`):
  // MapLibre copies every property of 200,000 nodes twice on this thread and once in its worker.
  return {
    type: 'FeatureCollection',
    features: nodes.map((node) => ({
      type: 'Feature',
      geometry: { type: 'Point', coordinates: display.toDisplay([node.lon, node.lat]) },
      properties: { id: node.id, origin: node.origin, u: u(node) },
    })),
  };
}

/**
 * The coverage layers on the atlas map: the gap raster (one image, repainted by the worker), the
 * nodes with their urban and rural radius, and dragging nodes. Owned by MapView; it never reads the
 * store, it is told what to show. Everything it is told and reports is WGS 84; over a GCJ-02 base
 * map it draws shifted (the raster by its corners: the shift varies by metres across the city).
 */
export class CoverageOverlay {
  private dragging: { id: string; lon: number; lat: number; moved: boolean } | null = null;
  private nodes: readonly ScenarioNode[] = [];
  private selectedId: string | null = null;
  private popup: Popup | null = null;
  /** The gap raster as the worker last sent it, kept whole here and patched after node edits. */
  private readonly raster = new RasterImage();
  /** The same pixels (one buffer) as handed to the image source. */
  private image: ImageData | null = null;

  constructor(
    private readonly map: MaplibreMap,
    private readonly events: CoverageOverlayEvents,
    private readonly display: DisplayCoordinates,
  ) {}

  /** Draws nodes and raster again after the display datum changed. */
  redraw(): void {
    this.setNodes(this.nodes);
    this.uploadWhole();
  }

  private toWgs84(lngLat: { lng: number; lat: number }): [number, number] {
    const [lon = 0, lat = 0] = this.display.fromDisplay([lngLat.lng, lngLat.lat]);
    return [lon, lat];
  }

  /** Adds sources and layers (below the plan's point layers) if they are not there yet. */
  show(rule: CoverageRule, beforeLayerId: string | undefined): void {
    if (this.map.getSource(COVERAGE_IDS.nodeSource) !== undefined) return;
    this.map.addSource(COVERAGE_IDS.gapSource, {
      type: 'image',
      url: 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=',
      coordinates: [
        [105, 32],
        [110, 32],
        [110, 28],
        [105, 28],
      ],
    });
    this.map.addSource(COVERAGE_IDS.nodeSource, {
      type: 'geojson',
      data: nodeCollection(this.nodes, this.display, this.uncertainty),
      promoteId: 'id',
    });
    this.map.addSource(COVERAGE_IDS.candidateSource, {
      type: 'geojson',
      data: { type: 'FeatureCollection', features: [] },
    });
    const layers = coverageLayers(rule);
    const [gapLayer, ...nodeLayers] = layers;
    if (gapLayer !== undefined) this.map.addLayer(gapLayer, beforeLayerId);
    for (const layer of nodeLayers) this.map.addLayer(layer);
    for (const layer of candidateLayers()) this.map.addLayer(layer);
    this.map.on('mousedown', COVERAGE_IDS.nodeCircle, (event: MapLayerMouseEvent) => {
      this.startDrag(event);
    });
    this.map.on('touchstart', COVERAGE_IDS.nodeCircle, (event: MapLayerTouchEvent) => {
      this.startDrag(event);
    });
    this.map.on('mouseenter', COVERAGE_IDS.nodeCircle, this.onEnter);
    this.map.on('mouseleave', COVERAGE_IDS.nodeCircle, this.onLeave);
  }

  isShown(): boolean {
    return this.map.getSource(COVERAGE_IDS.nodeSource) !== undefined;
  }

  /**
   * Brings the gap raster up to date with a worker update: a whole raster replaces the image, a
   * patch is written into it and only its rectangle is uploaded to the GPU. Returns false when the
   * patch was cut from another raster than the one held (an update was missed): the caller then
   * fetches the whole raster.
   */
  updateRaster(update: RasterUpdate): boolean {
    const change = this.raster.apply(update);
    switch (change.kind) {
      case 'stale':
        return false;
      case 'none':
        return true;
      case 'full': {
        const raster = this.raster.raster;
        this.image =
          raster === null
            ? null
            : new ImageData(
                raster.pixels as Uint8ClampedArray<ArrayBuffer>,
                raster.width,
                raster.height,
              );
        this.uploadWhole();
        return true;
      }
      case 'patch':
        this.uploadPatch(change.patch);
        return true;
    }
  }

  /** Hands the whole image to the image source (MapLibre uploads it on its next frame). */
  private uploadWhole(): void {
    const raster = this.raster.raster;
    const source = this.map.getSource<ImageSource>(COVERAGE_IDS.gapSource);
    if (source === undefined || raster === null || this.image === null) return;
    source.updateImage({
      image: this.image,
      coordinates: raster.coordinates.map(([lon, lat]) => {
        const [x = lon, y = lat] = this.display.toDisplay([lon, lat]);
        return [x, y];
      }) as [[number, number], [number, number], [number, number], [number, number]],
    });
  }

  /**
   * Uploads one rectangle of the image into the texture MapLibre draws the gap map from
   * (`texSubImage2D` through its texture's `update` with a position: MapLibre has no public
   * sub-region update for an image source). The held image already carries the patch, so if the
   * texture is not there yet, or is not of this image, the whole image is handed over instead.
   */
  private uploadPatch(patch: RasterPatch): void {
    const source = this.map.getSource<ImageSource>(COVERAGE_IDS.gapSource);
    if (source === undefined || this.image === null) return;
    const texture = source.texture;
    if (
      texture === null ||
      source.image !== this.image ||
      texture.size[0] !== this.image.width ||
      texture.size[1] !== this.image.height ||
      typeof texture.update !== 'function'
    ) {
      this.uploadWhole();
      return;
    }
    texture.update(
      new ImageData(patch.pixels as Uint8ClampedArray<ArrayBuffer>, patch.width, patch.height),
      null,
      { x: patch.x, y: patch.y },
    );
    this.map.triggerRepaint();
    // For tests and measurements: how much of the raster an edit uploaded.
    performance.mark('atlas:gap-patch', { detail: { width: patch.width, height: patch.height } });
  }

  /** Suggested sites as numbered markers, each labelled with its rank and expected gain. */
  setCandidates(sites: readonly { lon: number; lat: number; label: string }[]): void {
    void this.map.getSource<GeoJSONSource>(COVERAGE_IDS.candidateSource)?.setData({
      type: 'FeatureCollection',
      features: sites.map((site, index) => ({
        type: 'Feature',
        geometry: { type: 'Point', coordinates: this.display.toDisplay([site.lon, site.lat]) },
        properties: { rank: index + 1, label: site.label },
      })),
    });
  }

  setNodes(nodes: readonly ScenarioNode[]): void {
    this.nodes = nodes;
    void this.map
      .getSource<GeoJSONSource>(COVERAGE_IDS.nodeSource)
      ?.setData(nodeCollection(nodes, this.display, this.uncertainty));
  }

  private uncertainty: ReadonlyMap<string, NodeUncertainty> = new Map();

  /**
   * The plan sites' drawn points and uncertainty: a node standing there shows its uncertainty disc
   * faintly while hovered or selected.
   */
  setNodeUncertainty(sites: readonly (NodeUncertainty & { readonly id: string })[]): void {
    this.uncertainty = new Map(sites.map((site) => [site.id, site]));
    this.setNodes(this.nodes);
  }

  setRule(rule: CoverageRule): void {
    if (!this.isShown()) return;
    this.map.setPaintProperty(
      COVERAGE_IDS.urbanRing,
      'circle-radius',
      radiusInMetres(rule.urbanRadius),
    );
    this.map.setPaintProperty(
      COVERAGE_IDS.ruralRing,
      'circle-radius',
      radiusInMetres(rule.ruralRadius),
    );
  }

  setSelectedNode(id: string | null): void {
    if (!this.isShown()) return;
    if (this.selectedId !== null) {
      this.map.setFeatureState(
        { source: COVERAGE_IDS.nodeSource, id: this.selectedId },
        { selected: false },
      );
    }
    this.selectedId = id;
    if (id !== null)
      this.map.setFeatureState({ source: COVERAGE_IDS.nodeSource, id }, { selected: true });
  }

  /** Shows one sentence at a place, as text (never HTML). */
  showMessage(lon: number, lat: number, text: string): void {
    this.popup?.remove();
    const element = document.createElement('div');
    element.className = 'coverage-popup';
    for (const line of text.split('\n')) {
      const paragraph = document.createElement('p');
      paragraph.textContent = line;
      element.append(paragraph);
    }
    const [x = lon, y = lat] = this.display.toDisplay([lon, lat]);
    this.popup = new Popup({ closeButton: true, maxWidth: '280px' })
      .setLngLat([x, y])
      .setDOMContent(element)
      .addTo(this.map);
  }

  /** Closes the sentence shown by {@link showMessage}, if any. */
  closeMessage(): void {
    this.popup?.remove();
    this.popup = null;
  }

  /** True when the click hit a coverage node (the map view then leaves the click alone). */
  handleClick(event: MapMouseEvent): boolean {
    if (!this.isShown()) return false;
    const hit = this.map.queryRenderedFeatures(event.point, {
      layers: [COVERAGE_IDS.nodeCircle],
    })[0];
    const id: unknown = hit?.properties['id'];
    if (typeof id === 'string') {
      this.events.onNodeClicked(id);
      return true;
    }
    const [lon, lat] = this.toWgs84(event.lngLat);
    this.events.onMapClicked(lon, lat);
    return false;
  }

  private hoveredId: string | number | null = null;

  private readonly onEnter = (event: MapLayerMouseEvent): void => {
    this.map.getCanvas().style.cursor = 'move';
    const id = event.features?.[0]?.id;
    if (id === undefined) return;
    this.hoveredId = id;
    this.map.setFeatureState({ source: COVERAGE_IDS.nodeSource, id }, { hover: true });
  };

  private readonly onLeave = (): void => {
    if (this.dragging === null) this.map.getCanvas().style.cursor = '';
    if (this.hoveredId !== null) {
      this.map.setFeatureState(
        { source: COVERAGE_IDS.nodeSource, id: this.hoveredId },
        { hover: false },
      );
      this.hoveredId = null;
    }
  };

  private startDrag(event: {
    readonly lngLat: LngLat;
    readonly features?: MapGeoJSONFeature[] | undefined;
    preventDefault(): void;
  }): void {
    const feature = event.features?.[0];
    const id: unknown = feature?.properties['id'];
    if (typeof id !== 'string') return;
    event.preventDefault();
    const [lon, lat] = this.toWgs84(event.lngLat);
    this.dragging = { id, lon, lat, moved: false };
    this.map.dragPan.disable();
    this.map.on('mousemove', this.onDragMove);
    this.map.on('touchmove', this.onDragMove);
    this.map.once('mouseup', this.onDragEnd);
    this.map.once('touchend', this.onDragEnd);
  }

  private readonly onDragMove = (event: MapMouseEvent | MapTouchEvent): void => {
    if (this.dragging === null) return;
    const [lon, lat] = this.toWgs84(event.lngLat);
    this.dragging = { ...this.dragging, lon, lat, moved: true };
    // Only the dragged node goes to the map's worker on each move, not every node of the
    // scenario (200,000 in a big one); the drop sends the new node set once (setNodes).
    void this.map.getSource<GeoJSONSource>(COVERAGE_IDS.nodeSource)?.updateData({
      update: [
        {
          id: this.dragging.id,
          newGeometry: { type: 'Point', coordinates: this.display.toDisplay([lon, lat]) },
        },
      ],
    });
  };

  private readonly onDragEnd = (): void => {
    const dragged = this.dragging;
    this.dragging = null;
    this.map.off('mousemove', this.onDragMove);
    this.map.off('touchmove', this.onDragMove);
    this.map.dragPan.enable();
    this.map.getCanvas().style.cursor = '';
    if (dragged?.moved === true) this.events.onNodeMoved(dragged.id, dragged.lon, dragged.lat);
  };
}
