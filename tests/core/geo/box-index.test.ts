// @vitest-environment node
import fc from 'fast-check';
import type { Geometry } from 'geojson';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseCatalogue } from '../../../src/core/catalogue/catalogue';
import {
  boxesIntersect,
  createBoxIndex,
  geometryBox,
  geometryMeetsBox,
  type Box,
} from '../../../src/core/geo/box-index';
import { planFeaturesInBox } from '../../../src/core/plan/features-in-box';
import type { PlanFeatureCollection } from '../../../src/core/plan/plan-feature';
import { validatePlanLayer } from '../../../src/core/plan/validate';

const GEODATA = join(import.meta.dirname, '..', '..', '..', 'geodata');

const coordinate = fc.double({ min: -10, max: 10, noNaN: true });
const box = fc.tuple(coordinate, coordinate, coordinate, coordinate).map(([a, b, c, d]): Box => ({
  minX: Math.min(a, c),
  maxX: Math.max(a, c),
  minY: Math.min(b, d),
  maxY: Math.max(b, d),
}));

describe('the box index', () => {
  it('finds exactly the boxes a brute-force filter finds', () => {
    fc.assert(
      fc.property(
        fc.array(fc.option(box, { freq: 8 }), { maxLength: 200 }),
        fc.array(box, { minLength: 1, maxLength: 10 }),
        fc.integer({ min: 1, max: 40 }),
        (boxes, queries, cells) => {
          const index = createBoxIndex(boxes, cells);
          for (const query of queries) {
            const brute = boxes.flatMap((b, i) =>
              b !== null && boxesIntersect(b, query) ? [i] : [],
            );
            expect(index.search(query)).toEqual(brute);
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it('finds a point-sized box and a box touching the query', () => {
    const index = createBoxIndex([
      { minX: 1, minY: 1, maxX: 1, maxY: 1 },
      { minX: 2, minY: 0, maxX: 3, maxY: 1 },
      null,
    ]);
    expect(index.search({ minX: 0, minY: 0, maxX: 2, maxY: 2 })).toEqual([0, 1]);
    expect(index.search({ minX: 5, minY: 5, maxX: 6, maxY: 6 })).toEqual([]);
    expect(createBoxIndex([]).search({ minX: 0, minY: 0, maxX: 1, maxY: 1 })).toEqual([]);
  });
});

describe('whether a geometry lies in a box', () => {
  const view: Box = { minX: 0, minY: 0, maxX: 1, maxY: 1 };
  const square = (x0: number, y0: number, x1: number, y1: number) => [
    [x0, y0],
    [x1, y0],
    [x1, y1],
    [x0, y1],
    [x0, y0],
  ];
  it.each<[string, Geometry, boolean]>([
    ['a point inside', { type: 'Point', coordinates: [0.5, 0.5] }, true],
    ['a point outside', { type: 'Point', coordinates: [1.5, 0.5] }, false],
    [
      'a line crossing without a vertex inside',
      {
        type: 'LineString',
        coordinates: [
          [-1, 0.5],
          [2, 0.5],
        ],
      },
      true,
    ],
    [
      'a line passing by',
      {
        type: 'LineString',
        coordinates: [
          [-1, 2],
          [2, 1.5],
        ],
      },
      false,
    ],
    [
      'a polygon around the whole view',
      { type: 'Polygon', coordinates: [square(-5, -5, 5, 5)] },
      true,
    ],
    [
      'a polygon inside the view',
      { type: 'Polygon', coordinates: [square(0.2, 0.2, 0.4, 0.4)] },
      true,
    ],
    [
      'the view inside a polygon’s hole',
      { type: 'Polygon', coordinates: [square(-5, -5, 5, 5), square(-1, -1, 2, 2)] },
      false,
    ],
    [
      // An L whose bounding box holds the view though its area does not.
      'an L-shape around the view’s corner',
      {
        type: 'Polygon',
        coordinates: [
          [
            [-2, -2],
            [3, -2],
            [3, -1],
            [-1, -1],
            [-1, 3],
            [-2, 3],
            [-2, -2],
          ],
        ],
      },
      false,
    ],
  ])('%s', (_, geometry, expected) => {
    expect(geometryMeetsBox(geometry, view)).toBe(expected);
    if (expected) expect(boxesIntersect(geometryBox(geometry) ?? view, view)).toBe(true);
  });
});

describe('plan features in a view box', () => {
  const parsed = parseCatalogue(JSON.parse(readFileSync(join(GEODATA, 'catalogue.json'), 'utf8')));
  if (!parsed.ok) throw new Error('catalogue');
  const collections: PlanFeatureCollection[] = parsed.catalogue.layers.map(
    (layer) =>
      validatePlanLayer(
        JSON.parse(readFileSync(join(GEODATA, layer.data), 'utf8')),
        layer.id,
        layer.data,
      ).collection,
  );

  it('gives the same ids as testing every feature of the embedded layers', () => {
    const lon = fc.double({ min: 105, max: 110.5, noNaN: true });
    const lat = fc.double({ min: 28, max: 32.5, noNaN: true });
    const span = fc.double({ min: 0.001, max: 3, noNaN: true });
    const indexes = collections.map((collection) => planFeaturesInBox(collection));
    let found = 0;
    fc.assert(
      fc.property(lon, lat, span, span, (x, y, w, h) => {
        const view: Box = { minX: x, minY: y, maxX: x + w, maxY: y + h };
        collections.forEach((collection, i) => {
          const brute = collection.features
            .filter((feature) => geometryMeetsBox(feature.geometry, view))
            .map((feature) => feature.properties.id)
            .sort();
          const ids = indexes[i]?.idsIn(view) ?? [];
          found += ids.length;
          expect(ids).toEqual(brute);
        });
      }),
      { numRuns: 200 },
    );
    expect(found).toBeGreaterThan(0);
  });
});
