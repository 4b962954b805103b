import type { FontFacesSpecification } from 'maplibre-gl';
import fontCss from '@fontsource/noto-sans-sc/400.css?raw';
import { fontFaceEntriesFromCss, fontFacesSpecification, type FontFaceEntry } from './font-faces';

const woff2Urls = import.meta.glob<string>(
  '/node_modules/@fontsource/noto-sans-sc/files/noto-sans-sc-[0-9]*-400-normal.woff2',
  { query: '?url', import: 'default', eager: true },
);

function urlOfFile(file: string): string | undefined {
  const url = woff2Urls[`/node_modules/@fontsource/noto-sans-sc/files/${file}`];
  return url === undefined ? undefined : new URL(url, document.baseURI).href;
}

/** `font-faces` for the map: Noto Sans SC subsets emitted by Vite next to the app. */
export function bundledFontFaces(): FontFacesSpecification {
  return fontFacesSpecification(fontFaceEntriesFromCss(fontCss), urlOfFile);
}

// The Latin subsets too, for the PDF's text layer (the map's labels use only the numbered CJK
// subsets above, as before).
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
