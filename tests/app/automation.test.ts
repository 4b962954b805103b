import type { Map as MaplibreMap } from 'maplibre-gl';
import { describe, expect, it } from 'vitest';
import { createAtlasApi } from '../../src/app/automation';
import { loadedStore } from '../ui/render';
import { FOUNDATION_LAYER_IDS } from '../../src/core/catalogue/foundation-layers';

// The API only hands the map through; these tests never call it.
const fakeMap = Object.create(null) as MaplibreMap;

describe('window.atlas', () => {
  it('lists every catalogue layer with visibility and feature count', () => {
    const api = createAtlasApi(loadedStore(), fakeMap, () => Promise.resolve());
    const layers = api.layers();
    expect(layers.slice(0, 6).map((layer) => layer.id)).toEqual([...FOUNDATION_LAYER_IDS]);
    expect(layers.filter((layer) => layer.visible).map((layer) => layer.id)).toEqual(
      layers.slice(0, 6).map((layer) => layer.id),
    );
    expect(layers.find((layer) => layer.id === 'districts')).toMatchObject({
      visible: true,
      featureCount: 38,
      title: { zh: '区县' },
    });
    expect(structuredClone(layers)).toEqual(layers);
  });

  it('setLayers shows exactly those layers and rejects unknown ids by name', () => {
    const store = loadedStore();
    const api = createAtlasApi(store, fakeMap, () => Promise.resolve());
    const layers = api.setLayers(['bonded-zones']);
    expect(layers.filter((layer) => layer.visible).map((layer) => layer.id)).toEqual([
      'bonded-zones',
    ]);
    expect(() => api.setLayers(['bonded-zones', 'nope'])).toThrow(/nope/);
    expect([...store.getState().visibleLayers]).toEqual(['bonded-zones']);
  });

  it('select reveals and selects; unknown ids return false; null clears', () => {
    const store = loadedStore();
    const api = createAtlasApi(store, fakeMap, () => Promise.resolve());
    expect(api.select('bonded-fuling')).toBe(true);
    expect(store.getState().selectedId).toBe('bonded-fuling');
    expect(api.select('missing')).toBe(false);
    expect(api.select(null)).toBe(true);
    expect(store.getState().selectedId).toBeNull();
  });

  it('search returns structured-cloneable plain results', () => {
    const api = createAtlasApi(loadedStore(), fakeMap, () => Promise.resolve());
    const results = api.search('guanyinqiao');
    expect(results[0]?.id).toBe('bd-core-guanyinqiao');
    expect(structuredClone(results)).toEqual(results);
  });
});
