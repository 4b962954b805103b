/**
 * JSON.parse for untrusted text (imported files, share links, stored records) that can never
 * pollute an object prototype: keys `__proto__`, `constructor` and `prototype` are dropped while
 * parsing and counted so the caller can report them.
 */
export interface SafeJsonResult {
  readonly value: unknown;
  /** How many prototype-polluting keys were dropped. */
  readonly droppedKeys: number;
}

const FORBIDDEN = new Set(['__proto__', 'constructor', 'prototype']);

/** Parses JSON like `JSON.parse`, throwing `SyntaxError` on bad text, minus dangerous keys. */
export function parseJsonSafely(text: string): SafeJsonResult {
  let droppedKeys = 0;
  const value: unknown = JSON.parse(text, function reviver(this: unknown, key, raw: unknown) {
    if (FORBIDDEN.has(key) && typeof this === 'object' && this !== null && !Array.isArray(this)) {
      droppedKeys += 1;
      return undefined;
    }
    return raw;
  });
  return { value, droppedKeys };
}
