/**
 * Reads the coordinate system of a shapefile `.prj` (ESRI WKT, OGC WKT1 as GDAL writes it, or
 * WKT2). Recognised: WGS 84 and CGCS2000 longitude/latitude, Web Mercator, and the CGCS2000
 * Gauss-Krüger zones covering Chongqing, by EPSG authority code, by parameters (central meridian
 * and false easting) and by name. Xian 1980, Beijing 1954 and other datums are refused with a
 * sentence rather than treated as CGCS2000: they are tens to hundreds of metres apart.
 */
import {
  rejectCrs,
  SUPPORTED_LIST_EN,
  SUPPORTED_LIST_ZH,
  type CrsDetection,
  type CrsRejection,
  quoted,
} from './crs-detection';
import { crsFromEpsg, GAUSS_KRUGER_ZONES, type GaussKrugerZone } from './crs-choices';
import type { CrsId } from './crs-types';
import {
  children,
  findNode,
  isNode,
  MAX_WKT_LENGTH,
  nodeName,
  parseWkt,
  squash,
  type WktNode,
} from './wkt';

const PROJECTED = ['PROJCS', 'PROJCRS', 'PROJECTEDCRS'];
const GEOGRAPHIC = [
  'GEOGCS',
  'GEOGCRS',
  'GEODCRS',
  'GEOGRAPHICCRS',
  'GEODETICCRS',
  'BASEGEOGCRS',
  'BASEGEODCRS',
];
const COMPOUND = ['COMPD_CS', 'COMPOUNDCRS'];

type Datum = 'wgs84' | 'cgcs2000' | 'xian1980' | 'beijing1954' | 'new-beijing' | 'other' | 'none';

const DATUM_NAMES: Record<'xian1980' | 'beijing1954' | 'new-beijing', [string, string]> = {
  xian1980: ['Xian 1980', '西安 1980'],
  beijing1954: ['Beijing 1954', '北京 1954'],
  'new-beijing': ['New Beijing', '新北京 1954'],
};

function classifyDatumText(text: string): Datum | null {
  const s = squash(text);
  if (s.includes('newbeijing')) return 'new-beijing';
  if (
    s.includes('xian1980') ||
    s.includes('xian80') ||
    s.includes('iag1975') ||
    s.includes('iag75')
  )
    return 'xian1980';
  if (
    s.includes('beijing1954') ||
    s.includes('beijing54') ||
    s.includes('krasovsky') ||
    s.includes('krassowsky')
  )
    return 'beijing1954';
  if (
    s.includes('cgcs2000') ||
    s.includes('china2000') ||
    s.includes('chinageodeticcoordinatesystem2000')
  )
    return 'cgcs2000';
  if (s.includes('wgs1984') || s.includes('wgs84') || s.includes('worldgeodeticsystem1984'))
    return 'wgs84';
  return null;
}

/** The datum of a CRS node, from its DATUM name, then its geographic CRS name, then its ellipsoid. */
function datumOf(root: WktNode): Datum {
  const datum = findNode(root, ['DATUM', 'GEODETICDATUM', 'TRF']);
  const geog = root.keyword === 'GEOGCS' ? root : findNode(root, GEOGRAPHIC);
  const ellipsoid = findNode(root, ['SPHEROID', 'ELLIPSOID']);
  const names = [datum, geog, ellipsoid].map((node) => (node === null ? null : nodeName(node)));
  for (const name of names) {
    if (name === null) continue;
    const found = classifyDatumText(name);
    if (found !== null) return found;
  }
  return names.some((name) => name !== null) ? 'other' : 'none';
}

function authorityCode(node: WktNode): { authority: string; code: number } | null {
  for (const child of children(node, ['AUTHORITY', 'ID'])) {
    const [authority, code] = child.args;
    const numeric = typeof code === 'number' ? code : typeof code === 'string' ? Number(code) : NaN;
    if (typeof authority === 'string' && Number.isInteger(numeric))
      return { authority: authority.toUpperCase(), code: numeric };
  }
  return null;
}

/** PARAMETER values by squashed name (`central_meridian` → `centralmeridian`). */
function parameters(root: WktNode): Map<string, number> {
  const result = new Map<string, number>();
  const visit = (node: WktNode): void => {
    for (const arg of node.args) {
      if (!isNode(arg)) continue;
      if (arg.keyword === 'PARAMETER') {
        const [name, value] = arg.args;
        if (typeof name === 'string' && typeof value === 'number') result.set(squash(name), value);
      } else if (!GEOGRAPHIC.includes(arg.keyword)) {
        visit(arg);
      }
    }
  };
  visit(root);
  return result;
}

