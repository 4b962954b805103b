/**
 * The import test corpus: bad and awkward files a user might drop on the atlas, each with what the
 * importer must say about it. Run `npx tsx tests/import-corpus/generate.ts` to (re)write every file
 * under `tests/import-corpus/files/` and `tests/import-corpus/manifest.json`, deterministically
 * (same bytes on every run and machine; no clock, no randomness, no network).
 *
 * Files whose real name would be formatted or parsed by Prettier (`.json`, `.geojson`) are stored
 * with `.txt` appended; the manifest's `name` is the name they are imported as.
 *
 * Manifest: `{ "entries": Entry[] }`, where an entry is
 *
 * ```
 * {
 *   "file": "validation/unclosed-ring.geojson.txt",  // relative to tests/import-corpus/files
 *   "name": "unclosed-ring.geojson",                  // file name to import as (may be hostile)
 *   "class": "encoding" | "crs" | "validation" | "limits" | "security" | "format" | "awkward",
 *   "note": "what the case is",
 *   "options"?: ImportOptions,                        // passed to importBytes / atlas.importFile
 *   "limits"?: Partial<ImportLimits>,                 // Node only: tighter limits (importBytes extras)
 *   "expect": {
 *     "refused": boolean,                             // ImportResult.refused
 *     "codes": ImportProblemCode[],                   // must all appear among the problems
 *     "absentCodes"?: ImportProblemCode[],            // must not appear
 *     "features"?: number,                            // exact count kept (demand units for a raster)
 *     "minFeatures"?: number,
 *     "firstCoordinate"?: [lon, lat, toleranceMetres],// first position of the first feature (or
 *                                                     // the first demand unit), in WGS 84
 *     "property"?: { "index": 0, "key": "名称", "value": "解放碑" }, // decoded attribute, verbatim
 *     "messageIncludes"?: "text"                      // a problem with one of `codes` says this
 *                                                     // (English message, case-insensitive)
 *   },
 *   "browserExpect"?: Expect,                         // what atlas.importFile gives at default
 *                                                     // limits, when `limits` makes Node differ
 *   "crsRoundTrip"?: CrsId,                           // the known points written in this CRS
 *   "encodingRoundTrip"?: "utf-8" | "utf-8-bom" | "gb18030" | "utf-16le" | "utf-16be",
 *   "knownIssue"?: "sentence"                         // importer bug: the tests skip `expect`
 *                                                     // (the browser still checks browserExpect)
 * }
 * ```
 *
 * The expectations say what SHOULD happen; where the importer does otherwise the entry carries
 * `knownIssue` and tests/core/import/corpus.test.ts and tests/e2e/import-corpus.spec.ts skip it.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { format } from 'prettier';
import { ALL_CRS_IDS, fromWgs84, isDegreesCrs } from '../../src/core/crs';
import type { CrsId } from '../../src/core/crs/crs-types';
import type { ImportOptions, ImportProblemCode } from '../../src/core/import/import-types';
import type { ImportLimits } from '../../src/core/import/limits';
import {
  PRJ_4523,
  PRJ_4545,
  PRJ_WGS84,
  PRJ_XIAN80,
  writeDbf,
  writeShp,
  type DbfField,
  type ShapeKind,
  type ShapeRecord,
} from '../core/import/binary/fixtures/shapefile-writer';
import { geoTiff, plainTiff } from '../core/import/binary/fixtures/tiff';
import { workbook } from '../core/import/workbook';
import {
  concat,
  encodeGb18030,
  hugeDeclaredTiff,
  utf16,
  utf8,
  utf8Bom,
  writeZip,
  zipFiles,
} from './corpus-bytes';

export type CorpusClass =
  'encoding' | 'crs' | 'validation' | 'limits' | 'security' | 'format' | 'awkward';

export type EncodingRoundTrip = 'utf-8' | 'utf-8-bom' | 'gb18030' | 'utf-16le' | 'utf-16be';

export interface CorpusExpect {
  readonly refused: boolean;
  readonly codes: readonly ImportProblemCode[];
  readonly absentCodes?: readonly ImportProblemCode[];
  readonly features?: number;
  readonly minFeatures?: number;
  readonly firstCoordinate?: readonly [number, number, number];
  readonly property?: { readonly index: number; readonly key: string; readonly value: string };
  readonly messageIncludes?: string;
}

export interface CorpusEntry {
  readonly file: string;
  readonly name: string;
  readonly class: CorpusClass;
  readonly note: string;
  readonly options?: ImportOptions;
  readonly limits?: Partial<ImportLimits>;
  readonly expect: CorpusExpect;
  readonly browserExpect?: CorpusExpect;
  readonly crsRoundTrip?: CrsId;
  readonly encodingRoundTrip?: EncodingRoundTrip;
  readonly knownIssue?: string;
}

export interface Corpus {
  /** Path relative to tests/import-corpus/files → bytes. */
  readonly files: Map<string, Uint8Array>;
  readonly entries: CorpusEntry[];
}

// ---------------------------------------------------------------------------------------------
// the known points

interface Place {
  readonly name: string;
  readonly district: string;
  readonly lon: number;
  readonly lat: number;
}

const PLACES: readonly Place[] = [
  { name: '解放碑', district: '渝中区', lon: 106.5775, lat: 29.5594 },
  { name: '万州', district: '万州区', lon: 108.4089, lat: 30.8078 },
  { name: '黔江', district: '黔江区', lon: 108.7707, lat: 29.5332 },
];
const FIRST = PLACES[0] as Place;
/** Round trips must land within a metre. */
const AT_FIRST: readonly [number, number, number] = [FIRST.lon, FIRST.lat, 1];
const NAME_FIRST = { index: 0, key: '名称', value: FIRST.name } as const;

const CRS_SLUG = (crs: CrsId): string => crs.replace(':', '-').toLowerCase();

/** A place's position in `crs`, rounded to 1 mm (projected) or 1e-9° (degrees). */
function inCrs(crs: CrsId, place: Place): [number, number] {
  const [x = NaN, y = NaN] = fromWgs84(crs)([place.lon, place.lat]);
  const digits = isDegreesCrs(crs) ? 9 : 3;
  return [Number(x.toFixed(digits)), Number(y.toFixed(digits))];
}

// ---------------------------------------------------------------------------------------------
// text builders

type Cell = string | number;

