import { describe, expect, it } from 'vitest';
import { searchImported } from '../../src/core/search/search-imported';

const feature = (properties: Record<string, unknown>) => ({
  type: 'Feature' as const,
  geometry: { type: 'Point' as const, coordinates: [106, 29] },
  properties,
});

describe('searchImported', () => {
  const layers = [
    {
      id: 'import-a',
      name: 'outlets.csv',
      features: [
        feature({ 名称: '解放碑菜市场', 地址: '渝中区' }),
        feature({ name: 'Market of Jiefangbei' }),
        feature({ name: '<img src=x onerror=alert(1)>', note: 'hostile' }),
        feature({ code: 'A1', 地址: '沙坪坝区 磁器口' }),
      ],
    },
  ];

  it('finds by name, case-insensitively, prefix matches first', () => {
    const found = searchImported(layers, 'MARKET', 5);
    expect(found.map((result) => result.index)).toEqual([1]);
    expect(searchImported(layers, '菜市场', 5)[0]?.label).toBe('解放碑菜市场');
  });

  it('finds by another text value and labels with the value when there is no name', () => {
    const [hit] = searchImported(layers, '磁器口', 5);
    expect(hit).toEqual({
      layerId: 'import-a',
      layerName: 'outlets.csv',
      index: 3,
      label: '沙坪坝区 磁器口',
    });
  });

  it('returns hostile text as plain data and nothing for an empty query', () => {
    expect(searchImported(layers, 'onerror', 5)[0]?.label).toBe('<img src=x onerror=alert(1)>');
    expect(searchImported(layers, '  ', 5)).toEqual([]);
    expect(searchImported(layers, 'zzz', 5)).toEqual([]);
  });
});
