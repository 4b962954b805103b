import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { validatePlanLayer } from '../../src/core/plan/validate.ts';

const GEODATA = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'geodata');
/** Every layer the catalogue lists, so that each shipped file is validated. */
const LAYER_IDS = (
  JSON.parse(readFileSync(join(GEODATA, 'catalogue.json'), 'utf8')) as {
    layers: { id: string }[];
  }
).layers.map((l) => l.id);
const SOURCE = 'layers/test.geojson';

type Json = Record<string, unknown>;

function readLayer(id: string): { features: Json[] } & Json {
  return JSON.parse(readFileSync(join(GEODATA, 'layers', `${id}.geojson`), 'utf8')) as {
    features: Json[];
  } & Json;
}

/** A valid point feature (a copy of 观音桥 with a new id). */
function point(id: string): Json {
  const f = structuredClone(readLayer('business-districts').features[0]) as Json;
  f.id = id;
  (f.properties as Json).id = id;
  (f.properties as Json).layer = 'test';
  return f;
}

/** A valid polygon feature (a small square; polygons may have uncertainty_m null). */
function square(id: string): Json {
  const f = point(id);
  f.geometry = {
    type: 'Polygon',
    coordinates: [
      [
        [106, 29],
        [107, 29],
        [107, 30],
        [106, 30],
        [106, 29],
      ],
    ],
  };
  (f.properties as Json).uncertainty_m = null;
  return f;
}

function props(f: Json): Json {
  return f.properties as Json;
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}

/** Validates [valid a, broken b, valid c]; returns kept ids and problem locations. */
function withBroken(edit: (f: Json) => void, make = point) {
  const broken = make('b');
  edit(broken);
  const json = { type: 'FeatureCollection', features: [make('a'), broken, make('c')] };
  const { collection, problems } = validatePlanLayer(json, 'test', SOURCE);
  return {
    kept: collection.features.map((f) => f.properties.id),
    wheres: problems.map((p) => p.where),
    messages: problems.map((p) => p.message),
  };
}

describe('validatePlanLayer on the committed layers', () => {
  for (const id of LAYER_IDS) {
    it(`finds no problems in layers/${id}.geojson and keeps every feature unchanged`, () => {
      const json = readLayer(id);
      const { collection, problems } = validatePlanLayer(json, id, `layers/${id}.geojson`);
      expect(problems).toEqual([]);
      expect(collection.features.length).toBeGreaterThan(0);
      expect(collection.features).toEqual(json.features);
    });
  }

  it('keeps extra properties (districts carry census figures)', () => {
    const { collection } = validatePlanLayer(readLayer('districts'), 'districts', 'x');
    const banan = collection.features.find((f) => f.properties.id === 'district-banan');
    expect(banan?.properties).toMatchObject({ pop2020_census: 1178856, region_zh: '主城都市区' });
  });

  it('reports features of another layer', () => {
    const { collection, problems } = validatePlanLayer(readLayer('regions'), 'districts', 'r');
    expect(collection.features).toEqual([]);
    expect(problems).toHaveLength(5);
    expect(problems[0]?.where).toBe('r feature 0 (id region-yudongbei) property layer');
  });
});

