import { describe, expect, it } from 'vitest';
import type { PlanFeature } from '../../../src/core/plan/plan-feature';
import {
  applyCorrection,
  applyCorrectionFiles,
  CERTAINTY_OF_SOURCE,
  checkCorrectionFields,
  checkCorrectionTarget,
  parseCorrectionsCsv,
  serializeCorrectionsCsv,
  targetOf,
  type PositionCorrection,
} from '../../../src/core/plan/position-corrections';
import { validatePlanLayer } from '../../../src/core/plan/validate';

const HEADER = 'id,lon,lat,uncertainty_m,certainty,source,note,date';

function feature(overrides: Partial<PlanFeature['properties']> = {}): PlanFeature {
  return {
    type: 'Feature',
    id: 'bd-core-guanyinqiao',
    geometry: { type: 'Point', coordinates: [106.53, 29.577] },
    properties: {
      id: 'bd-core-guanyinqiao',
      layer: 'business-districts',
      catalogue_id: 'bd-core-guanyinqiao',
      name_zh: '观音桥',
      name_en: 'Guanyinqiao',
      category: 'business-district-core',
      district_adcode: 500105 as PlanFeature['properties']['district_adcode'],
      plan_ref: '专栏3',
      plan_quote: '观音桥',
      status: 'upgrade',
      certainty: 'estimated',
      uncertainty_m: 500,
      position_note_zh: '项目估计。',
      position_note_en: 'Project estimate.',
      search_pinyin: 'guanyinqiao gyq',
      ...overrides,
    },
  };
}

/** 江北区 (500105) west of 106.6°E, 渝中区 (500103) east of it: a two-district toy map. */
const districtAt = (lon: number, lat: number): number | null =>
  lat < 29 || lat > 30 ? null : lon < 106.6 ? 500105 : 500103;

const SURVEYED: PositionCorrection = {
  id: 'bd-core-guanyinqiao',
  lon: 106.5312,
  lat: 29.57561,
  uncertaintyM: 30,
  certainty: 'surveyed',
  source: 'surveyed',
  note: '=HYPERLINK("x") 北城天街南门, "测"',
  date: '2026-12-06',
};

