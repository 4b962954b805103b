// @vitest-environment node
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fontFaceEntriesFromCss } from '../../../src/map/font-faces';
import {
  fontFileLookup,
  pagePdf,
  parseUnicodeRange,
  runsByFontFile,
} from '../../../src/ui/export-map/page-pdf';

const FONT_DIR = join(process.cwd(), 'node_modules/@fontsource/noto-sans-sc');
const entries = fontFaceEntriesFromCss(readFileSync(join(FONT_DIR, '400.css'), 'utf8'));

/** A 1×1 white PNG. */
const WHITE_PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAIAAACQd1PeAAAADElEQVR4nGP4//8/AAX+Av4N70a4AAAAAElFTkSuQmCC',
  'base64',
);

async function textOfPdf(bytes: Uint8Array): Promise<{ text: string; xs: number[] }> {
  const { getDocument } = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const pdf = await getDocument({ data: bytes, useSystemFonts: false, verbosity: 0 }).promise;
  const page = await pdf.getPage(1);
  const content = await page.getTextContent();
  const items = content.items.filter((item) => 'str' in item);
  return {
    text: items.map((item) => item.str).join(''),
    xs: items.map((item) => item.transform[4] as number),
  };
}

describe('the PDF text layer', () => {
  it('reads unicode ranges, single and wildcard', () => {
    expect(parseUnicodeRange('U+83c8-83c9')).toEqual([0x83c8, 0x83c9]);
    expect(parseUnicodeRange(' U+4e00')).toEqual([0x4e00, 0x4e00]);
    expect(parseUnicodeRange('U+4??')).toEqual([0x400, 0x4ff]);
    expect(parseUnicodeRange('nonsense')).toBeNull();
  });

  it('finds each character’s subset and cuts a line into runs of one subset', () => {
    const fileOf = fontFileLookup(entries);
    // The first entry that covers a character wins (a CJK subset holds ASCII too).
    expect(fileOf('A'.codePointAt(0) ?? 0)).toMatch(/^noto-sans-sc-.+-400-normal\.woff2$/);
    expect(fileOf('é'.codePointAt(0) ?? 0)).not.toBeNull();
    expect(fileOf(0x1f600)).toBeNull();
    expect(fileOf('菜'.codePointAt(0) ?? 0)).toMatch(/^noto-sans-sc-\d+-400-normal\.woff2$/);
    const runs = runsByFontFile('AB菜市场', fileOf);
    expect(runs[0]?.text).toBe('AB');
    expect(runs.map((run) => run.text).join('')).toBe('AB菜市场');
  });

  it('writes a page whose text a PDF reader extracts, in Chinese and English, in place', async () => {
    const bytes = await pagePdf({
      image: new Blob([WHITE_PNG]),
      imageType: 'png',
      pixelWidth: 1754,
      pixelHeight: 1240,
      texts: [
        { text: '渝中区菜市场分布（征求意见稿）', left: 59, baseline: 120, size: 38 },
        { text: '审图号：渝S(2026)012号', left: 1200, baseline: 1200, size: 17 },
      ],
      widthMm: 297,
      heightMm: 210,
      title: '渝中区菜市场分布',
      fonts: entries,
      fontBytes: (file) =>
        Promise.resolve(new Uint8Array(readFileSync(join(FONT_DIR, 'files', file))).buffer),
    });
    expect(Buffer.from(bytes.subarray(0, 5)).toString('latin1')).toBe('%PDF-');
    const { text, xs } = await textOfPdf(bytes);
    expect(text).toContain('渝中区菜市场分布（征求意见稿）');
    expect(text).toContain('审图号：渝S(2026)012号');
    // 59 page pixels at 1754 px across 841.9 pt is 28.3 pt from the left edge.
    expect(Math.min(...xs)).toBeCloseTo((59 * 841.89) / 1754, 0);
    // Only the subsets the text needs are embedded, each cut to its glyphs: a small file.
    expect(bytes.length).toBeLessThan(200_000);
  });
});
