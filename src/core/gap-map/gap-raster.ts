/**
 * Paints the coverage of demand cells into an RGBA raster in Web Mercator pixel space, so MapLibre
 * can show 100 k+ cells as one image source (pushing that many GeoJSON features through `setData`
 * on every edit would block the page). Pure: runs in the coverage worker.
 */
import { cropPatch, type RasterPatch } from './raster-patch';

/** What the gap map shows for a cell; the order is the legend's. */
export const CELL_STATUS = {
  /** Covered for sure: wherever the nodes really are within their stated uncertainty. */
  covered: 1,
  /** Not covered even at the nearest point of every node's uncertainty. */
  uncovered: 2,
  newlyCovered: 3,
  newlyUncovered: 4,
  /**
   * Depends on where the nodes really are; the probability of being covered is shaded in five
   * bands, `depends + band` for band 0 (under 20 %) to 4 (80 % and more).
   */
  depends: 5,
} as const;
export const DEPENDS_BANDS = 5;
export type CellStatus = number;

/** The status of a cell that depends on node positions, from its probability of being covered. */
export function dependsStatus(probability: number): number {
  const band = Math.min(DEPENDS_BANDS - 1, Math.max(0, Math.floor(probability * DEPENDS_BANDS)));
  return CELL_STATUS.depends + band;
}

export interface GapRasterInput {
  readonly lon: ArrayLike<number>;
  readonly lat: ArrayLike<number>;
  readonly population: ArrayLike<number>;
  /** Per cell, a CELL_STATUS value (0 = do not draw). */
  readonly status: ArrayLike<number>;
  /** Edge length of each cell in metres (one value for all, or one per cell). */
  readonly cellSizeM: number | ArrayLike<number>;
  /** West, south, east, north of the raster in degrees. */
  readonly bbox: readonly [number, number, number, number];
  /** Raster width in pixels; the height follows from the Mercator aspect of the bbox. */
  readonly width: number;
}

/** A rectangle of raster pixels (x right, y down from the north-west corner). */
export interface DirtyRect {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

export interface GapRaster {
  readonly width: number;
  readonly height: number;
  /** RGBA, row 0 at the north edge. */
  readonly pixels: Uint8ClampedArray;
  /** Corners for a MapLibre image source: top-left, top-right, bottom-right, bottom-left. */
  readonly coordinates: readonly [
    readonly [number, number],
    readonly [number, number],
    readonly [number, number],
    readonly [number, number],
  ];
}

const METRES_PER_DEGREE_LAT = 111_320;
/** Cells are filed by bands of 16 pixel rows, to find those near a repainted rectangle. */
const BAND_SHIFT = 4;
const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;

function mercatorY(latDegrees: number): number {
  const phi = (latDegrees * Math.PI) / 180;
  return Math.log(Math.tan(Math.PI / 4 + phi / 2));
}

/**
 * Colour of a cell: uncovered cells go from light to dark red with population density (people per
 * km², log scale) so the largest gaps stand out; cells covered for sure are a pale green wash;
 * cells whose coverage depends on where the nodes really are are amber, deeper with the
 * probability; cells that a scenario newly covers are bright green, newly uncovered ones magenta.
 */
export function cellColor(
  status: number,
  densityPerKm2: number,
): readonly [number, number, number, number] {
  if (status === CELL_STATUS.newlyCovered) return [26, 152, 80, 230];
  if (status === CELL_STATUS.newlyUncovered) return [197, 27, 125, 235];
  if (status === CELL_STATUS.covered) return [90, 180, 120, 150];
  if (status >= CELL_STATUS.depends && status < CELL_STATUS.depends + DEPENDS_BANDS) {
    // Amber, from pale (unlikely) to deep (likely): neither the green of sure nor the red of none.
    const band = (status - CELL_STATUS.depends + 0.5) / DEPENDS_BANDS;
    return [
      Math.round(254 - 30 * band),
      Math.round(217 - 80 * band),
      Math.round(142 - 110 * band),
      Math.round(120 + 110 * band),
    ];
  }
  if (status === CELL_STATUS.uncovered) {
    const level = Math.max(0, Math.min(1, Math.log10(Math.max(densityPerKm2, 1)) / 4));
    return [
      Math.round(252 - 120 * level),
      Math.round(187 - 170 * level),
      Math.round(161 - 140 * level),
      Math.round(110 + 130 * level),
    ];
  }
  return [0, 0, 0, 0];
}

/**
 * Paints gap rasters repeatedly for one set of cells: each cell's pixel rectangle is computed once,
 * and a repaint only rewrites the cells whose status changed since the last one, so an edit costs
 * O(changed cells) instead of O(all pixels). Mutates its own pixel buffer; `paint` returns a copy.
 */
export class GapRasterPainter {
  readonly width: number;
  readonly height: number;
  readonly coordinates: GapRaster['coordinates'];
  private readonly pixels: Uint8ClampedArray;
  private readonly words: Uint32Array;
  private readonly rects: Int32Array;
  private readonly density: Float64Array;
  private readonly painted: Uint8Array;
  /** Cells by band of 2^BAND_SHIFT pixel rows: bandCells[bandStart[b] … bandStart[b + 1]). */
  private readonly bandStart: Int32Array;
  private readonly bandCells: Int32Array;
  private readonly seen: Uint32Array;
  private stamp = 0;

