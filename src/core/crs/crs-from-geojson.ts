/**
 * Reads the legacy GeoJSON `crs` member (GeoJSON 2008; RFC 7946 dropped it, but QGIS, GDAL and
 * many Chinese tools still write it). RFC 7946 data without the member is WGS 84 lon/lat.
 */
import { describeValue } from '../result';
import {
  rejectCrs,
  SUPPORTED_LIST_EN,
  SUPPORTED_LIST_ZH,
  type CrsDetection,
  describeValueZh,
} from './crs-detection';
import { crsFromEpsg } from './crs-choices';

const CRS84 = [
  /^urn:ogc:def:crs:ogc:[\d.]*:crs84$/iu,
  /^(ogc:)?crs:?84$/iu,
  /^https?:\/\/www\.opengis\.net\/def\/crs\/ogc\/[\d.]+\/crs84$/iu,
];
const EPSG = [
  /^urn:ogc:def:crs:epsg:[\d.]*:(\d{1,9})$/iu,
  /^epsg:{1,2}(\d{1,9})$/iu,
  /^https?:\/\/www\.opengis\.net\/def\/crs\/epsg\/[\d.]+\/(\d{1,9})$/iu,
];

function unsupportedCode(code: number): CrsDetection {
  return rejectCrs(
    'crs-unsupported',
    `Expected the GeoJSON crs member to name ${SUPPORTED_LIST_EN}, but it names EPSG:${String(code)}.`,
    `GeoJSON 的 crs 成员应为${SUPPORTED_LIST_ZH}，但实际为 EPSG:${String(code)}。`,
  );
}

function fromCode(code: number): CrsDetection {
  const crs = crsFromEpsg(code);
  return crs === null ? unsupportedCode(code) : { crs };
}

/** The CRS an OGC CRS name such as `urn:ogc:def:crs:EPSG::4546` or `EPSG:4326` stands for. */
export function crsFromCrsName(name: string): CrsDetection {
  const trimmed = name.trim();
  if (CRS84.some((pattern) => pattern.test(trimmed))) return { crs: 'EPSG:4326' };
  for (const pattern of EPSG) {
    const match = pattern.exec(trimmed);
    if (match?.[1] !== undefined) return fromCode(Number(match[1]));
  }
  return rejectCrs(
    'crs-unknown',
    `Expected the GeoJSON crs name to be an EPSG code such as "urn:ogc:def:crs:EPSG::4546" or "EPSG:4326", but found ${describeValue(name)}.`,
    `GeoJSON 的 crs 名称应为 "urn:ogc:def:crs:EPSG::4546" 或 "EPSG:4326" 这样的 EPSG 代码，但实际为 ${describeValueZh(name)}。`,
  );
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * The CRS of a GeoJSON object's `crs` member, a sentence saying why it cannot be used, or null
 * when there is no member (`undefined`, or `null` which GeoJSON 2008 allowed for "unknown").
 * Handles `{"type":"name","properties":{"name":…}}` (EPSG URNs and codes, OGC CRS84) and the
 * older `{"type":"EPSG","properties":{"code":4326}}`. Linked definitions are refused.
 */
export function crsFromGeoJsonMember(member: unknown): CrsDetection | null {
  if (member === undefined || member === null) return null;
  if (!isRecord(member))
    return rejectCrs(
      'crs-unknown',
      `Expected the GeoJSON crs member to be an object such as {"type":"name","properties":{"name":"EPSG:4326"}}, but found ${describeValue(member)}.`,
      `GeoJSON 的 crs 成员应为 {"type":"name","properties":{"name":"EPSG:4326"}} 这样的对象，但实际为 ${describeValueZh(member)}。`,
    );
  const { type, properties } = member;
  const props = isRecord(properties) ? properties : {};
  const kind = typeof type === 'string' ? type.toLowerCase() : type;
  if (kind === 'name') {
    const name = props.name;
    if (typeof name === 'string') return crsFromCrsName(name);
    return rejectCrs(
      'crs-unknown',
      `Expected the GeoJSON crs member of type "name" to have a string properties.name, but found ${describeValue(name)}.`,
      `类型为 "name" 的 GeoJSON crs 成员应有字符串 properties.name，但实际为 ${describeValueZh(name)}。`,
    );
  }
  if (kind === 'epsg') {
    const code = props.code;
    const numeric =
      typeof code === 'number'
        ? code
        : typeof code === 'string' && /^\d{1,9}$/u.test(code.trim())
          ? Number(code)
          : NaN;
    if (Number.isInteger(numeric)) return fromCode(numeric);
    return rejectCrs(
      'crs-unknown',
      `Expected the GeoJSON crs member of type "EPSG" to have a numeric properties.code, but found ${describeValue(code)}.`,
      `类型为 "EPSG" 的 GeoJSON crs 成员应有数字 properties.code，但实际为 ${describeValueZh(code)}。`,
    );
  }
  if (kind === 'link')
    return rejectCrs(
      'crs-unsupported',
      'Expected the GeoJSON crs member to name a coordinate system, but found a link to a definition elsewhere, which the atlas does not follow.',
      'GeoJSON 的 crs 成员应直接给出坐标系名称，但实际为指向外部定义的链接，本图不会读取外部链接。',
    );
  return rejectCrs(
    'crs-unknown',
    `Expected the GeoJSON crs member to have type "name" or "EPSG", but found ${describeValue(type)}.`,
    `GeoJSON 的 crs 成员类型应为 "name" 或 "EPSG"，但实际为 ${describeValueZh(type)}。`,
  );
}
