import {
  metresPerPixel,
  scaleBar,
  type Box,
  type ExportLayout,
} from '../../core/export/export-layout';
import type { LegendSymbol } from '../../state/legend-slice';

/** Everything printed around the map, already in the chosen language. */
export interface ExportContent {
  readonly title: string;
  readonly subtitle: string;
  readonly legendHeading: string;
  readonly legend: readonly {
    readonly title: string;
    readonly symbol: LegendSymbol;
    readonly entries: readonly { readonly label: string; readonly color: string }[];
  }[];
  /** The halo explanation, when a visible layer draws position uncertainty. */
  readonly uncertaintyNote: string | null;
  readonly moreEntries: (count: number) => string;
  /** Source and attribution lines: data sources, then the base map's. */
  readonly sources: readonly string[];
  readonly dateLine: string;
  /** `审图号：GS(2024)0650号`, when the base map has one. */
  readonly approvalLine: string | null;
  /** Said when the overlays are shifted for GCJ-02 tiles. */
  readonly notes: readonly string[];
  readonly north: string;
}

/** The map image and the camera it was drawn with. */
export interface ExportMapImage {
  readonly canvas: HTMLCanvasElement;
  readonly zoom: number;
  readonly centerLat: number;
  /** Device pixels per CSS pixel the image was drawn at. */
  readonly pixelRatio: number;
}

export const EXPORT_FONT_FAMILY = '"Noto Sans SC", system-ui, sans-serif';

function font(size: number, weight: 400 | 600 = 400): string {
  return `${String(weight)} ${String(Math.round(size))}px ${EXPORT_FONT_FAMILY}`;
}

/** Breaks text into lines no wider than `maxWidth`; CJK can break anywhere, Latin at spaces. */
export function wrapText(
  context: Pick<CanvasRenderingContext2D, 'measureText'>,
  text: string,
  maxWidth: number,
): string[] {
  const lines: string[] = [];
  let line = '';
  const tokens =
    text.match(
      /[\u2E80-\u9FFF\uF900-\uFAFF\uFF00-\uFFEF]|[^\s\u2E80-\u9FFF\uF900-\uFAFF\uFF00-\uFFEF]+|\s+/g,
    ) ?? [];
  for (const token of tokens) {
    const candidate = line + token;
    if (line !== '' && context.measureText(candidate).width > maxWidth) {
      lines.push(line.trimEnd());
      line = token.trimStart();
    } else line = candidate;
  }
  if (line.trim() !== '') lines.push(line.trimEnd());
  return lines;
}

function drawSwatch(
  context: CanvasRenderingContext2D,
  symbol: LegendSymbol,
  color: string,
  x: number,
  y: number,
  size: number,
): void {
  context.save();
  context.fillStyle = color;
  context.strokeStyle = color;
  if (symbol === 'circle') {
    context.beginPath();
    context.arc(x + size / 2, y + size / 2, size / 2.4, 0, 2 * Math.PI);
    context.fill();
    context.lineWidth = Math.max(1, size / 10);
    context.strokeStyle = '#ffffff';
    context.stroke();
  } else if (symbol === 'line') {
    context.lineWidth = Math.max(2, size / 5);
    context.beginPath();
    context.moveTo(x, y + size / 2);
    context.lineTo(x + size, y + size / 2);
    context.stroke();
  } else {
    context.globalAlpha = 0.75;
    context.fillRect(x, y, size, size);
    context.globalAlpha = 1;
    context.lineWidth = 1;
    context.strokeStyle = 'rgba(0,0,0,0.35)';
    context.strokeRect(x, y, size, size);
  }
  context.restore();
}

