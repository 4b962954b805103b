/**
 * A synthetic population raster of about `units` populated pixels over Chongqing, for timing the
 * coverage analysis on a fine imported population (issue 19: 1.3 M units). Each model cell's
 * residents are spread evenly over the pixels whose centres fall in it, so the total and the map
 * of people are the model's; the pixels are only finer. Not data: a load for measurements.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeArrayBuffer } from 'geotiff';
import { decodePopulationGrid } from '../src/core/population/decode-population-grid.ts';
import { populationCellBounds } from '../src/core/population/population-grid.ts';

export interface PopulationRaster {
  readonly bytes: Uint8Array;
  readonly width: number;
  readonly height: number;
  /** Pixels with residents: the units the import makes. */
  readonly populated: number;
  readonly total: number;
}

export function populationRaster(root: string, units: number): PopulationRaster {
  const decoded = decodePopulationGrid(
    readFileSync(join(root, 'geodata', 'population', 'population-grid.bin')),
  );
  if (!decoded.ok) throw new Error(decoded.problems.map((p) => p.message).join(' '));
  const grid = decoded.grid;
  const cells = grid.demand.population.length;
  let west = Infinity;
  let south = Infinity;
  let east = -Infinity;
  let north = -Infinity;
  let populatedArea = 0;
  for (let cell = 0; cell < cells; cell += 1) {
    const [w, s, e, n] = populationCellBounds(grid, cell);
    west = Math.min(west, w);
    south = Math.min(south, s);
    east = Math.max(east, e);
    north = Math.max(north, n);
    if ((grid.demand.population[cell] ?? 0) > 0) populatedArea += (e - w) * (n - s);
  }
  const pixel = Math.sqrt(populatedArea / units);
  const width = Math.ceil((east - west) / pixel);
  const height = Math.ceil((north - south) / pixel);
  const values = new Float32Array(width * height);
  let total = 0;
  for (let cell = 0; cell < cells; cell += 1) {
    const people = grid.demand.population[cell] ?? 0;
    if (people === 0) continue;
    const [w, s, e, n] = populationCellBounds(grid, cell);
    // Pixels whose centre lies in the cell (row 0 is the north edge).
    const x0 = Math.ceil((w - west) / pixel - 0.5);
    const x1 = Math.ceil((e - west) / pixel - 0.5);
    const y0 = Math.ceil((north - n) / pixel - 0.5);
    const y1 = Math.ceil((north - s) / pixel - 0.5);
    const count = Math.max(0, x1 - x0) * Math.max(0, y1 - y0);
    total += people;
    if (count === 0) {
      // A cell smaller than a pixel holds no pixel centre: its residents go to the pixel under it.
      const x = Math.floor(((w + e) / 2 - west) / pixel);
      const y = Math.floor((north - (s + n) / 2) / pixel);
      values[y * width + x] = (values[y * width + x] ?? 0) + people;
      continue;
    }
    for (let y = y0; y < y1; y += 1) {
      for (let x = x0; x < x1; x += 1) values[y * width + x] = people / count;
    }
  }
  let populated = 0;
  for (const value of values) if (value > 0) populated += 1;
  const bytes = new Uint8Array(
    writeArrayBuffer(values, {
      width,
      height,
      BitsPerSample: [32],
      SampleFormat: [3],
      SamplesPerPixel: 1,
      PhotometricInterpretation: 1,
      ModelPixelScale: [pixel, pixel, 0],
      ModelTiepoint: [0, 0, 0, west, north, 0],
      GTRasterTypeGeoKey: 1,
      GTModelTypeGeoKey: 2,
      GeographicTypeGeoKey: 4326,
    }),
  );
  return { bytes, width, height, populated, total };
}
