import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { jsonErrorOffset } from '../../../src/core/import/json-error';

describe('jsonErrorOffset', () => {
  it('points at the first bad character', () => {
    expect(jsonErrorOffset('{"a":[,]}')).toBe(6);
    expect(jsonErrorOffset('{"a": tru}')).toBe(6);
    expect(jsonErrorOffset('{"a":1,}')).toBe(7);
    expect(jsonErrorOffset('{"a":1} x')).toBe(8);
    expect(jsonErrorOffset('"\\q"')).toBe(1);
    expect(jsonErrorOffset('{"a":')).toBe(5);
  });

  it('agrees with JSON.parse about what is valid', () => {
    fc.assert(
      fc.property(fc.json(), (text) => {
        expect(jsonErrorOffset(text)).toBeNull();
      }),
    );
    fc.assert(
      fc.property(
        fc.json(),
        fc.nat(),
        fc.constantFrom(',', ']', '}', '"', ':', 'x', '\\'),
        (text, at, ch) => {
          const i = at % (text.length + 1);
          const broken = text.slice(0, i) + ch + text.slice(i);
          let valid = true;
          try {
            JSON.parse(broken);
          } catch {
            valid = false;
          }
          expect(jsonErrorOffset(broken) === null).toBe(valid);
        },
      ),
    );
  });
});
