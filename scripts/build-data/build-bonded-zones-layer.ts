/**
 * Layer `bonded-zones`: the customs special-supervision areas of 专栏12 as points.
 *
 * Six comprehensive bonded zones (两路寸滩 as its two parts, the 寸滩 port and the 两路 airport
 * areas), two Type-B bonded logistics centres and two zones the plan seeks approval for. Existing
 * ones come from the project's APPROX estimates (four flagged LOW CONFIDENCE in SOURCES.md §8);
 * the proposed ones have no site in the plan and are placed by stated rules.
 */
import { destination } from '@turf/turf';
import type { DistrictAdcode, PlanFeature } from '../../src/core/plan/plan-feature.ts';
import { quoteFor, type BuildContext } from './build-context.ts';
import { estimateFromApprox } from './estimate-from-approx.ts';
import { locatePoint } from './locate-point.ts';
import { makePlanFeature } from './make-plan-feature.ts';
import { urbanCorePoint } from './urban-core-point.ts';

const LAYER = 'bonded-zones';

interface ApproxBonded {
  readonly id: string;
  readonly catalogueId: string;
  readonly approxId: string;
  readonly nameZh?: string;
  readonly nameEn?: string;
}

const FROM_APPROX: readonly ApproxBonded[] = [
  {
    id: 'bonded-lianglu-cuntan-port',
    catalogueId: 'bonded-lianglu-cuntan',
    approxId: 'bz_lianglu_cuntan_port',
    nameZh: '两路寸滩综合保税区（寸滩水港片）',
    nameEn: 'Lianglu–Cuntan Comprehensive Bonded Zone (Cuntan port area)',
  },
  {
    id: 'bonded-lianglu-cuntan-airport',
    catalogueId: 'bonded-lianglu-cuntan',
    approxId: 'bz_lianglu_cuntan_airport',
    nameZh: '两路寸滩综合保税区（两路空港片）',
    nameEn: 'Lianglu–Cuntan Comprehensive Bonded Zone (Lianglu airport area)',
  },
  { id: 'bonded-xiyong', catalogueId: 'bonded-xiyong', approxId: 'bz_xiyong' },
  { id: 'bonded-jiangjin', catalogueId: 'bonded-jiangjin', approxId: 'bz_jiangjin' },
  { id: 'bonded-fuling', catalogueId: 'bonded-fuling', approxId: 'bz_fuling' },
  { id: 'bonded-wanzhou', catalogueId: 'bonded-wanzhou', approxId: 'bz_wanzhou' },
  { id: 'bonded-yongchuan', catalogueId: 'bonded-yongchuan', approxId: 'bz_yongchuan' },
  {
    id: 'blc-tuanjiecun-tielu',
    catalogueId: 'blc-tuanjiecun-tielu',
    approxId: 'bl_tuanjiecun_rail_B',
  },
  { id: 'blc-nanpeng-gonglu', catalogueId: 'blc-nanpeng-gonglu', approxId: 'bl_nanpeng_road_B' },
];

/** The proposed 长寿 zone has no site: its radius is wider than an urban core's 3 km. */
const PROPOSED_CHANGSHOU_UNCERTAINTY_M = 5000;
/**
 * The proposed 重庆铁路口岸 zone is at 团结村, where the B-type centre's estimate already sits; it is
 * drawn this far east of that estimate so the two markers do not hide each other.
 */
const TIELU_OFFSET_KM = 0.8;

/** All bonded-zone points. */
export function buildBondedZonesLayer(ctx: BuildContext): PlanFeature[] {
  const features: PlanFeature[] = [];
  for (const spec of FROM_APPROX) {
    const row = ctx.catalogue.row(spec.catalogueId);
    const place = ctx.inputs.approxPlaces.find((p) => p.properties.id === spec.approxId);
    if (!place) throw new Error(`APPROX places have no ${spec.approxId}`);
    const districtAdcode = ctx.districts.byAdcode(place.properties.expected_adcode).adcode;
    if (!row.district_zh.split('、').includes(ctx.districts.byAdcode(districtAdcode).planName)) {
      throw new Error(
        `${spec.id}: APPROX district ${districtAdcode} is not among ${row.district_zh}`,
      );
    }
    const est = estimateFromApprox(ctx, [spec.approxId], districtAdcode);
    features.push(
      makePlanFeature({
        id: spec.id,
        layer: LAYER,
        row,
        ...(spec.nameZh === undefined ? {} : { nameZh: spec.nameZh }),
        ...(spec.nameEn === undefined ? {} : { nameEn: spec.nameEn }),
        geometry: est.geometry,
        districtAdcode,
        certainty: 'estimated',
        uncertaintyM: est.uncertaintyM,
        anchors: est.anchors,
        noteZh: est.noteZh,
        noteEn: est.noteEn,
        quote: quoteFor(ctx, row, row.name_zh, '专栏12'),
      }),
    );
  }

  const changshouRow = ctx.catalogue.row('bonded-proposed-changshou');
  const changshou = ctx.districts.byPlanName(changshouRow.district_zh);
  const core = urbanCorePoint(ctx, changshou, PROPOSED_CHANGSHOU_UNCERTAINTY_M);
  features.push(
    makePlanFeature({
      id: changshouRow.id,
      layer: LAYER,
      row: changshouRow,
      geometry: core.geometry,
      districtAdcode: changshou.adcode,
      certainty: 'estimated',
      uncertaintyM: core.uncertaintyM,
      anchors: core.anchors,
      noteZh: `规划未给出选址（争取增设）；置于长寿区城区中心（${core.how.zh}），未经测量；误差${core.phrase.zh}。${core.tailZh}`,
      noteEn: `The plan gives no site (approval sought); placed at the urban core of Changshou (${core.how.en}), not surveyed; ${core.phrase.en} uncertain.${core.tailEn}`,
      quote: quoteFor(ctx, changshouRow, changshouRow.name_zh, '专栏12'),
    }),
  );

  const tieluRow = ctx.catalogue.row('bonded-proposed-tielu-kouan');
  const tieluDistrict: DistrictAdcode = ctx.districts.byPlanName(tieluRow.district_zh).adcode;
  const tuanjiecun = estimateFromApprox(ctx, ['mk_tuanjiecun'], tieluDistrict);
  const shifted = destination(tuanjiecun.geometry.coordinates, TIELU_OFFSET_KM, 90, {
    units: 'kilometers',
  });
  const near = locatePoint(ctx, shifted.geometry.coordinates, tieluDistrict);
  const radius = Math.ceil((tuanjiecun.uncertaintyM + TIELU_OFFSET_KM * 1000) / 1000) * 1000;
  features.push(
    makePlanFeature({
      id: tieluRow.id,
      layer: LAYER,
      row: tieluRow,
      geometry: near.geometry,
      districtAdcode: tieluDistrict,
      certainty: 'estimated',
      uncertaintyM: radius,
      anchors: tuanjiecun.anchors,
      noteZh: `规划未给出选址（争取增设）；重庆铁路口岸在团结村，置于团结村项目估计点（无实测资料）以东${TIELU_OFFSET_KM}公里处以免与B型中心重叠；误差约${radius / 1000}公里。${near.noteZh}`,
      noteEn: `The plan gives no site (approval sought); the Chongqing railway port is at Tuanjiecun, so it is drawn ${TIELU_OFFSET_KM} km east of the project's estimate (no survey) for Tuanjiecun to keep it apart from the Type-B centre; about ${radius / 1000} km uncertain.${near.noteEn}`,
      quote: quoteFor(ctx, tieluRow, tieluRow.name_zh, '专栏12'),
    }),
  );
  return features;
}
