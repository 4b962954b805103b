import type { FontFacesSpecification } from 'maplibre-gl';

/** The one font family the map and the UI use; shipped with the app, never fetched from a CDN. */
export const MAP_FONT_FAMILY = 'Noto Sans SC';

/** One `@font-face` of a fontsource stylesheet: the woff2 file name and its unicode ranges. */
export interface FontFaceEntry {
  readonly file: string;
  readonly unicodeRange: readonly string[];
}

/**
 * Reads the `@font-face` rules of a fontsource CSS file (e.g. `@fontsource/noto-sans-sc/400.css`).
 * Fontsource splits CJK fonts into ~100 subsets by unicode range; MapLibre's `font-faces` can take
 * the same split so that it downloads only the subsets the labels use.
 */
export function fontFaceEntriesFromCss(css: string): FontFaceEntry[] {
  const entries: FontFaceEntry[] = [];
  for (const block of css.split('@font-face').slice(1)) {
    const file = /url\(\.\/files\/([^)]+\.woff2)\)/.exec(block)?.[1];
    const range = /unicode-range:\s*([^;]+);/.exec(block)?.[1];
    if (file === undefined) continue;
    entries.push({
      file,
      unicodeRange:
        range === undefined ? ['U+0-10FFFF'] : range.split(',').map((part) => part.trim()),
    });
  }
  return entries;
}

/** An `@font-face` rule as the page's stylesheets hold it. */
export interface FontFaceRuleLike {
  readonly family: string;
  readonly weight: string;
  readonly style: string;
  /** The rule's `src` as written (`url(…) format("woff2"), url(…) format("woff")`). */
  readonly src: string;
  readonly unicodeRange: string;
  /** What relative URLs in `src` are relative to: the stylesheet's address. */
  readonly base: string;
}

/**
 * The map's `font-faces` from the `@font-face` rules the page already loaded (the app's
 * stylesheet bundles `@fontsource/noto-sans-sc/400.css`, with each file's built URL): the
 * numbered CJK subsets of the regular Noto Sans SC, each with its unicode ranges. The Latin,
 * Cyrillic and Vietnamese subsets are left to the map's own fallback, as before. Reading the
 * loaded rules keeps the stylesheet's text and the subset URLs out of the start-up JavaScript.
 */
export function fontFacesFromRules(rules: Iterable<FontFaceRuleLike>): FontFacesSpecification {
  const faces = [];
  for (const rule of rules) {
    if (rule.family.replace(/["']/g, '').trim() !== MAP_FONT_FAMILY) continue;
    if (!['400', 'normal'].includes(rule.weight.trim()) || rule.style.trim() !== 'normal') continue;
    const woff2 = [
      ...rule.src.matchAll(/url\(\s*["']?([^"')]+)["']?\s*\)\s*format\(\s*["']?woff2/g),
    ];
    const url = woff2[0]?.[1];
    if (url === undefined) continue;
    // Subsets small enough to be inlined are numbered ones; named files must be numbered too.
    if (!url.startsWith('data:') && !/noto-sans-sc-\d+-400-normal/.test(url)) continue;
    const ranges = rule.unicodeRange
      .split(',')
      .map((part) => part.trim())
      .filter((part) => part !== '');
    faces.push({
      url: url.startsWith('data:') ? url : new URL(url, rule.base).href,
      'unicode-range': ranges.length === 0 ? ['U+0-10FFFF'] : ranges,
    });
  }
  return { [MAP_FONT_FAMILY]: faces };
}

/** The `@font-face` rules of the document's readable stylesheets (see {@link fontFacesFromRules}). */
export function documentFontFaceRules(doc: Document): FontFaceRuleLike[] {
  const found: FontFaceRuleLike[] = [];
  for (const sheet of Array.from(doc.styleSheets)) {
    let rules: CSSRuleList;
    try {
      rules = sheet.cssRules;
    } catch {
      continue; // another origin's stylesheet: not ours
    }
    for (const rule of Array.from(rules)) {
      if (!(rule instanceof CSSFontFaceRule)) continue;
      const style = rule.style;
      found.push({
        family: style.getPropertyValue('font-family'),
        weight: style.getPropertyValue('font-weight') || '400',
        style: style.getPropertyValue('font-style') || 'normal',
        src: style.getPropertyValue('src'),
        unicodeRange: style.getPropertyValue('unicode-range'),
        base: sheet.href ?? doc.baseURI,
      });
    }
  }
  return found;
}
