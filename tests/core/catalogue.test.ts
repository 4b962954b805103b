import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseCatalogue, type CatalogueResult } from '../../src/core/catalogue/catalogue.ts';
import { FOUNDATION_LAYER_IDS } from '../../src/core/catalogue/foundation-layers.ts';

const GEODATA = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'geodata');

type Json = Record<string, unknown>;

function realJson(): Json {
  return JSON.parse(readFileSync(join(GEODATA, 'catalogue.json'), 'utf8')) as Json;
}

function layerAt(json: Json, i: number): Json {
  return (json.layers as Json[])[i] as Json;
}

function styleAt(json: Json, i: number): Json {
  return layerAt(json, i).style as Json;
}

function wheres(result: CatalogueResult): string[] {
  if (result.ok) throw new Error('expected problems, the catalogue parsed');
  return result.problems.map((p) => p.where);
}

/** Parses the real catalogue after `edit`, returning the problem locations. */
function problemsAfter(edit: (json: Json) => void): string[] {
  const json = realJson();
  edit(json);
  return wheres(parseCatalogue(json));
}

describe('parseCatalogue on geodata/catalogue.json', () => {
  const result = parseCatalogue(realJson());

  it('finds no problems', () => {
    expect(result.ok ? [] : result.problems).toEqual([]);
  });

  it('reads every theme and layer in order, with their styles', () => {
    if (!result.ok) throw new Error('catalogue did not parse');
    const { catalogue } = result;
    expect(catalogue.version).toBe(1);
    expect(catalogue.themes.map((t) => t.id)).toEqual([
      'framework',
      'markets',
      'consumption',
      'logistics',
      'opening',
    ]);
    expect(catalogue.layers.slice(0, 6).map((l) => l.id)).toEqual([...FOUNDATION_LAYER_IDS]);
    expect(catalogue.layers.length).toBeGreaterThan(6);
    const bd = catalogue.layers[3];
    expect(bd?.style.colors['business-district-core']).toEqual({
      color: '#c0392b',
      zh: '核心商圈',
      en: 'Core business district',
    });
    expect(bd?.style.radius).toBe(6);
    expect(bd !== undefined && 'fillOpacity' in bd.style).toBe(false);
    expect(catalogue.layers[1]?.style.fillOpacity).toBe(0);
  });

  it('shows only the six foundation layers at start, so the start view stays readable', () => {
    if (!result.ok) throw new Error('catalogue did not parse');
    expect(result.catalogue.layers.filter((l) => l.defaultVisible).map((l) => l.id)).toEqual([
      ...FOUNDATION_LAYER_IDS,
    ]);
  });

  it('gives every layer a distinct colour per legend entry and a title in both languages', () => {
    if (!result.ok) throw new Error('catalogue did not parse');
    for (const layer of result.catalogue.layers) {
      const colours = Object.values(layer.style.colors).map((c) => c.color);
      expect(new Set(colours).size, layer.id).toBe(colours.length);
      expect(layer.title.zh.length).toBeGreaterThan(1);
      expect(layer.title.en.length).toBeGreaterThan(1);
    }
  });

  it('points every layer at an existing file, and every layer file is in the catalogue', () => {
    if (!result.ok) throw new Error('catalogue did not parse');
    const data = result.catalogue.layers.map((l) => l.data);
    for (const rel of data) expect(existsSync(join(GEODATA, rel)), rel).toBe(true);
    const files = readdirSync(join(GEODATA, 'layers')).map((f) => `layers/${f}`);
    expect([...data].sort()).toEqual(files.sort());
  });

  it('returns fresh objects: editing the input afterwards changes nothing', () => {
    const json = realJson();
    const parsed = parseCatalogue(json);
    layerAt(json, 0).id = 'changed';
    styleAt(json, 0).label = true;
    if (!parsed.ok) throw new Error('catalogue did not parse');
    expect(parsed.catalogue.layers[0]?.id).toBe('regions');
    expect(parsed.catalogue.layers[0]?.style.label).toBe(false);
  });
});

