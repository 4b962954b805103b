import { describeValue, type Problem } from '../result.ts';
import { crc32 } from './crc32.ts';
import type { DemandRegion } from './demand.ts';
import {
  POPULATION_GRID_FORMAT,
  POPULATION_GRID_MAGIC,
  POPULATION_GRID_SPLITS,
  POPULATION_GRID_VERSION,
  populationCellCentre,
  type PopulationGrid,
  type PopulationGridDistrict,
  type PopulationGridHeader,
  type PopulationGridSection,
} from './population-grid.ts';
import { VarintReader } from './varint.ts';

/** A decoded grid, or every problem that stopped decoding. */
export type PopulationGridResult =
  | { readonly ok: true; readonly grid: PopulationGrid }
  | { readonly ok: false; readonly problems: readonly Problem[] };

type JsonObject = Readonly<Record<string, unknown>>;

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function own(obj: JsonObject, key: string): unknown {
  return Object.hasOwn(obj, key) ? obj[key] : undefined;
}

/** Collects header problems under one source label. */
class HeaderCheck {
  readonly problems: Problem[] = [];
  constructor(readonly source: string) {}

  fail(path: string, message: string): void {
    this.problems.push({ where: `${this.source} header ${path}`, message });
  }

  object(obj: JsonObject, key: string, path: string): JsonObject {
    const value = own(obj, key);
    if (isObject(value)) return value;
    this.fail(`${path}${key}`, `Expected an object, found ${describeValue(value)}.`);
    return {};
  }

  array(obj: JsonObject, key: string, path: string): readonly unknown[] {
    const value = own(obj, key);
    if (Array.isArray(value)) return value;
    this.fail(`${path}${key}`, `Expected an array, found ${describeValue(value)}.`);
    return [];
  }

  string(obj: JsonObject, key: string, path: string): string {
    const value = own(obj, key);
    if (typeof value === 'string') return value;
    this.fail(`${path}${key}`, `Expected a string, found ${describeValue(value)}.`);
    return '';
  }

  number(obj: JsonObject, key: string, path: string, integer = false, min = -Infinity): number {
    const value = own(obj, key);
    if (
      typeof value === 'number' &&
      Number.isFinite(value) &&
      value >= min &&
      (!integer || Number.isSafeInteger(value))
    ) {
      return value;
    }
    const kind = integer ? 'an integer' : 'a finite number';
    const bound = min === -Infinity ? '' : ` ≥ ${String(min)}`;
    this.fail(`${path}${key}`, `Expected ${kind}${bound}, found ${describeValue(value)}.`);
    return 0;
  }

  text(obj: JsonObject, key: string, path: string): { zh: string; en: string } {
    const value = this.object(obj, key, path);
    return {
      zh: this.string(value, 'zh', `${path}${key}.`),
      en: this.string(value, 'en', `${path}${key}.`),
    };
  }

  section(obj: JsonObject, key: string, payloadLength: number): PopulationGridSection {
    const path = 'payload.sections.';
    const value = this.object(obj, key, path);
    const offset = this.number(value, 'offset', `${path}${key}.`, true, 0);
    const length = this.number(value, 'length', `${path}${key}.`, true, 0);
    if (offset + length > payloadLength) {
      this.fail(
        `${path}${key}`,
        `Section ends at byte ${String(offset + length)} of a ${String(payloadLength)}-byte payload.`,
      );
    }
    return { offset, length };
  }
}

