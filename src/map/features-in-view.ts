import type { MapPart, PlanLayerContext } from './plan-layer-context';

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
 * Keeps the store's list of features in view in step with what the map draws: after each move,
 * zoom, layer switch or filter change, once the map is idle, it asks MapLibre what is rendered.
 */
export class FeaturesInView implements MapPart {
  constructor(private readonly context: PlanLayerContext) {
    context.map.on('idle', this.update);
    context.map.on('moveend', this.update);
    this.update();
  }

  destroy(): void {
    this.context.map.off('idle', this.update);
    this.context.map.off('moveend', this.update);
  }

  private readonly update = (): void => {
    const { map, store, styleLayerIds } = this.context;
    const state = store.getState();
    const result: Record<string, string[]> = {};
    for (const [layerId, styleIds] of styleLayerIds) {
      if (!state.visibleLayers.has(layerId)) continue;
      const layers = styleIds.filter((id) => isShapeLayer(id) && map.getLayer(id) !== undefined);
      if (layers.length === 0) continue;
      const ids = new Set<string>();
      for (const feature of map.queryRenderedFeatures({ layers })) {
        const id: unknown = feature.properties['id'];
        if (typeof id === 'string') ids.add(id);
      }
      if (ids.size > 0) result[layerId] = [...ids].sort();
    }
    if (!sameContent(result, state.featuresInView)) state.setFeaturesInView(result);
  };
}
