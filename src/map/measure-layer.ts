import type { GeoJSONSource, Map as MaplibreMap } from 'maplibre-gl';
import type { FeatureCollection } from 'geojson';
import type { AppState, AppStore } from '../state/app-store';
import type { DisplayCoordinates } from './display-coordinates';

const SOURCE = 'atlas-measure';
const LINE = 'atlas-measure-line';
const POINTS = 'atlas-measure-points';

/** The path as drawn: `points` are WGS 84 (what the distance is measured on), shifted for display. */
function measureData(
  points: readonly (readonly [number, number])[],
  display: DisplayCoordinates,
): FeatureCollection {
  const drawn = points.map((p) => display.toDisplay([...p]));
  return {
    type: 'FeatureCollection',
    features: [
      ...(points.length >= 2
        ? [
            {
              type: 'Feature' as const,
              properties: {},
              geometry: { type: 'LineString' as const, coordinates: drawn },
            },
          ]
        : []),
      ...drawn.map((coordinates) => ({
        type: 'Feature' as const,
        properties: {},
        geometry: { type: 'Point' as const, coordinates },
      })),
    ],
  };
}

/**
 * The distance-measuring tool on the map: while it is on, clicks add points (the map view sends
 * them here instead of selecting features) and the path between them is drawn on top. Points are
 * kept in WGS 84 like all data, so over GCJ-02 tiles a click is shifted back before it is measured
 * and the path is shifted for drawing (display-coordinates.ts).
 */
export class MeasureLayer {
  private readonly unsubscribe: () => void;

  constructor(
    private readonly map: MaplibreMap,
    private readonly store: AppStore,
    private readonly display: DisplayCoordinates,
  ) {
    this.unsubscribe = store.subscribe(this.onChange);
  }

  /** Takes a map click (as drawn) while measuring; false when the tool is off. */
  handleClick(lon: number, lat: number): boolean {
    if (this.store.getState().measurePoints === null) return false;
    const [wgsLon = lon, wgsLat = lat] = this.display.fromDisplay([lon, lat]);
    this.store.getState().addMeasurePoint(wgsLon, wgsLat);
    return true;
  }

  /** Draws the path again after the display datum changed. */
  redraw(): void {
    const source = this.map.getSource<GeoJSONSource>(SOURCE);
    if (source !== undefined) {
      void source.setData(measureData(this.store.getState().measurePoints ?? [], this.display));
    }
  }

  destroy(): void {
    this.unsubscribe();
  }

  private readonly onChange = (state: AppState, previous: AppState): void => {
    if (state.measurePoints === previous.measurePoints) return;
    const points = state.measurePoints ?? [];
    this.map.getCanvas().style.cursor = state.measurePoints === null ? '' : 'crosshair';
    const source = this.map.getSource<GeoJSONSource>(SOURCE);
    if (source === undefined) {
      if (points.length === 0) return;
      this.map.addSource(SOURCE, { type: 'geojson', data: measureData(points, this.display) });
      this.map.addLayer({
        id: LINE,
        type: 'line',
        source: SOURCE,
        paint: { 'line-color': '#1b1b1b', 'line-width': 2.5, 'line-dasharray': [3, 1.5] },
      });
      this.map.addLayer({
        id: POINTS,
        type: 'circle',
        source: SOURCE,
        filter: ['==', ['geometry-type'], 'Point'],
        paint: {
          'circle-radius': 4.5,
          'circle-color': '#ffffff',
          'circle-stroke-color': '#1b1b1b',
          'circle-stroke-width': 2,
        },
      });
      return;
    }
    void source.setData(measureData(points, this.display));
  };
}
