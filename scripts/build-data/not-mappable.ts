/**
 * `geodata/not-mappable.json`: the catalogue entities the atlas does not draw, each with the reason.
 *
 * Every row of `entities.csv` must be either drawn (some feature's `catalogue_id`, or an event
 * attached to its venue) or listed here; the build and `data:check` fail otherwise. Listing is a
 * decision, written down per entity: the reasons are the plan's own silence (no site, no count),
 * a place outside Chongqing, or something that is not a place (an online platform, a city-wide
 * designation, a type of depot).
 */
import type { PlanFeature } from '../../src/core/plan/plan-feature.ts';
import type { PlanCatalogue } from './plan-catalogue.ts';
import type { BilingualText } from './place-spec.ts';
import type { CatalogueRow } from './raw-inputs.ts';

const EVENT_WITHOUT_VENUE: BilingualText = {
  zh: '重点展会是活动而非地点；规划未写明举办场馆，本项目也没有可靠的固定场馆信息。',
  en: 'A key event, not a place; the plan names no venue and the project has no reliable fixed venue for it.',
};

const OUTSIDE_CHONGQING: BilingualText = {
  zh: '位于重庆市域以外、跨数个地级单位的合作地区；本图只有相邻省份的省界，其范围无数据可画（有地名点的四川城市见“川渝合作的区外地区”图层）。',
  en: 'A partner region outside Chongqing spanning several prefectures; the map has only the neighbouring provinces’ outlines and no data for its extent (Sichuan cities with a place point are in the “Partner places outside Chongqing” layer).',
};

const NETWORK_TIER: BilingualText = {
  zh: '规划只提出这一层级的网点，既无选址，也没有可据以示意的数量（仅城市末端取送点与乡镇、村级服务站合计500个）。',
  en: 'The plan names this tier of outlets without sites or a count to lay out (only the 500 last-mile points and township/village stations together are counted).',
};

const DEPOT_TYPE: BilingualText = {
  zh: '储备库的类型，规划未给出数量和位置。',
  en: 'A type of reserve depot; the plan gives neither a number nor a place.',
};

const NO_SITE: BilingualText = {
  zh: '规划未指明位置，本项目也没有可靠的位置信息。',
  en: 'The plan gives no location and the project has no reliable one.',
};

const CITY_WIDE: BilingualText = {
  zh: '覆盖全市的称号或平台，没有单独的范围可画（其地图即重庆市界）。',
  en: 'A city-wide designation or platform with no footprint of its own (its map would be the whole municipality).',
};

const INTERNATIONAL_ROUTE: BilingualText = {
  zh: '国际物流通道，线路主要在重庆境外，本项目没有铁路或通道线路数据。',
  en: 'An international trade route running mostly outside Chongqing; the project has no rail or corridor line data.',
};