function parseHeader(json: unknown, check: HeaderCheck): PopulationGridHeader | undefined {
  if (!isObject(json)) {
    check.fail('', `Expected a JSON object, found ${describeValue(json)}.`);
    return undefined;
  }
  if (own(json, 'format') !== POPULATION_GRID_FORMAT) {
    check.fail(
      'format',
      `Expected "${POPULATION_GRID_FORMAT}", found ${describeValue(own(json, 'format'))}.`,
    );
    return undefined;
  }
  if (own(json, 'version') !== POPULATION_GRID_VERSION) {
    check.fail(
      'version',
      `This reader understands version ${String(POPULATION_GRID_VERSION)}, found ${describeValue(own(json, 'version'))}.`,
    );
    return undefined;
  }
  const modelled = own(json, 'modelled');
  if (typeof modelled !== 'boolean') check.fail('modelled', 'Expected true or false.');
  const origin = check.object(json, 'origin', '');
  const perDegree = check.object(json, 'baseCellsPerDegree', '');
  const regionsJson = check.array(json, 'regions', '');
  const regions: DemandRegion[] = regionsJson.map((r, i) => {
    const path = `regions[${String(i)}].`;
    const obj = isObject(r) ? r : {};
    if (!isObject(r)) check.fail(path, `Expected an object, found ${describeValue(r)}.`);
    return {
      id: check.string(obj, 'id', path),
      name_zh: check.string(obj, 'name_zh', path),
      name_en: check.string(obj, 'name_en', path),
    };
  });
  const districts: PopulationGridDistrict[] = check.array(json, 'districts', '').map((d, i) => {
    const path = `districts[${String(i)}].`;
    const obj = isObject(d) ? d : {};
    if (!isObject(d)) check.fail(path, `Expected an object, found ${describeValue(d)}.`);
    const regionIndices = check.array(obj, 'regionIndices', path).map((value, j) => {
      if (
        typeof value === 'number' &&
        Number.isInteger(value) &&
        value >= 0 &&
        value < regions.length
      ) {
        return value;
      }
      check.fail(
        `${path}regionIndices[${String(j)}]`,
        `Expected a region index, found ${describeValue(value)}.`,
      );
      return 0;
    });
    return {
      adcode: check.number(obj, 'adcode', path, true, 0),
      name_zh: check.string(obj, 'name_zh', path),
      name_en: check.string(obj, 'name_en', path),
      regionIndices,
      population: check.number(obj, 'population', path, true, 0),
      urbanPopulation: check.number(obj, 'urbanPopulation', path, true, 0),
      censusUrbanShare: check.number(obj, 'censusUrbanShare', path, false, 0),
      cellCount: check.number(obj, 'cellCount', path, true, 0),
    };
  });
  if (districts.length >= 0xffff) check.fail('districts', 'Too many districts for a 16-bit index.');
  const payload = check.object(json, 'payload', '');
  const byteLength = check.number(payload, 'byteLength', 'payload.', true, 0);
  const sectionsJson = check.object(payload, 'sections', 'payload.');
  const bboxJson = check.array(json, 'bbox', '');
  const bbox = [0, 1, 2, 3].map((i) => {
    const value = bboxJson[i];
    if (typeof value === 'number' && Number.isFinite(value)) return value;
    check.fail(`bbox[${String(i)}]`, `Expected a number, found ${describeValue(value)}.`);
    return 0;
  }) as [number, number, number, number];
  const header: PopulationGridHeader = {
    format: POPULATION_GRID_FORMAT,
    version: POPULATION_GRID_VERSION,
    modelled: modelled === true,
    title: check.text(json, 'title', ''),
    notice: check.text(json, 'notice', ''),
    origin: {
      lon: check.number(origin, 'lon', 'origin.', false, -180),
      lat: check.number(origin, 'lat', 'origin.', false, -90),
    },
    baseCellsPerDegree: {
      lon: check.number(perDegree, 'lon', 'baseCellsPerDegree.', true, 1),
      lat: check.number(perDegree, 'lat', 'baseCellsPerDegree.', true, 1),
    },
    columns: check.number(json, 'columns', '', true, 1),
    rows: check.number(json, 'rows', '', true, 1),
    cellSizes: check.array(json, 'cellSizes', '').map((c, i) => {
      const obj = isObject(c) ? c : {};
      const path = `cellSizes[${String(i)}].`;
      const split = check.number(obj, 'split', path, true, 1);
      return {
        split: POPULATION_GRID_SPLITS.find((s) => s === split) ?? 1,
        widthMeters: check.number(obj, 'widthMeters', path, false, 0),
        heightMeters: check.number(obj, 'heightMeters', path, false, 0),
      };
    }),
    bbox,
    cellCount: check.number(json, 'cellCount', '', true, 0),
    population: check.number(json, 'population', '', true, 0),
    urbanPopulation: check.number(json, 'urbanPopulation', '', true, 0),
    regions,
    districts,
    provenance: check.object(json, 'provenance', ''),
    payload: {
      byteLength,
      crc32: check.number(payload, 'crc32', 'payload.', true, 0),
      sections: {
        cells: check.section(sectionsJson, 'cells', byteLength),
        district: check.section(sectionsJson, 'district', byteLength),
        urban: check.section(sectionsJson, 'urban', byteLength),
        population: check.section(sectionsJson, 'population', byteLength),
      },
    },
  };
  return check.problems.length === 0 ? header : undefined;
}