function parameter(params: Map<string, number>, names: readonly string[]): number | undefined {
  for (const name of names) {
    const value = params.get(name);
    if (value !== undefined) return value;
  }
  return undefined;
}

function methodOf(root: WktNode): string {
  const node = findNode(root, ['PROJECTION', 'METHOD']);
  const name = node === null ? null : nodeName(node);
  return name === null ? '' : squash(name);
}

function extensionProj4(root: WktNode): string {
  for (const node of children(root, ['EXTENSION'])) {
    const [kind, value] = node.args;
    if (typeof kind === 'string' && kind.toUpperCase() === 'PROJ4' && typeof value === 'string')
      return value;
  }
  return '';
}

interface NamedZone {
  readonly width: 3 | 6;
  readonly zone?: number;
  readonly centralMeridian?: number;
}

/**
 * Zone facts from a CRS name such as `CGCS2000_3_Degree_GK_Zone_35`,
 * `CGCS2000 / 3-degree Gauss-Kruger CM 105E` or `CGCS_2000_GK_Zone_18` (6° when no degree given).
 */
function zoneFromName(name: string): NamedZone | null {
  const s = name.toLowerCase().replace(/[^a-z0-9]+/gu, ' ');
  if (!/\bcgcs ?2000\b|\bchina ?2000\b|\bchina geodetic coordinate system 2000\b/u.test(s))
    return null;
  if (!/\bgk\b|gauss/u.test(s)) return null;
  const width: 3 | 6 = /\b3 ?deg(ree)?s?\b|\b3 ?du\b/u.test(s) ? 3 : 6;
  const zoneMatch = /\bzone ?(\d{1,2})\b/u.exec(s);
  const cmMatch = /\bcm ?(\d{2,3}) ?e?\b/u.exec(s);
  if (zoneMatch?.[1] !== undefined) return { width, zone: Number(zoneMatch[1]) };
  if (cmMatch?.[1] !== undefined) return { width, centralMeridian: Number(cmMatch[1]) };
  return { width };
}

function zonesFromName(named: NamedZone): GaussKrugerZone[] {
  return GAUSS_KRUGER_ZONES.filter(
    (gk) =>
      gk.width === named.width &&
      (named.zone === undefined ? !gk.prefixed : gk.prefixed && gk.zone === named.zone) &&
      (named.centralMeridian === undefined || gk.centralMeridian === named.centralMeridian),
  );
}

function unsupportedDatum(
  datum: 'xian1980' | 'beijing1954' | 'new-beijing',
  what: string,
  what_zh: string,
): CrsRejection {
  const [en, zh] = DATUM_NAMES[datum];
  return rejectCrs(
    'crs-unsupported',
    `The .prj describes ${what} on the ${en} datum, but the atlas reads only WGS 84 and CGCS2000 based coordinate systems (${en} differs from CGCS2000 by tens of metres or more); convert the data to CGCS2000 first.`,
    `.prj 文件描述的是${zh} 坐标系下的${what_zh}，但本图只读取基于 WGS 84 或 CGCS2000 的坐标系（${zh} 与 CGCS2000 相差数十米以上），请先将数据转换为 CGCS2000。`,
  );
}

const LENGTH_LIMIT_REASON = rejectCrs(
  'crs-unknown',
  `Expected a .prj file of well-known text (WKT) of at most ${String(MAX_WKT_LENGTH)} characters, but found a longer text.`,
  `.prj 文件应为不超过 ${String(MAX_WKT_LENGTH)} 个字符的 WKT 文本，但实际内容更长。`,
);

function describeName(name: string | null): string {
  return name === null ? 'an unnamed coordinate system' : quoted(name);
}

function describeNameZh(name: string | null): string {
  return name === null ? '（未命名）' : quoted(name);
}

