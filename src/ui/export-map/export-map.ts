import {
  exportFileName,
  exportLayout,
  type ExportDpi,
  type ExportFormat,
  type PaperSize,
} from '../../core/export/export-layout';
import { composeExport, EXPORT_FONT_FAMILY, type ExportContent } from './compose-export';
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
  canvas: HTMLCanvasElement,
  options: ExportOptions,
  title: string,
): Promise<Blob> {
  // jsPDF is only fetched when someone exports a PDF.
  const { jsPDF } = await import('jspdf');
  const format = options.paper === 'A4' ? 'a4' : 'a3';
  const pdf = new jsPDF({ orientation: 'landscape', unit: 'mm', format, compress: true });
  const width = pdf.internal.pageSize.getWidth();
  const height = pdf.internal.pageSize.getHeight();
  pdf.setProperties({ title, creator: 'CQ Commerce Atlas' });
  pdf.addImage(canvas, 'JPEG', 0, 0, width, height, undefined, 'FAST');
  return pdf.output('blob');
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
      ? await canvasToBlob(page, 'image/png')
      : await toPdf(page, options, content.title);
  return {
    blob,
    fileName: exportFileName(now, options.paper, options.dpi, options.format),
    width: page.width,
    height: page.height,
  };
}
