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

  it('search finds imported names exactly as the search box lists them, after the plan places', () => {
    const store = loadedStore();
    const layer = (id: string, names: string[], demand = false) => ({
      id,
      name: `${id}.csv`,
      fileName: `${id}.csv`,
      role: 'features' as const,
      visible: true,
      color: '#123456',
      detected: {
        format: 'csv' as const,
        encoding: null,
        crs: 'EPSG:4326' as const,
        crsSource: 'assumed' as const,
      },
      problems: [],
      features: names.map((name) => ({
        type: 'Feature' as const,
        geometry: { type: 'Point' as const, coordinates: [106.5, 29.5] },
        properties: { 名称: name },
      })),
      importedAt: '2025-01-01T00:00:00.000Z',
      ...(demand
        ? {
            demand: {
              lon: new Float64Array(),
              lat: new Float64Array(),
              population: new Float64Array(),
              urban: new Uint8Array(),
              cellSizeM: 100,
              totalPopulation: 0,
            },
          }
        : {}),
    });
    store.getState().addImportedLayer(layer('import-a', ['示例菜店三', '观音桥菜市场', '其他']));
    store.getState().addImportedLayer(layer('import-pop', ['观音桥人口'], true));
    const api = createAtlasApi(store, fakeMap, () => Promise.resolve());
    const results = api.search('观音桥');
    const imported = results.filter((r) => r.matched === 'imported');
    expect(imported).toEqual([
      expect.objectContaining({ id: 'import-a#1', layer: 'import-a', name_zh: '观音桥菜市场' }),
    ]);
    expect(results.indexOf(imported[0] as (typeof results)[number])).toBeGreaterThan(0);
    expect(api.search('示例菜店')[0]).toMatchObject({
      id: 'import-a#0',
      layerName: 'import-a.csv',
    });
    // `limit` bounds each list, as the box bounds its plan (8) and imported (5) lists.
    expect(api.search('菜', 1).map((r) => r.matched === 'imported')).toEqual([false, true]);
    expect(structuredClone(results)).toEqual(results);
    expect(api.select('import-a#1')).toBe(true);
    expect(store.getState().importedFocus).toEqual({ layerId: 'import-a', index: 1 });
    expect(api.select('import-a#9')).toBe(false);
  });
});
