/**
 * Points from the project's APPROX place list (SOURCES.md §8): the project's own estimates, with no
 * survey behind them.
 *
 * The uncertainty and the wording come from that file, so the map never claims more precision than
 * the estimate has: a place anchored on two estimates (寸滩—鱼嘴) is put at their midpoint with a
 * radius that covers both, and the four bonded zones flagged LOW CONFIDENCE say so.
 *
 * The place file also names the township each place lies in. That township's seat points (GeoNames,
 * AMap 2016) are independent of the estimate, so they are anchors too: the radius grows to cover
 * them (`position-anchors.ts`). A LOW CONFIDENCE estimate farther from its named township's seat
 * than its own radius contradicts the one sourced fact about it, so the seat is used instead
 * (万州综合保税区 lay 13 km from 高峰街道, 江津综合保税区 9.6 km from 珞璜镇).
 */
import { distance, point } from '@turf/turf';
import type { Point, Position } from 'geojson';
import type { DistrictAdcode, PositionAnchorRecord } from '../../src/core/plan/plan-feature.ts';
import type { BuildContext } from './build-context.ts';
import { locatePoint } from './locate-point.ts';
import { anchor, fitRadius, townshipAnchors } from './position-anchors.ts';
import type { ApproxPlace, TownshipPoint } from './raw-inputs.ts';
import { romanize } from './romanize.ts';
import { townshipEn } from './township-en.ts';
import { meanPosition, townshipPosition } from './township-position.ts';
import { uncertaintyPhrase } from './uncertainty-phrase.ts';