describe('corrections.csv', () => {
  it('round-trips export → parse, BOM, CRLF, a defused formula and quotes included', () => {
    const other: PositionCorrection = {
      ...SURVEYED,
      id: 'agri-l1-jiangjin-shuangfu',
      source: 'local-knowledge',
      certainty: 'estimated',
      uncertaintyM: 800,
      note: '',
    };
    const text = serializeCorrectionsCsv([SURVEYED, other]);
    expect(text.startsWith(`\uFEFF${HEADER}\r\n`)).toBe(true);
    expect(text).toContain(`"'=HYPERLINK(""x"") 北城天街南门, ""测"""`);
    const parsed = parseCorrectionsCsv(text);
    expect(parsed.problems).toEqual([]);
    expect(parsed.rows.map((r) => r.correction)).toEqual([other, SURVEYED]);
    expect(parsed.rows.map((r) => r.row)).toEqual([2, 3]);
  });

  it('reads a header-only file as no corrections, and columns in any order', () => {
    expect(parseCorrectionsCsv(`${HEADER}\r\n`)).toEqual({ rows: [], problems: [] });
    const parsed = parseCorrectionsCsv(
      'date,source,uncertainty_m,lat,lon,id\n2026-01-02,address,120,29.5,106.5,bd-x\n',
    );
    expect(parsed.problems).toEqual([]);
    expect(parsed.rows[0]?.correction).toMatchObject({
      id: 'bd-x',
      certainty: 'sourced',
      note: '',
    });
  });

  it('refuses a header without the required columns', () => {
    const parsed = parseCorrectionsCsv('id,x,y\nbd-x,1,2\n');
    expect(parsed.problems.map((p) => p.code)).toEqual(['bad-header']);
    expect(parsed.problems[0]?.message).toContain('missing: lon, lat, uncertainty_m, source, date');
  });

  it.each([
    ['bad-id', 'Bad Id!,106.5,29.5,100,,address,,2026-01-01', 'id'],
    ['bad-number', 'bd-x,abc,29.5,100,,address,,2026-01-01', 'lon'],
    ['bad-number', 'bd-x,106.5,Infinity,100,,address,,2026-01-01', 'lat'],
    ['bad-number', 'bd-x,0x6A,29.5,100,,address,,2026-01-01', 'lon'],
    ['out-of-range', 'bd-x,29.5,106.5,100,,address,,2026-01-01', 'lon'],
    ['bad-uncertainty', 'bd-x,106.5,29.5,0,,address,,2026-01-01', 'uncertainty_m'],
    ['bad-uncertainty', 'bd-x,106.5,29.5,25000,,address,,2026-01-01', 'uncertainty_m'],
    ['bad-uncertainty', 'bd-x,106.5,29.5,NaN,,address,,2026-01-01', 'uncertainty_m'],
    ['bad-source', 'bd-x,106.5,29.5,100,,gps,,2026-01-01', 'source'],
    ['certainty-mismatch', 'bd-x,106.5,29.5,100,surveyed,address,,2026-01-01', 'certainty'],
    ['bad-date', 'bd-x,106.5,29.5,100,,address,,2026-02-30', 'date'],
    ['bad-date', 'bd-x,106.5,29.5,100,,address,,06/12/2026', 'date'],
    ['bad-note', `bd-x,106.5,29.5,100,,address,${'长'.repeat(501)},2026-01-01`, 'note'],
  ])('reports %s in row 2 (%s)', (code, line, column) => {
    const parsed = parseCorrectionsCsv(`${HEADER}\n${line}\n`);
    expect(parsed.rows).toEqual([]);
    expect(parsed.problems).toHaveLength(1);
    expect(parsed.problems[0]).toMatchObject({ code, row: 2, column });
    expect(parsed.problems[0]?.message_zh).toMatch(/[\u4e00-\u9fff]/);
  });

  it('says that swapped coordinates look swapped', () => {
    const check = checkCorrectionFields({
      id: 'bd-x',
      lon: 29.5,
      lat: 106.5,
      uncertainty_m: 10,
      source: 'surveyed',
      date: '2026-01-01',
    });
    expect(check.ok).toBe(false);
    if (!check.ok) expect(check.problems[0]?.message).toContain('look swapped');
  });

  it('reports an id corrected twice in one file', () => {
    const row = 'bd-x,106.5,29.5,100,,address,,2026-01-01';
    const parsed = parseCorrectionsCsv(`${HEADER}\n${row}\n${row}\n`);
    expect(parsed.rows).toHaveLength(1);
    expect(parsed.problems).toMatchObject([{ code: 'duplicate-id', row: 3 }]);
  });

  it('rounds to 5 decimals and whole metres', () => {
    const check = checkCorrectionFields({
      id: 'bd-x',
      lon: '106.123456789',
      lat: '29.5',
      uncertainty_m: '12.6',
      source: 'document',
      date: '2026-01-01',
    });
    expect(check.ok && check.correction).toMatchObject({
      lon: 106.12346,
      uncertaintyM: 13,
      certainty: 'sourced',
    });
  });
});

