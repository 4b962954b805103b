import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  CELL_STATUS,
  cellColor,
  DEPENDS_BANDS,
  dependsStatus,
  GapRasterPainter,
  paintGapRaster,
} from '../../../src/core/gap-map/gap-raster';
import { RasterImage } from '../../../src/core/gap-map/raster-patch';

const bbox = [106, 29, 107, 30] as const;

function pixelAt(raster: ReturnType<typeof paintGapRaster>, lon: number, lat: number) {
  const x = Math.floor(((lon - bbox[0]) / (bbox[2] - bbox[0])) * raster.width);
  const mercator = (d: number) => Math.log(Math.tan(Math.PI / 4 + (d * Math.PI) / 360));
  const y = Math.floor(
    ((mercator(bbox[3]) - mercator(lat)) / (mercator(bbox[3]) - mercator(bbox[1]))) * raster.height,
  );
  const offset = (y * raster.width + x) * 4;
  return [...raster.pixels.slice(offset, offset + 4)];
}

describe('paintGapRaster', () => {
  it('keeps the Mercator aspect of the bbox and returns image-source corners', () => {
    const raster = paintGapRaster({
      lon: [],
      lat: [],
      population: [],
      status: [],
      cellSizeM: 1000,
      bbox,
      width: 400,
    });
    expect(raster.width).toBe(400);
    expect(raster.height).toBeGreaterThan(450);
    expect(raster.height).toBeLessThan(470);
    expect(raster.coordinates[0]).toEqual([106, 30]);
    expect(raster.coordinates[2]).toEqual([107, 29]);
  });

  it('paints each cell at its place with the colour of its status, and nothing elsewhere', () => {
    const raster = paintGapRaster({
      lon: [106.25, 106.75, 106.5],
      lat: [29.25, 29.75, 29.5],
      population: [5000, 100, 0],
      status: [CELL_STATUS.uncovered, CELL_STATUS.newlyCovered, 0],
      cellSizeM: 5000,
      bbox,
      width: 400,
    });
    expect(pixelAt(raster, 106.25, 29.25)).toEqual([...cellColor(CELL_STATUS.uncovered, 200)]);
    expect(pixelAt(raster, 106.75, 29.75)).toEqual([...cellColor(CELL_STATUS.newlyCovered, 4)]);
    expect(pixelAt(raster, 106.5, 29.5)[3]).toBe(0);
    expect(pixelAt(raster, 106.1, 29.9)[3]).toBe(0);
  });

  it('darkens uncovered cells with density so big gaps stand out', () => {
    const sparse = cellColor(CELL_STATUS.uncovered, 10);
    const dense = cellColor(CELL_STATUS.uncovered, 10_000);
    expect(dense[0] + dense[1] + dense[2]).toBeLessThan(sparse[0] + sparse[1] + sparse[2]);
    expect(dense[3]).toBeGreaterThan(sparse[3]);
  });

  it('never paints outside the raster for cells on or beyond the edge', () => {
    expect(() =>
      paintGapRaster({
        lon: [105.9, 107.1, 106],
        lat: [29, 30.2, 30],
        population: [1, 1, 1],
        status: [1, 2, 2],
        cellSizeM: [20_000, 20_000, 20_000],
        bbox,
        width: 100,
      }),
    ).not.toThrow();
  });
});

describe('GapRasterPainter', () => {
  it('repaints incrementally to exactly what a fresh paint gives', () => {
    const cells = {
      lon: [106.2, 106.4, 106.6, 106.8],
      lat: [29.2, 29.4, 29.6, 29.8],
      population: [100, 2000, 50, 0],
      cellSizeM: [1000, 5000, 2000, 1000],
      bbox,
      width: 300,
    };
    const painter = new GapRasterPainter(cells);
    painter.paint([1, 2, 2, 0]);
    const next = [3, 2, 4, 0];
    const incremental = painter.paint(next);
    const fresh = paintGapRaster({ ...cells, status: next });
    expect(incremental.pixels).toEqual(fresh.pixels);
    expect(painter.paint([0, 0, 0, 0]).pixels.every((value) => value === 0)).toBe(true);
  });
});

describe('repainting only the cells an edit touched', () => {
  it('gives the raster a full repaint gives, pixel for pixel', () => {
    // A 30 × 20 grid of 2 km cells, as the model's: neighbours share edges, none overlap.
    const lon: number[] = [];
    const lat: number[] = [];
    for (let row = 0; row < 20; row++) {
      for (let col = 0; col < 30; col++) {
        lon.push(106.1 + col * 0.02);
        lat.push(29.1 + row * 0.018);
      }
    }
    const cells = {
      lon,
      lat,
      population: lon.map((_, i) => (i * 53) % 4000),
      cellSizeM: 2000,
      bbox,
      width: 200,
    };
    const statusArb = fc.constantFrom(
      0,
      CELL_STATUS.covered,
      CELL_STATUS.uncovered,
      CELL_STATUS.newlyCovered,
      CELL_STATUS.newlyUncovered,
      CELL_STATUS.depends + 2,
    );
    const changeArb = fc.array(fc.tuple(fc.nat({ max: lon.length - 1 }), statusArb), {
      maxLength: 40,
    });
    fc.assert(
      fc.property(
        fc.array(statusArb, { minLength: lon.length, maxLength: lon.length }),
        fc.array(changeArb, { minLength: 1, maxLength: 5 }),
        (initial, edits) => {
          const painter = new GapRasterPainter(cells);
          const status = [...initial];
          // The page's copy: the whole first raster, then only each edit's rectangle.
          const page = new RasterImage();
          let serial = 0;
          page.apply({ kind: 'full', serial, raster: painter.paint(status) });
          for (const edit of edits) {
            for (const [unit, next] of edit) status[unit] = next;
            const patch = painter.paintUnits(
              status,
              edit.map(([unit]) => unit),
            );
            const { width, height, coordinates } = painter;
            serial += 1;
            page.apply({
              kind: 'patch',
              serial,
              base: serial - 1,
              width,
              height,
              coordinates,
              patch,
            });
            const full = paintGapRaster({ ...cells, status }).pixels;
            const held = page.raster?.pixels ?? new Uint8ClampedArray();
            expect(Buffer.compare(Buffer.from(held), Buffer.from(full))).toBe(0);
            // The rectangle is the part that changed: outside it the previous raster stands.
            if (patch !== null) expect(patch.width * patch.height).toBeLessThan(width * height);
          }
        },
      ),
      { numRuns: 40 },
    );
  });
});

describe('the three classes of the gap map', () => {
  it('shades cells that depend on node positions by probability, apart from sure and none', () => {
    expect(dependsStatus(0)).toBe(CELL_STATUS.depends);
    expect(dependsStatus(0.999)).toBe(CELL_STATUS.depends + DEPENDS_BANDS - 1);
    expect(dependsStatus(1)).toBe(CELL_STATUS.depends + DEPENDS_BANDS - 1);
    const low = cellColor(dependsStatus(0.1), 0);
    const high = cellColor(dependsStatus(0.9), 0);
    expect(high[3]).toBeGreaterThan(low[3]);
    const colours = new Set(
      [cellColor(CELL_STATUS.covered, 0), low, high, cellColor(CELL_STATUS.uncovered, 0)].map((c) =>
        c.join(','),
      ),
    );
    expect(colours.size).toBe(4);
  });
});
