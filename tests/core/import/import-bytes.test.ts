import { zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import {
  detectFormat,
  importBytes,
  MAX_FILE_NAME_CHARS,
} from '../../../src/core/import/import-bytes';
import type { ImportProgress } from '../../../src/core/import/import-types';
import { IMPORT_LIMITS } from '../../../src/core/import/limits';
import { codes, expectWellFormed, only, utf8 } from './helpers';

const POINT_GEOJSON =
  '{"type":"Feature","geometry":{"type":"Point","coordinates":[106.5,29.5]},"properties":{"name":"A"}}';
const KML =
  '<kml><Document><Placemark><name>K</name><Point><coordinates>106.5,29.5</coordinates></Point></Placemark></Document></kml>';

describe('importBytes: refusing whole files', () => {
  it('refuses a file over the size limit before reading it', async () => {
    const r = await importBytes('big.csv', new Uint8Array(2048), {}, undefined, {
      limits: { maxFileBytes: 1024 },
    });
    expect(r.refused).toBe(true);
    expect(r.features).toEqual([]);
    expect(r.detected.format).toBe('csv');
    const p = only(r.problems, 'file-too-large');
    expect(p.message).toContain('at most 0.0 MiB, found 0.0 MiB');
    expectWellFormed(r.problems);
    expect(IMPORT_LIMITS.maxFileBytes).toBe(200 * 1024 * 1024);
  });

  it('refuses empty and blank files', async () => {
    const empty = await importBytes('a.geojson', new Uint8Array(0));
    expect(empty.refused).toBe(true);
    expect(only(empty.problems, 'empty-file').message).toContain('0 bytes');
    const blank = await importBytes('a.csv', utf8(' \n\r\n\t'));
    expect(codes(blank.problems)).toEqual(['empty-file']);
    expectWellFormed([...empty.problems, ...blank.problems]);
  });

  it('refuses an unknown format, naming the extensions accepted', async () => {
    const r = await importBytes('drawing.dwg', utf8('AC1027 binary stuff'));
    expect(r.refused).toBe(true);
    const p = only(r.problems, 'unknown-format');
    expect(p.message).toContain('.geojson, .json, .csv');
    expect(p.message).toContain('.kmz');
    expectWellFormed(r.problems);
  });
});

describe('importBytes: choosing the reader', () => {
  it('goes by extension for text formats and reports them honestly', async () => {
    const geo = await importBytes('a.json', utf8(POINT_GEOJSON));
    expect(geo.detected.format).toBe('geojson');
    expect(geo.features).toHaveLength(1);
    const csv = await importBytes('a.txt', utf8('lon,lat\n106.5,29.5\n'));
    expect(csv.detected).toMatchObject({ format: 'csv', xColumn: 'lon' });
    const tsv = await importBytes('a.tab', utf8('lon\tlat\n106.5\t29.5\n'));
    expect(tsv.detected.format).toBe('tsv');
    expect(tsv.features).toHaveLength(1);
    const kml = await importBytes('a.KML', utf8(KML));
    expect(kml.detected.format).toBe('kml');
    expect(kml.features[0]?.properties['name']).toBe('K');
  });

  it('sniffs text when the extension says nothing', async () => {
    expect(detectFormat('export', utf8('\n  {"type":"FeatureCollection"}'))).toBe('geojson');
    expect(detectFormat('export', utf8('<?xml version="1.0"?><kml/>'))).toBe('kml');
    expect((await importBytes('download', utf8(KML))).features).toHaveLength(1);
  });

  it('goes by magic bytes for zips and TIFFs whatever the name', () => {
    expect(detectFormat('data.geojson', new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0]))).toBe(
      'shapefile-zip',
    );
    expect(detectFormat('data.kmz', new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0]))).toBe('kmz');
    expect(detectFormat('pop.bin', new Uint8Array([0x49, 0x49, 0x2a, 0x00]))).toBe('geotiff');
    expect(detectFormat('pop.bin', new Uint8Array([0x4d, 0x4d, 0x00, 0x2a]))).toBe('geotiff');
  });

  it('hands zips to the shapefile reader and TIFFs to the GeoTIFF reader', async () => {
    const zip = zipSync({ 'readme.txt': utf8('no shapefile here') });
    const shp = await importBytes('layer.zip', zip);
    expect(shp.detected.format).toBe('shapefile-zip');
    expect(shp.refused).toBe(true);
    const tiff = await importBytes(
      'pop.tif',
      new Uint8Array([0x49, 0x49, 0x2a, 0x00, 1, 2, 3, 4, 5, 6]),
    );
    expect(tiff.detected.format).toBe('geotiff');
    expect(tiff.refused).toBe(true);
  });

  it('reads a KMZ (zip holding doc.kml)', async () => {
    const kmz = zipSync({ 'files/icon.png': new Uint8Array([1, 2, 3]), 'doc.kml': utf8(KML) });
    const r = await importBytes('places.kmz', kmz);
    expect(r.refused).toBe(false);
    expect(r.detected.format).toBe('kml');
    expect(r.features.map((f) => f.properties['name'])).toEqual(['K']);
    const none = await importBytes('empty.kmz', zipSync({ 'a.txt': utf8('x') }));
    expect(codes(none.problems)).toEqual(['no-placemarks']);
  });

  it('uses the chosen encoding and CRS', async () => {
    const gbkBytes = new Uint8Array([
      0xc3, 0xfb, 0xb3, 0xc6, 0x2c, 0x6c, 0x6f, 0x6e, 0x2c, 0x6c, 0x61, 0x74, 0x0a, 0xd6, 0xd8,
      0xc7, 0xec, 0x2c, 0x31, 0x30, 0x36, 0x2e, 0x35, 0x2c, 0x32, 0x39, 0x2e, 0x35,
    ]);
    const auto = await importBytes('a.csv', gbkBytes);
    expect(auto.detected.encoding).toBe('gb18030');
    expect(auto.features[0]?.properties['名称']).toBe('重庆');
    const forced = await importBytes('a.csv', gbkBytes, { encoding: 'utf-8' });
    expect(codes(forced.problems)).toContain('encoding-replacement');
    const chosen = await importBytes('a.csv', utf8('x,y\n500000,3270000\n'), { crs: 'EPSG:4545' });
    expect(chosen.detected).toMatchObject({ crs: 'EPSG:4545', crsSource: 'chosen' });
    expect(chosen.problems).toEqual([]);
  });

  it('reports progress through reading, decoding, parsing and validating, and leaves the bytes alone', async () => {
    const bytes = utf8('lon,lat\n106.5,29.5\n');
    const before = Array.from(bytes);
    const phases: ImportProgress['phase'][] = [];
    await importBytes('a.csv', bytes, {}, (p) => {
      if (phases.at(-1) !== p.phase) phases.push(p.phase);
    });
    expect(phases).toEqual(['reading', 'decoding', 'parsing', 'validating']);
    expect(Array.from(bytes)).toEqual(before);
  });
});

describe('long file names', () => {
  it('are shortened in reports, keeping the extension', async () => {
    const name = `${'<img src=x onerror=alert(1)>'.repeat(20)}.csv`;
    const result = await importBytes(name, new TextEncoder().encode('a,b\n1,2\n'));
    expect(Array.from(result.fileName).length).toBe(MAX_FILE_NAME_CHARS);
    expect(result.fileName.endsWith('….csv')).toBe(true);
    for (const found of result.problems) expect(found.where.length).toBeLessThan(200);
  });
});