/** Catalogue id → why it is not drawn. */
const NOT_MAPPABLE: Readonly<Record<string, BilingualText>> = {
  'ped-lijing-tuishui-shifanjie': {
    zh: '规划只提出“建设离境退税示范街”，未指明哪条街道。',
    en: 'The plan only says a departure-tax-refund demonstration street will be built, not which street.',
  },
  'event-luhai-xintongdao-luntan': EVENT_WITHOUT_VENUE,
  'event-shijie-sheji-dahui': EVENT_WITHOUT_VENUE,
  'event-zhongxin-jinrong-fenghui': EVENT_WITHOUT_VENUE,
  'event-ydyl-luhai-liandong-luntan': EVENT_WITHOUT_VENUE,
  'event-xibu-lvyou-bolanhui': EVENT_WITHOUT_VENUE,
  'event-xibu-dongman-wenhuajie': EVENT_WITHOUT_VENUE,
  'event-shizhang-guwentuan': EVENT_WITHOUT_VENUE,
  'event-chuangtou-dahui': EVENT_WITHOUT_VENUE,
  'event-yingcai-dahui': EVENT_WITHOUT_VENUE,
  'event-shizhu-kangyang-dahui': {
    zh: '在石柱县举办的展会；规划未写明场馆，石柱县也没有规划所列的会展场馆可挂接。',
    en: 'An event held in Shizhu County; the plan names no venue, and none of the plan’s venues is in Shizhu.',
  },
  'lognet-fenbo-gonggong-peisong-zhongxin': NETWORK_TIER,
  'lognet-moduan-qusongdian-kuaidi-fuwuzhan': NETWORK_TIER,
  'lognet-xianyu-wuliu-peisong-zhongxin': NETWORK_TIER,
  'lognet-xiangzhen-peisong-jiedian': NETWORK_TIER,
  'lognet-cunji-gonggong-fuwudian': NETWORK_TIER,
  'lognet-disanfang-cangpei-tuoguan': NETWORK_TIER,
  'lognet-dianshang-moduan-qusongdian': NETWORK_TIER,
  'lognet-dianshang-kuaidi-fuwuzhan': NETWORK_TIER,
  'coldchain-jijuqu': {
    zh: '规划只提出“打造冷链物流集聚区”，未指明位置和数量。',
    en: 'The plan only says cold-chain logistics clusters will be built, with no place or number.',
  },
  'loghub-guoji-duoshi-lianyun-zhongxin': {
    zh: '规划第五章未指明位置（第七章另提出果园港片区打造多式联运国际物流转运中心，但未说明二者为同一设施）。',
    en: 'Chapter 5 gives no location (chapter 7 has the Guoyuan Port area build a multimodal transfer centre, but does not say it is the same facility).',
  },
  'loghub-changjiang-shangyou-hangyun-zhongxin': CITY_WIDE,
  'loghub-wuling-gongtong-peisong-zhongxin': NO_SITE,
  'corridor-xibu-luhai-xintongdao': INTERNATIONAL_ROUTE,
  'corridor-zhongou-banlie-chengyu': INTERNATIONAL_ROUTE,
  'corridor-yumane-banlie': INTERNATIONAL_ROUTE,
  'emergency-depot-shucai': DEPOT_TYPE,
  'emergency-depot-zhurou': DEPOT_TYPE,
  'emergency-depot-shitang': DEPOT_TYPE,
  'emergency-depot-fangbian-shipin': DEPOT_TYPE,
  'emergency-depot-yingji-yongpin': DEPOT_TYPE,
  'emergency-depot-yingji-gongju': DEPOT_TYPE,
  'platform-zhongxin-hulian-hutong': CITY_WIDE,
  'ftbase-proposed-types': {
    zh: '规划提出积极创建的基地类型，未指明所在区县。',
    en: 'Types of base the plan means to apply for, without saying where.',
  },
  'stbase-national-duiwai-wenhua': NO_SITE,
  'stbase-national-zhongyiyao': NO_SITE,
  'stbase-national-shuzi-fuwu': NO_SITE,
  'stbase-zhongxin-zhongyiyao': NO_SITE,
  'stplatform-xibu-jiance-renzheng': NO_SITE,
  'stplatform-xiyong-wenhua-xianshang': {
    zh: '线上公共服务平台，不是实体地点。',
    en: 'An online public service platform, not a physical place.',
  },
  'export-base-quanqiu-zhacai': {
    zh: '规划未指明位置（专栏12中涪陵区、丰都县的外贸转型升级基地均含榨菜，已在地图上）。',
    en: 'No location in the plan (the foreign-trade bases of Fuling and Fengdu in box 12, both covering zhacai, are on the map).',
  },
  'export-base-yudongnan-nongchanpin': NO_SITE,
  'ecom-chongqing-wangshang-chanyeyuan': {
    zh: '规划未注明所在区县，本项目也没有可靠的位置信息。',
    en: 'The plan gives no district and the project has no reliable location for it.',
  },
  'ecom-kuajing-dianshang-zongshiqu': CITY_WIDE,
  'csc-wuling-minzu-wenhua-chuangyi': NO_SITE,
  'csc-quyu-gongyong-pinpai': NO_SITE,
  'csc-ydyl-jinchukou-jisan': NO_SITE,
  'ext-qianbei-diqu': OUTSIDE_CHONGQING,
  'ext-shannan-exi-diqu': OUTSIDE_CHONGQING,
  'ext-xiangxi-exi-qiandongbei-diqu': OUTSIDE_CHONGQING,
  'ext-guanzhong-pingyuan': OUTSIDE_CHONGQING,
  'ext-dianzhong': OUTSIDE_CHONGQING,
  'ext-qianzhong': OUTSIDE_CHONGQING,
};

/** `geometry_hint` values of entities that have a place on Earth (catalogue README §1.2). */
export const PLACE_HINTS: readonly string[] = [
  'point',
  'line',
  'polygon',
  'area-of-several-districts',
];

