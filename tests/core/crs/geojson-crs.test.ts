import { describe, expect, it } from 'vitest';
import { parseJsonSafely } from '../../../src/core/import/safe-json';
import { crsFromCrsName, crsFromGeoJsonMember, type CrsId } from '../../../src/core/crs';

describe('crsFromGeoJsonMember', () => {
  it('returns null when there is no member (absent or null)', () => {
    expect(crsFromGeoJsonMember(undefined)).toBeNull();
    expect(crsFromGeoJsonMember(null)).toBeNull();
  });

  it.each<[unknown, CrsId]>([
    [{ type: 'name', properties: { name: 'urn:ogc:def:crs:EPSG::4546' } }, 'EPSG:4546'],
    [{ type: 'name', properties: { name: 'urn:ogc:def:crs:EPSG:6.6:4523' } }, 'EPSG:4523'],
    [{ type: 'name', properties: { name: 'EPSG:4326' } }, 'EPSG:4326'],
    [{ type: 'name', properties: { name: 'epsg:4490' } }, 'EPSG:4490'],
    [{ type: 'name', properties: { name: 'urn:ogc:def:crs:OGC:1.3:CRS84' } }, 'EPSG:4326'],
    [{ type: 'name', properties: { name: 'urn:ogc:def:crs:OGC::CRS84' } }, 'EPSG:4326'],
    [
      { type: 'name', properties: { name: 'http://www.opengis.net/def/crs/EPSG/0/3857' } },
      'EPSG:3857',
    ],
    [{ type: 'name', properties: { name: 'EPSG:900913' } }, 'EPSG:3857'],
    [{ type: 'EPSG', properties: { code: 4326 } }, 'EPSG:4326'],
    [{ type: 'EPSG', properties: { code: '4497' } }, 'EPSG:4497'],
  ])('%j is %s', (member, crs) => {
    expect(crsFromGeoJsonMember(member)).toEqual({ crs });
  });

  it('reads the member of a parsed QGIS export', () => {
    const text =
      '{"type":"FeatureCollection","name":"outlets","crs":{"type":"name","properties":{"name":"urn:ogc:def:crs:EPSG::4545"}},"features":[]}';
    const { value } = parseJsonSafely(text);
    const member = (value as { crs?: unknown }).crs;
    expect(crsFromGeoJsonMember(member)).toEqual({ crs: 'EPSG:4545' });
  });

  it('refuses codes the atlas does not read, naming the code', () => {
    const result = crsFromGeoJsonMember({
      type: 'name',
      properties: { name: 'urn:ogc:def:crs:EPSG::32648' },
    });
    expect(result).toMatchObject({ crs: null, code: 'crs-unsupported' });
    expect(result?.crs === null && result.reason).toMatch(/EPSG:32648/u);
  });

  it('explains malformed members in both languages without echoing long strings', () => {
    const cases: unknown[] = [
      'EPSG:4326',
      42,
      [],
      { type: 'name', properties: {} },
      { type: 'name', properties: { name: `bogus-${'z'.repeat(200)}` } },
      { type: 'EPSG', properties: { code: 'abc' } },
      { type: 'link', properties: { href: 'http://example.com/crs', type: 'proj4' } },
      { type: 'weird' },
    ];
    for (const member of cases) {
      const result = crsFromGeoJsonMember(member);
      if (result === null || result.crs !== null) throw new Error(`expected a rejection`);
      expect(result.reason).toMatch(/^Expected .+\.$/u);
      expect(result.reason_zh.length).toBeGreaterThan(10);
      expect(result.reason).not.toContain('z'.repeat(61));
      expect(result.reason_zh).not.toContain('z'.repeat(61));
    }
  });

  it('crsFromCrsName ignores surrounding spaces and refuses other authorities', () => {
    expect(crsFromCrsName('  EPSG:4508 ')).toEqual({ crs: 'EPSG:4508' });
    expect(crsFromCrsName('ESRI:102100')).toMatchObject({ crs: null, code: 'crs-unknown' });
  });
});
