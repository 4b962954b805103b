import type { ExpressionSpecification, FilterSpecification, LayerSpecification } from 'maplibre-gl';
import type { CatalogueLayer, Lang } from '../core/catalogue/catalogue';
import type { LegendItem, LegendSymbol } from '../state/legend-slice';
import { MAP_FONT_FAMILY } from './font-faces';

/** Metadata keys the atlas puts on its style layers, read back by the legend and the map view. */
export const METADATA_CATALOGUE_LAYER = 'atlas:catalogue-layer';
export const METADATA_LEGEND = 'atlas:legend';

/** What the legend needs to draw one catalogue layer, stored on its main style layer. */
export type LegendMetadata = Omit<LegendItem, 'layerId'>;

/** Source ids for a catalogue layer: its features, and one point per feature for labels. */
export function planSourceIds(layerId: string): { features: string; labels: string } {
  return { features: layerId, labels: `${layerId}-labels` };
}

/** Colour used for values the catalogue's style does not list. */
export const FALLBACK_COLOR = '#7f8c8d';

/**
 * Metres per screen pixel at zoom 0 around Chongqing's latitude (29.8° N) with 512 px tiles.
 * The uncertainty halo grows by ×2 per zoom level from this, so it keeps its size in metres.
 */
const METRES_PER_PIXEL_AT_ZOOM_0 = (40_075_016.686 * Math.cos((29.8 * Math.PI) / 180)) / 512;

/**
 * A circle radius that stays `metres` wide on the ground at every zoom (×2 per zoom level); the
 * metres may be a number or an expression such as `['get', 'uncertainty_m']`.
 */
export function radiusInMetres(metres: number | ExpressionSpecification): ExpressionSpecification {
  const at = (zoom: number): number | ExpressionSpecification =>
    typeof metres === 'number'
      ? (metres / METRES_PER_PIXEL_AT_ZOOM_0) * 2 ** zoom
      : ['/', metres, METRES_PER_PIXEL_AT_ZOOM_0 / 2 ** zoom];
  return ['interpolate', ['exponential', 2], ['zoom'], 0, at(0), 24, at(24)];
}

/** Zoom from which point layers show their names. */
export const POINT_LABEL_MIN_ZOOM = 7.5;

const SELECTED: ExpressionSpecification = ['boolean', ['feature-state', 'selected'], false];
/** Selected or under the pointer: the features whose uncertainty disc is filled. */
const PICKED: ExpressionSpecification = [
  'any',
  SELECTED,
  ['boolean', ['feature-state', 'hover'], false],
];
/** Positions the plan only sketches; drawn dashed and faded, never like a surveyed street. */
const IS_SCHEMATIC: ExpressionSpecification = ['==', ['get', 'certainty'], 'schematic'];

/**
 * Zoom from which schematic lines are hidden: at street scale a straight sketch across rivers
 * and hills would be read as a street. They fade out over the two zoom levels before.
 */
export const SCHEMATIC_LINE_MAX_ZOOM = 13;
/** Area fills fade from this zoom on, so the central city is not washed in colour at z12. */
const FILL_FADE_START_ZOOM = 9;

const IS_POLYGON: ExpressionSpecification = [
  'match',
  ['geometry-type'],
  ['Polygon', 'MultiPolygon'],
  true,
  false,
];
const IS_LINE: ExpressionSpecification = [
  'match',
  ['geometry-type'],
  ['LineString', 'MultiLineString'],
  true,
  false,
];
const IS_POINT: ExpressionSpecification = [
  'match',
  ['geometry-type'],
  ['Point', 'MultiPoint'],
  true,
  false,
];
const HAS_UNCERTAINTY: FilterSpecification = [
  'all',
  IS_POINT,
  ['!=', ['get', 'certainty'], 'surveyed'],
  ['>', ['to-number', ['get', 'uncertainty_m'], 0], 0],
];

/** A fill's opacity times `factor`: stronger when selected, halved for schematic zones. */
function fillOpacityOf(fillOpacity: number, factor: number): ExpressionSpecification {
  return [
    'case',
    SELECTED,
    Math.min(1, fillOpacity + 0.25) * Math.max(factor, 0.8),
    IS_SCHEMATIC,
    fillOpacity * 0.5 * factor,
    fillOpacity * factor,
  ];
}

function colorExpression(layer: CatalogueLayer): ExpressionSpecification | string {
  const pairs = Object.entries(layer.style.colors).flatMap(([value, { color }]) => [value, color]);
  if (pairs.length === 0) return FALLBACK_COLOR;
  return [
    'match',
    ['to-string', ['get', layer.style.colorBy]],
    ...pairs,
    FALLBACK_COLOR,
  ] as ExpressionSpecification;
}

function legendMetadata(layer: CatalogueLayer, symbol: LegendSymbol): Record<string, unknown> {
  const legend: LegendMetadata = {
    symbol,
    entries: Object.entries(layer.style.colors).map(([value, entry]) => ({ value, ...entry })),
    showsUncertainty: layer.geometry === 'point' || layer.geometry === 'mixed',
  };
  return { [METADATA_CATALOGUE_LAYER]: layer.id, [METADATA_LEGEND]: legend };
}

/** The property holding a feature's label in each language. */
export function labelField(lang: Lang): 'name_zh' | 'label_en' {
  return lang === 'zh' ? 'name_zh' : 'label_en';
}

/**
 * The style layers that draw one catalogue layer, bottom to top. Every id starts with the
 * catalogue id (`districts-fill`, `districts-line`, `districts-label` …) so tests, the legend and
 * people reading the style can tell which plan layer a style layer belongs to.
 */
