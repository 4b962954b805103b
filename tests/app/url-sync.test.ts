import { afterEach, describe, expect, it } from 'vitest';
import { UrlSync } from '../../src/app/url-sync';
import { createAppStore } from '../../src/state/app-store';
import { shippedCatalogue, shippedCollections } from '../fixtures';

const catalogue = shippedCatalogue();
const ids = catalogue.layers.map((layer) => layer.id);
const defaults = catalogue.layers.filter((layer) => layer.defaultVisible).map((layer) => layer.id);
let sync: UrlSync | null = null;

function start(url: string) {
  window.history.replaceState(null, '', url);
  const store = createAppStore();
  store.getState().setData(catalogue, shippedCollections(), []);
  sync = new UrlSync(store, ids, defaults);
  return { store, result: sync.applyLocation() };
}

afterEach(() => {
  sync?.destroy();
  sync = null;
});

describe('URL state', () => {
  it('loads layers, language and selection from the query', () => {
    const { store, result } = start('/?layers=districts,bonded-zones&lang=en&sel=bonded-fuling');
    const state = store.getState();
    expect([...state.visibleLayers]).toEqual(['districts', 'bonded-zones']);
    expect(state.lang).toBe('en');
    expect(state.selectedId).toBe('bonded-fuling');
    expect(state.focusRequest?.featureId).toBe('bonded-fuling');
    expect(result.problems).toEqual([]);
  });

  it('selects without moving the map when the URL also fixes the view', () => {
    const { store, result } = start('/?sel=bonded-fuling#map=9/29.7/107.4');
    expect(store.getState().selectedId).toBe('bonded-fuling');
    expect(store.getState().focusRequest).toBeNull();
    expect(result.hasView).toBe(true);
  });

  it('falls back to the catalogue defaults and reports unknown layers', () => {
    const { store, result } = start('/?layers=districts,not-a-layer');
    expect([...store.getState().visibleLayers]).toEqual(['districts']);
    expect(result.problems.map((problem) => problem.message).join(' ')).toContain('not-a-layer');
    const fresh = start('/');
    expect([...fresh.store.getState().visibleLayers]).toEqual(defaults);
  });

  it('pushes a history entry for each user action and keeps the map hash', () => {
    const { store } = start('/?layers=districts#map=8/29.5/106.5');
    const length = window.history.length;
    store.getState().setLayerVisible('regions', true);
    expect(window.location.search).toBe('?layers=districts,regions');
    expect(window.location.hash).toBe('#map=8/29.5/106.5');
    store.getState().setLang('en');
    expect(window.location.search).toBe('?layers=districts,regions&lang=en');
    expect(window.history.length).toBe(length + 2);
  });

  it('restores the state on popstate', () => {
    const { store } = start('/?layers=districts');
    store.getState().setLang('en');
    window.history.replaceState(null, '', '/?layers=regions');
    window.dispatchEvent(new PopStateEvent('popstate'));
    expect([...store.getState().visibleLayers]).toEqual(['regions']);
    expect(store.getState().lang).toBe('zh');
  });
});
