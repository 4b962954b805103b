import { distance } from '@turf/turf';
import { describe, expect, it } from 'vitest';
import { buildAllOutputs, loadRawInputs } from '../../scripts/build-data.ts';
import { createBuildContext } from '../../scripts/build-data/build-context.ts';
import { makePlanFeature } from '../../scripts/build-data/make-plan-feature.ts';
import { anchor, fitRadius, townshipAnchors } from '../../scripts/build-data/position-anchors.ts';
import { declareSharedPositions } from '../../scripts/build-data/shared-positions.ts';
import type { PlanFeature } from '../../src/core/plan/plan-feature.ts';

const inputs = loadRawInputs();
const ctx = createBuildContext(inputs);
const built = buildAllOutputs(inputs);
const all = [...built.layers.values()].flat();
const byId = new Map(all.map((f) => [f.properties.id, f]));

function feature(id: string): PlanFeature {
  const f = byId.get(id);
  if (!f) throw new Error(`no feature ${id}`);
  return f;
}

function metres(a: readonly number[], b: readonly number[]): number {
  return distance([a[0] ?? 0, a[1] ?? 0], [b[0] ?? 0, b[1] ?? 0], { units: 'meters' });
}

describe('fitRadius', () => {
  const here = [106.5, 29.5];
  const near = anchor([106.505, 29.5], '近处', 'a near point');
  const far = anchor([106.53, 29.5], '远处', 'a far point');

  it('keeps the stated radius when every anchor lies inside it', () => {
    expect(fitRadius(here, 1000, [near])).toEqual({
      uncertaintyM: 1000,
      widenedFromM: null,
      noteZh: '',
      noteEn: '',
    });
  });

  it('widens to the farthest anchor, rounded up to 100 m, and says why in both languages', () => {
    const d = metres(here, [far.lon, far.lat]);
    const fit = fitRadius(here, 1000, [near, far]);
    expect(fit.uncertaintyM).toBe(Math.ceil((d + 3) / 100) * 100);
    expect(fit.uncertaintyM).toBeGreaterThanOrEqual(d);
    expect(fit.widenedFromM).toBe(1000);
    expect(fit.noteZh).toMatch(/所依据的远处距此.*超出原定误差（约1公里）/);
    expect(fit.noteEn).toMatch(
      /The a far point it rests on lies .* beyond the estimate's own radius/,
    );
  });
});

describe('makePlanFeature', () => {
  it('refuses a point whose anchor lies outside its stated radius', () => {
    const row = ctx.catalogue.row('bonded-wanzhou');
    const input = {
      id: 'test-point',
      layer: 'bonded-zones',
      row,
      geometry: { type: 'Point' as const, coordinates: [108.4, 30.8] },
      districtAdcode: null,
      certainty: 'estimated' as const,
      uncertaintyM: 1000,
      noteZh: '测试',
      noteEn: 'test',
      quote: '综合保税区',
    };
    const anchors = [anchor([108.4, 30.83], '三公里外', 'a point 3 km off')];
    expect(() => makePlanFeature({ ...input, anchors })).toThrow(
      /test-point: a point 3 km off lies 33\d\d m away, outside the stated 1000 m/,
    );
    expect(
      makePlanFeature({ ...input, uncertaintyM: 3400, anchors }).properties.position_anchors,
    ).toHaveLength(1);
  });
});

