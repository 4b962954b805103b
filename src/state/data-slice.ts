import type { StateCreator } from 'zustand';
import type { Catalogue } from '../core/catalogue/catalogue';
import type { PlanFeatureCollection } from '../core/plan/plan-feature';
import type { Problem } from '../core/result';
import type { AppState } from './app-store';

export type LoadStatus = 'loading' | 'ready' | 'failed';

/** The embedded data once loaded: the catalogue and each catalogue layer's validated features. */
export interface DataSlice {
  readonly status: LoadStatus;
  readonly catalogue: Catalogue | null;
  /** Validated features by catalogue layer id; a layer that failed to load is absent. */
  readonly collections: Readonly<Record<string, PlanFeatureCollection>>;
  /** Everything wrong with the loaded data, each naming where; shown to the user, never dropped. */
  readonly problems: readonly Problem[];
  /** Why loading failed as a whole, in a sentence; null unless status is `failed`. */
  readonly loadError: string | null;
  readonly setData: (
    catalogue: Catalogue,
    collections: Readonly<Record<string, PlanFeatureCollection>>,
    problems: readonly Problem[],
  ) => void;
  readonly setLoadFailed: (message: string, problems: readonly Problem[]) => void;
}

export const createDataSlice: StateCreator<AppState, [], [], DataSlice> = (set) => ({
  status: 'loading',
  catalogue: null,
  collections: {},
  problems: [],
  loadError: null,
  setData: (catalogue, collections, problems) =>
    set({ status: 'ready', catalogue, collections, problems, loadError: null }),
  setLoadFailed: (message, problems) => set({ status: 'failed', loadError: message, problems }),
});
