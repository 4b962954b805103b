import { readFileSync } from 'node:fs';
import { describe, expect, it, vi } from 'vitest';
import enPublic from '../../src/i18n/en.json';
import enPlanner from '../../src/i18n/en.planner.json';
import { formatNumber, translate, type MessageKey } from '../../src/i18n/i18n';
import zhPublic from '../../src/i18n/zh-CN.json';
import zhPlanner from '../../src/i18n/zh-CN.planner.json';
import { messageKeysIn, reachableModules, REPO_ROOT } from './module-graph';

const PARTS = [
  {
    name: 'public',
    zh: zhPublic as Record<string, string>,
    en: enPublic as Record<string, string>,
  },
  {
    name: 'planner',
    zh: zhPlanner as Record<string, string>,
    en: enPlanner as Record<string, string>,
  },
];

describe('messages', () => {
  it('has the same keys and placeholders in Chinese and English, in each part', () => {
    const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    for (const part of PARTS) {
      expect(Object.keys(part.en).sort(), part.name).toEqual(Object.keys(part.zh).sort());
      for (const key of Object.keys(part.zh)) {
        expect(placeholders(part.en[key] ?? ''), key).toEqual(placeholders(part.zh[key] ?? ''));
      }
    }
  });

  it('keeps each key in one part', () => {
    expect(Object.keys(zhPlanner).filter((key) => key in zhPublic)).toEqual([]);
  });

  it('has in the public part every message the public map can show', () => {
    // The public map runs these modules, at start or on demand, but never the planner's start
    // (which adds the planner's part): a key they name must be in the part bundled at start.
    const modules = reachableModules('src/start-atlas.tsx', ['src/start-planner.tsx']);
    expect(modules.has('src/ui/public-mode/public-app.tsx')).toBe(true);
    expect(modules.has('src/ui/feature-panel/feature-panel.tsx')).toBe(true);
    expect(modules.has('src/ui/coverage-panel/coverage-panel.tsx')).toBe(false);
    const plannerKeys = Object.keys(zhPlanner);
    const missing: string[] = [];
    for (const module of modules) {
      if (!/\.tsx?$/.test(module)) continue;
      const text = readFileSync(`${REPO_ROOT}/${module}`, 'utf8');
      for (const key of messageKeysIn(text, plannerKeys)) missing.push(`${module}: ${key}`);
    }
    expect(missing).toEqual([]);
  });

  it("fetches a part's English when it is added after English was loaded, and before", async () => {
    vi.resetModules();
    const i18n = await import('../../src/i18n/i18n');
    const key = 'import.cancel' as MessageKey;
    await i18n.addMessages({
      zh: { [key]: '取消导入' },
      en: () => Promise.resolve({ [key]: 'Cancel import' }),
    });
    expect(i18n.translate('en', key)).toBe('取消导入');
    await i18n.loadLanguage('en');
    expect(i18n.translate('en', key)).toBe('Cancel import');
    const later = 'export.title' as MessageKey;
    await i18n.addMessages({
      zh: { [later]: '导出' },
      en: () => Promise.resolve({ [later]: 'Export' }),
    });
    expect(i18n.translate('en', later)).toBe('Export');
    expect(i18n.translate('en', 'app.title')).toBe(enPublic['app.title' as keyof typeof enPublic]);
    vi.resetModules();
  });

  it('shows a key of a part never added as the key itself', async () => {
    vi.resetModules();
    const i18n = await import('../../src/i18n/i18n');
    const key = Object.keys(zhPlanner)[0] as MessageKey;
    expect(i18n.translate('zh', key)).toBe(key);
    vi.resetModules();
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
