import type { FeatureCollection } from 'geojson';
import type { GeoJSONSource, LayerSpecification } from 'maplibre-gl';
import type { radiusCircle as RadiusCircle } from '../core/proximity/proximity';
import type { AppState } from '../state/app-store';
import type { MapPart, PlanLayerContext } from './plan-layer-context';

export const NEARBY_SOURCE_ID = 'atlas-nearby';

/** How much of a phone's height the public sheet takes after a pick (`.panel-peek` in app.css). */
const PICK_SHEET_SHARE = 0.4;
export const NEARBY_LAYER_IDS = {
  fill: 'atlas-nearby-fill',
  line: 'atlas-nearby-line',
  point: 'atlas-nearby-point',
} as const;

/** The nearby circle: a dashed ring (so it is not told by colour alone) and a centre dot. */
export function nearbyLayerStyle(): LayerSpecification[] {
  return [
    {
      id: NEARBY_LAYER_IDS.fill,
      type: 'fill',
      source: NEARBY_SOURCE_ID,
      filter: ['==', ['geometry-type'], 'Polygon'],
      paint: { 'fill-color': '#1a5fb4', 'fill-opacity': 0.06 },
    },
    {
      id: NEARBY_LAYER_IDS.line,
      type: 'line',
      source: NEARBY_SOURCE_ID,
      filter: ['==', ['geometry-type'], 'Polygon'],
      paint: { 'line-color': '#1a5fb4', 'line-width': 2, 'line-dasharray': [3, 2] },
    },
    {
      id: NEARBY_LAYER_IDS.point,
      type: 'circle',
      source: NEARBY_SOURCE_ID,
      filter: ['==', ['geometry-type'], 'Point'],
      paint: {
        'circle-radius': 6,
        'circle-color': '#1a5fb4',
        'circle-stroke-color': '#ffffff',
        'circle-stroke-width': 2,
      },
    },
  ];
}

const EMPTY: FeatureCollection = { type: 'FeatureCollection', features: [] };

/**
 * Draws “within 2 km of this point” from the store, fits the map to the circle, and in picking
 * mode turns the next map click into the point (the map view asks {@link NearbyLayer.handleClick}).
 */
export class NearbyLayer implements MapPart {
  private readonly unsubscribe: () => void;

  constructor(private readonly context: PlanLayerContext) {
    const { map } = context;
    map.addSource(NEARBY_SOURCE_ID, { type: 'geojson', data: EMPTY });
    for (const layer of nearbyLayerStyle()) map.addLayer(layer);
    this.draw(context.store.getState(), false);
    this.unsubscribe = context.store.subscribe((state, previous) => {
      if (state.nearby !== previous.nearby) this.draw(state, true);
      if (state.pickingNearbyPoint !== previous.pickingNearbyPoint) {
        map.getCanvas().style.cursor = state.pickingNearbyPoint ? 'crosshair' : '';
      }
    });
  }

  private radiusCircle: typeof RadiusCircle | null = null;

  /** Re-draws after the display datum changed. */
  redraw(): void {
    this.draw(this.context.store.getState(), false);
  }

  /** In picking mode, takes the click as the point and returns true; otherwise false. */
  handleClick(lngLat: { lng: number; lat: number }): boolean {
    const state = this.context.store.getState();
    if (!state.pickingNearbyPoint) return false;
    const [lon = 0, lat = 0] = this.context.display.fromDisplay([lngLat.lng, lngLat.lat]);
    state.setNearby([lon, lat], 'map-click');
    return true;
  }

  destroy(): void {
    this.unsubscribe();
  }

  private draw(state: AppState, fit: boolean): void {
    const { map, display } = this.context;
    const source = map.getSource<GeoJSONSource>(NEARBY_SOURCE_ID);
    if (source === undefined) return;
    if (state.nearby === null) {
      void source.setData(EMPTY);
      return;
    }
    const radiusCircle = this.radiusCircle;
    if (radiusCircle === null) {
      // The distance code comes with the first question, not with the map.
      void import('../core/proximity/proximity').then((module) => {
        this.radiusCircle = module.radiusCircle;
        const now = this.context.store.getState();
        if (now.nearby === state.nearby) this.draw(now, fit);
      });
      return;
    }
    const { point, radiusM } = state.nearby;
    const circle = display.feature(radiusCircle(point, radiusM));
    const centre = display.toDisplay([point[0], point[1]]);
    void source.setData({
      type: 'FeatureCollection',
      features: [
        circle,
        { type: 'Feature', properties: {}, geometry: { type: 'Point', coordinates: centre } },
      ],
    });
    if (fit && circle.geometry.type === 'Polygon') {
      const ring = circle.geometry.coordinates[0] ?? [];
      const lons = ring.map((position) => position[0] ?? 0);
      const lats = ring.map((position) => position[1] ?? 0);
      // On a phone a picked point's list opens as a sheet over the lower map: fit above it.
      const sheetTop = window.innerHeight * (1 - PICK_SHEET_SHARE);
      const covered =
        state.nearby.origin === 'map-click' && window.matchMedia('(width <= 720px)').matches
          ? Math.max(0, map.getContainer().getBoundingClientRect().bottom - sheetTop)
          : 0;
      map.fitBounds([Math.min(...lons), Math.min(...lats), Math.max(...lons), Math.max(...lats)], {
        padding: { top: 40, right: 40, left: 40, bottom: 40 + covered },
        animate: false,
      });
    }
  }
}
