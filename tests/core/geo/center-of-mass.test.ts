import { centerOfMass as turfCenterOfMass } from '@turf/turf';
import type { Geometry } from 'geojson';
import { describe, expect, it } from 'vitest';
import { centerOfMass } from '../../../src/core/geo/center-of-mass';
import { shippedBase, shippedCollections } from '../../fixtures';

/** Every polygon of the shipped data and base map, with turf's answer beside ours. */
function shapes(): Geometry[] {
  const base = shippedBase();
  const plan = Object.values(shippedCollections()).flatMap((collection) => collection.features);
  return [...base.neighbours.features, ...base.outline.features, ...plan]
    .map((feature) => feature.geometry)
    .filter((geometry) => geometry.type === 'Polygon' || geometry.type === 'MultiPolygon');
}

describe('centerOfMass', () => {
  it('gives what turf gives for every polygon and multipolygon the atlas labels', () => {
    const all = shapes();
    expect(all.some((geometry) => geometry.type === 'MultiPolygon')).toBe(true);
    expect(all.length).toBeGreaterThan(50);
    for (const geometry of all) {
      const [x = 0, y = 0] = centerOfMass(geometry);
      const [tx = 0, ty = 0] = turfCenterOfMass(geometry).geometry.coordinates;
      expect(Math.abs(x - tx), JSON.stringify(geometry).slice(0, 80)).toBeLessThan(1e-9);
      expect(Math.abs(y - ty)).toBeLessThan(1e-9);
    }
  });

  it('falls back to the mean of a degenerate shape’s points', () => {
    const line: Geometry = {
      type: 'MultiPoint',
      coordinates: [
        [0, 0],
        [2, 2],
      ],
    };
    expect(centerOfMass(line)).toEqual([1, 1]);
  });
});
