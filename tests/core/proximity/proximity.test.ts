import { describe, expect, it } from 'vitest';
import type { PlanFeature } from '../../../src/core/plan/plan-feature';
import {
  distanceToFeature,
  featuresWithin,
  distanceMeters,
  radiusCircle,
} from '../../../src/core/proximity/proximity';

function feature(id: string, geometry: PlanFeature['geometry']): PlanFeature {
  return { type: 'Feature', geometry, properties: { id } as PlanFeature['properties'] };
}

describe('distanceMeters', () => {
  it('measures one degree of latitude as about 111.2 km and is symmetric', () => {
    expect(distanceMeters([106.5, 29.5], [106.5, 30.5])).toBeCloseTo(111_195, -1);
    expect(distanceMeters([106.5, 29.5], [107, 30])).toBeCloseTo(
      distanceMeters([107, 30], [106.5, 29.5]),
      6,
    );
    expect(distanceMeters([106.5, 29.5], [106.5, 29.5])).toBe(0);
  });
});

describe('featuresWithin', () => {
  const centre = [106.55, 29.56] as const;
  const near = feature('near', { type: 'Point', coordinates: [106.56, 29.56] });
  const far = feature('far', { type: 'Point', coordinates: [106.6, 29.56] });
  const around = feature('around', {
    type: 'Polygon',
    coordinates: [
      [
        [106.5, 29.5],
        [106.6, 29.5],
        [106.6, 29.6],
        [106.5, 29.6],
        [106.5, 29.5],
      ],
    ],
  });

  it('lists features within the radius, nearest first, polygons containing the point at 0 m', () => {
    const found = featuresWithin([far, near, around], centre, 2000);
    expect(found.map((entry) => entry.feature.properties.id)).toEqual(['around', 'near']);
    expect(found[0]?.distanceM).toBe(0);
    expect(found[1]?.distanceM).toBeCloseTo(968, -1);
  });

  it('measures a line by its nearest point', () => {
    const line = feature('line', {
      type: 'LineString',
      coordinates: [
        [106.54, 29.57],
        [106.56, 29.57],
      ],
    });
    expect(distanceToFeature(centre, line)).toBeCloseTo(1112, -1);
  });

  it('draws the circle as a closed ring at the radius', () => {
    const circle = radiusCircle(centre, 2000);
    const ring = circle.geometry.coordinates[0] ?? [];
    expect(ring[0]).toEqual(ring.at(-1));
    for (const position of ring) {
      expect(distanceMeters(centre, [position[0] ?? 0, position[1] ?? 0])).toBeCloseTo(2000, -1);
    }
  });
});
