import { buildSearchIndex, type SearchIndex } from '../core/search/search';
import type { PlanFeature } from '../core/plan/plan-feature';
import type { AppState } from './app-store';

/** The feature with this id in any loaded layer, or null. */
export function selectFeatureById(state: AppState, featureId: string | null): PlanFeature | null {
  if (featureId === null) return null;
  for (const collection of Object.values(state.collections)) {
    const found = collection.features.find((feature) => feature.properties.id === featureId);
    if (found !== undefined) return found;
  }
  return null;
}

/** The currently selected feature, or null. */
export function selectSelectedFeature(state: AppState): PlanFeature | null {
  return selectFeatureById(state, state.selectedId);
}

const searchIndexes = new WeakMap<object, SearchIndex>();

/** The search index over every loaded feature, built once per loaded data set. */
export function selectSearchIndex(state: AppState): SearchIndex {
  const cached = searchIndexes.get(state.collections);
  if (cached !== undefined) return cached;
  const index = buildSearchIndex(
    Object.values(state.collections).flatMap((collection) => collection.features),
  );
  searchIndexes.set(state.collections, index);
  return index;
}
