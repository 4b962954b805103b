/**
 * Layer `regions`: the plan's 一区两群 (主城都市区 with 中心城区 and 主城新区; 渝东北; 渝东南).
 *
 * The polygons are the source's dissolve of the CTAmap districts by the plan's membership, so the
 * membership is the plan's and the boundaries are open data: certainty `sourced`.
 */
import type { PlanFeature } from '../../src/core/plan/plan-feature.ts';
import { quoteFor, type BuildContext } from './build-context.ts';
import { makePlanFeature } from './make-plan-feature.ts';

const REGIONS_LAYER = 'regions';

/** The source's `name` → catalogue id. Fixed, because the catalogue names are the plan's own. */
const REGION_IDS: Readonly<Record<string, string>> = {
  主城都市区: 'region-zhucheng-dushiqu',
  渝东北三峡库区城镇群: 'region-yudongbei',
  渝东南武陵山区城镇群: 'region-yudongnan',
  中心城区: 'subregion-zhongxin-chengqu',
  主城新区: 'subregion-zhucheng-xinqu',
};

/** The plan's statement of each region's role (第八章第一节, 专栏15). */
const REGION_QUOTE_ANCHORS: Readonly<Record<string, string>> = {
  'region-zhucheng-dushiqu': '发挥主城都市区在对外开放和商务发展方面的核心引擎作用',
  'region-yudongbei': '把渝东北三峡库区城镇群打造成为三峡库区商务发展重要承载地',
  'region-yudongnan': '推动渝东南武陵山区城镇群商文旅融合发展',
  'subregion-zhongxin-chengqu': '发挥中心城区在全市对外开放和商务发展中的核心带动功能',
  'subregion-zhucheng-xinqu': '提升主城新区对外开放和商务发展的综合承载力和辐射带动力',
};

/** One feature per region or sub-region polygon of the source. */
export function buildRegionsLayer(ctx: BuildContext): PlanFeature[] {
  return ctx.inputs.regions.map((region) => {
    const id = REGION_IDS[region.properties.name];
    if (!id) throw new Error(`unknown region ${region.properties.name}`);
    const row = ctx.catalogue.row(id);
    if (row.name_zh !== region.properties.name) throw new Error(`region ${id} name mismatch`);
    return makePlanFeature({
      id,
      layer: REGIONS_LAYER,
      row,
      geometry: region.geometry,
      districtAdcode: null,
      certainty: 'sourced',
      uncertaintyM: null,
      noteZh: `按规划所列${region.properties.adcodes.length}个区县，由 CTAmap 2021 区县边界合并而成。`,
      noteEn: `Dissolved from the CTAmap 2021 boundaries of the ${region.properties.adcodes.length} districts the plan lists.`,
      quote: quoteFor(ctx, row, REGION_QUOTE_ANCHORS[id] ?? row.name_zh, '第八章第一节'),
    });
  });
}
