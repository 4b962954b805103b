// @vitest-environment node
import { booleanPointInPolygon } from '@turf/turf';
import type { FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { EARTH_RADIUS_METERS } from '../../../src/core/geo/haversine.ts';
import { decodePopulationGrid } from '../../../src/core/population/decode-population-grid.ts';
import {
  populationCellBounds,
  type PopulationGrid,
} from '../../../src/core/population/population-grid.ts';

const GEODATA = join(import.meta.dirname, '..', '..', '..', 'geodata');
const RAW = join(GEODATA, 'raw', 'geodata-sources');

interface CensusRow {
  readonly population: number;
  readonly urbanShare: number;
}

let grid: PopulationGrid;
let census: Map<number, CensusRow>;
let polygons: Map<number, Polygon | MultiPolygon>;

beforeAll(() => {
  const decoded = decodePopulationGrid(
    readFileSync(join(GEODATA, 'population', 'population-grid.bin')),
    'population-grid.bin',
  );
  if (!decoded.ok) throw new Error(JSON.stringify(decoded.problems));
  grid = decoded.grid;
  census = new Map();
  const [header = '', ...rows] = readFileSync(join(RAW, 'cq_districts_census2020_ghsl.csv'), 'utf8')
    .trim()
    .split('\n');
  const columns = header.split(',');
  for (const row of rows) {
    const cells = row.split(',');
    const value = (name: string) => Number(cells[columns.indexOf(name)]);
    census.set(value('adcode'), {
      population: value('pop2020_census'),
      urbanShare: value('urban_share2020_census'),
    });
  }
  const districts = JSON.parse(
    readFileSync(join(RAW, 'cq_districts_ctamap2021_wgs84.geojson'), 'utf8'),
  ) as FeatureCollection<Polygon | MultiPolygon, { adcode: number }>;
  polygons = new Map(districts.features.map((f) => [f.properties.adcode, f.geometry]));
});

describe('the shipped population grid (modelled)', () => {
  it('says it is modelled, in both languages', () => {
    expect(grid.header.modelled).toBe(true);
    expect(grid.header.title.zh).toContain('模拟');
    expect(grid.header.notice.en).toMatch(/^Modelled/);
    expect(grid.header.notice.zh).toContain('非普查');
  });

  it('adds up exactly to the 2020 census: 32,054,159 residents, every district to its own figure', () => {
    expect(grid.header.population).toBe(32_054_159);
    const sums = new Map<number, number>();
    grid.demand.population.forEach((people, i) => {
      const adcode = grid.header.districts[grid.demand.district[i] ?? 0]?.adcode ?? 0;
      sums.set(adcode, (sums.get(adcode) ?? 0) + people);
    });
    expect(sums.size).toBe(38);
    for (const [adcode, row] of census) expect(sums.get(adcode)).toBe(row.population);
    expect(grid.demand.population.every((p) => Number.isInteger(p))).toBe(true);
  });

  it("matches each district's census urbanisation rate within 0.5 percentage points", () => {
    const urban = new Map<number, number>();
    grid.demand.population.forEach((people, i) => {
      if (grid.demand.urban[i] !== 1) return;
      const adcode = grid.header.districts[grid.demand.district[i] ?? 0]?.adcode ?? 0;
      urban.set(adcode, (urban.get(adcode) ?? 0) + people);
    });
    for (const [adcode, row] of census) {
      const share = (urban.get(adcode) ?? 0) / row.population;
      expect(Math.abs(share - row.urbanShare)).toBeLessThanOrEqual(0.005);
    }
  });

  it('puts every cell centre inside its own district polygon', () => {
    const outside: number[] = [];
    for (let i = 0; i < grid.header.cellCount; i++) {
      const adcode = grid.header.districts[grid.demand.district[i] ?? 0]?.adcode ?? 0;
      const polygon = polygons.get(adcode);
      const point = [grid.demand.lon[i] ?? 0, grid.demand.lat[i] ?? 0];
      if (polygon === undefined || !booleanPointInPolygon(point, polygon)) outside.push(i);
    }
    expect(outside).toEqual([]);
  });

  it('uses cells no coarser than 1 km anywhere, and 500 m or finer wherever people are urban', () => {
    let coarsest = 0;
    for (let i = 0; i < grid.header.cellCount; i++) {
      const [west, south, east, north] = populationCellBounds(grid, i);
      const width =
        (((east - west) * Math.PI) / 180) * EARTH_RADIUS_METERS * Math.cos((south * Math.PI) / 180);
      const height = (((north - south) * Math.PI) / 180) * EARTH_RADIUS_METERS;
      coarsest = Math.max(coarsest, width, height);
      if (grid.demand.urban[i] === 1) expect(grid.split[i]).toBeGreaterThanOrEqual(2);
    }
    expect(coarsest).toBeLessThanOrEqual(1000);
    const fine = grid.demand.population.reduce(
      (sum, people, i) => sum + (grid.split[i] === 4 ? people : 0),
      0,
    );
    expect(fine / grid.header.population).toBeGreaterThan(0.5);
  });

  it('is compact: well under a megabyte for ~170,000 cells', () => {
    const bytes = readFileSync(join(GEODATA, 'population', 'population-grid.bin')).length;
    expect(bytes).toBeLessThan(600_000);
    expect(grid.header.cellCount).toBeGreaterThan(100_000);
  });

  it('lists the regions of each district with the plan catalogue ids', () => {
    const byName = new Map(grid.header.districts.map((d) => [d.name_zh, d]));
    const regionIds = (name: string) =>
      byName.get(name)?.regionIndices.map((r) => grid.header.regions[r]?.id);
    expect(regionIds('渝中区')).toEqual(['region-zhucheng-dushiqu', 'subregion-zhongxin-chengqu']);
    expect(regionIds('璧山区')).toEqual(['region-zhucheng-dushiqu', 'subregion-zhucheng-xinqu']);
    expect(regionIds('万州区')).toEqual(['region-yudongbei']);
    expect(regionIds('黔江区')).toEqual(['region-yudongnan']);
  });
});
