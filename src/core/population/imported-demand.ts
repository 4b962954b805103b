import type { MultiPolygon, Polygon } from 'geojson';
import { createPolygonLocator } from '../geo/polygon-locator';
import { NO_DISTRICT, type Demand, type DemandDistrict, type DemandRegion } from './demand';

/** A 区县 outline, to tell which district each imported unit lies in. */
export interface DistrictShape {
  readonly adcode: number;
  readonly geometry: Polygon | MultiPolygon;
}

/** Population units from an import (raster pixels or table rows), WGS 84. */
export interface ImportedUnits {
  readonly lon: Float64Array;
  readonly lat: Float64Array;
  readonly population: Float64Array;
  readonly urban: Uint8Array;
}

/**
 * Turns imported population units into the engine's {@link Demand}: same 区县 and regions as the
 * model (so the tables by district and region keep their rows), each unit assigned to the 区县
 * whose outline contains it, or to none (counted in the city total only). Inputs are not changed.
 */
export function demandFromImport(
  units: ImportedUnits,
  districts: readonly DemandDistrict[],
  regions: readonly DemandRegion[],
  shapes: readonly DistrictShape[],
): Demand {
  const indexByAdcode = new Map(districts.map((district, index) => [district.adcode, index]));
  const usable = shapes.filter((shape) => indexByAdcode.has(shape.adcode));
  const locator = createPolygonLocator(usable.map((shape) => shape.geometry));
  const district = new Uint16Array(units.lon.length);
  for (let unit = 0; unit < units.lon.length; unit += 1) {
    const found = locator.locate(units.lon[unit] ?? Number.NaN, units.lat[unit] ?? Number.NaN);
    const shape = found >= 0 ? usable[found] : undefined;
    district[unit] =
      shape === undefined ? NO_DISTRICT : (indexByAdcode.get(shape.adcode) ?? NO_DISTRICT);
  }
  return {
    lon: units.lon,
    lat: units.lat,
    population: units.population,
    urban: units.urban,
    district,
    districts,
    regions,
  };
}
