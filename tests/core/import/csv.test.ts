import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { readCsv } from '../../../src/core/import/csv';
import { decodeText } from '../../../src/core/import/decode-text';
import type { ImportOptions, ImportResult } from '../../../src/core/import/import-types';
import { codes, expectWellFormed, only, utf8 } from './helpers';

const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), 'fixtures');

function csv(
  text: string,
  options: ImportOptions = {},
  format: 'csv' | 'tsv' = 'csv',
  name = 'outlets.csv',
): ImportResult {
  const result = readCsv(name, decodeText(utf8(text), 'auto', name), options, format);
  expectWellFormed(result.problems);
  return result;
}

const coords = (r: ImportResult): unknown[] => r.features.map((f) => f.geometry);

describe('readCsv: columns', () => {
  it('finds lon/lat columns case-insensitively and keeps every column as a text property', () => {
    const r = csv('Name,LON,Lat,code\n解放碑,106.5771,29.5571,007\n');
    expect(r.refused).toBe(false);
    expect(r.detected).toMatchObject({
      format: 'csv',
      encoding: 'utf-8',
      crs: 'EPSG:4326',
      crsSource: 'assumed',
      columns: ['Name', 'LON', 'Lat', 'code'],
      xColumn: 'LON',
      yColumn: 'Lat',
    });
    expect(r.features).toEqual([
      {
        type: 'Feature',
        geometry: { type: 'Point', coordinates: [106.5771, 29.5571] },
        properties: { Name: '解放碑', LON: '106.5771', Lat: '29.5571', code: '007' },
      },
    ]);
    expect(r.problems).toEqual([]);
  });

  it('reads the first column of a UTF-8 file with a BOM (Excel "CSV UTF-8")', () => {
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...utf8('经度,纬度,名称\n106.5,29.5,A\n')]);
    const r = readCsv('bom.csv', decodeText(bytes, 'auto'), {}, 'csv');
    expect(r.detected).toMatchObject({
      encoding: 'utf-8-bom',
      xColumn: '经度',
      columns: ['经度', '纬度', '名称'],
    });
    expect(r.features).toHaveLength(1);
  });

  it('reads Chinese column names, semicolons and TSV', () => {
    const zh = csv('名称;经度;纬度\n观音桥;106.5312;29.5755\n');
    expect(zh.detected).toMatchObject({ xColumn: '经度', yColumn: '纬度' });
    expect(coords(zh)).toEqual([{ type: 'Point', coordinates: [106.5312, 29.5755] }]);
    const tsv = csv('name\tpoint_x\tpoint_y\nA\t106.1\t29.1\n', {}, 'tsv', 'a.tsv');
    expect(tsv.detected).toMatchObject({ format: 'tsv', xColumn: 'point_x', yColumn: 'point_y' });
    expect(coords(tsv)).toEqual([{ type: 'Point', coordinates: [106.1, 29.1] }]);
    const tabInCsv = csv('名称\t东经\t北纬\nA\t107\t30\n');
    expect(coords(tabInCsv)).toEqual([{ type: 'Point', coordinates: [107, 30] }]);
  });

  it('prefers lon/lat over x/y and honours chosen columns', () => {
    const r = csv('x,y,lon,lat\n1,2,106.5,29.5\n');
    expect(r.detected).toMatchObject({ xColumn: 'lon', yColumn: 'lat' });
    const chosen = csv('a,b,c\n29.5,106.5,z\n', { xColumn: 'b', yColumn: 'a' });
    expect(coords(chosen)).toEqual([{ type: 'Point', coordinates: [106.5, 29.5] }]);
  });

  it('reads one "坐标" column holding "x,y"', () => {
    const r = csv('名称,坐标\nA,"106.5,29.5"\nB,106.6 29.6\n');
    expect(coords(r)).toEqual([
      { type: 'Point', coordinates: [106.5, 29.5] },
      { type: 'Point', coordinates: [106.6, 29.6] },
    ]);
  });

  it('refuses a table without coordinate columns, listing the columns found', () => {
    // (An address column instead places the rows: tests/core/import/address-import.test.ts.)
    const r = csv('name,note\nA,B\n');
    expect(r.refused).toBe(true);
    expect(r.features).toEqual([]);
    const p = only(r.problems, 'csv-no-coordinate-columns');
    expect(p).toMatchObject({ severity: 'error', where: 'outlets.csv' });
    expect(p.message).toContain('"name", "note"');
    expect(r.detected.columns).toEqual(['name', 'note']);
    const wrongChoice = csv('a,b\n1,2\n', { xColumn: 'lon', yColumn: 'b' });
    expect(only(wrongChoice.problems, 'csv-no-coordinate-columns').message).toContain('"lon"');
  });

  it('refuses a header without rows', () => {
    const r = csv('lon,lat\n\n');
    expect(r.refused).toBe(true);
    expect(only(r.problems, 'csv-no-rows').severity).toBe('error');
  });
});

