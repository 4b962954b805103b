import type { StateCreator } from 'zustand';
import type { AppState } from './app-store';

/** The selected plan feature, and requests to bring a feature into view. */
export interface SelectionSlice {
  readonly selectedId: string | null;
  /**
   * Bumped each time a selection asks the map to fly to the feature (search, URL, automation);
   * a click on the map selects without moving it.
   */
  readonly focusRequest: { readonly featureId: string; readonly sequence: number } | null;
  readonly select: (featureId: string | null, options?: { readonly focus?: boolean }) => void;
}

export const createSelectionSlice: StateCreator<AppState, [], [], SelectionSlice> = (set) => ({
  selectedId: null,
  focusRequest: null,
  select: (featureId, options) =>
    set((state) => ({
      selectedId: featureId,
      focusRequest:
        featureId !== null && options?.focus === true
          ? { featureId, sequence: (state.focusRequest?.sequence ?? 0) + 1 }
          : state.focusRequest,
    })),
});
