// @vitest-environment node
import proj4 from 'proj4';
import { describe, expect, it } from 'vitest';
import { URBAN_DENSITY_PER_KM2, readGeoTiff } from '../../../../src/core/import/geotiff';
import type { ImportResult } from '../../../../src/core/import/import-types';
import { IMPORT_LIMITS, MAX_POPULATION_PER_KM2 } from '../../../../src/core/import/limits';
import { hugeDeclaredTiff } from '../../../import-corpus/corpus-bytes';
import { geoTiff, plainTiff } from './fixtures/tiff';

const R = 6378137;
/** Web Mercator forward/inverse, written out here so the test does not reuse the reader's maths. */
const merc = (lon: number, lat: number): [number, number] => [
  (R * lon * Math.PI) / 180,
  R * Math.log(Math.tan(Math.PI / 4 + (lat * Math.PI) / 360)),
];
const unmerc = (x: number, y: number): [number, number] => [
  ((x / R) * 180) / Math.PI,
  ((2 * Math.atan(Math.exp(y / R)) - Math.PI / 2) * 180) / Math.PI,
];

function demandOf(result: ImportResult) {
  if (result.demand === undefined) throw new Error(`no demand: ${JSON.stringify(result.problems)}`);
  return result.demand;
}

/** A WorldPop-like 4326 float32 grid: 6 × 4 pixels of 0.001° with nodata, NaN, zero and negatives. */
function worldPopLike(): { bytes: Uint8Array; values: Float32Array } {
  const values = new Float32Array([
    1.5,
    2.5,
    -99999,
    0,
    40,
    3,
    -99999,
    -99999,
    7.25,
    100,
    NaN,
    1,
    2,
    2,
    2,
    2,
    2,
    2,
    0.5,
    -3,
    60,
    -99999,
    4,
    1,
  ]);
  const bytes = geoTiff({
    width: 6,
    height: 4,
    values,
    origin: [106.5, 29.6],
    pixel: [0.001, 0.001],
    geographic: 4326,
    nodata: '-99999',
  });
  return { bytes, values };
}

