import type { Box } from '../core/geo/box-index';
import { planFeaturesInBox, type PlanFeaturesInBox } from '../core/plan/features-in-box';
import type { PlanFeatureCollection } from '../core/plan/plan-feature';
import type { AppState } from '../state/app-store';
import type { MapPart, PlanLayerContext } from './plan-layer-context';
import { passingFeatureIds } from './plan-layer-filters';

/** Style layers that stand for a feature being drawn (not its label or uncertainty halo). */
function isShapeLayer(styleLayerId: string): boolean {
  return /-(fill|line|circle)$/.test(styleLayerId);
}

function sameContent(
  a: Readonly<Record<string, readonly string[]>>,
  b: Readonly<Record<string, readonly string[]>>,
): boolean {
  const keys = Object.keys(a);
  if (keys.length !== Object.keys(b).length) return false;
  return keys.every((key) => {
    const x = a[key] ?? [];
    const y = b[key];
    return y !== undefined && x.length === y.length && x.every((id, index) => id === y[index]);
  });
}

/**
 * Keeps the store's list of features in view in step with the map, from the data the page holds:
 * each plan layer's features are indexed by bounding box once per collection
 * (src/core/plan/features-in-box.ts), and the list is worked out when the map stops moving
 * (`moveend`) or the visible layers, filters or data change — the features of the visible layers
 * that pass the status and category filters (the ones the map draws) and lie in the view. It
 * used to ask MapLibre for the rendered features after every `idle`, 12 queries taking 41–100 ms
 * per coverage edit (issue 19); the map going idle after an edit no longer costs anything here.
 */
export class FeaturesInView implements MapPart {
  private readonly indexes = new WeakMap<PlanFeatureCollection, PlanFeaturesInBox>();
  private readonly unsubscribe: () => void;

  constructor(private readonly context: PlanLayerContext) {
    context.map.on('moveend', this.update);
    this.unsubscribe = context.store.subscribe((state, previous) => {
      if (
        state.visibleLayers !== previous.visibleLayers ||
        state.shownStatuses !== previous.shownStatuses ||
        state.hiddenCategories !== previous.hiddenCategories ||
        state.collections !== previous.collections
      ) {
        this.update();
      }
    });
    this.update();
  }

  destroy(): void {
    this.context.map.off('moveend', this.update);
    this.unsubscribe();
  }

  /** Works the list out again (also after the base map's datum changed where overlays are drawn). */
  readonly update = (): void => {
    const state = this.context.store.getState();
    const result = this.inView(state, this.viewBox());
    if (!sameContent(result, state.featuresInView)) state.setFeaturesInView(result);
  };

  /** The view in the data's coordinates (WGS 84), as a box: the map cannot rotate or pitch. */
  private viewBox(): Box {
    const { map, display } = this.context;
    const bounds = map.getBounds();
    const corners = [
      bounds.getSouthWest(),
      bounds.getNorthWest(),
      bounds.getNorthEast(),
      bounds.getSouthEast(),
    ].map(({ lng, lat }) => display.fromDisplay([lng, lat]));
    const xs = corners.map(([x = Number.NaN]) => x);
    const ys = corners.map(([, y = Number.NaN]) => y);
    return {
      minX: Math.min(...xs),
      minY: Math.min(...ys),
      maxX: Math.max(...xs),
      maxY: Math.max(...ys),
    };
  }

  private inView(state: AppState, box: Box): Record<string, string[]> {
    const { catalogue, styleLayerIds } = this.context;
    const result: Record<string, string[]> = {};
    for (const layer of catalogue.layers) {
      const collection = state.collections[layer.id];
      const styleIds = styleLayerIds.get(layer.id) ?? [];
      if (collection === undefined || !state.visibleLayers.has(layer.id)) continue;
      if (!styleIds.some(isShapeLayer)) continue;
      let index = this.indexes.get(collection);
      if (index === undefined) {
        index = planFeaturesInBox(collection);
        this.indexes.set(collection, index);
      }
      let ids = index.idsIn(box);
      const passing = passingFeatureIds(
        layer,
        collection,
        state.shownStatuses,
        state.hiddenCategories,
      );
      if (passing !== null) {
        const shown = new Set(passing);
        ids = ids.filter((id) => shown.has(id));
      }
      if (ids.length > 0) result[layer.id] = ids;
    }
    return result;
  }
}
