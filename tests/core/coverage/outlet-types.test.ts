import { describe, expect, it } from 'vitest';
import { PLAN_RULE } from '../../../src/core/coverage/coverage-rule';
import {
  mapOutletTypes,
  OUTLET_TYPE_SYNONYMS,
  OUTLET_TYPES,
  outletTypeOf,
  presetOf,
  presetRules,
  typeTextOf,
} from '../../../src/core/coverage/outlet-types';

describe('the type column read through the synonym table', () => {
  it.each([
    ['菜市场', 'wet-market'],
    ['农贸市场', 'wet-market'],
    ['菜场', 'wet-market'],
    ['生鲜超市（菜店）', 'fresh-grocery'],
    ['生鲜超市(菜店)', 'fresh-grocery'],
    ['生鲜超市', 'fresh-grocery'],
    ['生鲜店', 'fresh-grocery'],
    ['菜店', 'fresh-grocery'],
    ['社区菜店', 'fresh-grocery'],
    ['超市', 'supermarket'],
    ['综合超市', 'supermarket'],
    [' 便 利 店 ', 'convenience-store'],
    ['药房', 'pharmacy'],
    ['菜鸟驿站', 'post-express'],
    ['家政', 'housekeeping'],
    ['维修', 'repair'],
    ['洗染', 'laundry'],
    ['美容美发', 'hair-beauty'],
    ['照相文印', 'photo-print'],
    ['Wet market', 'wet-market'],
    ['PHARMACY', 'pharmacy'],
    ['fresh-grocery', 'fresh-grocery'],
  ])('%s means %s', (word, id) => {
    expect(outletTypeOf(word)).toBe(id);
  });

  it('knows nothing it is not told: unknown words and empty text are no type', () => {
    expect(outletTypeOf('五金店')).toBeNull();
    expect(outletTypeOf('菜')).toBeNull();
    expect(outletTypeOf('')).toBeNull();
  });

  it('every synonym names a listed type, and no synonym is a listed name of another type', () => {
    const ids = new Set(OUTLET_TYPES.map((type) => type.id));
    for (const [word, id] of Object.entries(OUTLET_TYPE_SYNONYMS)) {
      expect(ids.has(id), word).toBe(true);
      const named = OUTLET_TYPES.find((type) => type.zh === word);
      expect(named === undefined || named.id === id, word).toBe(true);
    }
  });

  it('counts nodes per type and lists the unknown words, most frequent first, and the untyped', () => {
    const mapping = mapOutletTypes([
      '农贸市场',
      '菜市场',
      '社区菜店',
      '五金店',
      '烟酒店',
      '五金店',
      undefined,
      ' ',
    ]);
    expect(mapping.counts).toEqual({ 'wet-market': 2, 'fresh-grocery': 1 });
    expect(mapping.unknown).toEqual([
      { value: '五金店', count: 2 },
      { value: '烟酒店', count: 1 },
    ]);
    expect(mapping.untyped).toBe(2);
  });

  it('finds the type column by its usual names, or the one named', () => {
    expect(typeTextOf({ 名称: 'a', 业态: ' 菜场 ' })).toBe('菜场');
    expect(typeTextOf({ type: 'Pharmacy' })).toBe('Pharmacy');
    expect(typeTextOf({ 类别: '菜场' })).toBeUndefined();
    expect(typeTextOf({ 类别: '菜场', 业态: '药店' }, '类别')).toBe('菜场');
    expect(typeTextOf({ 业态: '' })).toBeUndefined();
  });
});

describe('a rule per type', () => {
  it('gives fresh-food types the plan’s 2 km / 5 km (专栏6) and other types the 15-minute walk by default', () => {
    const rules = presetRules('plan-fresh-food');
    expect(rules['wet-market']).toEqual(PLAN_RULE);
    expect(rules['fresh-grocery']).toEqual(PLAN_RULE);
    expect(rules['supermarket']).toEqual({ urbanRadius: 1000, ruralRadius: 5000 });
    expect(rules['pharmacy']).toEqual({ urbanRadius: 1000, ruralRadius: 5000 });
  });

  it('the 一刻钟便民生活圈 preset sets urban 1,000 m (15 min × ~67 m/min, straight line) for every basic type', () => {
    const rules = presetRules('fifteen-minute');
    for (const type of OUTLET_TYPES) {
      expect(rules[type.id], type.zh).toEqual({ urbanRadius: 1000, ruralRadius: 5000 });
    }
    expect(Math.round(15 * 67)).toBeLessThanOrEqual(1005);
  });

  it('reads the preset as the CLI and window.atlas write it', () => {
    expect(presetOf('一刻钟')).toBe('fifteen-minute');
    expect(presetOf('一刻钟便民生活圈')).toBe('fifteen-minute');
    expect(presetOf('15min')).toBe('fifteen-minute');
    expect(presetOf('专栏6')).toBe('plan-fresh-food');
    expect(presetOf('half-hour')).toBeNull();
  });
});
