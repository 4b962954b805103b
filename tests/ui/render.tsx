import { render, type RenderResult } from '@testing-library/react';
import type { ReactElement } from 'react';
import { createAppStore, type AppStore } from '../../src/state/app-store';
import { StoreProvider } from '../../src/state/store-context';
import { shippedCatalogue, shippedCollections } from '../fixtures';

/** A store loaded with the shipped data, with the catalogue's default layers on. */
export function loadedStore(): AppStore {
  const store = createAppStore();
  const catalogue = shippedCatalogue();
  store.getState().setData(catalogue, shippedCollections(), []);
  store
    .getState()
    .setVisibleLayers(
      catalogue.layers.filter((layer) => layer.defaultVisible).map((layer) => layer.id),
    );
  return store;
}

export function renderWithStore(
  ui: ReactElement,
  store: AppStore = loadedStore(),
): RenderResult & { store: AppStore } {
  return { ...render(<StoreProvider store={store}>{ui}</StoreProvider>), store };
}
