/**
 * Where people live, as the coverage engine reads it: one entry per demand unit (a model cell, an
 * imported table row or raster pixel), in parallel typed arrays so a million units cost a few tens
 * of megabytes and cross to a Web Worker without copying object graphs.
 *
 * The shipped population grid decodes to this shape, and so must any imported population: the
 * engine never knows which one it is given.
 */
export interface Demand {
  /** Longitude of each unit's representative point (a cell centre), WGS 84 degrees. */
  readonly lon: Float64Array;
  /** Latitude of each unit's representative point, WGS 84 degrees. */
  readonly lat: Float64Array;
  /** Residents of each unit; integers for the shipped model, any non-negative number for imports. */
  readonly population: Float64Array | Uint32Array;
  /** 1 when the unit counts as urban (城镇, the 2 km rule), 0 when rural (乡村, the 5 km rule). */
  readonly urban: Uint8Array;
  /** Index into {@link Demand.districts}, or {@link NO_DISTRICT} for a unit outside every 区县. */
  readonly district: Uint16Array;
  /** The 区县 units refer to, in index order. */
  readonly districts: readonly DemandDistrict[];
  /** The planning regions 区县 belong to (一区两群 and the two parts of 主城都市区). */
  readonly regions: readonly DemandRegion[];
}

/** A 区县 (district or county) that demand units belong to. */
export interface DemandDistrict {
  /** GB/T 2260 code, e.g. 500103 for 渝中区. */
  readonly adcode: number;
  readonly name_zh: string;
  readonly name_en: string;
  /** Indices into {@link Demand.regions} of every region containing this 区县. */
  readonly regionIndices: readonly number[];
}

/** A planning region; `id` is the plan catalogue id, e.g. `region-zhucheng-dushiqu`. */
export interface DemandRegion {
  readonly id: string;
  readonly name_zh: string;
  readonly name_en: string;
}

/** District index of a unit that lies in no listed 区县. */
export const NO_DISTRICT = 0xffff;
