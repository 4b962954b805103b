import { describe, expect, it } from 'vitest';
import {
  exportFileName,
  exportLayout,
  metresPerPixel,
  pagePixels,
  scaleBar,
} from '../../../src/core/export/export-layout';

describe('export layout', () => {
  it('gives the page size in pixels for each paper and resolution', () => {
    expect(pagePixels('A4', 150)).toEqual({ width: 1754, height: 1240 });
    expect(pagePixels('A4', 300)).toEqual({ width: 3508, height: 2480 });
    expect(pagePixels('A3', 150)).toEqual({ width: 2480, height: 1754 });
    expect(pagePixels('A3', 300)).toEqual({ width: 4961, height: 3508 });
  });

  it('keeps title, map, legend and footer inside the page and apart', () => {
    for (const paper of ['A4', 'A3'] as const) {
      for (const dpi of [150, 300] as const) {
        const layout = exportLayout(paper, dpi);
        const boxes = [layout.title, layout.map, layout.legend, layout.footer];
        for (const box of boxes) {
          expect(box.x).toBeGreaterThanOrEqual(0);
          expect(box.y).toBeGreaterThanOrEqual(0);
          expect(box.x + box.width).toBeLessThanOrEqual(layout.page.width);
          expect(box.y + box.height).toBeLessThanOrEqual(layout.page.height);
        }
        expect(layout.map.x + layout.map.width).toBeLessThanOrEqual(layout.legend.x);
        expect(layout.map.y + layout.map.height).toBeLessThanOrEqual(layout.footer.y);
        expect(layout.title.y + layout.title.height).toBeLessThanOrEqual(layout.map.y);
      }
    }
  });

  it('picks a round scale bar length that fits', () => {
    const bar = scaleBar(37, 300);
    expect(bar.metres).toBe(10_000);
    expect(bar.pixels).toBeLessThanOrEqual(300);
    expect(bar.label).toBe('10 km');
    expect(scaleBar(0.9, 150).label).toBe('100 m');
    expect(metresPerPixel(0, 0)).toBeCloseTo(78_271.5, 0);
  });

  it('names the file by date, paper and resolution', () => {
    expect(exportFileName(new Date('2026-11-26T12:00:00Z'), 'A3', 300, 'pdf')).toBe(
      'cq-commerce-atlas-2026-11-26-A3-300dpi.pdf',
    );
  });
});
