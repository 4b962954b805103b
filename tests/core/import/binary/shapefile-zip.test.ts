// @vitest-environment node
import proj4 from 'proj4';
import type { Feature, Position } from 'geojson';
import { describe, expect, it } from 'vitest';
import type { ImportResult } from '../../../../src/core/import/import-types';
import { IMPORT_LIMITS } from '../../../../src/core/import/limits';
import {
  encodingFromCpg,
  readShapefileZip,
  readShp,
} from '../../../../src/core/import/shapefile-zip';
import {
  PRJ_4523,
  PRJ_4545,
  PRJ_WGS84,
  PRJ_XIAN80,
  encodeGbk,
  writeDbf,
  writeShp,
  zip,
  type DbfField,
} from './fixtures/shapefile-writer';

const GK_108 =
  '+proj=tmerc +lat_0=0 +lon_0=108 +k=1 +x_0=500000 +y_0=0 +ellps=GRS80 +units=m +no_defs';
const GK_ZONE_35 =
  '+proj=tmerc +lat_0=0 +lon_0=105 +k=1 +x_0=35500000 +y_0=0 +ellps=GRS80 +units=m +no_defs';

const NAME: DbfField = { name: 'name', type: 'C', length: 20 };
const POP: DbfField = { name: 'pop', type: 'N', length: 10 };

/** Ground distance in metres between two lon/lat points (equirectangular, fine at this scale). */
function metres(a: Position, b: Position): number {
  const lat = (((a[1] as number) + (b[1] as number)) / 2) * (Math.PI / 180);
  const dx = ((b[0] as number) - (a[0] as number)) * 111_320 * Math.cos(lat);
  const dy = ((b[1] as number) - (a[1] as number)) * 110_574;
  return Math.hypot(dx, dy);
}

function codes(result: ImportResult): string[] {
  return result.problems.map((p) => `${p.severity}:${p.code}`);
}

function pointsZip(
  points: Position[],
  extra: Record<string, Uint8Array | string> = {},
  names: string[] = points.map((_, i) => `p${i}`),
): Uint8Array {
  const { shp, shx } = writeShp('point', points);
  return zip({
    'outlets.shp': shp,
    'outlets.shx': shx,
    'outlets.dbf': writeDbf(
      [NAME],
      names.map((n) => [n]),
    ),
    ...extra,
  });
}

function coords(f: Feature | undefined): Position {
  if (f?.geometry.type !== 'Point') throw new Error('expected a point');
  return f.geometry.coordinates;
}

