/**
 * Layer `cold-chain-nodes`: a schematic scenario (示意方案) for 专栏6's cold-chain network.
 *
 * The plan sets targets only ("建成 5 个一级节点、20 个二级节点、N 个三级节点") and locates no node.
 * To let the map show what such a network could look like, this project applies a fixed rule:
 * - tier 1: the five “一核” regional market clusters of 专栏7 (their points);
 * - tier 2: the 20 区县 outside 中心城区 with the largest urban population in 2020
 *   (pop2020_census × urban_share2020_census), each at its urban core;
 * - tier 3: one at the urban core of every other 区县 (including the 中心城区 districts without a
 *   tier-1 node), so every 区县 has at least one node.
 * Every feature is `schematic`, says （示意） in its name, and has a 5 km radius: these are not
 * planned sites.
 */
import type { PlanFeature } from '../../src/core/plan/plan-feature.ts';
import type { BuildContext } from './build-context.ts';
import type { DistrictRecord } from './district-index.ts';
import { makePlanFeature } from './make-plan-feature.ts';
import { fitRadius } from './position-anchors.ts';
import { uncertaintyPhrase } from './uncertainty-phrase.ts';
import { urbanCorePoint } from './urban-core-point.ts';
import { marketCorePoints } from './market-core-points.ts';

const LAYER = 'cold-chain-nodes';
const UNCERTAINTY_M = 5000;
const TIER2_COUNT = 20;
const TIER_ZH = { 1: '一级', 2: '二级', 3: '三级' } as const;

function urbanPopulation(d: DistrictRecord): number {
  return d.feature.properties.pop2020_census * d.feature.properties.urban_share2020_census;
}

/** The 20 tier-2 districts: outside 中心城区, by urban population, ties by adcode. */
function tier2Districts(ctx: BuildContext): DistrictRecord[] {
  return ctx.districts.records
    .filter((d) => !d.central)
    .sort((a, b) => urbanPopulation(b) - urbanPopulation(a) || a.adcode - b.adcode)
    .slice(0, TIER2_COUNT);
}

/** All nodes of the scenario: 5 tier-1, 20 tier-2 and the tier-3 remainder. */
export function buildColdChainLayer(ctx: BuildContext): PlanFeature[] {
  const features: PlanFeature[] = [];
  const quote = ctx.plan.quote({ words: '建成5个一级节点', after: '专栏6' });
  const cores = marketCorePoints(ctx);
  for (const core of cores) {
    const fit = fitRadius(
      core.geometry.coordinates,
      Math.max(UNCERTAINTY_M, core.uncertaintyM),
      core.anchors,
    );
    const phrase = uncertaintyPhrase(fit.uncertaintyM);
    features.push(
      makePlanFeature({
        id: `cold-chain-tier1-${core.slug}`,
        layer: LAYER,
        row: ctx.catalogue.row('coldchain-tier1'),
        nameZh: `${core.row.name_zh}冷链物流一级节点（示意）`,
        nameEn: `${core.row.name_en.replace(/ Regional Market Cluster$/, '')} Cold-Chain Tier-1 Node (schematic)`,
        status: 'new-planned',
        geometry: core.geometry,
        districtAdcode: core.districtAdcode,
        certainty: 'schematic',
        uncertaintyM: fit.uncertaintyM,
        anchors: core.anchors,
        tier: 1,
        noteZh: `示意方案：规划未给出冷链节点位置；按本项目规则置于“一核”${core.row.name_zh}市场集聚区的估计点，非规划选址；误差${phrase.zh}。${fit.noteZh}`,
        noteEn: `Schematic scenario: the plan locates no cold-chain node; placed by this project's rule at the estimated One Core market cluster, not a planned site; ${phrase.en} uncertain.${fit.noteEn}`,
        quote,
      }),
    );
  }
  const tier2 = tier2Districts(ctx);
  const tier2Codes = new Set(tier2.map((d) => d.adcode));
  const tier1Codes = new Set(cores.map((c) => c.districtAdcode));
  const tier3 = ctx.districts.records.filter(
    (d) => !tier2Codes.has(d.adcode) && !tier1Codes.has(d.adcode),
  );
  const perDistrict: [2 | 3, DistrictRecord][] = [
    ...tier2.map((d): [2, DistrictRecord] => [2, d]),
    ...tier3.map((d): [3, DistrictRecord] => [3, d]),
  ];
  for (const [tier, d] of perDistrict) {
    const core = urbanCorePoint(ctx, d, UNCERTAINTY_M);
    const rule =
      tier === 2
        ? {
            zh: '中心城区外城镇人口前20位的区县',
            en: 'one of the 20 districts outside the central city with the most urban residents',
          }
        : { zh: '其余区县各一个', en: 'one in every remaining district' };
    features.push(
      makePlanFeature({
        id: `cold-chain-tier${tier}-${d.slug}`,
        layer: LAYER,
        row: ctx.catalogue.row(`coldchain-tier${tier}`),
        nameZh: `${d.planName}冷链物流${TIER_ZH[tier]}节点（示意）`,
        nameEn: `${d.nameEn} Cold-Chain Tier-${tier} Node (schematic)`,
        status: 'new-planned',
        geometry: core.geometry,
        districtAdcode: d.adcode,
        certainty: 'schematic',
        uncertaintyM: core.uncertaintyM,
        anchors: core.anchors,
        tier,
        noteZh: `示意方案：规划未给出冷链节点位置；按本项目规则（${rule.zh}）置于城区中心（${core.how.zh}），非规划选址；误差${core.phrase.zh}。${core.tailZh}`,
        noteEn: `Schematic scenario: the plan locates no cold-chain node; placed by this project's rule (${rule.en}) at the urban core (${core.how.en}), not a planned site; ${core.phrase.en} uncertain.${core.tailEn}`,
        quote,
      }),
    );
  }
  return features;
}
