import type { StateCreator } from 'zustand';
import type { AppState } from './app-store';
import { createBaseMapSlice, type BaseMapSlice } from './base-map-slice';
import { createFeatureFilterSlice, type FeatureFilterSlice } from './feature-filter-slice';
import { createFeaturesInViewSlice, type FeaturesInViewSlice } from './features-in-view-slice';
import { createNearbySlice, type NearbySlice } from './nearby-slice';
import { createViewModeSlice, type ViewModeSlice } from './view-mode-slice';

/** The slices of public mode, filters, the map's text alternative, base maps and drawers. */
export type ViewSlices = ViewModeSlice &
  FeatureFilterSlice &
  FeaturesInViewSlice &
  NearbySlice &
  BaseMapSlice;

export const createViewSlices: StateCreator<AppState, [], [], ViewSlices> = (...args) => ({
  ...createViewModeSlice(...args),
  ...createFeatureFilterSlice(...args),
  ...createFeaturesInViewSlice(...args),
  ...createNearbySlice(...args),
  ...createBaseMapSlice(...args),
});