describe('positions in the built layers', () => {
  it('keeps every anchored point within its own radius of each anchor', () => {
    let anchored = 0;
    for (const f of all) {
      if (f.geometry.type !== 'Point') continue;
      for (const a of f.properties.position_anchors ?? []) {
        expect(
          metres(f.geometry.coordinates, [a.lon, a.lat]),
          `${f.properties.id} → ${a.label_en}`,
        ).toBeLessThanOrEqual((f.properties.uncertainty_m ?? 0) + 3);
      }
      if (f.properties.position_anchors) anchored += 1;
    }
    expect(anchored).toBeGreaterThanOrEqual(190);
  });

  it('widens 铁山 to the 6 km between its two township-seat sources', () => {
    const tieshan = inputs.townshipPoints.find((t) => t.name === '铁山镇');
    if (!tieshan?.geonames || !tieshan.amap) throw new Error('铁山镇 needs both sources');
    const apart = metres(tieshan.geonames, tieshan.amap);
    expect(apart).toBeGreaterThan(6000);
    const f = feature('historic-dazu-tieshanzhen');
    expect(f.properties.uncertainty_m).toBeGreaterThanOrEqual(apart);
    expect(f.properties.position_note_en).toMatch(/Tieshan town seat \(GeoNames\) it rests on/);
  });

  it('puts the 万州 and 江津 bonded zones on the township their own place list names', () => {
    const seat = (name: string): readonly number[] => {
      const t = inputs.townshipPoints.find((x) => x.name === name);
      if (t?.lon == null || t.lat == null) throw new Error(`no seat ${name}`);
      return [t.lon, t.lat];
    };
    const wanzhou = feature('bonded-wanzhou');
    const jiangjin = feature('bonded-jiangjin');
    if (wanzhou.geometry.type !== 'Point' || jiangjin.geometry.type !== 'Point')
      throw new Error('points expected');
    expect(metres(wanzhou.geometry.coordinates, seat('高峰街道'))).toBeLessThan(5);
    expect(metres(jiangjin.geometry.coordinates, seat('珞璜镇'))).toBeLessThan(5);
    // 万州经开区 rested on the same estimate: it moves with it and declares the shared spot.
    expect(feature('etdz-wanzhou-jingkaiqu').geometry).toEqual(wanzhou.geometry);
    expect(wanzhou.properties.shares_position_with).toContain('etdz-wanzhou-jingkaiqu');
  });

  it('takes the 黔江 urban core from the county seat, as its old centre 城西街道 has no point', () => {
    expect(ctx.urbanCores.get(500114)).toMatchObject({
      method: 'geonames-seat',
      position: [108.77478, 29.53284],
    });
  });

  it('never says a position is "from memory"', () => {
    for (const f of all) {
      expect(f.properties.position_note_zh, f.properties.id).not.toMatch(/凭记忆|记忆/);
      expect(f.properties.position_note_en, f.properties.id).not.toMatch(/memory|recollection/i);
    }
  });

  it('writes the English position note in English: Chinese only as a name in brackets', () => {
    for (const f of all) {
      const outsideBrackets = f.properties.position_note_en.replace(/\([^)]*\)/gu, '');
      expect(outsideBrackets, f.properties.id).not.toMatch(/\p{Script=Han}/u);
    }
  });

  it('gives a township the seats of both sources and its community mean as anchors', () => {
    const danzishi = inputs.townshipPoints.find((t) => t.name === '弹子石街道');
    if (!danzishi) throw new Error('no 弹子石街道');
    const labels = townshipAnchors(danzishi, inputs).map((a) => a.label_zh);
    expect(labels).toContain('弹子石街道驻地（高德2016）');
    expect(labels.some((l) => /^弹子石街道\d+个社区点位的均值/.test(l))).toBe(true);
  });
});

describe('declareSharedPositions', () => {
  it('lists, on every point of a shared position, all the others, and leaves lone points alone', () => {
    const point = (id: string, coordinates: number[]): PlanFeature => ({
      type: 'Feature',
      id,
      geometry: { type: 'Point', coordinates },
      properties: { id } as PlanFeature['properties'],
    });
    const out = declareSharedPositions(
      new Map([
        ['a', [point('x', [106, 29]), point('y', [106, 29])]],
        ['b', [point('z', [106, 29]), point('w', [107, 29])]],
      ]),
    );
    const props = [...out.values()]
      .flat()
      .map((f) => [f.properties.id, f.properties.shares_position_with]);
    expect(props).toEqual([
      ['x', ['y', 'z']],
      ['y', ['x', 'z']],
      ['z', ['x', 'y']],
      ['w', undefined],
    ]);
  });
});
