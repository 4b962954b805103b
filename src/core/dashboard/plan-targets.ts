/**
 * Plan targets set beside what the atlas maps, computed from the loaded features (never typed in
 * by hand): how many of the nodes, zones and 商圈 the plan counts this atlas has placed, and how
 * many of those placements rest on a survey or a named source. A placement is not progress: the
 * atlas draws what the plan names, so "placed 5 of 5" says nothing about what has been built.
 */
import type { LocalizedText } from '../catalogue/catalogue.ts';
import type { Certainty, PlanFeature } from '../plan/plan-feature.ts';

/** A count the plan sets, as printed in it. @see geodata/raw/plan-catalogue/rules.csv */
export interface PlanCountTarget {
  readonly id: string;
  readonly title: LocalizedText;
  readonly planRef: string;
  /** Which features count towards it. */
  readonly matches: (feature: PlanFeature) => boolean;
  readonly target: number;
  /**
   * What one counts: a mapped feature (cold-chain nodes: one catalogue row stands for a whole
   * tier), or a catalogue entry (a zone mapped in two parts, such as 两路寸滩综合保税区, is one).
   */
  readonly countBy: 'feature' | 'catalogue-entry';
}

/** 专栏6 (5 tier-1, 20 tier-2 cold-chain nodes) and 专栏12 (6 + 2 bonded zones, 2 B-type centres). */
export const PLAN_COUNT_TARGETS: readonly PlanCountTarget[] = [
  {
    id: 'cold-chain-tier-1',
    title: { zh: '一级冷链物流节点', en: 'Tier-1 cold-chain nodes' },
    planRef: '专栏6',
    matches: (feature) =>
      feature.properties.category === 'cold-chain-node' && feature.properties.tier === 1,
    target: 5,
    countBy: 'feature',
  },
  {
    id: 'cold-chain-tier-2',
    title: { zh: '二级冷链物流节点', en: 'Tier-2 cold-chain nodes' },
    planRef: '专栏6',
    matches: (feature) =>
      feature.properties.category === 'cold-chain-node' && feature.properties.tier === 2,
    target: 20,
    countBy: 'feature',
  },
  {
    id: 'bonded-zones-existing',
    title: { zh: '综合保税区（现有）', en: 'Comprehensive bonded zones (existing)' },
    planRef: '专栏12',
    matches: (feature) => feature.properties.category === 'bonded-zone',
    target: 6,
    countBy: 'catalogue-entry',
  },
  {
    id: 'bonded-zones-proposed',
    title: { zh: '综合保税区（争取增设）', en: 'Comprehensive bonded zones (to be sought)' },
    planRef: '专栏12; 第五章第一节',
    matches: (feature) => feature.properties.category === 'bonded-zone-proposed',
    target: 2,
    countBy: 'catalogue-entry',
  },
  {
    id: 'bonded-logistics-centres',
    title: { zh: '保税物流中心（B型）', en: 'Type-B bonded logistics centres' },
    planRef: '专栏12',
    matches: (feature) => feature.properties.category === 'bonded-logistics-center',
    target: 2,
    countBy: 'catalogue-entry',
  },
];

/** How many of a card's placements rest on each kind of evidence (counted as the card counts). */
export type CertaintyCounts = Readonly<Record<Certainty, number>>;

/** A target and what the map holds of it: placements by evidence, and the plan's own status. */
export interface CountCard {
  readonly id: string;
  readonly title: LocalizedText;
  readonly planRef: string;
  /** Placed on this map by the atlas, whatever the evidence. Not a measure of progress. */
  readonly mapped: number;
  readonly target: number;
  /** Of the mapped ones (counted the same way), how many are at schematic or estimated positions. */
  readonly approximate: number;
  /** The mapped ones by the certainty of their position. */
  readonly byCertainty: CertaintyCounts;
  /**
   * Of the mapped ones, how many the plan text itself says exist already (status `existing`, or
   * `upgrade`: an existing place to be raised). The plan's word, not a survey.
   */
  readonly existingPerPlan: number;
}

