import type { AppStore } from './app-store';
import { selectFeatureById } from './selectors';

/**
 * Selects a feature, switches its layer on if it was hidden, and asks the map to bring it into
 * view. Returns false (and changes nothing) when no loaded feature has that id.
 */
export function selectAndReveal(store: AppStore, featureId: string): boolean {
  const state = store.getState();
  const feature = selectFeatureById(state, featureId);
  if (feature === null) return false;
  state.setLayerVisible(feature.properties.layer, true);
  store.getState().select(featureId, { focus: true });
  return true;
}
