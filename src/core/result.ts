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
  /** The same sentence in Chinese, where the problem has one (shown in the Chinese interface). */
  readonly message_zh?: string;
}

const MAX_SHOWN = 60;

/**
 * A short English description of a value found in untrusted input, for problem messages: strings
 * are quoted and cut to 60 characters so a hostile 10 000-character value cannot flood a report.
 */
export function describeValue(value: unknown): string {
  return describe(value, ENGLISH);
}

/** The same in Chinese, for the Chinese sentence of a bilingual problem. */
export function describeValueZh(value: unknown): string {
  return describe(value, CHINESE);
}

interface ValueWords {
  readonly nothing: string;
  readonly array: (length: number) => string;
  readonly string: (quoted: string) => string;
  readonly number: (text: string) => string;
  readonly boolean: (text: string) => string;
  readonly object: string;
  readonly other: (type: string) => string;
}

const ENGLISH: ValueWords = {
  nothing: 'nothing',
  array: (length) => `an array of ${String(length)}`,
  string: (quoted) => `the string ${quoted}`,
  number: (text) => `number ${text}`,
  boolean: (text) => `boolean ${text}`,
  object: 'an object',
  other: (type) => `a ${type}`,
};

const CHINESE: ValueWords = {
  nothing: '空',
  array: (length) => `长度为 ${String(length)} 的数组`,
  string: (quoted) => `字符串 ${quoted}`,
  number: (text) => `数字 ${text}`,
  boolean: (text) => `布尔值 ${text}`,
  object: '对象',
  other: (type) => `${type} 类型的值`,
};

function describe(value: unknown, words: ValueWords): string {
  if (value === undefined) return words.nothing;
  if (value === null) return 'null';
  if (Array.isArray(value)) return words.array(value.length);
  switch (typeof value) {
    case 'string': {
      const chars = Array.from(value);
      const shown = chars.length > MAX_SHOWN ? `${chars.slice(0, MAX_SHOWN).join('')}…` : value;
      return words.string(JSON.stringify(shown));
    }
    case 'number':
      return words.number(String(value));
    case 'boolean':
      return words.boolean(String(value));
    case 'object':
      return words.object;
    default:
      return words.other(typeof value);
  }
}
