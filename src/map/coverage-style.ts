import type { ExpressionSpecification, LayerSpecification } from 'maplibre-gl';
import type { CoverageRule } from '../core/scenario/scenario';

/** Sources and style layers of the coverage-gap analysis (专栏6 fresh-food rule). */
export const COVERAGE_IDS = {
  gapSource: 'coverage-gaps',
  gapLayer: 'coverage-gaps-raster',
  nodeSource: 'coverage-nodes',
  ruralRing: 'coverage-nodes-rural-radius',
  urbanRing: 'coverage-nodes-urban-radius',
  nodeCircle: 'coverage-nodes-circle',
  nodeLabel: 'coverage-nodes-label',
} as const;

/** Metres per pixel at zoom 0 at Chongqing's latitude with 512 px tiles; see layer-style.ts. */
const METRES_PER_PIXEL_AT_ZOOM_0 = (40_075_016.686 * Math.cos((29.8 * Math.PI) / 180)) / 512;

/** A circle radius that stays `metres` wide on the ground at every zoom. */
export function radiusInMetres(metres: number): ExpressionSpecification {
  return [
    'interpolate',
    ['exponential', 2],
    ['zoom'],
    0,
    metres / METRES_PER_PIXEL_AT_ZOOM_0,
    24,
    (metres / METRES_PER_PIXEL_AT_ZOOM_0) * 2 ** 24,
  ];
}

const NODE_COLOR: ExpressionSpecification = [
  'match',
  ['get', 'origin'],
  'added',
  '#7b2cbf',
  '#0b4f8a',
];

/**
 * The gap raster under the nodes, the urban and rural radius around every qualifying node at the
 * current rule, and the nodes themselves (added nodes purple, plan nodes blue, both draggable).
 */
export function coverageLayers(rule: CoverageRule): LayerSpecification[] {
  return [
    {
      id: COVERAGE_IDS.gapLayer,
      type: 'raster',
      source: COVERAGE_IDS.gapSource,
      paint: { 'raster-fade-duration': 0, 'raster-resampling': 'nearest', 'raster-opacity': 0.9 },
    },
    {
      id: COVERAGE_IDS.ruralRing,
      type: 'circle',
      source: COVERAGE_IDS.nodeSource,
      paint: {
        'circle-pitch-alignment': 'map',
        'circle-radius': radiusInMetres(rule.ruralRadius),
        'circle-color': 'rgba(0,0,0,0)',
        'circle-stroke-color': NODE_COLOR,
        'circle-stroke-opacity': 0.45,
        'circle-stroke-width': 1,
      },
    },
    {
      id: COVERAGE_IDS.urbanRing,
      type: 'circle',
      source: COVERAGE_IDS.nodeSource,
      paint: {
        'circle-pitch-alignment': 'map',
        'circle-radius': radiusInMetres(rule.urbanRadius),
        'circle-color': NODE_COLOR,
        'circle-opacity': 0.06,
        'circle-stroke-color': NODE_COLOR,
        'circle-stroke-opacity': 0.8,
        'circle-stroke-width': 1.5,
      },
    },
    {
      id: COVERAGE_IDS.nodeCircle,
      type: 'circle',
      source: COVERAGE_IDS.nodeSource,
      paint: {
        'circle-color': NODE_COLOR,
        'circle-radius': ['case', ['boolean', ['feature-state', 'selected'], false], 9, 6],
        'circle-stroke-color': '#ffffff',
        'circle-stroke-width': 2,
      },
    },
  ];
}
