import { publicLayers } from '../../core/public-map/public-layers';
import { buildSearchIndex, type SearchIndex } from '../../core/search/search';
import type { PlanFeature } from '../../core/plan/plan-feature';
import type { AppState } from '../../state/app-store';

const indexes = new WeakMap<object, SearchIndex>();

/** Features of the consumption-space layers, in catalogue order. */
export function selectPublicFeatures(
  state: Pick<AppState, 'catalogue' | 'collections'>,
): PlanFeature[] {
  if (state.catalogue === null) return [];
  return publicLayers(state.catalogue).flatMap(
    (layer) => state.collections[layer.id]?.features ?? [],
  );
}

/** The public map searches only consumption spaces; built once per loaded data set. */
export function selectPublicSearchIndex(state: AppState): SearchIndex {
  const cached = indexes.get(state.collections);
  if (cached !== undefined) return cached;
  const index = buildSearchIndex(selectPublicFeatures(state));
  indexes.set(state.collections, index);
  return index;
}
