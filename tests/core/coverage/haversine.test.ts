// @vitest-environment node
import { distance } from '@turf/turf';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EARTH_RADIUS_METERS, haversineMeters } from '../../../src/core/geo/haversine.ts';

describe('haversineMeters', () => {
  it('measures on a sphere of the mean Earth radius, 6,371,008.8 m', () => {
    expect(EARTH_RADIUS_METERS).toBe(6_371_008.8);
    expect(haversineMeters(106, 29, 106, 30)).toBeCloseTo((EARTH_RADIUS_METERS * Math.PI) / 180, 6);
    expect(haversineMeters(0, 0, 180, 0)).toBeCloseTo(EARTH_RADIUS_METERS * Math.PI, 3);
    expect(haversineMeters(106.5, 29.5, 106.5, 29.5)).toBe(0);
  });

  it('agrees with Turf (same sphere) and is symmetric', () => {
    fc.assert(
      fc.property(
        fc.double({ min: -180, max: 180, noNaN: true }),
        fc.double({ min: -89, max: 89, noNaN: true }),
        fc.double({ min: -180, max: 180, noNaN: true }),
        fc.double({ min: -89, max: 89, noNaN: true }),
        (lon1, lat1, lon2, lat2) => {
          const meters = haversineMeters(lon1, lat1, lon2, lat2);
          const turf = distance([lon1, lat1], [lon2, lat2], { units: 'meters' });
          // The arcsine form loses precision towards antipodes (centimetres at 20,000 km), which
          // no 2 km / 5 km question comes near: compare up to 15,000 km, at 1e-9 relative.
          fc.pre(turf < 15_000_000);
          expect(Math.abs(meters - turf)).toBeLessThanOrEqual(1e-9 * turf + 1e-6);
          expect(haversineMeters(lon2, lat2, lon1, lat1)).toBeCloseTo(meters, 6);
        },
      ),
    );
  });
});
