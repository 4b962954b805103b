import { describe, expect, it } from 'vitest';
import { describeAddressPlacement } from '../../src/core/plan/describe';
import { popupLines } from '../../src/map/imported-layers';

const placed = {
  名称: '示例菜市场（虚构）',
  certainty: 'address',
  uncertainty_m: 1200,
  placement_level: 'township',
  placement_names: '渝北区 龙溪街道',
};

describe('a row placed from its address, in words', () => {
  it('says how it was placed, how far off it may be, and what matched, in both languages', () => {
    expect(describeAddressPlacement(placed, 'zh')).toBe(
      '按地址推定（乡镇街道级，误差约1.2公里）：渝北区 龙溪街道',
    );
    expect(describeAddressPlacement(placed, 'en')).toMatch(
      /\(township level, uncertainty about 1\.2 km\): 渝北区 龙溪街道$/,
    );
    expect(describeAddressPlacement({ certainty: 'address' }, 'zh')).toBe('按地址推定');
    expect(describeAddressPlacement({ 名称: 'x' }, 'zh')).toBeNull();
  });

  it('puts that line first in the popup instead of the raw certainty and placement fields', () => {
    const lines = popupLines(
      {
        type: 'Feature',
        geometry: { type: 'Point', coordinates: [106.5, 29.6] },
        properties: placed,
      },
      'zh',
    );
    expect(lines[0]).toContain('按地址推定（乡镇街道级');
    expect(lines).toContain('名称: 示例菜市场（虚构）');
    expect(lines.join('\n')).not.toMatch(/certainty: address|placement_level|uncertainty_m/);
    const plain = popupLines(
      {
        type: 'Feature',
        geometry: { type: 'Point', coordinates: [106.5, 29.6] },
        properties: { a: 1 },
      },
      'en',
    );
    expect(plain).toEqual(['a: 1']);
  });
});
