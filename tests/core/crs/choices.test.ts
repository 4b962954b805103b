import { describe, expect, it } from 'vitest';
import {
  ALL_CRS_IDS,
  CRS_CHOICES,
  crsChoice,
  crsFromEpsg,
  distanceOutsideChongqingKm,
  isDegreesCrs,
  isNearChongqing,
  proj4Definition,
  type CrsId,
} from '../../../src/core/crs';

/** A Record over CrsId: adding a CrsId without listing it here fails to compile. */
const EVERY: Record<CrsId, true> = {
  'EPSG:4326': true,
  'EPSG:4490': true,
  'EPSG:3857': true,
  'EPSG:4523': true,
  'EPSG:4524': true,
  'EPSG:4525': true,
  'EPSG:4544': true,
  'EPSG:4545': true,
  'EPSG:4546': true,
  'EPSG:4496': true,
  'EPSG:4497': true,
  'EPSG:4507': true,
  'EPSG:4508': true,
  'GCJ-02': true,
  'BD-09': true,
};
const EVERY_CRS_ID = Object.keys(EVERY) as CrsId[];

describe('CRS_CHOICES', () => {
  it('lists every CrsId once, with labels in both languages', () => {
    expect([...ALL_CRS_IDS].sort()).toEqual([...EVERY_CRS_ID].sort());
    expect(CRS_CHOICES).toHaveLength(EVERY_CRS_ID.length);
    for (const choice of CRS_CHOICES) {
      expect(choice.label_zh).toMatch(/[\u4e00-\u9fff]/u);
      expect(choice.label_en.length).toBeGreaterThan(5);
    }
  });

  it('marks GCJ-02 and BD-09 as chosen only, everything else as detectable', () => {
    const undetectable = CRS_CHOICES.filter((c) => !c.detectable).map((c) => c.id);
    expect(undetectable.sort()).toEqual(['BD-09', 'GCJ-02']);
    expect(crsChoice('GCJ-02').kind).toBe('chinese-offset');
    expect(crsChoice('EPSG:4490').kind).toBe('geographic');
    expect(crsChoice('EPSG:4523').kind).toBe('projected');
  });

  it('labels Gauss-Krüger zones with zone, central meridian, prefix and code', () => {
    expect(crsChoice('EPSG:4523').label_zh).toBe(
      'CGCS2000 3° 高斯-克吕格 35 带 中央经线 105°E（带号） EPSG:4523',
    );
    expect(crsChoice('EPSG:4508').label_en).toBe(
      'CGCS2000 6° Gauss-Krüger zone 19, CM 111°E, no zone prefix (EPSG:4508)',
    );
  });

  it('degree systems are exactly the geographic and Chinese-offset ones', () => {
    const degrees = ALL_CRS_IDS.filter(isDegreesCrs);
    expect(degrees.sort()).toEqual(['BD-09', 'EPSG:4326', 'EPSG:4490', 'GCJ-02']);
    for (const crs of ALL_CRS_IDS) expect(proj4Definition(crs) === null).toBe(isDegreesCrs(crs));
  });
});

describe('crsFromEpsg', () => {
  it('maps every EPSG code the atlas reads, and Web Mercator aliases', () => {
    for (const crs of EVERY_CRS_ID.filter((id) => id.startsWith('EPSG:'))) {
      expect(crsFromEpsg(Number(crs.slice(5)))).toBe(crs);
    }
    expect(crsFromEpsg(900913)).toBe('EPSG:3857');
    expect(crsFromEpsg(102100)).toBe('EPSG:3857');
  });

  it('returns null for codes it does not read', () => {
    for (const code of [4214, 4610, 2383, 32648, 4526, 4547, 4498, 4509, 0, -1, 4326.5, NaN]) {
      expect(crsFromEpsg(code)).toBeNull();
    }
  });
});

describe('Chongqing bounds', () => {
  it('isNearChongqing is true inside, within the margin, and false far away', () => {
    expect(isNearChongqing(106.5775, 29.5594)).toBe(true);
    expect(isNearChongqing(104.5, 29.5)).toBe(true); // ~76 km west of the box
    expect(isNearChongqing(104.5, 29.5, 50)).toBe(false);
    expect(isNearChongqing(116.4, 39.9)).toBe(false); // Beijing
    expect(isNearChongqing(29.5594, 106.5775)).toBe(false); // swapped
    expect(isNearChongqing(Number.NaN, 29)).toBe(false);
  });

  it('measures the distance outside the box in kilometres', () => {
    expect(distanceOutsideChongqingKm(107, 30)).toBe(0);
    // One degree of latitude north of the box is about 111 km.
    expect(distanceOutsideChongqingKm(107, 33.21)).toBeCloseTo(110.6, 0);
  });
});
