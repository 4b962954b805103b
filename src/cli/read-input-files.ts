import { extname } from 'node:path';
import type { SupplyNode } from '../core/coverage/coverage-engine.ts';
import { describeValue } from '../core/result.ts';
import { CliError } from './cli-error.ts';
import { readCsv } from './read-csv.ts';

/** A demand unit read from a file, before districts are assigned. */
export interface DemandRow {
  readonly lon: number;
  readonly lat: number;
  readonly population: number;
  readonly urban: boolean;
}

/** A node read from a file. */
export interface NodeRow extends SupplyNode {
  readonly tier: number | null;
}

const URBAN_WORDS = new Map<string, boolean>([
  ['true', true],
  ['1', true],
  ['yes', true],
  ['urban', true],
  ['城镇', true],
  ['false', false],
  ['0', false],
  ['no', false],
  ['rural', false],
  ['乡村', false],
]);

type Where = string;

function numberFrom(value: unknown, where: Where, what: string): number {
  const n =
    typeof value === 'number'
      ? value
      : typeof value === 'string' && value.trim() !== ''
        ? Number(value)
        : NaN;
  if (!Number.isFinite(n)) {
    throw new CliError(`${where}: ${what} should be a number, found ${describeValue(value)}.`);
  }
  return n;
}

function coordinates(lonValue: unknown, latValue: unknown, where: Where): [number, number] {
  const lon = numberFrom(lonValue, where, 'lon');
  const lat = numberFrom(latValue, where, 'lat');
  if (lon < -180 || lon > 180 || lat < -90 || lat > 90) {
    throw new CliError(
      `${where}: coordinates (${String(lon)}, ${String(lat)}) are outside the valid range (lon −180…180, lat −90…90); expected WGS 84 degrees, longitude first.`,
    );
  }
  return [lon, lat];
}

function population(value: unknown, where: Where): number {
  const n = numberFrom(value, where, 'population');
  if (n < 0) throw new CliError(`${where}: population should be ≥ 0, found ${String(n)}.`);
  return n;
}

function urbanFlag(value: unknown, where: Where): boolean {
  if (typeof value === 'boolean') return value;
  const key =
    typeof value === 'number'
      ? String(value)
      : typeof value === 'string'
        ? value.trim().toLowerCase()
        : '';
  const flag = URBAN_WORDS.get(key);
  if (flag === undefined) {
    throw new CliError(
      `${where}: urban should be true/false, 1/0, urban/rural or 城镇/乡村, found ${describeValue(value)}.`,
    );
  }
  return flag;
}

function requireColumns(columns: readonly string[], needed: readonly string[], file: string): void {
  const missing = needed.filter((c) => !columns.includes(c));
  if (missing.length > 0) {
    throw new CliError(
      `${file}: missing column${missing.length > 1 ? 's' : ''} ${missing.join(', ')}; the header should include ${needed.join(',')}.`,
    );
  }
}

type JsonObject = Readonly<Record<string, unknown>>;

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The Point features of a GeoJSON FeatureCollection, with their index, or a CliError. */
function pointFeatures(
  text: string,
  file: string,
): { index: number; coordinates: unknown[]; properties: JsonObject; id: unknown }[] {
  let json: unknown;
  try {
    json = JSON.parse(text) as unknown;
  } catch (error) {
    const detail = error instanceof Error ? error.message.split('\n')[0] : '';
    throw new CliError(`${file}: not valid JSON (${detail ?? ''}).`);
  }
  if (!isObject(json) || json['type'] !== 'FeatureCollection' || !Array.isArray(json['features'])) {
    throw new CliError(`${file}: expected a GeoJSON FeatureCollection.`);
  }
  const features = json['features'] as unknown[];
  if (features.length === 0) throw new CliError(`${file}: the FeatureCollection has no features.`);
  return features.map((feature, index) => {
    const where = `${file} feature ${String(index)}`;
    if (!isObject(feature)) throw new CliError(`${where}: expected a Feature object.`);
    const geometry = feature['geometry'];
    if (
      !isObject(geometry) ||
      geometry['type'] !== 'Point' ||
      !Array.isArray(geometry['coordinates'])
    ) {
      throw new CliError(
        `${where}: expected a Point geometry, found ${isObject(geometry) ? describeValue(geometry['type']) : describeValue(geometry)}.`,
      );
    }
    return {
      index,
      coordinates: geometry['coordinates'] as unknown[],
      properties: isObject(feature['properties']) ? feature['properties'] : {},
      id: feature['id'],
    };
  });
}