/** One CSV line: fields quoted when they hold the delimiter, a quote or a line break. */
function csvLine(cells: readonly Cell[], delimiter = ','): string {
  return cells
    .map((cell) => {
      const text = String(cell);
      return text.includes(delimiter) || /["\r\n]/.test(text)
        ? `"${text.replaceAll('"', '""')}"`
        : text;
    })
    .join(delimiter);
}

function csv(rows: readonly (readonly Cell[])[], delimiter = ',', eol = '\n'): string {
  return rows.map((row) => csvLine(row, delimiter)).join(eol) + eol;
}

/** The three places as a CSV table with lon/lat (or other) column names. */
function placesCsv(
  x = 'lon',
  y = 'lat',
  crs: CrsId = 'EPSG:4326',
  delimiter = ',',
  eol = '\n',
): string {
  return csv(
    [['名称', '区县', x, y], ...PLACES.map((p) => [p.name, p.district, ...inCrs(crs, p)])],
    delimiter,
    eol,
  );
}

function feature(
  geometry: unknown,
  properties: Record<string, unknown> = {},
  id?: string | number,
): Record<string, unknown> {
  return id === undefined
    ? { type: 'Feature', properties, geometry }
    : { type: 'Feature', id, properties, geometry };
}

function point(place: Place, crs: CrsId = 'EPSG:4326'): unknown {
  return { type: 'Point', coordinates: inCrs(crs, place) };
}

function placeFeatures(crs: CrsId = 'EPSG:4326'): Record<string, unknown>[] {
  return PLACES.map((p) => feature(point(p, crs), { 名称: p.name, 区县: p.district }));
}

function collection(features: readonly unknown[], extra: Record<string, unknown> = {}): string {
  return JSON.stringify({ type: 'FeatureCollection', ...extra, features }, null, 1);
}

function kml(body: string, head = '<?xml version="1.0" encoding="UTF-8"?>'): string {
  return `${head}\n<kml xmlns="http://www.opengis.net/kml/2.2">\n<Document>\n${body}\n</Document>\n</kml>\n`;
}

function kmlPlacemark(name: string, coordinates: string, extra = ''): string {
  return `<Placemark><name>${name}</name>${extra}<Point><coordinates>${coordinates}</coordinates></Point></Placemark>`;
}

function placesKml(crs: CrsId = 'EPSG:4326'): string {
  return kml(PLACES.map((p) => kmlPlacemark(p.name, inCrs(crs, p).join(','))).join('\n'));
}

// ---------------------------------------------------------------------------------------------
// shapefiles

const NAME_FIELDS: readonly DbfField[] = [
  { name: 'NAME', type: 'C', length: 40 },
  { name: 'POP', type: 'N', length: 10 },
];

interface ShapefileSpec {
  readonly base?: string;
  readonly kind?: ShapeKind;
  readonly records?: readonly ShapeRecord[];
  readonly fields?: readonly DbfField[];
  readonly rows?: readonly (readonly (string | number | null)[])[];
  readonly encode?: (text: string) => Uint8Array;
  readonly prj?: string | null;
  readonly cpg?: string;
  readonly deleted?: ReadonlySet<number>;
}

function shapefileParts(spec: ShapefileSpec): Record<string, Uint8Array | string> {
  const base = spec.base ?? 'places';
  const records = spec.records ?? PLACES.map((p) => [p.lon, p.lat]);
  const { shp, shx } = writeShp(spec.kind ?? 'point', records);
  const rows = spec.rows ?? PLACES.map((p, i) => [p.name, (i + 1) * 1000]);
  const files: Record<string, Uint8Array | string> = {
    [`${base}.shp`]: shp,
    [`${base}.shx`]: shx,
    [`${base}.dbf`]: writeDbf(spec.fields ?? NAME_FIELDS, rows, spec.encode, spec.deleted),
  };
  const prj = spec.prj === undefined ? PRJ_WGS84 : spec.prj;
  if (prj !== null) files[`${base}.prj`] = prj;
  if (spec.cpg !== undefined) files[`${base}.cpg`] = spec.cpg;
  return files;
}

function shapefileZip(spec: ShapefileSpec): Uint8Array {
  return zipFiles(shapefileParts(spec));
}

const GEOGCS_CGCS2000 =
  'GEOGCS["GCS_China_Geodetic_Coordinate_System_2000",DATUM["D_China_2000",SPHEROID["CGCS2000",6378137.0,298.257222101]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]]';

const PRJ_3857 =
  'PROJCS["WGS_1984_Web_Mercator_Auxiliary_Sphere",GEOGCS["GCS_WGS_1984",DATUM["D_WGS_1984",SPHEROID["WGS_1984",6378137.0,298.257223563]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]],PROJECTION["Mercator_Auxiliary_Sphere"],PARAMETER["False_Easting",0.0],PARAMETER["False_Northing",0.0],PARAMETER["Central_Meridian",0.0],PARAMETER["Standard_Parallel_1",0.0],PARAMETER["Auxiliary_Sphere_Type",0.0],UNIT["Meter",1.0]]';

/** GDAL's OGC WKT1 for EPSG:4546, with AUTHORITY codes. */
const PRJ_4546_GDAL =
  'PROJCS["CGCS2000 / 3-degree Gauss-Kruger CM 111E",GEOGCS["China Geodetic Coordinate System 2000",DATUM["China_2000",SPHEROID["CGCS2000",6378137,298.257222101,AUTHORITY["EPSG","1024"]],AUTHORITY["EPSG","1043"]],PRIMEM["Greenwich",0,AUTHORITY["EPSG","8901"]],UNIT["degree",0.0174532925199433,AUTHORITY["EPSG","9122"]],AUTHORITY["EPSG","4490"]],PROJECTION["Transverse_Mercator"],PARAMETER["latitude_of_origin",0],PARAMETER["central_meridian",111],PARAMETER["scale_factor",1],PARAMETER["false_easting",500000],PARAMETER["false_northing",0],UNIT["metre",1,AUTHORITY["EPSG","9001"]],AUTHORITY["EPSG","4546"]]';

const PRJ_UTM48N =
  'PROJCS["WGS_1984_UTM_Zone_48N",GEOGCS["GCS_WGS_1984",DATUM["D_WGS_1984",SPHEROID["WGS_1984",6378137.0,298.257223563]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]],PROJECTION["Transverse_Mercator"],PARAMETER["False_Easting",500000.0],PARAMETER["False_Northing",0.0],PARAMETER["Central_Meridian",105.0],PARAMETER["Scale_Factor",0.9996],PARAMETER["Latitude_Of_Origin",0.0],UNIT["Meter",1.0]]';

const GK: Partial<Record<CrsId, { width: 3 | 6; zone: number; cm: number; prefixed: boolean }>> = {
  'EPSG:4523': { width: 3, zone: 35, cm: 105, prefixed: true },
  'EPSG:4524': { width: 3, zone: 36, cm: 108, prefixed: true },
  'EPSG:4525': { width: 3, zone: 37, cm: 111, prefixed: true },
  'EPSG:4544': { width: 3, zone: 35, cm: 105, prefixed: false },
  'EPSG:4545': { width: 3, zone: 36, cm: 108, prefixed: false },
  'EPSG:4546': { width: 3, zone: 37, cm: 111, prefixed: false },
  'EPSG:4496': { width: 6, zone: 18, cm: 105, prefixed: true },
  'EPSG:4497': { width: 6, zone: 19, cm: 111, prefixed: true },
  'EPSG:4507': { width: 6, zone: 18, cm: 105, prefixed: false },
  'EPSG:4508': { width: 6, zone: 19, cm: 111, prefixed: false },
};

/** ESRI-style .prj for a CRS (the names ArcGIS writes for the CGCS2000 Gauss-Krüger zones). */
function esriPrj(crs: CrsId): string {
  if (crs === 'EPSG:4326') return PRJ_WGS84;
  if (crs === 'EPSG:4490') return GEOGCS_CGCS2000;
  if (crs === 'EPSG:3857') return PRJ_3857;
  if (crs === 'EPSG:4523') return PRJ_4523;
  if (crs === 'EPSG:4545') return PRJ_4545;
  if (crs === 'EPSG:4546') return PRJ_4546_GDAL;
  const gk = GK[crs];
  if (gk === undefined) throw new Error(`No .prj for ${crs}`);
  const degree = gk.width === 3 ? '3_Degree_' : '';
  const name = gk.prefixed
    ? `CGCS2000_${degree}GK_Zone_${String(gk.zone)}`
    : `CGCS2000_${degree}GK_CM_${String(gk.cm)}E`;
  const falseEasting = gk.prefixed ? gk.zone * 1_000_000 + 500_000 : 500_000;
  return `PROJCS["${name}",${GEOGCS_CGCS2000},PROJECTION["Gauss_Kruger"],PARAMETER["False_Easting",${falseEasting.toFixed(1)}],PARAMETER["False_Northing",0.0],PARAMETER["Central_Meridian",${gk.cm.toFixed(1)}],PARAMETER["Scale_Factor",1.0],PARAMETER["Latitude_Of_Origin",0.0],UNIT["Meter",1.0]]`;
}

// ---------------------------------------------------------------------------------------------
// the corpus

interface AddSpec extends Omit<CorpusEntry, 'file' | 'name' | 'class'> {
  readonly name?: string;
}

class CorpusBuilder {
  readonly files = new Map<string, Uint8Array>();
  readonly entries: CorpusEntry[] = [];

  constructor(private cls: CorpusClass) {}

  use(cls: CorpusClass): this {
    this.cls = cls;
    return this;
  }

  /** Adds `file` (under files/<class>/) imported as `spec.name` (default: the file's name). */
  add(file: string, bytes: Uint8Array | string, spec: AddSpec): void {
    const stored = /\.(geo)?json$/i.test(file) ? `${file}.txt` : file;
    const path = `${this.cls}/${stored}`;
    if (this.files.has(path)) throw new Error(`Duplicate corpus file ${path}`);
    this.files.set(path, typeof bytes === 'string' ? utf8(bytes) : bytes);
    const { name, ...rest } = spec;
    this.entries.push({ file: path, name: name ?? file, class: this.cls, ...rest });
  }
}

const OK = (features: number, extra: Partial<CorpusExpect> = {}): CorpusExpect => ({
  refused: false,
  codes: [],
  features,
  ...extra,
});

function encodingCases(c: CorpusBuilder): void {
  c.use('encoding');
  const table = placesCsv();
  const intact = { ...OK(3), property: NAME_FIRST };
  c.add('utf8.csv', utf8(table), {
    note: 'UTF-8 without BOM, Chinese names',
    expect: { ...intact, absentCodes: ['encoding-gb18030', 'encoding-replacement'] },
    encodingRoundTrip: 'utf-8',
  });
  c.add('utf8-bom.csv', utf8Bom(table), {
    note: 'UTF-8 with BOM (Excel "CSV UTF-8"); the BOM must not end up in the first column name',
    expect: {
      ...intact,
      absentCodes: ['encoding-gb18030', 'encoding-replacement', 'csv-no-coordinate-columns'],
    },
    encodingRoundTrip: 'utf-8-bom',
  });
  c.add('gbk.csv', encodeGb18030(table), {
    note: 'GBK bytes (Excel "CSV" on Chinese Windows), detected as GB18030',
    expect: { ...intact, codes: ['encoding-gb18030'], absentCodes: ['encoding-replacement'] },
    encodingRoundTrip: 'gb18030',
  });
  c.add('gbk-chosen.csv', encodeGb18030(table), {
    note: 'GBK bytes with the encoding chosen: no detection warning',
    options: { encoding: 'gb18030' },
    expect: { ...intact, absentCodes: ['encoding-gb18030', 'encoding-replacement'] },
  });
  const rare = csv([
    ['名称', 'lon', 'lat'],
    ['𠀀字号', FIRST.lon, FIRST.lat],
  ]);
  c.add('gb18030-four-byte.csv', encodeGb18030(rare), {
    note: 'GB18030 four-byte sequence (U+20000, outside GBK)',
    expect: {
      ...OK(1),
      codes: ['encoding-gb18030'],
      property: { index: 0, key: '名称', value: '𠀀字号' },
    },
  });
  c.add('utf16le-bom.csv', utf16(table, 'le'), {
    note: 'UTF-16 little-endian with BOM (Excel "Unicode text")',
    expect: { ...intact, absentCodes: ['encoding-replacement', 'encoding-gb18030'] },
    encodingRoundTrip: 'utf-16le',
  });
  c.add('utf16be-bom.csv', utf16(table, 'be'), {
    note: 'UTF-16 big-endian with BOM',
    expect: { ...intact, absentCodes: ['encoding-replacement', 'encoding-gb18030'] },
    encodingRoundTrip: 'utf-16be',
  });
  c.add('utf16le-tab.txt', utf16(placesCsv('lon', 'lat', 'EPSG:4326', '\t', '\r\n'), 'le'), {
    note: 'Excel "Unicode text": UTF-16LE, tab-separated, CRLF, .txt',
    expect: intact,
  });
  c.add('gbk-as-utf8.csv', encodeGb18030(table), {
    note: 'GBK bytes with UTF-8 chosen: replacement characters reported',
    options: { encoding: 'utf-8' },
    expect: { ...OK(3), codes: ['encoding-replacement'] },
  });
  c.add(
    'utf8-bom-broken.csv',
    concat([
      utf8Bom('名称,lon,lat\n'),
      encodeGb18030('解放碑'),
      utf8(`,${FIRST.lon},${FIRST.lat}\n`),
    ]),
    {
      note: 'UTF-8 BOM followed by GBK bytes: decoded as UTF-8 and the broken bytes counted',
      expect: { ...OK(1), codes: ['encoding-replacement'] },
    },
  );
  c.add('gbk.geojson', encodeGb18030(collection(placeFeatures())), {
    note: 'GeoJSON in GBK',
    expect: { ...intact, codes: ['encoding-gb18030'] },
  });
  c.add('utf16le.geojson', utf16(collection(placeFeatures()), 'le'), {
    note: 'GeoJSON in UTF-16LE with BOM',
    expect: intact,
  });
  c.add('utf8-bom.geojson', utf8Bom(collection(placeFeatures())), {
    note: 'GeoJSON with a UTF-8 BOM (JSON.parse alone would fail)',
    expect: { ...intact, absentCodes: ['invalid-json'] },
  });
  c.add('gbk.kml', encodeGb18030(placesKml().replace('encoding="UTF-8"', 'encoding="GBK"')), {
    note: 'KML declared and written in GBK',
    expect: {
      ...OK(3),
      codes: ['encoding-gb18030'],
      property: { index: 0, key: 'name', value: FIRST.name },
    },
  });
  const gbkRows = PLACES.map((p, i) => [p.name, (i + 1) * 1000]);
  c.add('gbk-dbf.zip', shapefileZip({ rows: gbkRows, encode: encodeGb18030 }), {
    note: 'Shapefile whose .dbf is GBK with no .cpg',
    expect: {
      ...OK(3),
      codes: ['encoding-gb18030'],
      property: { index: 0, key: 'NAME', value: FIRST.name },
    },
  });
  c.add('gbk-dbf-cpg.zip', shapefileZip({ rows: gbkRows, encode: encodeGb18030, cpg: '936' }), {
    note: 'Shapefile whose .dbf is GBK, .cpg says 936',
    expect: {
      ...OK(3),
      absentCodes: ['encoding-gb18030', 'encoding-replacement'],
      property: { index: 0, key: 'NAME', value: FIRST.name },
    },
  });
  c.add(
    'gbk-dbf-chinese-field.zip',
    shapefileZip({
      fields: [
        { name: '名称', type: 'C', length: 40, nameBytes: encodeGb18030('名称') },
        { name: 'POP', type: 'N', length: 10 },
      ],
      rows: gbkRows,
      encode: encodeGb18030,
    }),
    {
      note: 'Shapefile with a GBK field name 名称',
      expect: { ...OK(3), codes: ['encoding-gb18030'], property: NAME_FIRST },
    },
  );
  c.add('utf8-dbf-cpg.zip', shapefileZip({ cpg: 'UTF-8' }), {
    note: 'Shapefile whose .dbf is UTF-8, .cpg says UTF-8',
    expect: {
      ...OK(3),
      absentCodes: ['encoding-gb18030', 'encoding-replacement'],
      property: { index: 0, key: 'NAME', value: FIRST.name },
    },
  });
  c.add(
    'gbk-dbf-cpg-lies.zip',
    shapefileZip({ rows: gbkRows, encode: encodeGb18030, cpg: 'UTF-8' }),
    {
      note: 'Shapefile whose .cpg says UTF-8 but the .dbf is GBK',
      expect: { ...OK(3), codes: ['encoding-replacement'] },
    },
  );
  c.add('utf16le-no-bom.csv', utf16(table, 'le', false), {
    note: 'UTF-16LE without BOM: told by its zero bytes and read',
    expect: { ...OK(3), property: { index: 0, key: '名称', value: '解放碑' } },
  });
  c.add('utf16be-no-bom.csv', utf16(table, 'be', false), {
    note: 'UTF-16BE without BOM: told by its zero bytes and read',
    expect: { ...OK(3), property: { index: 0, key: '名称', value: '解放碑' } },
  });
}

/** The GeoJSON crs member written a different way for each CRS. */
function crsMember(crs: CrsId, i: number): unknown {
  if (crs === 'EPSG:4326')
    return { type: 'name', properties: { name: 'urn:ogc:def:crs:OGC:1.3:CRS84' } };
  const code = Number(crs.slice(5));
  switch (i % 4) {
    case 0:
      return { type: 'name', properties: { name: `urn:ogc:def:crs:EPSG::${String(code)}` } };
    case 1:
      return { type: 'name', properties: { name: crs } };
    case 2:
      return { type: 'EPSG', properties: { code } };
    default:
      return {
        type: 'name',
        properties: { name: `http://www.opengis.net/def/crs/EPSG/0/${String(code)}` },
      };
  }
}

function crsCases(c: CorpusBuilder): void {
  c.use('crs');
  const intact = (extra: Partial<CorpusExpect> = {}): CorpusExpect => ({
    ...OK(3),
    firstCoordinate: AT_FIRST,
    ...extra,
  });
  // 1. Every CRS as a CSV with the system chosen.
  for (const crs of ALL_CRS_IDS) {
    const degrees = isDegreesCrs(crs);
    c.add(`rt-${CRS_SLUG(crs)}.csv`, placesCsv(degrees ? 'lon' : 'x', degrees ? 'lat' : 'y', crs), {
      note: `round trip: the three places in ${crs}, chosen in the dialog`,
      options: { crs },
      expect: intact({ absentCodes: ['far-from-chongqing', 'projected-as-degrees'] }),
      crsRoundTrip: crs,
    });
  }
  // 2. Every detectable CRS as GeoJSON naming it in its crs member.
  ALL_CRS_IDS.filter((crs) => crs !== 'GCJ-02' && crs !== 'BD-09').forEach((crs, i) => {
    c.add(
      `rt-${CRS_SLUG(crs)}.geojson`,
      collection(placeFeatures(crs), { crs: crsMember(crs, i) }),
      {
        note: `round trip: the three places in ${crs}, named by the GeoJSON crs member`,
        expect: intact({ absentCodes: ['crs-unknown', 'crs-unsupported', 'far-from-chongqing'] }),
        crsRoundTrip: crs,
      },
    );
    // 3. …and as a zipped shapefile with a .prj.
    c.add(
      `rt-${CRS_SLUG(crs)}-shp.zip`,
      shapefileZip({ records: PLACES.map((p) => inCrs(crs, p)), prj: esriPrj(crs) }),
      {
        note: `round trip: the three places in ${crs}, named by the .prj`,
        expect: intact({ absentCodes: ['crs-assumed', 'crs-unknown', 'crs-unsupported'] }),
        crsRoundTrip: crs,
      },
    );
  });
  // 4. GCJ-02 and BD-09 in KML (the offset systems are chosen, never detected).
  for (const crs of ['GCJ-02', 'BD-09'] as const) {
    c.add(`rt-${CRS_SLUG(crs)}.kml`, placesKml(crs), {
      note: `round trip: the three places in ${crs} in a KML, chosen in the dialog`,
      options: { crs },
      expect: intact(),
      crsRoundTrip: crs,
    });
  }
  // 5. Population rasters with GeoKeys: one populated pixel centred on 解放碑.
  const rasters: [CrsId, number][] = [
    ['EPSG:4326', 0.01],
    ['EPSG:4490', 0.01],
    ['EPSG:3857', 1000],
    ['EPSG:4545', 1000],
    ['EPSG:4523', 1000],
  ];
  for (const [crs, size] of rasters) {
    const [x, y] = inCrs(crs, FIRST);
    const degrees = isDegreesCrs(crs);
    c.add(
      `rt-${CRS_SLUG(crs)}.tif`,
      geoTiff({
        width: 2,
        height: 2,
        values: new Float32Array([5000, 0, 0, 0]),
        origin: [x - size / 2, y + size / 2],
        pixel: [size, size],
        ...(degrees ? { geographic: Number(crs.slice(5)) } : { projected: Number(crs.slice(5)) }),
      }),
      {
        note: `round trip: a population raster in ${crs} (GeoKeys), one pixel centred on 解放碑`,
        expect: { ...OK(1), firstCoordinate: AT_FIRST, absentCodes: ['crs-assumed'] },
        crsRoundTrip: crs,
      },
    );
  }
  // 6. The choice overrides what the file says.
  c.add(
    'chosen-overrides-member.geojson',
    collection(placeFeatures('EPSG:4545'), { crs: crsMember('EPSG:4326', 0) }),
    {
      note: 'GeoJSON in EPSG:4545 whose crs member wrongly says CRS84; the user chose EPSG:4545',
      options: { crs: 'EPSG:4545' },
      expect: intact(),
    },
  );
  c.add(
    'chosen-overrides-prj.zip',
    shapefileZip({ records: PLACES.map((p) => inCrs('EPSG:4524', p)), prj: PRJ_WGS84 }),
    {
      note: 'Shapefile in EPSG:4524 whose .prj wrongly says WGS 84; the user chose EPSG:4524',
      options: { crs: 'EPSG:4524' },
      expect: intact(),
    },
  );
  // 7. Detection of what went wrong.
  c.add(
    'swapped-lat-lon.csv',
    csv([['名称', 'lon', 'lat'], ...PLACES.map((p) => [p.name, p.lat, p.lon])]),
    {
      note: 'latitude in the lon column and longitude in the lat column',
      expect: {
        refused: false,
        codes: ['swapped-lat-lon', 'out-of-range'],
        features: 0,
        messageIncludes: 'swap',
      },
    },
  );
  c.add(
    'swapped-lat-lon.geojson',
    collection(PLACES.map((p) => feature({ type: 'Point', coordinates: [p.lat, p.lon] }))),
    {
      note: 'GeoJSON positions written [lat, lon]',
      expect: { refused: false, codes: ['swapped-lat-lon', 'out-of-range'], features: 0 },
    },
  );
  c.add(
    'swapped-columns-chosen.csv',
    csv([['名称', 'a', 'b'], ...PLACES.map((p) => [p.name, p.lat, p.lon])]),
    {
      note: 'x/y columns chosen the wrong way round',
      options: { xColumn: 'a', yColumn: 'b' },
      expect: { refused: false, codes: ['swapped-lat-lon'], features: 0 },
    },
  );
  c.add('projected-as-degrees.csv', placesCsv('lon', 'lat', 'EPSG:4545'), {
    note: 'Gauss-Krüger metres (EPSG:4545) in lon/lat columns, no system chosen',
    expect: {
      refused: false,
      codes: ['projected-as-degrees', 'out-of-range'],
      features: 0,
      messageIncludes: 'EPSG:4545',
    },
  });
  c.add('projected-as-degrees-3857.geojson', collection(placeFeatures('EPSG:3857')), {
    note: 'Web Mercator metres in a GeoJSON without a crs member',
    expect: {
      refused: false,
      codes: ['projected-as-degrees', 'out-of-range'],
      features: 0,
      messageIncludes: 'EPSG:3857',
    },
  });
  c.add('projected-as-degrees-prefixed.csv', placesCsv('x', 'y', 'EPSG:4524'), {
    note: 'Gauss-Krüger metres with zone prefix (EPSG:4524) in x/y columns, no system chosen',
    expect: {
      refused: false,
      codes: ['projected-as-degrees'],
      features: 0,
      messageIncludes: 'EPSG:4524',
    },
  });
  c.add(
    'projected-no-prj.zip',
    shapefileZip({ records: PLACES.map((p) => inCrs('EPSG:4545', p)), prj: null }),
    {
      note: 'Shapefile in EPSG:4545 without a .prj',
      expect: { refused: false, codes: ['crs-assumed', 'projected-as-degrees'], features: 0 },
    },
  );
  c.add('no-prj.zip', shapefileZip({ prj: null }), {
    note: 'Shapefile in degrees without a .prj: WGS 84 assumed, said so',
    expect: { ...OK(3), codes: ['crs-assumed'], firstCoordinate: AT_FIRST },
  });
  c.add(
    'far-beijing.csv',
    csv([
      ['名称', 'lon', 'lat'],
      ['天安门', 116.3975, 39.9087],
      ['王府井', 116.4109, 39.9147],
    ]),
    {
      note: 'valid points 1,500 km away in Beijing',
      expect: { ...OK(2), codes: ['far-from-chongqing'] },
    },
  );
  c.add(
    'far-london.geojson',
    collection([feature({ type: 'Point', coordinates: [-0.1276, 51.5072] }, { name: 'London' })]),
    {
      note: 'a point in London',
      expect: { ...OK(1), codes: ['far-from-chongqing'] },
    },
  );
  c.add(
    'wrong-zone.geojson',
    collection(placeFeatures('EPSG:4544'), { crs: crsMember('EPSG:4546', 0) }),
    {
      note: 'metres in CM 105°E declared as CM 111°E: lands 6° too far east',
      expect: { ...OK(3), codes: ['far-from-chongqing'], messageIncludes: 'EPSG:4544' },
    },
  );
  c.add('gcj02-unchosen.csv', placesCsv('lon', 'lat', 'GCJ-02'), {
    note: 'GCJ-02 numbers read as WGS 84 (cannot be detected): imported ~500 m off, no refusal',
    expect: { ...OK(3), absentCodes: ['far-from-chongqing'] },
  });
  // 8. Systems the atlas does not read.
  c.add(
    'crs-unsupported-utm.geojson',
    collection(placeFeatures(), { crs: crsMember('EPSG:4326', 0) }).replace(
      'urn:ogc:def:crs:OGC:1.3:CRS84',
      'urn:ogc:def:crs:EPSG::32648',
    ),
    {
      note: 'GeoJSON crs member naming UTM 48N (EPSG:32648)',
      expect: { refused: true, codes: ['crs-unsupported'], features: 0 },
    },
  );
  c.add(
    'crs-link.geojson',
    collection(placeFeatures(), {
      crs: { type: 'link', properties: { href: 'http://example.com/crs', type: 'proj4' } },
    }),
    {
      note: 'GeoJSON crs member of type link',
      expect: { refused: true, codes: ['crs-unsupported'], features: 0 },
    },
  );
  c.add(
    'crs-unknown-name.geojson',
    collection(placeFeatures(), { crs: { type: 'name', properties: { name: '西安80' } } }),
    {
      note: 'GeoJSON crs member naming something that is not a CRS name',
      expect: { refused: true, codes: ['crs-unknown'], features: 0 },
    },
  );
  c.add('crs-member-string.geojson', collection(placeFeatures(), { crs: 'EPSG:4326' }), {
    note: 'GeoJSON crs member that is a bare string',
    expect: { refused: true, codes: ['crs-unknown'], features: 0 },
  });
  c.add('xian80-prj.zip', shapefileZip({ prj: PRJ_XIAN80 }), {
    note: 'Shapefile .prj on the Xian 1980 datum',
    expect: { refused: true, codes: ['crs-unsupported'], features: 0 },
  });
  c.add('utm-prj.zip', shapefileZip({ prj: PRJ_UTM48N }), {
    note: 'Shapefile .prj in WGS 84 UTM zone 48N',
    expect: { refused: true, codes: ['crs-unsupported'], features: 0 },
  });
  c.add('garbage-prj.zip', shapefileZip({ prj: 'this is not WKT' }), {
    note: 'Shapefile .prj holding text that is not WKT',
    expect: { refused: true, codes: ['crs-unknown'], features: 0 },
  });
  c.add('empty-prj.zip', shapefileZip({ prj: '' }), {
    note: 'Shapefile with an empty .prj',
    expect: { refused: true, codes: ['crs-unknown'], features: 0 },
  });
  c.add(
    'utm.tif',
    geoTiff({
      width: 2,
      height: 2,
      values: new Float32Array([10, 10, 10, 10]),
      origin: [400000, 3300000],
      pixel: [1000, 1000],
      projected: 32648,
    }),
    {
      note: 'population raster in UTM 48N',
      expect: { refused: true, codes: ['crs-unsupported'], features: 0 },
    },
  );
  c.add(
    'far-raster.tif',
    geoTiff({
      width: 2,
      height: 2,
      values: new Float32Array([10, 10, 10, 10]),
      origin: [2.3, 48.9],
      pixel: [0.01, 0.01],
      geographic: 4326,
    }),
    {
      note: 'population raster over Paris',
      expect: { ...OK(4), codes: ['far-from-chongqing'] },
    },
  );
}

function validationCases(c: CorpusBuilder): void {
  c.use('validation');
  const good = feature(point(FIRST), { 名称: FIRST.name });
  const gj = (features: unknown[]): string => collection(features);
  c.add('null-geometry.geojson', gj([good, feature(null, { 名称: '无坐标' })]), {
    note: 'a feature with geometry null next to a good one',
    expect: { ...OK(1), codes: ['null-geometry'] },
  });
  c.add(
    'missing-geometry.geojson',
    JSON.stringify({
      type: 'FeatureCollection',
      features: [good, { type: 'Feature', properties: {} }],
    }),
    {
      note: 'a feature with no geometry member',
      expect: { ...OK(1), codes: ['null-geometry'] },
    },
  );
  c.add('empty-point.geojson', gj([good, feature({ type: 'Point', coordinates: [] })]), {
    note: 'a Point with empty coordinates',
    expect: { ...OK(1), codes: ['empty-geometry'] },
  });
  c.add('empty-polygon.geojson', gj([good, feature({ type: 'Polygon', coordinates: [] })]), {
    note: 'a Polygon with no rings',
    expect: { ...OK(1), codes: ['empty-geometry'] },
  });
  c.add(
    'empty-collection.geojson',
    gj([good, feature({ type: 'GeometryCollection', geometries: [] })]),
    {
      note: 'an empty GeometryCollection',
      expect: { ...OK(1), codes: ['empty-geometry'] },
    },
  );
  const ring = (close: boolean): number[][] => {
    const r = [
      [106.55, 29.55],
      [106.6, 29.55],
      [106.6, 29.6],
      [106.55, 29.6],
    ];
    return close ? [...r, [106.55, 29.55]] : r;
  };
  c.add(
    'unclosed-ring.geojson',
    gj([good, feature({ type: 'Polygon', coordinates: [ring(false)] })]),
    {
      note: 'a polygon ring whose last position differs from the first',
      expect: { ...OK(1), codes: ['unclosed-ring'] },
    },
  );
  c.add(
    'unclosed-ring.kml',
    kml(
      `<Placemark><name>区</name><Polygon><outerBoundaryIs><LinearRing><coordinates>${ring(false)
        .map((p) => p.join(','))
        .join(
          ' ',
        )}</coordinates></LinearRing></outerBoundaryIs></Polygon></Placemark>\n${kmlPlacemark(FIRST.name, `${String(FIRST.lon)},${String(FIRST.lat)}`)}`,
    ),
    {
      note: 'a KML polygon whose ring is not closed',
      expect: { ...OK(1), codes: ['unclosed-ring'] },
    },
  );
  const bowtie = [
    [106.5, 29.5],
    [106.6, 29.6],
    [106.6, 29.5],
    [106.5, 29.6],
    [106.5, 29.5],
  ];
  c.add(
    'self-intersecting.geojson',
    gj([feature({ type: 'Polygon', coordinates: [bowtie] }, { 名称: '蝴蝶结' })]),
    {
      note: 'a bow-tie polygon: kept, with a warning',
      expect: { ...OK(1), codes: ['self-intersection'] },
    },
  );
  c.add(
    'self-intersecting-shp.zip',
    shapefileZip({ kind: 'polygon', records: [[bowtie]], rows: [['蝴蝶结', 1]] }),
    {
      note: 'a bow-tie polygon in a shapefile',
      expect: { ...OK(1), codes: ['self-intersection'] },
    },
  );
  c.add(
    'short-ring.geojson',
    gj([
      good,
      feature({
        type: 'Polygon',
        coordinates: [
          [
            [106.5, 29.5],
            [106.6, 29.6],
            [106.5, 29.5],
          ],
        ],
      }),
    ]),
    {
      note: 'a polygon ring of three positions',
      expect: { ...OK(1), codes: ['too-few-positions'] },
    },
  );
  c.add(
    'one-point-line.geojson',
    gj([good, feature({ type: 'LineString', coordinates: [[106.5, 29.5]] })]),
    {
      note: 'a LineString of one position',
      expect: { ...OK(1), codes: ['too-few-positions'] },
    },
  );
  c.add('out-of-range.geojson', gj([good, feature({ type: 'Point', coordinates: [200, 95] })]), {
    note: 'a position outside ±180/±90',
    expect: { ...OK(1), codes: ['out-of-range'] },
  });
  c.add(
    'out-of-range.csv',
    csv([
      ['名称', 'lon', 'lat'],
      [FIRST.name, FIRST.lon, FIRST.lat],
      ['坏点', 181, 29.5],
      ['坏点2', 106.5, -91],
    ]),
    {
      note: 'CSV rows with longitude 181 and latitude -91',
      expect: { ...OK(1), codes: ['out-of-range'] },
    },
  );
  c.add(
    'infinite.geojson',
    `{"type":"FeatureCollection","features":[${JSON.stringify(good)},{"type":"Feature","properties":{},"geometry":{"type":"Point","coordinates":[1e999,29.5]}}]}`,
    {
      note: 'a coordinate 1e999 (Infinity once parsed)',
      expect: { ...OK(1), codes: ['non-finite-coordinate'] },
    },
  );
  c.add(
    'infinite.csv',
    csv([
      ['名称', 'lon', 'lat'],
      [FIRST.name, FIRST.lon, FIRST.lat],
      ['无穷', '1e400', 29.5],
    ]),
    {
      note: 'a CSV coordinate 1e400 (Infinity as a number)',
      expect: { ...OK(1), codes: ['non-finite-coordinate'] },
    },
  );
  c.add('point-without-coordinates.geojson', gj([good, feature({ type: 'Point' })]), {
    note: 'a Point with no coordinates member',
    expect: { ...OK(1), codes: ['invalid-geometry'] },
  });
  c.add(
    'polygon-one-level-short.geojson',
    gj([good, feature({ type: 'Polygon', coordinates: ring(true) })]),
    {
      note: 'Polygon coordinates missing the ring level',
      expect: { ...OK(1), codes: ['invalid-geometry'] },
    },
  );
  c.add(
    'string-coordinates.geojson',
    gj([good, feature({ type: 'Point', coordinates: ['106.5', '29.5'] })]),
    {
      note: 'coordinates written as strings',
      expect: { ...OK(1), codes: ['invalid-geometry'] },
    },
  );
  c.add(
    'unknown-geometry-type.geojson',
    gj([good, feature({ type: 'Circle', coordinates: [106.5, 29.5], radius: 100 })]),
    {
      note: 'a geometry of type Circle',
      expect: { ...OK(1), codes: ['invalid-geometry'] },
    },
  );
  c.add(
    'not-a-feature.geojson',
    JSON.stringify({ type: 'FeatureCollection', features: [good, 42, 'text', null] }),
    {
      note: 'features that are a number, a string and null',
      expect: { ...OK(1), codes: ['invalid-geometry'] },
    },
  );
  c.add(
    'non-numeric-population.csv',
    csv([
      ['名称', 'lon', 'lat', 'population'],
      [FIRST.name, FIRST.lon, FIRST.lat, '很多'],
      ['万州', 108.4089, 30.8078, '1,234'],
    ]),
    {
      note: 'population "很多" (kept as text, warned); "1,234" read as 1234',
      expect: { ...OK(2), codes: ['non-numeric-population'] },
    },
  );
  c.add(
    'non-numeric-population-demand.csv',
    csv([
      ['名称', 'lon', 'lat', '人口'],
      [FIRST.name, FIRST.lon, FIRST.lat, 'N/A'],
      ['万州', 108.4089, 30.8078, '5000'],
    ]),
    {
      note: 'as demand, a population "N/A" refuses that row',
      options: { role: 'demand' },
      expect: { ...OK(1), codes: ['non-numeric-population'] },
    },
  );
  c.add('demand-without-population.geojson', gj(placeFeatures()), {
    note: 'as demand, features without any population attribute',
    options: { role: 'demand' },
    expect: { refused: false, codes: ['non-numeric-population'], features: 0 },
  });
  c.add(
    'negative-population.csv',
    csv([
      ['名称', 'lon', 'lat', 'population'],
      [FIRST.name, FIRST.lon, FIRST.lat, -5],
      ['万州', 108.4089, 30.8078, 100],
    ]),
    {
      note: 'a population of -5',
      expect: { ...OK(2), codes: ['negative-population'] },
    },
  );
  c.add(
    'negative-population.tif',
    geoTiff({
      width: 2,
      height: 2,
      values: new Float32Array([100, -3, -3, 50]),
      origin: [106.5, 29.6],
      pixel: [0.01, 0.01],
      geographic: 4326,
    }),
    {
      note: 'a raster with negative pixels (not the nodata value)',
      expect: { ...OK(2), codes: ['negative-population'] },
    },
  );
  c.add(
    'implausible-population.tif',
    geoTiff({
      width: 2,
      height: 2,
      values: new Float32Array([100, 3.4e38, 3.4e38, 50]),
      origin: [106.5, 29.6],
      pixel: [0.01, 0.01],
      geographic: 4326,
    }),
    {
      note: 'two pixels of 3.4e38 people (an undeclared nodata value): skipped, not summed',
      expect: { ...OK(2), codes: ['implausible-population'] },
    },
  );
  c.add(
    'duplicate-id.geojson',
    gj([
      feature(point(PLACES[0] as Place), {}, 7),
      feature(point(PLACES[1] as Place), {}, 7),
      feature(point(PLACES[2] as Place), {}, 'a'),
    ]),
    {
      note: 'two features with id 7: both kept, warned',
      expect: { ...OK(3), codes: ['duplicate-id'] },
    },
  );
  c.add(
    'duplicate-id.csv',
    csv([['id', '名称', 'lon', 'lat'], ...PLACES.map((p) => ['A1', p.name, p.lon, p.lat])]),
    {
      note: 'an id column with the same value in every row',
      expect: { ...OK(3), codes: ['duplicate-id'] },
    },
  );
  c.add(
    'mixed-geometry.geojson',
    gj([
      good,
      feature({
        type: 'LineString',
        coordinates: [
          [106.5, 29.5],
          [106.6, 29.6],
        ],
      }),
      feature({ type: 'Polygon', coordinates: [ring(true)] }),
    ]),
    {
      note: 'a point, a line and a polygon in one file',
      expect: { ...OK(3), codes: ['mixed-geometry-types'] },
    },
  );
  c.add(
    'mixed-geometry.kml',
    kml(
      `${kmlPlacemark(FIRST.name, `${String(FIRST.lon)},${String(FIRST.lat)}`)}\n<Placemark><name>线</name><LineString><coordinates>106.5,29.5 106.6,29.6</coordinates></LineString></Placemark>`,
    ),
    {
      note: 'KML with a point and a line',
      expect: { ...OK(2), codes: ['mixed-geometry-types'] },
    },
  );
  c.add(
    'absurd-extent.geojson',
    gj([
      good,
      feature(
        {
          type: 'LineString',
          coordinates: [
            [106.5, 29.5],
            [140.0, 35.0],
          ],
        },
        { 名称: '到东京' },
      ),
    ]),
    {
      note: 'a line 3,000 km long: kept, warned',
      expect: { ...OK(2), codes: ['absurd-size'] },
    },
  );
  const many: Record<string, number> = {};
  for (let i = 0; i < 520; i += 1) many[`f${String(i)}`] = i;
  c.add('too-many-attributes.geojson', gj([feature(point(FIRST), many)]), {
    note: '520 attributes on one feature (limit 500)',
    expect: { ...OK(1), codes: ['absurd-size'] },
  });
  c.add(
    'long-string.geojson',
    gj([feature(point(FIRST), { 名称: FIRST.name, 备注: '长'.repeat(12000) })]),
    {
      note: 'an attribute of 12,000 characters (limit 10,000)',
      expect: { ...OK(1), codes: ['absurd-size'], property: NAME_FIRST },
    },
  );
  c.add(
    'missing-coordinate.csv',
    csv([
      ['名称', 'lon', 'lat'],
      [FIRST.name, FIRST.lon, FIRST.lat],
      ['空', '', 29.5],
    ]),
    {
      note: 'an empty lon cell',
      expect: { ...OK(1), codes: ['missing-coordinate'] },
    },
  );
  c.add(
    'non-numeric-coordinate.csv',
    csv([
      ['名称', 'lon', 'lat'],
      [FIRST.name, FIRST.lon, FIRST.lat],
      ['字', '东经一百零六度', 29.5],
      ['分超六十', '106°61\'39"', '29°33\'34"'],
    ]),
    {
      note: 'coordinates written in words, and degrees-minutes-seconds with 61 minutes',
      expect: { ...OK(1), codes: ['non-numeric-coordinate'] },
    },
  );
  c.add(
    'degrees-minutes-seconds.csv',
    csv([
      ['名称', 'lon', 'lat'],
      [FIRST.name, '106°34\'39"E', '29°33\'34"N'],
      ['万州', '东经108度24分32秒', '北纬30度48分28秒'],
    ]),
    {
      note: 'degrees-minutes-seconds, with hemisphere letters or 东经/北纬: read as degrees',
      expect: { ...OK(2), firstCoordinate: [106.5775, 29.5594, 60] },
    },
  );
  c.add(
    'decimal-comma.csv',
    csv(
      [
        ['名称', 'lon', 'lat'],
        [FIRST.name, '106,5775', '29,5594'],
        ['万州', 108.4089, 30.8078],
      ],
      ';',
    ),
    {
      note: 'semicolon CSV with decimal commas (European Excel)',
      expect: { ...OK(1), codes: ['non-numeric-coordinate'], messageIncludes: 'decimal comma' },
    },
  );
  c.add(
    'ragged-rows.csv',
    `名称,lon,lat,备注\n${FIRST.name},${String(FIRST.lon)},${String(FIRST.lat)}\n万州,108.4089,30.8078,a,b,c\n黔江,108.7707,29.5332,ok\n`,
    {
      note: 'rows with fewer and more fields than the header: kept, warned',
      expect: { ...OK(3), codes: ['row-column-count'] },
    },
  );
  c.add(
    'unterminated-quote.csv',
    `名称,lon,lat\n${FIRST.name},${String(FIRST.lon)},${String(FIRST.lat)}\n"万州,108.4089,30.8078\n黔江,108.7707,29.5332\n`,
    {
      note: 'an opening quote never closed',
      expect: { refused: false, codes: ['row-column-count'], minFeatures: 1 },
    },
  );
  c.add(
    'no-coordinate-columns.csv',
    csv([
      ['名称', '备注'],
      [FIRST.name, '渝中区民族路'],
      ['万州', '万州区'],
    ]),
    {
      note: 'a table with names and notes, neither coordinates nor address columns',
      expect: { refused: true, codes: ['csv-no-coordinate-columns'], features: 0 },
    },
  );
  c.add(
    'addresses-only.csv',
    csv([
      ['名称', '地址'],
      [FIRST.name, '重庆市渝中区解放碑街道民族路'],
      ['万州', '万州区'],
      ['龙溪', '龙溪'],
      ['北京', '北京市朝阳区'],
    ]),
    {
      note: 'addresses without coordinates: placed at the 街道 and 区县, an ambiguous and a foreign address reported',
      expect: {
        refused: false,
        codes: ['address-placed', 'address-unmatched'],
        features: 2,
        messageIncludes: '龙溪街道（渝北区）',
      },
    },
  );
  c.add('chosen-columns-missing.csv', placesCsv(), {
    note: 'x/y columns chosen that the header does not have',
    options: { xColumn: 'X坐标', yColumn: 'Y坐标' },
    expect: { refused: true, codes: ['csv-no-coordinate-columns'], features: 0 },
  });
  c.add('header-only.csv', '名称,lon,lat\n', {
    note: 'a header and no rows',
    expect: { refused: true, codes: ['csv-no-rows'], features: 0 },
  });
  c.add('header-and-blank-lines.csv', '名称,lon,lat\n\n\n\n', {
    note: 'a header followed by blank lines only',
    expect: { refused: true, codes: ['csv-no-rows'], features: 0 },
  });
  c.add('invalid-json.geojson', collection(placeFeatures()).slice(0, 200), {
    note: 'GeoJSON cut off in the middle',
    expect: { refused: true, codes: ['invalid-json'], features: 0 },
  });
  c.add(
    'trailing-comma.geojson',
    '{"type":"FeatureCollection","features":[{"type":"Feature","properties":{},"geometry":{"type":"Point","coordinates":[106.5,29.5]}},]}',
    {
      note: 'a trailing comma (JavaScript, not JSON)',
      expect: { refused: true, codes: ['invalid-json'], features: 0 },
    },
  );
  c.add('not-geojson.json', JSON.stringify({ name: '网点', items: [1, 2, 3] }), {
    note: 'JSON that is not GeoJSON',
    expect: { refused: true, codes: ['not-geojson'], features: 0 },
  });
  c.add(
    'features-not-array.geojson',
    JSON.stringify({ type: 'FeatureCollection', features: { a: 1 } }),
    {
      note: 'a FeatureCollection whose features is an object',
      expect: { refused: true, codes: ['not-geojson'], features: 0 },
    },
  );
  c.add('json-string.geojson', '"hello"', {
    note: 'a JSON string',
    expect: { refused: true, codes: ['not-geojson'], features: 0 },
  });
  c.add(
    'invalid-xml.kml',
    kml('<Placemark><name>坏</name><Point><coordinates>106.5,29.5</coordinates></Point>'),
    {
      note: 'KML with an unclosed Placemark',
      expect: { refused: true, codes: ['invalid-xml'], features: 0 },
    },
  );
  c.add('html-as-kml.kml', '<!DOCTYPE html><html><body><p>Not found<br></body></html>\n', {
    note: 'an HTML error page saved as .kml',
    expect: { refused: true, codes: ['invalid-xml'], features: 0 },
  });
  c.add('no-placemarks.kml', kml('<Folder><name>空文件夹</name></Folder>'), {
    note: 'KML with folders but no Placemark',
    expect: { refused: true, codes: ['no-placemarks'], features: 0 },
  });
  c.add(
    'placemark-without-geometry.kml',
    kml(
      `<Placemark><name>无坐标</name></Placemark>\n${kmlPlacemark(FIRST.name, `${String(FIRST.lon)},${String(FIRST.lat)}`)}`,
    ),
    {
      note: 'a Placemark without geometry next to a good one',
      expect: { ...OK(1), codes: ['null-geometry'] },
    },
  );
  c.add('empty.csv', new Uint8Array(0), {
    note: 'a file of 0 bytes',
    expect: { refused: true, codes: ['empty-file'], features: 0 },
  });
  c.add('blank.geojson', ' \n\n\t\r\n ', {
    note: 'a file of blank space',
    expect: { refused: true, codes: ['empty-file'], features: 0 },
  });
  c.add(
    'all-zero.tif',
    geoTiff({
      width: 2,
      height: 2,
      values: new Float32Array([0, 0, 0, 0]),
      origin: [106.5, 29.6],
      pixel: [0.01, 0.01],
      geographic: 4326,
    }),
    {
      note: 'a population raster of zeros',
      expect: { refused: false, codes: ['empty-file'], features: 0 },
    },
  );
  c.add('report.docx', 'PK-like? no: plain words in a .docx', {
    note: 'a file with an extension the atlas does not read',
    expect: { refused: true, codes: ['unknown-format'], features: 0 },
  });
  c.add('no-extension', 'just some words\nand more\n', {
    note: 'no extension, text that is not JSON or XML',
    expect: { refused: true, codes: ['unknown-format'], features: 0 },
  });
  c.add('only-dbf.zip', zipFiles({ 'places.dbf': writeDbf(NAME_FIELDS, [['a', 1]]) }), {
    note: 'a zip with a .dbf and no .shp',
    expect: { refused: true, codes: ['shapefile-missing-part'], features: 0 },
  });
  c.add('no-shapefile.zip', zipFiles({ 'readme.txt': 'nothing here' }), {
    note: 'a zip with no shapefile at all',
    expect: { refused: true, codes: ['shapefile-missing-part'], features: 0 },
  });
  const noDbf = shapefileParts({});
  delete noDbf['places.dbf'];
  c.add('no-dbf.zip', zipFiles(noDbf), {
    note: 'a .shp without its .dbf: shapes kept, warned',
    expect: { ...OK(3), codes: ['shapefile-missing-part'] },
  });
  const truncated = shapefileParts({});
  const shp = truncated['places.shp'] as Uint8Array;
  truncated['places.shp'] = shp.subarray(0, shp.length - 10);
  c.add('truncated-shp.zip', zipFiles(truncated), {
    note: 'a .shp cut off in its last record',
    expect: { ...OK(2), codes: ['shapefile-corrupt'] },
  });
  const notShp = shapefileParts({});
  notShp['places.shp'] = utf8(
    'not a shapefile at all, just text that is long enough to pass 100 bytes of header check........................',
  );
  c.add('not-a-shp.zip', zipFiles(notShp), {
    note: 'a .shp that is text',
    expect: { refused: true, codes: ['shapefile-corrupt'], features: 0 },
  });
  c.add('deleted-records.zip', shapefileZip({ deleted: new Set([1]) }), {
    note: 'a .dbf record marked deleted',
    expect: { ...OK(2), codes: ['shapefile-corrupt'] },
  });
  c.add(
    'dbf-fewer-rows.zip',
    zipFiles({ ...shapefileParts({}), 'places.dbf': writeDbf(NAME_FIELDS, [['only', 1]]) }),
    {
      note: 'a .dbf with fewer records than the .shp',
      expect: { ...OK(3), codes: ['shapefile-corrupt'] },
    },
  );
  c.add(
    'null-shapes.zip',
    shapefileZip({ records: [[FIRST.lon, FIRST.lat], null, [108.4089, 30.8078]] }),
    {
      note: 'a shapefile with a Null shape record',
      expect: { ...OK(2), codes: ['null-geometry'] },
    },
  );
  c.add('plain.tif', plainTiff(2, 2, new Float32Array([1, 2, 3, 4])), {
    note: 'a TIFF without geo-referencing',
    expect: { refused: true, codes: ['geotiff-no-georeference'], features: 0 },
  });
  c.add(
    'truncated.tif',
    geoTiff({
      width: 4,
      height: 4,
      values: new Float32Array(16).fill(7),
      origin: [106.5, 29.6],
      pixel: [0.01, 0.01],
      geographic: 4326,
    }).subarray(0, 60),
    {
      note: 'a GeoTIFF cut off after 60 bytes',
      expect: { refused: true, codes: ['geotiff-unreadable'], features: 0 },
    },
  );
  c.add(
    'tiff-magic-only.tif',
    new Uint8Array([0x49, 0x49, 0x2a, 0x00, 0xff, 0xff, 0xff, 0x7f, 1, 2, 3]),
    {
      note: 'TIFF magic bytes and an IFD offset pointing past the end',
      expect: { refused: true, codes: ['geotiff-unreadable'], features: 0 },
    },
  );
  c.add(
    'rgb.tif',
    geoTiff({
      width: 2,
      height: 2,
      values: new Uint8Array(12).fill(200),
      origin: [106.5, 29.6],
      pixel: [0.01, 0.01],
      geographic: 4326,
      bands: 3,
    }),
    {
      note: 'an RGB image, not population: read with a warning',
      expect: { refused: false, codes: ['geotiff-unreadable'], minFeatures: 1 },
    },
  );
  c.add(
    'corrupt.zip',
    concat([new Uint8Array([0x50, 0x4b, 0x03, 0x04]), utf8('garbage that is not a zip at all')]),
    {
      note: 'zip magic then garbage',
      expect: { refused: true, codes: ['unreadable'], features: 0 },
    },
  );
  const encrypted = shapefileParts({});
  c.add(
    'encrypted.zip',
    writeZip(
      Object.entries(encrypted).map(([name, data]) => ({
        name,
        data: typeof data === 'string' ? utf8(data) : data,
        flags: 0x801,
      })),
    ),
    {
      note: 'a password-protected zip',
      expect: { refused: true, codes: ['unreadable'], features: 0 },
    },
  );
  c.add(
    'bzip2.zip',
    writeZip(
      Object.entries(encrypted).map(([name, data]) => ({
        name,
        data: typeof data === 'string' ? utf8(data) : data,
        method: 12,
      })),
    ),
    {
      note: 'a zip using bzip2 (method 12)',
      expect: { refused: true, codes: ['unreadable'], features: 0 },
    },
  );
  c.add(
    'twice-doc.kmz',
    writeZip([
      { name: 'doc.kml', data: utf8(placesKml()) },
      { name: 'doc.kml', data: utf8('<kml><Document></Document></kml>') },
    ]),
    {
      note: 'a KMZ with two entries named doc.kml: the first is read, the other named',
      expect: { ...OK(3), codes: ['duplicate-entry'] },
    },
  );
  c.add('empty-kmz.kmz', zipFiles({ 'images/a.png': new Uint8Array([0x89, 0x50, 0x4e, 0x47]) }), {
    note: 'a KMZ without any .kml inside',
    expect: { refused: true, codes: ['no-placemarks'], features: 0 },
  });
}

function limitsCases(c: CorpusBuilder): void {
  c.use('limits');
  const zeros = new Uint8Array(10 * 1024 * 1024);
  c.add(
    'bomb-ratio.zip',
    writeZip([
      { name: 'places.shp', data: zeros },
      { name: 'places.dbf', data: new Uint8Array(100) },
    ]),
    {
      note: '10 MiB of zeros deflated ~1000×: a zip bomb by ratio',
      expect: { refused: true, codes: ['zip-bomb'], features: 0, messageIncludes: 'zip bomb' },
    },
  );
  c.add(
    'bomb.xlsx',
    writeZip([
      { name: '[Content_Types].xml', data: utf8('<Types/>') },
      { name: 'xl/worksheets/sheet1.xml', data: zeros },
    ]),
    {
      note: 'a zip bomb named .xlsx: refused before the spreadsheet library sees it',
      expect: { refused: true, codes: ['zip-bomb'], features: 0, messageIncludes: 'zip bomb' },
    },
  );
  c.add(
    'bomb-declared.zip',
    writeZip([{ name: 'places.shp', data: utf8('small'), method: 0, declaredSize: 0xfffffff0 }]),
    {
      note: 'a directory declaring a 4 GiB entry',
      expect: { refused: true, codes: ['zip-bomb'], features: 0 },
    },
  );
  const lying = new Uint8Array(512 * 1024).fill(0x41);
  c.add(
    'bomb-lying-header.zip',
    writeZip([{ name: 'places.shp', data: lying, declaredSize: 1000 }]),
    {
      note: 'an entry declaring 1,000 bytes that inflates to 512 KiB',
      expect: { refused: true, codes: ['zip-bomb'], features: 0 },
    },
  );
  c.add(
    'bomb.kmz',
    writeZip([{ name: 'doc.kml', data: new Uint8Array(20 * 1024 * 1024).fill(0x20) }]),
    {
      note: 'a KMZ whose doc.kml is 20 MiB of spaces',
      expect: { refused: true, codes: ['zip-bomb'], features: 0 },
    },
  );
  c.add(
    'many-entries.zip',
    writeZip(
      Array.from({ length: 1001 }, (_, i) => ({
        name: `f${String(i)}.txt`,
        data: new Uint8Array(0),
        method: 0,
      })),
    ),
    {
      note: 'a zip of 1,001 empty entries (limit 1,000)',
      expect: { refused: true, codes: ['zip-too-many-entries'], features: 0 },
    },
  );
  c.add(
    'many-entries-forged.zip',
    writeZip([{ name: 'a.shp', data: new Uint8Array(0), method: 0 }], 65535),
    {
      note: 'an end record claiming 65,535 entries',
      expect: { refused: true, codes: ['zip-too-many-entries'], features: 0 },
    },
  );
  c.add('nested.zip', zipFiles({ 'inner.zip': shapefileZip({}) }), {
    note: 'a shapefile zip inside a zip (not opened)',
    expect: { refused: true, codes: ['shapefile-missing-part'], features: 0 },
  });
  c.add('huge-raster.tif', hugeDeclaredTiff(100_000, 100_000), {
    note: 'a 300-byte TIFF declaring 100,000 × 100,000 pixels',
    expect: { refused: true, codes: ['file-too-large'], features: 0, messageIncludes: 'pixels' },
  });
  const rows: Cell[][] = [['名称', 'lon', 'lat']];
  for (let i = 0; i < 1001; i += 1)
    rows.push([
      `点${String(i)}`,
      (106 + (i % 100) / 100).toFixed(2),
      (29 + Math.floor(i / 100) / 10).toFixed(2),
    ]);
  c.add('too-many-rows.csv', csv(rows), {
    note: '1,001 rows with the row limit lowered to 1,000 (Node only; the browser keeps them all)',
    limits: { maxFeatures: 1000 },
    expect: { refused: true, codes: ['too-many-features'], features: 0 },
    browserExpect: OK(1001),
  });
  c.add(
    'too-many-features.geojson',
    collection(
      rows
        .slice(1, 51)
        .map((r) => feature({ type: 'Point', coordinates: [Number(r[1]), Number(r[2])] })),
    ),
    {
      note: '50 features with the feature limit lowered to 10 (Node only)',
      limits: { maxFeatures: 10 },
      expect: { refused: true, codes: ['too-many-features'], features: 0 },
      browserExpect: OK(50),
    },
  );
  c.add(
    'too-many-shapes.zip',
    shapefileZip({
      records: rows.slice(1, 31).map((r) => [Number(r[1]), Number(r[2])]),
      rows: rows.slice(1, 31).map((r) => [String(r[0]), 1]),
    }),
    {
      note: '30 shapes with the feature limit lowered to 10 (Node only)',
      limits: { maxFeatures: 10 },
      expect: { refused: true, codes: ['too-many-features'], features: 0 },
      browserExpect: OK(30),
    },
  );
  c.add('file-too-large.csv', placesCsv(), {
    note: 'a CSV over a file-size limit lowered to 64 bytes (Node only)',
    limits: { maxFileBytes: 64 },
    expect: { refused: true, codes: ['file-too-large'], features: 0 },
    browserExpect: OK(3),
  });
  const wide = ['lon', 'lat', ...Array.from({ length: 1999 }, (_, i) => `c${String(i + 3)}`)];
  c.add('too-many-columns.csv', `${wide.join(',')}\n${FIRST.lon},${FIRST.lat}\n`, {
    note: 'a header of 2,001 columns, one more than the limit: refused before any column is named',
    expect: {
      refused: true,
      codes: ['csv-too-many-columns'],
      features: 0,
      messageIncludes: 'at most 2,000 columns',
    },
  });
  const line = Array.from({ length: 2000 }, (_, i) => [106.5 + i / 100000, 29.5]);
  c.add(
    'too-many-vertices.geojson',
    collection([feature({ type: 'LineString', coordinates: line }), feature(point(FIRST))]),
    {
      note: 'a line of 2,000 vertices with the vertex limit lowered to 1,000 (Node only)',
      limits: { maxVerticesPerFeature: 1000 },
      expect: { ...OK(1), codes: ['absurd-size'] },
      browserExpect: OK(2),
    },
  );
  c.add('deep-nesting.geojson', `${'['.repeat(50_000)}${']'.repeat(50_000)}`, {
    note: 'valid JSON: arrays nested 50,000 deep',
    expect: { refused: true, codes: ['invalid-json'], features: 0, messageIncludes: 'nest' },
  });
  let nested: unknown = { type: 'Point', coordinates: [106.5, 29.5] };
  for (let i = 0; i < 20; i += 1) nested = { type: 'GeometryCollection', geometries: [nested] };
  c.add('deep-collection.geojson', collection([feature(point(FIRST)), feature(nested)]), {
    note: 'GeometryCollections nested 20 deep',
    expect: { ...OK(1), codes: ['invalid-geometry'] },
  });
  const laughs = `<?xml version="1.0"?>\n<!DOCTYPE kml [\n<!ENTITY lol "lol">\n${Array.from({ length: 9 }, (_, i) => `<!ENTITY lol${String(i + 1)} "${`&lol${i === 0 ? '' : String(i)};`.repeat(10)}">`).join('\n')}\n]>\n<kml xmlns="http://www.opengis.net/kml/2.2"><Document><Placemark><name>&lol9;</name><Point><coordinates>106.5775,29.5594</coordinates></Point></Placemark></Document></kml>\n`;
  c.add('billion-laughs.kml', laughs, {
    note: 'a billion-laughs entity bomb: entities are not expanded',
    expect: { ...OK(1), property: { index: 0, key: 'name', value: '&lol9;' } },
  });
  c.add(
    'long-line.csv',
    `名称,lon,lat,备注\n${FIRST.name},${String(FIRST.lon)},${String(FIRST.lat)},${'x'.repeat(150_000)}\n`,
    {
      note: 'one cell of 150,000 characters',
      expect: { ...OK(1), codes: ['absurd-size'] },
    },
  );
}

const XSS = '<img src=x onerror="window.__xss=1">';
const XSS2 = '"><svg onload=window.__xss=2>';
const XSS3 = '<script>window.__xss=3</script>';

function securityCases(c: CorpusBuilder): void {
  c.use('security');
  c.add(
    'xss-property.geojson',
    collection([
      feature(point(FIRST), { 名称: XSS, 描述: XSS3, url: 'javascript:window.__xss=4' }),
    ]),
    {
      note: 'HTML and script in property values: kept verbatim, never run',
      expect: { ...OK(1), property: { index: 0, key: '名称', value: XSS } },
    },
  );
  c.add(
    'xss-column.csv',
    csv([
      ['名称', XSS2, 'lon', 'lat'],
      [XSS, XSS3, FIRST.lon, FIRST.lat],
    ]),
    {
      note: 'HTML in a column name and in values',
      expect: { ...OK(1), property: { index: 0, key: XSS2, value: XSS3 } },
    },
  );
  c.add('xss-name.csv', placesCsv(), {
    name: `${XSS}.csv`,
    note: 'a file name that is an HTML tag',
    expect: OK(3),
  });
  c.add('xss-name-refused.geojson', '{"type":', {
    name: `${XSS2}${XSS3}.geojson`,
    note: 'a hostile file name on a file that is refused (the name is echoed in the message)',
    expect: { refused: true, codes: ['invalid-json'], features: 0 },
  });
  c.add('xss-name-long.csv', 'a,b\n1,2\n', {
    name: `${'<b onmouseover=window.__xss=5>'.repeat(12)}.csv`,
    note: 'a 370-character hostile file name on a refused CSV',
    expect: { refused: true, codes: ['csv-no-coordinate-columns'], features: 0 },
  });
  c.add(
    'xss.kml',
    kml(
      `<Placemark><name>${XSS.replaceAll('<', '&lt;').replaceAll('>', '&gt;')}</name><description><![CDATA[${XSS3}<a href="javascript:window.__xss=6">点</a>]]></description><Point><coordinates>${String(FIRST.lon)},${String(FIRST.lat)}</coordinates></Point></Placemark>`,
    ),
    {
      note: 'KML with escaped HTML in the name and script in a CDATA description',
      expect: { ...OK(1), property: { index: 0, key: 'name', value: XSS } },
    },
  );
  c.add(
    'xss-dbf.zip',
    shapefileZip({
      rows: [
        [XSS.slice(0, 40), 1],
        ['b', 2],
        ['c', 3],
      ],
    }),
    {
      note: 'HTML in a .dbf text field',
      expect: { ...OK(3), property: { index: 0, key: 'NAME', value: XSS.slice(0, 40).trimEnd() } },
    },
  );
  c.add(
    'xss-zip-entry-names.zip',
    zipFiles(shapefileParts({ base: '../../<img src=x onerror=window.__xss=7>' })),
    {
      note: 'zip entries named with ../ and HTML',
      expect: { ...OK(3) },
    },
  );
  c.add(
    'duplicate-keys.geojson',
    '{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"名称":"解放碑","population":900,"population":100},"geometry":{"type":"Point","coordinates":[106.5775,29.5594]}}]}',
    {
      note: 'a key twice in one object: JSON keeps the last value, the report says so',
      expect: { ...OK(1), codes: ['duplicate-key'] },
    },
  );
  c.add(
    'proto.geojson',
    '{"type":"FeatureCollection","__proto__":{"polluted":"yes"},"features":[{"type":"Feature","properties":{"名称":"解放碑","__proto__":{"polluted":"yes"},"constructor":{"prototype":{"polluted":"yes"}}},"geometry":{"type":"Point","coordinates":[106.5775,29.5594]}}]}',
    {
      note: '__proto__ and constructor keys at several levels',
      expect: { ...OK(1), codes: ['prototype-key'], property: NAME_FIRST },
    },
  );
  c.add(
    'proto-nested.geojson',
    '{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"名称":"解放碑","info":{"a":{"__proto__":{"polluted":"yes"}}}},"geometry":{"type":"Point","coordinates":[106.5775,29.5594]}}]}',
    {
      note: '__proto__ nested inside a property value',
      expect: { ...OK(1), codes: ['prototype-key'] },
    },
  );
  c.add(
    'proto-column.csv',
    csv([
      ['名称', '__proto__', 'constructor', 'lon', 'lat'],
      [FIRST.name, 'polluted', 'x', FIRST.lon, FIRST.lat],
    ]),
    {
      note: 'CSV columns named __proto__ and constructor',
      expect: { ...OK(1), codes: ['prototype-key'], property: NAME_FIRST },
    },
  );
  c.add(
    'proto-dbf.zip',
    shapefileZip({
      fields: [
        { name: '__proto__', type: 'C', length: 20 },
        { name: 'NAME', type: 'C', length: 20 },
      ],
      rows: PLACES.map((p) => ['polluted', p.name]),
    }),
    {
      note: 'a .dbf field named __proto__',
      expect: {
        ...OK(3),
        codes: ['prototype-key'],
        property: { index: 0, key: 'NAME', value: FIRST.name },
      },
    },
  );
  c.add(
    'proto-kml.kml',
    kml(
      `<Placemark><name>${FIRST.name}</name><ExtendedData><Data name="__proto__"><value>polluted</value></Data><Data name="constructor"><value>x</value></Data></ExtendedData><Point><coordinates>${String(FIRST.lon)},${String(FIRST.lat)}</coordinates></Point></Placemark>`,
    ),
    {
      note: 'KML ExtendedData named __proto__ and constructor',
      expect: { ...OK(1), codes: ['prototype-key'] },
    },
  );
  c.add(
    'proto-kml-only-proto.kml',
    kml(
      `<Placemark><name>${FIRST.name}</name><ExtendedData><Data name="__proto__"><value>polluted</value></Data></ExtendedData><Point><coordinates>${String(FIRST.lon)},${String(FIRST.lat)}</coordinates></Point></Placemark>`,
    ),
    {
      note: 'KML ExtendedData named __proto__ only: must be reported, not silently dropped',
      expect: { ...OK(1), codes: ['prototype-key'] },
    },
  );
  c.add(
    'control-chars.csv',
    `名称,lon,lat\n"a\u0000b\u202Ec\u0007",${String(FIRST.lon)},${String(FIRST.lat)}\n`,
    {
      note: 'NUL, BEL and right-to-left override characters in a value',
      expect: OK(1),
    },
  );
  c.add(
    'formula.csv',
    csv([
      ['名称', 'lon', 'lat'],
      ['=HYPERLINK("http://evil.example","点")', FIRST.lon, FIRST.lat],
    ]),
    {
      note: 'a spreadsheet formula in a value: kept as text',
      expect: {
        ...OK(1),
        property: { index: 0, key: '名称', value: '=HYPERLINK("http://evil.example","点")' },
      },
    },
  );
}

function formatCases(c: CorpusBuilder): void {
  c.use('format');
  const intact = { ...OK(3), firstCoordinate: AT_FIRST } as const;
  c.add('places.geojson', collection(placeFeatures()), {
    note: 'a plain FeatureCollection',
    expect: { ...intact, property: NAME_FIRST },
  });
  c.add('places.csv', placesCsv(), {
    note: 'a plain CSV',
    expect: { ...intact, property: NAME_FIRST },
  });
  c.add('places.tsv', placesCsv('lon', 'lat', 'EPSG:4326', '\t'), {
    note: 'a plain TSV',
    expect: { ...intact, property: NAME_FIRST },
  });
  c.add('places.kml', placesKml(), {
    note: 'a plain KML',
    expect: { ...intact, property: { index: 0, key: 'name', value: FIRST.name } },
  });
  c.add(
    'places.kmz',
    zipFiles({ 'doc.kml': placesKml(), 'files/icon.png': new Uint8Array([0x89, 0x50]) }),
    { note: 'a KMZ with doc.kml', expect: intact },
  );
  c.add('places-shp.zip', shapefileZip({}), {
    note: 'a zipped point shapefile with .prj',
    expect: { ...intact, property: { index: 0, key: 'NAME', value: FIRST.name } },
  });
  c.add(
    'population.tif',
    geoTiff({
      width: 3,
      height: 2,
      values: new Float32Array([100, 2000, 0, 50, -9999, 30]),
      origin: [106.5, 29.6],
      pixel: [0.01, 0.01],
      geographic: 4326,
      nodata: '-9999',
    }),
    {
      note: 'a WorldPop-like population raster with nodata',
      expect: { ...OK(4), absentCodes: ['negative-population'] },
    },
  );
  c.add('single-feature.geojson', JSON.stringify(feature(point(FIRST), { 名称: FIRST.name })), {
    note: 'one Feature, not a collection',
    expect: { ...OK(1), firstCoordinate: AT_FIRST },
  });
  c.add(
    'bare-geometry.geojson',
    JSON.stringify({ type: 'Point', coordinates: [FIRST.lon, FIRST.lat] }),
    { note: 'a bare geometry', expect: { ...OK(1), firstCoordinate: AT_FIRST } },
  );
  c.add('feature-array.json', JSON.stringify(placeFeatures()), {
    note: 'an array of features in a .json',
    expect: intact,
  });
  c.add(
    'polygon-with-hole-shp.zip',
    shapefileZip({
      kind: 'polygon',
      records: [
        [
          [
            [106.5, 29.5],
            [106.5, 29.7],
            [106.7, 29.7],
            [106.7, 29.5],
            [106.5, 29.5],
          ],
          [
            [106.55, 29.55],
            [106.65, 29.55],
            [106.65, 29.65],
            [106.55, 29.65],
            [106.55, 29.55],
          ],
        ],
      ],
      rows: [['渝中', 1]],
    }),
    { note: 'a polygon shapefile with a hole', expect: OK(1) },
  );
  c.add(
    'lines-shp.zip',
    shapefileZip({
      kind: 'polyline',
      records: [
        [
          [
            [106.5, 29.5],
            [106.6, 29.6],
          ],
        ],
        [
          [
            [108.4, 30.8],
            [108.5, 30.9],
          ],
          [
            [108.6, 30.8],
            [108.7, 30.9],
          ],
        ],
      ],
      rows: [
        ['a', 1],
        ['b', 2],
      ],
    }),
    { note: 'a polyline shapefile with a multi-part line', expect: OK(2) },
  );
  c.add(
    'multipoint-shp.zip',
    shapefileZip({
      kind: 'multipoint',
      records: [
        [
          [106.5, 29.5],
          [106.6, 29.6],
        ],
      ],
      rows: [['a', 1]],
    }),
    { note: 'a multipoint shapefile', expect: OK(1) },
  );
  c.add(
    'geojson-3d.geojson',
    collection([feature({ type: 'Point', coordinates: [FIRST.lon, FIRST.lat, 250.5] })]),
    { note: 'positions with heights', expect: { ...OK(1), firstCoordinate: AT_FIRST } },
  );
  c.add(
    'multi-geometry.kml',
    kml(
      `<Placemark><name>多</name><MultiGeometry><Point><coordinates>106.5,29.5</coordinates></Point><Point><coordinates>106.6,29.6</coordinates></Point></MultiGeometry></Placemark>`,
    ),
    { note: 'a KML MultiGeometry of points', expect: OK(1) },
  );
}

function awkwardCases(c: CorpusBuilder): void {
  c.use('awkward');
  const intact = { ...OK(3), property: NAME_FIRST, firstCoordinate: AT_FIRST } as const;
  c.add('excel-bom-crlf.csv', utf8Bom(placesCsv('经度', '纬度', 'EPSG:4326', ',', '\r\n')), {
    note: 'Excel "CSV UTF-8": BOM, CRLF, 经度/纬度',
    expect: { ...intact, absentCodes: ['row-column-count'] },
  });
  c.add('excel-gbk-crlf.csv', encodeGb18030(placesCsv('经度', '纬度', 'EPSG:4326', ',', '\r\n')), {
    note: 'Excel "CSV" on Chinese Windows: GBK, CRLF',
    expect: { ...intact, codes: ['encoding-gb18030'] },
  });
  c.add('semicolon.csv', placesCsv('lon', 'lat', 'EPSG:4326', ';'), {
    note: 'semicolon-separated',
    expect: intact,
  });
  c.add('pipe.txt', placesCsv('lon', 'lat', 'EPSG:4326', '|'), {
    note: 'bar-separated .txt',
    expect: intact,
  });
  c.add('tab-in-csv.csv', placesCsv('lon', 'lat', 'EPSG:4326', '\t'), {
    note: 'tab-separated with a .csv name',
    expect: intact,
  });
  c.add(
    'quoted-fields.csv',
    csv([
      ['名称', '地址', 'lon', 'lat'],
      [FIRST.name, '渝中区, 民族路 "188" 号\n二楼', FIRST.lon, FIRST.lat],
      ['万州', '万州区,高笋塘', 108.4089, 30.8078],
    ]),
    {
      note: 'quoted fields holding commas, quotes and a line break',
      expect: {
        ...OK(2),
        property: { index: 0, key: '地址', value: '渝中区, 民族路 "188" 号\n二楼' },
        absentCodes: ['row-column-count'],
      },
    },
  );
  c.add('chinese-columns.csv', placesCsv('经度', '纬度'), {
    note: '经度/纬度 columns',
    expect: intact,
  });
  c.add('chinese-xy-columns.csv', placesCsv('X坐标', 'Y坐标', 'EPSG:4545'), {
    note: 'X坐标/Y坐标 columns in EPSG:4545, chosen',
    options: { crs: 'EPSG:4545' },
    expect: intact,
  });
  c.add('lng-uppercase.csv', placesCsv('LNG', 'LAT'), {
    note: 'LNG/LAT in capitals',
    expect: intact,
  });
  c.add('longitude-spaces.csv', placesCsv(' Longitude ', ' Latitude '), {
    note: 'column names with spaces around',
    expect: intact,
  });
  c.add('chosen-columns.csv', placesCsv('东坐标', '北坐标'), {
    note: 'unrecognised column names chosen in the dialog',
    options: { xColumn: '东坐标', yColumn: '北坐标' },
    expect: intact,
  });
  c.add(
    'single-column.csv',
    csv([['名称', '经纬度'], ...PLACES.map((p) => [p.name, `${String(p.lon)},${String(p.lat)}`])]),
    { note: 'one quoted 经纬度 column "lon,lat"', expect: intact },
  );
  c.add('trailing-blank-lines.csv', `${placesCsv()}\n\n\n   \n`, {
    note: 'blank lines at the end',
    expect: { ...intact, absentCodes: ['row-column-count', 'csv-no-rows'] },
  });
  c.add('blank-lines-between.csv', placesCsv().replaceAll('\n', '\n\n'), {
    note: 'a blank line after every row',
    expect: { ...intact, absentCodes: ['row-column-count'] },
  });
  c.add('no-final-newline.csv', placesCsv().trimEnd(), {
    note: 'no newline at the end',
    expect: intact,
  });
  c.add('cr-only.csv', placesCsv('lon', 'lat', 'EPSG:4326', ',', '\r'), {
    note: 'old Mac line endings (CR only)',
    expect: intact,
  });
  c.add(
    'spaces-around-numbers.csv',
    csv([
      ['名称', 'lon', 'lat'],
      ...PLACES.map((p) => [p.name, ` ${String(p.lon)} `, `\t${String(p.lat)}`]),
    ]),
    { note: 'numbers padded with spaces and tabs', expect: intact },
  );
  c.add(
    'plus-and-exponent.csv',
    csv([
      ['名称', 'lon', 'lat'],
      [FIRST.name, '+1.065775e2', '2.95594E1'],
    ]),
    { note: 'numbers with + and exponents', expect: { ...OK(1), firstCoordinate: AT_FIRST } },
  );
  c.add(
    'empty-columns.csv',
    csv([['名称', '', 'lon', 'lat', ''], ...PLACES.map((p) => [p.name, '', p.lon, p.lat, ''])]),
    { note: 'unnamed empty columns (Excel leftovers)', expect: intact },
  );
  c.add(
    'duplicate-column-names.csv',
    csv([['名称', '名称', 'lon', 'lat'], ...PLACES.map((p) => [p.name, p.district, p.lon, p.lat])]),
    {
      note: 'two columns named 名称: refused with both places named (one would be read, the other ignored)',
      expect: {
        refused: true,
        codes: ['csv-duplicate-column'],
        features: 0,
        messageIncludes: '"名称" in column 1 (A) and column 2 (B)',
      },
    },
  );
  c.add(
    'population-twice.csv',
    csv([
      ['名称', 'lon', 'lat', 'population', '人口'],
      ...PLACES.map((p) => [p.name, p.lon, p.lat, '100', '0']),
    ]),
    {
      note: 'two population columns (population and 人口): refused, not the one summed silently',
      options: { role: 'demand' },
      expect: {
        refused: true,
        codes: ['csv-duplicate-column'],
        features: 0,
        messageIncludes: 'column 4 (D) and column 5 (E)',
      },
    },
  );
  c.add(
    'population-1e308.csv',
    csv([
      ['名称', 'lon', 'lat', '人口'],
      ...PLACES.map((p, i) => [p.name, p.lon, p.lat, i === 0 ? '1e308' : '1200']),
    ]),
    {
      note: 'a population of 1e308 in one row of a population table: that row refused, never summed',
      options: { role: 'demand' },
      expect: {
        refused: false,
        codes: ['implausible-population'],
        features: 2,
        messageIncludes: 'at most 35,000,000 people',
      },
    },
  );
  c.add('extra-field-named-column.csv', 'lon,lat,column_3\n106.5775,29.5594,KEEP,EXTRA\n', {
    note: 'a row longer than its header whose header has a column_3: the extra field never overwrites it',
    expect: {
      refused: false,
      codes: ['row-column-count'],
      features: 1,
      property: { index: 0, key: 'column_3', value: 'KEEP' },
      messageIncludes: 'kept as column_4',
    },
  });
  c.add('UPPER.CSV', placesCsv(), { note: 'an upper-case extension', expect: intact });
  c.add('geojson-no-extension', collection(placeFeatures()), {
    note: 'GeoJSON with no extension',
    expect: intact,
  });
  c.add('kml-no-extension', placesKml(), {
    note: 'KML with no extension',
    expect: { ...OK(3), firstCoordinate: AT_FIRST },
  });
  c.add('zip-named-shp.shp.zip', shapefileZip({}), {
    note: 'a shapefile zip with a double extension',
    expect: OK(3),
  });
  c.add('zip-named-wrongly.geojson', shapefileZip({}), {
    note: 'a shapefile zip named .geojson (magic bytes win)',
    expect: OK(3),
  });
  c.add(
    'foreign-members.geojson',
    collection(placeFeatures(), {
      name: '网点',
      bbox: [106, 29, 109, 31],
      metadata: { source: '测试' },
    }),
    { note: 'a FeatureCollection with name, bbox and other members', expect: intact },
  );
  c.add(
    'pretty-printed.geojson',
    JSON.stringify({ type: 'FeatureCollection', features: placeFeatures() }, null, 8).replaceAll(
      '\n',
      '\r\n',
    ),
    { note: 'indented 8 spaces with CRLF', expect: intact },
  );
  c.add(
    'null-properties.geojson',
    collection([{ type: 'Feature', properties: null, geometry: point(FIRST) }]),
    { note: 'a feature with properties null', expect: { ...OK(1), firstCoordinate: AT_FIRST } },
  );
  c.add(
    'macosx-folder.zip',
    zipFiles({
      ...Object.fromEntries(Object.entries(shapefileParts({})).map(([k, v]) => [`网点/${k}`, v])),
      '__MACOSX/网点/._places.shp': new Uint8Array([0, 5, 22, 7]),
    }),
    {
      note: 'a shapefile in a folder with __MACOSX resource forks',
      expect: OK(3),
    },
  );
  const upper = Object.fromEntries(
    Object.entries(shapefileParts({})).map(([k, v]) => [k.toUpperCase(), v]),
  );
  c.add('uppercase-parts.zip', zipFiles(upper), {
    note: 'PLACES.SHP / .DBF / .PRJ in capitals',
    expect: OK(3),
  });
  c.add(
    'two-layers.zip',
    zipFiles({
      ...shapefileParts({ base: 'outlets' }),
      ...shapefileParts({ base: 'markets', records: [[106.55, 29.56]], rows: [['菜市场', 1]] }),
    }),
    { note: 'two shapefiles in one zip: both read', expect: { ...OK(4), minFeatures: 4 } },
  );
  c.add(
    'gbk-zip-names.zip',
    writeZip(
      Object.entries(shapefileParts({})).map(([name, data]) => {
        const renamed = name.replace('places', '网点');
        return {
          name: renamed,
          nameBytes: encodeGb18030(renamed),
          flags: 0,
          data: typeof data === 'string' ? utf8(data) : data,
        };
      }),
    ),
    { note: 'zip entry names in GBK without the UTF-8 flag', expect: OK(3) },
  );
  c.add(
    'nested-folders.kml',
    kml(
      `<Folder><name>一</name><Folder><name>二</name>${PLACES.map((p) => kmlPlacemark(p.name, `${String(p.lon)},${String(p.lat)},0`)).join('')}</Folder></Folder>`,
    ),
    {
      note: 'Placemarks two folders deep, with altitude',
      expect: { ...OK(3), firstCoordinate: AT_FIRST },
    },
  );
  c.add(
    'extended-data.kml',
    kml(
      `<Placemark><name>${FIRST.name}</name><ExtendedData><SchemaData schemaUrl="#s"><SimpleData name="名称">${FIRST.name}</SimpleData><SimpleData name="人口">1200</SimpleData></SchemaData><Data name="等级"><value>A</value></Data></ExtendedData><Point><coordinates> ${String(FIRST.lon)} , ${String(FIRST.lat)} </coordinates></Point></Placemark>`,
    ),
    {
      note: 'KML SchemaData and Data, spaces around the coordinate comma',
      expect: { ...OK(1), property: NAME_FIRST, firstCoordinate: AT_FIRST },
    },
  );
  c.add(
    'kml-no-namespace.kml',
    `<kml><Placemark><name>${FIRST.name}</name><Point><coordinates>${String(FIRST.lon)},${String(FIRST.lat)}</coordinates></Point></Placemark></kml>`,
    {
      note: 'KML without the namespace or Document',
      expect: { ...OK(1), firstCoordinate: AT_FIRST },
    },
  );
  c.add(
    'kml-prefixed.kml',
    `<?xml version="1.0"?><kml:kml xmlns:kml="http://www.opengis.net/kml/2.2"><kml:Document><kml:Placemark><kml:name>${FIRST.name}</kml:name><kml:Point><kml:coordinates>${String(FIRST.lon)},${String(FIRST.lat)}</kml:coordinates></kml:Point></kml:Placemark></kml:Document></kml:kml>`,
    { note: 'KML with a kml: namespace prefix', expect: { ...OK(1), firstCoordinate: AT_FIRST } },
  );
  c.add(
    'population-thousands.csv',
    csv([
      ['名称', 'lon', 'lat', '人口'],
      ...PLACES.map((p, i) => [p.name, p.lon, p.lat, `${String(i + 1)},250`]),
    ]),
    {
      note: 'populations written "1,250" as demand',
      options: { role: 'demand' },
      expect: { ...intact, absentCodes: ['non-numeric-population'] },
    },
  );
  c.add('title-row.csv', `重庆市生鲜网点名单（2024年）,,\n${placesCsv()}`, {
    note: 'a title row above the header (common in exported reports): refused, columns listed',
    expect: { refused: true, codes: ['csv-no-coordinate-columns'], features: 0 },
  });
  c.add(
    'fullwidth-digits.csv',
    csv([
      ['名称', 'lon', 'lat'],
      [FIRST.name, FIRST.lon, FIRST.lat],
      ['全角', '１０６．５', '２９．５'],
    ]),
    {
      note: 'full-width digits typed with a Chinese IME: read as the numbers they are',
      expect: { ...OK(2), absentCodes: ['non-numeric-coordinate'] },
    },
  );
  c.add(
    'outlets.xlsx',
    workbook([
      { name: '说明', rows: [['本表为示例'], ['网点见下一工作表']] },
      {
        name: '网点',
        rows: [
          ['重庆市生鲜网点名单（示例）'],
          [],
          ['名称', '区县', '街道', '位置', null],
          [null, null, null, '经度', '纬度'],
          [FIRST.name, '渝中区', '解放碑街道', String(FIRST.lon), String(FIRST.lat)],
          ['全角', '万州区', null, '１０８．４０８９', '３０．８０７８'],
          ['度分秒', '黔江区', null, '108°46′15″E', '29°31′59″N'],
          ['只有地址', '渝北区', '龙溪街道', null, null],
          ['日期', '江北区', null, new Date(Date.UTC(2021, 0, 1)), 29.6],
        ],
        merges: ['A1:E1', 'D3:E3', 'A3:A4', 'B3:B4', 'C3:C4'],
      },
    ]),
    {
      note: 'a workbook: a notes sheet first, a title row, a two-row merged header, full-width digits, degrees, an address-only row and a date typed into the longitude',
      expect: {
        refused: false,
        codes: ['address-placed', 'date-in-coordinate'],
        features: 4,
        property: NAME_FIRST,
        firstCoordinate: [FIRST.lon, FIRST.lat, 1],
      },
    },
  );
  c.add(
    'outlets.xls',
    workbook(
      [
        {
          name: 'Sheet1',
          rows: [
            ['名称', 'lon', 'lat'],
            [FIRST.name, FIRST.lon, FIRST.lat],
          ],
        },
      ],
      'biff8',
    ),
    {
      note: 'a legacy .xls workbook (BIFF8)',
      expect: { ...OK(1), property: NAME_FIRST, firstCoordinate: [FIRST.lon, FIRST.lat, 1] },
    },
  );
  c.add(
    'missing-sheet.xlsx',
    workbook([
      {
        name: '网点',
        rows: [
          ['名称', 'lon', 'lat'],
          [FIRST.name, FIRST.lon, FIRST.lat],
        ],
      },
    ]),
    {
      note: 'a sheet chosen that the workbook does not have',
      options: { sheet: '二〇二一' },
      expect: { refused: true, codes: ['xlsx-no-sheet'], features: 0, messageIncludes: '网点' },
    },
  );
  c.add('unnamed.geojson', collection(placeFeatures()), {
    name: '',
    note: 'an empty file name (drag from some apps): format told from the content',
    expect: intact,
  });
  c.add('geojson-in-zip.zip', zipFiles({ 'places.geojson': collection(placeFeatures()) }), {
    note: 'a GeoJSON zipped up: not a shapefile, refused with a sentence',
    expect: { refused: true, codes: ['shapefile-missing-part'], features: 0 },
  });
  c.add('nodes.csv', placesCsv(), {
    note: 'points imported as outlets (role nodes)',
    options: { role: 'nodes' },
    expect: intact,
  });
}

/** Builds every corpus file and the manifest entries, in memory. */
export function buildCorpus(): Corpus {
  const c = new CorpusBuilder('encoding');
  encodingCases(c);
  crsCases(c);
  validationCases(c);
  limitsCases(c);
  securityCases(c);
  formatCases(c);
  awkwardCases(c);
  return { files: c.files, entries: c.entries };
}

export const CORPUS_DIR = resolve(import.meta.dirname);

/** The manifest text, formatted as Prettier formats it (the repo checks formatting). */
export async function manifestText(entries: readonly CorpusEntry[]): Promise<string> {
  return format(JSON.stringify({ entries }), { parser: 'json', printWidth: 100 });
}

async function main(): Promise<void> {
  const corpus = buildCorpus();
  const filesDir = join(CORPUS_DIR, 'files');
  rmSync(filesDir, { recursive: true, force: true });
  let total = 0;
  for (const [path, bytes] of corpus.files) {
    const target = join(filesDir, path);
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, bytes);
    total += bytes.length;
  }
  writeFileSync(join(CORPUS_DIR, 'manifest.json'), await manifestText(corpus.entries));
  console.log(
    `Wrote ${String(corpus.files.size)} files (${(total / 1024).toFixed(0)} KiB) and manifest.json with ${String(corpus.entries.length)} entries.`,
  );
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await main();
}
