import { describe, expect, it } from 'vitest';
import { describeValue, describeValueZh } from '../../src/core/result';

describe('describing a value found in untrusted input', () => {
  it('says what it is, in English and in Chinese', () => {
    const cases: [unknown, string, string][] = [
      [undefined, 'nothing', '空'],
      [null, 'null', 'null'],
      [[1, 2, 3], 'an array of 3', '长度为 3 的数组'],
      ['多', 'the string "多"', '字符串 "多"'],
      [12.5, 'number 12.5', '数字 12.5'],
      [true, 'boolean true', '布尔值 true'],
      [{ a: 1 }, 'an object', '对象'],
      [10n, 'a bigint', 'bigint 类型的值'],
    ];
    for (const [value, english, chinese] of cases) {
      expect(describeValue(value)).toBe(english);
      expect(describeValueZh(value)).toBe(chinese);
    }
  });

  it('cuts long strings to 60 characters in both languages', () => {
    const long = '长'.repeat(500);
    expect(describeValue(long)).toBe(`the string "${'长'.repeat(60)}…"`);
    expect(describeValueZh(long)).toBe(`字符串 "${'长'.repeat(60)}…"`);
  });
});
