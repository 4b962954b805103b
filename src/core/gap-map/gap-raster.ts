/**
 * Paints the coverage of demand cells into an RGBA raster in Web Mercator pixel space, so MapLibre
 * can show 100 k+ cells as one image source (pushing that many GeoJSON features through `setData`
 * on every edit would block the page). Pure: runs in the coverage worker.
 */

/** What the gap map shows for a cell; the order is the legend's. */
export const CELL_STATUS = {
  covered: 1,
  uncovered: 2,
  newlyCovered: 3,
  newlyUncovered: 4,
} as const;
export type CellStatus = (typeof CELL_STATUS)[keyof typeof CELL_STATUS] | 0;

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

function mercatorY(latDegrees: number): number {
  const phi = (latDegrees * Math.PI) / 180;
  return Math.log(Math.tan(Math.PI / 4 + phi / 2));
}

/**
 * Colour of a cell: uncovered cells go from light to dark red with population density (people per
 * km², log scale) so the largest gaps stand out; covered cells are a pale green wash; cells that a
 * scenario newly covers are bright green, newly uncovered ones magenta.
 */
export function cellColor(
  status: number,
  densityPerKm2: number,
): readonly [number, number, number, number] {
  if (status === CELL_STATUS.newlyCovered) return [26, 152, 80, 230];
  if (status === CELL_STATUS.newlyUncovered) return [197, 27, 125, 235];
  if (status === CELL_STATUS.covered) return [90, 180, 120, 150];
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

/** Paints every cell as a filled rectangle of its true size. */
export function paintGapRaster(input: GapRasterInput): GapRaster {
  const [west, south, east, north] = input.bbox;
  const width = Math.max(1, Math.round(input.width));
  const yNorth = mercatorY(north);
  const ySouth = mercatorY(south);
  const xScale = width / (east - west);
  const yScale = width / (((east - west) * Math.PI) / 180);
  const height = Math.max(1, Math.round((yNorth - ySouth) * yScale));
  const pixels = new Uint8ClampedArray(width * height * 4);
  const count = input.lon.length;
  const sizeAt =
    typeof input.cellSizeM === 'number'
      ? () => input.cellSizeM as number
      : (index: number) => (input.cellSizeM as ArrayLike<number>)[index] ?? 1000;
  for (let index = 0; index < count; index += 1) {
    const status = input.status[index] ?? 0;
    if (status === 0) continue;
    const lon = input.lon[index] ?? 0;
    const lat = input.lat[index] ?? 0;
    const size = sizeAt(index);
    const population = input.population[index] ?? 0;
    const [r, g, b, a] = cellColor(status, population / ((size * size) / 1e6));
    const halfLat = size / 2 / METRES_PER_DEGREE_LAT;
    const halfLon = halfLat / Math.cos((lat * Math.PI) / 180);
    const x0 = Math.max(0, Math.floor((lon - halfLon - west) * xScale));
    const x1 = Math.min(width - 1, Math.ceil((lon + halfLon - west) * xScale) - 1);
    const y0 = Math.max(0, Math.floor((yNorth - mercatorY(lat + halfLat)) * yScale));
    const y1 = Math.min(height - 1, Math.ceil((yNorth - mercatorY(lat - halfLat)) * yScale) - 1);
    for (let y = y0; y <= y1; y += 1) {
      let offset = (y * width + x0) * 4;
      for (let x = x0; x <= Math.max(x0, x1); x += 1) {
        pixels[offset] = r;
        pixels[offset + 1] = g;
        pixels[offset + 2] = b;
        pixels[offset + 3] = a;
        offset += 4;
      }
    }
  }
  return {
    width,
    height,
    pixels,
    coordinates: [
      [west, north],
      [east, north],
      [east, south],
      [west, south],
    ],
  };
}