describe('readShapefileZip: coordinate systems', () => {
  const places: Position[] = [
    [106.55, 29.56], // 解放碑
    [108.38, 30.81], // 万州
    [107.39, 29.7], // 涪陵
  ];

  it('converts Gauss-Krüger CM 108°E (EPSG:4545, no zone prefix) to lon/lat within 1 m', async () => {
    const projected = places.map((p) => proj4('WGS84', GK_108, p));
    const result = await readShapefileZip(
      'gk.zip',
      pointsZip(projected, { 'outlets.prj': PRJ_4545 }),
      {},
    );
    expect(result.refused).toBe(false);
    expect(result.detected).toMatchObject({
      format: 'shapefile-zip',
      crs: 'EPSG:4545',
      crsSource: 'file',
    });
    expect(result.features).toHaveLength(3);
    result.features.forEach((f, i) =>
      expect(metres(coords(f), places[i] as Position)).toBeLessThan(1),
    );
    expect(result.features[1]?.properties).toEqual({ name: 'p1' });
  });

  it('puts x = 500 000 m of EPSG:4545 exactly on the central meridian 108°E', async () => {
    const result = await readShapefileZip(
      'gk.zip',
      pointsZip([[500_000, 3_300_000]], { 'outlets.prj': PRJ_4545 }),
      {},
    );
    expect(coords(result.features[0])[0]).toBeCloseTo(108, 9);
  });

  it('converts Gauss-Krüger zone 35 with its prefix (EPSG:4523) within 1 m', async () => {
    const projected = places.map((p) => proj4('WGS84', GK_ZONE_35, p));
    expect(projected[0]?.[0]).toBeGreaterThan(35_000_000);
    const result = await readShapefileZip(
      'z35.zip',
      pointsZip(projected, { 'outlets.prj': PRJ_4523 }),
      {},
    );
    expect(result.detected.crs).toBe('EPSG:4523');
    result.features.forEach((f, i) =>
      expect(metres(coords(f), places[i] as Position)).toBeLessThan(1),
    );
    const onMeridian = await readShapefileZip(
      'z35.zip',
      pointsZip([[35_500_000, 3_300_000]], { 'outlets.prj': PRJ_4523 }),
      {},
    );
    expect(coords(onMeridian.features[0])[0]).toBeCloseTo(105, 9);
  });

  it('reads a WGS 84 .prj as degrees, unchanged', async () => {
    const result = await readShapefileZip(
      'w.zip',
      pointsZip(places, { 'outlets.prj': PRJ_WGS84 }),
      {},
    );
    expect(result.detected).toMatchObject({ crs: 'EPSG:4326', crsSource: 'file' });
    expect(coords(result.features[0])).toEqual([106.55, 29.56]);
    expect(codes(result)).toEqual([]);
  });

  it('assumes WGS 84 with a crs-assumed warning when the .prj is missing', async () => {
    const result = await readShapefileZip('noprj.zip', pointsZip(places), {});
    expect(result.refused).toBe(false);
    expect(result.detected).toMatchObject({ crs: 'EPSG:4326', crsSource: 'assumed' });
    const p = result.problems.find((x) => x.code === 'crs-assumed');
    expect(p?.severity).toBe('warning');
    expect(p?.where).toBe('noprj.zip › outlets.shp');
    expect(result.features).toHaveLength(3);
  });

  it('lets the chosen CRS override the .prj', async () => {
    const projected = places.map((p) => proj4('WGS84', GK_108, p));
    // The .prj wrongly says WGS 84; the user chose EPSG:4545.
    const result = await readShapefileZip(
      'gk.zip',
      pointsZip(projected, { 'outlets.prj': PRJ_WGS84 }),
      {
        crs: 'EPSG:4545',
      },
    );
    expect(result.detected).toMatchObject({ crs: 'EPSG:4545', crsSource: 'chosen' });
    expect(metres(coords(result.features[0]), places[0] as Position)).toBeLessThan(1);
    expect(codes(result)).not.toContain('warning:crs-assumed');
  });

  it('refuses a Xian 1980 .prj with crs-unsupported and the reason', async () => {
    const result = await readShapefileZip(
      'x80.zip',
      pointsZip([[500_000, 3_300_000]], { 'outlets.prj': PRJ_XIAN80 }),
      {},
    );
    expect(result.refused).toBe(true);
    expect(result.features).toEqual([]);
    const p = result.problems.find((x) => x.code === 'crs-unsupported');
    expect(p?.severity).toBe('error');
    expect(p?.where).toBe('x80.zip › outlets.prj');
    expect(p?.message).toMatch(/Xian 1980/);
  });
});

