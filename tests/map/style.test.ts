import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { validateStyleMin } from '@maplibre/maplibre-gl-style-spec';
import type { StyleSpecification } from 'maplibre-gl';
import { describe, expect, it } from 'vitest';
import { baseStyle } from '../../src/map/base-style';
import {
  fontFaceEntriesFromCss,
  fontFacesFromRules,
  MAP_FONT_FAMILY,
  type FontFaceRuleLike,
} from '../../src/map/font-faces';
import { SCHEMATIC_LINE_MAX_ZOOM, planLayerStyle, planSourceIds } from '../../src/map/layer-style';
import { legendFromStyle } from '../../src/map/legend';
import { shippedBase, shippedCatalogue, shippedCollections } from '../fixtures';

const require = createRequire(import.meta.url);
const fontCss = readFileSync(require.resolve('@fontsource/noto-sans-sc/400.css'), 'utf8');

/** The `@font-face` rules of a stylesheet's text, as the browser's CSSOM gives them. */
function rulesOf(css: string, base: string): FontFaceRuleLike[] {
  return css
    .split('@font-face')
    .slice(1)
    .map((block) => {
      const value = (name: string) => new RegExp(`${name}:\\s*([^;}]+)`).exec(block)?.[1] ?? '';
      return {
        family: value('font-family'),
        weight: value('font-weight'),
        style: value('font-style'),
        src: value('src'),
        unicodeRange: value('unicode-range'),
        base,
      };
    });
}

function fullStyle(lang: 'zh' | 'en'): StyleSpecification {
  const catalogue = shippedCatalogue();
  const collections = shippedCollections();
  const faces = fontFacesFromRules(rulesOf(fontCss, 'http://localhost/assets/index.css'));
  const style = baseStyle(shippedBase(), faces, lang);
  for (const layer of catalogue.layers) {
    const ids = planSourceIds(layer.id);
    style.sources[ids.features] = {
      type: 'geojson',
      data: collections[layer.id] ?? { type: 'FeatureCollection', features: [] },
      promoteId: 'id',
    };
    style.sources[ids.labels] = {
      type: 'geojson',
      data: { type: 'FeatureCollection', features: [] },
    };
    style.layers.push(...planLayerStyle(layer, lang));
  }
  return style;
}

describe('the map style', () => {
  it('is valid against the MapLibre style spec in both languages', () => {
    expect(validateStyleMin(fullStyle('zh'))).toEqual([]);
    expect(validateStyleMin(fullStyle('en'))).toEqual([]);
  });

  it('needs no network: no glyphs URL, no sprite, no tiles, fonts from the app itself', () => {
    const style = fullStyle('zh');
    expect(style.glyphs).toBeUndefined();
    expect(style.sprite).toBeUndefined();
    for (const source of Object.values(style.sources)) expect(source.type).toBe('geojson');
    const faces = style['font-faces']?.[MAP_FONT_FAMILY];
    expect(Array.isArray(faces) && faces.length).toBeGreaterThan(90);
  });

  it('names every style layer of a catalogue layer with the catalogue id as prefix', () => {
    for (const layer of shippedCatalogue().layers) {
      const styleLayers = planLayerStyle(layer, 'zh');
      expect(styleLayers.length).toBeGreaterThan(0);
      for (const styleLayer of styleLayers)
        expect(styleLayer.id.startsWith(`${layer.id}-`)).toBe(true);
    }
  });

  it('draws an uncertainty halo whose radius doubles per zoom level (fixed size in metres)', () => {
    const points = shippedCatalogue().layers.find((layer) => layer.id === 'cold-chain-nodes');
    if (points === undefined) throw new Error('cold-chain-nodes missing');
    const halo = planLayerStyle(points, 'zh').find(
      (layer) => layer.id === 'cold-chain-nodes-uncertainty',
    );
    expect(halo?.type).toBe('circle');
    const radius = halo?.type === 'circle' ? halo.paint?.['circle-radius'] : undefined;
    expect(JSON.stringify(radius)).toContain('"exponential",2');
    expect(JSON.stringify(radius)).toContain('uncertainty_m');
  });

  it('labels in the chosen language', () => {
    const districts = shippedCatalogue().layers.find((layer) => layer.id === 'districts');
    if (districts === undefined) throw new Error('districts missing');
    const label = (lang: 'zh' | 'en') =>
      JSON.stringify(
        planLayerStyle(districts, lang).find((layer) => layer.id === 'districts-label'),
      );
    expect(label('zh')).toContain('name_zh');
    // The map draws the short English name; the panel keeps the official long form.
    expect(label('en')).toContain('label_en');
  });

  it('draws schematic lines dashed, lighter, and not at street zoom', () => {
    const night = shippedCatalogue().layers.find((layer) => layer.id === 'night-markets');
    if (night === undefined) throw new Error('night-markets missing');
    const layers = planLayerStyle(night, 'zh');
    const schematic = layers.find((layer) => layer.id === 'night-markets-schematic');
    const solid = layers.find((layer) => layer.id === 'night-markets-line');
    expect(schematic?.type).toBe('line');
    expect(schematic?.maxzoom).toBe(SCHEMATIC_LINE_MAX_ZOOM);
    expect(SCHEMATIC_LINE_MAX_ZOOM).toBeLessThanOrEqual(13);
    expect(JSON.stringify(schematic?.paint)).toContain('line-dasharray');
    expect(JSON.stringify(schematic)).toContain('"schematic"');
    // The solid line never draws a schematic feature.
    expect(JSON.stringify(solid)).toContain('["!",["==",["get","certainty"],"schematic"]]');
  });

  it('draws uncertainty as a faint outline, filled only when selected or hovered', () => {
    const districts = shippedCatalogue().layers.find((layer) => layer.id === 'business-districts');
    if (districts === undefined) throw new Error('business-districts missing');
    const halo = planLayerStyle(districts, 'zh').find(
      (layer) => layer.id === 'business-districts-uncertainty',
    );
    const paint = halo?.paint as Record<string, unknown> | undefined;
    const opacity = JSON.stringify(paint?.['circle-opacity']);
    expect(opacity).toContain('"hover"');
    expect(opacity).toContain('"selected"');
    expect(paint?.['circle-opacity']).toEqual(expect.arrayContaining([0]));
  });
});