/** The coordinate system a `.prj` text describes, or a sentence saying why it cannot be used. */
export function crsFromPrj(wkt: string): CrsDetection {
  if (wkt.length > MAX_WKT_LENGTH) return LENGTH_LIMIT_REASON;
  if (wkt.trim() === '')
    return rejectCrs(
      'crs-unknown',
      'Expected the .prj file to hold a coordinate system in well-known text (WKT), but it is empty.',
      '.prj 文件应包含 WKT 格式的坐标系定义，但文件为空。',
    );
  const parsed = parseWkt(wkt);
  if (parsed === null)
    return rejectCrs(
      'crs-unknown',
      `Expected the .prj file to hold a coordinate system in well-known text (WKT) such as PROJCS[…] or GEOGCS[…], but found the text ${quoted(wkt.trim())}.`,
      `.prj 文件应包含 PROJCS[…] 或 GEOGCS[…] 形式的 WKT 坐标系定义，但实际内容为 ${quoted(wkt.trim())}。`,
    );
  let root = parsed;
  if (COMPOUND.includes(root.keyword)) {
    const horizontal = children(root, [...PROJECTED, ...GEOGRAPHIC])[0];
    if (horizontal !== undefined) root = horizontal;
  }
  if (PROJECTED.includes(root.keyword)) return projected(root);
  if (GEOGRAPHIC.includes(root.keyword)) return geographic(root);
  return rejectCrs(
    'crs-unsupported',
    `Expected a geographic (GEOGCS) or projected (PROJCS) coordinate system in the .prj file, but found a ${quoted(root.keyword)} definition; ${SUPPORTED_LIST_EN} can be read.`,
    `.prj 文件应为地理坐标系（GEOGCS）或投影坐标系（PROJCS），但实际为 ${quoted(root.keyword)} 定义；可读取的坐标系为：${SUPPORTED_LIST_ZH}。`,
  );
}

function fromAuthority(root: WktNode): CrsId | null {
  const id = authorityCode(root);
  if (id === null || id.authority !== 'EPSG') return null;
  return crsFromEpsg(id.code);
}

function geographic(root: WktNode): CrsDetection {
  const byCode = fromAuthority(root);
  if (byCode === 'EPSG:4326' || byCode === 'EPSG:4490') return { crs: byCode };
  const datum = datumOf(root);
  switch (datum) {
    case 'wgs84':
      return { crs: 'EPSG:4326' };
    case 'cgcs2000':
      return { crs: 'EPSG:4490' };
    case 'xian1980':
    case 'beijing1954':
    case 'new-beijing':
      return unsupportedDatum(datum, 'longitude/latitude', '经纬度');
    default:
      return rejectCrs(
        'crs-unsupported',
        `Expected ${SUPPORTED_LIST_EN} in the .prj file, but found the geographic coordinate system ${describeName(nodeName(root))} on a datum the atlas does not read.`,
        `.prj 文件应为${SUPPORTED_LIST_ZH}，但实际为本图不支持的基准面上的地理坐标系 ${describeNameZh(nodeName(root))}。`,
      );
  }
}

function isWebMercator(root: WktNode): boolean {
  const name = squash(nodeName(root) ?? '');
  const method = methodOf(root);
  const proj4 = extensionProj4(root).replace(/\s+/gu, ' ');
  return (
    name.includes('pseudomercator') ||
    name.includes('webmercator') ||
    name.includes('popularvisualisation') ||
    method.includes('mercatorauxiliarysphere') ||
    method.includes('popularvisualisation') ||
    (proj4.includes('+proj=merc') && proj4.includes('+a=6378137') && proj4.includes('+b=6378137'))
  );
}

const TM_METHODS = ['transversemercator', 'gausskruger', 'gausskrueger', 'gaussian', 'tmerc'];

