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

describe('parseJsonSafely: fast path and repeated keys', () => {
  it('drops forbidden keys however they are spelled, on either path', () => {
    // Literal names and \u00XX escapes take the reviver; other escapes (中) do not need it.
    const escaped = parseJsonSafely('{"\\u005f_proto__":{"polluted":1},"ok":"\\u4e2d"}');
    expect(escaped).toMatchObject({ value: { ok: '中' }, droppedKeys: 1 });
    const upper = parseJsonSafely('{"\\u005F\\u005Fproto\\u005F\\u005F":{"polluted":1}}');
    expect(upper).toMatchObject({ value: {}, droppedKeys: 1 });
    expect(parseJsonSafely('{"a":{"prototype":{}}}')).toMatchObject({ value: { a: {} } });
    expect(parseJsonSafely('{"名":"\\u4e2d\\n"}')).toMatchObject({
      value: { 名: '中\n' },
      droppedKeys: 0,
    });
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });

  it('counts keys repeated within one object and says where the first is', () => {
    const r = parseJsonSafely('{"a":1,"b":{"a":2,"c":[{"x":1,"x":2}]},\n  "a":3,"b":4}');
    expect(r.value).toEqual({ a: 3, b: 4 }); // JSON keeps the last value
    expect(r.duplicateKeys).toBe(3);
    expect(r.firstDuplicate).toEqual({ key: 'x', line: 1, column: 31 });
  });

  it('finds a repeat spelled differently (escaped), among many keys, and none in arrays', () => {
    expect(parseJsonSafely('{"name":1,"n\\u0061me":2}').firstDuplicate?.key).toBe('name');
    const many = `{${Array.from({ length: 100 }, (_, i) => `"k${i}":${i}`).join(',')},"k57":0}`;
    expect(parseJsonSafely(many).duplicateKeys).toBe(1);
    expect(parseJsonSafely('[{"a":1},{"a":1},"a","a",{"b":"\\"a\\":"}]').duplicateKeys).toBe(0);
    expect(parseJsonSafely('{"a":"x\\\\","a":"y"}').duplicateKeys).toBe(1);
  });
});
