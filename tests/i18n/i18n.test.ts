import { describe, expect, it } from 'vitest';
import en from '../../src/i18n/en.json';
import { formatNumber, translate } from '../../src/i18n/i18n';
import zh from '../../src/i18n/zh-CN.json';

describe('messages', () => {
  it('has the same keys and placeholders in Chinese and English', () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(zh).sort());
    const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    for (const key of Object.keys(zh) as (keyof typeof zh)[]) {
      expect(placeholders(en[key]), key).toEqual(placeholders(zh[key]));
    }
  });

  it('fills placeholders as plain text, leaving unknown ones visible', () => {
    expect(translate('en', 'layers.count', { count: 5 })).toBe('5 features');
    expect(translate('zh', 'search.noResults', { query: '<b>x</b>' })).toBe('没有找到“<b>x</b>”。');
    expect(translate('en', 'layers.count')).toBe('{count} features');
  });

  it('formats numbers with thousands separators', () => {
    expect(formatNumber('zh', 32054159)).toBe('32,054,159');
    expect(formatNumber('en', 1234.56, 1)).toBe('1,234.6');
  });
});