function projected(root: WktNode): CrsDetection {
  const byCode = fromAuthority(root);
  if (byCode !== null) return { crs: byCode };
  const name = nodeName(root) ?? '';
  const datum = datumOf(root);
  if (isWebMercator(root) && (datum === 'wgs84' || datum === 'none' || datum === 'other'))
    return { crs: 'EPSG:3857' };

  const method = methodOf(root);
  const named = zoneFromName(name);
  const isTm = TM_METHODS.some((m) => method.includes(m)) || (method === '' && named !== null);
  if (datum === 'xian1980' || datum === 'beijing1954' || datum === 'new-beijing')
    return unsupportedDatum(
      datum,
      isTm ? 'a Gauss-Krüger projection' : 'a projected coordinate system',
      isTm ? '高斯-克吕格投影' : '投影坐标',
    );
  if (!isTm)
    return rejectCrs(
      'crs-unsupported',
      `Expected ${SUPPORTED_LIST_EN} in the .prj file, but found the projected coordinate system ${describeName(nodeName(root))} using a projection the atlas does not read.`,
      `.prj 文件应为${SUPPORTED_LIST_ZH}，但实际为本图不支持的投影坐标系 ${describeNameZh(nodeName(root))}。`,
    );
  const isCgcs = datum === 'cgcs2000' || (datum === 'none' && named !== null);
  if (!isCgcs) {
    const utm = datum === 'wgs84' ? ' (a WGS 84 transverse Mercator such as UTM)' : '';
    const utmZh = datum === 'wgs84' ? '（WGS 84 横轴墨卡托，如 UTM）' : '';
    return rejectCrs(
      'crs-unsupported',
      `Expected a CGCS2000 Gauss-Krüger projection in the .prj file, but found the transverse Mercator projection ${describeName(nodeName(root))}${utm} on another datum; ${SUPPORTED_LIST_EN} can be read.`,
      `.prj 文件应为 CGCS2000 高斯-克吕格投影，但实际为其他基准面上的横轴墨卡托投影 ${describeNameZh(nodeName(root))}${utmZh}；可读取的坐标系为：${SUPPORTED_LIST_ZH}。`,
    );
  }

  const params = parameters(root);
  const centralMeridian = parameter(params, [
    'centralmeridian',
    'longitudeofnaturalorigin',
    'longitudeoforigin',
    'longitudeofcentralmeridian',
  ]);
  const falseEasting = parameter(params, ['falseeasting', 'eastingatfalseorigin']);
  const falseNorthing = parameter(params, ['falsenorthing', 'northingatfalseorigin']) ?? 0;
  const scale = parameter(params, ['scalefactor', 'scalefactoratnaturalorigin']) ?? 1;
  const originLat = parameter(params, ['latitudeoforigin', 'latitudeofnaturalorigin']) ?? 0;

  let candidates: GaussKrugerZone[];
  if (centralMeridian !== undefined && falseEasting !== undefined) {
    if (Math.abs(scale - 1) > 1e-9 || Math.abs(falseNorthing) > 1e-6 || Math.abs(originLat) > 1e-9)
      return rejectCrs(
        'crs-unsupported',
        `Expected a CGCS2000 Gauss-Krüger projection with scale factor 1, latitude of origin 0 and false northing 0 in the .prj file, but found scale factor ${String(scale)}, latitude of origin ${String(originLat)} and false northing ${String(falseNorthing)}.`,
        `.prj 文件中的 CGCS2000 高斯-克吕格投影应为比例因子 1、原点纬度 0、北偏移 0，但实际为比例因子 ${String(scale)}、原点纬度 ${String(originLat)}、北偏移 ${String(falseNorthing)}。`,
      );
    candidates = GAUSS_KRUGER_ZONES.filter(
      (gk) =>
        Math.abs(gk.centralMeridian - centralMeridian) < 1e-9 &&
        Math.abs(gk.falseEasting - falseEasting) < 1e-6,
    );
    if (candidates.length === 0)
      return rejectCrs(
        'crs-unsupported',
        `Expected a CGCS2000 Gauss-Krüger zone covering Chongqing (central meridian 105°, 108° or 111°E, false easting 500000 or zone × 1000000 + 500000) in the .prj file, but found central meridian ${String(centralMeridian)}° and false easting ${String(falseEasting)}.`,
        `.prj 文件应为覆盖重庆的 CGCS2000 高斯-克吕格投影带（中央经线 105°、108° 或 111°E，东偏移 500000 或带号×1000000+500000），但实际中央经线为 ${String(centralMeridian)}°、东偏移为 ${String(falseEasting)}。`,
      );
    // CM 105°E without prefix is both 4544 (3°) and 4507 (6°), the same numbers; the name decides.
    if (candidates.length > 1 && named !== null) {
      const byWidth = candidates.filter((gk) => gk.width === named.width);
      if (byWidth.length > 0) candidates = byWidth;
    }
  } else if (named !== null) {
    candidates = zonesFromName(named);
    if (candidates.length === 0)
      return rejectCrs(
        'crs-unsupported',
        `Expected a CGCS2000 Gauss-Krüger zone covering Chongqing (3° zones 35–37 or CM 105/108/111°E, 6° zones 18–19 or CM 105/111°E) in the .prj file, but found ${describeName(nodeName(root))}.`,
        `.prj 文件应为覆盖重庆的 CGCS2000 高斯-克吕格投影带（3° 带 35–37 带或中央经线 105/108/111°E，6° 带 18–19 带或中央经线 105/111°E），但实际为 ${describeNameZh(nodeName(root))}。`,
      );
  } else {
    return rejectCrs(
      'crs-unknown',
      `Expected the .prj file to give the central meridian and false easting of its Gauss-Krüger projection, but found neither them nor a recognisable zone name in ${describeName(nodeName(root))}.`,
      `.prj 文件应给出高斯-克吕格投影的中央经线和东偏移，但在 ${describeNameZh(nodeName(root))} 中既没有这些参数，也没有可识别的投影带名称。`,
    );
  }
  // Prefer 3° over 6° where the numbers are the same and the name did not say.
  const chosen = candidates.find((gk) => gk.width === 3) ?? candidates[0];
  if (chosen === undefined) throw new Error('unreachable: no Gauss-Krüger candidate');
  return { crs: chosen.id };
}