describe('validatePlanLayer on broken features', () => {
  const cases: [string, (f: Json) => void, string][] = [
    ['unknown status', (f) => (props(f).status = 'planned'), 'property status'],
    ['unknown certainty', (f) => (props(f).certainty = 'guess'), 'property certainty'],
    ['point without uncertainty', (f) => (props(f).uncertainty_m = null), 'property uncertainty_m'],
    ['negative uncertainty', (f) => (props(f).uncertainty_m = -1), 'property uncertainty_m'],
    ['infinite uncertainty', (f) => (props(f).uncertainty_m = Infinity), 'property uncertainty_m'],
    ['string uncertainty', (f) => (props(f).uncertainty_m = '500'), 'property uncertainty_m'],
    ['adcode outside 50', (f) => (props(f).district_adcode = 510104), 'property district_adcode'],
    ['5-digit adcode', (f) => (props(f).district_adcode = 50010), 'property district_adcode'],
    ['fractional adcode', (f) => (props(f).district_adcode = 500103.5), 'property district_adcode'],
    ['string adcode', (f) => (props(f).district_adcode = '500103'), 'property district_adcode'],
    ['missing adcode', (f) => delete props(f).district_adcode, 'property district_adcode'],
    ['wrong layer', (f) => (props(f).layer = 'other'), 'property layer'],
    ['missing name_zh', (f) => delete props(f).name_zh, 'property name_zh'],
    ['number name_en', (f) => (props(f).name_en = 42), 'property name_en'],
    ['blank category', (f) => (props(f).category = '  '), 'property category'],
    ['missing plan_ref', (f) => delete props(f).plan_ref, 'property plan_ref'],
    ['missing plan_quote', (f) => delete props(f).plan_quote, 'property plan_quote'],
    ['empty plan_quote', (f) => (props(f).plan_quote = ' '), 'property plan_quote'],
    ['number plan_quote', (f) => (props(f).plan_quote = 3), 'property plan_quote'],
    ['missing catalogue_id', (f) => delete props(f).catalogue_id, 'property catalogue_id'],
    ['null position note', (f) => (props(f).position_note_en = null), 'property position_note_en'],
    [
      'capitalised pinyin',
      (f) => (props(f).search_pinyin = 'Guanyinqiao'),
      'property search_pinyin',
    ],
    ['bad tier', (f) => (props(f).tier = 4), 'property tier'],
    [
      'events that are not strings',
      (f) => {
        props(f).event_ids = [1];
        props(f).events_zh = ['智博会'];
        props(f).events_en = ['Smart China Expo'];
      },
      'property event_ids',
    ],
    [
      'event names without ids',
      (f) => {
        props(f).events_zh = ['智博会'];
        props(f).events_en = ['Smart China Expo'];
      },
      'property event_ids',
    ],
    [
      'empty street course note',
      (f) => (props(f).street_course_zh = ''),
      'property street_course_zh',
    ],
    ['null tier', (f) => (props(f).tier = null), 'property tier'],
    ['mismatched feature id', (f) => (f.id = 'other'), 'id'],
    ['null geometry', (f) => (f.geometry = null), 'geometry'],
    ['unknown geometry type', (f) => (f.geometry = { type: 'Circle' }), 'geometry.type'],
    [
      'geometry collection',
      (f) => (f.geometry = { type: 'GeometryCollection', geometries: [] }),
      'geometry.type',
    ],
    [
      'longitude 200',
      (f) => (f.geometry = { type: 'Point', coordinates: [200, 30] }),
      'geometry.coordinates',
    ],
    [
      'latitude 95',
      (f) => (f.geometry = { type: 'Point', coordinates: [106, 95] }),
      'geometry.coordinates',
    ],
    [
      'string coordinate',
      (f) => (f.geometry = { type: 'Point', coordinates: [106, '29'] }),
      'geometry.coordinates',
    ],
    [
      'NaN coordinate',
      (f) => (f.geometry = { type: 'Point', coordinates: [NaN, 29] }),
      'geometry.coordinates',
    ],
    [
      'short position',
      (f) => (f.geometry = { type: 'Point', coordinates: [106] }),
      'geometry.coordinates',
    ],
    ['no coordinates', (f) => (f.geometry = { type: 'Point' }), 'geometry.coordinates'],
    [
      'empty multipoint',
      (f) => (f.geometry = { type: 'MultiPoint', coordinates: [] }),
      'geometry.coordinates',
    ],
    [
      'one-point line',
      (f) => (f.geometry = { type: 'LineString', coordinates: [[106, 29]] }),
      'geometry.coordinates',
    ],
    [
      'bad position in a line',
      (f) =>
        (f.geometry = {
          type: 'LineString',
          coordinates: [
            [106, 29],
            [107, null],
          ],
        }),
      'geometry.coordinates[1]',
    ],
  ];

  for (const [name, edit, what] of cases) {
    it(`reports ${name} at "${what}" and keeps the valid neighbours`, () => {
      const { kept, wheres, messages } = withBroken(edit);
      expect(kept).toEqual(['a', 'c']);
      expect(wheres).toEqual([`${SOURCE} feature 1 (id b) ${what}`]);
      expect(messages[0]).toMatch(/^Expected .+\.$/);
    });
  }

  it('reports bad polygons at the ring and position that is wrong', () => {
    const ring = (f: Json) => (f.geometry as { coordinates: number[][][] }).coordinates;
    const unclosed = withBroken((f) => ring(f)[0]?.pop(), square);
    expect(unclosed.wheres).toEqual([`${SOURCE} feature 1 (id b) geometry.coordinates[0]`]);
    const nan = withBroken((f) => ((ring(f)[0] as number[][])[2] = [107, NaN]), square);
    expect(nan.wheres).toEqual([`${SOURCE} feature 1 (id b) geometry.coordinates[0][2]`]);
    expect(nan.kept).toEqual(['a', 'c']);
  });

  it('accepts polygons with and without uncertainty_m', () => {
    expect(withBroken(() => undefined, square).kept).toEqual(['a', 'b', 'c']);
    expect(withBroken((f) => (props(f).uncertainty_m = 3000), square).kept).toEqual([
      'a',
      'b',
      'c',
    ]);
    expect(withBroken((f) => (props(f).uncertainty_m = -3), square).wheres).toEqual([
      `${SOURCE} feature 1 (id b) property uncertainty_m`,
    ]);
  });

  it('reports every fault of a feature, not just the first', () => {
    const { wheres } = withBroken((f) => {
      props(f).status = 'x';
      props(f).certainty = 'y';
      f.geometry = null;
    });
    expect(wheres).toEqual([
      `${SOURCE} feature 1 (id b) geometry`,
      `${SOURCE} feature 1 (id b) property status`,
      `${SOURCE} feature 1 (id b) property certainty`,
    ]);
  });

  it('names a feature without a usable id by its index alone', () => {
    expect(withBroken((f) => (props(f).id = 'Not Kebab')).wheres).toEqual([
      `${SOURCE} feature 1 (id Not Kebab) property id`,
      `${SOURCE} feature 1 (id Not Kebab) id`,
    ]);
    expect(withBroken((f) => delete props(f).id).wheres).toContain(
      `${SOURCE} feature 1 property id`,
    );
    expect(withBroken((f) => delete f.properties).wheres).toEqual([
      `${SOURCE} feature 1 properties`,
    ]);
    const json = { type: 'FeatureCollection', features: [point('a'), 42, null] };
    expect(validatePlanLayer(json, 'test', SOURCE).problems.map((p) => p.where)).toEqual([
      `${SOURCE} feature 1`,
      `${SOURCE} feature 2`,
    ]);
  });

  it('keeps the first of two features with the same id and reports the second', () => {
    const json = { type: 'FeatureCollection', features: [point('a'), point('b'), point('a')] };
    const { collection, problems } = validatePlanLayer(json, 'test', SOURCE);
    expect(collection.features.map((f) => f.properties.id)).toEqual(['a', 'b']);
    expect(problems).toEqual([
      {
        where: `${SOURCE} feature 2 (id a) property id`,
        message: 'Expected a unique id within the layer; feature 0 already uses it.',
      },
    ]);
  });

  it('rejects input that is not a FeatureCollection with one problem and no features', () => {
    for (const json of [
      null,
      'x',
      [],
      { type: 'Feature' },
      { type: 'FeatureCollection' },
      { type: 'FeatureCollection', features: {} },
    ]) {
      const { collection, problems } = validatePlanLayer(json, 'test', SOURCE);
      expect(collection).toEqual({ type: 'FeatureCollection', features: [] });
      expect(problems.map((p) => p.where)).toEqual([SOURCE]);
    }
  });
});

