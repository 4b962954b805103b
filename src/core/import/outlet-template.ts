/**
 * The outlet-list template the coverage panel offers (issue 17 part 4): the columns the importer
 * and the per-type analysis read, named in Chinese and English (`名称/name`: the importer reads the
 * Chinese name before the slash), and three clearly fictitious example rows (names start 示例):
 * one with coordinates, two with an address only, which the importer places offline.
 */
import { toCsv } from '../report/csv';

export const OUTLET_TEMPLATE_COLUMNS = [
  '名称/name',
  '业态/type',
  '地址/address',
  '区县/district',
  '乡镇街道/township',
  '经度/lon',
  '纬度/lat',
] as const;

/** Fictitious outlets (示例 = example) at real places, to be replaced by the bureau's own list. */
export const OUTLET_TEMPLATE_ROWS: readonly (readonly string[])[] = [
  ['示例菜市场（虚构）', '菜市场', '民族路', '渝中区', '解放碑街道', '106.5775', '29.5594'],
  ['示例生鲜超市（虚构）', '生鲜超市（菜店）', '建新北路', '江北区', '观音桥街道', '', ''],
  ['示例便利店（虚构）', '便利店', '', '沙坪坝区', '覃家岗街道', '', ''],
];

const NOTES: readonly (readonly string[])[] = [
  ['网点名单模板（示例行均为虚构，请替换为本单位的名单）'],
  ['Outlet list template (the example rows are fictitious: replace them with your own list)'],
  [''],
  ['名称/name：网点名称 / outlet name'],
  [
    '业态/type：如 菜市场、生鲜超市（菜店）、综合超市、便利店、早餐店、药店、邮政快递综合服务点、家政服务点、维修点、洗染店、美容美发店、照相文印店；农贸市场、菜店等常见写法会自动识别 / e.g. 菜市场 (wet market), 生鲜超市（菜店） (fresh-food shop) …; common synonyms are recognised',
  ],
  [
    '经度/lon、纬度/lat：WGS 84 或 CGCS2000 度；没有坐标时填写 地址/address、区县/district、乡镇街道/township，导入时离线定位并注明误差 / longitude and latitude in degrees; without them the address columns are placed offline, each with its uncertainty',
  ],
  [
    '导入：导入自有数据 → 查看定位报告 → 仅分析这些网点 → 业态覆盖 / Import: Import your data → check the placement report → Analyse these outlets only → coverage by type',
  ],
];

/** The template as CSV (UTF-8 with BOM so Excel shows Chinese; CRLF). */
export function outletTemplateCsv(): string {
  return toCsv(OUTLET_TEMPLATE_COLUMNS, OUTLET_TEMPLATE_ROWS);
}

interface XlsxLibrary {
  readonly utils: {
    book_new(): unknown;
    aoa_to_sheet(rows: string[][]): Record<string, unknown>;
    book_append_sheet(book: unknown, sheet: unknown, name: string): void;
  };
  write(book: unknown, options: { type: 'array'; bookType: 'xlsx'; compression: boolean }): unknown;
}

/**
 * The template as an `.xlsx` workbook: the sheet 网点 outlets (header on the first row) and a
 * sheet 说明 notes. The spreadsheet library is loaded only when a template is asked for.
 */
export async function outletTemplateXlsx(): Promise<Uint8Array> {
  const XLSX = (await import('@e965/xlsx')) as unknown as XlsxLibrary;
  const book = XLSX.utils.book_new();
  const outlets = XLSX.utils.aoa_to_sheet([
    [...OUTLET_TEMPLATE_COLUMNS],
    ...OUTLET_TEMPLATE_ROWS.map((row) => [...row]),
  ]);
  outlets['!cols'] = OUTLET_TEMPLATE_COLUMNS.map((_, i) => ({ wch: i < 3 ? 22 : 14 }));
  XLSX.utils.book_append_sheet(book, outlets, '网点 outlets');
  XLSX.utils.book_append_sheet(
    book,
    XLSX.utils.aoa_to_sheet(NOTES.map((row) => [...row])),
    '说明 notes',
  );
  const out = XLSX.write(book, { type: 'array', bookType: 'xlsx', compression: true });
  return new Uint8Array(out as ArrayBuffer);
}
