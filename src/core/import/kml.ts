/**
 * KML (Google Earth, 奥维 and most Chinese GIS exports) read with fast-xml-parser, which needs no
 * DOM and so runs in the import worker. Placemarks are collected at any Document/Folder depth;
 * Point, LineString, Polygon (outer and inner boundaries) and MultiGeometry become GeoJSON; name,
 * description and ExtendedData (Data and SchemaData/SimpleData) become properties.
 *
 * Entities: the parser is run with `processEntities: false`, so a DOCTYPE's entity declarations
 * are never expanded — a "billion laughs" file stays the size it is, and `&lol9;` remains literal
 * text. Only the five predefined XML entities and numeric character references are decoded, one
 * reference at a time, by decodeXmlText (which cannot expand: each reference yields one character).
 */
import { XMLParser } from 'fast-xml-parser';
import type { CrsId } from '../crs/crs-types';
import type { DecodedText } from './decode-text';
import type { ImportOptions, ImportProblem, ImportProgress, ImportResult } from './import-types';
import type { ImportLimits } from './limits';
import { problem } from './problems';
import { validateFeatures } from './validate-features';

type XmlNode = Record<string, unknown>;

const PREDEFINED: Readonly<Record<string, string>> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
};

/** Decodes predefined XML entities and numeric character references; leaves others as written. */
export function decodeXmlText(text: string): string {
  if (!text.includes('&')) return text;
  return text.replace(/&(#x[0-9a-fA-F]{1,6}|#[0-9]{1,7}|[a-zA-Z]+);/g, (whole, ref: string) => {
    if (ref.startsWith('#')) {
      const code = ref[1] === 'x' ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return PREDEFINED[ref] ?? whole;
  });
}

function isNode(value: unknown): value is XmlNode {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function asArray(value: unknown): unknown[] {
  if (value === undefined || value === null) return [];
  return Array.isArray(value) ? value : [value];
}

/** The text content of an element (a string, or an object with `#text` when it has attributes). */
function textOf(value: unknown): string | null {
  if (typeof value === 'string') return decodeXmlText(value);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (isNode(value)) {
    const text = value['#text'];
    if (typeof text === 'string' || typeof text === 'number') return decodeXmlText(String(text));
    return '';
  }
  return null;
}

const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/** "lon,lat[,alt] lon,lat …" → positions; non-numbers are kept as strings for validation to report. */
function coordinates(value: unknown): unknown[] {
  const text = (textOf(value) ?? '').trim().replace(/\s*,\s*/g, ',');
  if (text === '') return [];
  return text
    .split(/\s+/)
    .map((tuple) => tuple.split(',').map((part) => (NUMBER.test(part) ? Number(part) : part)));
}

interface GeometryLike {
  readonly type: string;
  readonly coordinates?: unknown;
  readonly geometries?: GeometryLike[];
}

function ringOf(boundary: unknown): unknown[] {
  const linearRing = isNode(boundary) ? boundary['LinearRing'] : undefined;
  const first = asArray(linearRing)[0];
  return isNode(first) ? coordinates(first['coordinates']) : [];
}

function geometriesOf(node: XmlNode, depth: number): GeometryLike[] {
  const out: GeometryLike[] = [];
  for (const point of asArray(node['Point'])) {
    const list = isNode(point) ? coordinates(point['coordinates']) : [];
    out.push({ type: 'Point', coordinates: list.length === 1 ? list[0] : list });
  }
  for (const line of asArray(node['LineString'])) {
    out.push({
      type: 'LineString',
      coordinates: isNode(line) ? coordinates(line['coordinates']) : [],
    });
  }
  for (const ring of asArray(node['LinearRing'])) {
    out.push({
      type: 'Polygon',
      coordinates: [isNode(ring) ? coordinates(ring['coordinates']) : []],
    });
  }
  for (const polygon of asArray(node['Polygon'])) {
    if (!isNode(polygon)) {
      out.push({ type: 'Polygon', coordinates: [] });
      continue;
    }
    const outer = asArray(polygon['outerBoundaryIs'])[0];
    const inner = asArray(polygon['innerBoundaryIs']).map(ringOf);
    out.push({
      type: 'Polygon',
      coordinates: outer === undefined && inner.length === 0 ? [] : [ringOf(outer), ...inner],
    });
  }
  if (depth < 8) {
    for (const multi of asArray(node['MultiGeometry'])) {
      const members = isNode(multi) ? geometriesOf(multi, depth + 1) : [];
      out.push(combine(members));
    }
  }
  return out;
}

/** Several geometries as one: Multi* when all are of one simple kind, else a collection. */
function combine(members: GeometryLike[]): GeometryLike {
  const kinds = new Set(members.map((m) => m.type));
  const only = kinds.size === 1 ? [...kinds][0] : undefined;
  if (only === 'Point' || only === 'LineString' || only === 'Polygon') {
    return { type: `Multi${only}`, coordinates: members.map((m) => m.coordinates) };
  }
  return { type: 'GeometryCollection', geometries: members };
}

/** Sets an own property even for the names `__proto__` & co., so validation can see and report them. */
function setOwn(properties: Record<string, unknown>, name: string, value: string): void {
  Object.defineProperty(properties, name, {
    value,
    enumerable: true,
    writable: true,
    configurable: true,
  });
}

function extendedData(placemark: XmlNode, properties: Record<string, unknown>): void {
  for (const extended of asArray(placemark['ExtendedData'])) {
    if (!isNode(extended)) continue;
    for (const data of asArray(extended['Data'])) {
      if (!isNode(data)) continue;
      const name = textOf(data['@_name']);
      if (name === null || name === '') continue;
      setOwn(properties, name, textOf(data['value']) ?? '');
    }
    for (const schemaData of asArray(extended['SchemaData'])) {
      if (!isNode(schemaData)) continue;
      for (const simple of asArray(schemaData['SimpleData'])) {
        if (!isNode(simple)) continue;
        const name = textOf(simple['@_name']);
        if (name === null || name === '') continue;
        setOwn(properties, name, textOf(simple) ?? '');
      }
    }
  }
}

/** Every Placemark under `node`, in Document/Folder nesting up to 64 deep. */
function collectPlacemarks(node: unknown, out: XmlNode[], depth: number): void {
  if (depth > 64) return;
  if (Array.isArray(node)) {
    for (const item of node) collectPlacemarks(item, out, depth);
    return;
  }
  if (!isNode(node)) return;
  for (const [key, value] of Object.entries(node)) {
    if (key.startsWith('@_') || key === '#text') continue;
    if (key === 'Placemark') {
      for (const placemark of asArray(value)) if (isNode(placemark)) out.push(placemark);
    } else if (typeof value === 'object') collectPlacemarks(value, out, depth + 1);
  }
}

function rawFeature(placemark: XmlNode): unknown {
  const properties: Record<string, unknown> = {};
  const name = textOf(placemark['name']);
  if (name !== null) properties['name'] = name;
  const description = textOf(placemark['description']);
  if (description !== null) properties['description'] = description;
  extendedData(placemark, properties);
  const geometries = geometriesOf(placemark, 0);
  const geometry =
    geometries.length === 0 ? null : geometries.length === 1 ? geometries[0] : combine(geometries);
  const id = textOf(placemark['@_id']);
  return id !== null && id !== ''
    ? { type: 'Feature', id, geometry, properties }
    : { type: 'Feature', geometry, properties };
}

export interface KmlExtras {
  readonly limits?: Partial<ImportLimits>;
  /** The format reported (a KMZ's inner KML is read here too). */
  readonly format?: 'kml';
}

/** KML coordinates are WGS 84 by definition; only a chosen Chinese offset system overrides that. */
function kmlCrs(options: ImportOptions): CrsId {
  return options.crs === 'GCJ-02' || options.crs === 'BD-09' ? options.crs : 'EPSG:4326';
}

export function readKml(
  fileName: string,
  decoded: DecodedText,
  options: ImportOptions,
  onProgress?: (p: ImportProgress) => void,
  extras: KmlExtras = {},
): ImportResult {
  const crs = kmlCrs(options);
  const chosenCrs = crs !== 'EPSG:4326';
  const detected = {
    format: 'kml',
    encoding: decoded.encoding,
    crs,
    crsSource: chosenCrs ? 'chosen' : 'file',
  } as const;
  const refuse = (p: ImportProblem): ImportResult => ({
    fileName,
    detected,
    features: [],
    problems: [...decoded.problems, p],
    refused: true,
  });
  onProgress?.({ phase: 'parsing', fraction: 0 });
  let document: unknown;
  try {
    // The validator built into fast-xml-parser is deprecated in favour of the separate
    // fast-xml-validator package, which is not a dependency; it still works in v5.
    const parser = new XMLParser({
      // Never expand entities (billion laughs); see the module comment.
      processEntities: false,
      ignoreAttributes: false,
      attributeNamePrefix: '@_',
      parseTagValue: false,
      parseAttributeValue: false,
      removeNSPrefix: true,
      trimValues: true,
    });
    // `true`: check well-formedness first, throw if not.
    // eslint-disable-next-line @typescript-eslint/no-deprecated
    document = parser.parse(decoded.text, true);
  } catch (error) {
    // The parser's validator throws "message:line:column".
    const text = error instanceof Error ? error.message : '';
    const match = /^([\s\S]*?):(\d+):(\d+)$/.exec(text);
    const reason = (match?.[1] ?? text).slice(0, 120).replace(/\.$/, '');
    const at = match === null ? '' : ` at line ${match[2] ?? '?'}, column ${match[3] ?? '?'}`;
    const atZh = match === null ? '' : `第 ${match[2] ?? '?'} 行第 ${match[3] ?? '?'} 列`;
    return refuse(
      problem(
        'invalid-xml',
        'error',
        fileName,
        `Expected well-formed XML (KML), found an error${at}: ${reason}.`,
        `应为格式正确的 XML（KML），实际在${atZh}出错：${reason}。`,
      ),
    );
  }
  const placemarks: XmlNode[] = [];
  collectPlacemarks(document, placemarks, 0);
  onProgress?.({ phase: 'parsing', fraction: 1 });
  if (placemarks.length === 0) {
    return refuse(
      problem(
        'no-placemarks',
        'error',
        fileName,
        'Expected at least one Placemark in the KML, found none.',
        'KML 中应至少有一个 Placemark（地标），实际没有。',
      ),
    );
  }
  const raw = placemarks.map(rawFeature);
  onProgress?.({ phase: 'validating', fraction: 0 });
  const validated = validateFeatures(fileName, raw, options, crs, {
    ...(extras.limits !== undefined ? { limits: extras.limits } : {}),
    onProgress: (fraction) => onProgress?.({ phase: 'validating', fraction }),
  });
  onProgress?.({ phase: 'validating', fraction: 1 });
  return {
    fileName,
    detected,
    features: validated.features,
    problems: [...decoded.problems, ...validated.problems],
    refused: validated.refused,
  };
}
