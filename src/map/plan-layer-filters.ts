import type { ExpressionSpecification, FilterSpecification } from 'maplibre-gl';
import type { CatalogueLayer } from '../core/catalogue/catalogue';
import type { PlanFeatureCollection, PlanStatus } from '../core/plan/plan-feature';
import type { AppState } from '../state/app-store';
import { categoryKey, STATUS_FILTER_EXEMPT_THEMES } from '../state/feature-filter-slice';
import type { MapPart, PlanLayerContext } from './plan-layer-context';

/**
 * Ids of the layer's features that pass the status and category filters, or null when every
 * feature passes (no filter needed).
 */
export function passingFeatureIds(
  layer: CatalogueLayer,
  collection: PlanFeatureCollection,
  shownStatuses: ReadonlySet<PlanStatus> | null,
  hiddenCategories: ReadonlySet<string>,
): string[] | null {
  const statusApplies =
    shownStatuses !== null && !STATUS_FILTER_EXEMPT_THEMES.includes(layer.theme);
  const passing = collection.features.filter(
    (feature) =>
      (!statusApplies || shownStatuses.has(feature.properties.status)) &&
      !hiddenCategories.has(categoryKey(layer.id, feature.properties.category)),
  );
  return passing.length === collection.features.length
    ? null
    : passing.map((feature) => feature.properties.id);
}

/**
 * Draws only the features that pass the store's status and category filters, as a MapLibre
 * filter on every style layer of each plan layer (the layer's own geometry filter kept).
 */
export class PlanLayerFilters implements MapPart {
  private readonly original = new Map<string, ExpressionSpecification | undefined>();
  private readonly unsubscribe: () => void;

  constructor(private readonly context: PlanLayerContext) {
    for (const ids of context.styleLayerIds.values()) {
      for (const id of ids) {
        // layer-style.ts writes its filters as expressions, never in the legacy filter syntax.
        this.original.set(
          id,
          (context.map.getFilter(id) ?? undefined) as ExpressionSpecification | undefined,
        );
      }
    }
    this.apply(context.store.getState());
    this.unsubscribe = context.store.subscribe((state, previous) => {
      if (
        state.shownStatuses !== previous.shownStatuses ||
        state.hiddenCategories !== previous.hiddenCategories ||
        state.collections !== previous.collections
      ) {
        this.apply(state);
      }
    });
  }

  destroy(): void {
    this.unsubscribe();
  }

  private apply(state: AppState): void {
    const { map, catalogue, styleLayerIds } = this.context;
    for (const layer of catalogue.layers) {
      const collection = state.collections[layer.id];
      const styleIds = styleLayerIds.get(layer.id);
      if (collection === undefined || styleIds === undefined) continue;
      const ids = passingFeatureIds(layer, collection, state.shownStatuses, state.hiddenCategories);
      for (const styleId of styleIds) {
        const original = this.original.get(styleId);
        let filter: FilterSpecification | null = original ?? null;
        if (ids !== null) {
          const byId: ExpressionSpecification = ['in', ['get', 'id'], ['literal', ids]];
          filter = original === undefined ? byId : ['all', original, byId];
        }
        map.setFilter(styleId, filter);
      }
    }
  }
}
