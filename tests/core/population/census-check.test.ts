import { describe, expect, it } from 'vitest';
import { POPULATION_CENSUS_FACTOR } from '../../../src/core/import/limits';
import {
  compareWithCensus,
  formatRatio,
  populationTotal,
} from '../../../src/core/population/census-check';

const CENSUS = 32_054_159;

describe('an imported population total against the census', () => {
  it('needs no override within the stated factor either way, and one beyond it', () => {
    expect(POPULATION_CENSUS_FACTOR).toBe(2);
    expect(compareWithCensus(CENSUS, CENSUS).withinFactor).toBe(true);
    expect(compareWithCensus(2 * CENSUS, CENSUS).withinFactor).toBe(true);
    expect(compareWithCensus(CENSUS / 2, CENSUS).withinFactor).toBe(true);
    expect(compareWithCensus(2 * CENSUS + 1, CENSUS)).toMatchObject({
      withinFactor: false,
      factor: 2,
    });
    expect(compareWithCensus(CENSUS / 2 - 1, CENSUS).withinFactor).toBe(false);
    // 万人 read as persons: 3,205 “people”.
    const wan = compareWithCensus(3205.4159, CENSUS);
    expect(wan.withinFactor).toBe(false);
    expect(formatRatio(wan.ratio)).toBe('0.00010');
    // Nothing, or a total that is not a number, is never within the factor.
    expect(compareWithCensus(0, CENSUS).withinFactor).toBe(false);
    expect(compareWithCensus(Number.POSITIVE_INFINITY, CENSUS).withinFactor).toBe(false);
    expect(compareWithCensus(Number.NaN, CENSUS).withinFactor).toBe(false);
  });

  it('prints the ratio with the digits that tell it apart from the limits', () => {
    expect(formatRatio(1)).toBe('1.000');
    expect(formatRatio(2.004)).toBe('2.004');
    expect(formatRatio(0.5)).toBe('0.5000');
    expect(formatRatio(0.0031)).toBe('0.0031');
    expect(formatRatio(31.2)).toBe('31');
    expect(populationTotal(Float64Array.of(1, 2.5, 3))).toBe(6.5);
  });
});
