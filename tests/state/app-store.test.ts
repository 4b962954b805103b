import { describe, expect, it } from 'vitest';
import { selectAndReveal } from '../../src/state/actions';
import { createAppStore } from '../../src/state/app-store';
import {
  selectFeatureById,
  selectSearchIndex,
  selectSelectedFeature,
} from '../../src/state/selectors';
import { shippedCatalogue, shippedCollections } from '../fixtures';

function loadedStore() {
  const store = createAppStore();
  store.getState().setData(shippedCatalogue(), shippedCollections(), []);
  return store;
}

describe('the app store', () => {
  it('starts loading, in Chinese, with nothing selected', () => {
    const state = createAppStore().getState();
    expect(state.status).toBe('loading');
    expect(state.lang).toBe('zh');
    expect(state.selectedId).toBeNull();
  });

  it('gives each test a fresh store', () => {
    const first = createAppStore();
    first.getState().setLang('en');
    expect(createAppStore().getState().lang).toBe('zh');
  });

  it('switches layers by copying the set, so subscribers see a new value', () => {
    const store = createAppStore();
    const before = store.getState().visibleLayers;
    store.getState().setLayerVisible('districts', true);
    const after = store.getState().visibleLayers;
    expect(after).not.toBe(before);
    expect(after.has('districts')).toBe(true);
    expect(before.has('districts')).toBe(false);
    store.getState().setLayerVisible('districts', true);
    expect(store.getState().visibleLayers).toBe(after);
  });

  it('selectAndReveal switches the layer on, selects and asks the map to focus', () => {
    const store = loadedStore();
    expect(selectAndReveal(store, 'bd-core-guanyinqiao')).toBe(true);
    const state = store.getState();
    expect(state.visibleLayers.has('business-districts')).toBe(true);
    expect(state.selectedId).toBe('bd-core-guanyinqiao');
    expect(state.focusRequest?.featureId).toBe('bd-core-guanyinqiao');
    expect(selectSelectedFeature(state)?.properties.name_zh).toBe('观音桥');
  });

  it('selectAndReveal refuses an unknown id and changes nothing', () => {
    const store = loadedStore();
    const before = store.getState();
    expect(selectAndReveal(store, 'no-such-feature')).toBe(false);
    expect(store.getState()).toBe(before);
  });

  it('a click selection does not move the map', () => {
    const store = loadedStore();
    store.getState().select('district-banan');
    expect(store.getState().focusRequest).toBeNull();
    expect(selectFeatureById(store.getState(), 'district-banan')?.properties.layer).toBe(
      'districts',
    );
  });

  it('builds the search index once per data set', () => {
    const store = loadedStore();
    expect(selectSearchIndex(store.getState())).toBe(selectSearchIndex(store.getState()));
    expect(selectSearchIndex(store.getState()).size).toBeGreaterThan(150);
  });
});
