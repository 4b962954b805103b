// @vitest-environment node
/**
 * Sizes that matter in practice, timed and printed (bounds are loose on purpose: this shared
 * machine is slow and busy; the printed figures go in the report). Run with IMPORT_FIGURES=1.
 */
import type { Position } from 'geojson';
import { describe, expect, it } from 'vitest';
import { readGeoTiff } from '../../../../src/core/import/geotiff';
import { readShapefileZip } from '../../../../src/core/import/shapefile-zip';
import { PRJ_WGS84, writeDbf, writeShp, zip } from './fixtures/shapefile-writer';
import { geoTiff } from './fixtures/tiff';

describe.skipIf(process.env['IMPORT_FIGURES'] === undefined)('figures', () => {
  it('reads a 100 000-point shapefile', async () => {
    const n = 100_000;
    const points: Position[] = [];
    const rows: [string, number][] = [];
    for (let i = 0; i < n; i++) {
      points.push([105.5 + (i % 400) * 0.01, 28.5 + Math.floor(i / 400) * 0.01]);
      rows.push([`outlet ${i}`, i]);
    }
    const { shp, shx } = writeShp('point', points);
    const dbf = writeDbf(
      [
        { name: 'name', type: 'C', length: 30 },
        { name: 'id', type: 'N', length: 10 },
      ],
      rows,
    );
    const bytes = zip({ 'a.shp': shp, 'a.shx': shx, 'a.dbf': dbf, 'a.prj': PRJ_WGS84 });
    const t0 = performance.now();
    const result = await readShapefileZip('big.zip', bytes, {});
    const ms = performance.now() - t0;
    console.info(
      `100k-point shapefile (${(bytes.length / 1e6).toFixed(1)} MB zipped): ${ms.toFixed(0)} ms`,
    );
    expect(result.features).toHaveLength(n);
    expect(ms).toBeLessThan(60_000);
  });

  it('reads a 10-megapixel population raster', async () => {
    const width = 4000;
    const height = 2500;
    const values = new Float32Array(width * height);
    for (let i = 0; i < values.length; i++) values[i] = i % 3 === 0 ? -99999 : (i % 50) + 0.5;
    const bytes = geoTiff({
      width,
      height,
      values,
      origin: [105.3, 32.2],
      pixel: [0.001, 0.0016],
      nodata: '-99999',
    });
    const t0 = performance.now();
    const result = await readGeoTiff('pop.tif', bytes, {});
    const ms = performance.now() - t0;
    const d = result.demand;
    console.info(
      `10-megapixel float32 raster (${(bytes.length / 1e6).toFixed(0)} MB): ${ms.toFixed(0)} ms, ${d?.lon.length ?? 0} populated pixels`,
    );
    expect(d?.lon.length).toBe(values.length - Math.ceil(values.length / 3));
    expect(ms).toBeLessThan(60_000);
  });
});
