/**
 * The one definition of a population attribute in imported data, shared by the import validator
 * (which converts and checks the value) and the demand reader (which uses it as residents).
 */

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

const PLAIN_NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
const THOUSANDS = /^[+-]?\d{1,3}(,\d{3})+(\.\d+)?$/;

/** Parses a population value: numbers as they are, strings like "1234", "1,234" or " 12.5 ". */
export function parsePopulation(value: unknown): number | null {
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value !== 'string') return null;
  const text = value.trim();
  if (PLAIN_NUMBER.test(text)) return Number(text);
  if (THOUSANDS.test(text)) return Number(text.replaceAll(',', ''));
  return null;
}
