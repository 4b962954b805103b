/**
 * JSON.parse for untrusted text (imported files, share links, stored records) that can never
 * pollute an object prototype: keys `__proto__`, `constructor` and `prototype` are dropped while
 * parsing and counted so the caller can report them. Keys repeated within one object (JSON keeps
 * the last value and drops the others without a word) are found and counted too.
 *
 * Fast path: a reviver makes parsing about twice as slow (a 200,000-node scenario file of 17 MB:
 * 1.8 s instead of 1.0 s), and almost no text needs it. A key can only spell a forbidden name if
 * the text holds the name literally or a `\u00XX` escape of an ASCII character (no other JSON
 * escape yields a letter or `_`); text with neither parses with plain JSON.parse to the same value.
 */
export interface SafeJsonResult {
  readonly value: unknown;
  /** How many prototype-polluting keys were dropped. */
  readonly droppedKeys: number;
  /** How many keys repeated an earlier key of the same object (their earlier values are lost). */
  readonly duplicateKeys: number;
  /** The first repeated key and where it is (1-based line and column), or null. */
  readonly firstDuplicate: DuplicateKey | null;
}

export interface DuplicateKey {
  readonly key: string;
  readonly line: number;
  readonly column: number;
}

const FORBIDDEN = new Set(['__proto__', 'constructor', 'prototype']);

/** Text in which some key might spell a forbidden name (literally, or through an ASCII escape). */
const MIGHT_SPELL_FORBIDDEN = /__proto__|constructor|prototype|\\u00[0-7]/;

/** Parses JSON like `JSON.parse`, throwing `SyntaxError` on bad text, minus dangerous keys. */
export function parseJsonSafely(text: string): SafeJsonResult {
  let droppedKeys = 0;
  let value: unknown;
  if (!MIGHT_SPELL_FORBIDDEN.test(text)) value = JSON.parse(text);
  else {
    value = JSON.parse(text, function reviver(this: unknown, key, raw: unknown) {
      if (FORBIDDEN.has(key) && typeof this === 'object' && this !== null && !Array.isArray(this)) {
        droppedKeys += 1;
        return undefined;
      }
      return raw;
    });
  }
  const duplicates = findDuplicateKeys(text);
  return { value, droppedKeys, ...duplicates };
}

/** Objects with more keys than this check repeats through a Set rather than a list. */
const SET_AFTER_KEYS = 16;

interface ObjectKeys {
  readonly list: string[];
  set: Set<string> | null;
}

/**
 * Keys repeated within one object of valid JSON `text` (call it after JSON.parse succeeded). One
 * pass over the text; only object keys are taken out as strings, values are skipped.
 */
export function findDuplicateKeys(text: string): {
  duplicateKeys: number;
  firstDuplicate: DuplicateKey | null;
} {
  // One entry per open bracket: the keys of an object, or null for an array.
  const stack: (ObjectKeys | null)[] = [];
  let expectKey = false;
  let count = 0;
  let firstAt = -1;
  let firstKey = '';
  const n = text.length;
  let i = 0;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === 34) {
      // A string: find its closing quote (one not escaped by an odd number of backslashes).
      let end = text.indexOf('"', i + 1);
      for (;;) {
        if (end === -1) return { duplicateKeys: count, firstDuplicate: null }; // not valid JSON
        let backslashes = 0;
        for (let b = end - 1; text.charCodeAt(b) === 92; b -= 1) backslashes += 1;
        if (backslashes % 2 === 0) break;
        end = text.indexOf('"', end + 1);
      }
      if (expectKey) {
        const raw = text.slice(i + 1, end);
        const key = raw.includes('\\') ? (JSON.parse(`"${raw}"`) as string) : raw;
        const keys = stack[stack.length - 1];
        if (keys !== null && keys !== undefined) {
          let seen: boolean;
          if (keys.set !== null) seen = keys.set.has(key);
          else seen = keys.list.includes(key);
          if (seen) {
            count += 1;
            if (firstAt === -1) {
              firstAt = i;
              firstKey = key;
            }
          } else if (keys.set !== null) keys.set.add(key);
          else {
            keys.list.push(key);
            if (keys.list.length > SET_AFTER_KEYS) keys.set = new Set(keys.list);
          }
        }
        expectKey = false;
      }
      i = end + 1;
      continue;
    }
    if (c === 123) {
      stack.push({ list: [], set: null });
      expectKey = true;
    } else if (c === 91) {
      stack.push(null);
      expectKey = false;
    } else if (c === 125 || c === 93) {
      stack.pop();
      expectKey = false;
    } else if (c === 44) {
      expectKey = (stack[stack.length - 1] ?? null) !== null;
    }
    i += 1;
  }
  if (firstAt === -1) return { duplicateKeys: 0, firstDuplicate: null };
  let line = 1;
  let lineStart = 0;
  for (let at = text.indexOf('\n'); at !== -1 && at < firstAt; at = text.indexOf('\n', at + 1)) {
    line += 1;
    lineStart = at + 1;
  }
  return {
    duplicateKeys: count,
    firstDuplicate: { key: firstKey, line, column: firstAt - lineStart + 1 },
  };
}
