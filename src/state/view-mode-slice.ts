import type { StateCreator } from 'zustand';
import type { AppState } from './app-store';

/** Who the atlas is set up for: planners (every layer and tool) or the public (consumption spaces). */
export type AtlasMode = 'planner' | 'public';

/** Side drawers over the map. */
export type AtlasDrawer = 'dashboard' | 'plan-text';

/** Modal dialogs. */
export type AtlasDialog = 'export' | 'embed';

/**
 * How the atlas presents itself: mode, whether it runs embedded in another page, which drawer or
 * dialog is open, and requests to show a feature's sentence in the plan text.
 */
export interface ViewModeSlice {
  readonly mode: AtlasMode;
  /** `?embed=1`: map only, no side panels or tools. */
  readonly embedded: boolean;
  readonly drawer: AtlasDrawer | null;
  readonly dialog: AtlasDialog | null;
  /** Bumped each time someone asks the plan text to show the sentence naming a feature. */
  readonly planTextRequest: { readonly featureId: string; readonly sequence: number } | null;
  readonly setMode: (mode: AtlasMode, embedded: boolean) => void;
  readonly openDrawer: (drawer: AtlasDrawer | null) => void;
  readonly openDialog: (dialog: AtlasDialog | null) => void;
  /** Opens the plan text at the sentence that names the feature. */
  readonly showInPlanText: (featureId: string) => void;
}

export const createViewModeSlice: StateCreator<AppState, [], [], ViewModeSlice> = (set) => ({
  mode: 'planner',
  embedded: false,
  drawer: null,
  dialog: null,
  planTextRequest: null,
  setMode: (mode, embedded) => set({ mode, embedded }),
  openDrawer: (drawer) => set({ drawer }),
  openDialog: (dialog) => set({ dialog }),
  showInPlanText: (featureId) =>
    set((state) => ({
      drawer: 'plan-text',
      planTextRequest: { featureId, sequence: (state.planTextRequest?.sequence ?? 0) + 1 },
    })),
});