describe('readShapefileZip: geometry types', () => {
  it('reads polylines (single and multi-part)', async () => {
    const { shp, shx } = writeShp('polyline', [
      [
        [
          [106.5, 29.5],
          [106.6, 29.6],
        ],
      ],
      [
        [
          [106.5, 29.5],
          [106.51, 29.51],
        ],
        [
          [106.6, 29.6],
          [106.61, 29.62],
        ],
      ],
    ]);
    const result = await readShapefileZip(
      'roads.zip',
      zip({
        'roads.shp': shp,
        'roads.shx': shx,
        'roads.dbf': writeDbf([NAME], [['a'], ['b']]),
        'roads.prj': PRJ_WGS84,
      }),
      {},
    );
    expect(result.features.map((f) => f.geometry.type)).toEqual(['LineString', 'MultiLineString']);
    expect(result.features[0]?.geometry).toEqual({
      type: 'LineString',
      coordinates: [
        [106.5, 29.5],
        [106.6, 29.6],
      ],
    });
  });

  it('reads polygons with holes, outer rings counter-clockwise (RFC 7946)', async () => {
    // Shapefile order: outer clockwise, hole counter-clockwise.
    const outer: Position[] = [
      [106.5, 29.5],
      [106.5, 29.6],
      [106.6, 29.6],
      [106.6, 29.5],
      [106.5, 29.5],
    ];
    const hole: Position[] = [
      [106.52, 29.52],
      [106.58, 29.52],
      [106.58, 29.58],
      [106.52, 29.58],
      [106.52, 29.52],
    ];
    const other: Position[] = [
      [107, 29],
      [107, 29.1],
      [107.1, 29.1],
      [107.1, 29],
      [107, 29],
    ];
    const { shp, shx } = writeShp('polygon', [
      [outer, hole],
      [outer, other],
    ]);
    const result = await readShapefileZip(
      'areas.zip',
      zip({
        'areas.shp': shp,
        'areas.shx': shx,
        'areas.dbf': writeDbf([POP], [[10], [20]]),
        'areas.prj': PRJ_WGS84,
      }),
      {},
    );
    expect(result.features.map((f) => f.geometry.type)).toEqual(['Polygon', 'MultiPolygon']);
    const poly = result.features[0]?.geometry;
    if (poly?.type !== 'Polygon') throw new Error('polygon expected');
    expect(poly.coordinates).toHaveLength(2);
    expect(poly.coordinates[0]).toEqual(outer.slice().reverse());
    expect(poly.coordinates[1]).toEqual(hole.slice().reverse());
    expect(result.features[1]?.properties).toEqual({ pop: 20 });
  });

  it('reads multipoints and lists null shapes instead of dropping them', async () => {
    const { shp } = writeShp('multipoint', [
      [
        [106.5, 29.5],
        [106.6, 29.6],
      ],
      null,
    ]);
    const result = await readShapefileZip(
      'mp.zip',
      zip({ 'mp.shp': shp, 'mp.dbf': writeDbf([NAME], [['a'], ['b']]), 'mp.prj': PRJ_WGS84 }),
      {},
    );
    expect(result.features).toHaveLength(1);
    expect(result.features[0]?.geometry.type).toBe('MultiPoint');
    const nul = result.problems.find((p) => p.code === 'null-geometry');
    expect(nul?.where).toBe('mp.zip › mp.shp feature 1');
  });
});

