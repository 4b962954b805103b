import fontCss from '@fontsource/noto-sans-sc/400.css?raw';
import { fontFaceEntriesFromCss, type FontFaceEntry } from './font-faces';

// The PDF's text layer embeds the subsets it needs (export-map loads this module on demand); the
// map reads its font faces from the loaded stylesheet instead (font-faces.ts).

const woff2Urls = import.meta.glob<string>(
  '/node_modules/@fontsource/noto-sans-sc/files/noto-sans-sc-[0-9]*-400-normal.woff2',
  { query: '?url', import: 'default', eager: true },
);

function urlOfFile(file: string): string | undefined {
  const url = woff2Urls[`/node_modules/@fontsource/noto-sans-sc/files/${file}`];
  return url === undefined ? undefined : new URL(url, document.baseURI).href;
}

// The Latin subsets too, for the PDF's text layer (the map's labels use only the numbered CJK
// subsets above).
const latinWoff2Urls = import.meta.glob<string>(
  '/node_modules/@fontsource/noto-sans-sc/files/noto-sans-sc-latin*-400-normal.woff2',
  { query: '?url', import: 'default', eager: true },
);

/** The Noto Sans SC subsets Vite emitted, each with its unicode ranges (for the PDF's text layer). */
export function bundledFontFiles(): {
  readonly entries: FontFaceEntry[];
  url(file: string): string | undefined;
} {
  return {
    entries: fontFaceEntriesFromCss(fontCss),
    url: (file) => {
      const latin = latinWoff2Urls[`/node_modules/@fontsource/noto-sans-sc/files/${file}`];
      return latin === undefined ? urlOfFile(file) : new URL(latin, document.baseURI).href;
    },
  };
}
