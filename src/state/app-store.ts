import { createStore, type StoreApi } from 'zustand/vanilla';
import { createCorrectionsSlice, type CorrectionsSlice } from './corrections-slice';
import { createCoverageSlice, type CoverageSlice } from './coverage-slice';
import { createDataSlice, type DataSlice } from './data-slice';
import { createImportedLayersSlice, type ImportedLayersSlice } from './imported-layers-slice';
import { createLanguageSlice, type LanguageSlice } from './language-slice';
import { createLayersSlice, type LayersSlice } from './layers-slice';
import { createLegendSlice, type LegendSlice } from './legend-slice';
import { createSelectionSlice, type SelectionSlice } from './selection-slice';
import { createViewSlices, type ViewSlices } from './view-slices';

/** The one store of the app, in slices by concern; actions live beside their state. */
export type AppState = DataSlice &
  LayersSlice &
  SelectionSlice &
  LanguageSlice &
  LegendSlice &
  CoverageSlice &
  ImportedLayersSlice &
  CorrectionsSlice &
  ViewSlices;
export type AppStore = StoreApi<AppState>;

/** A fresh store; tests make one each. */
export function createAppStore(): AppStore {
  return createStore<AppState>()((...args) => ({
    ...createDataSlice(...args),
    ...createLayersSlice(...args),
    ...createSelectionSlice(...args),
    ...createLanguageSlice(...args),
    ...createLegendSlice(...args),
    ...createCoverageSlice(...args),
    ...createImportedLayersSlice(...args),
    ...createCorrectionsSlice(...args),
    ...createViewSlices(...args),
  }));
}
