/**
 * A point at a district's urban core (see `urban-cores.ts`), placed inside the district, with a
 * radius that covers the core's anchor (the GeoNames county seat) and the words the notes need.
 * Shared by every layer that puts a feature at an urban core, so they all state the same radius
 * for the same core.
 */
import type { Point } from 'geojson';
import type { PositionAnchorRecord } from '../../src/core/plan/plan-feature.ts';
import type { BuildContext } from './build-context.ts';
import { describeUrbanCore } from './describe-urban-core.ts';
import type { DistrictRecord } from './district-index.ts';
import { locatePoint } from './locate-point.ts';
import { fitRadius } from './position-anchors.ts';
import { uncertaintyPhrase } from './uncertainty-phrase.ts';

export interface UrbanCorePoint {
  readonly geometry: Point;
  readonly uncertaintyM: number;
  readonly anchors: readonly PositionAnchorRecord[];
  /** How the core was derived, e.g. 由城区街道驻地点位均值推算. */
  readonly how: { readonly zh: string; readonly en: string };
  /** The fitted radius in words, e.g. 约3公里 / about 3 km. */
  readonly phrase: { readonly zh: string; readonly en: string };
  /** Appended after the note's own sentences: the widening and the move into the district. */
  readonly tailZh: string;
  readonly tailEn: string;
}

/** The urban core of `d` as a point with at least `statedM` of uncertainty. */
export function urbanCorePoint(
  ctx: BuildContext,
  d: DistrictRecord,
  statedM: number,
): UrbanCorePoint {
  const core = ctx.urbanCores.get(d.adcode);
  if (!core) throw new Error(`no urban core for ${d.planName}`);
  const located = locatePoint(ctx, core.position, d.adcode);
  const fit = fitRadius(located.geometry.coordinates, statedM, core.anchors);
  return {
    geometry: located.geometry,
    uncertaintyM: fit.uncertaintyM,
    anchors: core.anchors,
    how: describeUrbanCore(core),
    phrase: uncertaintyPhrase(fit.uncertaintyM),
    tailZh: fit.noteZh + located.noteZh,
    tailEn: fit.noteEn + located.noteEn,
  };
}
