// @vitest-environment node
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import proj4 from 'proj4';
import { beforeAll, describe, expect, it } from 'vitest';
import { cliInProcess } from './in-process.ts';
import type { CoverageReport } from '../../src/core/report/coverage-report.ts';

const ROOT = join(import.meta.dirname, '..', '..');
const DEMAND = 'tests/cli/fixtures/in/demand.csv';

interface Run {
  readonly code: number;
  readonly err: string;
  readonly report: CoverageReport | null;
}

/** Runs `cq-atlas coverage` in-process; `files` are served instead of the disk. */
async function coverage(files: Readonly<Record<string, Uint8Array>>, ...argv: string[]) {
  // The test tables hold a few places: far below the census total, used on purpose.
  const accept = argv.includes('--demand') ? ['--accept-population-total'] : [];
  const { code, err, written } = await cliInProcess(
    ['coverage', '--lang', 'en', ...argv, ...accept, '--json', 'out.json'],
    files,
  );
  const json = written.get('out.json');
  const run: Run = {
    code,
    err,
    report: json === undefined ? null : (JSON.parse(json) as CoverageReport),
  };
  return run;
}

/** What must not depend on how the file was written: every figure of the analysis. */
function figures(run: Run) {
  expect(run.code).toBe(0);
  const report = run.report;
  if (report === null) throw new Error(`no report: ${run.err}`);
  return {
    totals: report.totals,
    byRegion: report.byRegion,
    byDistrict: report.byDistrict,
    units: report.parameters.population.units,
  };
}

const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);

/** A copy with every non-integer number rounded to six significant digits. */
function roughly(value: unknown): unknown {
  return JSON.parse(
    JSON.stringify(value, (_key, item: unknown) =>
      typeof item === 'number' && !Number.isInteger(item) ? Number(item.toPrecision(6)) : item,
    ),
  ) as unknown;
}

/**
 * GBK bytes of a text, built from the platform's GBK decoder (no encoder ships with Node): every
 * two-byte GBK code is decoded once and the table reversed. ASCII stays one byte.
 */
function gbk(text: string): Uint8Array {
  const decoder = new TextDecoder('gbk');
  const table = new Map<string, [number, number]>();
  for (let lead = 0x81; lead <= 0xfe; lead += 1) {
    for (let trail = 0x40; trail <= 0xfe; trail += 1) {
      if (trail === 0x7f) continue;
      const char = decoder.decode(Uint8Array.of(lead, trail));
      if (char.length === 1 && char !== '\uFFFD' && !table.has(char))
        table.set(char, [lead, trail]);
    }
  }
  const bytes: number[] = [];
  for (const char of text) {
    const code = char.codePointAt(0) ?? 0;
    if (code < 0x80) bytes.push(code);
    else {
      const pair = table.get(char);
      if (pair === undefined) throw new Error(`${char} has no GBK code`);
      bytes.push(...pair);
    }
  }
  return Uint8Array.from(bytes);
}

/** The rows of the golden demand file: lon, lat, population and the urban word as written. */
const rows = readFileSync(join(ROOT, DEMAND), 'utf8')
  .trim()
  .split('\n')
  .slice(1)
  .map((line) => line.split(','));
const URBAN_ZH: Record<string, string> = {
  true: '城镇',
  '1': '城镇',
  urban: '城镇',
  城镇: '城镇',
  false: '乡村',
  rural: '乡村',
  乡村: '乡村',
};
/** The same table with Chinese column names and urban/rural words: 经度,纬度,<population>,城乡. */
const chineseTable = (population: string): string =>
  [
    `经度,纬度,${population},城乡`,
    ...rows.map(([lon, lat, people, urban]) =>
      [lon, lat, people, URBAN_ZH[urban ?? ''] ?? '?'].join(','),
    ),
  ].join('\r\n');

let reference: ReturnType<typeof figures>;

beforeAll(async () => {
  reference = figures(await coverage({}, '--demand', DEMAND));
  expect(reference.totals.city).toMatchObject({ population: 57_050 });
}, 30_000);

