import type { DemandDistrict, DemandRegion } from '../population/demand.ts';

/** Population covered out of a total. `rate` is covered / population, or null when nobody lives there. */
export interface CoverageTotals {
  readonly population: number;
  readonly covered: number;
  readonly uncovered: number;
  readonly rate: number | null;
}

/** Coverage of all, urban and rural residents of one area. */
export interface AreaCoverage extends CoverageTotals {
  readonly urban: CoverageTotals;
  readonly rural: CoverageTotals;
}

export interface DistrictCoverage extends AreaCoverage {
  readonly adcode: number;
  readonly name_zh: string;
  readonly name_en: string;
}

export interface RegionCoverage extends AreaCoverage {
  /** Plan catalogue id, e.g. `region-yudongbei` or `subregion-zhongxin-chengqu`. */
  readonly id: string;
  readonly name_zh: string;
  readonly name_en: string;
}

/** The whole picture at one rule and node set: plain data, safe to post to and from a worker. */
export interface CoverageSummary extends AreaCoverage {
  /** One entry per demand district, in the demand's district order. */
  readonly byDistrict: readonly DistrictCoverage[];
  /** One entry per demand region (一区两群, then 中心城区 and 主城新区 as the demand lists them). */
  readonly byRegion: readonly RegionCoverage[];
  /** Units that lie in no district (imported demand outside Chongqing). */
  readonly outsideDistricts: AreaCoverage;
}

/** Builds totals from a population and the covered part of it. */
export function coverageTotals(population: number, covered: number): CoverageTotals {
  return {
    population,
    covered,
    uncovered: population - covered,
    rate: population > 0 ? covered / population : null,
  };
}

function area(
  population: Float64Array,
  covered: Float64Array,
  slots: readonly number[],
): AreaCoverage {
  let urbanPopulation = 0;
  let urbanCovered = 0;
  let ruralPopulation = 0;
  let ruralCovered = 0;
  for (const d of slots) {
    ruralPopulation += population[2 * d] ?? 0;
    ruralCovered += covered[2 * d] ?? 0;
    urbanPopulation += population[2 * d + 1] ?? 0;
    urbanCovered += covered[2 * d + 1] ?? 0;
  }
  return {
    ...coverageTotals(urbanPopulation + ruralPopulation, urbanCovered + ruralCovered),
    urban: coverageTotals(urbanPopulation, urbanCovered),
    rural: coverageTotals(ruralPopulation, ruralCovered),
  };
}

/**
 * Summarises per-district sums: `population` and `covered` hold 2 entries per district (rural at
 * 2d, urban at 2d + 1), the last pair being units outside every district. O(districts); does not
 * mutate its inputs.
 */
export function coverageSummary(
  districts: readonly DemandDistrict[],
  regions: readonly DemandRegion[],
  population: Float64Array,
  covered: Float64Array,
): CoverageSummary {
  const all = districts.map((_, d) => d);
  all.push(districts.length);
  return {
    ...area(population, covered, all),
    byDistrict: districts.map((district, d) => ({
      adcode: district.adcode,
      name_zh: district.name_zh,
      name_en: district.name_en,
      ...area(population, covered, [d]),
    })),
    byRegion: regions.map((region, r) => ({
      id: region.id,
      name_zh: region.name_zh,
      name_en: region.name_en,
      ...area(
        population,
        covered,
        all.filter((d) => districts[d]?.regionIndices.includes(r) === true),
      ),
    })),
    outsideDistricts: area(population, covered, [districts.length]),
  };
}