  constructor(input: Omit<GapRasterInput, 'status'>) {
    const [west, south, east, north] = input.bbox;
    this.width = Math.max(1, Math.round(input.width));
    const yNorth = mercatorY(north);
    const ySouth = mercatorY(south);
    const xScale = this.width / (east - west);
    const yScale = this.width / (((east - west) * Math.PI) / 180);
    this.height = Math.max(1, Math.round((yNorth - ySouth) * yScale));
    this.pixels = new Uint8ClampedArray(this.width * this.height * 4);
    this.words = new Uint32Array(this.pixels.buffer);
    const count = input.lon.length;
    this.rects = new Int32Array(count * 4);
    this.density = new Float64Array(count);
    this.painted = new Uint8Array(count);
    for (let index = 0; index < count; index += 1) {
      const lon = input.lon[index] ?? 0;
      const lat = input.lat[index] ?? 0;
      const size =
        typeof input.cellSizeM === 'number' ? input.cellSizeM : (input.cellSizeM[index] ?? 1000);
      this.density[index] = (input.population[index] ?? 0) / ((size * size) / 1e6);
      const halfLat = size / 2 / METRES_PER_DEGREE_LAT;
      const halfLon = halfLat / Math.cos((lat * Math.PI) / 180);
      const x0 = Math.max(0, Math.floor((lon - halfLon - west) * xScale));
      const x1 = Math.min(this.width - 1, Math.ceil((lon + halfLon - west) * xScale) - 1);
      const y0 = Math.max(0, Math.floor((yNorth - mercatorY(lat + halfLat)) * yScale));
      const y1 = Math.min(
        this.height - 1,
        Math.ceil((yNorth - mercatorY(lat - halfLat)) * yScale) - 1,
      );
      this.rects.set([x0, Math.max(x0, x1), y0, Math.max(y0, y1)], index * 4);
    }
    const bands = (this.height >> BAND_SHIFT) + 1;
    this.bandStart = new Int32Array(bands + 1);
    for (let index = 0; index < count; index += 1) {
      const from = (this.rects[index * 4 + 2] ?? 0) >> BAND_SHIFT;
      const to = (this.rects[index * 4 + 3] ?? 0) >> BAND_SHIFT;
      for (let band = from; band <= to; band += 1) {
        this.bandStart[band + 1] = (this.bandStart[band + 1] ?? 0) + 1;
      }
    }
    for (let band = 0; band < bands; band += 1) {
      this.bandStart[band + 1] = (this.bandStart[band + 1] ?? 0) + (this.bandStart[band] ?? 0);
    }
    this.bandCells = new Int32Array(this.bandStart[bands] ?? 0);
    const fill = this.bandStart.slice(0, bands);
    for (let index = 0; index < count; index += 1) {
      const from = (this.rects[index * 4 + 2] ?? 0) >> BAND_SHIFT;
      const to = (this.rects[index * 4 + 3] ?? 0) >> BAND_SHIFT;
      for (let band = from; band <= to; band += 1) {
        this.bandCells[fill[band] ?? 0] = index;
        fill[band] = (fill[band] ?? 0) + 1;
      }
    }
    this.seen = new Uint32Array(count);
    this.coordinates = [
      [west, north],
      [east, north],
      [east, south],
      [west, south],
    ];
  }

  /** Repaints the cells whose status changed and returns the raster (pixels copied). */
  paint(status: ArrayLike<number>): GapRaster {
    for (let index = 0; index < this.painted.length; index += 1) {
      this.paintCell(index, status[index] ?? 0);
    }
    return this.raster();
  }

