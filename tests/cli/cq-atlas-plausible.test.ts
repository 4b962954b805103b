// @vitest-environment node
/**
 * The CLI reads numbers as the browser does (issue 20): hex is refused, a population past the
 * bound per place is an error naming the row, and no report of ∞ people is printed or written.
 */
import { describe, expect, it } from 'vitest';
import { cliInProcess } from './in-process.ts';
import { importBytes } from '../../src/core/import/import-bytes.ts';

const utf8 = (text: string) => new TextEncoder().encode(text);

/** `cq-atlas coverage --lang en` on the files given, and no others. */
const coverage = (files: Readonly<Record<string, string>>, ...argv: string[]) =>
  cliInProcess(['coverage', '--lang', 'en', ...argv], files, { disk: false });

describe('cq-atlas: plausible numbers', () => {
  it('refuses two cells of 1e308 people (was "Whole city ∞", exit 0), naming the rows as the browser does', async () => {
    const text = 'lon,lat,population\n106.5,29.5,1e308\n106.6,29.6,1e308\n';
    const run = await coverage(
      { 'cells.csv': text },
      '--demand',
      'cells.csv',
      '--json',
      'out.json',
    );
    expect(run.code).toBe(1);
    expect(run.out).not.toContain('∞');
    expect(run.written.size).toBe(0);
    // The same sentence the import panel shows for the same file.
    const browser = await importBytes('cells.csv', utf8(text), { role: 'demand' });
    const first = browser.problems.find((p) => p.code === 'implausible-population');
    expect(first?.where).toBe('cells.csv row 2');
    expect(run.err).toContain(`cq-atlas: cells.csv: row 2: ${first?.message ?? '?'}`);
    expect(run.err).toContain('cells.csv: row 3:');
  });

  it('refuses a GeoJSON population past the bound, and hex coordinates', async () => {
    const geojson = JSON.stringify({
      type: 'FeatureCollection',
      features: [1e308, 1e308, 10].map((population) => ({
        type: 'Feature',
        properties: { population },
        geometry: { type: 'Point', coordinates: [106.5, 29.5] },
      })),
    });
    const run = await coverage({ 'cells.geojson': geojson }, '--demand', 'cells.geojson');
    expect(run.code).toBe(1);
    expect(run.err).toContain('2 places in cells.geojson have more than 35,000,000 people each');
    const hex = await coverage(
      { 'hex.csv': 'lon,lat,population\n0x6A,0x1D,0x64\n' },
      '--demand',
      'hex.csv',
    );
    expect(hex.code).toBe(1);
    expect(hex.err).toContain(
      'row 2: Expected a decimal number in column "lon", found the string "0x6A"',
    );
  });
});

describe('cq-atlas: a population total far from the census', () => {
  // 1,000 places of 100 people: 100,000 people, 0.0031× the census total of 32,054,159.
  const rows = Array.from(
    { length: 1000 },
    (_, i) =>
      `${(106.3 + (i % 40) * 0.01).toFixed(3)},${(29.4 + Math.floor(i / 40) * 0.01).toFixed(3)},100`,
  );
  const small = `lon,lat,population\n${rows.join('\n')}\n`;

  it('is refused with both totals and the flag that overrides it, in both languages', async () => {
    const run = await coverage({ 'part.csv': small }, '--demand', 'part.csv', '--json', 'o.json');
    expect(run.code).toBe(1);
    expect(run.out).toBe('');
    expect(run.written.size).toBe(0);
    expect(run.err).toContain('--demand part.csv: its population adds up to 100,000');
    expect(run.err).toContain('0.0031× the 2020 census total of 32,054,159');
    expect(run.err).toContain('more than 2× above or below');
    expect(run.err).toContain('--accept-population-total');
    const zh = await cliInProcess(
      ['coverage', '--demand', 'part.csv'],
      { 'part.csv': small },
      {
        disk: false,
      },
    );
    expect(zh.code).toBe(1);
    expect(zh.err).toContain(
      '人口合计 100,000，是本图集所用 2020 年人口普查总数 32,054,159 的 0.0031 倍',
    );
  });

  it('is used with --accept-population-total, saying so', async () => {
    const run = await coverage(
      { 'part.csv': small },
      '--demand',
      'part.csv',
      '--accept-population-total',
    );
    expect(run.code).toBe(0);
    expect(run.err).toContain('used although its population (100,000) is 0.0031× the census total');
    expect(run.out).toMatch(/100,000/);
  });

  it('needs no flag within the factor, and the flag needs --demand', async () => {
    const { parseArguments } = await import('../../src/cli/parse-arguments.ts');
    expect(() => parseArguments(['coverage', '--accept-population-total'])).toThrow(
      /give --demand/,
    );
    expect(parseArguments(['coverage', '--demand', 'x.csv']).acceptPopulationTotal).toBe(false);
  });
});
