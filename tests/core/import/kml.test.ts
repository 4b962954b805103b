import { describe, expect, it } from 'vitest';
import { decodeText } from '../../../src/core/import/decode-text';
import type { ImportOptions, ImportResult } from '../../../src/core/import/import-types';
import { decodeXmlText, readKml } from '../../../src/core/import/kml';
import { codes, expectWellFormed, only, utf8 } from './helpers';

function kml(text: string, options: ImportOptions = {}): ImportResult {
  const result = readKml('places.kml', decodeText(utf8(text), 'auto', 'places.kml'), options);
  expectWellFormed(result.problems);
  return result;
}

const NESTED = `<?xml version="1.0" encoding="UTF-8"?>
<kml xmlns="http://www.opengis.net/kml/2.2" xmlns:gx="http://www.google.com/kml/ext/2.2">
<Document>
  <name>商圈</name>
  <Placemark id="pm-top">
    <name>解放碑 &amp; 朝天门</name>
    <description><![CDATA[<b>核心</b> 商圈]]></description>
    <Point><coordinates>106.5771,29.5571,0</coordinates></Point>
  </Placemark>
  <Folder>
    <name>一级</name>
    <Folder>
      <name>二级</name>
      <Placemark>
        <name>步行街</name>
        <ExtendedData>
          <Data name="等级"><value>市级</value></Data>
          <Data name="面积"><value>12.5</value></Data>
          <SchemaData schemaUrl="#s">
            <SimpleData name="code">CQ&#45;001</SimpleData>
          </SchemaData>
        </ExtendedData>
        <LineString><coordinates>
          106.50,29.50,0 106.51,29.51,0
          106.52, 29.52
        </coordinates></LineString>
      </Placemark>
      <Placemark>
        <name>观音桥</name>
        <Polygon>
          <outerBoundaryIs><LinearRing><coordinates>106.50,29.50 106.60,29.50 106.60,29.60 106.50,29.60 106.50,29.50</coordinates></LinearRing></outerBoundaryIs>
          <innerBoundaryIs><LinearRing><coordinates>106.52,29.52 106.54,29.52 106.54,29.54 106.52,29.52</coordinates></LinearRing></innerBoundaryIs>
        </Polygon>
      </Placemark>
      <Placemark>
        <name>两点</name>
        <MultiGeometry>
          <Point><coordinates>106.1,29.1</coordinates></Point>
          <Point><coordinates>106.2,29.2</coordinates></Point>
        </MultiGeometry>
      </Placemark>
      <Placemark>
        <name>混合</name>
        <MultiGeometry>
          <Point><coordinates>106.1,29.1</coordinates></Point>
          <LineString><coordinates>106.1,29.1 106.2,29.2</coordinates></LineString>
        </MultiGeometry>
      </Placemark>
    </Folder>
  </Folder>
</Document>
</kml>`;

describe('readKml', () => {
  it('reads placemarks at any folder depth with points, lines, polygons with holes and MultiGeometry', () => {
    const r = kml(NESTED);
    expect(r.refused).toBe(false);
    expect(r.detected).toEqual({
      format: 'kml',
      encoding: 'utf-8',
      crs: 'EPSG:4326',
      crsSource: 'file',
    });
    expect(r.features.map((f) => f.properties['name'])).toEqual([
      '解放碑 & 朝天门',
      '步行街',
      '观音桥',
      '两点',
      '混合',
    ]);
    const [top, line, polygon, multi, mixed] = r.features;
    expect(top?.id).toBe('pm-top');
    expect(top?.geometry).toEqual({ type: 'Point', coordinates: [106.5771, 29.5571, 0] });
    expect(top?.properties['description']).toBe('<b>核心</b> 商圈');
    expect(line?.geometry).toEqual({
      type: 'LineString',
      coordinates: [
        [106.5, 29.5, 0],
        [106.51, 29.51, 0],
        [106.52, 29.52],
      ],
    });
    expect(line?.properties).toEqual({
      name: '步行街',
      等级: '市级',
      面积: '12.5',
      code: 'CQ-001',
    });
    expect(polygon?.geometry.type).toBe('Polygon');
    expect((polygon?.geometry as { coordinates: unknown[] }).coordinates).toHaveLength(2);
    expect(multi?.geometry).toEqual({
      type: 'MultiPoint',
      coordinates: [
        [106.1, 29.1],
        [106.2, 29.2],
      ],
    });
    expect(mixed?.geometry.type).toBe('GeometryCollection');
    expect(codes(r.problems)).toEqual(['mixed-geometry-types']);
  });

  it('refuses malformed XML, saying where', () => {
    const r = kml('<kml><Document><Placemark></Document></kml>');
    expect(r.refused).toBe(true);
    const p = only(r.problems, 'invalid-xml');
    expect(p.message).toMatch(/line 1, column \d+/);
  });

  it('refuses a KML without placemarks', () => {
    const r = kml('<kml><Document><name>empty</name></Document></kml>');
    expect(r.refused).toBe(true);
    expect(codes(r.problems)).toEqual(['no-placemarks']);
  });

  it('reports a placemark without geometry and bad coordinates by feature index', () => {
    const r = kml(
      '<kml><Placemark><name>a</name></Placemark><Placemark><Point><coordinates>106.5,abc</coordinates></Point></Placemark></kml>',
    );
    expect(r.features).toEqual([]);
    expect(only(r.problems, 'null-geometry').where).toBe('places.kml feature 0');
    const bad = only(r.problems, 'invalid-geometry');
    expect(bad.where).toBe('places.kml feature 1');
    expect(bad.message).toContain('the string "abc"');
  });

  it('does not expand entities: a billion-laughs file stays small and fast', () => {
    const levels = ['<!ENTITY lol0 "lol">'];
    for (let i = 1; i <= 9; i += 1) {
      levels.push(`<!ENTITY lol${i} "${`&lol${i - 1};`.repeat(10)}">`);
    }
    const bomb = `<?xml version="1.0"?><!DOCTYPE kml [${levels.join('')}]><kml><Placemark><name>&lol9;</name><Point><coordinates>106.5,29.5</coordinates></Point></Placemark></kml>`;
    const started = performance.now();
    const r = kml(bomb);
    expect(performance.now() - started).toBeLessThan(2000);
    expect(r.features[0]?.properties['name']).toBe('&lol9;');
  });

  it('reads GCJ-02 only when chosen, otherwise WGS 84 whatever is chosen', () => {
    const text =
      '<kml><Placemark><Point><coordinates>106.5,29.5</coordinates></Point></Placemark></kml>';
    const gcj = kml(text, { crs: 'GCJ-02' });
    expect(gcj.detected).toMatchObject({ crs: 'GCJ-02', crsSource: 'chosen' });
    const [lon] = (gcj.features[0]?.geometry as { coordinates: number[] }).coordinates;
    expect(lon).not.toBe(106.5);
    expect(Math.abs((lon ?? 0) - 106.5)).toBeLessThan(0.01);
    expect(kml(text, { crs: 'EPSG:4546' }).detected.crs).toBe('EPSG:4326');
  });
});

describe('decodeXmlText', () => {
  it('decodes predefined and numeric references, leaves the rest literal', () => {
    expect(decodeXmlText('a &amp; b &lt;c&gt; &#20013;&#x6587; &quot;&apos; &nbsp; &lol;')).toBe(
      'a & b <c> 中文 "\' &nbsp; &lol;',
    );
  });
});