  /**
   * The same when only `units` can have changed status since the last paint (the cells a node
   * edit touched): the rectangle around their cells is cleared and every cell meeting it painted
   * again in index order, clipped to it, so the raster equals a fresh paint of `status` pixel for
   * pixel even where neighbouring cells share a pixel row or column. Cost: the cells near the
   * edit, not all of them. Returns the rectangle repainted with its pixels (null: nothing
   * changed); {@link RasterImage} puts it into a copy of the previous raster.
   */
  paintUnits(status: ArrayLike<number>, units: Iterable<number>): RasterPatch | null {
    let rx0 = Infinity;
    let ry0 = Infinity;
    let rx1 = -Infinity;
    let ry1 = -Infinity;
    for (const index of units) {
      if (!(index >= 0 && index < this.painted.length)) continue;
      if ((status[index] ?? 0) === this.painted[index]) continue;
      const offset = index * 4;
      rx0 = Math.min(rx0, this.rects[offset] ?? 0);
      rx1 = Math.max(rx1, this.rects[offset + 1] ?? 0);
      ry0 = Math.min(ry0, this.rects[offset + 2] ?? 0);
      ry1 = Math.max(ry1, this.rects[offset + 3] ?? 0);
    }
    if (rx0 > rx1) return null;
    for (let y = ry0; y <= ry1; y += 1) {
      this.words.fill(0, y * this.width + rx0, y * this.width + rx1 + 1);
    }
    const cells: number[] = [];
    this.stamp += 1;
    for (let band = ry0 >> BAND_SHIFT; band <= ry1 >> BAND_SHIFT; band += 1) {
      for (let k = this.bandStart[band] ?? 0; k < (this.bandStart[band + 1] ?? 0); k += 1) {
        const index = this.bandCells[k] ?? 0;
        if (this.seen[index] === this.stamp) continue;
        this.seen[index] = this.stamp;
        const offset = index * 4;
        if (
          (this.rects[offset] ?? 0) <= rx1 &&
          (this.rects[offset + 1] ?? 0) >= rx0 &&
          (this.rects[offset + 2] ?? 0) <= ry1 &&
          (this.rects[offset + 3] ?? 0) >= ry0
        ) {
          cells.push(index);
        }
      }
    }
    cells.sort((a, b) => a - b);
    for (const index of cells) {
      const next = status[index] ?? 0;
      this.painted[index] = next;
      if (next === 0) continue;
      const offset = index * 4;
      const x0 = Math.max(rx0, this.rects[offset] ?? 0);
      const x1 = Math.min(rx1, this.rects[offset + 1] ?? 0);
      const y0 = Math.max(ry0, this.rects[offset + 2] ?? 0);
      const y1 = Math.min(ry1, this.rects[offset + 3] ?? 0);
      const word = this.wordOf(next, index);
      for (let y = y0; y <= y1; y += 1) {
        this.words.fill(word, y * this.width + x0, y * this.width + x1 + 1);
      }
    }
    return cropPatch(this.pixels, this.width, {
      x: rx0,
      y: ry0,
      width: rx1 - rx0 + 1,
      height: ry1 - ry0 + 1,
    });
  }

  /** The raster as last painted (pixels copied). */
  current(): GapRaster {
    return this.raster();
  }

  private wordOf(status: number, index: number): number {
    const [r, g, b, a] = cellColor(status, this.density[index] ?? 0);
    return LITTLE_ENDIAN
      ? ((a << 24) | (b << 16) | (g << 8) | r) >>> 0
      : ((r << 24) | (g << 16) | (b << 8) | a) >>> 0;
  }

  private raster(): GapRaster {
    return {
      width: this.width,
      height: this.height,
      pixels: new Uint8ClampedArray(this.pixels),
      coordinates: this.coordinates,
    };
  }

  private paintCell(index: number, next: number): void {
    if (next === this.painted[index]) return;
    this.painted[index] = next;
    const word = this.wordOf(next, index);
    const offset = index * 4;
    const x0 = this.rects[offset] ?? 0;
    const x1 = this.rects[offset + 1] ?? 0;
    const y0 = this.rects[offset + 2] ?? 0;
    const y1 = this.rects[offset + 3] ?? 0;
    for (let y = y0; y <= y1; y += 1) {
      this.words.fill(word, y * this.width + x0, y * this.width + x1 + 1);
    }
  }
}

/** Paints every cell as a filled rectangle of its true size (one-off; see GapRasterPainter). */
export function paintGapRaster(input: GapRasterInput): GapRaster {
  return new GapRasterPainter(input).paint(input.status);
}