describe('readShapefileZip: attributes and encodings', () => {
  const gbkNameField: DbfField = {
    name: 'mingcheng',
    type: 'C',
    length: 20,
    nameBytes: encodeGbk('名称'),
  };

  it('the test GBK table matches the GB18030 decoder', () => {
    expect(new TextDecoder('gb18030').decode(encodeGbk('重庆渝中区超市名称'))).toBe(
      '重庆渝中区超市名称',
    );
  });

  it('reads a GBK .dbf named by a .cpg without an encoding warning', async () => {
    const dbf = writeDbf(
      [gbkNameField, POP],
      [
        ['重庆超市', 12],
        ['渝中区', 3],
      ],
      encodeGbk,
    );
    const result = await readShapefileZip(
      'gbk.zip',
      pointsZip(
        [
          [106.5, 29.5],
          [106.6, 29.6],
        ],
        { 'outlets.dbf': dbf, 'outlets.cpg': 'GBK', 'outlets.prj': PRJ_WGS84 },
      ),
      {},
    );
    expect(result.features.map((f) => f.properties)).toEqual([
      { 名称: '重庆超市', pop: 12 },
      { 名称: '渝中区', pop: 3 },
    ]);
    expect(result.detected.encoding).toBe('gb18030');
    expect(codes(result)).toEqual([]);
  });

  it('detects a GBK .dbf without a .cpg and warns encoding-gb18030', async () => {
    const dbf = writeDbf([NAME], [['重庆超市'], ['渝中区']], encodeGbk);
    const result = await readShapefileZip(
      'gbk.zip',
      pointsZip(
        [
          [106.5, 29.5],
          [106.6, 29.6],
        ],
        { 'outlets.dbf': dbf, 'outlets.prj': PRJ_WGS84 },
      ),
      {},
    );
    expect(result.features.map((f) => f.properties['name'])).toEqual(['重庆超市', '渝中区']);
    expect(result.detected.encoding).toBe('gb18030');
    const p = result.problems.find((x) => x.code === 'encoding-gb18030');
    expect(p).toMatchObject({ severity: 'warning', where: 'gbk.zip › outlets.dbf' });
  });

  it('reads UTF-8 text without a .cpg as UTF-8', async () => {
    const dbf = writeDbf([NAME], [['重庆超市']]);
    const result = await readShapefileZip(
      'u.zip',
      pointsZip([[106.5, 29.5]], { 'outlets.dbf': dbf, 'outlets.prj': PRJ_WGS84 }),
      {},
    );
    expect(result.features[0]?.properties['name']).toBe('重庆超市');
    expect(result.detected.encoding).toBe('utf-8');
    expect(codes(result)).toEqual([]);
  });

  it('lets options.encoding override the detection', async () => {
    const dbf = writeDbf([NAME], [['重庆超市']], encodeGbk);
    const result = await readShapefileZip(
      'u.zip',
      pointsZip([[106.5, 29.5]], { 'outlets.dbf': dbf, 'outlets.prj': PRJ_WGS84 }),
      { encoding: 'utf-8' },
    );
    expect(result.detected.encoding).toBe('utf-8');
    expect(codes(result)).toContain('warning:encoding-replacement');
  });

  it('maps .cpg names to encodings', () => {
    expect(encodingFromCpg('UTF-8\r\n')).toBe('utf-8');
    expect(encodingFromCpg('65001')).toBe('utf-8');
    expect(encodingFromCpg('936')).toBe('gb18030');
    expect(encodingFromCpg('ANSI 936')).toBe('gb18030');
    expect(encodingFromCpg('GB2312')).toBe('gb18030');
    expect(encodingFromCpg('cp936')).toBe('gb18030');
    expect(encodingFromCpg('1252')).toBeNull();
  });

  it('imports shapes without attributes and warns when the .dbf is missing', async () => {
    const { shp } = writeShp('point', [[106.5, 29.5]]);
    const result = await readShapefileZip(
      'nodbf.zip',
      zip({ 'a.shp': shp, 'a.prj': PRJ_WGS84 }),
      {},
    );
    expect(result.refused).toBe(false);
    expect(result.features).toHaveLength(1);
    expect(result.features[0]?.properties).toEqual({});
    expect(result.detected.encoding).toBeNull();
    expect(result.problems).toEqual([
      expect.objectContaining({
        code: 'shapefile-missing-part',
        severity: 'warning',
        where: 'nodbf.zip › a.shp',
      }),
    ]);
  });

  it('leaves records marked deleted out, with one warning', async () => {
    const { shp } = writeShp('point', [
      [106.5, 29.5],
      [106.6, 29.6],
      [106.7, 29.7],
    ]);
    const dbf = writeDbf([NAME], [['a'], ['b'], ['c']], undefined, new Set([1]));
    const result = await readShapefileZip(
      'd.zip',
      zip({ 'a.shp': shp, 'a.dbf': dbf, 'a.prj': PRJ_WGS84 }),
      {},
    );
    expect(result.features.map((f) => f.properties['name'])).toEqual(['a', 'c']);
    expect(result.problems.filter((p) => /deleted/.test(p.message))).toHaveLength(1);
  });

  it('never lets a field named __proto__ reach a prototype', async () => {
    const field: DbfField = { name: '__proto__', type: 'C', length: 10 };
    const { shp } = writeShp('point', [[106.5, 29.5]]);
    const result = await readShapefileZip(
      'p.zip',
      zip({ 'a.shp': shp, 'a.dbf': writeDbf([field, NAME], [['x', 'ok']]), 'a.prj': PRJ_WGS84 }),
      {},
    );
    const props = result.features[0]?.properties ?? {};
    expect(Object.getPrototypeOf(props)).toBe(Object.prototype);
    expect(Object.hasOwn(props, '__proto__')).toBe(false);
    expect(props['name']).toBe('ok');
    expect(codes(result)).toContain('warning:prototype-key');
  });

  it('reads every shapefile in a zip, tagging features with _layer', async () => {
    const a = writeShp('point', [[106.5, 29.5]]);
    const b = writeShp('point', [
      [106.6, 29.6],
      [106.7, 29.7],
    ]);
    const result = await readShapefileZip(
      'two.zip',
      zip({
        'data/shops.shp': a.shp,
        'data/shops.dbf': writeDbf([NAME], [['s']]),
        'data/shops.prj': PRJ_WGS84,
        'data/markets.SHP': b.shp,
        'data/markets.DBF': writeDbf([NAME], [['m1'], ['m2']]),
        'data/markets.prj': PRJ_WGS84,
      }),
      {},
    );
    expect(result.features.map((f) => [f.properties['_layer'], f.properties['name']])).toEqual([
      ['markets', 'm1'],
      ['markets', 'm2'],
      ['shops', 's'],
    ]);
  });
});

