import {
  exportFileName,
  exportLayout,
  PAPER_MM,
  type ExportDpi,
  type ExportFormat,
  type PaperSize,
} from '../../core/export/export-layout';
import {
  composeExport,
  EXPORT_FONT_FAMILY,
  type ExportContent,
  type PageText,
} from './compose-export';
import type { MapServices } from './map-services';

/** What the user chose in the export dialog. */
export interface ExportOptions {
  readonly format: ExportFormat;
  readonly paper: PaperSize;
  readonly dpi: ExportDpi;
}

/** A finished export, ready to download. */
export interface ExportResult {
  readonly blob: Blob;
  readonly fileName: string;
  readonly width: number;
  readonly height: number;
}

/** CSS pixels are 1/96 inch: drawing at dpi/96 device pixels per CSS pixel keeps labels at size. */
const CSS_DPI = 96;

function canvasToBlob(canvas: HTMLCanvasElement, type: string, quality?: number): Promise<Blob> {
  return new Promise((resolve, reject) => {
    canvas.toBlob(
      (blob) => {
        if (blob === null) reject(new Error('The browser could not encode the image.'));
        else resolve(blob);
      },
      type,
      quality,
    );
  });
}

async function toPdf(
  page: { readonly canvas: HTMLCanvasElement; readonly texts: readonly PageText[] },
  options: ExportOptions,
  title: string,
): Promise<Blob> {
  // pdf-lib and the font reader are only fetched when someone exports a PDF.
  const [{ pagePdf }, { bundledFontFiles }] = await Promise.all([
    import('./page-pdf'),
    import('../../map/bundled-font-faces'),
  ]);
  const fonts = bundledFontFiles();
  const { width, height } = PAPER_MM[options.paper];
  const bytes = await pagePdf({
    image: await canvasToBlob(page.canvas, 'image/jpeg', 0.92),
    imageType: 'jpeg',
    pixelWidth: page.canvas.width,
    pixelHeight: page.canvas.height,
    texts: page.texts,
    widthMm: width,
    heightMm: height,
    title,
    fonts: fonts.entries,
    fontBytes: async (file) => {
      const url = fonts.url(file);
      if (url === undefined) throw new Error(`The font file ${file} is not part of this build.`);
      const response = await fetch(url);
      if (!response.ok) throw new Error(`Could not load the font file ${file} for the PDF.`);
      return response.arrayBuffer();
    },
  });
  return new Blob([new Uint8Array(bytes)], { type: 'application/pdf' });
}

/**
 * Draws the current view at the chosen paper size and resolution and returns the PNG or PDF:
 * the map is drawn again in a hidden map at print size, then framed with title, legend, scale bar,
 * north arrow, sources, date and approval number on a 2D canvas.
 */
export async function exportMap(
  services: MapServices,
  options: ExportOptions,
  content: ExportContent,
  now: Date = new Date(),
): Promise<ExportResult> {
  const layout = exportLayout(options.paper, options.dpi);
  const pixelRatio = options.dpi / CSS_DPI;
  // Canvas text can only use the web font once its subsets for these characters are loaded.
  const allText = [
    content.title,
    content.subtitle,
    content.legendHeading,
    ...content.legend.flatMap((item) => [item.title, ...item.entries.map((entry) => entry.label)]),
    ...content.sources,
    ...content.notes,
    content.dateLine,
    content.approvalLine ?? '',
    content.uncertaintyNote ?? '',
  ].join('');
  await Promise.all([
    document.fonts.load(`400 16px ${EXPORT_FONT_FAMILY}`, allText),
    document.fonts.load(`600 16px ${EXPORT_FONT_FAMILY}`, allText),
  ]);
  const image = await services.renderImage({
    width: layout.map.width,
    height: layout.map.height,
    pixelRatio,
  });
  const page = composeExport(layout, { ...image, pixelRatio }, content);
  const blob =
    options.format === 'png'
      ? await canvasToBlob(page.canvas, 'image/png')
      : await toPdf(page, options, content.title);
  return {
    blob,
    fileName: exportFileName(now, options.paper, options.dpi, options.format),
    width: page.canvas.width,
    height: page.canvas.height,
  };
}
