/**
 * Tables whose rows have addresses and no coordinates, end to end through importBytes: the
 * placement report, the properties of a placed row, a planner's fix, a failed gazetteer load, and
 * a generated workbook of 1,000 outlets with addresses only (placement rates printed).
 */
import { describe, expect, it } from 'vitest';
import { ADDRESS_PLACEMENT_KEYS } from '../../../src/core/import/address-placement';
import { importBytes } from '../../../src/core/import/import-bytes';
import type { ImportOptions, ImportResult } from '../../../src/core/import/import-types';
import { expectWellFormed, utf8 } from './helpers';
import { committedGazetteer } from './gazetteer-fixture';
import { addressWorkbook } from './address-workbook';

const gazetteer = committedGazetteer();
const extras = { loadGazetteer: () => Promise.resolve(gazetteer) };

async function csv(text: string, options: ImportOptions = {}): Promise<ImportResult> {
  const r = await importBytes('outlets.csv', utf8(text), options, undefined, extras);
  expectWellFormed(r.problems);
  return r;
}

describe('placing rows by address', () => {
  it('places address-only rows, marks them and reports them by level; unmatched rows are listed', async () => {
    const r = await csv(
      '名称,区县,街道,社区\n甲,渝北区,龙溪街道,\n乙,江北区,,\n丙,,龙溪,\n丁,北京市,,\n',
    );
    expect(r.detected.addressColumns).toEqual(['区县', '街道', '社区']);
    expect(r.placement).toEqual({
      byCoordinates: 0,
      byLevel: { community: 0, township: 1, district: 1 },
      unmatched: [
        expect.objectContaining({
          row: 4,
          address: '龙溪',
          reason: 'ambiguous',
          candidates: ['龙溪街道（渝北区）', '龙溪镇（巫山县）', '龙溪镇（彭水县）'],
        }),
        expect.objectContaining({ row: 5, address: '北京市', reason: 'not-found' }),
      ],
    });
    const [first] = r.features;
    expect(first?.properties).toMatchObject({
      名称: '甲',
      placement_level: 'township',
      placement_names: '渝北区 龙溪街道',
      certainty: 'address',
    });
    expect(first?.properties['uncertainty_m']).toBeGreaterThan(500);
    // The attributes the import adds are exactly the ones the popup and the pickers know about.
    const added = Object.keys(first?.properties ?? {}).filter(
      (key) => !['名称', '区县', '街道', '社区'].includes(key),
    );
    expect(added.sort()).toEqual([...ADDRESS_PLACEMENT_KEYS].sort());
    const unmatched = r.problems.filter((p) => p.code === 'address-unmatched');
    expect(unmatched.map((p) => p.where)).toEqual(['outlets.csv row 4', 'outlets.csv row 5']);
    expect(unmatched[0]?.message_zh).toContain('龙溪街道（渝北区）');
    expect(r.problems.find((p) => p.code === 'address-placed')?.severity).toBe('warning');
  });

  it('uses coordinates where a row has them and the address where it has none', async () => {
    const r = await csv('名称,地址,lon,lat\n甲,渝中区,106.5,29.5\n乙,万州区,,\n');
    expect(r.placement).toMatchObject({ byCoordinates: 1, byLevel: { district: 1 } });
    expect(r.features[0]?.properties['certainty']).toBeUndefined();
    expect(r.features[1]?.properties['certainty']).toBe('address');
  });

  it("re-places a row with the planner's corrected address", async () => {
    const text = '名称,地址\n甲,龙溪\n';
    expect((await csv(text)).features).toHaveLength(0);
    const fixed = await csv(text, { addressFixes: { 2: '巫山县龙溪镇' } });
    expect(fixed.placement?.unmatched).toEqual([]);
    expect(fixed.features[0]?.properties['placement_names']).toBe('巫山县 龙溪镇');
  });

  it('gives the placed point in the chosen coordinate system, so it lands where it should', async () => {
    const plain = await csv('名称,地址\n甲,渝北区龙溪街道\n');
    const gcj = await csv('名称,地址\n甲,渝北区龙溪街道\n', { crs: 'GCJ-02' });
    const a = (plain.features[0]?.geometry as { coordinates: number[] }).coordinates;
    const b = (gcj.features[0]?.geometry as { coordinates: number[] }).coordinates;
    expect(b[0]).toBeCloseTo(a[0] ?? NaN, 6);
    expect(b[1]).toBeCloseTo(a[1] ?? NaN, 6);
  });

  it('reports every address row when the place names cannot be loaded, and places nothing', async () => {
    const r = await importBytes('outlets.csv', utf8('名称,地址\n甲,渝北区\n'), {}, undefined, {
      loadGazetteer: () => Promise.reject(new Error('offline')),
    });
    expect(r.features).toHaveLength(0);
    expect(r.placement?.unmatched[0]?.reason).toBe('no-gazetteer');
    expect(r.problems.map((p) => p.code)).toContain('gazetteer-unavailable');
  });

  it('loads the built-in place names when none are handed in', async () => {
    const r = await importBytes('outlets.csv', utf8('名称,地址\n甲,渝北区龙溪街道\n'));
    expect(r.placement?.byLevel.township).toBe(1);
  });
});

describe('a generated workbook of 1,000 outlets with addresses only', () => {
  it('places each row in the 区县 its address names, most specific first, and prints the rates', async () => {
    const { bytes, truth } = addressWorkbook(1000, gazetteer);
    const r = await importBytes('outlets-1000.xlsx', bytes, {}, undefined, extras);
    const placement = r.placement;
    if (placement === undefined) throw new Error('no placement report');
    const { community, township, district } = placement.byLevel;
    expect(community + township + district + placement.unmatched.length).toBe(1000);
    expect(placement.byCoordinates).toBe(0);
    // Every row naming no place is unmatched, and nothing else is.
    const none = truth.filter((t) => t.level === 'none').length;
    expect(placement.unmatched.filter((u) => u.reason === 'not-found')).toHaveLength(none);
    // Each placed row is in the 区县 its address names.
    const rows = r.features.map((f) => Number(String(f.properties['网点名称']).slice(2)) - 1);
    r.features.forEach((f, i) => {
      const expected = truth[rows[i] ?? -1];
      const names = String(f.properties['placement_names']);
      const adcode = gazetteer.districts.find((d) => names.startsWith(d.name))?.adcode;
      expect(adcode, names).toBe(expected?.adcode);
    });
    const share = (n: number): string => `${((n / 1000) * 100).toFixed(1)} %`;
    console.log(
      `1,000 address-only rows: community ${share(community)}, township ${share(township)}, district ${share(district)}, unmatched ${share(placement.unmatched.length)}`,
    );
    // The generator wrote 40 % down to the 村/社区; those with a point are placed there, the
    // others (most: 1,109 of 11,016 units have a point) at their township's seat.
    expect(township).toBeGreaterThan(600);
    expect(district).toBeGreaterThan(100);
  });
});

describe('a generated workbook of 10,000 outlets with addresses only', () => {
  it('imports and places them in a few seconds (time printed)', async () => {
    const { bytes } = addressWorkbook(10_000, gazetteer, 7);
    const started = performance.now();
    const r = await importBytes('outlets-10000.xlsx', bytes, {}, undefined, extras);
    const seconds = (performance.now() - started) / 1000;
    console.log(
      `10,000 address-only rows (${(bytes.length / 1024).toFixed(0)} KiB .xlsx): imported in ${seconds.toFixed(2)} s`,
    );
    expect(r.features.length).toBeGreaterThan(9000);
    expect(seconds).toBeLessThan(30);
  });
});
