/**
 * Layer `emergency-reserve-centres`: a schematic scenario (示意方案) for the four regional
 * emergency supply reserve centres of 专栏8.
 *
 * The plan names one centre for each of 中心城区, 主城新区, 渝东北 and 渝东南 and locates none. To
 * show what such a network could look like, the project applies a fixed rule: each centre sits at
 * the urban core of the 区县 with the most urban residents in 2020 (pop2020_census ×
 * urban_share2020_census) among those it serves. Every feature is `schematic`, says （示意） in its
 * name and has a 10 km radius: these are not planned sites. The six depot types of 专栏8 have
 * neither a number nor a place and are listed in not-mappable.json instead.
 */
import type { PlanFeature } from '../../src/core/plan/plan-feature.ts';
import { quoteFor, type BuildContext } from './build-context.ts';
import type { DistrictRecord } from './district-index.ts';
import { makePlanFeature } from './make-plan-feature.ts';
import { urbanCorePoint } from './urban-core-point.ts';

const LAYER = 'emergency-reserve-centres';
const UNCERTAINTY_M = 10000;

/** Catalogue row → which districts the centre serves (source `subregion` or `region`). */
const SERVICE_AREAS: Readonly<Record<string, (d: DistrictRecord) => boolean>> = {
  'emergency-center-zhongxin-chengqu': (d) => d.feature.properties.subregion === '中心城区',
  'emergency-center-zhucheng-xinqu': (d) => d.feature.properties.subregion === '主城新区',
  'emergency-center-yudongbei': (d) => d.feature.properties.region === '渝东北三峡库区城镇群',
  'emergency-center-yudongnan': (d) => d.feature.properties.region === '渝东南武陵山区城镇群',
};

function urbanPopulation(d: DistrictRecord): number {
  return d.feature.properties.pop2020_census * d.feature.properties.urban_share2020_census;
}

/** The four centres of the scenario. */
export function buildEmergencyReserveLayer(ctx: BuildContext): PlanFeature[] {
  return ctx.catalogue.rowsOfCategory('emergency-reserve-center').map((row) => {
    const serves = SERVICE_AREAS[row.id];
    if (!serves) throw new Error(`no service area for ${row.id}`);
    const [host] = ctx.districts.records
      .filter(serves)
      .sort((a, b) => urbanPopulation(b) - urbanPopulation(a) || a.adcode - b.adcode);
    if (!host) throw new Error(`${row.id} serves no district`);
    const core = urbanCorePoint(ctx, host, UNCERTAINTY_M);
    return makePlanFeature({
      id: row.id,
      layer: LAYER,
      row,
      nameZh: `${row.name_zh}（示意）`,
      nameEn: `${row.name_en} (schematic)`,
      geometry: core.geometry,
      districtAdcode: host.adcode,
      certainty: 'schematic',
      uncertaintyM: core.uncertaintyM,
      anchors: core.anchors,
      noteZh: `示意方案：规划未给出储备中心位置；按本项目规则置于服务范围内城镇人口最多的区县（${host.planName}）的城区中心（${core.how.zh}），非规划选址；误差${core.phrase.zh}。${core.tailZh}`,
      noteEn: `Schematic scenario: the plan locates no reserve centre; placed by this project's rule at the urban core (${core.how.en}) of the district with the most urban residents in its service area (${host.nameEn}), not a planned site; ${core.phrase.en} uncertain.${core.tailEn}`,
      quote: quoteFor(ctx, row, row.name_zh, '专栏8'),
    });
  });
}
