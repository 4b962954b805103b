import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { PlanFeature } from '../../src/core/plan/plan-feature.ts';
import { validatePlanLayer } from '../../src/core/plan/validate.ts';
import {
  buildSearchIndex,
  searchFeatures,
  type SearchIndex,
} from '../../src/core/search/search.ts';

const GEODATA = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'geodata');
/** Every shipped layer, as the app loads them all into one search index. */
const LAYER_IDS = (
  JSON.parse(readFileSync(join(GEODATA, 'catalogue.json'), 'utf8')) as {
    layers: { id: string }[];
  }
).layers.map((l) => l.id);

function loadAll(): PlanFeature[] {
  return LAYER_IDS.flatMap((id) => {
    const json = JSON.parse(
      readFileSync(join(GEODATA, 'layers', `${id}.geojson`), 'utf8'),
    ) as unknown;
    const { collection, problems } = validatePlanLayer(json, id, id);
    if (problems.length > 0) throw new Error(`${id} has problems`);
    return collection.features;
  });
}

function feature(id: string, nameZh: string, pinyin: string, nameEn: string): PlanFeature {
  return {
    type: 'Feature',
    id,
    geometry: { type: 'Point', coordinates: [106.5, 29.5] },
    properties: {
      id,
      layer: 'test',
      catalogue_id: id,
      name_zh: nameZh,
      name_en: nameEn,
      category: 'test',
      district_adcode: null,
      plan_ref: '专栏3',
      plan_quote: '推进观音桥、南坪、三峡广场、九龙等核心商圈提质升级',
      status: 'existing',
      certainty: 'estimated',
      uncertainty_m: 500,
      position_note_zh: '',
      position_note_en: '',
      search_pinyin: pinyin,
    },
  };
}

const all = loadAll();
const index = buildSearchIndex(all);
const GUANYINQIAO = 'bd-core-guanyinqiao';

function ids(idx: SearchIndex, query: string, limit?: number): string[] {
  return searchFeatures(idx, query, limit).map((r) => r.id);
}

describe('searchFeatures on the real layers', () => {
  it('indexes every feature', () => {
    expect(index.size).toBe(all.length);
    expect(all.length).toBeGreaterThan(150);
  });

  it('finds 观音桥 by a Chinese substring', () => {
    const [first] = searchFeatures(index, '观音');
    expect(first).toMatchObject({ id: GUANYINQIAO, name_zh: '观音桥', matched: 'zh' });
    expect(ids(index, '音桥')).toContain(GUANYINQIAO);
  });

  it('finds 观音桥 first by its initials', () => {
    expect(searchFeatures(index, 'gyq')[0]).toMatchObject({ id: GUANYINQIAO, matched: 'initials' });
  });

  it('finds 观音桥 first by full pinyin, with or without spaces and in any case', () => {
    for (const q of [
      'guanyinqiao',
      'guan yin qiao',
      '  GuanYin   Qiao ',
      'ＧＵＡＮＹＩＮＱＩＡＯ',
    ]) {
      expect(searchFeatures(index, q)[0], q).toMatchObject({
        id: GUANYINQIAO,
        matched: 'pinyin',
      });
    }
    expect(ids(index, 'guanyin')[0]).toBe(GUANYINQIAO);
  });

  it('finds 观音桥 by its English name', () => {
    expect(ids(index, 'Guanyinqiao')[0]).toBe(GUANYINQIAO);
    expect(searchFeatures(index, 'Guanyinqiao Business')[0]).toMatchObject({
      id: GUANYINQIAO,
      matched: 'en',
    });
  });

  it('finds features by id', () => {
    expect(searchFeatures(index, 'bd-core-guanyinqiao')[0]).toMatchObject({
      id: GUANYINQIAO,
      matched: 'id',
      layer: 'business-districts',
    });
  });

  it('matches full-width brackets typed either way (NFKC)', () => {
    const half = ids(index, '(B型)');
    expect(half.length).toBe(2);
    expect(ids(index, '（B型）')).toEqual(half);
  });

  it('returns 10 results by default and honours the limit', () => {
    expect(searchFeatures(index, '区')).toHaveLength(10);
    expect(searchFeatures(index, '区', 3)).toHaveLength(3);
    expect(searchFeatures(index, '区', 1000).length).toBeGreaterThan(38);
    expect(searchFeatures(index, '区', 0)).toEqual([]);
    expect(searchFeatures(index, '区', -5)).toEqual([]);
    expect(searchFeatures(index, '区', NaN)).toEqual([]);
  });

  it('returns nothing for an empty or blank query', () => {
    for (const q of ['', ' ', '\t\n', '\u3000']) expect(searchFeatures(index, q)).toEqual([]);
  });

  it('returns plain, structured-cloneable results', () => {
    const results = searchFeatures(index, 'yu');
    expect(results.length).toBeGreaterThan(0);
    expect(structuredClone(results)).toEqual(results);
    expect(Object.keys(results[0] ?? {}).sort()).toEqual(
      ['category', 'id', 'layer', 'matched', 'name_en', 'name_zh', 'score'].sort(),
    );
  });

  it('survives hostile queries', () => {
    for (const q of [
      '.*',
      '(',
      '[a-',
      '\\',
      '$^|+?',
      '<img src=x onerror=alert(1)>',
      '\u0000',
      '\uD800',
      '__proto__',
      'constructor',
      'a'.repeat(10_000),
      '观'.repeat(10_000),
    ]) {
      expect(() => searchFeatures(index, q)).not.toThrow();
    }
    expect(searchFeatures(index, '.*')).toEqual([]);
    expect(searchFeatures(index, '<img src=x onerror=alert(1)>')).toEqual([]);
    expect(searchFeatures(index, 'a'.repeat(10_000))).toEqual([]);
  });

  it('never throws and never returns more than the limit, for any string', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 300 }), fc.nat(20), (q, limit) => {
        const results = searchFeatures(index, q, limit);
        expect(results.length).toBeLessThanOrEqual(limit);
        for (const r of results) expect(r.score).toBeGreaterThanOrEqual(10);
      }),
      { numRuns: 300 },
    );
  });

  it('refuses an index it did not build', () => {
    expect(() => searchFeatures({ size: 0 }, 'x')).toThrow(TypeError);
  });
});