describe('cq-atlas reads every demand file the atlas imports', () => {
  it('takes a 人口 column as the population', async () => {
    const text = readFileSync(join(ROOT, DEMAND), 'utf8').replace('population', '人口');
    expect(figures(await coverage({ 'p.csv': utf8(text) }, '--demand', 'p.csv'))).toEqual(
      reference,
    );
  });

  it('takes 常住人口 with 经度/纬度 columns and 城镇/乡村 in a 城乡 column', async () => {
    const files = { 'p.csv': utf8(chineseTable('常住人口')) };
    expect(figures(await coverage(files, '--demand', 'p.csv'))).toEqual(reference);
  });

  it('reads a GBK-encoded table (decoded as GB18030, as in the atlas) with the same totals', async () => {
    const bytes = gbk(chineseTable('常住人口'));
    expect(bytes.length).toBeLessThan(utf8(chineseTable('常住人口')).length);
    const run = await coverage({ 'gbk.csv': bytes }, '--demand', 'gbk.csv');
    expect(figures(run)).toEqual(reference);
  });

  it('reads GeoJSON in CGCS2000 Gauss-Krüger (EPSG:4545, crs member) with the same totals', async () => {
    // 3° zone 36, central meridian 108°E, no zone prefix: the zone over eastern Chongqing.
    const zone = '+proj=tmerc +lat_0=0 +lon_0=108 +k=1 +x_0=500000 +y_0=0 +ellps=GRS80 +units=m';
    const collection = {
      type: 'FeatureCollection',
      crs: { type: 'name', properties: { name: 'urn:ogc:def:crs:EPSG::4545' } },
      features: rows.map(([lon, lat, people, urban]) => ({
        type: 'Feature',
        geometry: {
          type: 'Point',
          coordinates: proj4('WGS84', zone, [Number(lon), Number(lat)]).map(
            (metres) => Math.round(metres * 1000) / 1000,
          ),
        },
        properties: { population: Number(people), urban: URBAN_ZH[urban ?? ''] },
      })),
    };
    const [x] = collection.features[0]?.geometry.coordinates ?? [];
    expect(x).toBeGreaterThan(100_000);
    const run = await coverage(
      { 'gk.geojson': utf8(JSON.stringify(collection)) },
      '--demand',
      'gk.geojson',
    );
    // Millimetre-rounded projected coordinates move the units by up to a millimetre: the covered
    // sets are identical, and the exact probabilities agree to six significant digits.
    expect(roughly(figures(run))).toEqual(roughly(reference));
  });

  it('gives rows that say neither urban nor rural the class of the modelled cell, and says so', async () => {
    const run = await coverage({}, '--demand', 'tests/cli/fixtures/bad/demand-unknown-class.csv');
    expect(run.code).toBe(0);
    expect(run.err).toMatch(/1 without an urban\/rural column took the class of the modelled cell/);
    expect(run.report?.totals.city.population).toBe(100);
  });
});

describe('cq-atlas reads node files as the atlas imports outlets', () => {
  it('keeps a repeated id under a new one, with the importer’s warning', async () => {
    const run = await coverage({}, '--nodes', 'tests/cli/fixtures/bad/nodes-duplicate-id.csv');
    expect(run.code).toBe(0);
    expect(run.err).toMatch(
      /^cq-atlas: warning: tests\/cli\/fixtures\/bad\/nodes-duplicate-id\.csv: row 4: Expected each feature to have its own id/,
    );
    expect(run.report?.nodes.map((node) => node.id)).toEqual(['alpha', 'alpha-2', 'beta']);
  });

  it('names nodes from a name column and makes ids from the file name when there is no id', async () => {
    const run = await coverage({}, '--nodes', 'tests/cli/fixtures/bad/nodes-missing-id.csv');
    expect(run.code).toBe(0);
    expect(run.report?.nodes).toEqual([
      {
        id: 'nodes-missing-id-0',
        name: 'alpha',
        lon: 106.5,
        lat: 29.5,
        tier: 0,
        uncertainty_m: 0,
        layer: 'imported',
        status: '',
      },
    ]);
    expect(run.report?.parameters.nodeSet).toMatchObject({ count: 1, otherNodes: 1 });
  });

  it('reads a GBK node table with Chinese names', async () => {
    const text = ['名称,经度,纬度,tier', '渝中市场,106.57,29.56,0', '万州枢纽,108.4,30.8,2'].join(
      '\n',
    );
    const run = await coverage({ 'n.csv': gbk(text) }, '--nodes', 'n.csv');
    expect(run.code).toBe(0);
    expect(run.report?.nodes.map((node) => [node.name, node.tier])).toEqual([
      ['渝中市场', 0],
      ['万州枢纽', 2],
    ]);
  });
});