function drawLegend(
  context: CanvasRenderingContext2D,
  box: Box,
  content: ExportContent,
  mm: number,
): void {
  let y = box.y;
  const bottom = box.y + box.height;
  context.fillStyle = '#2b2622';
  context.textBaseline = 'top';
  context.font = font(4.2 * mm, 600);
  context.fillText(content.legendHeading, box.x, y);
  y += 6.5 * mm;
  const swatch = 3.4 * mm;
  const lineHeight = 4.6 * mm;
  const reserved = content.uncertaintyNote === null ? 0 : 14 * mm;
  outer: for (const item of content.legend) {
    if (y + 2 * lineHeight > bottom - reserved) break;
    context.font = font(3.4 * mm, 600);
    context.fillStyle = '#2b2622';
    for (const line of wrapText(context, item.title, box.width)) {
      context.fillText(line, box.x, y);
      y += lineHeight;
    }
    context.font = font(3.1 * mm);
    for (const [index, entry] of item.entries.entries()) {
      if (y + lineHeight > bottom - reserved) {
        context.fillStyle = '#6f665d';
        context.fillText(content.moreEntries(item.entries.length - index), box.x, y);
        break outer;
      }
      drawSwatch(context, item.symbol, entry.color, box.x, y + 0.3 * mm, swatch);
      context.fillStyle = '#2b2622';
      const label = wrapText(context, entry.label, box.width - swatch - 2 * mm)[0] ?? '';
      context.fillText(label, box.x + swatch + 2 * mm, y);
      y += lineHeight;
    }
    y += 1.5 * mm;
  }
  if (content.uncertaintyNote !== null) {
    context.font = font(2.8 * mm);
    context.fillStyle = '#6f665d';
    let noteY = bottom - reserved + 2 * mm;
    for (const line of wrapText(context, content.uncertaintyNote, box.width).slice(0, 4)) {
      context.fillText(line, box.x, noteY);
      noteY += 3.6 * mm;
    }
  }
}

function drawNorthArrow(
  context: CanvasRenderingContext2D,
  map: Box,
  label: string,
  mm: number,
): void {
  const size = 9 * mm;
  const cx = map.x + map.width - 8 * mm;
  const top = map.y + 5 * mm;
  context.save();
  context.fillStyle = 'rgba(255,255,255,0.85)';
  context.fillRect(cx - size / 2 - 1.5 * mm, top - 1.5 * mm, size + 3 * mm, size + 7 * mm);
  context.fillStyle = '#2b2622';
  context.beginPath();
  context.moveTo(cx, top);
  context.lineTo(cx + size / 3, top + size);
  context.lineTo(cx, top + size * 0.72);
  context.lineTo(cx - size / 3, top + size);
  context.closePath();
  context.fill();
  context.font = font(3.6 * mm, 600);
  context.textAlign = 'center';
  context.textBaseline = 'top';
  context.fillText(label, cx, top + size + 0.8 * mm);
  context.restore();
}

function drawScaleBar(
  context: CanvasRenderingContext2D,
  map: Box,
  image: ExportMapImage,
  mm: number,
): void {
  // Ground metres per image pixel: the map was drawn at pixelRatio device pixels per CSS pixel.
  const metresPerPx = metresPerPixel(image.centerLat, image.zoom) / image.pixelRatio;
  // The image may have been scaled to the frame if the GPU capped its size.
  const scaleToFrame = map.width / image.canvas.width;
  const bar = scaleBar(metresPerPx / scaleToFrame, 40 * mm);
  const x = map.x + 5 * mm;
  const y = map.y + map.height - 9 * mm;
  context.save();
  context.fillStyle = 'rgba(255,255,255,0.85)';
  context.font = font(3 * mm);
  const labelWidth = context.measureText(bar.label).width;
  context.fillRect(x - 2 * mm, y - 5.5 * mm, bar.pixels + labelWidth / 2 + 4 * mm, 9 * mm);
  context.fillStyle = '#2b2622';
  context.fillRect(x, y, bar.pixels / 2, 1.4 * mm);
  context.strokeStyle = '#2b2622';
  context.lineWidth = Math.max(1, 0.3 * mm);
  context.strokeRect(x, y, bar.pixels, 1.4 * mm);
  context.font = font(3 * mm);
  context.textBaseline = 'bottom';
  context.fillText('0', x, y - 0.5 * mm);
  context.fillText(
    bar.label,
    x + bar.pixels - context.measureText(bar.label).width / 2,
    y - 0.5 * mm,
  );
  context.restore();
}

/** One line of text drawn on the page: where its alphabetic baseline starts, in page pixels. */
export interface PageText {
  readonly text: string;
  readonly left: number;
  readonly baseline: number;
  /** Font size in page pixels. */
  readonly size: number;
}

/**
 * Records every `fillText` on the context as a {@link PageText} while still drawing it, so the
 * PDF can carry the same text, selectable and searchable, at the same place.
 */
