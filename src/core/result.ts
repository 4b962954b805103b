/**
 * One thing wrong with some input (a data file, the catalogue, the URL), reported instead of thrown
 * so that callers can show every problem at once and keep what is valid.
 */
export interface Problem {
  /**
   * Where the problem is, precise enough to find it by hand, e.g.
   * `layers/districts.geojson feature 3 (id district-banan) property status` or
   * `catalogue.layers[3].style.colors.foo.color`.
   */
  readonly where: string;
  /** A full sentence saying what was expected and what was found. */
  readonly message: string;
}

const MAX_SHOWN = 60;

/**
 * A short English description of a value found in untrusted input, for problem messages: strings
 * are quoted and cut to 60 characters so a hostile 10 000-character value cannot flood a report.
 */
export function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return `an array of ${String(value.length)}`;
  switch (typeof value) {
    case 'string': {
      const chars = Array.from(value);
      const shown = chars.length > MAX_SHOWN ? `${chars.slice(0, MAX_SHOWN).join('')}…` : value;
      return `the string ${JSON.stringify(shown)}`;
    }
    case 'number':
    case 'boolean':
      return `${typeof value} ${String(value)}`;
    case 'object':
      return 'an object';
    default:
      return `a ${typeof value}`;
  }
}
