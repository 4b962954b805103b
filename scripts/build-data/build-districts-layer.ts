/**
 * Layer `districts`: the 38 区县 polygons (CTAmap 2021 via tudigong), tied to the plan catalogue.
 *
 * The district polygons are open data with a named source, so certainty is `sourced`. The census
 * columns ride along (district layer only) because the app shows them in the district popup and the
 * cold-chain scenario is derived from them.
 */
import type { PlanFeature } from '../../src/core/plan/plan-feature.ts';
import type { BuildContext } from './build-context.ts';
import { makePlanFeature } from './make-plan-feature.ts';

const DISTRICTS_LAYER = 'districts';

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
