import { describe, expect, it } from 'vitest';
import { parseJsonSafely } from '../../../src/core/import/safe-json';

describe('parseJsonSafely', () => {
  it('drops __proto__, constructor and prototype keys at any depth and counts them', () => {
    const { value, droppedKeys } = parseJsonSafely(
      '{"a":1,"__proto__":{"polluted":true},"b":{"constructor":{"prototype":{"x":1}},"c":[{"__proto__":{"y":2}}]}}',
    );
    expect(droppedKeys).toBe(4); // the nested "prototype" is met first, then its "constructor"
    expect(value).toEqual({ a: 1, b: { c: [{}] } });
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
    expect(Object.getPrototypeOf(value)).toBe(Object.prototype);
  });

  it('keeps ordinary data and array elements, and throws SyntaxError on bad text', () => {
    expect(parseJsonSafely('[1,"__proto__",{"k":null}]').value).toEqual([
      1,
      '__proto__',
      { k: null },
    ]);
    expect(() => parseJsonSafely('{"a":')).toThrow(SyntaxError);
  });
});
