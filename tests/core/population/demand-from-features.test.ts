import { describe, expect, it } from 'vitest';
import {
  demandFromFeatures,
  URBAN_UNKNOWN,
  urbanClassOf,
} from '../../../src/core/population/demand-from-features';

const at = (lon: number, lat: number, properties: Record<string, unknown>) => ({
  type: 'Feature' as const,
  geometry: { type: 'Point' as const, coordinates: [lon, lat] },
  properties,
});

describe('demandFromFeatures', () => {
  it('reads population and the urban class from English or Chinese attributes', () => {
    const demand = demandFromFeatures([
      at(106.5, 29.5, { population: 1200, urban: true }),
      at(106.6, 29.6, { 人口: '300', 城乡: '乡村' }),
      at(106.7, 29.7, { 常住人口: 50 }),
      at(106.8, 29.8, { name: 'no population' }),
      at(106.9, 29.9, { population: -5 }),
      at(107, 30, { population: '  ' }),
    ]);
    expect([...demand.population]).toEqual([1200, 300, 50]);
    expect([...demand.urban]).toEqual([1, 0, URBAN_UNKNOWN]);
    expect(demand.totalPopulation).toBe(1550);
    expect(demand.skipped).toBe(3);
    expect(demand.unknownClass).toBe(1);
  });

  it('reads populations written with thousands separators, as the import validator does', () => {
    const demand = demandFromFeatures([
      at(106.5, 29.5, { pop: '3,500' }),
      at(106.6, 29.6, { 常住人口: ' 1,234.5 ' }),
      at(106.7, 29.7, { population: '12,34' }),
    ]);
    expect([...demand.population]).toEqual([3500, 1234.5]);
    expect(demand.skipped).toBe(1);
  });

  it('places an area at the mean of its outline', () => {
    const demand = demandFromFeatures([
      {
        type: 'Feature',
        geometry: {
          type: 'Polygon',
          coordinates: [
            [
              [106, 29],
              [107, 29],
              [107, 30],
              [106, 30],
              [106, 29],
            ],
          ],
        },
        properties: { population: 10 },
      },
    ]);
    expect([demand.lon[0], demand.lat[0]]).toEqual([106.5, 29.5]);
  });

  it('knows the common spellings of urban and rural', () => {
    expect(urbanClassOf({ 城镇: '是' })).toBe(1);
    expect(urbanClassOf({ class: 'Rural' })).toBe(0);
    expect(urbanClassOf({ urban: 'maybe' })).toBe(URBAN_UNKNOWN);
  });
});
