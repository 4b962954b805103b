// @vitest-environment node
import { booleanPointInPolygon } from '@turf/turf';
import fc from 'fast-check';
import type { MultiPolygon, Polygon } from 'geojson';
import { describe, expect, it } from 'vitest';
import { createPolygonLocator } from '../../../src/core/geo/polygon-locator.ts';

const square: Polygon = {
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
      [1, 2],
      [2, 2],
      [2, 1],
      [1, 1],
    ],
  ],
};
const islands: MultiPolygon = {
  type: 'MultiPolygon',
  coordinates: [
    [
      [
        [10, 0],
        [11, 0],
        [10.5, 1],
        [10, 0],
      ],
    ],
    [
      [
        [12, 0],
        [13, 0],
        [13, 1],
        [12, 0],
      ],
    ],
  ],
};

describe('createPolygonLocator', () => {
  const locator = createPolygonLocator([square, islands]);

  it('finds the polygon containing a point, respecting holes and multipolygon parts', () => {
    expect(locator.locate(3, 3)).toBe(0);
    expect(locator.locate(1.5, 1.5)).toBe(-1);
    expect(locator.locate(10.5, 0.5)).toBe(1);
    expect(locator.locate(12.9, 0.5)).toBe(1);
    expect(locator.locate(12.1, 0.9)).toBe(-1);
    expect(locator.locate(20, 20)).toBe(-1);
  });

  it('agrees with Turf away from the edges', () => {
    fc.assert(
      fc.property(
        fc.double({ min: -1, max: 14, noNaN: true }),
        fc.double({ min: -1, max: 5, noNaN: true }),
        (x, y) => {
          const inSquare = booleanPointInPolygon([x, y], square, { ignoreBoundary: true });
          const inIslands = booleanPointInPolygon([x, y], islands, { ignoreBoundary: true });
          const onEdge =
            booleanPointInPolygon([x, y], square) !== inSquare ||
            booleanPointInPolygon([x, y], islands) !== inIslands;
          if (onEdge) return;
          expect(locator.locate(x, y)).toBe(inSquare ? 0 : inIslands ? 1 : -1);
        },
      ),
    );
  });
});
