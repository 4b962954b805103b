import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { crsFromPrj, type CrsDetection, type CrsId } from '../../../src/core/crs';

function fixture(name: string): string {
  return readFileSync(resolve(import.meta.dirname, 'fixtures', name), 'utf8');
}

function rejected(detection: CrsDetection): { code: string; reason: string; reason_zh: string } {
  if (detection.crs !== null) throw new Error(`expected a rejection, got ${detection.crs}`);
  return detection;
}

describe('crsFromPrj on real-looking .prj files', () => {
  const accepted: [string, CrsId][] = [
    ['esri-cgcs2000-3deg-zone35.prj', 'EPSG:4523'],
    ['esri-cgcs2000-3deg-cm108e.prj', 'EPSG:4545'],
    ['esri-cgcs2000-6deg-zone19.prj', 'EPSG:4497'],
    ['esri-cgcs2000-6deg-cm105e.prj', 'EPSG:4507'],
    ['esri-cgcs2000-geographic.prj', 'EPSG:4490'],
    ['esri-wgs84-geographic.prj', 'EPSG:4326'],
    ['esri-web-mercator.prj', 'EPSG:3857'],
    ['ogc-epsg-4546.prj', 'EPSG:4546'],
    ['ogc-cgcs2000-zone35-no-authority.prj', 'EPSG:4523'],
    ['ogc-web-mercator-gdal.prj', 'EPSG:3857'],
    ['wkt2-cgcs2000-zone36.prj', 'EPSG:4524'],
  ];
  it.each(accepted)('%s is %s', (file, crs) => {
    expect(crsFromPrj(fixture(file))).toEqual({ crs });
  });

  it('refuses Xian 1980 Gauss-Krüger with a sentence instead of treating it as CGCS2000', () => {
    const result = rejected(crsFromPrj(fixture('esri-xian1980-3deg-cm108e.prj')));
    expect(result.code).toBe('crs-unsupported');
    expect(result.reason).toMatch(/Xian 1980/u);
    expect(result.reason).toMatch(/Gauss-Krüger/u);
    expect(result.reason).toMatch(/\.$/u);
    expect(result.reason_zh).toMatch(/西安 1980/u);
  });

  it('refuses Beijing 1954 Gauss-Krüger even though its zone and parameters match EPSG:4524', () => {
    const result = rejected(crsFromPrj(fixture('esri-beijing1954-3deg-zone36.prj')));
    expect(result.code).toBe('crs-unsupported');
    expect(result.reason).toMatch(/Beijing 1954/u);
    expect(result.reason_zh).toMatch(/北京 1954/u);
  });

  it('refuses UTM on WGS 84 (scale 0.9996), which is not Gauss-Krüger', () => {
    const result = rejected(crsFromPrj(fixture('esri-wgs84-utm48n.prj')));
    expect(result.code).toBe('crs-unsupported');
    expect(result.reason).toMatch(/UTM/u);
  });

  it('refuses a CGCS2000 zone far from Chongqing and names its parameters', () => {
    const result = rejected(crsFromPrj(fixture('esri-cgcs2000-3deg-zone39.prj')));
    expect(result.code).toBe('crs-unsupported');
    expect(result.reason).toMatch(/central meridian 117° and false easting 39500000/u);
  });

  it('reports truncated WKT, CSV text and empty text as not understood', () => {
    for (const text of [fixture('truncated.prj'), fixture('not-wkt.prj'), '', '   \n']) {
      const result = rejected(crsFromPrj(text));
      expect(result.code).toBe('crs-unknown');
      expect(result.reason.length).toBeGreaterThan(20);
      expect(result.reason_zh.length).toBeGreaterThan(10);
    }
  });

  it('never echoes more than 60 characters of hostile text', () => {
    const hostile = `garbage ${'x'.repeat(5000)}`;
    const result = rejected(crsFromPrj(hostile));
    expect(result.reason).not.toContain('x'.repeat(61));
    const tooLong = `PROJCS["${'y'.repeat(70_000)}"]`;
    const long = rejected(crsFromPrj(tooLong));
    expect(long.reason).not.toContain('y'.repeat(61));
  });

  it('survives deeply nested brackets without overflowing the stack', () => {
    const deep = `${'A['.repeat(5000)}1${']'.repeat(5000)}`;
    expect(rejected(crsFromPrj(deep)).code).toBe('crs-unknown');
  });
});

