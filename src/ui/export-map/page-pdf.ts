/**
 * The exported page as a PDF: the page image, and over it every line of text on the page (title,
 * legend, sources, date, 审图号 or the unreviewed statement, notes) as invisible text in the same
 * place, so a reader can select, copy and search it, as in a scanned document with a text layer.
 * Labels inside the map image stay pixels. The text uses the Noto Sans SC subsets the app already
 * ships (fontsource splits the font by unicode range; each subset a line needs is embedded, itself
 * subset to the glyphs used). pdf-lib writes the PDF and @pdf-lib/fontkit reads the fonts.
 */
import type { FontFaceEntry } from '../../map/font-faces';
import type { PageText } from './compose-export';

/** Where a code point's glyph is: the font file whose unicode-range holds it. */
export type FontFileOf = (codePoint: number) => string | null;

/** `U+83c8-83c9` → [0x83c8, 0x83c9]; `U+4e00` → [0x4e00, 0x4e00]; null when malformed. */
export function parseUnicodeRange(part: string): [number, number] | null {
  const match = /^U\+([0-9a-f?]+)(?:-([0-9a-f]+))?$/i.exec(part.trim());
  if (match === null) return null;
  const first = match[1] ?? '';
  if (first.includes('?')) {
    return [parseInt(first.replaceAll('?', '0'), 16), parseInt(first.replaceAll('?', 'f'), 16)];
  }
  const from = parseInt(first, 16);
  return [from, match[2] === undefined ? from : parseInt(match[2], 16)];
}

/** The lookup from code point to font file over fontsource's `@font-face` entries (first wins). */
export function fontFileLookup(entries: readonly FontFaceEntry[]): FontFileOf {
  const ranges: { from: number; to: number; file: string }[] = [];
  for (const entry of entries) {
    for (const part of entry.unicodeRange) {
      const range = parseUnicodeRange(part);
      if (range !== null) ranges.push({ from: range[0], to: range[1], file: entry.file });
    }
  }
  return (codePoint) =>
    ranges.find((range) => codePoint >= range.from && codePoint <= range.to)?.file ?? null;
}

/** A line cut into runs of characters from one font file (null: no file has the character). */
export function runsByFontFile(
  text: string,
  fileOf: FontFileOf,
): { readonly file: string | null; readonly text: string }[] {
  const runs: { file: string | null; text: string }[] = [];
  for (const char of text) {
    const file = fileOf(char.codePointAt(0) ?? 0);
    const last = runs.at(-1);
    if (last !== undefined && last.file === file) last.text += char;
    else runs.push({ file, text: char });
  }
  return runs;
}

/** What the PDF needs besides the page: its size, title and the fonts. */
export interface PagePdfInput {
  /** The drawn page, exactly as the PNG would be. */
  readonly image: Blob;
  readonly imageType: 'png' | 'jpeg';
  readonly pixelWidth: number;
  readonly pixelHeight: number;
  readonly texts: readonly PageText[];
  /** Page size in millimetres. */
  readonly widthMm: number;
  readonly heightMm: number;
  readonly title: string;
  readonly fonts: readonly FontFaceEntry[];
  /** The bytes of a font file named in `fonts`. */
  readonly fontBytes: (file: string) => Promise<ArrayBuffer>;
}

const POINTS_PER_MM = 72 / 25.4;

/** Writes the PDF. Fetches only the font files the page's text needs. */
export async function pagePdf(input: PagePdfInput): Promise<Uint8Array> {
  const [
    { PDFDocument, pushGraphicsState, popGraphicsState, setTextRenderingMode, TextRenderingMode },
    fontkit,
  ] = await Promise.all([import('pdf-lib'), import('@pdf-lib/fontkit')]);
  const doc = await PDFDocument.create();
  doc.registerFontkit(fontkit.default);
  doc.setTitle(input.title);
  doc.setCreator('CQ Commerce Atlas');
  doc.setProducer('CQ Commerce Atlas (pdf-lib)');
  const width = input.widthMm * POINTS_PER_MM;
  const height = input.heightMm * POINTS_PER_MM;
  const page = doc.addPage([width, height]);
  const bytes = new Uint8Array(await input.image.arrayBuffer());
  const image = input.imageType === 'png' ? await doc.embedPng(bytes) : await doc.embedJpg(bytes);
  page.drawImage(image, { x: 0, y: 0, width, height });

  const scale = width / input.pixelWidth;
  const fileOf = fontFileLookup(input.fonts);
  const embedded = new Map<string, Promise<Awaited<ReturnType<typeof doc.embedFont>>>>();
  const fontFor = (file: string) => {
    let font = embedded.get(file);
    if (font === undefined) {
      font = input.fontBytes(file).then((data) => doc.embedFont(data, { subset: true }));
      embedded.set(file, font);
    }
    return font;
  };
  // Invisible text (rendering mode 3): selectable and searchable, the image shows the glyphs.
  page.pushOperators(pushGraphicsState(), setTextRenderingMode(TextRenderingMode.Invisible));
  for (const line of input.texts) {
    const size = line.size * scale;
    let x = line.left * scale;
    const y = height - line.baseline * scale;
    for (const run of runsByFontFile(line.text, fileOf)) {
      if (run.file === null) {
        // No shipped font has these characters (e.g. an emoji in a note): leave their room.
        x += Array.from(run.text).length * size * 0.6;
        continue;
      }
      const font = await fontFor(run.file);
      page.drawText(run.text, { x, y, size, font });
      x += font.widthOfTextAtSize(run.text, size);
    }
  }
  page.pushOperators(popGraphicsState());
  return doc.save();
}
