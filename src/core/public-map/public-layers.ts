/**
 * Which catalogue layers the public map shows: every layer of the consumption theme (商圈,
 * the international consumption core, pedestrian, night-market, food, historic, art and creative
 * streets, commerce–culture–tourism projects …), found by theme so layers added to the catalogue
 * appear without code changes, plus the 区县 boundaries for orientation.
 */
import type { Catalogue, CatalogueLayer } from '../catalogue/catalogue.ts';

/** The catalogue theme of the consumption spaces (消费空间). */
export const PUBLIC_THEME = 'consumption';

/** Layers shown for orientation only; not searched, not filtered by category. */
export const PUBLIC_CONTEXT_LAYERS: readonly string[] = ['districts'];

/** The consumption-space layers, in catalogue order. */
export function publicLayers(catalogue: Catalogue): CatalogueLayer[] {
  return catalogue.layers.filter((layer) => layer.theme === PUBLIC_THEME);
}

/** Every layer id the public map may show: consumption layers, then context layers. */
export function publicLayerIds(catalogue: Catalogue): string[] {
  const context = catalogue.layers
    .filter((layer) => PUBLIC_CONTEXT_LAYERS.includes(layer.id))
    .map((layer) => layer.id);
  return [...publicLayers(catalogue).map((layer) => layer.id), ...context];
}