interface CellLayout {
  readonly column: Uint32Array;
  readonly row: Uint32Array;
  readonly split: Uint8Array;
  readonly subColumn: Uint8Array;
  readonly subRow: Uint8Array;
}

function popcount(mask: number): number {
  let count = 0;
  let rest = mask;
  while (rest > 0) {
    count += rest % 2;
    rest = Math.floor(rest / 2);
  }
  return count;
}

/**
 * Decodes a population grid file (the bytes of `geodata/population/population-grid.bin`, fetched
 * as an ArrayBuffer in the browser or read from disk by the CLI) into demand units at cell centres.
 *
 * Pure and synchronous; runs in a page, a Web Worker or Node. Everything is checked (magic,
 * header fields, payload length and CRC-32, section bounds, run lengths, district indices, and
 * that the cells add up to the header's totals), and every problem is returned with where it is
 * rather than thrown. `source` names the file in those messages. The input is not modified.
 */
export function decodePopulationGrid(
  data: ArrayBuffer | Uint8Array,
  source = 'population grid',
): PopulationGridResult {
  const bytes = data instanceof Uint8Array ? data : new Uint8Array(data);
  const fail = (where: string, message: string): PopulationGridResult => ({
    ok: false,
    problems: [{ where: `${source}${where}`, message }],
  });
  const magic = new TextDecoder().decode(bytes.subarray(0, 8));
  if (bytes.length < 12 || magic !== POPULATION_GRID_MAGIC) {
    return fail('', `Not a population grid file: it should start with "${POPULATION_GRID_MAGIC}".`);
  }
  const headerLength = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getUint32(
    8,
    true,
  );
  if (12 + headerLength > bytes.length) {
    return fail(
      ' header',
      `The header claims ${String(headerLength)} bytes but the file ends first.`,
    );
  }
  let json: unknown;
  try {
    json = JSON.parse(
      new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(12, 12 + headerLength)),
    );
  } catch {
    return fail(' header', 'The header is not valid UTF-8 JSON.');
  }
  const check = new HeaderCheck(source);
  const header = parseHeader(json, check);
  if (header === undefined) return { ok: false, problems: check.problems };
  const payload = bytes.subarray(12 + headerLength);
  if (payload.length !== header.payload.byteLength) {
    return fail(
      ' payload',
      `Expected ${String(header.payload.byteLength)} bytes after the header, found ${String(payload.length)} (truncated or padded file).`,
    );
  }
  if (crc32(payload) !== header.payload.crc32) {
    return fail(
      ' payload',
      'The CRC-32 of the payload does not match the header (corrupted file).',
    );
  }
  const n = header.cellCount;
  const reader = (section: PopulationGridSection): VarintReader =>
    new VarintReader(payload, section.offset, section.offset + section.length);
  const { sections } = header.payload;

  const layout: CellLayout = {
    column: new Uint32Array(n),
    row: new Uint32Array(n),
    split: new Uint8Array(n),
    subColumn: new Uint8Array(n),
    subRow: new Uint8Array(n),
  };
  const cells = reader(sections.cells);
  let count = 0;
  let index = -1;
  const rasterSize = header.columns * header.rows;
  while (!cells.done) {
    const value = cells.read();
    if (value < 4)
      return fail(' section cells', `Malformed cell record after cell ${String(count)}.`);
    const code = value % 4;
    index += (value - code) / 4;
    const split = POPULATION_GRID_SPLITS[code];
    if (split === undefined || index >= rasterSize) {
      return fail(
        ' section cells',
        `Cell record ${String(count)} is outside the raster or has a bad split.`,
      );
    }
    const mask = split === 1 ? 1 : cells.read();
    if (mask <= 0 || mask >= 2 ** (split * split)) {
      return fail(' section cells', `Bad sub-cell mask after cell ${String(count)}.`);
    }
    if (count + popcount(mask) > n) {
      return fail(' section cells', `More cells than the header's cellCount (${String(n)}).`);
    }
    for (let sub = 0; sub < split * split; sub++) {
      if (Math.floor(mask / 2 ** sub) % 2 === 0) continue;
      layout.column[count] = index % header.columns;
      layout.row[count] = Math.floor(index / header.columns);
      layout.split[count] = split;
      layout.subColumn[count] = sub % split;
      layout.subRow[count] = Math.floor(sub / split);
      count++;
    }
  }
  if (count !== n) {
    return fail(' section cells', `Found ${String(count)} cells; the header says ${String(n)}.`);
  }

  const district = new Uint16Array(n);
  const districtRuns = reader(sections.district);
  let filled = 0;
  while (!districtRuns.done) {
    const value = districtRuns.read();
    const run = districtRuns.read();
    if (value < 0 || value >= header.districts.length || run <= 0 || filled + run > n) {
      return fail(' section district', `Bad district run after cell ${String(filled)}.`);
    }
    district.fill(value, filled, filled + run);
    filled += run;
  }
  if (filled !== n)
    return fail(' section district', `Runs cover ${String(filled)} of ${String(n)} cells.`);

  const urban = new Uint8Array(n);
  const urbanRuns = reader(sections.urban);
  filled = 0;
  let flag = 0;
  while (!urbanRuns.done) {
    const run = urbanRuns.read();
    if (run < 0 || filled + run > n) {
      return fail(' section urban', `Bad urban run after cell ${String(filled)}.`);
    }
    urban.fill(flag, filled, filled + run);
    filled += run;
    flag = 1 - flag;
  }
  if (filled !== n)
    return fail(' section urban', `Runs cover ${String(filled)} of ${String(n)} cells.`);

  const population = new Uint32Array(n);
  const people = reader(sections.population);
  const districtTotals = new Float64Array(header.districts.length);
  const districtUrban = new Float64Array(header.districts.length);
  let total = 0;
  let urbanTotal = 0;
  for (let i = 0; i < n; i++) {
    const value = people.read();
    if (value < 0 || value > 0xffffffff) {
      return fail(' section population', `Bad population for cell ${String(i)}.`);
    }
    population[i] = value;
    total += value;
    const d = district[i] ?? 0;
    districtTotals[d] = (districtTotals[d] ?? 0) + value;
    if (urban[i] === 1) {
      urbanTotal += value;
      districtUrban[d] = (districtUrban[d] ?? 0) + value;
    }
  }
  if (!people.done) return fail(' section population', 'Extra bytes after the last cell.');
  if (total !== header.population || urbanTotal !== header.urbanPopulation) {
    return fail(' section population', 'The cells do not add up to the header totals.');
  }
  for (const [i, d] of header.districts.entries()) {
    if (districtTotals[i] !== d.population || districtUrban[i] !== d.urbanPopulation) {
      return fail(
        ` districts[${String(i)}]`,
        `The cells of ${d.name_en} do not add up to its header totals.`,
      );
    }
  }

  const lon = new Float64Array(n);
  const lat = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const [x, y] = populationCellCentre(
      header.origin,
      header.baseCellsPerDegree,
      layout.column[i] ?? 0,
      layout.row[i] ?? 0,
      layout.split[i] ?? 1,
      layout.subColumn[i] ?? 0,
      layout.subRow[i] ?? 0,
    );
    lon[i] = x;
    lat[i] = y;
  }
  return {
    ok: true,
    grid: {
      header,
      demand: {
        lon,
        lat,
        population,
        urban,
        district,
        districts: header.districts.map((d) => ({
          adcode: d.adcode,
          name_zh: d.name_zh,
          name_en: d.name_en,
          regionIndices: d.regionIndices,
        })),
        regions: header.regions,
      },
      split: layout.split,
    },
  };
}
