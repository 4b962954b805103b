/**
 * Layer `market-clusters`: the “一核一环一片” market layout of the 主城都市区 (专栏7).
 *
 * Mixed geometry, by how much the plan actually says:
 * - 一核 and 一环 are described only by expressways (绕城高速, 三环高速), so they are schematic shapes
 *   (`schematic`), see `market-zone-shapes.ts`;
 * - 一片 and the 7 “一环” / 4 “一片” district units are named 区县, so they are district polygons
 *   (`sourced`);
 * - the five “一核” clusters are named places, the project's estimates, with no survey behind them (`estimated`).
 */
import { buffer, difference, featureCollection, intersect, rewind, union } from '@turf/turf';
import type { Feature } from 'geojson';
import type { PlanFeature } from '../../src/core/plan/plan-feature.ts';
import { quoteFor, type BuildContext } from './build-context.ts';
import { makePlanFeature } from './make-plan-feature.ts';
import { marketCorePoints } from './market-core-points.ts';
import { yiheZone, yihuanCurve } from './market-zone-shapes.ts';
import type { AreaGeometry } from './raw-inputs.ts';

const LAYER = 'market-clusters';

/** Half-width of the 一环 band either side of the curve. */
const YIHUAN_HALF_WIDTH_KM = 8;

function area(f: Feature<AreaGeometry> | null, what: string): Feature<AreaGeometry> {
  if (!f) throw new Error(`${what} produced no area`);
  return rewind(f, { reverse: false }) as Feature<AreaGeometry>;
}

/** The one district a ring/belt row names (万盛经开区 is not a 区县 and lies inside 綦江区). */
function unitDistrict(
  ctx: BuildContext,
  districtZh: string,
): ReturnType<BuildContext['districts']['byPlanName']> {
  const names = districtZh.split('、').filter((n) => n !== '万盛经开区');
  const [name] = names;
  if (names.length !== 1 || !name) throw new Error(`expected one district in ${districtZh}`);
  return ctx.districts.byPlanName(name);
}

/** All market-cluster features (zones, cores, ring and belt units). */
export function buildMarketClustersLayer(ctx: BuildContext): PlanFeature[] {
  const features: PlanFeature[] = [];
  const cores = marketCorePoints(ctx);
  for (const core of cores) {
    features.push(
      makePlanFeature({
        id: core.row.id,
        layer: LAYER,
        row: core.row,
        geometry: core.geometry,
        districtAdcode: core.districtAdcode,
        certainty: 'estimated',
        uncertaintyM: core.uncertaintyM,
        anchors: core.anchors,
        noteZh: core.noteZh,
        noteEn: core.noteEn,
        quote: quoteFor(ctx, core.row),
      }),
    );
  }

  const yihe = area(yiheZone(ctx), '一核');
  features.push(
    makePlanFeature({
      id: 'market-zone-yihe',
      layer: LAYER,
      row: ctx.catalogue.row('market-zone-yihe'),
      geometry: yihe.geometry,
      districtAdcode: null,
      certainty: 'schematic',
      uncertaintyM: null,
      noteZh: '示意：以平滑椭圆近似绕城高速以内区域，并包含五个“一核”市场集聚区；非实际线位。',
      noteEn:
        "Schematic: a smooth ellipse approximating the area inside the Ring Expressway, enclosing the five core clusters; not the road's alignment.",
      quote: ctx.plan.quote({ words: '“一核”：强化', after: '专栏7' }),
    }),
  );

  const outline = ctx.inputs.outline.features[0];
  if (!outline) throw new Error('outline has no feature');
  const curve = yihuanCurve();
  const band = area(
    buffer(curve, YIHUAN_HALF_WIDTH_KM, { units: 'kilometers', steps: 8 }) ?? null,
    '一环 buffer',
  );
  const ringOnly = area(difference(featureCollection([band, yihe])), '一环 minus 一核');
  const yihuan = area(intersect(featureCollection([ringOnly, outline])), '一环 within Chongqing');
  features.push(
    makePlanFeature({
      id: 'market-zone-yihuan',
      layer: LAYER,
      row: ctx.catalogue.row('market-zone-yihuan'),
      geometry: yihuan.geometry,
      districtAdcode: null,
      certainty: 'schematic',
      uncertaintyM: null,
      noteZh: `示意：沿三环高速大致走向（经合川、铜梁、永川、江津、綦江、南川、涪陵、长寿）两侧各约${YIHUAN_HALF_WIDTH_KM}公里的带状区域，扣除“一核”；非实际线位。`,
      noteEn: `Schematic: a band about ${YIHUAN_HALF_WIDTH_KM} km either side of the rough Third Ring Expressway route (Hechuan, Tongliang, Yongchuan, Jiangjin, Qijiang, Nanchuan, Fuling, Changshou), minus the One Core; not the road's alignment.`,
      quote: ctx.plan.quote({ words: '“一环”：提升', after: '专栏7' }),
    }),
  );

  const yipianRow = ctx.catalogue.row('market-zone-yipian');
  const yipianDistricts = yipianRow.district_zh.split('、').map((n) => ctx.districts.byPlanName(n));
  const yipian = area(
    union(featureCollection(yipianDistricts.map((d) => d.feature))),
    '一片 union',
  );
  features.push(
    makePlanFeature({
      id: yipianRow.id,
      layer: LAYER,
      row: yipianRow,
      geometry: yipian.geometry,
      districtAdcode: null,
      certainty: 'sourced',
      uncertaintyM: null,
      noteZh: `${yipianDistricts.map((d) => d.planName).join('、')}四区 CTAmap 2021 边界的合并。`,
      noteEn: `Union of the CTAmap 2021 boundaries of ${yipianDistricts.map((d) => d.nameEn).join(', ')}.`,
      quote: ctx.plan.quote({ words: '“一片”：以荣昌', after: '专栏7' }),
    }),
  );

  const unitQuotes: Readonly<Record<string, string>> = {
    'market-cluster-ring': ctx.plan.quote({ words: '重点在长寿、南川、璧山', after: '专栏7' }),
    'market-cluster-belt': ctx.plan.quote({ words: '以荣昌、大足、潼南、铜梁', after: '专栏7' }),
  };
  for (const category of ['market-cluster-ring', 'market-cluster-belt']) {
    for (const row of ctx.catalogue.rowsOfCategory(category)) {
      const d = unitDistrict(ctx, row.district_zh);
      const withWansheng = row.district_zh.includes('万盛经开区');
      features.push(
        makePlanFeature({
          id: row.id,
          layer: LAYER,
          row,
          geometry: d.feature.geometry,
          districtAdcode: d.adcode,
          certainty: 'sourced',
          uncertaintyM: null,
          noteZh: `取${d.planName}的 CTAmap 2021 边界${withWansheng ? '（含万盛经开区）' : ''}；规划未给出市场具体位置。`,
          noteEn: `The CTAmap 2021 boundary of ${d.nameEn}${withWansheng ? ' (which includes Wansheng)' : ''}; the plan gives no market sites.`,
          quote: unitQuotes[category] ?? '',
        }),
      );
    }
  }
  return features;
}
