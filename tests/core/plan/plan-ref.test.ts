import { describe, expect, it } from 'vitest';
import { chineseNumeral, planRefText } from '../../../src/core/plan/plan-ref.ts';

describe('plan references in the reader’s language', () => {
  it('reads Chinese numerals up to 99', () => {
    expect([chineseNumeral('三'), chineseNumeral('十'), chineseNumeral('十二')]).toEqual([
      3, 10, 12,
    ]);
    expect(chineseNumeral('二十四')).toBe(24);
    expect(chineseNumeral('百')).toBeNull();
  });

  it('translates boxes, chapters and sections, leaving Chinese unchanged', () => {
    expect(planRefText('专栏3; 第三章第四节', 'en')).toBe('Box 3; Chapter 3, Section 4');
    expect(planRefText('专栏15—17', 'en')).toBe('Boxes 15–17');
    expect(planRefText('第一篇', 'en')).toBe('Part 1');
    expect(planRefText('专栏3; 第三章第四节', 'zh')).toBe('专栏3; 第三章第四节');
  });

  it('keeps what it does not recognise as printed', () => {
    expect(planRefText('附表', 'en')).toBe('附表');
  });

  it('leaves no Chinese in the English form of any reference the shipped data uses', async () => {
    const { readFileSync, readdirSync } = await import('node:fs');
    const refs = new Set<string>();
    for (const file of readdirSync('geodata/layers')) {
      const text = readFileSync(`geodata/layers/${file}`, 'utf8');
      for (const match of text.matchAll(/"plan_ref":\s*"([^"]*)"/g)) refs.add(match[1] ?? '');
    }
    const catalogue = readFileSync('geodata/catalogue.json', 'utf8');
    for (const match of catalogue.matchAll(/"planRef":\s*"([^"]*)"/g)) refs.add(match[1] ?? '');
    expect(refs.size).toBeGreaterThan(10);
    for (const ref of refs) expect(planRefText(ref, 'en'), ref).not.toMatch(/[\u4e00-\u9fff]/);
  });
});
