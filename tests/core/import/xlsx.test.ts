import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { zipSync } from 'fflate';
import { importBytes } from '../../../src/core/import/import-bytes';
import type { ImportResult } from '../../../src/core/import/import-types';
import { codes, expectWellFormed } from './helpers';
import { committedGazetteer } from './gazetteer-fixture';
import { workbook, type WorkbookCell } from './workbook';

const FIXTURE = join(
  dirname(fileURLToPath(import.meta.url)),
  '..',
  '..',
  'fixtures',
  'outlets-sample.xlsx',
);
const gazetteer = committedGazetteer();
const extras = { loadGazetteer: () => Promise.resolve(gazetteer) };

async function read(
  bytes: Uint8Array,
  options: Parameters<typeof importBytes>[2] = {},
  name = 'outlets.xlsx',
): Promise<ImportResult> {
  const result = await importBytes(name, bytes, options, undefined, extras);
  expectWellFormed(result.problems);
  return result;
}

const names = (r: ImportResult): unknown[] => r.features.map((f) => f.properties['名称']);
const point = (r: ImportResult, i: number): unknown => r.features[i]?.geometry;

describe('Excel: sheets and header rows', () => {
  const title = ['重庆市生鲜网点名单'];
  const sheets = [
    { name: '填表说明', rows: [['请勿修改表头'], ['单位：个']] },
    {
      name: '网点',
      rows: [title, [], ['名称', '经度', '纬度'], ['甲', 106.5, 29.5], ['乙', 106.6, 29.6]],
      merges: ['A1:C1'],
    },
    {
      name: '其他',
      rows: [
        ['名称', 'lon', 'lat'],
        ['丙', 107, 30],
      ],
    },
  ];

  it('finds the first sheet with a usable header and a header on row 3 under a merged title', async () => {
    const r = await read(workbook(sheets));
    expect(r.refused).toBe(false);
    expect(r.detected).toMatchObject({
      format: 'xlsx',
      sheets: ['填表说明', '网点', '其他'],
      sheet: '网点',
      headerRow: 3,
      xColumn: '经度',
      yColumn: '纬度',
    });
    expect(names(r)).toEqual(['甲', '乙']);
    expect(point(r, 0)).toEqual({ type: 'Point', coordinates: [106.5, 29.5] });
  });

  it('reads the sheet and header row the planner chose, naming rows by their row in the sheet', async () => {
    const other = await read(workbook(sheets), { sheet: '其他' });
    expect(names(other)).toEqual(['丙']);
    const bad = workbook([
      {
        name: 'S',
        rows: [
          ['说明', 'x'],
          ['名称', 'lon', 'lat'],
          ['甲', 'abc', 29.5],
        ],
      },
    ]);
    const chosen = await read(bad, { headerRow: 2 });
    expect(chosen.detected.headerRow).toBe(2);
    expect(chosen.problems.find((p) => p.code === 'non-numeric-coordinate')?.where).toBe(
      'outlets.xlsx row 3',
    );
    const missing = await read(workbook(sheets), { sheet: '不存在' });
    expect(missing.refused).toBe(true);
    expect(codes(missing.problems)).toEqual(['xlsx-no-sheet']);
    expect(missing.problems[0]?.message).toContain('"网点"');
    expect(missing.problems[0]?.message_zh).toContain('不存在');
    const outside = await read(workbook(sheets), { sheet: '网点', headerRow: 99 });
    expect(outside.refused).toBe(true);
  });

  it('names rows with the sheet when the workbook has several', async () => {
    const r = await read(
      workbook([
        ...sheets.slice(0, 2),
        {
          name: '坏',
          rows: [
            ['名称', 'lon', 'lat'],
            ['丁', '', 30],
          ],
        },
      ]),
      { sheet: '坏' },
    );
    expect(r.problems.find((p) => p.code === 'missing-coordinate')?.where).toBe(
      'outlets.xlsx › 坏 row 2',
    );
  });

  it('reads merged header cells: a two-row header and a 区县 merged down its rows', async () => {
    const r = await read(
      workbook([
        {
          name: 'S',
          rows: [
            ['名称', '区县', '位置', null],
            [null, null, '经度', '纬度'],
            ['甲', '渝北区', 106.5, 29.6],
            ['乙', null, 106.51, 29.61],
          ],
          merges: ['C1:D1', 'A1:A2', 'B1:B2', 'B3:B4'],
        },
      ]),
    );
    expect(r.detected.columns).toEqual(['名称', '区县', '经度', '纬度']);
    expect(r.features.map((f) => f.properties['区县'])).toEqual(['渝北区', '渝北区']);
    expect(point(r, 1)).toEqual({ type: 'Point', coordinates: [106.51, 29.61] });
  });

  it('names only the first column under a header cell merged across columns (no name twice)', async () => {
    const r = await read(
      workbook([
        {
          name: 'S',
          rows: [
            ['名称', '位置', null, 'lon', 'lat'],
            ['甲', 12, 7, 106.5, 29.6],
          ],
          merges: ['B1:C1'],
        },
      ]),
    );
    expect(r.refused).toBe(false);
    expect(r.detected.columns).toEqual(['名称', '位置', 'column_3', 'lon', 'lat']);
    expect(r.features[0]?.properties).toMatchObject({ 位置: '12', column_3: '7' });
  });

  it('says when filled cells lie past the 500 columns a sheet is read to', async () => {
    const wide = (cells: WorkbookCell[], last: WorkbookCell): WorkbookCell[] => [
      ...cells,
      ...Array.from({ length: 600 - cells.length }, () => null),
      last,
    ];
    const r = await read(
      workbook([
        {
          name: 'S',
          rows: [wide(['名称', 'lon', 'lat'], '备注'), wide(['甲', 106.5, 29.6], '遗漏')],
        },
      ]),
    );
    expect(r.features).toHaveLength(1);
    const p = r.problems.find((q) => q.code === 'csv-too-many-columns');
    expect(p).toMatchObject({ severity: 'warning', where: 'outlets.xlsx row 1' });
    expect(p?.message).toContain('found 2 filled cells past them (the first in column 601)');
  });

  it('refuses an empty workbook with a sentence', async () => {
    const r = await read(workbook([{ name: '空', rows: [] }]));
    expect(r.refused).toBe(true);
    expect(codes(r.problems)).toEqual(['xlsx-no-sheet']);
  });
});