describe('readCsv: rows', () => {
  it('reports missing and non-numeric coordinates by 1-based row (header = row 1) and keeps the rest', () => {
    const r = csv(
      'name,lon,lat\nok,106.5,29.5\nempty,,29.5\nword,abc,29.5\ncomma,"106,5",29.5\nspaces, 106.7 ,29.7\n',
    );
    expect(r.features.map((f) => f.properties['name'])).toEqual(['ok', 'spaces']);
    expect(r.features[1]?.geometry).toEqual({ type: 'Point', coordinates: [106.7, 29.7] });
    const missing = only(r.problems, 'missing-coordinate');
    expect(missing).toMatchObject({ severity: 'error', where: 'outlets.csv row 3' });
    expect(missing.message).toContain('"lon"');
    const nonNumeric = r.problems.filter((p) => p.code === 'non-numeric-coordinate');
    expect(nonNumeric.map((p) => p.where)).toEqual(['outlets.csv row 4', 'outlets.csv row 5']);
    expect(nonNumeric[0]?.message).toContain('the string "abc"');
    expect(nonNumeric[1]?.message).toContain('decimal comma');
    expect(nonNumeric[1]?.message).toContain('106.5');
  });

  it('warns about rows with the wrong number of fields but keeps them', () => {
    const r = csv('name,lon,lat\nA,106.5,29.5,extra\nB,106.6,29.6\n');
    const p = only(r.problems, 'row-column-count');
    expect(p).toMatchObject({ severity: 'warning', where: 'outlets.csv row 2' });
    expect(p.message).toContain('Expected 3 fields');
    expect(r.features[0]?.properties).toEqual({
      name: 'A',
      lon: '106.5',
      lat: '29.5',
      column_4: 'extra',
    });
    expect(r.features).toHaveLength(2);
  });

  it('parses population as a number: warnings normally, errors for a demand layer', () => {
    const text =
      'name,lon,lat,人口\nA,106.5,29.5,1200\nB,106.6,29.6,lots\nC,106.7,29.7,-5\nD,106.8,29.8,"3,400"\n';
    const normal = csv(text);
    expect(normal.features.map((f) => f.properties['人口'])).toEqual([1200, 'lots', -5, 3400]);
    expect(only(normal.problems, 'non-numeric-population')).toMatchObject({
      severity: 'warning',
      where: 'outlets.csv row 3',
    });
    expect(only(normal.problems, 'negative-population').where).toBe('outlets.csv row 4');
    const demand = csv(text, { role: 'demand' });
    expect(demand.features.map((f) => f.properties['人口'])).toEqual([1200, 3400]);
    expect(only(demand.problems, 'non-numeric-population').severity).toBe('error');
    expect(only(demand.problems, 'negative-population').severity).toBe('error');
  });

  it('keeps hostile-looking values verbatim as data', () => {
    const hostile = [
      '=HYPERLINK("http://evil","x")',
      '<img src=x onerror=alert(1)>',
      '@SUM(1+1)',
      '+cmd|calc',
    ];
    const rows = hostile.map((h) => `"${h.replaceAll('"', '""')}",106.5,29.5`).join('\n');
    const r = csv(`name,lon,lat\n${rows}\n`);
    expect(r.features.map((f) => f.properties['name'])).toEqual(hostile);
  });

  it('drops __proto__/constructor columns with one warning and leaves Object.prototype alone', () => {
    const r = csv('name,__proto__,constructor,lon,lat\nA,{"polluted":1},x,106.5,29.5\n');
    const p = only(r.problems, 'prototype-key');
    expect(p).toMatchObject({ severity: 'warning', where: 'outlets.csv row 1' });
    expect(p.message).toContain('"__proto__"');
    const props = r.features[0]?.properties ?? {};
    expect(Object.keys(props)).toEqual(['name', 'lon', 'lat']);
    expect(Object.getPrototypeOf(props)).toBe(Object.prototype);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });

  it('reads the committed GBK fixture with Chinese names and population "8,500"', () => {
    const bytes = new Uint8Array(readFileSync(join(FIXTURES, 'outlets-gbk.csv')));
    const r = readCsv('outlets-gbk.csv', decodeText(bytes, 'auto', 'outlets-gbk.csv'), {}, 'csv');
    expect(r.detected.encoding).toBe('gb18030');
    expect(codes(r.problems)).toEqual(['encoding-gb18030']);
    expect(r.features.map((f) => [f.properties['名称'], f.properties['人口']])).toEqual([
      ['解放碑步行街', 12000],
      ['观音桥商圈', 8500],
    ]);
  });
});