describe('readShapefileZip: broken input', () => {
  it('refuses a zip without a .shp (shapefile-missing-part)', async () => {
    const result = await readShapefileZip(
      'x.zip',
      zip({ 'a.dbf': writeDbf([NAME], [['a']]), 'a.prj': PRJ_WGS84 }),
      {},
    );
    expect(result.refused).toBe(true);
    expect(result.problems).toEqual([
      expect.objectContaining({
        code: 'shapefile-missing-part',
        severity: 'error',
        where: 'x.zip',
      }),
    ]);
    expect(result.problems[0]?.message).toContain('"a.dbf"');
  });

  it('refuses a zip holding no shapefile at all', async () => {
    const result = await readShapefileZip(
      'x.zip',
      zip({ 'readme.txt': 'hi', 'inner.zip': new Uint8Array([1]) }),
      {},
    );
    expect(result.refused).toBe(true);
    expect(result.problems[0]?.code).toBe('shapefile-missing-part');
  });

  it('passes zip refusals through (garbage bytes)', async () => {
    const result = await readShapefileZip(
      'x.zip',
      new TextEncoder().encode('not a zip at all, really'),
      {},
    );
    expect(result).toMatchObject({ refused: true, features: [] });
    expect(result.problems[0]?.code).toBe('unreadable');
  });

  it('refuses a .shp that is not a shapefile', async () => {
    const result = await readShapefileZip(
      'x.zip',
      zip({ 'a.shp': new Uint8Array(200).fill(7), 'a.prj': PRJ_WGS84 }),
      {},
    );
    expect(result.refused).toBe(true);
    expect(result.problems.map((p) => p.code)).toContain('shapefile-corrupt');
  });

  it('reports a damaged record by its feature index and keeps the others', async () => {
    const { shp } = writeShp('polygon', [
      [
        [
          [106.5, 29.5],
          [106.5, 29.6],
          [106.6, 29.6],
          [106.5, 29.5],
        ],
      ],
      [
        [
          [106.5, 29.5],
          [106.5, 29.6],
          [106.6, 29.6],
          [106.5, 29.5],
        ],
      ],
      [
        [
          [106.7, 29.5],
          [106.7, 29.6],
          [106.8, 29.6],
          [106.7, 29.5],
        ],
      ],
    ]);
    const broken = shp.slice();
    const recordLength = 8 + 44 + 4 + 16 * 4;
    // Record 1's numParts (at content offset 36) becomes -3.
    new DataView(broken.buffer).setInt32(100 + recordLength + 8 + 36, -3, true);
    const result = await readShapefileZip(
      'c.zip',
      zip({
        'a.shp': broken,
        'a.dbf': writeDbf([NAME], [['a'], ['b'], ['c']]),
        'a.prj': PRJ_WGS84,
      }),
      {},
    );
    expect(result.refused).toBe(false);
    expect(result.features.map((f) => f.properties['name'])).toEqual(['a', 'c']);
    const p = result.problems.find((x) => x.code === 'shapefile-corrupt');
    expect(p).toMatchObject({ severity: 'error', where: 'c.zip › a.shp feature 1' });
  });

  it('reports a truncated .shp: the records read are kept, the rest named', async () => {
    const { shp } = writeShp('point', [
      [106.5, 29.5],
      [106.6, 29.6],
      [106.7, 29.7],
    ]);
    const cut = shp.subarray(0, shp.length - 10);
    const result = await readShapefileZip(
      't.zip',
      zip({ 'a.shp': cut, 'a.dbf': writeDbf([NAME], [['a'], ['b'], ['c']]), 'a.prj': PRJ_WGS84 }),
      {},
    );
    expect(result.features).toHaveLength(2);
    const p = result.problems.find((x) => x.code === 'shapefile-corrupt');
    expect(p?.where).toBe('t.zip › a.shp feature 2');
    expect(p?.message).toMatch(/could not be read/);
  });

  it('readShp never throws on random bytes after a valid header', () => {
    const { shp } = writeShp('polygon', [
      [
        [
          [0, 0],
          [0, 1],
          [1, 1],
          [0, 0],
        ],
      ],
    ]);
    for (let seed = 1; seed < 200; seed++) {
      const bytes = shp.slice();
      for (let i = 100; i < bytes.length; i++) bytes[i] = (seed * 7919 * i) % 256;
      const result = readShp('x', bytes);
      expect(result).toBeDefined();
    }
  });

  it('does not mutate the input bytes', async () => {
    const bytes = pointsZip([[106.5, 29.5]], { 'outlets.prj': PRJ_WGS84 });
    const copy = bytes.slice();
    await readShapefileZip('x.zip', bytes, {});
    expect(bytes).toEqual(copy);
  });

  it('reports progress', async () => {
    const seen: string[] = [];
    await readShapefileZip(
      'x.zip',
      pointsZip([[106.5, 29.5]], { 'outlets.prj': PRJ_WGS84 }),
      {},
      (p) => seen.push(p.phase),
    );
    expect(seen).toContain('reading');
    expect(seen).toContain('parsing');
  });
});

describe('readShp', () => {
  it('stops at the declared file length when the rest is zero padding', () => {
    const { shp } = writeShp('point', [[106.5, 29.5]]);
    const padded = new Uint8Array(shp.length + 64);
    padded.set(shp);
    const result = readShp('a.shp', padded);
    if ('fatal' in result) throw new Error(result.fatal.message);
    expect(result.records).toHaveLength(1);
    expect(result.problems).toEqual([]);
  });
});

describe('readShapefileZip: limits', () => {
  it('refuses more records than maxFeatures while reading the .shp', async () => {
    const { shp } = writeShp('point', [
      [106.5, 29.5],
      [106.6, 29.6],
      [106.7, 29.7],
    ]);
    const result = await readShapefileZip(
      'many.zip',
      zip({ 'a.shp': shp, 'a.prj': PRJ_WGS84 }),
      {},
      undefined,
      { ...IMPORT_LIMITS, maxFeatures: 2 },
    );
    expect(result.refused).toBe(true);
    expect(result.problems.map((p) => p.code)).toContain('too-many-features');
  });
});
