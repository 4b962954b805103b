/** What reading a coordinate system from a file gives: a CRS, or a sentence saying why not. */
import type { CrsId } from './crs-types';

export interface CrsRejection {
  readonly crs: null;
  /**
   * `crs-unsupported`: the file names a coordinate system the atlas does not read (Xian 1980,
   * UTM, a zone far from Chongqing…); `crs-unknown`: the text could not be understood.
   */
  readonly code: 'crs-unknown' | 'crs-unsupported';
  /** One full English sentence: what was expected and what was found. */
  readonly reason: string;
  /** The same sentence in Chinese. */
  readonly reason_zh: string;
}

export type CrsDetection = { readonly crs: CrsId } | CrsRejection;

export function rejectCrs(
  code: CrsRejection['code'],
  reason: string,
  reason_zh: string,
): CrsRejection {
  return { crs: null, code, reason, reason_zh };
}

/** Short lists used in rejection sentences. */
export const SUPPORTED_LIST_EN =
  'WGS 84 or CGCS2000 longitude/latitude, Web Mercator (EPSG:3857), or a CGCS2000 Gauss-Krüger zone covering Chongqing (EPSG:4523–4525, 4544–4546, 4496–4497, 4507–4508)';
export const SUPPORTED_LIST_ZH =
  'WGS 84 或 CGCS2000 经纬度、Web 墨卡托（EPSG:3857）或覆盖重庆的 CGCS2000 高斯-克吕格投影带（EPSG:4523–4525、4544–4546、4496–4497、4507–4508）';

const MAX_SHOWN = 60;

/** A string from a file, cut to 60 characters and quoted, for either language. */
export function quoted(text: string): string {
  const chars = Array.from(text);
  return JSON.stringify(chars.length > MAX_SHOWN ? `${chars.slice(0, MAX_SHOWN).join('')}…` : text);
}

/** The Chinese counterpart of describeValue (src/core/result.ts). */
export function describeValueZh(value: unknown): string {
  if (value === undefined) return '空';
  if (value === null) return 'null';
  if (Array.isArray(value)) return `含 ${String(value.length)} 项的数组`;
  switch (typeof value) {
    case 'string':
      return `字符串 ${quoted(value)}`;
    case 'number':
      return `数字 ${String(value)}`;
    case 'boolean':
      return `布尔值 ${String(value)}`;
    case 'object':
      return '一个对象';
    default:
      return `一个 ${typeof value} 值`;
  }
}
