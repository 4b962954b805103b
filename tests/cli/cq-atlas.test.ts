// @vitest-environment node
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cliInProcess, type CliRun } from './in-process.ts';

const ROOT = join(import.meta.dirname, '..', '..');
const FIXTURES = join(import.meta.dirname, 'fixtures');
const fixture = (path: string) => relative(ROOT, join(FIXTURES, path));

type Run = CliRun;

/** Runs the CLI in-process; `files` are served instead of the disk (e.g. GBK bytes). */
const cliWith = (files: Readonly<Record<string, Uint8Array>>, ...argv: string[]): Promise<Run> =>
  cliInProcess(argv, files);
const cli = (...argv: string[]): Promise<Run> => cliWith({}, ...argv);

/** Compares with a golden file in fixtures/out, or rewrites it when REGEN=1. */
function golden(name: string, actual: string): void {
  const path = join(FIXTURES, 'out', name);
  if (process.env['REGEN'] === '1') writeFileSync(path, actual);
  if (!existsSync(path))
    throw new Error(`${name} is missing; run the test with REGEN=1 to create it.`);
  const expected = readFileSync(path, 'utf8');
  if (name.endsWith('.json')) expect(JSON.parse(actual)).toEqual(JSON.parse(expected));
  else expect(actual).toBe(expected);
}

