import type { StateCreator } from 'zustand';
import type { PlanStatus } from '../core/plan/plan-feature';
import type { AppState } from './app-store';

/**
 * Which features of the visible layers are drawn: by plan status (planner mode) and by category
 * (public mode). The map view turns this into MapLibre filters on the plan layers.
 */
export interface FeatureFilterSlice {
  /** Statuses shown; null = all (no filter). */
  readonly shownStatuses: ReadonlySet<PlanStatus> | null;
  /** Categories hidden, as `layerId/category`. */
  readonly hiddenCategories: ReadonlySet<string>;
  readonly setShownStatuses: (statuses: Iterable<PlanStatus> | null) => void;
  readonly setCategoryHidden: (layerId: string, category: string, hidden: boolean) => void;
}

/** Themes whose layers are the frame of the map (一区两群, 区县): never filtered by status. */
export const STATUS_FILTER_EXEMPT_THEMES: readonly string[] = ['framework'];

/** The key of a category in {@link FeatureFilterSlice.hiddenCategories}. */
export function categoryKey(layerId: string, category: string): string {
  return `${layerId}/${category}`;
}

export const createFeatureFilterSlice: StateCreator<AppState, [], [], FeatureFilterSlice> = (
  set,
) => ({
  shownStatuses: null,
  hiddenCategories: new Set<string>(),
  setShownStatuses: (statuses) =>
    set({ shownStatuses: statuses === null ? null : new Set(statuses) }),
  setCategoryHidden: (layerId, category, hidden) =>
    set((state) => {
      const key = categoryKey(layerId, category);
      if (state.hiddenCategories.has(key) === hidden) return {};
      const next = new Set(state.hiddenCategories);
      if (hidden) next.add(key);
      else next.delete(key);
      return { hiddenCategories: next };
    }),
});