describe('crsFromPrj by name and by parameters', () => {
  const geog =
    'GEOGCS["China Geodetic Coordinate System 2000",DATUM["China_2000",SPHEROID["CGCS2000",6378137,298.257222101]],PRIMEM["Greenwich",0],UNIT["degree",0.0174532925199433]]';
  const named = (name: string): string => `PROJCS["${name}",${geog},UNIT["metre",1]]`;

  it.each<[string, CrsId]>([
    ['CGCS2000_3_Degree_GK_Zone_35', 'EPSG:4523'],
    ['CGCS2000_3_Degree_GK_Zone_37', 'EPSG:4525'],
    ['CGCS2000_3_Degree_GK_CM_105E', 'EPSG:4544'],
    ['CGCS2000_3_Degree_GK_CM_111E', 'EPSG:4546'],
    ['CGCS2000 / 3-degree Gauss-Kruger zone 35', 'EPSG:4523'],
    ['CGCS2000 / 3-degree Gauss-Kruger CM 108E', 'EPSG:4545'],
    ['CGCS_2000_GK_Zone_18', 'EPSG:4496'],
    ['CGCS2000 / Gauss-Kruger zone 19', 'EPSG:4497'],
    ['CGCS2000_GK_CM_111E', 'EPSG:4508'],
  ])('a PROJCS named %s without parameters is %s', (name, crs) => {
    expect(crsFromPrj(named(name))).toEqual({ crs });
  });

  it('lets the parameters decide when the name disagrees (zone name, no prefix in false easting)', () => {
    const wkt = `PROJCS["CGCS2000_3_Degree_GK_Zone_36",${geog},PROJECTION["Transverse_Mercator"],PARAMETER["central_meridian",108],PARAMETER["false_easting",500000],PARAMETER["scale_factor",1],UNIT["metre",1]]`;
    expect(crsFromPrj(wkt)).toEqual({ crs: 'EPSG:4545' });
  });

  it('reads an unnamed Transverse Mercator on the CGCS2000 datum by its parameters, 3° on a tie', () => {
    const wkt = `PROJCS["unnamed",${geog},PROJECTION["Transverse_Mercator"],PARAMETER["central_meridian",105],PARAMETER["false_easting",500000],UNIT["metre",1]]`;
    expect(crsFromPrj(wkt)).toEqual({ crs: 'EPSG:4544' });
    const prefixed = wkt.replace('500000]', '18500000]');
    expect(crsFromPrj(prefixed)).toEqual({ crs: 'EPSG:4496' });
  });

  it('trusts a top-level EPSG authority over everything else', () => {
    const wkt = `PROJCS["whatever",${geog},PROJECTION["Transverse_Mercator"],AUTHORITY["EPSG","4508"]]`;
    expect(crsFromPrj(wkt)).toEqual({ crs: 'EPSG:4508' });
  });

  it('refuses a Gauss-Krüger projection with a scale factor other than 1', () => {
    const wkt = `PROJCS["odd",${geog},PROJECTION["Transverse_Mercator"],PARAMETER["central_meridian",108],PARAMETER["false_easting",500000],PARAMETER["scale_factor",0.9996],UNIT["metre",1]]`;
    expect(rejected(crsFromPrj(wkt)).reason).toMatch(/scale factor 0\.9996/u);
  });

  it('refuses Beijing 1954 longitude/latitude and an unknown datum', () => {
    const beijing =
      'GEOGCS["GCS_Beijing_1954",DATUM["D_Beijing_1954",SPHEROID["Krasovsky_1940",6378245.0,298.3]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]]';
    expect(rejected(crsFromPrj(beijing)).reason).toMatch(/Beijing 1954/u);
    const tokyo =
      'GEOGCS["GCS_Tokyo",DATUM["D_Tokyo",SPHEROID["Bessel_1841",6377397.155,299.1528128]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]]';
    expect(rejected(crsFromPrj(tokyo)).reason).toMatch(/GCS_Tokyo/u);
  });

  it('reads the horizontal part of a compound CRS', () => {
    const wkt = `COMPD_CS["CGCS2000 + height",${geog},VERT_CS["height",VERT_DATUM["Yellow Sea 1985",2005]]]`;
    expect(crsFromPrj(wkt)).toEqual({ crs: 'EPSG:4490' });
  });
});