describe('cq-atlas coverage', () => {
  it('prints the city, urban, rural, regions and the 10 worst 区县 for the embedded data, in Chinese by default', async () => {
    const run = await cli('coverage');
    expect(run.code).toBe(0);
    expect(run.err).toBe('');
    expect(run.out).toContain('球面大圆距离，R = 6,371,008.8 米');
    expect(run.out).toContain('模拟人口网格');
    expect(run.out).toMatch(/\n全市\s+32,054,159\s/);
    for (const label of [
      '城镇人口',
      '乡村人口',
      '主城都市区',
      '  中心城区',
      '  主城新区',
      '渝东北三峡库区城镇群',
      '渝东南武陵山区城镇群',
      '覆盖率最低的 10 个区县',
    ]) {
      expect(run.out).toContain(label);
    }
    expect(run.out).toMatch(/\n10\. \S+/);
  });

  it('speaks English with --lang en, and `coverage` is the default command', async () => {
    const run = await cli('--lang', 'en');
    expect(run.code).toBe(0);
    expect(run.out).toContain('great-circle distance on a sphere, R = 6,371,008.8 m');
    expect(run.out).toMatch(/\nWhole city\s+32,054,159\s/);
    expect(run.out).toContain('The 10 districts (区县) with the lowest expected coverage');
    // Named for what it measures, with every figure carrying the nodes' position uncertainty.
    expect(run.out).toContain("Distance to the plan's supply nodes (not retail outlets)");
    expect(run.out).toMatch(/Expected\s+90% interval\s+Sure\s+Possible\s+At drawn positions/);
    expect(run.out).toContain('seed 20211231');
    expect(run.out).toContain('Modelled');
  });

  it('writes the coverage report as JSON and CSV, and one CSV row per unit', async () => {
    const run = await cli(
      'coverage',
      '--json',
      'out.json',
      '--csv',
      'report.csv',
      '--units',
      'units.csv',
      '--urban-radius',
      '2500',
    );
    expect(run.code).toBe(0);
    const report = JSON.parse(run.written.get('out.json') ?? '{}') as Record<string, unknown>;
    expect(Object.keys(report)).toEqual([
      'schema',
      'version',
      'analysis',
      'parameters',
      'totals',
      'byRegion',
      'byDistrict',
      'nodes',
    ]);
    expect(report).toMatchObject({ schema: 'cq-atlas/coverage-report', version: 1 });
    expect(report['totals']).toMatchObject({ city: { population: 32_054_159 } });
    expect(report['parameters']).toMatchObject({
      urbanRadius: 2500,
      ruralRadius: 5000,
      earthRadiusMeters: 6_371_008.8,
      population: { modelled: true, units: 172_133 },
      nodeSet: { count: 45, planNodes: 45 },
    });
    expect((report['nodes'] as unknown[]).length).toBe(45);
    const table = (run.written.get('report.csv') ?? '').trimEnd().split('\r\n');
    expect(table[0]).toBe(
      '\uFEFFlevel,id,name_zh,name_en,population,covered,rate,urban_population,urban_covered,rural_population,rural_covered,urban_radius_m,rural_radius_m,sure_covered,expected_covered,expected_rate,possible_covered,interval_p05_covered,interval_p95_covered',
    );
    expect(table[1]).toMatch(/^city,500000,重庆市,Chongqing,32054159,/);
    expect(table).toHaveLength(1 + 1 + 5 + 38);
    expect((report['byDistrict'] as unknown[]).length).toBe(38);
    expect((report['byRegion'] as unknown[]).length).toBe(5);
    const lines = (run.written.get('units.csv') ?? '').trimEnd().split('\r\n');
    expect(lines[0]).toBe(
      '\uFEFFindex,lon,lat,population,urban,covered,nearest_id,distance_m,p_covered,class',
    );
    expect(lines.length).toBe(172_133 + 1);
    expect(lines[1]).toMatch(
      /^0,[\d.]+,[\d.]+,\d+,[01],[01],[a-z0-9-]+,[\d.]+,[\d.e-]+,(sure|depends|none)$/,
    );
    // The classes agree with the probabilities: sure is 1, none is 0, depends lies between.
    for (const line of lines.slice(1, 5000)) {
      const [p, cls] = line.split(',').slice(-2);
      const probability = Number(p);
      if (cls === 'sure') expect(probability).toBe(1);
      else if (cls === 'none') expect(probability).toBe(0);
      else expect(probability).toBeLessThanOrEqual(1);
    }
  });

  it('reads demand and nodes from CSV files and matches the golden outputs', async () => {
    const run = await cli(
      'coverage',
      '--demand',
      fixture('in/demand.csv'),
      // A test file of a few places: far below the census total, used on purpose.
      '--accept-population-total',
      '--nodes',
      fixture('in/nodes.csv'),
      '--json',
      'out.json',
      '--units',
      'units.csv',
      '--lang',
      'en',
    );
    // The unit at 120°E, 31°N is the one outside every 区县: the importer says so, as in the atlas.
    expect(run.err).toMatch(
      /^cq-atlas: warning: tests\/cli\/fixtures\/in\/demand\.csv: Expected data in or near Chongqing/,
    );
    expect(run.err.split('\n')).toHaveLength(2);
    expect(run.err).toContain('(--accept-population-total)');
    expect(run.code).toBe(0);
    golden('demand-coverage.json', run.written.get('out.json') ?? '');
    golden('demand-units.csv', run.written.get('units.csv') ?? '');
    const report = JSON.parse(run.written.get('out.json') ?? '{}') as {
      totals: { city: { covered: number }; outsideDistricts: { population: number } };
    };
    // 106.577,29.563 (750 m from the Yuzhong market) and 108.39,30.805 (1.1 km from the Wanzhou hub).
    expect(report.totals.city.covered).toBe(32_000);
    expect(report.totals.outsideDistricts.population).toBe(50);
  });

  it('reads GeoJSON demand and nodes the same way', async () => {
    const run = await cli(
      'coverage',
      '--demand',
      fixture('in/demand.geojson'),
      '--accept-population-total',
      '--nodes',
      fixture('in/nodes.geojson'),
      '--json',
      'out.json',
    );
    expect(run.code).toBe(0);
    expect(JSON.parse(run.written.get('out.json') ?? '{}')).toMatchObject({
      totals: { city: { population: 12_900, covered: 12_000 } },
    });
  });
});

