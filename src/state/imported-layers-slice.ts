import type { Feature, Geometry } from 'geojson';
import type { StateCreator } from 'zustand';
import type { CensusComparison } from '../core/population/census-check';
import type {
  ImportDetected,
  ImportedDemand,
  ImportProblem,
  ImportProgress,
  ImportRole,
  PlacementReport,
} from '../core/import/import-types';
import type { AppState } from './app-store';

/** A layer the user brought in from a file, as the atlas shows and uses it. */
export interface ImportedLayer {
  /** `import-…`, unique in this browser. */
  readonly id: string;
  /** What the user calls it; starts as the file name. Always rendered as text. */
  readonly name: string;
  readonly fileName: string;
  readonly role: ImportRole;
  readonly visible: boolean;
  /** A CSS hex colour, `#rrggbb`. */
  readonly color: string;
  readonly detected: ImportDetected;
  readonly problems: readonly ImportProblem[];
  readonly features: readonly Feature<Geometry, Record<string, unknown>>[];
  readonly demand?: ImportedDemand;
  readonly importedAt: string;
}

/** The import in progress, or the outcome of the last one, for the import panel. */
export type ImportActivity =
  | { readonly kind: 'idle' }
  | { readonly kind: 'working'; readonly fileName: string; readonly progress: ImportProgress }
  | {
      readonly kind: 'done';
      readonly fileName: string;
      readonly layerId: string | null;
      readonly problems: readonly ImportProblem[];
      readonly refused: boolean;
      readonly featureCount: number;
      /** What was found about the file (even when refused): columns, sheets, header row. */
      readonly detected?: ImportDetected;
      /** Tables: how rows were placed, and the rows that could not be. */
      readonly placement?: PlacementReport | null;
    }
  | { readonly kind: 'cancelled'; readonly fileName: string }
  | { readonly kind: 'failed'; readonly fileName: string; readonly message: string };

export interface ImportedLayersSlice {
  readonly importedLayers: readonly ImportedLayer[];
  readonly importActivity: ImportActivity;
  /** Which imported layer, if any, supplies the coverage analysis's demand instead of the model. */
  readonly demandLayerId: string | null;
  /**
   * A layer refused as population because its total differs from the census by more than the
   * allowed factor: both totals and the ratio, shown with the override until it is used.
   */
  readonly demandTotalCheck: (CensusComparison & { readonly layerId: string }) | null;
  readonly setDemandTotalCheck: (
    check: (CensusComparison & { readonly layerId: string }) | null,
  ) => void;
  /** An imported feature to fly to and explain (from search); the map view consumes it. */
  readonly importedFocus: { readonly layerId: string; readonly index: number } | null;
  readonly addImportedLayer: (layer: ImportedLayer) => void;
  readonly updateImportedLayer: (
    id: string,
    patch: Partial<Pick<ImportedLayer, 'name' | 'visible' | 'color' | 'role'>>,
  ) => void;
  readonly removeImportedLayer: (id: string) => void;
  readonly setImportActivity: (activity: ImportActivity) => void;
  readonly setDemandLayerId: (id: string | null) => void;
  readonly focusImported: (layerId: string, index: number) => void;
}

export const createImportedLayersSlice: StateCreator<AppState, [], [], ImportedLayersSlice> = (
  set,
) => ({
  importedLayers: [],
  importActivity: { kind: 'idle' },
  demandLayerId: null,
  demandTotalCheck: null,
  importedFocus: null,
  addImportedLayer: (layer) =>
    set((state) => ({
      importedLayers: [...state.importedLayers.filter((other) => other.id !== layer.id), layer],
    })),
  updateImportedLayer: (id, patch) =>
    set((state) => ({
      importedLayers: state.importedLayers.map((layer) =>
        layer.id === id ? { ...layer, ...patch } : layer,
      ),
    })),
  removeImportedLayer: (id) =>
    set((state) => ({
      importedLayers: state.importedLayers.filter((layer) => layer.id !== id),
      demandLayerId: state.demandLayerId === id ? null : state.demandLayerId,
      demandTotalCheck: state.demandTotalCheck?.layerId === id ? null : state.demandTotalCheck,
    })),
  setImportActivity: (importActivity) => set({ importActivity }),
  setDemandLayerId: (demandLayerId) => set({ demandLayerId }),
  setDemandTotalCheck: (demandTotalCheck) => set({ demandTotalCheck }),
  focusImported: (layerId, index) =>
    set((state) => ({
      importedFocus: { layerId, index },
      importedLayers: state.importedLayers.map((layer) =>
        layer.id === layerId && !layer.visible ? { ...layer, visible: true } : layer,
      ),
    })),
});

/** Colours for imported layers, distinct from the plan's layer colours and readable on the base. */
const IMPORT_COLORS = ['#d6336c', '#0c8599', '#5f3dc4', '#e8590c', '#2b8a3e', '#1864ab'];

/** The colour of the n-th imported layer (0-based), cycling through {@link IMPORT_COLORS}. */
export function importColor(index: number): string {
  return IMPORT_COLORS[index % IMPORT_COLORS.length] ?? '#d6336c';
}