describe('readCsv: coordinates that look wrong', () => {
  it('flags swapped latitude/longitude columns and suggests swapping', () => {
    const r = csv('name,lon,lat\nA,29.55,106.55\nB,29.56,106.57\n');
    expect(r.features).toEqual([]);
    const p = only(r.problems, 'swapped-lat-lon');
    expect(p.where).toBe('outlets.csv');
    expect(p.message).toContain('Swap the x and y');
    expect(r.problems.filter((q) => q.code === 'out-of-range')).toHaveLength(2);
  });

  it('flags metres read as degrees and names the Gauss-Krüger zone to choose', () => {
    const r = csv('name,x,y\nA,500123.4,3270123.5\nB,512000,3268000\nC,495000,3275000\n');
    const p = only(r.problems, 'projected-as-degrees');
    expect(p.message).toMatch(
      /look like metres in .*Gauss-Kr.ger.*\(EPSG:45\d\d\); choose it and import again\./,
    );
    expect(p.message_zh).toContain('请选择该坐标系后重新导入');
    expect(r.problems.filter((q) => q.code === 'out-of-range').map((q) => q.where)).toEqual([
      'outlets.csv row 2',
      'outlets.csv row 3',
      'outlets.csv row 4',
    ]);
    // Choosing the suggested system imports them near Chongqing.
    const suggested = /\((EPSG:\d+)\); choose it/.exec(p.message)?.[1];
    const again = csv('name,x,y\nA,500123.4,3270123.5\n', {
      crs: suggested as ImportOptions['crs'] & string,
    });
    expect(again.problems).toEqual([]);
    expect(again.detected.crsSource).toBe('chosen');
    const [lon, lat] = (again.features[0]?.geometry as { coordinates: number[] }).coordinates;
    expect(lon).toBeGreaterThan(105);
    expect(lon).toBeLessThan(111);
    expect(lat).toBeGreaterThan(29);
    expect(lat).toBeLessThan(30);
  });

  it('flags data far from Chongqing', () => {
    const r = csv('name,lon,lat\nBeijing,116.4,39.9\n');
    expect(r.features).toHaveLength(1);
    expect(only(r.problems, 'far-from-chongqing').severity).toBe('warning');
  });
});