function recordTexts(context: CanvasRenderingContext2D): PageText[] {
  const texts: PageText[] = [];
  const fill = context.fillText.bind(context);
  context.fillText = (text: string, x: number, y: number, maxWidth?: number) => {
    const metrics = context.measureText(text);
    const align = context.textAlign;
    const left =
      align === 'right' || align === 'end'
        ? x - metrics.width
        : align === 'center'
          ? x - metrics.width / 2
          : x;
    // The alphabetic baseline from the box the current textBaseline names.
    const saved = context.textBaseline;
    context.textBaseline = 'alphabetic';
    const em = context.measureText(text);
    context.textBaseline = saved;
    const ascent = em.fontBoundingBoxAscent;
    const descent = em.fontBoundingBoxDescent;
    const baseline =
      saved === 'top' || saved === 'hanging'
        ? y + ascent
        : saved === 'middle'
          ? y + (ascent - descent) / 2
          : saved === 'bottom' || saved === 'ideographic'
            ? y - descent
            : y;
    const size = Number(/(\d+(?:\.\d+)?)px/.exec(context.font)?.[1] ?? '0');
    if (text.trim() !== '') texts.push({ text, left, baseline, size });
    if (maxWidth === undefined) fill(text, x, y);
    else fill(text, x, y, maxWidth);
  };
  return texts;
}

/**
 * Draws the page: title, the map in a frame with a north arrow and a scale bar, the legend of
 * the visible layers, and the footer with sources and attribution, date, notes and the approval
 * number where the base map needs one. Returns a new canvas of the page's size and every line of
 * text drawn on it (labels inside the map image are pixels only).
 */
export function composeExport(
  layout: ExportLayout,
  image: ExportMapImage,
  content: ExportContent,
): { readonly canvas: HTMLCanvasElement; readonly texts: readonly PageText[] } {
  const canvas = document.createElement('canvas');
  canvas.width = layout.page.width;
  canvas.height = layout.page.height;
  const context = canvas.getContext('2d');
  if (context === null) throw new Error('This browser cannot draw the export (no 2D canvas).');
  const texts = recordTexts(context);
  const mm = layout.pxPerMm;
  context.fillStyle = '#ffffff';
  context.fillRect(0, 0, canvas.width, canvas.height);

  context.fillStyle = '#2b2622';
  context.textBaseline = 'top';
  context.font = font(6.5 * mm, 600);
  context.fillText(content.title, layout.title.x, layout.title.y);
  context.font = font(3.4 * mm);
  context.fillStyle = '#6f665d';
  context.fillText(content.subtitle, layout.title.x, layout.title.y + 8.5 * mm);

  const { map } = layout;
  context.drawImage(image.canvas, map.x, map.y, map.width, map.height);
  context.strokeStyle = '#2b2622';
  context.lineWidth = Math.max(1, 0.35 * mm);
  context.strokeRect(map.x, map.y, map.width, map.height);
  drawNorthArrow(context, map, content.north, mm);
  drawScaleBar(context, map, image, mm);
  drawLegend(context, layout.legend, content, mm);

  const { footer } = layout;
  context.font = font(2.7 * mm);
  context.fillStyle = '#2b2622';
  context.textBaseline = 'top';
  const right = [
    content.dateLine,
    ...(content.approvalLine === null ? [] : [content.approvalLine]),
  ];
  const rightWidth = Math.max(...right.map((line) => context.measureText(line).width));
  // Every source must be on the page: shrink the footer text until it all fits.
  const sourceText = [...content.sources, ...content.notes].join(' · ');
  const available = footer.height - 1.5 * mm;
  let size = 2.7;
  let lines = wrapText(context, sourceText, footer.width - rightWidth - 8 * mm);
  while (lines.length * size * 1.3 * mm > available && size > 1.6) {
    size -= 0.2;
    context.font = font(size * mm);
    lines = wrapText(context, sourceText, footer.width - rightWidth - 8 * mm);
  }
  let y = footer.y + 1.5 * mm;
  for (const line of lines) {
    context.fillText(line, footer.x, y);
    y += size * 1.3 * mm;
  }
  context.textAlign = 'right';
  right.forEach((line, index) => {
    context.font = font(index === 1 ? 3.2 * mm : 2.9 * mm, index === 1 ? 600 : 400);
    context.fillText(line, footer.x + footer.width, footer.y + 1.5 * mm + index * 4.2 * mm);
  });
  context.textAlign = 'left';
  return { canvas, texts };
}