function certaintyCounts(
  features: readonly PlanFeature[],
  count: (list: readonly PlanFeature[]) => number,
): CertaintyCounts {
  const of = (certainty: Certainty) =>
    count(features.filter((feature) => feature.properties.certainty === certainty));
  return {
    surveyed: of('surveyed'),
    sourced: of('sourced'),
    estimated: of('estimated'),
    schematic: of('schematic'),
  };
}

/** Counts, for each target, the features that meet it. */
export function countCards(
  features: readonly PlanFeature[],
  targets: readonly PlanCountTarget[] = PLAN_COUNT_TARGETS,
): CountCard[] {
  return targets.map((target) => {
    const matching = features.filter((feature) => target.matches(feature));
    const count = (list: readonly PlanFeature[]) =>
      target.countBy === 'feature'
        ? list.length
        : new Set(list.map((feature) => feature.properties.catalogue_id)).size;
    const mapped = count(matching);
    return {
      id: target.id,
      title: target.title,
      planRef: target.planRef,
      mapped,
      target: target.target,
      approximate: count(
        matching.filter(
          (feature) =>
            feature.properties.certainty === 'estimated' ||
            feature.properties.certainty === 'schematic',
        ),
      ),
      byCertainty: certaintyCounts(matching, count),
      existingPerPlan: count(
        matching.filter(
          (feature) =>
            feature.properties.status === 'existing' || feature.properties.status === 'upgrade',
        ),
      ),
    };
  });
}

/** The district-level rule of 专栏3: one backbone 商圈 in each 区县 outside the 中心城区. */
export interface BackboneCard {
  readonly planRef: string;
  /** 区县 outside the 中心城区, by Chinese name, each with whether a backbone 商圈 is mapped there. */
  readonly districts: readonly {
    readonly adcode: number;
    readonly name: LocalizedText;
    readonly hasBackbone: boolean;
  }[];
  /** 区县 where the atlas has placed a backbone 商圈 (any evidence). Not a measure of progress. */
  readonly withBackbone: number;
  /** The placed backbone 商圈 by the certainty of their position. */
  readonly byCertainty: CertaintyCounts;
}

/** Sub-region name the districts layer gives the 中心城区 (Central Urban Area). */
export const CENTRAL_URBAN_AREA_ZH = '中心城区';
export const BACKBONE_CATEGORY = 'business-district-county';

function subregionOf(feature: PlanFeature): unknown {
  return (feature.properties as unknown as Readonly<Record<string, unknown>>)['subregion_zh'];
}

/**
 * Which 区县 outside the 中心城区 have a backbone 商圈 on the map. Districts are the features of
 * category `district`; one is outside when its `subregion_zh` is not 中心城区.
 */
export function backboneCard(features: readonly PlanFeature[]): BackboneCard {
  const withBackbone = new Set(
    features
      .filter((feature) => feature.properties.category === BACKBONE_CATEGORY)
      .map((feature) => feature.properties.district_adcode),
  );
  const districts = features
    .filter(
      (feature) =>
        feature.properties.category === 'district' &&
        feature.properties.district_adcode !== null &&
        subregionOf(feature) !== CENTRAL_URBAN_AREA_ZH,
    )
    .map((feature) => ({
      adcode: feature.properties.district_adcode ?? 0,
      name: { zh: feature.properties.name_zh, en: feature.properties.name_en },
      hasBackbone: withBackbone.has(feature.properties.district_adcode),
    }))
    .sort((a, b) => a.adcode - b.adcode);
  const placed = features.filter((feature) => feature.properties.category === BACKBONE_CATEGORY);
  return {
    planRef: '专栏3',
    districts,
    withBackbone: districts.filter((district) => district.hasBackbone).length,
    byCertainty: certaintyCounts(placed, (list) => list.length),
  };
}
