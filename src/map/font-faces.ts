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

/**
 * Builds the style's `font-faces` from the parsed entries and the URLs the bundler gave each file.
 * Entries whose file the bundler did not emit are skipped (they would 404).
 */
export function fontFacesSpecification(
  entries: readonly FontFaceEntry[],
  urlOfFile: (file: string) => string | undefined,
): FontFacesSpecification {
  const faces = [];
  for (const entry of entries) {
    const url = urlOfFile(entry.file);
    if (url === undefined) continue;
    faces.push({ url, 'unicode-range': [...entry.unicodeRange] });
  }
  return { [MAP_FONT_FAMILY]: faces };
}