export function planLayerStyle(layer: CatalogueLayer, lang: Lang): LayerSpecification[] {
  const { features, labels } = planSourceIds(layer.id);
  const color = colorExpression(layer);
  const visibility = layer.defaultVisible ? 'visible' : 'none';
  const fillOpacity = layer.style.fillOpacity ?? 0.2;
  const lineWidth = layer.style.lineWidth ?? 1.5;
  const radius = layer.style.radius ?? 6;
  const hasPolygons = layer.geometry === 'polygon' || layer.geometry === 'mixed';
  const hasLines = layer.geometry === 'line' || layer.geometry === 'mixed';
  const hasPoints = layer.geometry === 'point' || layer.geometry === 'mixed';
  const mainSymbol: LegendSymbol = hasPolygons ? 'fill' : hasPoints ? 'circle' : 'line';
  const result: LayerSpecification[] = [];

  if (hasPolygons) {
    result.push({
      id: `${layer.id}-fill`,
      type: 'fill',
      source: features,
      filter: IS_POLYGON,
      layout: { visibility },
      metadata: mainSymbol === 'fill' ? legendMetadata(layer, 'fill') : undefined,
      paint: {
        'fill-color': color,
        // Schematic zones at half strength; every fill fades to 40 % by zoom 12.
        'fill-opacity': [
          'interpolate',
          ['linear'],
          ['zoom'],
          FILL_FADE_START_ZOOM,
          fillOpacityOf(fillOpacity, 1),
          12,
          fillOpacityOf(fillOpacity, 0.4),
        ],
      },
    });
  }
  if (hasPolygons || hasLines) {
    const shapes: ExpressionSpecification =
      hasLines && hasPolygons ? ['any', IS_POLYGON, IS_LINE] : hasLines ? IS_LINE : IS_POLYGON;
    result.push({
      id: `${layer.id}-line`,
      type: 'line',
      source: features,
      filter: ['all', shapes, ['!', IS_SCHEMATIC]],
      layout: { visibility, 'line-join': 'round' },
      metadata: mainSymbol === 'line' ? legendMetadata(layer, 'line') : undefined,
      paint: {
        'line-color': ['case', SELECTED, '#1b1b1b', color],
        'line-width': ['case', SELECTED, lineWidth * 2 + 1.5, lineWidth],
      },
    });
    // Schematic lines and outlines: dashed, lighter, fading out towards street zoom.
    result.push({
      id: `${layer.id}-schematic`,
      type: 'line',
      source: features,
      filter: ['all', shapes, IS_SCHEMATIC],
      maxzoom: SCHEMATIC_LINE_MAX_ZOOM,
      layout: { visibility },
      paint: {
        'line-color': ['case', SELECTED, '#1b1b1b', color],
        'line-width': ['case', SELECTED, lineWidth + 1, Math.max(1, lineWidth * 0.75)],
        'line-dasharray': ['literal', [2, 2]],
        'line-opacity': [
          'interpolate',
          ['linear'],
          ['zoom'],
          SCHEMATIC_LINE_MAX_ZOOM - 2,
          0.7,
          SCHEMATIC_LINE_MAX_ZOOM - 0.01,
          0.15,
        ],
      },
    });
  }
  if (hasPoints) {
    result.push({
      id: `${layer.id}-uncertainty`,
      type: 'circle',
      source: features,
      filter: HAS_UNCERTAINTY,
      layout: { visibility },
      paint: {
        'circle-pitch-alignment': 'map',
        'circle-color': color,
        // A faint outline; filled only for the feature selected or under the pointer.
        'circle-opacity': ['case', PICKED, 0.16, 0],
        'circle-stroke-color': color,
        'circle-stroke-opacity': ['case', PICKED, 0.7, 0.3],
        'circle-stroke-width': ['case', PICKED, 1.5, 0.8],
        'circle-radius': radiusInMetres(['to-number', ['get', 'uncertainty_m'], 0]),
      },
    });
    result.push({
      id: `${layer.id}-circle`,
      type: 'circle',
      source: features,
      filter: IS_POINT,
      layout: { visibility },
      metadata: mainSymbol === 'circle' ? legendMetadata(layer, 'circle') : undefined,
      paint: {
        'circle-color': color,
        'circle-radius': ['case', SELECTED, radius + 3, radius],
        'circle-stroke-color': ['case', SELECTED, '#1b1b1b', '#ffffff'],
        'circle-stroke-width': ['case', SELECTED, 3, 1.5],
      },
    });
  }
  if (layer.style.label) {
    const pointLabels = layer.geometry === 'point';
    result.push({
      id: `${layer.id}-label`,
      type: 'symbol',
      source: labels,
      // Point names would bury the whole-city view; they appear from city-district scale.
      ...(pointLabels ? { minzoom: POINT_LABEL_MIN_ZOOM } : {}),
      layout: {
        visibility,
        'text-field': ['get', labelField(lang)],
        'text-font': [MAP_FONT_FAMILY],
        'text-size': pointLabels ? 11 : 12,
        'text-max-width': 8,
        ...(pointLabels
          ? {
              'text-variable-anchor': ['top', 'bottom', 'left', 'right'],
              'text-radial-offset': 0.9,
            }
          : {}),
      },
      paint: {
        'text-color': pointLabels ? '#2c2c2c' : '#4a4036',
        'text-halo-color': '#ffffff',
        'text-halo-width': 1.4,
      },
    });
  }
  return result;
}