describe('cq-atlas suggest', () => {
  it('picks K sites by lazy greedy with their marginal gains in order', async () => {
    const run = await cli(
      'suggest',
      '--k',
      '3',
      '--demand',
      fixture('in/demand.csv'),
      // A test file of a few places: far below the census total, used on purpose.
      '--accept-population-total',
      '--nodes',
      fixture('in/nodes.csv'),
      '--json',
      's.json',
      '--lang',
      'en',
    );
    expect(run.code).toBe(0);
    const report = JSON.parse(run.written.get('s.json') ?? '{}') as {
      method: string;
      sites: { gain: number }[];
    };
    expect(report.method).toBe('maximal-covering');
    expect(report.sites.map((s) => s.gain)).toEqual([15_000, 8_000, 900]);
    expect(run.out).toContain('maximal covering');
  });

  it('sets cover to a target rate for urban and rural residents', async () => {
    const run = await cli(
      'suggest',
      '--target-rate',
      '95%,50%',
      '--demand',
      fixture('in/demand.csv'),
      // A test file of a few places: far below the census total, used on purpose.
      '--accept-population-total',
      '--nodes',
      fixture('in/nodes.csv'),
      '--json',
      's.json',
    );
    expect(run.code).toBe(0);
    const report = JSON.parse(run.written.get('s.json') ?? '{}') as {
      method: string;
      targetReached: boolean;
      after: { urban: { rate: number } };
    };
    expect(report).toMatchObject({ method: 'set-cover', targetReached: true });
    expect(report.after.urban.rate).toBeGreaterThanOrEqual(0.95);
  });
});

