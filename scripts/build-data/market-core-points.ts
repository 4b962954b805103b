/**
 * The five “一核” regional market clusters of 专栏7 as points.
 *
 * Shared by the market-cluster layer and by the cold-chain scenario (whose tier-1 nodes are these
 * clusters), so both layers show exactly the same positions.
 */
import type { DistrictAdcode } from '../../src/core/plan/plan-feature.ts';
import type { BuildContext } from './build-context.ts';
import { estimateFromApprox, type PointEstimate } from './estimate-from-approx.ts';
import type { CatalogueRow } from './raw-inputs.ts';

export interface MarketCorePoint extends PointEstimate {
  readonly row: CatalogueRow;
  /** The catalogue id without `market-core-`, e.g. `cuntan-yuzui`. */
  readonly slug: string;
  readonly districtAdcode: DistrictAdcode;
}

/** Catalogue row → the APPROX places that locate it (寸滩—鱼嘴 has two anchors). */
const CORE_ANCHORS: Readonly<Record<string, readonly string[]>> = {
  'market-core-tuanjiecun': ['mk_tuanjiecun'],
  'market-core-baishiyi': ['mk_baishiyi'],
  'market-core-shuangfu': ['mk_shuangfu'],
  'market-core-nanpeng': ['mk_nanpeng'],
  'market-core-cuntan-yuzui': ['mk_cuntan', 'mk_yuzui'],
};

/** The five cluster points, in catalogue order, each in the district the catalogue gives. */
export function marketCorePoints(ctx: BuildContext): MarketCorePoint[] {
  const rows = ctx.catalogue.rowsOfCategory('market-cluster-core');
  if (rows.length !== 5) throw new Error(`expected 5 market-cluster-core rows, got ${rows.length}`);
  return rows.map((row) => {
    const anchors = CORE_ANCHORS[row.id];
    if (!anchors) throw new Error(`no APPROX anchor for ${row.id}`);
    const districtAdcode = ctx.districts.byPlanName(row.district_zh).adcode;
    return {
      ...estimateFromApprox(ctx, anchors, districtAdcode),
      row,
      slug: row.id.replace(/^market-core-/, ''),
      districtAdcode,
    };
  });
}