describe('readGeoTiff', () => {
  it('reads a WorldPop-like EPSG:4326 float32 raster, skipping nodata, NaN and ≤ 0', async () => {
    const { bytes } = worldPopLike();
    const result = await readGeoTiff('worldpop.tif', bytes, {});
    expect(result.refused).toBe(false);
    expect(result.features).toEqual([]);
    expect(result.detected).toEqual({
      format: 'geotiff',
      encoding: null,
      crs: 'EPSG:4326',
      crsSource: 'file',
    });
    const d = demandOf(result);
    const expected = [1.5, 2.5, 40, 3, 7.25, 100, 1, 2, 2, 2, 2, 2, 2, 0.5, 60, 4, 1];
    expect(Array.from(d.population)).toEqual(expected);
    expect(d.totalPopulation).toBeCloseTo(
      expected.reduce((a, b) => a + b, 0),
      9,
    );
    expect(d.lon).toHaveLength(expected.length);
    // First pixel centre: half a pixel right of and below the upper-left corner.
    expect(d.lon[0]).toBeCloseTo(106.5005, 9);
    expect(d.lat[0]).toBeCloseTo(29.5995, 9);
    // 7.25 is row 1, column 2.
    expect(d.lon[4]).toBeCloseTo(106.5025, 9);
    expect(d.lat[4]).toBeCloseTo(29.5985, 9);
    // 0.001° at 29.6°N ≈ 96.8 m × 110.6 m → about 103 m.
    expect(d.cellSizeM).toBeGreaterThan(100);
    expect(d.cellSizeM).toBeLessThan(106);
    // One negative that is not nodata is counted.
    const neg = result.problems.find((p) => p.code === 'negative-population');
    expect(neg?.message).toContain('found 1 negative');
    expect(result.problems.map((p) => p.code)).toEqual(['negative-population']);
  });

  it('marks pixels at or above 1,500 people per km² as urban', async () => {
    const { bytes } = worldPopLike();
    const d = demandOf(await readGeoTiff('worldpop.tif', bytes, {}));
    const areaKm2 = (d.cellSizeM * d.cellSizeM) / 1e6;
    const threshold = URBAN_DENSITY_PER_KM2 * areaKm2; // ≈ 16 people per pixel
    expect(threshold).toBeGreaterThan(10);
    expect(threshold).toBeLessThan(20);
    Array.from(d.population).forEach((pop, i) => {
      expect(d.urban[i]).toBe(
        pop >= threshold * 1.01 ? 1 : pop <= threshold * 0.99 ? 0 : d.urban[i],
      );
    });
    expect(Array.from(d.urban).filter((u) => u === 1)).toHaveLength(3); // 40, 100, 60
  });

  it('reads an EPSG:3857 raster, converting pixel centres to lon/lat', async () => {
    const [x0, y0] = merc(106.5, 29.6);
    const values = new Float32Array([10, 20, 30, 40]);
    const bytes = geoTiff({
      width: 2,
      height: 2,
      values,
      origin: [x0, y0],
      pixel: [100, 100],
      projected: 3857,
    });
    const result = await readGeoTiff('ghs.tif', bytes, {});
    expect(result.detected).toMatchObject({ crs: 'EPSG:3857', crsSource: 'file' });
    const d = demandOf(result);
    const [lon3, lat3] = unmerc(x0 + 150, y0 - 150);
    expect(d.lon[3]).toBeCloseTo(lon3, 7);
    expect(d.lat[3]).toBeCloseTo(lat3, 7);
    // 100 m Mercator pixels are about 100·cos(29.6°) ≈ 87 m on the ground.
    expect(d.cellSizeM).toBeGreaterThan(85);
    expect(d.cellSizeM).toBeLessThan(89);
    expect(d.totalPopulation).toBe(100);
  });

  it('reads a CGCS2000 Gauss-Krüger raster (EPSG:4545) with metre pixels', async () => {
    const gk =
      '+proj=tmerc +lat_0=0 +lon_0=108 +k=1 +x_0=500000 +y_0=0 +ellps=GRS80 +units=m +no_defs';
    const [x0, y0] = proj4('WGS84', gk, [106.5, 29.6]);
    const values = new Float32Array([1, 2, 3, 4]);
    const bytes = geoTiff({
      width: 2,
      height: 2,
      values,
      origin: [x0, y0],
      pixel: [100, 100],
      projected: 4545,
    });
    const result = await readGeoTiff('gk.tif', bytes, {});
    expect(result.detected.crs).toBe('EPSG:4545');
    const d = demandOf(result);
    const [lon, lat] = proj4(gk, 'WGS84', [x0 + 50, y0 - 50]);
    expect(Math.abs((d.lon[0] ?? 0) - lon) * 96_800).toBeLessThan(1);
    expect(Math.abs((d.lat[0] ?? 0) - lat) * 110_600).toBeLessThan(1);
    expect(d.cellSizeM).toBeGreaterThan(99.5);
    expect(d.cellSizeM).toBeLessThan(100.5);
  });

  it('refuses a plain TIFF without geo-referencing', async () => {
    const result = await readGeoTiff(
      'plain.tif',
      plainTiff(2, 2, new Float32Array([1, 2, 3, 4])),
      {},
    );
    expect(result.refused).toBe(true);
    expect(result.demand).toBeUndefined();
    expect(result.problems).toEqual([
      expect.objectContaining({
        code: 'geotiff-no-georeference',
        severity: 'error',
        where: 'plain.tif',
      }),
    ]);
  });

  it('refuses an unsupported EPSG code, naming it', async () => {
    const bytes = geoTiff({
      width: 2,
      height: 2,
      values: new Float32Array([1, 2, 3, 4]),
      origin: [600000, 3300000],
      pixel: [100, 100],
      projected: 32648, // UTM 48N
    });
    const result = await readGeoTiff('utm.tif', bytes, {});
    expect(result.refused).toBe(true);
    expect(result.problems[0]?.code).toBe('crs-unsupported');
    expect(result.problems[0]?.message).toContain('EPSG:32648');
  });

  it('refuses a user-defined CRS (e.g. GHS-POP Mollweide) with crs-unsupported', async () => {
    const bytes = geoTiff({
      width: 2,
      height: 2,
      values: new Float32Array([1, 2, 3, 4]),
      origin: [10_000_000, 3_500_000],
      pixel: [100, 100],
      projected: 32767,
    });
    const result = await readGeoTiff('moll.tif', bytes, {});
    expect(result.refused).toBe(true);
    expect(result.problems[0]?.code).toBe('crs-unsupported');
    expect(result.problems[0]?.message).toMatch(/Mollweide/);
  });

  it('lets a chosen CRS override the GeoKeys', async () => {
    const [x0, y0] = merc(106.5, 29.6);
    const bytes = geoTiff({
      width: 1,
      height: 1,
      values: new Float32Array([5]),
      origin: [x0, y0],
      pixel: [100, 100],
      projected: 32648,
    });
    const result = await readGeoTiff('u.tif', bytes, { crs: 'EPSG:3857' });
    expect(result.detected).toMatchObject({ crs: 'EPSG:3857', crsSource: 'chosen' });
    expect(demandOf(result).lon[0]).toBeCloseTo(unmerc(x0 + 50, y0 - 50)[0], 7);
  });

  it('refuses a raster over maxRasterPixels before reading pixels', async () => {
    const bytes = geoTiff({
      width: 10,
      height: 10,
      values: new Float32Array(100).fill(1),
      origin: [106.5, 29.6],
      pixel: [0.001, 0.001],
    });
    const result = await readGeoTiff('big.tif', bytes, {}, undefined, {
      ...IMPORT_LIMITS,
      maxRasterPixels: 99,
    });
    expect(result.refused).toBe(true);
    expect(result.problems[0]?.code).toBe('file-too-large');
    expect(result.problems[0]?.message).toContain('10 × 10 = 100');
  });

  it('refuses a 25 M-cell raster before decoding, stating the limit and its size in cells', async () => {
    // Declares 5,000 × 5,000 float pixels in a few hundred bytes (a 98 KB deflated file of
    // 25 M cells took 79 s and 2.3 GB): refused from the header alone.
    const result = await readGeoTiff('huge.tif', hugeDeclaredTiff(5000, 5000), {});
    expect(result.refused).toBe(true);
    const p = result.problems[0];
    expect(p?.code).toBe('file-too-large');
    expect(p?.message).toContain('at most 4,000,000 cells');
    expect(p?.message).toContain('5,000 × 5,000 = 25,000,000 cells; nothing was decoded');
    expect(p?.message_zh).toContain('最多 4,000,000 个像元');
  });

  it('skips pixels of implausible population (3.4e38) and says so, instead of summing them', async () => {
    const bytes = geoTiff({
      width: 2,
      height: 2,
      values: new Float32Array([100, 3.4e38, 3.4e38, 50]),
      origin: [106.5, 29.6],
      pixel: [0.001, 0.001],
    });
    const result = await readGeoTiff('fmax.tif', bytes, {});
    expect(result.refused).toBe(false);
    expect(demandOf(result).totalPopulation).toBe(150);
    expect(demandOf(result).population).toHaveLength(2);
    const p = result.problems.find((q) => q.code === 'implausible-population');
    expect(p?.severity).toBe('warning');
    expect(p?.message).toContain(
      'found 2 pixels above that (the first at row 1, column 2: 3.4e+38',
    );
    expect(p?.message_zh).toContain('实际有 2 个像元超过此限');
  });

  it(`skips a pixel denser than ${MAX_POPULATION_PER_KM2.toLocaleString('en-US')} per km²`, async () => {
    // 100 m pixels (about 0.0097 km² at 29.6° N): 30,000 people is about 3.1 M per km².
    const bytes = geoTiff({
      width: 2,
      height: 1,
      values: new Float32Array([30_000, 3_000]),
      origin: [106.5, 29.6],
      pixel: [0.001, 0.0009],
    });
    const result = await readGeoTiff('dense.tif', bytes, {});
    expect(demandOf(result).totalPopulation).toBe(3_000);
    expect(result.problems.map((q) => q.code)).toEqual(['implausible-population']);
  });

  it('refuses bytes that are not a TIFF', async () => {
    const result = await readGeoTiff('x.tif', new TextEncoder().encode('hello, not a tiff'), {});
    expect(result.refused).toBe(true);
    expect(result.problems[0]?.code).toBe('geotiff-unreadable');
  });

  it('warns about RGB imagery but reads band 1', async () => {
    const values = new Uint8Array(2 * 2 * 3).fill(9);
    const bytes = geoTiff({
      width: 2,
      height: 2,
      values,
      origin: [106.5, 29.6],
      pixel: [0.001, 0.001],
      bands: 3,
    });
    const result = await readGeoTiff('photo.tif', bytes, {});
    expect(result.refused).toBe(false);
    const w = result.problems.find(
      (p) => p.severity === 'warning' && p.code === 'geotiff-unreadable',
    );
    expect(w?.message).toContain('3 bands');
    expect(demandOf(result).totalPopulation).toBe(36);
  });

  it('warns when no pixel is populated', async () => {
    const bytes = geoTiff({
      width: 2,
      height: 1,
      values: new Float32Array([0, -99999]),
      origin: [106.5, 29.6],
      pixel: [0.001, 0.001],
      nodata: '-99999',
    });
    const result = await readGeoTiff('empty.tif', bytes, {});
    expect(demandOf(result).totalPopulation).toBe(0);
    expect(result.problems.map((p) => p.code)).toEqual(['empty-file']);
  });

  it('warns when the population is far from Chongqing', async () => {
    const bytes = geoTiff({
      width: 1,
      height: 1,
      values: new Float32Array([5]),
      origin: [2.35, 48.85],
      pixel: [0.001, 0.001],
    });
    const result = await readGeoTiff('paris.tif', bytes, {});
    expect(result.problems.map((p) => p.code)).toEqual(['far-from-chongqing']);
  });

  it('reports progress by rows and does not mutate its input', async () => {
    const { bytes } = worldPopLike();
    const copy = bytes.slice();
    const fractions: number[] = [];
    await readGeoTiff('w.tif', bytes, {}, (p) => {
      if (p.phase === 'parsing') fractions.push(p.fraction);
    });
    expect(fractions.at(-1)).toBe(1);
    expect(bytes).toEqual(copy);
  });
});