describe('cq-atlas on bad input', () => {
  // The importer's problem sentences, as the atlas shows them, printed as `file: row N: …`.
  const cases: [string, string[], RegExp][] = [
    [
      'a table without a population column',
      ['--demand', fixture('bad/demand-missing-population.csv')],
      /demand-missing-population\.csv: row 2: Expected a population attribute \("population", "人口", "常住人口" or "pop"\) holding a number for a demand layer, found no such attribute\./,
    ],
    [
      'a non-numeric population',
      ['--demand', fixture('bad/demand-non-numeric-population.csv')],
      /demand-non-numeric-population\.csv: row 3: Expected a number in the "population" attribute, found the string "lots"; the feature was not imported\./,
    ],
    [
      'coordinates outside the valid range',
      ['--demand', fixture('bad/demand-swapped-coordinates.csv')],
      /demand-swapped-coordinates\.csv: row 3: Expected longitude within ±180 and latitude within ±90/,
    ],
    [
      'an empty file',
      ['--demand', fixture('bad/demand-empty.csv')],
      /demand-empty\.csv: Expected data in the file, found an empty file \(0 bytes\)\./,
    ],
    [
      'a header without rows',
      ['--demand', fixture('bad/demand-header-only.csv')],
      /demand-header-only\.csv: Expected at least one data row below the header row, found none\./,
    ],
    [
      'a negative population',
      ['--demand', fixture('bad/demand-negative-population.geojson')],
      /demand-negative-population\.geojson: feature 0: Expected a population of zero or more in the "population" attribute, found -3/,
    ],
    [
      'a feature without a population',
      ['--demand', fixture('bad/demand-line.geojson')],
      /demand-line\.geojson: feature 1: Expected a population attribute/,
    ],
    [
      'JSON in a .txt file (read as a table, as the atlas does)',
      ['--demand', fixture('bad/demand-truncated-geojson.txt')],
      /demand-truncated-geojson\.txt: Expected a header row with longitude and latitude columns/,
    ],
    [
      'a file that does not exist',
      ['--demand', 'nowhere.csv'],
      /nowhere\.csv could not be read \(ENOENT\)/,
    ],
  ];
  for (const [what, argv, message] of cases) {
    it(`ends ${what} with one line naming the file and row, and status 1`, async () => {
      const run = await cli('coverage', '--lang', 'en', ...argv);
      expect(run.code).toBe(1);
      expect(run.out).toBe('');
      expect(run.err.split('\n')).toHaveLength(1);
      expect(run.err).toMatch(/^cq-atlas: /);
      expect(run.err).toMatch(message);
    });
  }

  it('speaks Chinese by default, with the same problem in the importer’s Chinese sentence', async () => {
    const run = await cli(
      'coverage',
      '--demand',
      fixture('bad/demand-negative-population.geojson'),
    );
    expect(run.code).toBe(1);
    expect(run.err).toMatch(
      /^cq-atlas: tests\/cli\/fixtures\/bad\/demand-negative-population\.geojson: feature 0: .*-3/,
    );
    expect(run.err).toMatch(/[\u4e00-\u9fff]/);
  });

  it('ends truncated GeoJSON with the JSON reader’s sentence', async () => {
    const text =
      '{"type":"FeatureCollection","features":[{"type":"Feature","geometry":{"type":"Point"';
    const run = await cliWith(
      { 'cut.geojson': new TextEncoder().encode(text) },
      '--demand',
      'cut.geojson',
      '--lang',
      'en',
    );
    expect(run.code).toBe(1);
    expect(run.err.split('\n')).toHaveLength(1);
    expect(run.err).toMatch(/^cq-atlas: cut\.geojson: .*JSON/);
  });

  it('lists every bad row, one line each', async () => {
    const text = ['lon,lat,人口', '106.5,29.5,10', '106.6,29.6,many', '106.7,29.7,-1', ''].join(
      '\n',
    );
    const run = await cliWith(
      { 'two-bad-rows.csv': new TextEncoder().encode(text) },
      '--demand',
      'two-bad-rows.csv',
      '--lang',
      'en',
    );
    expect(run.code).toBe(1);
    expect(run.err.split('\n')).toEqual([
      expect.stringMatching(/^cq-atlas: two-bad-rows\.csv: row 3: Expected a number in the "人口"/),
      expect.stringMatching(/^cq-atlas: two-bad-rows\.csv: row 4: Expected a population of zero/),
    ]);
  });

  it('ends a bad command line with status 2 and a hint', async () => {
    for (const argv of [
      ['--nope'],
      ['suggest'],
      ['suggest', '--k', '0'],
      ['suggest', '--k', '2', '--target-rate', '0.9'],
      ['coverage', '--k', '2'],
      ['coverage', '--lang', 'fr'],
      ['coverage', '--urban-radius', '-5'],
      ['map'],
    ]) {
      const run = await cli(...argv);
      expect(run.code).toBe(2);
      expect(run.err).toMatch(/^cq-atlas: .*Run `cq-atlas --help` for the options\.$/);
    }
  });
});

describe('the cq-atlas executable', () => {
  const scratch = mkdtempSync(join(tmpdir(), 'cq-atlas-cli-'));

  it('runs through npx after install and prints no stack trace on bad input', () => {
    const bad = spawnSync(
      'npx',
      [
        '--no-install',
        'cq-atlas',
        'coverage',
        '--demand',
        fixture('bad/demand-non-numeric-population.csv'),
      ],
      { cwd: ROOT, encoding: 'utf8' },
    );
    expect(bad.status).toBe(1);
    expect(bad.stdout).toBe('');
    expect(bad.stderr.trim().split('\n')).toHaveLength(1);
    expect(bad.stderr).not.toMatch(/\n\s+at /);
    expect(bad.stderr).toContain(
      'demand-non-numeric-population.csv: row 3: "population" 属性应为数字，实际为 字符串 "lots"',
    );
  });

  it('runs as `npm run coverage -- …` on the embedded data and writes the JSON report', () => {
    const json = join(scratch, 'report.json');
    const run = spawnSync(
      'npm',
      ['run', '--silent', 'coverage', '--', '--lang', 'en', '--json', json],
      { cwd: ROOT, encoding: 'utf8' },
    );
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('Whole city');
    expect(Object.keys(JSON.parse(readFileSync(json, 'utf8')) as object)).toContain('byRegion');
  });
});