describe('a correction against its feature', () => {
  it('maps every source to a certainty', () => {
    expect(CERTAINTY_OF_SOURCE).toEqual({
      surveyed: 'surveyed',
      address: 'sourced',
      document: 'sourced',
      'local-knowledge': 'estimated',
    });
  });

  it('accepts a position in the feature’s own 区县', () => {
    expect(checkCorrectionTarget(SURVEYED, targetOf(feature()), districtAt)).toEqual([]);
  });

  it('refuses an unknown id, a non-point, another 区县, outside Chongqing, a worse certainty', () => {
    expect(checkCorrectionTarget(SURVEYED, undefined, districtAt).map((p) => p.code)).toEqual([
      'unknown-id',
    ]);
    const polygon = { ...targetOf(feature()), geometryType: 'Polygon' };
    expect(checkCorrectionTarget(SURVEYED, polygon, districtAt).map((p) => p.code)).toEqual([
      'not-a-point',
    ]);
    const elsewhere = checkCorrectionTarget(
      { ...SURVEYED, lon: 106.7 },
      targetOf(feature(), { zh: '江北区', en: 'Jiangbei District' }),
      districtAt,
      4,
    );
    expect(elsewhere).toMatchObject([{ code: 'outside-district', row: 4 }]);
    expect(elsewhere[0]?.message).toContain('Jiangbei District (500105)');
    expect(elsewhere[0]?.message_zh).toContain('江北区');
    expect(
      checkCorrectionTarget({ ...SURVEYED, lat: 30.5 }, targetOf(feature()), districtAt).map(
        (p) => p.code,
      ),
    ).toEqual(['outside-chongqing']);
    const guess = { ...SURVEYED, source: 'local-knowledge', certainty: 'estimated' } as const;
    const surveyed = targetOf(feature({ certainty: 'surveyed' }));
    expect(checkCorrectionTarget(guess, surveyed, districtAt).map((p) => p.code)).toEqual([
      'worse-certainty',
    ]);
    // A feature spanning several 区县 only has to stay in Chongqing.
    const spanning = targetOf(feature({ district_adcode: null }));
    expect(checkCorrectionTarget({ ...SURVEYED, lon: 106.7 }, spanning, districtAt)).toEqual([]);
  });

  it('sets position, uncertainty, certainty, source, date, note and the position notes', () => {
    const original = feature();
    const corrected = applyCorrection(original, SURVEYED);
    expect(corrected.geometry).toEqual({ type: 'Point', coordinates: [106.5312, 29.57561] });
    expect(corrected.properties).toMatchObject({
      certainty: 'surveyed',
      uncertainty_m: 30,
      corrected_source: 'surveyed',
      corrected_date: '2026-12-06',
      corrected_note: SURVEYED.note,
    });
    expect(corrected.properties.position_note_zh).toMatch(
      /^规划人员纠正位置（依据：实测，2026-12-06）/,
    );
    expect(corrected.properties.position_note_en).toContain('Before: Project estimate.');
    expect(original.geometry).toEqual({ type: 'Point', coordinates: [106.53, 29.577] });
    // A later correction without a note drops the earlier one's note.
    const again = applyCorrection(corrected, { ...SURVEYED, note: '' });
    expect('corrected_note' in again.properties).toBe(false);
    // The app's own validator accepts the corrected feature, and refuses a bad source.
    const layer = (f: unknown) =>
      validatePlanLayer({ type: 'FeatureCollection', features: [f] }, 'business-districts', 'x');
    expect(layer(corrected).problems).toEqual([]);
    const bad = { ...corrected, properties: { ...corrected.properties, corrected_source: 'gps' } };
    expect(layer(bad).problems.map((p) => p.where)).toEqual([
      'x feature 0 (id bd-core-guanyinqiao) property corrected_source',
    ]);
  });
});

describe('applying correction files', () => {
  const features = [feature()];
  const file = (name: string, ...rows: string[]) => ({
    name,
    text: `\uFEFF${HEADER}\r\n${rows.join('\r\n')}\r\n`,
  });

  it('applies files in order; a later file may refine but not lower the certainty', () => {
    const first = file(
      'a.csv',
      'bd-core-guanyinqiao,106.531,29.576,40,surveyed,surveyed,,2026-01-01',
    );
    const refine = file('b.csv', 'bd-core-guanyinqiao,106.532,29.576,20,,surveyed,,2026-02-01');
    const done = applyCorrectionFiles(features, [first, refine], districtAt);
    expect(done.problems).toEqual([]);
    expect(done.features[0]?.geometry).toEqual({ type: 'Point', coordinates: [106.532, 29.576] });
    expect(done.applied.get('bd-core-guanyinqiao')).toEqual({ file: 'b.csv', row: 2 });
    const lower = file(
      'b.csv',
      'bd-core-guanyinqiao,106.532,29.576,20,,local-knowledge,,2026-02-01',
    );
    const refused = applyCorrectionFiles(features, [first, lower], districtAt);
    expect(refused.problems).toEqual([
      'b.csv row 2 (source): bd-core-guanyinqiao is surveyed; a local-knowledge correction (estimated) would make its position less certain. Give a better source or leave it.',
    ]);
    // All or nothing: the first file's correction is not applied either.
    expect(refused.features).toBe(features);
  });

  it('names file and row for an unknown id and bad numbers', () => {
    const result = applyCorrectionFiles(
      features,
      [
        file(
          'c.csv',
          'no-such-feature,106.5,29.5,10,,surveyed,,2026-01-01',
          'bd-x,106.5,,10,,surveyed,,2026-01-01',
        ),
      ],
      districtAt,
    );
    expect(result.problems).toEqual([
      'c.csv row 2 (id): No plan feature has the id no-such-feature.',
      'c.csv row 3 (lat): Expected the latitude as a decimal number of degrees, found an empty cell.',
    ]);
  });
});
