/**
 * Final placement of an estimated point, shared by all point layers.
 *
 * Applies the hard invariant "a point lies inside the district of its `district_adcode`" through
 * {@link placeInsidePolygon} and returns the wording that the position note must carry when a point
 * had to be moved, so no move goes unrecorded in the data itself.
 */
import type { Point, Position } from 'geojson';
import type { DistrictAdcode } from '../../src/core/plan/plan-feature.ts';
import type { BuildContext } from './build-context.ts';
import { placeInsidePolygon } from './place-inside-polygon.ts';
import { round5 } from './round-geometry.ts';

export interface LocatedPoint {
  readonly geometry: Point;
  readonly movedM: number;
  /** Appended to the Chinese / English position notes; empty when the point was not moved. */
  readonly noteZh: string;
  readonly noteEn: string;
}

/**
 * Rounds the position and, when it lies outside the polygon of `adcode`, moves it inside.
 * With a null adcode (a feature spanning several districts) the point only has to lie in Chongqing.
 */
export function locatePoint(
  ctx: BuildContext,
  position: Position,
  adcode: DistrictAdcode | null,
): LocatedPoint {
  if (adcode === null) {
    const rounded: Position = [round5(position[0] ?? NaN), round5(position[1] ?? NaN)];
    if (!ctx.districts.containing(rounded))
      throw new Error(`point ${rounded.join(',')} lies outside Chongqing`);
    return { geometry: { type: 'Point', coordinates: rounded }, movedM: 0, noteZh: '', noteEn: '' };
  }
  const placed = placeInsidePolygon(position, ctx.districts.byAdcode(adcode).feature);
  if (placed.movedM === 0)
    return {
      geometry: { type: 'Point', coordinates: placed.position },
      movedM: 0,
      noteZh: '',
      noteEn: '',
    };
  return {
    geometry: { type: 'Point', coordinates: placed.position },
    movedM: placed.movedM,
    noteZh: `估计点原落在区界外，已移入区内（约${placed.movedM}米）。`,
    noteEn: ` The estimate fell outside the district and was moved about ${placed.movedM} m inside.`,
  };
}