describe('validatePlanLayer output', () => {
  it('sets a missing feature id from properties.id without touching the input', () => {
    const f = point('a');
    delete f.id;
    const json = deepFreeze({ type: 'FeatureCollection', features: [f] });
    const { collection, problems } = validatePlanLayer(json, 'test', SOURCE);
    expect(problems).toEqual([]);
    expect(collection.features[0]?.id).toBe('a');
    expect('id' in f).toBe(false);
  });

  it('returns copies: editing the output does not change the input', () => {
    const json = { type: 'FeatureCollection', features: [square('a')] };
    const { collection } = validatePlanLayer(json, 'test', SOURCE);
    const out = collection.features[0];
    if (out?.geometry.type !== 'Polygon') throw new Error('expected the polygon back');
    (out.geometry.coordinates[0] as number[][])[0] = [0, 0];
    (out.properties as unknown as Json).name_zh = 'changed';
    expect(square('a')).toEqual(json.features[0]);
  });

  it('treats a __proto__ key as plain data and ignores inherited values', () => {
    const text = JSON.stringify(point('a')).replace(
      '"properties":{',
      '"properties":{"__proto__":{"polluted":true},',
    );
    const json = { type: 'FeatureCollection', features: [JSON.parse(text) as Json] };
    const { collection, problems } = validatePlanLayer(json, 'test', SOURCE);
    expect(problems).toEqual([]);
    const out = collection.features[0]?.properties as unknown as Json;
    expect(Object.hasOwn(out, '__proto__')).toBe(true);
    expect(Object.getPrototypeOf(out)).toBe(Object.prototype);
    expect(out.polluted).toBeUndefined();
    expect(({} as Json).polluted).toBeUndefined();

    const inherited = point('b');
    const own = { ...props(inherited) };
    delete own.status;
    inherited.properties = Object.assign(Object.create({ status: 'existing' }) as Json, own);
    const second = validatePlanLayer(
      { type: 'FeatureCollection', features: [inherited] },
      'test',
      SOURCE,
    );
    expect(second.problems.map((p) => p.where)).toEqual([
      `${SOURCE} feature 0 (id b) property status`,
    ]);
  });

  it('cuts a very long id in problem locations', () => {
    const { wheres } = withBroken((f) => (props(f).id = 'x'.repeat(10_000)));
    expect(wheres[0]?.length).toBeLessThan(120);
  });
});
