import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { haversineMeters } from '../../../src/core/geo/haversine';
import { createPolygonLocator } from '../../../src/core/geo/polygon-locator';
import { AddressMatcher, normalizeAddress } from '../../../src/core/import/address-placement';
import { parseGazetteer } from '../../../src/core/import/gazetteer';
import { committedGazetteer, districtPolygons } from './gazetteer-fixture';

const g = committedGazetteer();
const matcher = new AddressMatcher(g);
const districts = districtPolygons();
const locator = createPolygonLocator(districts.features.map((f) => f.geometry));
const adcodeAt = (lon: number, lat: number): number | undefined =>
  districts.features[locator.locate(lon, lat)]?.properties.district_adcode;

function placed(address: string) {
  const result = matcher.place(address);
  if (result.status !== 'placed') throw new Error(`${address}: ${JSON.stringify(result)}`);
  return result;
}

describe('the gazetteer built from geodata/raw', () => {
  it('holds the 38 区县, 1,031 乡镇街道 and the village/community units with the points that exist', () => {
    expect(g.districts).toHaveLength(38);
    expect(g.townships).toHaveLength(1031);
    // 11,134 units in the 2016 list; those whose township no longer exists cannot be matched.
    expect(g.communities.length).toBeGreaterThan(11_000);
    expect(g.communities.filter((c) => c[2] !== null).length).toBeGreaterThan(1_100);
    expect(g.townships.filter((t) => t[3] !== null).length).toBeGreaterThan(970);
  });

  it('is refused when its shape is wrong', () => {
    expect(parseGazetteer({ format: 'x' })).toMatch(/format/);
    expect(parseGazetteer({ ...g, townships: [['1', 'a', 99, null, null, 1]] })).toMatch(
      /township 0/,
    );
  });
});

describe('AddressMatcher: names', () => {
  it('normalises full-width text and drops 重庆市 / 中国 in front', () => {
    expect(normalizeAddress(' 中国 重庆市　渝北区１号 ')).toBe('渝北区1号');
  });

  it('places at the most specific level named: 村/社区, then 乡镇街道, then 区县', () => {
    const township = placed('重庆市渝北区龙溪街道红锦大道88号');
    expect(township).toMatchObject({
      level: 'township',
      matched: 'township',
      district_adcode: 500112,
    });
    expect(township.names).toBe('渝北区 龙溪街道');
    const district = placed('渝中区民族路188号');
    expect(district).toMatchObject({ level: 'district', district_adcode: 500103 });
    expect(district.uncertainty_m).toBeGreaterThan(township.uncertainty_m);
    const withPoint = g.communities.find((c) => c[2] !== null);
    if (withPoint === undefined) throw new Error('no community with a point');
    const t = g.townships[withPoint[1]];
    const d = t === undefined ? undefined : g.districts[t[2]];
    const community = placed(`${d?.name ?? ''}${t?.[1] ?? ''}${withPoint[0]}`);
    expect(community).toMatchObject({ level: 'community', lon: withPoint[2], lat: withPoint[3] });
    expect(community.uncertainty_m).toBeLessThan(township.uncertainty_m + 1);
  });

  it('places a 村 without a point at its township seat, saying the 村 matched', () => {
    const result = placed('万州区龙沙镇海螺村3组');
    expect(result).toMatchObject({ level: 'township', matched: 'community' });
    expect(result.names).toBe('万州区 龙沙镇 海螺村委会');
  });

  it('handles suffixes: 街道/街道办事处/镇/乡, 村/村委会, 社区/居委会, and bare names in columns', () => {
    const a = placed('渝北区龙溪街道办事处');
    expect(placed('渝北区|龙溪|').lon).toBe(a.lon);
    expect(placed('渝北|龙溪街道').lon).toBe(a.lon);
    expect(placed('万州区龙沙镇海螺村委会').names).toBe(placed('万州区龙沙镇海螺村').names);
    // 龙山路 is a road, not 龙山镇: a bare stem counts only before a non-Chinese character.
    expect(matcher.place('龙山路')).toMatchObject({ status: 'unmatched', reason: 'not-found' });
  });

  it('knows 区县 by full, short and old names', () => {
    expect(placed('渝北').district_adcode).toBe(500112);
    expect(placed('彭水苗族土家族自治县').district_adcode).toBe(500243);
    expect(placed('石柱县西沱镇').district_adcode).toBe(500240);
    expect(placed('开县汉丰街道').district_adcode).toBe(500154);
    expect(placed('梁平县').district_adcode).toBe(500155);
  });

  it('reports several places of one name with the candidates, resolved by the 区县 when given', () => {
    const ambiguous = matcher.place('龙溪');
    expect(ambiguous).toEqual({
      status: 'unmatched',
      reason: 'ambiguous',
      candidates: ['龙溪街道（渝北区）', '龙溪镇（巫山县）', '龙溪镇（彭水县）'],
    });
    expect(placed('巫山县龙溪镇').district_adcode).toBe(500237);
    expect(placed('彭水县龙溪镇').district_adcode).toBe(500243);
    expect(placed('渝北区龙溪街道').district_adcode).toBe(500112);
    const village = matcher.place('海螺村');
    expect(village).toMatchObject({ status: 'unmatched', reason: 'ambiguous' });
    expect(village.status === 'unmatched' ? village.candidates : []).toEqual([
      '海螺村委会（万州区龙沙镇）',
      '海螺村委会（武隆区和顺镇）',
    ]);
    expect(placed('武隆区海螺村').names).toBe('武隆区 和顺镇 海螺村委会');
  });

  it('does not guess: foreign, empty and nameless addresses are unmatched with a reason', () => {
    expect(matcher.place('北京市朝阳区')).toMatchObject({ reason: 'not-found' });
    expect(matcher.place('  ')).toMatchObject({ reason: 'empty' });
    expect(matcher.place('|||')).toMatchObject({ reason: 'empty' });
  });
});

