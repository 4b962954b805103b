/**
 * Pinyin of a Chinese place name for English notes, e.g. 寸滩 → `Cuntan`.
 *
 * English position notes name townships and anchors; spelling them in pinyin (with the same
 * readings as `search_pinyin`) keeps the English readable without a hand-kept translation table.
 */
import { searchPinyin } from './search-pinyin.ts';

/** Capitalised toneless pinyin of the Han characters of `nameZh`, without spaces. */
export function romanize(nameZh: string): string {
  const full = searchPinyin(nameZh).split(' ')[0] ?? '';
  return full.charAt(0).toUpperCase() + full.slice(1);
}
