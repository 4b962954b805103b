/**
 * Points from the project's APPROX place list (SOURCES.md §8: estimated from memory, not surveyed).
 *
 * The uncertainty and the wording come from that file, so the map never claims more precision than
 * the estimate has: a place anchored on two estimates (寸滩—鱼嘴) is put at their midpoint with a
 * radius that covers both, and the four bonded zones flagged LOW CONFIDENCE say so.
 */
import { distance, point } from '@turf/turf';
import type { Point, Position } from 'geojson';
import type { DistrictAdcode } from '../../src/core/plan/plan-feature.ts';
import type { BuildContext } from './build-context.ts';
import { locatePoint } from './locate-point.ts';
import type { ApproxPlace } from './raw-inputs.ts';
import { romanize } from './romanize.ts';
import { meanPosition } from './township-position.ts';
import { uncertaintyPhrase } from './uncertainty-phrase.ts';

export interface PointEstimate {
  readonly geometry: Point;
  readonly uncertaintyM: number;
  readonly noteZh: string;
  readonly noteEn: string;
  readonly movedM: number;
}

function approx(ctx: BuildContext, id: string): ApproxPlace {
  const place = ctx.inputs.approxPlaces.find((p) => p.properties.id === id);
  if (!place) throw new Error(`APPROX places have no ${id}`);
  return place;
}

/** Strips the APPROX file's half-width parenthetical, e.g. 九龙(杨家坪) → 九龙. */
function baseName(name: string): string {
  return name.replace(/\(.*\)$/, '');
}

/**
 * Estimates a point from one or more APPROX places. One place: its point and `uncertainty_km`.
 * Several: their midpoint if it lies in the district, else the first place (寸滩 for 寸滩—鱼嘴: the
 * midpoint falls in 渝北区, as 江北区 is a narrow riverside strip there); the radius is the largest
 * (distance to an anchor + that anchor's uncertainty), rounded up to 100 m, so it covers every anchor.
 */
export function estimateFromApprox(
  ctx: BuildContext,
  ids: readonly string[],
  adcode: DistrictAdcode,
): PointEstimate {
  const places = ids.map((id) => approx(ctx, id));
  const first = places[0];
  if (!first) throw new Error('estimateFromApprox needs at least one id');
  const anchors = places.map((p) => p.geometry.coordinates);
  const midpoint = meanPosition(anchors);
  const district = ctx.districts.byAdcode(adcode);
  const useMidpoint =
    places.length === 1 || ctx.districts.containing(midpoint)?.adcode === district.adcode;
  const position: Position = useMidpoint ? midpoint : first.geometry.coordinates;
  const radius = Math.max(
    ...places.map(
      (p) => distance(point(position), p, { units: 'meters' }) + p.properties.uncertainty_km * 1000,
    ),
  );
  const uncertaintyM = Math.ceil(radius / 100) * 100;
  const phrase = uncertaintyPhrase(uncertaintyM);
  const located = locatePoint(ctx, position, adcode);
  const lowConfidence = places.some((p) => p.properties.note.includes('LOW CONFIDENCE'));
  let noteZh: string;
  let noteEn: string;
  const zhNames = places.map((p) => baseName(p.properties.name));
  const enNames = zhNames.map(romanize);
  const [firstZh = '', ...restZh] = zhNames;
  const [firstEn = '', ...restEn] = enNames;
  if (places.length > 1 && useMidpoint) {
    noteZh = `取${zhNames.join('、')}项目估计点（凭记忆）的中点，未经测量；误差${phrase.zh}。`;
    noteEn = `Midpoint of the project's memory estimates for ${enNames.join(' and ')}, not surveyed; ${phrase.en} uncertain.`;
  } else if (places.length > 1) {
    noteZh = `${zhNames.join('、')}估计点的中点落在${district.planName}外，故取${firstZh}的项目估计点（凭记忆），未经测量；半径涵盖${restZh.join('、')}，误差${phrase.zh}。`;
    noteEn = `The midpoint of the ${enNames.join(' and ')} estimates falls outside ${district.nameEn}, so the project's memory estimate for ${firstEn} is used, not surveyed; the radius also covers ${restEn.join(' and ')}: ${phrase.en}.`;
  } else if (lowConfidence) {
    noteZh = `项目估计（凭记忆，低置信度），未经测量；误差${phrase.zh}。`;
    noteEn = `Low-confidence project estimate from memory, not surveyed; ${phrase.en} uncertain.`;
  } else {
    noteZh = `项目估计（凭记忆），未经测量；误差${phrase.zh}。`;
    noteEn = `Project estimate from memory, not surveyed; ${phrase.en} uncertain.`;
  }
  return {
    geometry: located.geometry,
    uncertaintyM,
    noteZh: noteZh + located.noteZh,
    noteEn: noteEn + located.noteEn,
    movedM: located.movedM,
  };
}
