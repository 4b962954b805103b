import { describe, expect, it } from 'vitest';
import { fromWgs84 } from '../../../src/core/crs';
import { decodeText } from '../../../src/core/import/decode-text';
import { parseGeoJsonText, readGeoJson } from '../../../src/core/import/geojson';
import type { ImportOptions, ImportResult } from '../../../src/core/import/import-types';
import { codes, expectWellFormed, only, utf8 } from './helpers';

function geojson(text: string, options: ImportOptions = {}, name = 'shops.geojson'): ImportResult {
  const result = readGeoJson(name, decodeText(utf8(text), 'auto', name), options);
  expectWellFormed(result.problems);
  return result;
}

const point = (lon: number, lat: number, properties: object = {}): object => ({
  type: 'Feature',
  geometry: { type: 'Point', coordinates: [lon, lat] },
  properties,
});

describe('readGeoJson: shapes of GeoJSON', () => {
  it('reads a FeatureCollection, one Feature, a bare geometry and an array of features', () => {
    const fc = geojson(
      JSON.stringify({ type: 'FeatureCollection', features: [point(106.5, 29.5, { name: 'A' })] }),
    );
    expect(fc.features).toEqual([point(106.5, 29.5, { name: 'A' })]);
    expect(fc.detected).toEqual({
      format: 'geojson',
      encoding: 'utf-8',
      crs: 'EPSG:4326',
      crsSource: 'assumed',
    });
    expect(geojson(JSON.stringify(point(106.5, 29.5))).features).toHaveLength(1);
    expect(geojson('{"type":"Point","coordinates":[106.5,29.5]}').features).toEqual([
      point(106.5, 29.5),
    ]);
    expect(geojson(JSON.stringify([point(106.5, 29.5), point(106.6, 29.6)])).features).toHaveLength(
      2,
    );
  });

  it('keeps the feature id', () => {
    const r = geojson(JSON.stringify({ ...point(106.5, 29.5), id: 'shop-1' }));
    expect(r.features[0]?.id).toBe('shop-1');
  });

  it('refuses invalid JSON and says where the error is', () => {
    const r = geojson('{\n  "type": "FeatureCollection",\n  "features": [,]\n}');
    expect(r.refused).toBe(true);
    const p = only(r.problems, 'invalid-json');
    expect(p.message).toMatch(/at line 3, column \d+/);
    expect(p.message_zh).toMatch(/第 3 行第 \d+ 列/);
    expect(only(geojson('{"type":').problems, 'invalid-json').message).toContain('line 1');
  });

  it('refuses JSON that is not GeoJSON', () => {
    const r = geojson('{"type":"Topology","objects":{}}');
    expect(r.refused).toBe(true);
    expect(only(r.problems, 'not-geojson').message).toContain('the string "Topology"');
    expect(only(geojson('{"type":"FeatureCollection"}').problems, 'not-geojson').message).toContain(
      '"features" array',
    );
    expect(codes(geojson('42').problems)).toEqual(['not-geojson']);
  });
});

