import { afterEach, describe, expect, it } from 'vitest';
import {
  addressWithoutShare,
  readShareParam,
  removeShareParam,
  shareUrlFor,
  UrlSync,
} from '../../src/app/url-sync';
import { decodeShareState, encodeShareState } from '../../src/core/share/share-link';
import { createAppStore } from '../../src/state/app-store';
import type { OnlineBaseMap } from '../../src/core/base-map/base-map-config';
import { shippedCatalogue, shippedCollections } from '../fixtures';
import { ruleOrThrow } from '../../src/core/coverage/coverage-rule';

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

describe('base map and filters in the URL', () => {
  const online: OnlineBaseMap = {
    id: 'osm',
    title: { zh: 'OSM', en: 'OSM' },
    layers: [['https://tiles.example.test/{z}/{x}/{y}.png']],
    tileSize: 256,
    maxzoom: 19,
    attribution: 'test',
    datum: 'wgs84',
    requiresApprovalNumber: false,
    approvalNumber: null,
    publicMap: true,
  };

  it('writes the base map, statuses and hidden categories, and a link restores them', () => {
    const { store } = start('/?layers=districts,business-districts');
    store.getState().setOnlineBaseMaps([online]);
    store.getState().setBaseMap('osm');
    store.getState().setShownStatuses(['existing', 'upgrade']);
    store.getState().setCategoryHidden('business-districts', 'core', true);
    const address = `${window.location.pathname}${window.location.search}`;
    expect(address).toContain('base=osm');
    expect(address).toContain('status=existing,upgrade');
    expect(address).toContain('hide=business-districts%2Fcore');
    sync?.destroy();

    // The link opened afresh: the base map waits for the configured base maps to arrive.
    window.history.replaceState(null, '', address);
    const store2 = createAppStore();
    sync = new UrlSync(store2, ids, defaults);
    const first = sync.applyLocation();
    expect(first.problems).toEqual([]);
    // As at start-up: the data arrives (the URL is rewritten), the URL is read again, and only
    // then the configured base maps.
    store2.getState().setData(catalogue, shippedCollections(), []);
    sync.applyLocation();
    const again = { store: store2 };
    expect(again.store.getState().baseMapId).toBe('offline');
    expect(window.location.search).toContain('base=osm');
    again.store.getState().setOnlineBaseMaps([online]);
    const state = again.store.getState();
    expect(state.baseMapId).toBe('osm');
    expect([...(state.shownStatuses ?? [])]).toEqual(['existing', 'upgrade']);
    expect([...state.hiddenCategories]).toEqual(['business-districts/core']);
  });

  it('reports what it cannot use, in both languages', () => {
    const { store, result } = start('/?status=existing,sold&hide=nope/x,districts/a&base=Bad!');
    expect(store.getState().baseMapId).toBe('offline');
    expect([...(store.getState().shownStatuses ?? [])]).toEqual(['existing']);
    expect([...store.getState().hiddenCategories]).toEqual(['districts/a']);
    expect(result.problems.map((problem) => problem.where)).toEqual([
      'URL ?base',
      'URL ?status',
      'URL ?hide',
    ]);
    for (const problem of result.problems) expect(problem.message_zh).toMatch(/[\u4e00-\u9fff]/);
  });
});

describe('share parameter', () => {
  const parts = (url: string) => {
    const parsed = new URL(url, 'http://atlas.test');
    return {
      origin: parsed.origin,
      pathname: parsed.pathname,
      search: parsed.search,
      hash: parsed.hash,
    };
  };

  it('puts the data in the hash after the map view, keeping the query', () => {
    const url = shareUrlFor('ABC_-1', parts('/atlas/?layers=districts&lang=en#map=9/29.5/106.5'));
    expect(url).toBe('http://atlas.test/atlas/?layers=districts&lang=en#map=9/29.5/106.5&s=ABC_-1');
    // An older share parameter is replaced, not repeated.
    expect(shareUrlFor('NEW', parts('/?s=OLD#map=9/29.5/106.5&s=OLD'))).toBe(
      'http://atlas.test/#map=9/29.5/106.5&s=NEW',
    );
  });

  it('reads it from the hash or the query', () => {
    expect(readShareParam(parts('/?layers=x#map=9/29.5/106.5&s=HASH'))).toBe('HASH');
    expect(readShareParam(parts('/?s=QUERY&lang=en'))).toBe('QUERY');
    expect(readShareParam(parts('/?sel=s-1#map=9/29.5/106.5'))).toBeNull();
  });

  it('survives the round trip through a real address', () => {
    const state = {
      layers: ['districts'],
      rule: ruleOrThrow({ urbanRadius: 2000, ruralRadius: 5000 }),
      scenario: {
        name: '方案 & <甲>',
        nodes: [
          {
            id: 'n1',
            lon: 106.5,
            lat: 29.5,
            tier: 1 as const,
            name: '节点',
            origin: 'added' as const,
          },
        ],
      },
    };
    const url = shareUrlFor(encodeShareState(state), parts('/?lang=en#map=9/29.5/106.5'));
    const param = readShareParam(parts(url));
    expect(param === null ? null : decodeShareState(param)).toEqual({ ok: true, state });
  });

  it('is removed from the address bar without a history entry, other parameters kept', () => {
    expect(addressWithoutShare(parts('/?layers=a&s=Q#map=9/29.5/106.5&s=H'))).toBe(
      '/?layers=a#map=9/29.5/106.5',
    );
    window.history.replaceState(null, '', '/?lang=en#map=9/29.5/106.5&s=DATA');
    const length = window.history.length;
    removeShareParam();
    expect(window.location.search).toBe('?lang=en');
    expect(window.location.hash).toBe('#map=9/29.5/106.5');
    expect(readShareParam()).toBeNull();
    expect(window.history.length).toBe(length);
  });

  it('is left alone by the URL sync when layers change', () => {
    const { store } = start('/?layers=districts#map=8/29.5/106.5&s=KEEP');
    store.getState().setLayerVisible('regions', true);
    expect(readShareParam()).toBe('KEEP');
  });
});
