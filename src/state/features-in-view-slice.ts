import type { StateCreator } from 'zustand';
import type { AppState } from './app-store';

/**
 * The text alternative of the map: ids of the plan features drawn in the current view, by layer,
 * written by the map view each time the map stops moving (`moveend`) or what it draws changes.
 */
export interface FeaturesInViewSlice {
  /** Catalogue layer id → ids of its features in view, in no particular order. */
  readonly featuresInView: Readonly<Record<string, readonly string[]>>;
  readonly setFeaturesInView: (features: Readonly<Record<string, readonly string[]>>) => void;
}

export const createFeaturesInViewSlice: StateCreator<AppState, [], [], FeaturesInViewSlice> = (
  set,
) => ({
  featuresInView: {},
  setFeaturesInView: (featuresInView) => set({ featuresInView }),
});
