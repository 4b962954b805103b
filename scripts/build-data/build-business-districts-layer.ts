/**
 * Layer `business-districts`: the 商圈 of 专栏3 as points.
 *
 * - 4 core and 6 key 商圈: the project's APPROX estimates (no survey behind them).
 * - 8 emerging 商圈: the seat of the township they are named after, where one exists (about 2 km);
 *   otherwise a documented project estimate (about 3 km).
 * - 29 backbone 商圈 (one per 区县 outside 中心城区): the plan names none, so each placeholder sits at
 *   its district's urban core (see `urban-cores.ts`), about 3 km.
 * All are `estimated`: none of these positions is surveyed.
 */
import type { Position } from 'geojson';
import type {
  DistrictAdcode,
  PlanFeature,
  PositionAnchorRecord,
} from '../../src/core/plan/plan-feature.ts';
import { quoteFor, type BuildContext } from './build-context.ts';
import { estimateFromApprox } from './estimate-from-approx.ts';
import { locatePoint } from './locate-point.ts';
import { makePlanFeature } from './make-plan-feature.ts';
import { anchor, fitRadius, townshipAnchors } from './position-anchors.ts';
import type { CatalogueRow, TownshipPoint } from './raw-inputs.ts';
import { romanize } from './romanize.ts';
import { meanPosition, townshipPosition } from './township-position.ts';
import { uncertaintyPhrase } from './uncertainty-phrase.ts';
import { urbanCorePoint } from './urban-core-point.ts';

const LAYER = 'business-districts';
const TOWNSHIP_UNCERTAINTY_M = 2000;
const ESTIMATE_UNCERTAINTY_M = 3000;

/** Emerging 商圈 named after a township in their district. */
const EMERGING_TOWNSHIPS: Readonly<Record<string, string>> = {
  'bd-emerging-xiyong': '西永街道',
  'bd-emerging-lijiatuo': '李家沱街道',
  'bd-emerging-lijia': '礼嘉街道',
  'bd-emerging-taojia': '陶家镇',
  'bd-emerging-caijia': '蔡家岗街道',
};

/** English label of a township, e.g. 蔡家岗街道 → `Caijiagang subdistrict (蔡家岗街道)`. */
function townshipEn(name: string): string {
  const kinds: readonly [string, string][] = [
    ['街道', 'subdistrict'],
    ['镇', 'town'],
    ['乡', 'township'],
  ];
  const kind = kinds.find(([suffix]) => name.endsWith(suffix));
  return kind
    ? `${romanize(name.slice(0, -kind[0].length))} ${kind[1]} (${name})`
    : `${romanize(name)} (${name})`;
}

function township(ctx: BuildContext, name: string, countyAdcode: number): TownshipPoint {
  const t = ctx.inputs.townshipPoints.find(
    (x) => x.name === name && x.countyAdcode === countyAdcode,
  );
  if (!t) throw new Error(`no township ${name} in ${countyAdcode}`);
  return t;
}

function seat(
  ctx: BuildContext,
  t: TownshipPoint,
): { position: Position; fromCommunities: boolean } {
  const placed = townshipPosition(t, ctx.inputs);
  if (!placed) throw new Error(`township ${t.name} has no point`);
  return placed;
}

interface EmergingEstimate {
  readonly position: Position;
  readonly uncertaintyM: number;
  readonly anchors: readonly PositionAnchorRecord[];
  /** How the position was obtained, ending before the radius sentence the caller adds. */
  readonly noteZh: string;
  readonly noteEn: string;
}

/** The three emerging 商圈 not named after a township: documented project estimates. */
function emergingEstimate(ctx: BuildContext, row: CatalogueRow): EmergingEstimate {
  switch (row.id) {
    case 'bd-emerging-jiangnan-xincheng':
      return {
        position: [106.64, 29.5],
        uncertaintyM: ESTIMATE_UNCERTAINTY_M,
        anchors: [],
        noteZh:
          '项目估计（南岸区茶园一带；无实测资料，本项目的开放数据中也没有该地点位），未经测量；',
        noteEn:
          "Project estimate (the Chayuan area of Nan'an; no survey, and the project's open data has no point for it), not surveyed;",
      };
    case 'bd-emerging-jinzhou': {
      const t = township(ctx, '人和街道', 500112);
      const renhe = seat(ctx, t);
      return {
        position: renhe.position,
        uncertaintyM: ESTIMATE_UNCERTAINTY_M,
        anchors: townshipAnchors(t, ctx.inputs),
        noteZh: '项目估计：金州商圈在渝北人和、金开大道一带，置于人和街道驻地点位，未经测量；',
        noteEn:
          'Project estimate: Jinzhou lies around Renhe and Jinkai Avenue in Yubei; placed at the Renhe subdistrict seat, not surveyed;',
      };
    }
    case 'bd-emerging-longsheng': {
      const t = township(ctx, '龙兴镇', 500112);
      const longxing = seat(ctx, t);
      // 复盛镇 (江北区) has no point in either township source: the project's estimate of its seat.
      const fusheng: Position = [106.74, 29.66];
      return {
        position: meanPosition([longxing.position, fusheng]),
        uncertaintyM: ESTIMATE_UNCERTAINTY_M,
        anchors: [
          ...townshipAnchors(t, ctx.inputs),
          anchor(
            fusheng,
            '复盛镇驻地的项目估计（无点位资料）',
            'the project’s estimate of the Fusheng seat (no point in the data)',
          ),
        ],
        noteZh:
          '项目估计：龙兴镇驻地与复盛镇（两种乡镇点位资料均无其点位，取项目估计）之间的中点，未经测量；',
        noteEn:
          'Project estimate: midway between the Longxing town seat and Fusheng (neither township source has a point for it; the project’s estimate), not surveyed;',
      };
    }
    default: {
      const name = EMERGING_TOWNSHIPS[row.id];
      if (!name) throw new Error(`no position rule for ${row.id}`);
      const t = township(ctx, name, ctx.districts.byPlanName(row.district_zh).adcode);
      const placed = seat(ctx, t);
      const anchors = townshipAnchors(t, ctx.inputs);
      return placed.fromCommunities
        ? {
            position: placed.position,
            uncertaintyM: TOWNSHIP_UNCERTAINTY_M,
            anchors,
            noteZh: `${name}无驻地点位，取其社区点位（高德2016，经 Vonng/adcode）均值；商圈范围未经测量，`,
            noteEn: `${townshipEn(name)} has no seat point, so the mean of its community points (AMap 2016 via Vonng/adcode) is used; not surveyed,`,
          }
        : {
            position: placed.position,
            uncertaintyM: TOWNSHIP_UNCERTAINTY_M,
            anchors,
            noteZh: `置于${name}驻地点位（GeoNames／高德2016）；商圈范围未经测量，`,
            noteEn: `Placed at the seat of ${townshipEn(name)} from the township points (GeoNames / AMap 2016); not surveyed,`,
          };
    }
  }
}

