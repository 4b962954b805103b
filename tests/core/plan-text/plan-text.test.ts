import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  buildNameMatcher,
  foldWidth,
  mentionIndex,
  segmentSentence,
  passageForFeature,
} from '../../../src/core/plan-text/plan-mentions';
import { parsePlanText, planSentences } from '../../../src/core/plan-text/plan-text';

const seed = readFileSync(
  resolve(
    import.meta.dirname,
    '../../../geodata/raw/seed/chongqing-commerce-14th-fyp-2021-2025.txt',
  ),
  'utf8',
);

describe('parsePlanText', () => {
  it('reads headings by level and gives each sentence its chapter, section or box', () => {
    const document = parsePlanText(
      [
        '## 第三章 全面促进消费',
        '### 第四节 完善消费空间布局',
        '打造国际消费核心区。高水平建设国际性消费集聚区；加快打造世界知名商圈。',
        '### 专栏3 消费空间建设专项',
        '城市商圈。推进观音桥、南坪等核心商圈提质升级。',
      ].join('\n'),
    );
    const headings = document.blocks.filter((block) => block.kind === 'heading');
    expect(headings.map((heading) => heading.level)).toEqual([2, 3, 4]);
    const sentences = planSentences(document);
    expect(sentences.map((sentence) => sentence.text)).toEqual([
      '打造国际消费核心区。',
      '高水平建设国际性消费集聚区；',
      '加快打造世界知名商圈。',
      '城市商圈。',
      '推进观音桥、南坪等核心商圈提质升级。',
    ]);
    expect(sentences[0]?.section).toBe('第三章第四节');
    expect(sentences[4]?.section).toBe('专栏3');
  });

  it('joins a paragraph cut by a page break and keeps closing quotes with their sentence', () => {
    const document = parsePlanText(
      '打造特色商业街区。培育一批集聚效应显著、文化底蕴深厚、建筑风格鲜明、拉动消费作用明\n\n显的特色商业街区。打造“不夜重庆。”品牌。',
    );
    expect(planSentences(document).map((sentence) => sentence.text)).toEqual([
      '打造特色商业街区。',
      '培育一批集聚效应显著、文化底蕴深厚、建筑风格鲜明、拉动消费作用明显的特色商业街区。',
      '打造“不夜重庆。”',
      '品牌。',
    ]);
  });

  it('skips the table of contents and keeps the 专栏1 table as a table', () => {
    const document = parsePlanText(seed);
    const text = planSentences(document)
      .map((sentence) => sentence.text)
      .join('');
    expect(text).not.toContain('.....');
    const tables = document.blocks.filter((block) => block.kind === 'table');
    expect(tables.some((table) => table.section === '专栏1')).toBe(true);
    expect(planSentences(document).length).toBeGreaterThan(500);
  });
});

describe('name matching', () => {
  const matcher = buildNameMatcher(
    [
      { id: 'bd-jiulong', name: '九龙' },
      { id: 'bd-guanyinqiao', name: '观音桥' },
      { id: 'bd-nanping', name: '南坪' },
      { id: 'x-a', name: '南滨路（弹子石）' },
      { id: 'one-char', name: '渝' },
    ],
    ['九龙坡'],
  );

  it('finds names, longest first, and joining the segments gives the sentence back', () => {
    const sentence = '推进观音桥、南坪、九龙等核心商圈，南滨路(弹子石)联动。';
    const segments = segmentSentence(matcher, sentence);
    expect(segments.map((segment) => segment.text).join('')).toBe(sentence);
    expect(
      segments.filter((segment) => segment.kind === 'mention').map((segment) => segment.featureIds),
    ).toEqual([['bd-guanyinqiao'], ['bd-nanping'], ['bd-jiulong'], ['x-a']]);
  });

  it('does not find a short name inside a longer blocked word, nor one-character names', () => {
    const segments = segmentSentence(matcher, '九龙坡京渝文创园，渝中。');
    expect(segments.every((segment) => segment.kind === 'text')).toBe(true);
  });

  it('folds full-width forms to half-width one character for one', () => {
    expect(foldWidth('（ＡＢ１）')).toBe('(AB1)');
    expect(foldWidth('南滨路（弹子石）').length).toBe('南滨路（弹子石）'.length);
  });

  it('links a feature back to its sentence, preferring its own plan section', () => {
    const document = parsePlanText(
      [
        '## 第三章 全面促进消费',
        '南坪很好。',
        '### 专栏3 消费空间建设专项',
        '城市商圈。推进南坪提质升级。',
      ].join('\n'),
    );
    const mentions = mentionIndex(matcher, document);
    expect(mentions.get('bd-nanping')?.length).toBe(2);
    const focus = (planRef: string, quote?: string) =>
      passageForFeature(document, mentions, { id: 'bd-nanping', planRef, quote })?.focus.text;
    expect(focus('专栏3')).toBe('推进南坪提质升级。');
    expect(focus('专栏9')).toBe('南坪很好。');
    // A quote over two sentences: both are the passage, the one naming the feature is in focus.
    const passage = passageForFeature(document, mentions, {
      id: 'bd-nanping',
      planRef: '专栏3',
      quote: '城市商圈。推进南坪\n提质升级',
    });
    expect(passage?.sentences.map((sentence) => sentence.text)).toEqual([
      '城市商圈。',
      '推进南坪提质升级。',
    ]);
    expect(passage?.focus.text).toBe('推进南坪提质升级。');
    expect(passageForFeature(document, mentions, { id: 'unnamed', planRef: '' })).toBeNull();
  });
});
