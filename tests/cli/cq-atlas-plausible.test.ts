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
