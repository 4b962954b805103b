import { describe, expect, it } from 'vitest';
import { demandFromImport } from '../../../src/core/population/imported-demand';
import { NO_DISTRICT } from '../../../src/core/population/demand';

const square = (west: number, south: number, size: number) => ({
  type: 'Polygon' as const,
  coordinates: [
    [
      [west, south],
      [west + size, south],
      [west + size, south + size],
      [west, south + size],
      [west, south],
    ],
  ],
});

describe('demandFromImport', () => {
  const districts = [
    { adcode: 500103, name_zh: '渝中区', name_en: 'Yuzhong', regionIndices: [0] },
    { adcode: 500113, name_zh: '巴南区', name_en: 'Banan', regionIndices: [0] },
  ];
  const regions = [{ id: 'region-a', name_zh: '甲', name_en: 'A' }];
  const shapes = [
    { adcode: 500113, geometry: square(106, 29, 1) },
    { adcode: 500103, geometry: square(107, 29, 1) },
    { adcode: 999999, geometry: square(108, 29, 1) },
  ];

  it('assigns each unit to the district containing it by adcode, and none outside', () => {
    const units = {
      lon: Float64Array.of(106.5, 107.5, 108.5, 120),
      lat: Float64Array.of(29.5, 29.5, 29.5, 29.5),
      population: Float64Array.of(10, 20, 30, 40),
      urban: Uint8Array.of(1, 0, 1, 0),
    };
    const demand = demandFromImport(units, districts, regions, shapes);
    expect([...demand.district]).toEqual([1, 0, NO_DISTRICT, NO_DISTRICT]);
    expect(demand.population).toBe(units.population);
    expect(demand.districts).toBe(districts);
    expect(demand.regions).toBe(regions);
  });
});
