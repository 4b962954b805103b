/**
 * The independent points an estimated position rests on, and the rule that its radius covers them.
 *
 * An estimated point is only as good as the sources behind it. When those sources disagree — the
 * two township-seat sources (GeoNames and AMap 2016) 6 km apart for 铁山, a township's seat and its
 * communities, the project's estimate and the township its own place file names — the point's
 * `uncertainty_m` must be at least the distance to the farthest of them, or the map claims a
 * precision no source supports. The rule, applied by every layer builder through {@link fitRadius}:
 *
 *   uncertainty_m = max(stated radius, farthest anchor distance rounded up to 100 m)
 *
 * The anchors are written into the feature (`position_anchors`), so `data:check` can verify the
 * committed files on their own (see `check-geodata.ts`) and the panel can show what a position
 * rests on.
 */
import { distance, point } from '@turf/turf';
import type { Position } from 'geojson';
import type { PositionAnchorRecord } from '../../src/core/plan/plan-feature.ts';
import type { RawInputs, TownshipPoint } from './raw-inputs.ts';
import { townshipEn } from './township-en.ts';
import { uncertaintyPhrase } from './uncertainty-phrase.ts';

/** Fewest community points whose mean stands for where a township's people live. */
const MIN_COMMUNITIES = 3;

/** Tolerance for 5-decimal rounding of the point and the anchors (≈ 1.1 m each). */
export const ANCHOR_TOLERANCE_M = 3;

/** A radius is widened to whole hundreds of metres. */
const ROUND_TO_M = 100;

function metres(a: Position, b: Position): number {
  return distance(point(a), point(b), { units: 'meters' });
}

function round5(x: number): number {
  return Math.round(x * 1e5) / 1e5;
}

/** An anchor with its position rounded as the output rounds coordinates. */
export function anchor(position: Position, zh: string, en: string): PositionAnchorRecord {
  return {
    lon: round5(position[0] ?? NaN),
    lat: round5(position[1] ?? NaN),
    label_zh: zh,
    label_en: en,
  };
}

/**
 * The independent points of a township: its GeoNames and AMap 2016 seats (either may be missing)
 * and, when it has at least three, the mean of its community points (AMap 2016).
 */
export function townshipAnchors(
  t: TownshipPoint,
  inputs: Pick<RawInputs, 'villagePoints'>,
): PositionAnchorRecord[] {
  const out: PositionAnchorRecord[] = [];
  const en = townshipEn(t.name);
  if (t.geonames)
    out.push(anchor(t.geonames, `${t.name}驻地（GeoNames）`, `${en} seat (GeoNames)`));
  if (t.amap) out.push(anchor(t.amap, `${t.name}驻地（高德2016）`, `${en} seat (AMap 2016)`));
  const communities = inputs.villagePoints.filter((v) => v.townshipCode === t.code);
  if (communities.length >= MIN_COMMUNITIES) {
    const n = communities.length;
    const mean: Position = [
      communities.reduce((s, v) => s + v.lon, 0) / n,
      communities.reduce((s, v) => s + v.lat, 0) / n,
    ];
    out.push(
      anchor(
        mean,
        `${t.name}${String(n)}个社区点位的均值（高德2016）`,
        `mean of ${String(n)} community points of ${en} (AMap 2016)`,
      ),
    );
  }
  return out;
}

/** The farthest anchor from `position`, with its distance; null when there are none. */
export function farthestAnchor(
  position: Position,
  anchors: readonly PositionAnchorRecord[],
): { readonly anchor: PositionAnchorRecord; readonly metres: number } | null {
  let best: { anchor: PositionAnchorRecord; metres: number } | null = null;
  for (const a of anchors) {
    const d = metres(position, [a.lon, a.lat]);
    if (best === null || d > best.metres) best = { anchor: a, metres: d };
  }
  return best;
}

/** A radius fitted to the anchors, with the sentence the position note carries when it grew. */
export interface FittedRadius {
  readonly uncertaintyM: number;
  /** The stated radius, when the anchors made it larger; null otherwise. */
  readonly widenedFromM: number | null;
  /** Appended to the notes; empty when the radius was not widened. */
  readonly noteZh: string;
  readonly noteEn: string;
}

/**
 * The radius a point at `position` must state: at least `statedM`, and at least the distance to
 * its farthest anchor rounded up to {@link ROUND_TO_M}.
 */
export function fitRadius(
  position: Position,
  statedM: number,
  anchors: readonly PositionAnchorRecord[],
): FittedRadius {
  const far = farthestAnchor(position, anchors);
  if (far === null || far.metres <= statedM)
    return { uncertaintyM: statedM, widenedFromM: null, noteZh: '', noteEn: '' };
  const uncertaintyM = Math.ceil((far.metres + ANCHOR_TOLERANCE_M) / ROUND_TO_M) * ROUND_TO_M;
  const from = uncertaintyPhrase(statedM);
  const dist = uncertaintyPhrase(Math.round(far.metres / 10) * 10);
  return {
    uncertaintyM,
    widenedFromM: statedM,
    noteZh: `所依据的${far.anchor.label_zh}距此${dist.zh.replace(/^约/u, '')}，超出原定误差（${from.zh}），故误差按其放宽。`,
    noteEn: ` The ${far.anchor.label_en} it rests on lies ${dist.en.replace(/^about /u, '')} away, beyond the estimate's own radius (${from.en}), so the radius is widened to cover it.`,
  };
}
