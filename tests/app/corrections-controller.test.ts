import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { CorrectionsController } from '../../src/app/corrections-controller';
import { rebaseNodes } from '../../src/app/coverage/plan-rebase';
import type { PlanFeature, PlanFeatureCollection } from '../../src/core/plan/plan-feature';
import type { ScenarioNode } from '../../src/core/scenario/scenario';
import { createAppStore } from '../../src/state/app-store';
import { AtlasStorage } from '../../src/storage/atlas-storage';

type Props = PlanFeature['properties'];
const base = {
  catalogue_id: 'x',
  name_en: 'x',
  category: 'x',
  plan_ref: '专栏9',
  plan_quote: 'x',
  status: 'existing',
  position_note_zh: '项目估计。',
  position_note_en: 'Project estimate.',
  search_pinyin: 'x x',
} as const;

function district(adcode: number, name: string, west: number, east: number): PlanFeature {
  return {
    type: 'Feature',
    id: `district-${String(adcode)}`,
    geometry: {
      type: 'Polygon',
      coordinates: [
        [
          [west, 29],
          [east, 29],
          [east, 30],
          [west, 30],
          [west, 29],
        ],
      ],
    },
    properties: {
      ...base,
      id: `district-${String(adcode)}`,
      layer: 'districts',
      name_zh: name,
      district_adcode: adcode as Props['district_adcode'],
      certainty: 'sourced',
      uncertainty_m: null,
    },
  };
}

const MARKET: PlanFeature = {
  type: 'Feature',
  id: 'agri-a',
  geometry: { type: 'Point', coordinates: [106.3, 29.5] },
  properties: {
    ...base,
    id: 'agri-a',
    layer: 'agri-wholesale-markets',
    name_zh: '甲市场',
    district_adcode: 500116 as Props['district_adcode'],
    certainty: 'estimated',
    uncertainty_m: 2000,
  },
};

const collections: Record<string, PlanFeatureCollection> = {
  districts: {
    type: 'FeatureCollection',
    features: [district(500116, '江津区', 106, 106.5), district(500103, '渝中区', 106.5, 107)],
  },
  'agri-wholesale-markets': { type: 'FeatureCollection', features: [MARKET] },
};

let n = 0;
function setUp() {
  const store = createAppStore();
  store
    .getState()
    .setData(
      { layers: [] } as unknown as Parameters<ReturnType<typeof store.getState>['setData']>[0],
      collections,
      [],
    );
  const name = `corrections-controller-${String((n += 1))}`;
  let reruns = 0;
  const controller = new CorrectionsController(store, {
    openStorage: () => AtlasStorage.open(name, { channel: () => null }),
    positionsChanged: () => {
      reruns += 1;
      return Promise.resolve();
    },
    today: () => '2026-12-06',
  });
  return { store, controller, name, reruns: () => reruns };
}

const input = {
  featureId: 'agri-a',
  x: '106.31',
  y: '29.51',
  crs: 'EPSG:4326' as const,
  source: 'address',
  uncertaintyM: '100',
  note: '',
};

