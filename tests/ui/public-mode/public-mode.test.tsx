import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { categoryKey } from '../../../src/state/feature-filter-slice';
import { FeaturesInViewList } from '../../../src/ui/features-in-view/features-in-view-list';
import { CategoryFilters } from '../../../src/ui/public-mode/category-filters';
import { NearbyPanel } from '../../../src/ui/public-mode/nearby-panel';
import { selectPublicSearchIndex } from '../../../src/ui/public-mode/public-selectors';
import { searchFeatures } from '../../../src/core/search/search';
import { loadedStore, renderWithStore } from '../render';

describe('CategoryFilters', () => {
  it('offers each consumption layer with its kinds, each with a text name and a count', async () => {
    const { store } = renderWithStore(<CategoryFilters />);
    const group = document.querySelector<HTMLElement>('[data-filter-layer="business-districts"]');
    expect(group).not.toBeNull();
    const core = within(group ?? document.body).getByRole('checkbox', { name: /核心商圈/ });
    expect(core).toBeChecked();
    expect(document.querySelector('[data-filter-layer="cold-chain-nodes"]')).toBeNull();
    await userEvent.click(core);
    expect(
      store
        .getState()
        .hiddenCategories.has(categoryKey('business-districts', 'business-district-core')),
    ).toBe(true);
  });
});

describe('public search', () => {
  it('finds consumption spaces and not planners’ layers', () => {
    const index = selectPublicSearchIndex(loadedStore().getState());
    expect(searchFeatures(index, 'gyq')[0]?.id).toBe('bd-core-guanyinqiao');
    expect(searchFeatures(index, '冷链')).toEqual([]);
  });
});

describe('NearbyPanel', () => {
  it('lists what is within 2 km of the point, nearest first, with distances', async () => {
    const store = loadedStore();
    store.getState().setNearby([106.53, 29.577], 'map-click');
    renderWithStore(<NearbyPanel />, store);
    // The list and its distance code load with the first question.
    const items = (await screen.findByTestId('nearby-results')).querySelectorAll('li');
    expect(items.length).toBeGreaterThan(0);
    expect(items[0]?.textContent).toContain('观音桥');
    expect(items[0]?.textContent).toMatch(/\d+ m/);
  });
});

describe('FeaturesInViewList', () => {
  it('lists the features the map reports in view, by layer, marking estimated positions', () => {
    const store = loadedStore();
    store
      .getState()
      .setFeaturesInView({ 'business-districts': ['bd-core-guanyinqiao', 'bd-core-nanping'] });
    renderWithStore(<FeaturesInViewList />, store);
    expect(screen.getByTestId('in-view-count').textContent).toContain('2');
    const button = screen.getByRole('button', { name: /观音桥/ });
    expect(button.textContent).toContain('估计位置');
  });
});
