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
  /**
   * Why loading failed as a whole, in a sentence in English and, where known, in Chinese; null
   * unless status is `failed`.
   */
  readonly loadError: { readonly message: string; readonly message_zh?: string } | null;
  readonly setData: (
    catalogue: Catalogue,
    collections: Readonly<Record<string, PlanFeatureCollection>>,
    problems: readonly Problem[],
  ) => void;
  readonly setLoadFailed: (
    error: { readonly message: string; readonly message_zh?: string },
    problems: readonly Problem[],
  ) => void;
}

export const createDataSlice: StateCreator<AppState, [], [], DataSlice> = (set) => ({
  status: 'loading',
  catalogue: null,
  collections: {},
  problems: [],
  loadError: null,
  setData: (catalogue, collections, problems) =>
    set({ status: 'ready', catalogue, collections, problems, loadError: null }),
  setLoadFailed: (error, problems) => set({ status: 'failed', loadError: error, problems }),
});
