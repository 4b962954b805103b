/**
 * Refusals in the interface's language (issue 20): every share-link and scenario-file refusal
 * comes in Chinese as well, sentence for sentence, and the app shows the Chinese one in Chinese.
 */
import { deflateSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { readScenarioFile } from '../../src/core/scenario/scenario-file';
import { readScenario } from '../../src/core/scenario/scenario';
import { decodeShareState, toBase64Url } from '../../src/core/share/share-link';

const raw = (json: unknown): string =>
  toBase64Url(deflateSync(new TextEncoder().encode(JSON.stringify(json))));
const CJK = /[\u4e00-\u9fff]/u;

describe('refusals come in both languages', () => {
  it('every kind of share-link refusal has a Chinese sentence', () => {
    const rule = [2000, 5000];
    const params = [
      '',
      '!!!!',
      'x'.repeat(200_000),
      toBase64Url(new Uint8Array([1, 2, 3, 4])),
      toBase64Url(deflateSync(new Uint8Array([0xff, 0xfe, 0xfd]))),
      toBase64Url(deflateSync(new TextEncoder().encode('{'))),
      raw([1]),
      raw({ v: 99 }),
      raw({ v: 'one' }),
      raw({ v: 1, w: [500, 0, 0], l: [], r: rule }),
      raw({ v: 1, l: ['BAD ID'], r: rule }),
      raw({ v: 1, l: [], r: [0, 5000] }),
      raw({ v: 1, l: [], r: rule, s: { n: 'x' } }),
      raw({ v: 1, l: [], r: rule, s: { n: 'x', d: [[1, 2]] } }),
      raw({ v: 1, l: [], r: rule, s: { n: 'x', d: [['a', 106, 29, 1, 5, 1]] } }),
      raw({ v: 1, l: [], r: rule, s: { n: 'x', d: [['a', 106, 29, 7, 'n', 1]] } }),
    ];
    for (const param of params) {
      const decoded = decodeShareState(param);
      expect(decoded.ok, param.slice(0, 40)).toBe(false);
      if (decoded.ok) continue;
      expect(decoded.problem_zh, decoded.problem).toMatch(CJK);
      expect(decoded.problem_zh).not.toBe(decoded.problem);
    }
  });

  it('every kind of scenario-file refusal has a Chinese sentence in the same place', () => {
    const texts = [
      '{',
      '[1]',
      '{"format":"other","formatVersion":1}',
      '{"format":"cq-commerce-atlas/scenario","formatVersion":0}',
      '{"format":"cq-commerce-atlas/scenario","formatVersion":9}',
      '{"format":"cq-commerce-atlas/scenario","formatVersion":1,"scenario":3}',
      '{"format":"cq-commerce-atlas/scenario","formatVersion":1,"scenario":{"schemaVersion":5}}',
      '{"schemaVersion":1,"rule":{"urbanRadius":0},"nodes":[{"id":"a","lon":"x","lat":1,"tier":7}]}',
    ];
    for (const text of texts) {
      const read = readScenarioFile(text);
      expect(read.ok, text).toBe(false);
      if (read.ok) continue;
      expect(read.problems_zh).toHaveLength(read.problems.length);
      for (const sentence of read.problems_zh) expect(sentence, text).toMatch(CJK);
    }
    const scenario = readScenario('not an object');
    expect(scenario.ok).toBe(false);
    if (!scenario.ok) expect(scenario.problems_zh[0]).toMatch(CJK);
  });
});