describe('parseCatalogue on broken input', () => {
  it('rejects input that is not an object', () => {
    for (const json of [null, 42, 'catalogue', [], undefined]) {
      expect(wheres(parseCatalogue(json))).toEqual(['catalogue']);
    }
  });

  it('requires version 1', () => {
    expect(problemsAfter((j) => (j.version = 2))).toEqual(['catalogue.version']);
    expect(problemsAfter((j) => delete j.version)).toEqual(['catalogue.version']);
  });

  it('requires non-empty theme and layer arrays', () => {
    expect(problemsAfter((j) => (j.themes = []))).toContain('catalogue.themes');
    expect(problemsAfter((j) => (j.layers = {}))).toEqual(['catalogue.layers']);
  });

  it('requires kebab-case ids', () => {
    for (const id of ['Bonded', 'bonded_zones', '1layer', 'a--b', 'x-', '', 7]) {
      expect(problemsAfter((j) => (layerAt(j, 5).id = id))).toEqual(['catalogue.layers[5].id']);
    }
  });

  it('requires unique theme and layer ids, naming the repeat', () => {
    expect(problemsAfter((j) => (layerAt(j, 2).id = 'regions'))).toEqual([
      'catalogue.layers[2].id',
    ]);
    const themes = (j: Json) => j.themes as Json[];
    // Every layer that used the renamed theme "opening" is reported too.
    const openingLayers = (realJson() as { layers: { theme: string }[] }).layers.flatMap((l, i) =>
      l.theme === 'opening' ? [`catalogue.layers[${String(i)}].theme`] : [],
    );
    expect(openingLayers).toContain('catalogue.layers[5].theme');
    expect(problemsAfter((j) => ((themes(j)[4] as Json).id = 'framework'))).toEqual([
      'catalogue.themes[4].id',
      ...openingLayers,
    ]);
  });

  it('requires a layer theme that exists', () => {
    expect(problemsAfter((j) => (layerAt(j, 3).theme = 'shopping'))).toEqual([
      'catalogue.layers[3].theme',
    ]);
  });

  it('requires colours written #rrggbb', () => {
    for (const color of ['#fff', 'red', '#c0392', '#c0392bff', 'rgb(1,2,3)', null]) {
      const colors = (j: Json) => styleAt(j, 3).colors as Record<string, Json>;
      expect(
        problemsAfter((j) => ((colors(j)['business-district-core'] as Json).color = color)),
      ).toEqual(['catalogue.layers[3].style.colors.business-district-core.color']);
    }
  });

  it('requires data paths of the form layers/<name>.geojson', () => {
    for (const data of [
      '../secret.geojson',
      'layers/../../etc/passwd.geojson',
      '/layers/x.geojson',
      'https://example.com/layers/x.geojson',
      'layers/x.json',
      'layers/sub/x.geojson',
      'x.geojson',
    ]) {
      expect(problemsAfter((j) => (layerAt(j, 0).data = data))).toEqual([
        'catalogue.layers[0].data',
      ]);
    }
  });

  it('checks geometry, titles, booleans and style numbers', () => {
    expect(problemsAfter((j) => (layerAt(j, 1).geometry = 'circle'))).toEqual([
      'catalogue.layers[1].geometry',
    ]);
    expect(problemsAfter((j) => delete (layerAt(j, 1).title as Json).en)).toEqual([
      'catalogue.layers[1].title.en',
    ]);
    expect(problemsAfter((j) => (layerAt(j, 1).defaultVisible = 'yes'))).toEqual([
      'catalogue.layers[1].defaultVisible',
    ]);
    expect(problemsAfter((j) => (styleAt(j, 0).fillOpacity = 1.5))).toEqual([
      'catalogue.layers[0].style.fillOpacity',
    ]);
    expect(problemsAfter((j) => (styleAt(j, 4).radius = -1))).toEqual([
      'catalogue.layers[4].style.radius',
    ]);
    expect(problemsAfter((j) => delete styleAt(j, 4).label)).toEqual([
      'catalogue.layers[4].style.label',
    ]);
    expect(problemsAfter((j) => (styleAt(j, 4).colors = {}))).toEqual([
      'catalogue.layers[4].style.colors',
    ]);
  });

  it('reports unknown keys, which are usually typos', () => {
    expect(problemsAfter((j) => (layerAt(j, 2).defaultVisable = true))).toEqual([
      'catalogue.layers[2].defaultVisable',
    ]);
  });

  it('reports every problem at once, and a __proto__ colour key without polluting', () => {
    const text = readFileSync(join(GEODATA, 'catalogue.json'), 'utf8').replace(
      '"district": { "color"',
      '"__proto__": { "polluted": true }, "district": { "color"',
    );
    expect(text).toContain('__proto__');
    const json = JSON.parse(text) as Json;
    layerAt(json, 0).theme = 'nope';
    expect(wheres(parseCatalogue(json))).toEqual([
      'catalogue.layers[0].theme',
      'catalogue.layers[1].style.colors.__proto__',
    ]);
    expect(({} as Json).polluted).toBeUndefined();
  });

  it('names each problem in a full sentence saying what was expected', () => {
    const json = realJson();
    layerAt(json, 0).geometry = 'circle';
    const result = parseCatalogue(json);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.problems[0]?.message).toBe(
        'Expected one of point, line, polygon, mixed, found the string "circle".',
      );
    }
  });
});