describe('readCsv: a big file', () => {
  it('imports 200,000 rows, reporting progress every 10,000 rows', () => {
    const lines = ['id,name,lon,lat,人口'];
    for (let i = 0; i < 200_000; i += 1) {
      lines.push(
        `${i},网点${i},${(106 + (i % 1000) / 1000).toFixed(5)},${(29 + i / 400_000).toFixed(5)},${i % 500}`,
      );
    }
    const text = `${lines.join('\n')}\n`;
    const phases: string[] = [];
    const started = performance.now();
    const r = readCsv('big.csv', decodeText(utf8(text), 'auto'), {}, 'csv', (p) =>
      phases.push(`${p.phase}:${p.fraction.toFixed(2)}`),
    );
    const ms = performance.now() - started;
    console.log(`200,000-row CSV (${(text.length / 1e6).toFixed(1)} MB): ${ms.toFixed(0)} ms`);
    expect(r.features).toHaveLength(200_000);
    expect(r.problems).toEqual([]);
    expect(phases.filter((p) => p.startsWith('parsing')).length).toBeGreaterThanOrEqual(20);
    expect(phases.filter((p) => p.startsWith('validating')).length).toBeGreaterThanOrEqual(20);
    expect(phases.at(-1)).toBe('validating:1.00');
  }, 60_000);
});

describe('readCsv: nothing lost or read twice through the header (issue 20)', () => {
  it('never lets a row’s extra field overwrite a named column, and names where the extras went', () => {
    const r = csv('lon,lat,column_4\n106.5,29.5,KEEP,EXTRA\n106.6,29.6,ok\n');
    expect(r.features[0]?.properties).toEqual({
      lon: '106.5',
      lat: '29.5',
      column_4: 'KEEP',
      column_4_2: 'EXTRA',
    });
    const p = only(r.problems, 'row-column-count');
    expect(p.where).toBe('outlets.csv row 2');
    expect(p.message).toContain('kept as column_4_2');
    expect(p.message_zh).toContain('column_4_2');
  });

  it('refuses a column name given twice, naming both columns', () => {
    const r = csv('name,lon,lat,population,population\nA,106.5,29.5,100,0\n', { role: 'demand' });
    expect(r.refused).toBe(true);
    expect(r.features).toHaveLength(0);
    const p = only(r.problems, 'csv-duplicate-column');
    expect(p.severity).toBe('error');
    expect(p.where).toBe('outlets.csv row 1');
    expect(p.message).toContain('"population" in column 4 (D) and column 5 (E)');
    expect(p.message_zh).toContain('第 4 列（D）和第 5 列（E）');
  });

  it('refuses two columns that would both be read as the population', () => {
    const r = csv('lon,lat,人口,Population\n106.5,29.5,100,0\n', { role: 'demand' });
    expect(r.refused).toBe(true);
    expect(only(r.problems, 'csv-duplicate-column').message).toContain(
      'column 3 (C) and column 4 (D)',
    );
  });

  it('refuses more than 2,000 columns at once, saying the limit', () => {
    const header = ['lon', 'lat', ...Array.from({ length: 1_000_000 - 2 }, (_, i) => `c${i}`)];
    const started = performance.now();
    const r = csv(`${header.join(',')}\n106.5,29.5\n`);
    const ms = performance.now() - started;
    expect(r.refused).toBe(true);
    expect(r.detected.columns).toEqual([]);
    const p = only(r.problems, 'csv-too-many-columns');
    expect(p.message).toContain('at most 2,000 columns in the header row, found 1,000,000');
    // About 0.6 s here (3.7 s and all 1,000,000 columns handed to the pickers before).
    expect(ms).toBeLessThan(10_000);
    // 2,000 columns exactly are read.
    const limit = ['lon', 'lat', ...Array.from({ length: 1998 }, (_, i) => `c${i}`)];
    expect(csv(`${limit.join(',')}\n106.5,29.5\n`).refused).toBe(false);
  });
});
