/**
 * The printed page of a map export: paper sizes, pixels at a resolution, where the title, map,
 * legend and footer go, and a scale bar of a round length. Pure arithmetic; the drawing is in
 * src/ui/export-map.
 */

export type PaperSize = 'A4' | 'A3';
export type ExportDpi = 150 | 300;
export type ExportFormat = 'png' | 'pdf';

export const PAPER_SIZES: readonly PaperSize[] = ['A4', 'A3'];
export const EXPORT_DPIS: readonly ExportDpi[] = [150, 300];

/** ISO 216 sizes in millimetres, landscape (width × height). */
export const PAPER_MM: Readonly<
  Record<PaperSize, { readonly width: number; readonly height: number }>
> = {
  A4: { width: 297, height: 210 },
  A3: { width: 420, height: 297 },
};

const MM_PER_INCH = 25.4;

/** Pixels for a length in millimetres at a resolution, rounded. */
export function mmToPixels(mm: number, dpi: number): number {
  return Math.round((mm * dpi) / MM_PER_INCH);
}

/** The page in pixels: A4 at 150 dpi is 1754 × 1240. */
export function pagePixels(paper: PaperSize, dpi: ExportDpi): { width: number; height: number } {
  const { width, height } = PAPER_MM[paper];
  return { width: mmToPixels(width, dpi), height: mmToPixels(height, dpi) };
}

/** A rectangle in page pixels. */
export interface Box {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

/** Where everything goes on the page, in pixels, plus the sizes of text and lines. */
export interface ExportLayout {
  readonly page: { readonly width: number; readonly height: number };
  readonly title: Box;
  readonly map: Box;
  readonly legend: Box;
  readonly footer: Box;
  /** Pixels per millimetre, to size fonts and strokes the same on every paper and resolution. */
  readonly pxPerMm: number;
}

/**
 * Landscape layout: 10 mm margins, a 16 mm title band, a legend column 64 mm wide on the right,
 * a footer of 20 mm for sources, date and approval number, and the map in what remains.
 */
export function exportLayout(paper: PaperSize, dpi: ExportDpi): ExportLayout {
  const page = pagePixels(paper, dpi);
  const mm = (value: number) => mmToPixels(value, dpi);
  const margin = mm(10);
  const titleHeight = mm(16);
  const footerHeight = mm(20);
  const legendWidth = mm(64);
  const gap = mm(4);
  const bodyTop = margin + titleHeight;
  const bodyHeight = page.height - bodyTop - footerHeight - margin;
  const mapWidth = page.width - 2 * margin - legendWidth - gap;
  return {
    page,
    title: { x: margin, y: margin, width: page.width - 2 * margin, height: titleHeight },
    map: { x: margin, y: bodyTop, width: mapWidth, height: bodyHeight },
    legend: { x: margin + mapWidth + gap, y: bodyTop, width: legendWidth, height: bodyHeight },
    footer: {
      x: margin,
      y: page.height - margin - footerHeight,
      width: page.width - 2 * margin,
      height: footerHeight,
    },
    pxPerMm: dpi / MM_PER_INCH,
  };
}

/** Web Mercator: metres on the ground per pixel at a latitude and zoom (512-pixel tiles). */
export function metresPerPixel(latitude: number, zoom: number): number {
  return (40_075_016.686 * Math.cos((latitude * Math.PI) / 180)) / (512 * 2 ** zoom);
}

/** A scale bar: its length on the ground, its length on the page and its label. */
export interface ScaleBar {
  readonly metres: number;
  readonly pixels: number;
  readonly label: string;
}

/**
 * The longest round length (1, 2 or 5 × 10ⁿ m) whose bar fits in `maxPixels`, at `metresPerPx`
 * ground metres per page pixel.
 */
export function scaleBar(metresPerPx: number, maxPixels: number): ScaleBar {
  const maxMetres = metresPerPx * maxPixels;
  const power = 10 ** Math.floor(Math.log10(maxMetres));
  const metres = [5, 2, 1].map((step) => step * power).find((value) => value <= maxMetres) ?? power;
  return {
    metres,
    pixels: metres / metresPerPx,
    label: metres >= 1000 ? `${String(metres / 1000)} km` : `${String(metres)} m`,
  };
}

/** `cq-commerce-atlas-2026-11-26-A4-150dpi.png` */
export function exportFileName(
  date: Date,
  paper: PaperSize,
  dpi: ExportDpi,
  format: ExportFormat,
): string {
  const day = date.toISOString().slice(0, 10);
  return `cq-commerce-atlas-${day}-${paper}-${String(dpi)}dpi.${format}`;
}