/** Every unit of the gazetteer, as an address a planner might write. */
const unit = fc.oneof(
  fc.nat({ max: g.districts.length - 1 }).map((d) => ({ kind: 'district' as const, d })),
  fc.nat({ max: g.townships.length - 1 }).map((t) => ({ kind: 'township' as const, t })),
  fc.nat({ max: g.communities.length - 1 }).map((c) => ({ kind: 'community' as const, c })),
);

describe('AddressMatcher: property', () => {
  it('puts a placed row inside its 区县 polygon and within its stated uncertainty of the matched seat', () => {
    fc.assert(
      fc.property(unit, fc.boolean(), fc.string({ maxLength: 6 }), (u, short, tail) => {
        let address: string;
        let adcode: number;
        let seat: [number, number, number];
        const districtSeat = (d: number): [number, number, number] => {
          const district = g.districts[d];
          if (district === undefined) throw new Error('district');
          return [district.lon, district.lat, district.uncertainty_m];
        };
        const townshipSeat = (t: number): [number, number, number] => {
          const row = g.townships[t];
          if (row === undefined) throw new Error('township');
          return row[3] === null || row[4] === null
            ? districtSeat(row[2])
            : [row[3], row[4], row[5]];
        };
        const districtName = (d: number): string => {
          const district = g.districts[d];
          return short
            ? (district?.aliases.find((a) => a.length >= 2) ?? district?.name ?? '')
            : (district?.name ?? '');
        };
        if (u.kind === 'district') {
          address = districtName(u.d);
          adcode = g.districts[u.d]?.adcode ?? 0;
          seat = districtSeat(u.d);
        } else if (u.kind === 'township') {
          const row = g.townships[u.t];
          if (row === undefined) throw new Error('township');
          address = `${districtName(row[2])}${row[1]}`;
          adcode = g.districts[row[2]]?.adcode ?? 0;
          seat = townshipSeat(u.t);
        } else {
          const row = g.communities[u.c];
          const t = row === undefined ? undefined : g.townships[row[1]];
          if (row === undefined || t === undefined) throw new Error('community');
          address = `${districtName(t[2])}${t[1]}${row[0]}`;
          adcode = g.districts[t[2]]?.adcode ?? 0;
          seat =
            row[2] === null || row[3] === null || row[4] === null
              ? townshipSeat(row[1])
              : [row[2], row[3], row[4]];
        }
        // Digits and Latin letters after the names (门牌号) never change the place.
        const result = matcher.place(`${address}${tail.replace(/[^\dA-Za-z-]/gu, '')}`);
        if (result.status !== 'placed') {
          // Only two units of one name in one township may stay unresolved, and say so.
          expect(result.reason, address).toBe('ambiguous');
          return;
        }
        expect(result.district_adcode, address).toBe(adcode);
        expect(adcodeAt(result.lon, result.lat), address).toBe(adcode);
        expect(result.uncertainty_m, address).toBeGreaterThan(0);
        const off = haversineMeters(result.lon, result.lat, seat[0], seat[1]);
        expect(off, address).toBeLessThanOrEqual(result.uncertainty_m);
        expect(result.uncertainty_m, address).toBe(seat[2]);
      }),
      { numRuns: 2000, seed: 17 },
    );
  });
});
