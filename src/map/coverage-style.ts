import type { ExpressionSpecification, LayerSpecification } from 'maplibre-gl';
import type { CoverageRule } from '../core/coverage/coverage-rule';
import { MAP_FONT_FAMILY } from './font-faces';
import { radiusInMetres } from './layer-style';

/** Sources and style layers of the coverage-gap analysis (专栏6 fresh-food rule). */
export const COVERAGE_IDS = {
  gapSource: 'coverage-gaps',
  gapLayer: 'coverage-gaps-raster',
  nodeSource: 'coverage-nodes',
  ruralRing: 'coverage-nodes-rural-radius',
  urbanRing: 'coverage-nodes-urban-radius',
  nodeCircle: 'coverage-nodes-circle',
  nodeUncertainty: 'coverage-nodes-uncertainty',
  nodeLabel: 'coverage-nodes-label',
  candidateSource: 'coverage-candidates',
  candidateCircle: 'coverage-candidates-circle',
  candidateLabel: 'coverage-candidates-label',
} as const;

/**
 * Suggested sites as numbered markers with their expected gain ("1 · +3,200"), drawn above the
 * nodes; the features carry `rank` and `label`.
 */
export function candidateLayers(): LayerSpecification[] {
  return [
    {
      id: COVERAGE_IDS.candidateCircle,
      type: 'circle',
      source: COVERAGE_IDS.candidateSource,
      paint: {
        'circle-color': '#ffffff',
        'circle-radius': 9,
        'circle-stroke-color': '#7b2cbf',
        'circle-stroke-width': 2.5,
      },
    },
    {
      id: COVERAGE_IDS.candidateLabel,
      type: 'symbol',
      source: COVERAGE_IDS.candidateSource,
      layout: {
        'text-field': ['get', 'label'],
        'text-font': [MAP_FONT_FAMILY],
        'text-size': 12,
        'text-anchor': 'left',
        'text-offset': [-0.35, 0],
        // Crowded markers keep their circles; a label that would cover another is left out.
        'text-allow-overlap': false,
      },
      paint: { 'text-color': '#4a148c', 'text-halo-color': '#ffffff', 'text-halo-width': 1.5 },
    },
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
      // The node's position uncertainty, faint, only while it is hovered or selected.
      id: COVERAGE_IDS.nodeUncertainty,
      type: 'circle',
      source: COVERAGE_IDS.nodeSource,
      filter: ['>', ['get', 'u'], 0],
      paint: {
        'circle-radius': radiusInMetres(['get', 'u']),
        'circle-color': '#0b4f8a',
        'circle-opacity': [
          'case',
          [
            'any',
            ['boolean', ['feature-state', 'hover'], false],
            ['boolean', ['feature-state', 'selected'], false],
          ],
          0.1,
          0,
        ],
        'circle-stroke-color': '#0b4f8a',
        'circle-stroke-width': 1,
        'circle-stroke-opacity': [
          'case',
          [
            'any',
            ['boolean', ['feature-state', 'hover'], false],
            ['boolean', ['feature-state', 'selected'], false],
          ],
          0.6,
          0,
        ],
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