function isGeoJson(file: string, text: string): boolean {
  const extension = extname(file).toLowerCase();
  if (extension === '.geojson' || extension === '.json') return true;
  if (extension === '.csv') return false;
  return text.trimStart().startsWith('{');
}

/** Demand units from CSV (`lon,lat,population,urban`) or GeoJSON Points (`population`, `urban`). */
export function readDemandFile(text: string, file: string): DemandRow[] {
  if (text.trim() === '')
    throw new CliError(`${file} is empty: expected demand units (lon,lat,population,urban).`);
  if (isGeoJson(file, text)) {
    return pointFeatures(text, file).map((f) => {
      const where = `${file} feature ${String(f.index)}`;
      const [lon, lat] = coordinates(f.coordinates[0], f.coordinates[1], where);
      return {
        lon,
        lat,
        population: population(f.properties['population'], `${where} property`),
        urban: urbanFlag(f.properties['urban'], `${where} property`),
      };
    });
  }
  const { columns, records } = readCsv(text, file);
  requireColumns(columns, ['lon', 'lat', 'population', 'urban'], file);
  if (records.length === 0) throw new CliError(`${file} has a header but no demand rows.`);
  return records.map(({ line, cells }) => {
    const where = `${file} line ${String(line)}`;
    const [lon, lat] = coordinates(cells['lon'], cells['lat'], where);
    return {
      lon,
      lat,
      population: population(cells['population'], where),
      urban: urbanFlag(cells['urban'], where),
    };
  });
}

/** Supply nodes from CSV (`id,lon,lat[,tier]`) or GeoJSON Points (`id` property or feature id). */
export function readNodesFile(text: string, file: string): NodeRow[] {
  if (text.trim() === '')
    throw new CliError(`${file} is empty: expected nodes (id,lon,lat[,tier]).`);
  const seen = new Map<string, string>();
  const node = (id: unknown, lon: unknown, lat: unknown, tier: unknown, where: string): NodeRow => {
    const name = typeof id === 'number' ? String(id) : typeof id === 'string' ? id.trim() : '';
    if (name === '') throw new CliError(`${where}: id is missing.`);
    const earlier = seen.get(name);
    if (earlier !== undefined) throw new CliError(`${where}: id ${name} repeats ${earlier}.`);
    seen.set(name, where);
    const [x, y] = coordinates(lon, lat, where);
    let tierValue: number | null = null;
    if (tier !== undefined && tier !== null && tier !== '') {
      tierValue = numberFrom(tier, where, 'tier');
      if (!Number.isInteger(tierValue) || tierValue < 0) {
        throw new CliError(
          `${where}: tier should be a whole number ≥ 0, found ${describeValue(tier)}.`,
        );
      }
    }
    return { id: name, lon: x, lat: y, tier: tierValue };
  };
  if (isGeoJson(file, text)) {
    return pointFeatures(text, file).map((f) => {
      const where = `${file} feature ${String(f.index)}`;
      return node(
        f.properties['id'] ?? f.id,
        f.coordinates[0],
        f.coordinates[1],
        f.properties['tier'],
        where,
      );
    });
  }
  const { columns, records } = readCsv(text, file);
  requireColumns(columns, ['id', 'lon', 'lat'], file);
  if (records.length === 0) throw new CliError(`${file} has a header but no node rows.`);
  return records.map(({ line, cells }) =>
    node(cells['id'], cells['lon'], cells['lat'], cells['tier'], `${file} line ${String(line)}`),
  );
}
