/**
 * 乡镇街道 areas for the coverage tables, approximated: no open 乡镇 boundaries exist, so each
 * demand unit belongs to the 乡镇街道 whose seat (geodata/gazetteer/) is nearest to it among the
 * seats of its own 区县 — the Voronoi cell of the seat within the 区县, the same approximation the
 * address placement's uncertainty rule uses. Residents are the population model's (or the imported
 * population's). 乡镇街道 without a known seat get no area (their residents count with a
 * neighbour); units in no 区县, or in a 区县 without seats, belong to none.
 */
import { haversineMeters } from '../geo/haversine';
import type { Gazetteer } from '../import/gazetteer';
import { NO_DISTRICT, type Demand } from '../population/demand';

export interface TownshipArea {
  /** The 乡镇街道 code of the gazetteer (统计用区划代码, 9 digits). */
  readonly code: string;
  readonly name: string;
  readonly adcode: number;
  readonly district_zh: string;
}

export interface TownshipAreas {
  readonly townships: readonly TownshipArea[];
  /** Index into {@link townships} for each demand unit, or -1. */
  readonly unitTownship: Int32Array;
  /** How the areas were made, for the report. */
  readonly note: { readonly zh: string; readonly en: string };
}

export const TOWNSHIP_AREA_NOTE = {
  zh: '乡镇街道范围为近似：无公开的乡镇界线，按人口模型的每个网格单元归入其区县内最近的乡镇街道驻地（驻地的泰森多边形）；无驻地坐标的乡镇街道不单列。',
  en: '乡镇街道 areas are approximate: no open township boundaries exist, so each cell of the population model is given to the nearest 乡镇街道 seat within its 区县 (the seat’s Voronoi cell); townships without a known seat are not listed.',
} as const;

/** Assigns every unit of the demand to the nearest township seat of its 区县. */
export function townshipAreas(demand: Demand, gazetteer: Gazetteer): TownshipAreas {
  const districtIndex = new Map(demand.districts.map((district, d) => [district.adcode, d]));
  const seats: { lon: number; lat: number; township: number }[][] = demand.districts.map(() => []);
  const townships: TownshipArea[] = [];
  for (const [code, name, g, lon, lat] of gazetteer.townships) {
    const adcode = gazetteer.districts[g]?.adcode;
    const d = adcode === undefined ? undefined : districtIndex.get(adcode);
    if (d === undefined || lon === null || lat === null) continue;
    seats[d]?.push({ lon, lat, township: townships.length });
    townships.push({
      code,
      name,
      adcode: adcode ?? 0,
      district_zh: demand.districts[d]?.name_zh ?? '',
    });
  }
  const unitTownship = new Int32Array(demand.lon.length).fill(-1);
  for (let unit = 0; unit < demand.lon.length; unit += 1) {
    const d = demand.district[unit] ?? NO_DISTRICT;
    if (d === NO_DISTRICT) continue;
    const lon = demand.lon[unit] ?? 0;
    const lat = demand.lat[unit] ?? 0;
    let best = -1;
    let bestDistance = Infinity;
    for (const seat of seats[d] ?? []) {
      const distance = haversineMeters(lon, lat, seat.lon, seat.lat);
      if (distance < bestDistance) {
        bestDistance = distance;
        best = seat.township;
      }
    }
    unitTownship[unit] = best;
  }
  return { townships, unitTownship, note: { ...TOWNSHIP_AREA_NOTE } };
}
