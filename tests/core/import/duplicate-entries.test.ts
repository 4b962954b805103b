// @vitest-environment node
/** Archives whose entries would be read only in part (issue 20): every unread entry is named. */
import { zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { importBytes } from '../../../src/core/import/import-bytes';
import { readShapefileZip } from '../../../src/core/import/shapefile-zip';
import { PRJ_WGS84, writeDbf, writeShp } from './binary/fixtures/shapefile-writer';
import { expectWellFormed, only, utf8 } from './helpers';

const kml = (name: string, lon: number): Uint8Array =>
  utf8(
    `<kml><Document><Placemark><name>${name}</name><Point><coordinates>${String(lon)},29.5</coordinates></Point></Placemark></Document></kml>`,
  );

/** Renames every `from` to `to` in a zip's bytes (local headers and central directory alike). */
function renameEntries(bytes: Uint8Array, from: string, to: string): Uint8Array {
  const a = utf8(from);
  const b = utf8(to);
  expect(b.length).toBe(a.length);
  const out = bytes.slice();
  for (let i = 0; i + a.length <= out.length; i += 1) {
    if (a.every((v, k) => out[i + k] === v)) out.set(b, i);
  }
  return out;
}

describe('KMZ: entries that are not read are named', () => {
  it('two entries named doc.kml: the first is read and a problem names the other', async () => {
    const bytes = renameEntries(
      zipSync({ 'doc.kml': kml('First', 106.5), 'doc.kmX': kml('Second', 106.6) }),
      'doc.kmX',
      'doc.kml',
    );
    const r = await importBytes('twice.kmz', bytes);
    expectWellFormed(r.problems);
    expect(r.features.map((f) => f.properties['name'])).toEqual(['First']);
    const p = only(r.problems, 'duplicate-entry');
    expect(p.severity).toBe('warning');
    expect(p.where).toBe('twice.kmz › doc.kml');
    expect(p.message).toContain('Expected one entry named "doc.kml" in the archive, found 2');
    expect(p.message_zh).toContain('实际有 2 个');
  });

  it('doc.kml beside other .kml files: names the ones not read', async () => {
    const r = await importBytes(
      'more.kmz',
      zipSync({ 'doc.kml': kml('Main', 106.5), 'layers/extra.kml': kml('Extra', 106.6) }),
    );
    expect(r.features).toHaveLength(1);
    const p = only(r.problems, 'duplicate-entry');
    expect(p.message).toContain('"doc.kml" was read and "layers/extra.kml" were not');
    expect(p.message_zh).toContain('未读取 "layers/extra.kml"');
  });
});

describe('shapefile zip: a part given twice is named', () => {
  it('two .dbf for one layer (differing only in case): the first is read, the other named', async () => {
    const { shp, shx } = writeShp('point', [[106.5, 29.5]]);
    const r = await readShapefileZip(
      'pair.zip',
      zipSync({
        'a.shp': shp,
        'a.shx': shx,
        'a.prj': utf8(PRJ_WGS84),
        'a.dbf': writeDbf([{ name: 'pop', type: 'N', length: 10 }], [[1]]),
        'A.DBF': writeDbf([{ name: 'pop', type: 'N', length: 10 }], [[2]]),
      }),
      {},
    );
    expect(r.features[0]?.properties).toEqual({ pop: 1 });
    expect(only(r.problems, 'duplicate-entry').where).toBe('pair.zip › a.dbf');
  });
});
