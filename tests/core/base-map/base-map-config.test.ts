import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  mergeConfigs,
  parseAtlasConfig,
  publicBaseMaps,
  publicBuildProblems,
} from '../../../src/core/base-map/base-map-config';
import { gcj02ToWgs84, wgs84ToGcj02 } from '../../../src/core/base-map/gcj02';
import { distanceMeters } from '../../../src/core/proximity/proximity';

const committed: unknown = JSON.parse(
  readFileSync(resolve(import.meta.dirname, '../../../public/atlas-config.json'), 'utf8'),
);

describe('the atlas config', () => {
  it('offers OpenStreetMap by default to planners, and not on the public map without a 审图号', () => {
    const { config, problems } = parseAtlasConfig(committed);
    expect(problems).toEqual([]);
    expect(config.baseMaps.map((map) => map.id)).toEqual(['osm']);
    expect(config.baseMaps[0]?.attribution).toContain('OpenStreetMap');
    expect(config.baseMaps[0]?.requiresApprovalNumber).toBe(true);
    expect(config.baseMaps[0]?.publicMap).toBe(false);
    expect(publicBaseMaps(config)).toEqual([]);
    expect(publicBuildProblems(config)).toEqual([]);
    expect(config.offlineApprovalNumber).toBeNull();
  });

  it('reads the offline base map’s approval number from the local file, and refuses a malformed one', () => {
    const local = { offlineBaseMap: { approvalNumber: '渝S(2026)012号' } };
    expect(parseAtlasConfig(mergeConfigs(committed, local)).config.offlineApprovalNumber).toBe(
      '渝S(2026)012号',
    );
    const bad = parseAtlasConfig(
      mergeConfigs(committed, { offlineBaseMap: { approvalNumber: '<b>1</b>' } }),
    );
    expect(bad.config.offlineApprovalNumber).toBeNull();
    expect(bad.problems[0]?.where).toContain('offlineBaseMap.approvalNumber');
  });

  it('fills in a local key and refuses a public build of Tianditu without an approval number', () => {
    const local = { baseMaps: { 'tianditu-vector': { enabled: true, key: 'abcdef0123456789' } } };
    const { config } = parseAtlasConfig(mergeConfigs(committed, local));
    const tianditu = config.baseMaps.find((map) => map.id === 'tianditu-vector');
    expect(tianditu?.layers[0]?.[0]).toContain('tk=abcdef0123456789');
    expect(tianditu?.layers[0]?.[0]).not.toContain('{key}');
    const refused = publicBuildProblems(config);
    expect(refused).toHaveLength(1);
    expect(refused[0]?.message).toContain('审图号');

    const approved = mergeConfigs(committed, {
      baseMaps: {
        'tianditu-vector': {
          enabled: true,
          key: 'abcdef0123456789',
          approvalNumber: 'GS(2024)0650号',
        },
      },
    });
    const parsed = parseAtlasConfig(approved).config;
    expect(publicBuildProblems(parsed)).toEqual([]);
    expect(publicBaseMaps(parsed).map((map) => map.id)).toEqual(['tianditu-vector']);
    expect(parsed.baseMaps.find((map) => map.id === 'tianditu-vector')?.approvalNumber).toBe(
      'GS(2024)0650号',
    );
  });

  it('leaves out an enabled base map that needs a key and has none, and says why', () => {
    const { config, problems } = parseAtlasConfig(
      mergeConfigs(committed, { baseMaps: { 'tianditu-imagery': { enabled: true } } }),
    );
    expect(config.baseMaps.some((map) => map.id === 'tianditu-imagery')).toBe(false);
    expect(problems[0]?.message).toContain('key');
  });

  it('rejects tile URLs that are not https and ignores a malformed file', () => {
    const bad = {
      baseMaps: [
        {
          id: 'evil',
          enabled: true,
          title: { zh: 'x', en: 'x' },
          layers: [['javascript:alert(1)']],
          attribution: 'x',
        },
      ],
    };
    expect(parseAtlasConfig(bad).config.baseMaps).toEqual([]);
    expect(parseAtlasConfig('nonsense').problems).toHaveLength(1);
    expect(parseAtlasConfig(undefined)).toEqual({
      config: { baseMaps: [], offlineApprovalNumber: null },
      problems: [],
    });
  });
});

describe('GCJ-02', () => {
  it('shifts a point in Chongqing by a few hundred metres and back to within a metre', () => {
    const wgs = [106.55, 29.56] as const;
    const [lon = 0, lat = 0] = wgs84ToGcj02([...wgs]);
    const shift = distanceMeters(wgs, [lon, lat]);
    expect(shift).toBeGreaterThan(200);
    expect(shift).toBeLessThan(800);
    const [backLon = 0, backLat = 0] = gcj02ToWgs84([lon, lat]);
    expect(distanceMeters(wgs, [backLon, backLat])).toBeLessThan(1);
  });

  it('leaves points outside China unchanged', () => {
    expect(wgs84ToGcj02([2.35, 48.85])).toEqual([2.35, 48.85]);
  });
});