describe('CorrectionsController', () => {
  it('refuses a position outside the feature’s 区县 and a worse certainty, in both languages', async () => {
    const { controller, store } = setUp();
    const outside = await controller.saveCorrection({ ...input, x: '106.6' });
    expect(outside.saved).toBe(false);
    expect(outside.problems[0]?.message_zh).toContain('江津区');
    expect(outside.problems[0]?.message).toContain('outside agri-a');
    const empty = await controller.saveCorrection({ ...input, y: '' });
    expect(empty.problems.map((p) => p.message)).toEqual([
      'Expected the latitude as a decimal number of degrees, found an empty cell.',
    ]);
    expect(store.getState().corrections).toEqual([]);
  });

  it('saves, applies, reruns coverage, survives a restart, and undoes', async () => {
    const { controller, store, name, reruns } = setUp();
    expect(await controller.saveCorrection(input)).toEqual({ saved: true, problems: [] });
    const corrected = store.getState().collections['agri-wholesale-markets']?.features[0];
    expect(corrected?.geometry).toEqual({ type: 'Point', coordinates: [106.31, 29.51] });
    expect(corrected?.properties).toMatchObject({
      certainty: 'sourced',
      uncertainty_m: 100,
      corrected_source: 'address',
      corrected_date: '2026-12-06',
    });
    expect(store.getState().shippedCollections?.['agri-wholesale-markets']?.features[0]).toBe(
      MARKET,
    );
    expect(reruns()).toBe(1);

    // A second browser session reads it back and applies it before the map draws.
    const again = createAppStore();
    again.getState().setData(store.getState().catalogue ?? ({} as never), collections, []);
    const restored = new CorrectionsController(again, {
      openStorage: () => AtlasStorage.open(name, { channel: () => null }),
    });
    await restored.restore();
    expect(restored.list()).toEqual([
      expect.objectContaining({ id: 'agri-a', lon: 106.31, source: 'address' }),
    ]);
    expect(again.getState().collections['agri-wholesale-markets']?.features[0]?.geometry).toEqual(
      corrected?.geometry,
    );

    await controller.removeCorrection('agri-a');
    expect(store.getState().collections['agri-wholesale-markets']?.features[0]).toBe(MARKET);
    expect(reruns()).toBe(2);
  });

  it('a moved point leaves the spot it shared: the other feature no longer lists it', async () => {
    const store = createAppStore();
    const shared = (id: string, layer: string, others: string[]): PlanFeature => ({
      ...MARKET,
      id,
      properties: { ...MARKET.properties, id, layer, shares_position_with: others },
    });
    const a = shared('agri-a', 'agri-wholesale-markets', ['cold-b']);
    const b = shared('cold-b', 'cold-chain-nodes', ['agri-a']);
    store.getState().setData(
      { layers: [] } as unknown as Parameters<ReturnType<typeof store.getState>['setData']>[0],
      {
        districts: collections['districts'] ?? { type: 'FeatureCollection', features: [] },
        'agri-wholesale-markets': { type: 'FeatureCollection', features: [a] },
        'cold-chain-nodes': { type: 'FeatureCollection', features: [b] },
      },
      [],
    );
    const controller = new CorrectionsController(store, {
      openStorage: () =>
        AtlasStorage.open(`corrections-shared-${String((n += 1))}`, {
          channel: () => null,
        }),
      today: () => '2026-12-06',
    });
    expect(await controller.saveCorrection(input)).toEqual({ saved: true, problems: [] });
    const cold = store.getState().collections['cold-chain-nodes']?.features[0];
    expect(cold?.properties.shares_position_with).toBeUndefined();
    const moved = store.getState().collections['agri-wholesale-markets']?.features[0];
    expect(moved?.properties.shares_position_with).toBeUndefined();
    // Undone: both are back as shipped, sharing the spot again.
    await controller.removeCorrection('agri-a');
    expect(store.getState().collections['cold-chain-nodes']?.features[0]).toBe(b);
  });

  it('converts typed GCJ-02 coordinates to WGS 84', async () => {
    const { controller, store } = setUp();
    const shown = await controller.displayPosition(106.31, 29.51, 'GCJ-02');
    expect(Number(shown.x)).not.toBeCloseTo(106.31, 3);
    await controller.saveCorrection({ ...input, ...shown, crs: 'GCJ-02' });
    const saved = store.getState().corrections[0];
    expect(saved?.lon).toBeCloseTo(106.31, 4);
    expect(saved?.lat).toBeCloseTo(29.51, 4);
  });
});

describe('rebaseNodes', () => {
  const node = (id: string, lon: number, origin: ScenarioNode['origin'] = 'baseline') =>
    ({ id, lon, lat: 29.5, tier: 0, name: id, origin }) as ScenarioNode;

  it('moves untouched plan nodes to the new baseline and keeps the planner’s own edits', () => {
    const previous = [node('a', 106.3), node('b', 106.4), node('c', 106.5)];
    const scenario = [node('a', 106.3), node('b', 106.45), node('added', 106.6, 'added')];
    // c was removed by the planner; a and b were corrected in the plan; d is new (split site).
    const baseline = [node('a', 106.31), node('b', 106.41), node('c', 106.51), node('d', 106.7)];
    expect(rebaseNodes(scenario, previous, baseline).map((x) => [x.id, x.lon])).toEqual([
      ['a', 106.31],
      ['d', 106.7],
      ['b', 106.45],
      ['added', 106.6],
    ]);
    expect(rebaseNodes(previous, previous, previous)).toBe(previous);
  });
});
