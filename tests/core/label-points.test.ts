import { booleanPointInPolygon, centerOfMass } from '@turf/turf';
import type { Geometry, MultiPolygon, Polygon, Position } from 'geojson';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { shortEnglishLabel } from '../../src/core/geo/label-anchors.ts';
import { labelPoints } from '../../src/core/geo/label-points.ts';
import type { PlanFeature, PlanFeatureCollection } from '../../src/core/plan/plan-feature.ts';
import { validatePlanLayer } from '../../src/core/plan/validate.ts';

const GEODATA = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'geodata');
/** Every layer the catalogue lists. */
const LAYER_IDS = (
  JSON.parse(readFileSync(join(GEODATA, 'catalogue.json'), 'utf8')) as {
    layers: { id: string }[];
  }
).layers.map((l) => l.id);
const CQ_BBOX = [105.29, 28.16, 110.2, 32.21] as const;
/** The clip box of the neighbouring provinces: where the partner places in Sichuan lie. */
const CONTEXT_BBOX = [103.5, 26.8, 112.0, 33.6] as const;

function loadLayer(id: string): PlanFeatureCollection {
  const json = JSON.parse(
    readFileSync(join(GEODATA, 'layers', `${id}.geojson`), 'utf8'),
  ) as unknown;
  const { collection, problems } = validatePlanLayer(json, id, id);
  if (problems.length > 0) throw new Error(`${id} has problems`);
  return collection;
}

function collectionOf(...geometries: Geometry[]): PlanFeatureCollection {
  const base = loadLayer('bonded-zones').features[0];
  if (base === undefined) throw new Error('no feature');
  const features: PlanFeature[] = geometries.map((geometry, i) => ({
    ...base,
    id: `f${String(i)}`,
    geometry,
    properties: { ...base.properties, id: `f${String(i)}` },
  }));
  return { type: 'FeatureCollection', features };
}

function onlyPoint(...geometries: Geometry[]): Position {
  const [first] = labelPoints(collectionOf(...geometries)).features;
  if (first === undefined) throw new Error('no label point');
  return first.geometry.coordinates;
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}

/** A C shape open to the east: its centre of mass lies in the gap, outside the shape. */
const C_SHAPE: Polygon = {
  type: 'Polygon',
  coordinates: [
    [
      [0, 0],
      [3, 0],
      [3, 0.5],
      [0.5, 0.5],
      [0.5, 2.5],
      [3, 2.5],
      [3, 3],
      [0, 3],
      [0, 0],
    ],
  ],
};

/** A square with a square hole in the middle, where its centre of mass falls. */
const DONUT: Polygon = {
  type: 'Polygon',
  coordinates: [
    [
      [0, 0],
      [4, 0],
      [4, 4],
      [0, 4],
      [0, 0],
    ],
    [
      [1, 1],
      [1, 3],
      [3, 3],
      [3, 1],
      [1, 1],
    ],
  ],
};

describe('labelPoints on the real layers', () => {
  for (const id of LAYER_IDS) {
    const box = id === 'partner-localities' ? CONTEXT_BBOX : CQ_BBOX;
    it(`gives one point per feature of ${id}, with the feature's id, inside its area`, () => {
      const layer = loadLayer(id);
      const labels = labelPoints(layer);
      expect(labels.features.map((f) => f.id)).toEqual(layer.features.map((f) => f.id));
      for (const label of labels.features) {
        expect(label.properties.id).toBe(label.id);
        const [lon = NaN, lat = NaN] = label.geometry.coordinates;
        expect(lon).toBeGreaterThan(box[0]);
        expect(lon).toBeLessThan(box[2]);
        expect(lat).toBeGreaterThan(box[1]);
        expect(lat).toBeLessThan(box[3]);
      }
    });
  }

  for (const id of [
    'districts',
    'regions',
    'market-clusters',
    'district-groups',
    'cooperation-areas',
  ]) {
    it(`places every ${id} polygon label strictly inside its polygon`, () => {
      const layer = loadLayer(id);
      const labels = labelPoints(layer);
      let polygons = 0;
      layer.features.forEach((feature, i) => {
        const g = feature.geometry;
        if (g.type !== 'Polygon' && g.type !== 'MultiPolygon') return;
        polygons++;
        const point = labels.features[i]?.geometry.coordinates ?? [];
        const inside = booleanPointInPolygon(point, g, { ignoreBoundary: true });
        expect(inside, `${String(feature.id)} at ${point.join(',')}`).toBe(true);
      });
      expect(polygons).toBeGreaterThan(0);
    });
  }

  it('copies only the label properties', () => {
    const layer = loadLayer('districts');
    const [label] = labelPoints(layer).features;
    const p = layer.features[0]?.properties;
    expect(label?.properties).toEqual({
      id: p?.id,
      layer: 'districts',
      name_zh: p?.name_zh,
      name_en: p?.name_en,
      label_en: 'Banan',
      category: 'district',
    });
    expect(p?.id).toBe('district-banan');
  });

  it('does not modify its input', () => {
    const layer = deepFreeze(loadLayer('districts'));
    expect(() => labelPoints(layer)).not.toThrow();
  });
});

