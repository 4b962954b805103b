import type { GeoJSONSource, Map as MaplibreMap } from 'maplibre-gl';
import type { FeatureCollection } from 'geojson';
import type { AppState, AppStore } from '../state/app-store';

const SOURCE = 'atlas-measure';
const LINE = 'atlas-measure-line';
const POINTS = 'atlas-measure-points';

function measureData(points: readonly (readonly [number, number])[]): FeatureCollection {
  return {
    type: 'FeatureCollection',
    features: [
      ...(points.length >= 2
        ? [
            {
              type: 'Feature' as const,
              properties: {},
              geometry: { type: 'LineString' as const, coordinates: points.map((p) => [...p]) },
            },
          ]
        : []),
      ...points.map((p) => ({
        type: 'Feature' as const,
        properties: {},
        geometry: { type: 'Point' as const, coordinates: [...p] },
      })),
    ],
  };
}

/**
 * The distance-measuring tool on the map: while it is on, clicks add points (the map view sends
 * them here instead of selecting features) and the path between them is drawn on top.
 */
export class MeasureLayer {
  private readonly unsubscribe: () => void;

  constructor(
    private readonly map: MaplibreMap,
    private readonly store: AppStore,
  ) {
    this.unsubscribe = store.subscribe(this.onChange);
  }

  /** Takes a map click while measuring; false when the tool is off. */
  handleClick(lon: number, lat: number): boolean {
    if (this.store.getState().measurePoints === null) return false;
    this.store.getState().addMeasurePoint(lon, lat);
    return true;
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
      this.map.addSource(SOURCE, { type: 'geojson', data: measureData(points) });
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
    void source.setData(measureData(points));
  };
}
