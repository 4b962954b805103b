/**
 * Layer `districts`: the 38 区县 polygons (CTAmap 2021 via tudigong), tied to the plan catalogue.
 *
 * The district polygons are open data with a named source, so certainty is `sourced`. The census
 * columns ride along (district layer only) because the app shows them in the district popup and the
 * cold-chain scenario is derived from them.
 */
import type { PlanFeature } from '../../src/core/plan/plan-feature.ts';
import type { BuildContext } from './build-context.ts';
import type { DistrictRecord } from './district-index.ts';
import { makePlanFeature } from './make-plan-feature.ts';

const DISTRICTS_LAYER = 'districts';

/**
 * The district's role statement in 专栏15–17: “渝中区重点打造…”, “黔江区建设…”, or for 城口县,
 * which the plan lists as a bloc of its own, “城口县：发挥…”.
 */
function districtQuote(ctx: BuildContext, d: DistrictRecord): string {
  const box = d.row.plan_section.split('; ')[0] ?? '';
  for (const anchor of [`${d.planName}重点`, `${d.planName}建设`, `${d.planName}：`]) {
    try {
      return ctx.plan.quote({ words: anchor, after: box });
    } catch {
      // the statement uses another verb
    }
  }
  throw new Error(`no role statement for ${d.planName} in ${box}`);
}

/** One feature per 区县, id = the district's catalogue id (e.g. `district-shizhu`). */
export function buildDistrictsLayer(ctx: BuildContext): PlanFeature[] {
  return ctx.districts.records.map((d) => {
    const p = d.feature.properties;
    return makePlanFeature({
      id: d.row.id,
      layer: DISTRICTS_LAYER,
      row: d.row,
      geometry: d.feature.geometry,
      districtAdcode: d.adcode,
      certainty: 'sourced',
      uncertaintyM: null,
      noteZh: '边界取自 CTAmap 2021 开放数据（经 tudigong），已概化，精度约50–150米。',
      noteEn: 'Boundary from CTAmap 2021 open data via tudigong, generalised to about 50–150 m.',
      quote: districtQuote(ctx, d),
      extra: {
        region_zh: p.region,
        subregion_zh: p.subregion,
        pop2020_census: p.pop2020_census,
        urban_share2020_census: p.urban_share2020_census,
        area_km2: p.area_km2,
      },
    });
  });
}
