import { POPULATION_CENSUS_FACTOR } from '../import/limits.ts';

/** An imported population's total set against the census total the atlas uses. */
export interface CensusComparison {
  /** People in the imported source. */
  readonly importedTotal: number;
  /** The 2020 census total of the shipped grid. */
  readonly censusTotal: number;
  /** importedTotal / censusTotal (0 for an empty source). */
  readonly ratio: number;
  /** The allowed factor either way ({@link POPULATION_CENSUS_FACTOR}). */
  readonly factor: number;
  /** True when the ratio lies within [1 / factor, factor]: no override needed. */
  readonly withinFactor: boolean;
}

/**
 * Compares an imported population's total with the census total. Outside the factor (either way)
 * the source may be used only with the planner's explicit override, shown with both totals and
 * the ratio; the browser and the CLI both ask through this function.
 */
export function compareWithCensus(
  importedTotal: number,
  censusTotal: number,
  factor: number = POPULATION_CENSUS_FACTOR,
): CensusComparison {
  const ratio = censusTotal > 0 && Number.isFinite(importedTotal) ? importedTotal / censusTotal : 0;
  return {
    importedTotal,
    censusTotal,
    ratio,
    factor,
    withinFactor: ratio > 0 && ratio <= factor && ratio >= 1 / factor,
  };
}

/**
 * The ratio as the messages print it: whole above 10, four significant digits from 0.1 (so a
 * ratio just past a limit, 2.004, does not print as the limit), two below.
 */
export function formatRatio(ratio: number): string {
  if (ratio === 0) return '0';
  if (ratio >= 10) return ratio.toFixed(0);
  if (ratio >= 0.1) return ratio.toPrecision(4);
  return ratio.toPrecision(2);
}

/** The sum of a population array (its values are checked finite and bounded on import). */
export function populationTotal(population: ArrayLike<number>): number {
  let total = 0;
  for (let i = 0; i < population.length; i++) total += population[i] ?? 0;
  return total;
}