describe('readGeoJson: coordinate systems', () => {
  const metres = fromWgs84('EPSG:4546')([106.55, 29.56]);
  const withCrs = (name: string): string =>
    JSON.stringify({
      type: 'FeatureCollection',
      crs: { type: 'name', properties: { name } },
      features: [point(metres[0] ?? 0, metres[1] ?? 0, { name: '解放碑' }), point(500000, 3265000)],
    });

  it('converts EPSG:4546 (CGCS2000 3° Gauss-Krüger, central meridian 111°E) to WGS 84', () => {
    const r = geojson(withCrs('urn:ogc:def:crs:EPSG::4546'));
    expect(r.detected).toMatchObject({ crs: 'EPSG:4546', crsSource: 'file' });
    expect(r.problems).toEqual([]);
    const [lon, lat] = (r.features[0]?.geometry as { coordinates: number[] }).coordinates;
    expect(lon).toBeCloseTo(106.55, 7);
    expect(lat).toBeCloseTo(29.56, 7);
    // x = 500 000 (the false easting) is on the central meridian, 111°E.
    const [lon2, lat2] = (r.features[1]?.geometry as { coordinates: number[] }).coordinates;
    expect(lon2).toBeCloseTo(111, 9);
    expect(lat2).toBeGreaterThan(29.4);
    expect(lat2).toBeLessThan(29.6);
    expect(metres[1]).toBeGreaterThan(3_000_000); // the fixture really is in metres
  });

  it('lets a chosen CRS override the crs member', () => {
    const r = geojson(withCrs('EPSG:4326'), { crs: 'EPSG:4546' });
    expect(r.detected).toMatchObject({ crs: 'EPSG:4546', crsSource: 'chosen' });
    expect(r.features).toHaveLength(2);
  });

  it('refuses a crs member it cannot convert, unless a CRS is chosen', () => {
    const r = geojson(withCrs('EPSG:32648'));
    expect(r.refused).toBe(true);
    const p = only(r.problems, 'crs-unsupported');
    expect(p.message).toContain('EPSG:32648');
    expect(p.message).toContain('choose its coordinate system');
    expect(codes(geojson(withCrs('nonsense')).problems)).toEqual(['crs-unknown']);
    expect(geojson(withCrs('EPSG:32648'), { crs: 'EPSG:4546' }).refused).toBe(false);
  });
});

describe('readGeoJson: hostile content', () => {
  it('keeps hostile strings verbatim as data', () => {
    const values = [
      '<script>alert(1)</script>',
      '=cmd|"/c calc"!A1',
      "'; DROP TABLE shops; --",
      '{{constructor}}',
    ];
    const r = geojson(
      JSON.stringify([
        point(106.5, 29.5, { a: values[0], b: values[1], c: values[2], d: values[3] }),
      ]),
    );
    expect(Object.values(r.features[0]?.properties ?? {})).toEqual(values);
  });

  it('drops __proto__ and constructor keys with a warning and leaves Object.prototype untouched', () => {
    const text =
      '{"type":"FeatureCollection","features":[{"type":"Feature","geometry":{"type":"Point","coordinates":[106.5,29.5]},' +
      '"properties":{"name":"A","__proto__":{"polluted":"yes"},"nested":{"constructor":{"prototype":{"bad":1}},"ok":1}}}]}';
    const r = geojson(text);
    const p = only(r.problems, 'prototype-key');
    expect(p).toMatchObject({ severity: 'warning', where: 'shops.geojson' });
    expect(p.message).toContain('found 3');
    expect(r.features[0]?.properties).toEqual({ name: 'A', nested: { ok: 1 } });
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
    expect(Object.getPrototypeOf(r.features[0]?.properties)).toBe(Object.prototype);
  });
});

describe('parseGeoJsonText', () => {
  it('takes the fast path only when no forbidden key can be spelled', () => {
    expect(parseGeoJsonText('{"a":{"b":[1,"x"]}}')).toMatchObject({
      value: { a: { b: [1, 'x'] } },
      droppedKeys: 0,
    });
    // An escaped key spelling __proto__ must still be dropped.
    const escaped = parseGeoJsonText('{"\\u005f_proto__":{"polluted":1},"ok":"\\u4e2d"}');
    expect(escaped).toMatchObject({ value: { ok: '中' }, droppedKeys: 1 });
    expect(parseGeoJsonText('{"constructor":1}')).toMatchObject({ value: {}, droppedKeys: 1 });
  });
});

describe('readGeoJson: repeated keys', () => {
  it('reports a key repeated in one object instead of silently keeping the last value', () => {
    const text =
      '{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"population":900,"population":100},"geometry":{"type":"Point","coordinates":[106.5,29.5]}}]}';
    const result = geojson(text);
    expect(result.features[0]?.properties).toEqual({ population: 100 });
    const p = result.problems.find((q) => q.code === 'duplicate-key');
    expect(p).toMatchObject({ severity: 'warning', where: 'shops.geojson' });
    expect(p?.message).toContain(
      'found 1 repeated key (the first, "population", at line 1, column',
    );
    expect(p?.message_zh).toContain('实际有 1 个重复的键（第一个为 "population"');
  });
});