describe('searchFeatures ranking', () => {
  it('puts exact before prefix before substring', () => {
    const idx = buildSearchIndex([
      feature('c', '大桥', 'daqiao dq', 'Big Bridge'),
      feature('b', '桥头', 'qiaotou qt', 'Bridgehead'),
      feature('a', '桥', 'qiao q', 'Bridge'),
    ]);
    expect(ids(idx, '桥')).toEqual(['a', 'b', 'c']);
    expect(ids(idx, 'bridge')).toEqual(['a', 'b', 'c']);
  });

  it('prefers Chinese over pinyin over initials over English at equal quality', () => {
    const idx = buildSearchIndex([
      feature('en', '甲', 'jia j', 'Dazu'),
      feature('pinyin', '乙', 'dazu dz', 'Other'),
      feature('zh', 'dazu中心', 'dazuzhongxin dzzx', 'Centre'),
    ]);
    expect(ids(idx, 'dazu')).toEqual(['pinyin', 'en', 'zh']); // exact beats prefix first
    expect(ids(idx, 'daz')).toEqual(['zh', 'pinyin', 'en']);
    const initials = buildSearchIndex([
      feature('en', '甲', 'jia j', 'Dz'),
      feature('initials', '乙', 'dazu dz', 'Other'),
    ]);
    expect(searchFeatures(initials, 'dz').map((r) => [r.id, r.matched])).toEqual([
      ['initials', 'initials'],
      ['en', 'en'],
    ]);
  });

  it('puts shorter names first when tied, then orders by id whatever the input order', () => {
    const features = [
      feature('z-long', '桥头堡', 'qiaotoubao qtb', 'x'),
      feature('m-short', '桥头', 'qiaotou qt', 'y'),
      feature('b-same', '桥头', 'qiaotou qt', 'y'),
    ];
    expect(ids(buildSearchIndex(features), '桥')).toEqual(['b-same', 'm-short', 'z-long']);
    expect(ids(buildSearchIndex([...features].reverse()), '桥')).toEqual([
      'b-same',
      'm-short',
      'z-long',
    ]);
  });
});
