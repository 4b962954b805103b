import { describe, expect, it } from 'vitest';
import { haversineMeters } from '../../src/core/geo/haversine.ts';
import { pathLengthMeters } from '../../src/core/geo/path-length.ts';

describe('pathLengthMeters', () => {
  it('is 0 for fewer than two points', () => {
    expect(pathLengthMeters([])).toBe(0);
    expect(pathLengthMeters([[106.5, 29.5]])).toBe(0);
  });

  it('adds the great-circle legs in order', () => {
    const a = [106.5, 29.5] as const;
    const b = [106.6, 29.5] as const;
    const c = [106.6, 29.6] as const;
    const legs = haversineMeters(...a, ...b) + haversineMeters(...b, ...c);
    expect(pathLengthMeters([a, b, c])).toBeCloseTo(legs, 6);
    // One degree of latitude on the atlas's sphere: 111,195 m.
    expect(
      pathLengthMeters([
        [106, 29],
        [106, 30],
      ]),
    ).toBeCloseTo(111_195, -1);
  });
});
