import type { StyleSpecification } from 'maplibre-gl';
import type { LegendItem } from '../state/legend-slice';
import { METADATA_CATALOGUE_LAYER, METADATA_LEGEND, type LegendMetadata } from './layer-style';

function isLegendMetadata(value: unknown): value is LegendMetadata {
  return (
    typeof value === 'object' &&
    value !== null &&
    'symbol' in value &&
    'entries' in value &&
    Array.isArray(value.entries)
  );
}

/**
 * The legend of what the map draws right now: one item per visible catalogue layer, topmost
 * first, read from the live style so it can never disagree with the map.
 */
export function legendFromStyle(style: StyleSpecification): LegendItem[] {
  const items: LegendItem[] = [];
  for (const layer of style.layers) {
    const metadata = layer.metadata;
    if (typeof metadata !== 'object' || metadata === null) continue;
    const record = metadata as Record<string, unknown>;
    const layerId = record[METADATA_CATALOGUE_LAYER];
    const legend = record[METADATA_LEGEND];
    if (typeof layerId !== 'string' || !isLegendMetadata(legend)) continue;
    if (layer.layout !== undefined && 'visibility' in layer.layout) {
      if (layer.layout.visibility === 'none') continue;
    }
    items.push({
      layerId,
      symbol: legend.symbol,
      entries: legend.entries,
      showsUncertainty: legend.showsUncertainty,
    });
  }
  return items.reverse();
}
