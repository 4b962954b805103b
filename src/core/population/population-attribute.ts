/**
 * The one definition of a population attribute in imported data, shared by the import validator
 * (which converts and checks the value) and the demand reader (which uses it as residents).
 */
import { parseDecimal } from '../decimal.ts';
import { MAX_POPULATION_PER_CELL } from '../import/limits.ts';

/** Attribute names read as a population, compared case-insensitively. */
export const POPULATION_KEYS = ['population', '人口', '常住人口', 'pop'] as const;

/** The names as a reader sees them in messages: "population", "人口", "常住人口" or "pop". */
export const POPULATION_KEYS_TEXT = POPULATION_KEYS.map((key) => JSON.stringify(key))
  .join(', ')
  .replace(/, ([^,]*)$/, ' or $1');

const KEYS: ReadonlySet<string> = new Set(POPULATION_KEYS);

/** The first attribute of `properties` that holds a population, or undefined. */
export function populationKeyOf(properties: Record<string, unknown>): string | undefined {
  return Object.keys(properties).find((key) => KEYS.has(key.toLowerCase()));
}

const THOUSANDS = /^[+-]?\d{1,3}(,\d{3})+(\.\d+)?$/;

/**
 * Parses a population value: finite numbers as they are, decimal text like "1234", "1,234" or
 * " 12.5 " (src/core/decimal.ts: never hex, binary, octal, Infinity or NaN text).
 */
export function parsePopulation(value: unknown): number | null {
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value !== 'string') return null;
  const text = value.trim();
  if (THOUSANDS.test(text)) return parseDecimal(text.replaceAll(',', ''));
  return parseDecimal(text);
}

/**
 * True for a count of people one population unit (a table row or a raster cell) can hold: from 0
 * to {@link MAX_POPULATION_PER_CELL}. A sum of at most `IMPORT_LIMITS.maxFeatures` such counts is
 * finite (and exact for whole numbers), so no total built from them is ∞ or NaN.
 */
export function isPlausiblePopulation(people: number): boolean {
  return Number.isFinite(people) && people >= 0 && people <= MAX_POPULATION_PER_CELL;
}
