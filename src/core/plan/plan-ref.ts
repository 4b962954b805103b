/**
 * The plan's own references (`专栏3; 第三章第四节`, `专栏15—17`) in the reader's language. The data
 * keeps the Chinese form, which points into the Chinese text; English readers get “Box 3; Chapter 3,
 * Section 4”. Parts the pattern does not know stay as printed.
 */
import type { Lang } from '../catalogue/catalogue.ts';

const DIGITS: Readonly<Record<string, number>> = {
  零: 0,
  一: 1,
  二: 2,
  三: 3,
  四: 4,
  五: 5,
  六: 6,
  七: 7,
  八: 8,
  九: 9,
};

/** A Chinese numeral up to 99 (`三`, `十`, `十二`, `二十四`) as a number; null if it is not one. */
export function chineseNumeral(text: string): number | null {
  if (/^\d+$/.test(text)) return Number(text);
  const match = /^([一二三四五六七八九])?(十)?([一二三四五六七八九])?$/.exec(text);
  if (match === null || text === '') return null;
  const [, tens, ten, ones] = match;
  if (ten === undefined)
    return tens !== undefined && ones === undefined ? (DIGITS[tens] ?? null) : null;
  return (
    (tens === undefined ? 1 : (DIGITS[tens] ?? 0)) * 10 +
    (ones === undefined ? 0 : (DIGITS[ones] ?? 0))
  );
}

function part(kind: '篇' | '章' | '节', numeral: string): string | null {
  const n = chineseNumeral(numeral);
  if (n === null) return null;
  const word = kind === '篇' ? 'Part' : kind === '章' ? 'Chapter' : 'Section';
  return `${word} ${String(n)}`;
}

function englishReference(reference: string): string {
  const box = /^专栏\s*(\d+)(?:\s*[—–-]\s*(\d+))?$/.exec(reference);
  if (box !== null) {
    return box[2] === undefined ? `Box ${box[1] ?? ''}` : `Boxes ${box[1] ?? ''}–${box[2]}`;
  }
  const sections = [...reference.matchAll(/第([^第篇章节]+)(篇|章|节)/g)];
  if (sections.length > 0 && sections.map((m) => m[0]).join('') === reference) {
    const words = sections.map((m) => part(m[2] as '篇' | '章' | '节', m[1] ?? ''));
    if (words.every((word) => word !== null)) return words.join(', ');
  }
  return reference;
}

/** The reference as the reader sees it: unchanged in Chinese, translated part by part in English. */
export function planRefText(reference: string, lang: Lang): string {
  if (lang === 'zh') return reference;
  return reference
    .split(/\s*[;；]\s*/)
    .filter((item) => item !== '')
    .map(englishReference)
    .join('; ');
}
