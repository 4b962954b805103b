import type { StateCreator } from 'zustand';
import type { AppState } from './app-store';

/** Which catalogue layers are switched on. */
export interface LayersSlice {
  readonly visibleLayers: ReadonlySet<string>;
  readonly setLayerVisible: (layerId: string, visible: boolean) => void;
  /** Shows exactly these layers and hides all others. */
  readonly setVisibleLayers: (layerIds: Iterable<string>) => void;
  /** Plan layers drawn faint, so an analysis result on top of them reads clearly. */
  readonly planDimmed: boolean;
  readonly setPlanDimmed: (dimmed: boolean) => void;
  /** The distance-measuring tool: the clicked points (lon, lat), or null when it is off. */
  readonly measurePoints: readonly (readonly [number, number])[] | null;
  readonly setMeasuring: (on: boolean) => void;
  readonly addMeasurePoint: (lon: number, lat: number) => void;
  readonly clearMeasurePoints: () => void;
}

export const createLayersSlice: StateCreator<AppState, [], [], LayersSlice> = (set) => ({
  visibleLayers: new Set<string>(),
  setLayerVisible: (layerId, visible) =>
    set((state) => {
      if (state.visibleLayers.has(layerId) === visible) return {};
      const next = new Set(state.visibleLayers);
      if (visible) next.add(layerId);
      else next.delete(layerId);
      return { visibleLayers: next };
    }),
  setVisibleLayers: (layerIds) => set({ visibleLayers: new Set(layerIds) }),
  planDimmed: false,
  setPlanDimmed: (planDimmed) => set({ planDimmed }),
  measurePoints: null,
  setMeasuring: (on) => set({ measurePoints: on ? [] : null }),
  addMeasurePoint: (lon, lat) =>
    set((state) =>
      state.measurePoints === null ? {} : { measurePoints: [...state.measurePoints, [lon, lat]] },
    ),
  clearMeasurePoints: () =>
    set((state) => (state.measurePoints === null ? {} : { measurePoints: [] })),
});