/** Required share of place entities that must be drawn. */
export const MIN_MAPPED_SHARE = 0.95;

/** One entry of not-mappable.json. */
export interface NotMappableEntry {
  readonly id: string;
  readonly name_zh: string;
  readonly name_en: string;
  readonly category: string;
  readonly plan_ref: string;
  readonly geometry_hint: string;
  readonly reason_zh: string;
  readonly reason_en: string;
}

/** How much of the catalogue the map covers. */
export interface Coverage {
  /** Entities with a place hint (point, line, polygon, area). */
  readonly placeEntities: number;
  readonly placeEntitiesMapped: number;
  /** placeEntitiesMapped / placeEntities, rounded to 0.1 %. */
  readonly placePercent: number;
  readonly entities: number;
  readonly mapped: number;
  readonly notMappable: number;
}

/** Catalogue ids a set of features draws: their `catalogue_id`s and attached `event_ids`. */
export function mappedCatalogueIds(features: readonly PlanFeature[]): Set<string> {
  const ids = new Set<string>();
  for (const f of features) {
    ids.add(f.properties.catalogue_id);
    for (const e of f.properties.event_ids ?? []) ids.add(e);
  }
  return ids;
}

/** Coverage figures of `mapped` over the catalogue, and the share of place entities drawn. */
export function coverageOf(
  rows: readonly CatalogueRow[],
  mapped: ReadonlySet<string>,
  listed: number,
): Coverage {
  const place = rows.filter((r) => PLACE_HINTS.includes(r.geometry_hint));
  const placeMapped = place.filter((r) => mapped.has(r.id)).length;
  return {
    placeEntities: place.length,
    placeEntitiesMapped: placeMapped,
    placePercent: Math.round((1000 * placeMapped) / Math.max(1, place.length)) / 10,
    entities: rows.length,
    mapped: rows.filter((r) => mapped.has(r.id)).length,
    notMappable: listed,
  };
}

/**
 * The not-mappable entries, in catalogue order. Throws when an entity is neither drawn nor listed,
 * or is both, or when a listed id is not in the catalogue.
 */
export function notMappableEntries(
  catalogue: PlanCatalogue,
  rows: readonly CatalogueRow[],
  mapped: ReadonlySet<string>,
): NotMappableEntry[] {
  for (const id of Object.keys(NOT_MAPPABLE)) catalogue.row(id);
  const problems: string[] = [];
  const entries: NotMappableEntry[] = [];
  for (const row of rows) {
    const reason = Object.hasOwn(NOT_MAPPABLE, row.id) ? NOT_MAPPABLE[row.id] : undefined;
    if (reason && mapped.has(row.id))
      problems.push(`${row.id} is drawn and also listed as not mappable`);
    if (!reason && !mapped.has(row.id))
      problems.push(`${row.id} (${row.name_zh}) is neither drawn nor listed as not mappable`);
    if (reason) {
      entries.push({
        id: row.id,
        name_zh: row.name_zh,
        name_en: row.name_en,
        category: row.category,
        plan_ref: row.plan_section,
        geometry_hint: row.geometry_hint,
        reason_zh: reason.zh,
        reason_en: reason.en,
      });
    }
  }
  if (problems.length > 0) throw new Error(`catalogue coverage:\n  ${problems.join('\n  ')}`);
  return entries;
}

/** The text of not-mappable.json: header, coverage figures, then one entry per line. */
export function serializeNotMappable(
  entries: readonly NotMappableEntry[],
  coverage: Coverage,
): string {
  const header = {
    version: 1,
    description:
      'Entities of geodata/raw/plan-catalogue/entities.csv that the atlas does not draw, with the reason. Every other entity is drawn by some feature (catalogue_id) or attached to one (event_ids).',
    coverage: {
      place_hints: PLACE_HINTS,
      place_entities: coverage.placeEntities,
      place_entities_mapped: coverage.placeEntitiesMapped,
      place_percent: coverage.placePercent,
      min_place_percent: MIN_MAPPED_SHARE * 100,
      entities: coverage.entities,
      entities_mapped: coverage.mapped,
      entities_not_mappable: coverage.notMappable,
    },
  };
  const head = JSON.stringify(header).slice(0, -1);
  const lines = entries.map((e) => JSON.stringify(e));
  return `${head},"entities":[\n${lines.join(',\n')}\n]}\n`;
}
