import type { FeatureCollection } from 'geojson';
import type { FontFacesSpecification, LayerSpecification, StyleSpecification } from 'maplibre-gl';
import { NO_LABEL_ANCHORS, type LabelAnchors } from '../core/geo/label-anchors';
import { MAP_FONT_FAMILY } from './font-faces';
import { neighbourLabelPoints, storedNeighbourAnchor } from './label-source';

/** The embedded base map: everything drawn under the plan layers, all from `geodata/base`. */
export interface BaseMapData {
  readonly outline: FeatureCollection;
  readonly neighbours: FeatureCollection;
  readonly rivers: FeatureCollection;
  /** Label anchors `data:build` stored (`geodata/labels/anchors.json`); none: all computed. */
  readonly labelAnchors?: LabelAnchors;
}

/** Style layer ids of the base map; plan layers are inserted above `BASE_TOP_LAYER_ID`. */
export const BASE_LAYER_IDS = {
  background: 'base-background',
  neighboursFill: 'base-neighbours-fill',
  neighboursLine: 'base-neighbours-line',
  neighboursLabel: 'base-neighbours-label',
  outlineFill: 'base-outline-fill',
  rivers: 'base-rivers',
  riverLabels: 'base-rivers-label',
  outlineLine: 'base-outline-line',
} as const;

export const BASE_COLORS = {
  sea: '#dfe6e9',
  neighbour: '#eceae4',
  land: '#fbf8f1',
  river: '#5d9fd0',
  outline: '#5d4e3f',
} as const;

/**
 * The complete offline style: base map only, no tile server, no glyph server. Labels use the
 * bundled Noto Sans SC through `font-faces`, so Chinese renders identically on every machine.
 */
export function baseStyle(
  data: BaseMapData,
  fontFaces: FontFacesSpecification,
  lang: 'zh' | 'en',
): StyleSpecification {
  const nameField = lang === 'zh' ? 'name' : 'name_en';
  const riverNameField = lang === 'zh' ? 'name_zh' : 'name_en';
  const layers: LayerSpecification[] = [
    {
      id: BASE_LAYER_IDS.background,
      type: 'background',
      paint: { 'background-color': BASE_COLORS.sea },
    },
    {
      id: BASE_LAYER_IDS.neighboursFill,
      type: 'fill',
      source: 'base-neighbours',
      paint: { 'fill-color': BASE_COLORS.neighbour },
    },
    {
      id: BASE_LAYER_IDS.neighboursLine,
      type: 'line',
      source: 'base-neighbours',
      paint: { 'line-color': '#c9c3b6', 'line-width': 0.8 },
    },
    {
      id: BASE_LAYER_IDS.outlineFill,
      type: 'fill',
      source: 'base-outline',
      paint: { 'fill-color': BASE_COLORS.land },
    },
    {
      id: BASE_LAYER_IDS.rivers,
      type: 'line',
      source: 'base-rivers',
      layout: { 'line-join': 'round', 'line-cap': 'round' },
      paint: {
        'line-color': BASE_COLORS.river,
        'line-width': ['interpolate', ['linear'], ['zoom'], 6, 1.3, 10, 3.5, 14, 7],
      },
    },
    {
      id: BASE_LAYER_IDS.outlineLine,
      type: 'line',
      source: 'base-outline',
      paint: { 'line-color': BASE_COLORS.outline, 'line-width': 2.2 },
    },
    {
      id: BASE_LAYER_IDS.neighboursLabel,
      type: 'symbol',
      source: 'base-neighbours-labels',
      layout: {
        'text-field': ['get', nameField],
        'text-font': [MAP_FONT_FAMILY],
        'text-size': 13,
        'text-letter-spacing': 0.2,
      },
      paint: {
        'text-color': '#a39d90',
        'text-halo-color': BASE_COLORS.neighbour,
        'text-halo-width': 1,
      },
    },
    {
      id: BASE_LAYER_IDS.riverLabels,
      type: 'symbol',
      source: 'base-rivers',
      minzoom: 7,
      layout: {
        'symbol-placement': 'line',
        'text-field': ['get', riverNameField],
        'text-font': [MAP_FONT_FAMILY],
        'text-size': 11,
      },
      paint: { 'text-color': '#3f7fae', 'text-halo-color': '#ffffff', 'text-halo-width': 1 },
    },
  ];
  return {
    version: 8,
    name: 'CQ Commerce Atlas — offline base map',
    'font-faces': fontFaces,
    sources: {
      'base-outline': { type: 'geojson', data: data.outline },
      'base-neighbours': { type: 'geojson', data: data.neighbours },
      'base-neighbours-labels': {
        type: 'geojson',
        // A province without a stored anchor is labelled once the map view has computed one.
        data: neighbourLabelPoints(
          data.neighbours,
          storedNeighbourAnchor(data.labelAnchors ?? NO_LABEL_ANCHORS),
        ),
      },
      'base-rivers': { type: 'geojson', data: data.rivers },
    },
    layers,
  };
}

/** Base layers whose `text-field` follows the language switch, with the property per language. */
export const BASE_LABEL_FIELDS: Readonly<Record<string, { zh: string; en: string }>> = {
  [BASE_LAYER_IDS.neighboursLabel]: { zh: 'name', en: 'name_en' },
  [BASE_LAYER_IDS.riverLabels]: { zh: 'name_zh', en: 'name_en' },
};