describe('Excel: cells', () => {
  it('reads numbers stored as text, full-width digits and degree strings; reports dates row by row', async () => {
    const rows: WorkbookCell[][] = [
      ['名称', '经度', '纬度', '开业日期'],
      ['文本数字', ' 106.5 ', '29.5', new Date(Date.UTC(2021, 5, 1))],
      ['全角', '１０６．５', '２９．５', null],
      ['度分秒', '106°32′15″', '29°33′36″', null],
      ['度分秒E', `106°32'15"E`, `29°33'36"N`, null],
      ['中文度分秒', '东经106度32分15秒', '北纬29度33分36秒', null],
      ['日期', new Date(Date.UTC(2021, 0, 1)), 29.5, null],
      ['文字', '一百零六', 29.5, null],
    ];
    const r = await read(workbook([{ name: 'S', rows }]));
    expect(names(r)).toEqual(['文本数字', '全角', '度分秒', '度分秒E', '中文度分秒']);
    expect(point(r, 1)).toEqual({ type: 'Point', coordinates: [106.5, 29.5] });
    const dms = 106 + 32 / 60 + 15 / 3600;
    for (const i of [2, 3, 4]) {
      const [lon, lat] = (r.features[i]?.geometry as { coordinates: number[] }).coordinates;
      expect(lon).toBeCloseTo(dms, 9);
      expect(lat).toBeCloseTo(29.56, 9);
    }
    // A date cell outside the coordinates is kept as an ISO date, not a serial number.
    expect(r.features[0]?.properties['开业日期']).toBe('2021-06-01');
    const date = r.problems.find((p) => p.code === 'date-in-coordinate');
    expect(date).toMatchObject({ severity: 'error', where: 'outlets.xlsx row 7' });
    expect(date?.message).toContain('2021-01-01');
    expect(date?.message_zh).toContain('日期');
    expect(r.problems.find((p) => p.code === 'non-numeric-coordinate')?.where).toBe(
      'outlets.xlsx row 8',
    );
  });

  it('reads a legacy .xls workbook the same way', async () => {
    const bytes = workbook(
      [{ name: 'S', rows: [['标题'], ['名称', 'lon', 'lat'], ['甲', '106.5', 29.5]] }],
      'biff8',
    );
    const r = await read(bytes, {}, 'outlets.xls');
    expect(r.detected).toMatchObject({ format: 'xls', headerRow: 2 });
    expect(point(r, 0)).toEqual({ type: 'Point', coordinates: [106.5, 29.5] });
  });
});

describe('Excel: safety', () => {
  it('refuses a zip bomb named .xlsx before the spreadsheet library reads it', async () => {
    const bomb = zipSync(
      {
        '[Content_Types].xml': new TextEncoder().encode('<Types/>'),
        'xl/worksheets/sheet1.xml': new Uint8Array(20 * 1024 * 1024),
      },
      { level: 9 },
    );
    const r = await read(bomb);
    expect(r.refused).toBe(true);
    expect(codes(r.problems)).toEqual(['zip-bomb']);
    expect(r.detected.format).toBe('xlsx');
  });

  it('refuses a workbook whose entries inflate past the total limit', async () => {
    const bytes = workbook([
      {
        name: 'S',
        rows: [
          ['名称', 'lon', 'lat'],
          ['甲', 106.5, 29.5],
        ],
      },
    ]);
    const r = await importBytes('outlets.xlsx', bytes, {}, undefined, {
      limits: { maxUncompressedBytes: 1000 },
    });
    expect(r.refused).toBe(true);
    expect(codes(r.problems)).toEqual(['zip-bomb']);
  });

  it('refuses a sheet with more rows than the feature limit', async () => {
    const rows: WorkbookCell[][] = [['名称', 'lon', 'lat']];
    for (let i = 0; i < 60; i += 1) rows.push([`p${String(i)}`, 106.5, 29.5]);
    const r = await importBytes('big.xlsx', workbook([{ name: 'S', rows }]), {}, undefined, {
      limits: { maxFeatures: 10 },
    });
    expect(r.refused).toBe(true);
    expect(codes(r.problems)).toContain('too-many-features');
  });
});

describe('Excel: the committed sample', () => {
  it('reads tests/fixtures/outlets-sample.xlsx: coordinates, addresses and one ambiguous row', async () => {
    const r = await read(new Uint8Array(readFileSync(FIXTURE)), {}, 'outlets-sample.xlsx');
    expect(r.detected).toMatchObject({ sheet: '网点', headerRow: 3 });
    expect(r.placement?.byCoordinates).toBe(2);
    expect(r.placement?.byLevel).toEqual({ community: 0, township: 2, district: 1 });
    expect(r.placement?.unmatched.map((u) => [u.row, u.reason])).toEqual([[9, 'ambiguous']]);
    expect(r.features).toHaveLength(5);
  });
});
