import type { Feature, Geometry, Position } from 'geojson';
import { isPlausiblePopulation, parsePopulation, populationKeyOf } from './population-attribute.ts';

/** Side of the square a population table's row is drawn as on the gap map, in metres. */
export const TABLE_CELL_M = 200;

/** `urban` value of a unit whose class the table does not say; filled from the model later. */
export const URBAN_UNKNOWN = 255;

const URBAN_KEYS = ['urban', '城镇', 'is_urban', '城乡', 'class', '类型'];

/** Population units read from imported features (a table of places with residents). */
export interface FeatureDemand {
  readonly lon: Float64Array;
  readonly lat: Float64Array;
  readonly population: Float64Array;
  /** 1 urban, 0 rural, {@link URBAN_UNKNOWN} when the feature does not say. */
  readonly urban: Uint8Array;
  readonly totalPopulation: number;
  /** Features without a usable population or position, not counted. */
  readonly skipped: number;
  /**
   * Of the skipped, those whose population is more than one place can hold
   * (MAX_POPULATION_PER_CELL, src/core/import/limits.ts): never summed, so the total stays finite.
   */
  readonly implausible: number;
  /** Units whose urban/rural class came from no attribute. */
  readonly unknownClass: number;
}

/** True when the feature has a population attribute (see population-attribute.ts). */
export function hasPopulationAttribute(properties: Record<string, unknown>): boolean {
  return populationKeyOf(properties) !== undefined;
}

function populationOf(properties: Record<string, unknown>): number | null {
  const key = populationKeyOf(properties);
  if (key === undefined) return null;
  return parsePopulation(properties[key]);
}

/** 1, 0 or unknown from values such as true/false, 1/0, urban/rural, 城镇/乡村, 城市/农村. */
export function urbanClassOf(properties: Record<string, unknown>): number {
  for (const key of Object.keys(properties)) {
    if (!URBAN_KEYS.includes(key.toLowerCase())) continue;
    const value = properties[key];
    if (value === true || value === 1) return 1;
    if (value === false || value === 0) return 0;
    if (typeof value !== 'string') continue;
    const text = value.trim().toLowerCase();
    if (['1', 'true', 'yes', 'urban', '城镇', '城市', '城区', '是'].includes(text)) return 1;
    if (['0', 'false', 'no', 'rural', '乡村', '农村', '否'].includes(text)) return 0;
  }
  return URBAN_UNKNOWN;
}

/** A representative point: the point itself, or the mean of an outline's first ring. */
function anchor(geometry: Geometry): Position | null {
  switch (geometry.type) {
    case 'Point':
      return geometry.coordinates;
    case 'Polygon':
    case 'MultiPolygon': {
      const ring =
        geometry.type === 'Polygon' ? geometry.coordinates[0] : geometry.coordinates[0]?.[0];
      if (ring === undefined || ring.length < 2) return null;
      const vertices = ring.slice(0, -1);
      const lon = vertices.reduce((sum, p) => sum + (p[0] ?? 0), 0) / vertices.length;
      const lat = vertices.reduce((sum, p) => sum + (p[1] ?? 0), 0) / vertices.length;
      return [lon, lat];
    }
    default:
      return null;
  }
}

/**
 * Population units from imported features with a `population` (or 人口, 常住人口) attribute:
 * one unit per point, or per area at the mean of its outline. The urban/rural class comes from an
 * `urban` (城镇, 城乡 …) attribute when present. Inputs are not changed.
 */
export function demandFromFeatures(
  features: readonly Feature<Geometry, Record<string, unknown>>[],
): FeatureDemand {
  const lon: number[] = [];
  const lat: number[] = [];
  const population: number[] = [];
  const urban: number[] = [];
  let skipped = 0;
  let implausible = 0;
  let unknownClass = 0;
  let total = 0;
  for (const feature of features) {
    const people = populationOf(feature.properties);
    const at = anchor(feature.geometry);
    if (people === null || at === null || !isPlausiblePopulation(people)) {
      skipped += 1;
      if (people !== null && people > 0 && !isPlausiblePopulation(people)) implausible += 1;
      continue;
    }
    const urbanClass = urbanClassOf(feature.properties);
    if (urbanClass === URBAN_UNKNOWN) unknownClass += 1;
    lon.push(at[0] ?? NaN);
    lat.push(at[1] ?? NaN);
    population.push(people);
    urban.push(urbanClass);
    total += people;
  }
  return {
    lon: Float64Array.from(lon),
    lat: Float64Array.from(lat),
    population: Float64Array.from(population),
    urban: Uint8Array.from(urban),
    totalPopulation: total,
    skipped,
    implausible,
    unknownClass,
  };
}