export interface PointEstimate {
  readonly geometry: Point;
  readonly uncertaintyM: number;
  readonly anchors: readonly PositionAnchorRecord[];
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

function isLowConfidence(place: ApproxPlace): boolean {
  return place.properties.note.includes('LOW CONFIDENCE');
}

/** A township name without its kind, e.g. 弹子石街道 → 弹子石. */
function townshipStem(name: string): string {
  return name.replace(/(街道|土家族乡|镇|乡)$/u, '');
}

/**
 * The township the place lies in: the one the place file names, else the township of the same
 * district whose name is the place's (the parenthetical first: 九龙(杨家坪) → 杨家坪街道), else null.
 */
function namedTownship(ctx: BuildContext, place: ApproxPlace): TownshipPoint | null {
  const code = place.properties.township_code;
  if (code !== null && code !== '') {
    const t = ctx.inputs.townshipPoints.find((x) => x.code === code);
    if (!t) throw new Error(`${place.properties.id}: no township ${code}`);
    return t;
  }
  const parts = /^(.*?)\((.*)\)$/u.exec(place.properties.name);
  const names = parts ? [parts[2] ?? '', parts[1] ?? ''] : [place.properties.name];
  for (const name of names) {
    const matches = ctx.inputs.townshipPoints.filter(
      (t) => t.countyAdcode === place.properties.expected_adcode && townshipStem(t.name) === name,
    );
    if (matches.length === 1) return matches[0] ?? null;
  }
  return null;
}

/** The estimate itself and the seat points of its named township. */
export function approxAnchors(ctx: BuildContext, place: ApproxPlace): PositionAnchorRecord[] {
  const name = baseName(place.properties.name);
  const own = anchor(
    place.geometry.coordinates,
    `项目估计点“${name}”（无实测资料）`,
    `the project's estimate for ${romanize(name)} (no survey)`,
  );
  const t = namedTownship(ctx, place);
  return [own, ...(t ? townshipAnchors(t, ctx.inputs) : [])];
}

/**
 * A LOW CONFIDENCE estimate that lies beyond its own radius from its named township's seat:
 * the seat, with the township's anchors. Null when the estimate stands.
 */
export function contradictedEstimate(
  ctx: BuildContext,
  place: ApproxPlace,
): { readonly position: Position; readonly township: TownshipPoint; readonly offM: number } | null {
  if (!isLowConfidence(place)) return null;
  const t = namedTownship(ctx, place);
  const seat = t ? townshipPosition(t, ctx.inputs) : null;
  if (!t || !seat) return null;
  const offM = distance(point(seat.position), place, { units: 'meters' });
  return offM > place.properties.uncertainty_km * 1000
    ? { position: seat.position, township: t, offM }
    : null;
}

/** The note of a point moved from a contradicted estimate to its named township's seat. */
export function contradictedNote(
  t: TownshipPoint,
  offM: number,
  phrase: { readonly zh: string; readonly en: string },
): { noteZh: string; noteEn: string } {
  const off = uncertaintyPhrase(Math.round(offM / 100) * 100);
  return {
    noteZh: `置于项目地名表所记的${t.name}驻地点位（GeoNames／高德2016）：项目对该地的低置信度估计点距此${off.zh.replace(/^约/u, '')}，超出其自身误差，故不采用；具体位置未经测量，误差${phrase.zh}。`,
    noteEn: `Placed at the seat of ${townshipEn(t.name)} (township points: GeoNames / AMap 2016), the township the project's place list names for it: the project's low-confidence estimate lay ${off.en.replace(/^about /u, '')} away, beyond its own radius, and is not used; not surveyed, ${phrase.en} uncertain.`,
  };
}

/**
 * Estimates a point from one or more APPROX places. One place: its point and `uncertainty_km`.
 * Several: their midpoint if it lies in the district, else the first place (寸滩 for 寸滩—鱼嘴: the
 * midpoint falls in 渝北区, as 江北区 is a narrow riverside strip there); the radius is the largest
 * (distance to an anchor + that anchor's uncertainty), rounded up to 100 m, so it covers every anchor.
 * Either way the radius then grows to cover the named townships' seats (see the module comment).
 */
export function estimateFromApprox(
  ctx: BuildContext,
  ids: readonly string[],
  adcode: DistrictAdcode,
): PointEstimate {
  const places = ids.map((id) => approx(ctx, id));
  const first = places[0];
  if (!first) throw new Error('estimateFromApprox needs at least one id');
  const district = ctx.districts.byAdcode(adcode);
  const contradicted = places.length === 1 ? contradictedEstimate(ctx, first) : null;
  const midpoint = meanPosition(places.map((p) => p.geometry.coordinates));
  const useMidpoint =
    places.length === 1 || ctx.districts.containing(midpoint)?.adcode === district.adcode;
  const position: Position =
    contradicted?.position ?? (useMidpoint ? midpoint : first.geometry.coordinates);
  const radius = Math.max(
    ...places.map(
      (p) => distance(point(position), p, { units: 'meters' }) + p.properties.uncertainty_km * 1000,
    ),
  );
  const statedM = contradicted
    ? first.properties.uncertainty_km * 1000
    : Math.ceil(radius / 100) * 100;
  const located = locatePoint(ctx, position, adcode);
  const anchors = contradicted
    ? townshipAnchors(contradicted.township, ctx.inputs)
    : places.flatMap((p) => approxAnchors(ctx, p));
  const fit = fitRadius(located.geometry.coordinates, statedM, anchors);
  const uncertaintyM = fit.uncertaintyM;
  const phrase = uncertaintyPhrase(uncertaintyM);
  const lowConfidence = places.some(isLowConfidence);
  let noteZh: string;
  let noteEn: string;
  const zhNames = places.map((p) => baseName(p.properties.name));
  const enNames = zhNames.map(romanize);
  const [firstZh = '', ...restZh] = zhNames;
  const [firstEn = '', ...restEn] = enNames;
  if (contradicted) {
    ({ noteZh, noteEn } = contradictedNote(contradicted.township, contradicted.offM, phrase));
  } else if (places.length > 1 && useMidpoint) {
    noteZh = `取${zhNames.join('、')}项目估计点（无实测资料）的中点，未经测量；误差${phrase.zh}。`;
    noteEn = `Midpoint of the project's estimates (no survey) for ${enNames.join(' and ')}; ${phrase.en} uncertain.`;
  } else if (places.length > 1) {
    noteZh = `${zhNames.join('、')}估计点的中点落在${district.planName}外，故取${firstZh}的项目估计点（无实测资料），未经测量；半径涵盖${restZh.join('、')}，误差${phrase.zh}。`;
    noteEn = `The midpoint of the ${enNames.join(' and ')} estimates falls outside ${district.nameEn}, so the project's estimate (no survey) for ${firstEn} is used; the radius also covers ${restEn.join(' and ')}: ${phrase.en}.`;
  } else if (lowConfidence) {
    noteZh = `项目估计（无实测资料，低置信度），未经测量；误差${phrase.zh}。`;
    noteEn = `Low-confidence project estimate (no survey); ${phrase.en} uncertain.`;
  } else {
    noteZh = `项目估计（无实测资料），未经测量；误差${phrase.zh}。`;
    noteEn = `Project estimate (no survey); ${phrase.en} uncertain.`;
  }
  return {
    geometry: located.geometry,
    uncertaintyM,
    anchors,
    noteZh: noteZh + fit.noteZh + located.noteZh,
    noteEn: noteEn + fit.noteEn + located.noteEn,
    movedM: located.movedM,
  };
}
