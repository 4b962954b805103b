import { describe, expect, it } from 'vitest';
import { csvCell, toCsv } from '../../../src/core/report/csv';

describe('CSV for Excel', () => {
  it('starts with a BOM, uses CRLF and keeps Chinese as UTF-8', () => {
    const csv = toCsv(['区县', 'rate'], [['渝中区', 0.98]]);
    expect(csv.startsWith('\uFEFF')).toBe(true);
    expect(csv).toBe('\uFEFF区县,rate\r\n渝中区,0.98\r\n');
    expect(new TextDecoder().decode(new TextEncoder().encode(csv))).toContain('渝中区');
  });

  it('defuses every cell that could start a formula', () => {
    for (const hostile of ['=1+1', '+cmd', '-2+3', '@SUM(A1)', '\t=x', '\r=x']) {
      expect(csvCell(hostile).replace(/^"/, '').startsWith("'")).toBe(true);
    }
    expect(csvCell(-5)).toBe('-5');
  });

  it('quotes commas, quotes and newlines', () => {
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('line\nbreak')).toBe('"line\nbreak"');
    expect(csvCell(null)).toBe('');
    expect(csvCell(Number.NaN)).toBe('');
  });
});
