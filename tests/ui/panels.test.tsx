import { act, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { PlanFeature } from '../../src/core/plan/plan-feature';
import { FeaturePanel } from '../../src/ui/feature-panel/feature-panel';
import { LanguageSwitch } from '../../src/ui/language-switch/language-switch';
import { LayerPanel } from '../../src/ui/layer-panel/layer-panel';
import { LegendPanel } from '../../src/ui/legend-panel/legend-panel';
import { SearchBox } from '../../src/ui/search-box/search-box';
import { StatusBar } from '../../src/ui/status-bar/status-bar';
import { loadedStore, renderWithStore } from './render';

describe('LayerPanel', () => {
  it('groups layers by theme with their feature counts', () => {
    renderWithStore(<LayerPanel />);
    const markets = screen.getByRole('group', { name: '商品交易市场' });
    expect(within(markets).getByText('一核一环一片市场布局')).toBeInTheDocument();
    const row = document.querySelector('[data-layer-id="cold-chain-nodes"]');
    expect(row?.textContent).toContain('39 个要素');
  });

  it('switches a layer off and on', async () => {
    const { store } = renderWithStore(<LayerPanel />);
    const checkbox = within(
      document.querySelector<HTMLElement>('[data-layer-id="districts"]') ?? document.body,
    ).getByRole('checkbox');
    expect(checkbox).toBeChecked();
    await userEvent.click(checkbox);
    expect(store.getState().visibleLayers.has('districts')).toBe(false);
    await userEvent.click(checkbox);
    expect(store.getState().visibleLayers.has('districts')).toBe(true);
  });
});

describe('FeaturePanel', () => {
  it('explains status, certainty and plan reference in words', () => {
    const store = loadedStore();
    store.getState().select('bd-core-guanyinqiao');
    renderWithStore(<FeaturePanel />, store);
    expect(screen.getByRole('heading', { name: '观音桥' })).toBeInTheDocument();
    expect(screen.getByText('专栏3; 第三章第四节')).toBeInTheDocument();
    expect(screen.getByText('江北区')).toBeInTheDocument();
    const panel = screen.getByRole('complementary');
    expect(panel.textContent).toContain('估计');
    expect(panel.textContent).toContain('约1.5公里');
  });

  it('lists the points a position rests on, with their distances, and the features on the same spot', async () => {
    const store = loadedStore();
    store.getState().select('bonded-wanzhou');
    renderWithStore(<FeaturePanel />, store);
    const panel = screen.getByRole('complementary');
    expect(panel.textContent).toContain('位置依据的点位');
    expect(panel.textContent).toMatch(/高峰街道驻地（GeoNames） · 距图上位置 0(\.\d)? 公里/);
    expect(panel.textContent).toContain('数据中没有更精确的位置');
    await userEvent.click(screen.getByRole('button', { name: '万州经开区' }));
    expect(store.getState().selectedId).toBe('etdz-wanzhou-jingkaiqu');
  });

  it('shows census figures for a district, in English too', () => {
    const store = loadedStore();
    store.getState().select('district-banan');
    store.getState().setLang('en');
    renderWithStore(<FeaturePanel />, store);
    expect(screen.getByRole('heading', { name: 'Banan District' })).toBeInTheDocument();
    expect(screen.getByText('1,178,856 people')).toBeInTheDocument();
    expect(screen.getByText('Central Urban Area')).toBeInTheDocument();
  });

  it('renders hostile property values as text, never as HTML', () => {
    const store = loadedStore();
    const state = store.getState();
    const hostile = '<img src=x onerror="window.__pwned=1">';
    const base = state.collections['business-districts']?.features[0];
    if (base === undefined || state.catalogue === null) throw new Error('no data');
    const evil: PlanFeature = {
      ...base,
      properties: {
        ...base.properties,
        id: 'evil',
        name_zh: hostile,
        plan_ref: hostile,
        position_note_zh: hostile,
      },
    };
    state.setData(
      state.catalogue,
      {
        ...state.collections,
        'business-districts': { type: 'FeatureCollection', features: [evil] },
      },
      [],
    );
    store.getState().select('evil');
    const { container } = renderWithStore(<FeaturePanel />, store);
    expect(container.querySelector('img')).toBeNull();
    expect(screen.getByRole('heading', { name: hostile })).toBeInTheDocument();
  });

  it('closes with Escape, but not while a text field has the key', async () => {
    const store = loadedStore();
    store.getState().select('bd-core-guanyinqiao');
    renderWithStore(
      <>
        <input aria-label="somewhere to type" />
        <FeaturePanel />
      </>,
      store,
    );
    await userEvent.click(screen.getByRole('textbox', { name: 'somewhere to type' }));
    await userEvent.keyboard('{Escape}');
    expect(store.getState().selectedId).toBe('bd-core-guanyinqiao');
    await userEvent.click(screen.getByRole('heading', { name: '观音桥' }));
    await userEvent.keyboard('{Escape}');
    expect(store.getState().selectedId).toBeNull();
  });

  it('closes', async () => {
    const store = loadedStore();
    store.getState().select('district-banan');
    renderWithStore(<FeaturePanel />, store);
    await userEvent.click(screen.getByRole('button', { name: '关闭' }));
    expect(store.getState().selectedId).toBeNull();
  });
});

describe('SearchBox', () => {
  it('finds by pinyin initials and selects with Enter', async () => {
    const store = loadedStore();
    store.getState().setLayerVisible('business-districts', false);
    renderWithStore(<SearchBox />, store);
    await userEvent.type(screen.getByRole('combobox'), 'gyq');
    expect(screen.getAllByRole('option')[0]?.textContent).toContain('观音桥');
    await userEvent.keyboard('{Enter}');
    expect(store.getState().selectedId).toBe('bd-core-guanyinqiao');
    expect(store.getState().visibleLayers.has('business-districts')).toBe(true);
    expect(store.getState().focusRequest?.featureId).toBe('bd-core-guanyinqiao');
  });

  it('says when nothing matches, quoting the query as text', async () => {
    renderWithStore(<SearchBox />);
    await userEvent.type(screen.getByRole('combobox'), '<b>zzzz');
    expect(screen.getByText('没有找到“<b>zzzz”。')).toBeInTheDocument();
  });
});

describe('LanguageSwitch', () => {
  it('switches the language', async () => {
    const { store } = renderWithStore(<LanguageSwitch />);
    await userEvent.click(screen.getByRole('button', { name: 'English' }));
    expect(store.getState().lang).toBe('en');
    expect(screen.getByRole('button', { name: 'English' })).toHaveAttribute('aria-pressed', 'true');
  });
});

describe('LegendPanel', () => {
  it('shows what the map reports as drawn, and the uncertainty note for point layers', () => {
    const store = loadedStore();
    renderWithStore(<LegendPanel />, store);
    expect(screen.getByText('未打开任何图层。')).toBeInTheDocument();
    act(() => {
      store.getState().setLegend([
        {
          layerId: 'cold-chain-nodes',
          symbol: 'circle',
          showsUncertainty: true,
          entries: [{ value: '1', color: '#0b4f8a', zh: '一级节点', en: 'Tier-1 node' }],
        },
      ]);
    });
    expect(screen.getByText('一级节点')).toBeInTheDocument();
    expect(screen.getByText(/位置误差范围/)).toBeInTheDocument();
  });
});

describe('StatusBar', () => {
  it('lists every data problem with where it is', async () => {
    const store = loadedStore();
    const state = store.getState();
    if (state.catalogue === null) throw new Error('no data');
    state.setData(state.catalogue, state.collections, [
      { where: 'layers/x.geojson feature 3', message: 'The status should be one of existing, …' },
    ]);
    renderWithStore(<StatusBar />, store);
    expect(screen.getByRole('alert').textContent).toContain('1 处问题');
    await userEvent.click(screen.getByRole('button', { name: '查看' }));
    expect(screen.getByText('layers/x.geojson feature 3')).toBeInTheDocument();
  });
});
