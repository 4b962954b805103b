import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildAllOutputs,
  GEODATA_DIR,
  loadCorrectionFiles,
  loadRawInputs,
  runDataBuild,
  runDataCheck,
  type RawInputs,
} from '../../scripts/build-data.ts';
import type { PlanFeature } from '../../src/core/plan/plan-feature.ts';

const FIXTURE = join(import.meta.dirname, 'fixtures', 'corrections-fixture.csv');
const HEADER = 'id,lon,lat,uncertainty_m,certainty,source,note,date';

function featureIn(text: string | undefined, id: string): PlanFeature | undefined {
  const collection = JSON.parse(text ?? '{"features":[]}') as { features: PlanFeature[] };
  return collection.features.find((f) => f.properties.id === id);
}

let inputs: RawInputs;
beforeAll(() => {
  inputs = loadRawInputs();
});

describe('the data build applies planners’ corrections', () => {
  it('moves the corrected points of the real build and says on what basis', () => {
    const plain = buildAllOutputs(inputs);
    const outputs = buildAllOutputs(inputs, [
      { name: 'fixture.csv', text: readFileSync(FIXTURE, 'utf8') },
    ]);
    expect(outputs.corrections.problems).toEqual([]);
    expect([...outputs.corrections.applied]).toEqual([
      ['bd-core-guanyinqiao', 'fixture.csv row 2'],
      ['agri-l1-jiangjin-shuangfu', 'fixture.csv row 3'],
    ]);
    const before = featureIn(
      plain.files.get('layers/business-districts.geojson'),
      'bd-core-guanyinqiao',
    );
    const after = featureIn(
      outputs.files.get('layers/business-districts.geojson'),
      'bd-core-guanyinqiao',
    );
    expect(before?.geometry).toEqual({ type: 'Point', coordinates: [106.53, 29.577] });
    expect(after?.geometry).toEqual({ type: 'Point', coordinates: [106.5312, 29.57561] });
    expect(after?.properties).toMatchObject({
      certainty: 'surveyed',
      uncertainty_m: 30,
      corrected_source: 'surveyed',
      corrected_date: '2026-12-06',
      corrected_note: '北城天街南门广场（实测）',
    });
    expect(after?.properties.position_note_zh).toContain(
      '规划人员纠正位置（依据：实测，2026-12-06）',
    );
    const market = outputs.layers
      .get('agri-wholesale-markets')
      ?.find((f) => f.properties.id === 'agri-l1-jiangjin-shuangfu');
    expect(market?.properties).toMatchObject({ certainty: 'estimated', uncertainty_m: 1500 });
    // Nothing else changes but the layers of features that shared the corrected points' old
    // positions (their shares_position_with loses the corrected id): every other file is byte
    // for byte the plain build.
    const changed = [...outputs.files].filter(([rel, text]) => plain.files.get(rel) !== text);
    expect(changed.map(([rel]) => rel).sort()).toEqual([
      'layers/agri-wholesale-markets.geojson',
      'layers/business-districts.geojson',
      'layers/night-markets.geojson',
    ]);
    expect(after?.properties.shares_position_with).toBeUndefined();
    expect(after?.properties.position_anchors).toBeUndefined();
  });

  it('refuses unknown ids, positions outside the 区县, worse certainty and bad numbers, naming file and row', () => {
    const outputs = buildAllOutputs(inputs, [
      { name: 'a.csv', text: readFileSync(FIXTURE, 'utf8') },
      {
        name: 'b.csv',
        text: [
          HEADER,
          'bd-core-nosuch,106.53,29.57,30,,surveyed,,2026-12-06',
          // 观音桥's position is in 江北区, not in 南坪's 南岸区.
          'bd-core-nanping,106.53,29.577,30,,surveyed,,2026-12-06',
          'bd-core-guanyinqiao,106.531,29.5757,300,,local-knowledge,,2026-12-08',
          'agri-l1-changshou-dongbu,107.05,abc,30,,surveyed,,2026-12-06',
        ].join('\n'),
      },
    ]);
    expect(outputs.corrections.applied.size).toBe(0);
    expect(outputs.corrections.problems).toEqual([
      'b.csv row 2 (id): No plan feature has the id bd-core-nosuch.',
      expect.stringMatching(
        /^b\.csv row 3 \(lon\): The position 106\.53, 29\.577 lies outside bd-core-nanping's own district Nan.an District \(500108\) \(it is in 500105\)/,
      ),
      'b.csv row 4 (source): bd-core-guanyinqiao is surveyed; a local-knowledge correction (estimated) would make its position less certain. Give a better source or leave it.',
      'b.csv row 5 (lat): Expected the latitude as a decimal number of degrees, found the string "abc".',
    ]);
    // Refused as a whole: the layers are the plain build.
    expect(outputs.files.get('layers/business-districts.geojson')).toBe(
      buildAllOutputs(inputs).files.get('layers/business-districts.geojson'),
    );
  });
});

describe('data:build and data:check read geodata/corrections/', () => {
  let dir = '';
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'cq-corrections-'));
    cpSync(GEODATA_DIR, dir, {
      recursive: true,
      filter: (src) => !src.includes('population') && !src.includes('corrections'),
    });
  });
  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('has no correction files committed that the check would not accept', () => {
    expect(runDataCheck().err).toEqual([]);
    expect(loadCorrectionFiles(join(dir, 'none'))).toEqual([]);
  });

  it('check fails until the corrections are built, then the built file carries them', () => {
    mkdirSync(join(dir, 'corrections'));
    writeFileSync(join(dir, 'corrections', '2026-12-planner.csv'), readFileSync(FIXTURE));
    const stale = runDataCheck(dir);
    expect(stale.exitCode).toBe(1);
    expect(stale.err).toContain('  geodata/layers/business-districts.geojson');
    const built = runDataBuild(dir);
    expect(built.err).toEqual([]);
    expect(built.out).toContain(
      'position corrected by a planner: bd-core-guanyinqiao (geodata/corrections/2026-12-planner.csv row 2)',
    );
    expect(runDataCheck(dir).exitCode).toBe(0);
    const text = readFileSync(join(dir, 'layers', 'business-districts.geojson'), 'utf8');
    expect(featureIn(text, 'bd-core-guanyinqiao')?.properties.corrected_source).toBe('surveyed');
  });

  it('a bad correction fails both commands, naming file and row, and writes nothing', () => {
    const path = join(dir, 'corrections', '2026-12-zz-bad.csv');
    writeFileSync(path, `${HEADER}\nbd-core-guanyinqiao,106.6,29.5,0,,surveyed,,2026-12-06\n`);
    const before = readFileSync(join(dir, 'layers', 'business-districts.geojson'), 'utf8');
    const built = runDataBuild(dir);
    expect(built.exitCode).toBe(1);
    expect(built.err.join('\n')).toContain(
      'geodata/corrections/2026-12-zz-bad.csv row 2 (uncertainty_m): Expected uncertainty_m as metres from 1 to 20000, found the string "0".',
    );
    expect(readFileSync(join(dir, 'layers', 'business-districts.geojson'), 'utf8')).toBe(before);
    expect(runDataCheck(dir).exitCode).toBe(1);
    rmSync(path);
  });
});