describe('labelPoints on shapes', () => {
  it('uses a point as it is and the first of a multipoint', () => {
    expect(onlyPoint({ type: 'Point', coordinates: [106.5, 29.5] })).toEqual([106.5, 29.5]);
    expect(onlyPoint({ type: 'Point', coordinates: [106.5, 29.5, 300] })).toEqual([106.5, 29.5]);
    const multi = {
      type: 'MultiPoint' as const,
      coordinates: [
        [1, 2],
        [3, 4],
      ],
    };
    expect(onlyPoint(multi)).toEqual([1, 2]);
  });

  it('uses the centre of mass of a convex polygon', () => {
    const square: Polygon = {
      type: 'Polygon',
      coordinates: [
        [
          [0, 0],
          [2, 0],
          [2, 2],
          [0, 2],
          [0, 0],
        ],
      ],
    };
    const [x = NaN, y = NaN] = onlyPoint(square);
    expect(x).toBeCloseTo(1, 9);
    expect(y).toBeCloseTo(1, 9);
  });

  it('moves the label inside a C shape whose centre of mass is outside it', () => {
    const center = centerOfMass(C_SHAPE).geometry.coordinates;
    expect(booleanPointInPolygon(center, C_SHAPE)).toBe(false);
    const point = onlyPoint(C_SHAPE);
    expect(booleanPointInPolygon(point, C_SHAPE, { ignoreBoundary: true })).toBe(true);
  });

  it('keeps the label out of a hole', () => {
    const center = centerOfMass(DONUT).geometry.coordinates;
    expect(booleanPointInPolygon(center, DONUT)).toBe(false);
    const point = onlyPoint(DONUT);
    expect(booleanPointInPolygon(point, DONUT, { ignoreBoundary: true })).toBe(true);
  });

  it('labels the largest part of a multipolygon', () => {
    const small = [
      [
        [0, 0],
        [0.1, 0],
        [0.1, 0.1],
        [0, 0],
      ],
    ];
    const multi: MultiPolygon = {
      type: 'MultiPolygon',
      coordinates: [small, C_SHAPE.coordinates, small],
    };
    const point = onlyPoint(multi);
    expect(booleanPointInPolygon(point, C_SHAPE, { ignoreBoundary: true })).toBe(true);
  });

  it('labels a line at half its length, and a multiline on its longest line', () => {
    const [x = NaN, y = NaN] = onlyPoint({
      type: 'LineString',
      coordinates: [
        [0, 0],
        [0, 1],
        [0, 4],
      ],
    });
    expect(x).toBeCloseTo(0, 6);
    expect(y).toBeCloseTo(2, 2);
    const [mx = NaN, my = NaN] = onlyPoint({
      type: 'MultiLineString',
      coordinates: [
        [
          [10, 0],
          [10, 0.5],
        ],
        [
          [20, 0],
          [20, 3],
        ],
      ],
    });
    expect(mx).toBeCloseTo(20, 6);
    expect(my).toBeCloseTo(1.5, 2);
  });

  it('labels a geometry collection by its first member and skips empty geometries', () => {
    const labels = labelPoints(
      collectionOf(
        { type: 'GeometryCollection', geometries: [{ type: 'Point', coordinates: [5, 6] }] },
        { type: 'MultiPoint', coordinates: [] },
        { type: 'Point', coordinates: [7, 8] },
      ),
    );
    expect(labels.features.map((f) => [f.id, f.geometry.coordinates])).toEqual([
      ['f0', [5, 6]],
      ['f2', [7, 8]],
    ]);
  });
});

describe('short English labels on the map', () => {
  it('drops glosses and the county word, keeping the official form in name_en', () => {
    expect(shortEnglishLabel('Shizhu County (Shizhu Tujia Autonomous County)')).toBe('Shizhu');
    expect(shortEnglishLabel('Yuzhong District')).toBe('Yuzhong');
    expect(shortEnglishLabel('Guanyinqiao Business District')).toBe(
      'Guanyinqiao Business District',
    );
    expect(shortEnglishLabel('Three Gorges Square (Sanxia Guangchang) Business District')).toBe(
      'Three Gorges Square Business District',
    );
    expect(shortEnglishLabel('Baishiyi Cold-Chain Tier-1 Node (schematic)')).toBe(
      'Baishiyi Cold-Chain Tier-1 Node (schematic)',
    );
    expect(shortEnglishLabel('(only a gloss)')).toBe('(only a gloss)');
  });

  it('keeps the long form where shortening would give two features one label', () => {
    const layer = loadLayer('service-trade');
    const labels = labelPoints(layer).features.map((f) => f.properties.label_en);
    expect(new Set(labels).size).toBe(labels.length);
    expect(labels).toContain('Service Trade International Cooperation Park (Chongqing ETDZ)');
  });

  it('gives every district a one-line name in English', () => {
    const labels = labelPoints(loadLayer('districts')).features.map((f) => f.properties.label_en);
    expect(labels).toContain('Shizhu');
    for (const label of labels) expect(label.length, label).toBeLessThanOrEqual(20);
  });
});
