import type { StateCreator } from 'zustand';
import type { AppState } from './app-store';

export type LegendSymbol = 'fill' | 'line' | 'circle';

/** One visible catalogue layer in the legend, read from the map's live style. */
export interface LegendItem {
  readonly layerId: string;
  readonly symbol: LegendSymbol;
  readonly entries: readonly {
    readonly value: string;
    readonly color: string;
    readonly zh: string;
    readonly en: string;
  }[];
  /** Whether the layer draws position-uncertainty halos around its points. */
  readonly showsUncertainty: boolean;
}

/** The legend as the map last drew it; the map view writes it, the legend panel reads it. */
export interface LegendSlice {
  readonly legend: readonly LegendItem[];
  readonly setLegend: (legend: readonly LegendItem[]) => void;
}

export const createLegendSlice: StateCreator<AppState, [], [], LegendSlice> = (set) => ({
  legend: [],
  setLegend: (legend) => set({ legend }),
});