describe('font faces from the fontsource stylesheet', () => {
  it('reads each woff2 subset with its unicode ranges', () => {
    const entries = fontFaceEntriesFromCss(fontCss);
    expect(entries.length).toBeGreaterThan(90);
    const covering = (codePoint: number) =>
      entries.filter((entry) =>
        entry.unicodeRange.some((range) => {
          const [start, end] = range.replace('U+', '').split('-');
          const low = parseInt(start ?? '', 16);
          const high = end === undefined ? low : parseInt(end, 16);
          return codePoint >= low && codePoint <= high;
        }),
      );
    expect(covering('重'.codePointAt(0) ?? 0).length).toBeGreaterThan(0);
    expect(covering('A'.codePointAt(0) ?? 0).length).toBeGreaterThan(0);
  });

  it('gives the map the numbered CJK subsets the page loaded, with their built URLs', () => {
    const faces = fontFacesFromRules(rulesOf(fontCss, 'http://localhost/assets/index.css'));
    const list = faces[MAP_FONT_FAMILY];
    if (!Array.isArray(list)) throw new Error('no font faces');
    // Every numbered subset of the stylesheet, none of the Latin/Cyrillic/Vietnamese ones.
    const numbered = fontFaceEntriesFromCss(fontCss).filter((entry) => /-\d+-400/.test(entry.file));
    expect(list).toHaveLength(numbered.length);
    expect(list[0]).toEqual({
      url: `http://localhost/assets/files/${numbered[0]?.file ?? ''}`,
      'unicode-range': numbered[0]?.unicodeRange,
    });
    expect(list.some((face) => typeof face !== 'string' && face.url.includes('latin'))).toBe(false);
  });

  it('keeps inlined subsets and skips other families, weights and woff-only rules', () => {
    const rule = (overrides: Partial<FontFaceRuleLike>): FontFaceRuleLike => ({
      family: '"Noto Sans SC"',
      weight: '400',
      style: 'normal',
      src: 'url("./noto-sans-sc-7-400-normal-abc.woff2") format("woff2"), url(./x.woff) format("woff")',
      unicodeRange: 'U+4E00-4E01, U+4E03',
      base: 'http://localhost/assets/index.css',
      ...overrides,
    });
    const faces = fontFacesFromRules([
      rule({}),
      rule({ src: 'url(data:font/woff2;base64,AAAA) format("woff2")', unicodeRange: '' }),
      rule({ family: 'Other' }),
      rule({ weight: '700' }),
      rule({ src: 'url(./noto-sans-sc-7-400-normal.woff) format("woff")' }),
      rule({ src: 'url(./noto-sans-sc-latin-400-normal-x.woff2) format("woff2")' }),
    ]);
    expect(faces[MAP_FONT_FAMILY]).toEqual([
      {
        url: 'http://localhost/assets/noto-sans-sc-7-400-normal-abc.woff2',
        'unicode-range': ['U+4E00-4E01', 'U+4E03'],
      },
      { url: 'data:font/woff2;base64,AAAA', 'unicode-range': ['U+0-10FFFF'] },
    ]);
  });
});

describe('legendFromStyle', () => {
  it('lists only visible catalogue layers, topmost first', () => {
    const style = fullStyle('zh');
    const all = legendFromStyle(style).map((item) => item.layerId);
    expect(all[0]).toBe('bonded-zones');
    expect(all).toContain('districts');
    for (const layer of style.layers) {
      if (layer.id.startsWith('bonded-zones-'))
        layer.layout = { ...layer.layout, visibility: 'none' };
    }
    expect(legendFromStyle(style).map((item) => item.layerId)).not.toContain('bonded-zones');
  });

  it('carries the colours and names the catalogue gives', () => {
    const item = legendFromStyle(fullStyle('zh')).find(
      (entry) => entry.layerId === 'cold-chain-nodes',
    );
    expect(item?.symbol).toBe('circle');
    expect(item?.showsUncertainty).toBe(true);
    expect(item?.entries.map((entry) => entry.zh)).toEqual(['一级节点', '二级节点', '三级节点']);
  });
});