/** A single district for the row, or null when the catalogue lists several (e.g. 龙盛). */
function rowDistrict(ctx: BuildContext, row: CatalogueRow): DistrictAdcode | null {
  return row.district_zh.includes('、') ? null : ctx.districts.byPlanName(row.district_zh).adcode;
}

/** 区县 whose backbone 商圈 the plan singles out for redevelopment (第三章第四节). */
const KEY_COUNTY_BUSINESS_DISTRICTS = new Set(['万州区', '黔江区', '涪陵区', '江津区', '永川区']);

/** All 商圈 points: core, key, emerging and the per-district backbone placeholders. */
export function buildBusinessDistrictsLayer(ctx: BuildContext): PlanFeature[] {
  const features: PlanFeature[] = [];
  const backboneQuote = ctx.plan.quote({ words: '各升级打造1个城市骨干商圈', after: '专栏3' });
  const keyCountyQuote = ctx.plan.quote({
    words: '加快推进万州、黔江、涪陵、江津、永川等区重点城市商圈改造',
    after: '第三章第四节',
  });
  const approxBd = ctx.inputs.approxPlaces.filter((p) =>
    /^business_district_(core|key)$/.test(p.properties.category),
  );
  for (const category of ['business-district-core', 'business-district-key']) {
    for (const row of ctx.catalogue.rowsOfCategory(category)) {
      const matches = approxBd.filter(
        (p) => p.properties.name.replace(/\(.*\)$/, '') === row.name_zh,
      );
      const match = matches[0];
      if (matches.length !== 1 || !match)
        throw new Error(`${row.id}: ${matches.length} APPROX places named ${row.name_zh}`);
      const districtAdcode = ctx.districts.byPlanName(row.district_zh).adcode;
      const est = estimateFromApprox(ctx, [match.properties.id], districtAdcode);
      features.push(
        makePlanFeature({
          id: row.id,
          layer: LAYER,
          row,
          geometry: est.geometry,
          districtAdcode,
          certainty: 'estimated',
          uncertaintyM: est.uncertaintyM,
          anchors: est.anchors,
          noteZh: est.noteZh,
          noteEn: est.noteEn,
          quote: quoteFor(ctx, row, row.name_zh, '专栏3'),
        }),
      );
    }
  }
  for (const row of ctx.catalogue.rowsOfCategory('business-district-emerging')) {
    const districtAdcode = rowDistrict(ctx, row);
    const est = emergingEstimate(ctx, row);
    const located = locatePoint(ctx, est.position, districtAdcode);
    const fit = fitRadius(located.geometry.coordinates, est.uncertaintyM, est.anchors);
    const phrase = uncertaintyPhrase(fit.uncertaintyM);
    features.push(
      makePlanFeature({
        id: row.id,
        layer: LAYER,
        row,
        geometry: located.geometry,
        districtAdcode,
        certainty: 'estimated',
        uncertaintyM: fit.uncertaintyM,
        anchors: est.anchors,
        noteZh: `${est.noteZh}误差${phrase.zh}。${fit.noteZh}${located.noteZh}`,
        noteEn: `${est.noteEn} ${phrase.en} uncertain.${fit.noteEn}${located.noteEn}`,
        quote: quoteFor(ctx, row, row.name_zh, '专栏3'),
      }),
    );
  }
  for (const row of ctx.catalogue.rowsOfCategory('business-district-county')) {
    const d = ctx.districts.byPlanName(row.district_zh);
    const core = urbanCorePoint(ctx, d, ESTIMATE_UNCERTAINTY_M);
    features.push(
      makePlanFeature({
        id: row.id,
        layer: LAYER,
        row,
        nameZh: `${d.planName}${row.name_zh}`,
        geometry: core.geometry,
        districtAdcode: d.adcode,
        certainty: 'estimated',
        uncertaintyM: core.uncertaintyM,
        anchors: core.anchors,
        noteZh: `规划未点名具体商圈；置于该区县城区中心（${core.how.zh}），未经测量；误差${core.phrase.zh}。${core.tailZh}`,
        noteEn: `The plan names no site; placed at the district's urban core (${core.how.en}), not surveyed; ${core.phrase.en} uncertain.${core.tailEn}`,
        quote: KEY_COUNTY_BUSINESS_DISTRICTS.has(d.planName) ? keyCountyQuote : backboneQuote,
      }),
    );
  }
  return features;
}
