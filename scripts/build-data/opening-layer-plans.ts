/**
 * The opening-up layers of 第五章 and 第七章: national development zones (专栏10) and the areas
 * pushed to become national high-tech zones, service-trade bases (专栏11), foreign-trade bases and
 * import-promotion zones (专栏12), and the free trade zone with its three areas.
 *
 * A designation the plan gives to a whole 区县 (“巴南区（摩托车及零部件）”, “推动铜梁…创建国家级
 * 高新区”) is drawn as that district's polygon, so no site is invented. Designations of 两江新区 and
 * 重庆高新区, which have no open boundary, are points at a representative place with a radius as
 * wide as the area.
 */
import type { LayerPlan } from './build-catalogue-layer.ts';
import type { FeatureSpec, PointSpec } from './place-spec.ts';

/** 两江新区: about 1,200 km² across 江北、渝北、北碚; drawn at 人和 (its administrative centre). */
const LIANGJIANG: PointSpec = {
  kind: 'township',
  townships: ['人和街道'],
  county: '渝北区',
  uncertaintyM: 15000,
  why: {
    zh: '代表点：两江新区跨江北、渝北、北碚约1200平方公里，本项目无其边界数据，以其管理机构所在的人和一带代表（项目估计，无实测资料）',
    en: 'Representative point: Liangjiang New Area spans about 1,200 km² of Jiangbei, Yubei and Beibei and the project has no boundary for it, so the Renhe area, where it is administered from, stands in (the project’s estimate; no survey)',
  },
};

/** 重庆高新区: drawn at 西永 in 沙坪坝 (the core of its directly administered area). */
const GAOXIN: PointSpec = {
  kind: 'township',
  townships: ['西永街道'],
  county: '沙坪坝区',
  uncertaintyM: 12000,
  why: {
    zh: '代表点：重庆高新区直管园跨沙坪坝、九龙坡，本项目无其边界数据，以西永一带代表（项目估计，无实测资料）',
    en: 'Representative point: the directly administered area of the Chongqing High-tech Zone spans Shapingba and Jiulongpo and the project has no boundary for it, so the Xiyong area stands in (the project’s estimate; no survey)',
  },
};

/** 重庆经开区 (南岸区, 茶园 area), as recalled by the project. */
const CHONGQING_ETDZ: PointSpec = {
  kind: 'memory',
  position: [106.64, 29.5],
  uncertaintyM: 4000,
  what: { zh: '南岸区茶园一带', en: 'the Chayuan area of Nan’an' },
};

const DISTRICT_DESIGNATION = {
  zh: '称号授予区县（或其园区），规划未给出具体范围。',
  en: 'The designation is given to the district (or a park in it); the plan gives no narrower extent.',
} as const;

/** 专栏10 and 第五章第一节. */
const DEVELOPMENT_ZONES: Readonly<Record<string, FeatureSpec>> = {
  'etdz-chongqing-jingkaiqu': CHONGQING_ETDZ,
  'etdz-wanzhou-jingkaiqu': { kind: 'approx', approxId: 'bz_wanzhou' },
  'etdz-changshou-jingkaiqu': {
    kind: 'township',
    townships: ['晏家街道'],
    uncertaintyM: 4000,
  },
  ...Object.fromEntries(
    ['tongliang', 'tongnan', 'fuling', 'dazu', 'hechuan', 'nanchuan', 'qijiang-wansheng'].map(
      (slug): [string, FeatureSpec] => [
        `htz-proposed-${slug}`,
        {
          kind: 'districts',
          certainty: 'sourced',
          note: DISTRICT_DESIGNATION,
          quote: {
            words: '推动铜梁、潼南、涪陵、大足、合川、南川、綦江一万盛等创建国家级高新区',
            after: '第五章第一节',
          },
        },
      ],
    ),
  ),
};

/** 专栏11 服务贸易发展重点平台. */
const SERVICE_TRADE: Readonly<Record<string, FeatureSpec>> = {
  'stbase-guoji-hezuo-yuanqu-yuzhong': {
    kind: 'districts',
    certainty: 'sourced',
    note: DISTRICT_DESIGNATION,
    quote: { words: '支持渝中区、两江新区、重庆高新区、重庆经开区创建', after: '专栏11' },
  },
  'stbase-guoji-hezuo-yuanqu-liangjiang': {
    ...LIANGJIANG,
    quote: { words: '支持渝中区、两江新区、重庆高新区、重庆经开区创建', after: '专栏11' },
  },
  'stbase-guoji-hezuo-yuanqu-gaoxin': {
    ...GAOXIN,
    quote: { words: '支持渝中区、两江新区、重庆高新区、重庆经开区创建', after: '专栏11' },
  },
  'stbase-guoji-hezuo-yuanqu-jingkai': {
    ...CHONGQING_ETDZ,
    quote: { words: '支持渝中区、两江新区、重庆高新区、重庆经开区创建', after: '专栏11' },
  },
  'stbase-xiyong-duiwai-wenhua': { kind: 'township', townships: ['西永街道'], uncertaintyM: 2500 },
  'stbase-yuzhong-duiwai-wenhua': { kind: 'urban-core', uncertaintyM: 2000 },
  'stbase-liangjiang-guoji-shujugang': LIANGJIANG,
  'stbase-yubei-xiantao-shujugu': {
    kind: 'memory',
    position: [106.6, 29.68],
    uncertaintyM: 3000,
    what: {
      zh: '渝北区仙桃街道一带（该街道在两种乡镇点位数据中均无点位）',
      en: 'the Xiantao subdistrict of Yubei (which has no point in either township source)',
    },
  },
  'stbase-banan-gonglu-wuliu-jidi': { kind: 'approx', approxId: 'mk_nanpeng' },
  'stbase-chongqing-yungu': { kind: 'urban-core', uncertaintyM: 5000 },
};

/** 专栏12 外贸转型升级基地 and 进口贸易促进创新示范区. */
const FOREIGN_TRADE_BASES: Readonly<Record<string, FeatureSpec>> = {
  'ftbase-liangjiang-qiche': LIANGJIANG,
  ...Object.fromEntries(
    [
      'ftbase-banan-motuoche',
      'ftbase-changshou-xiyao',
      'ftbase-fuling-chuanbo-zhacai',
      'ftbase-fengdu-niurou-zhacai',
      'ftbase-tongnan-ningmeng',
      'ftbase-bishan-qiche',
      'ftbase-jiulongpo-youse-jinshu',
      'ftbase-rongchang-fangzhi',
      'ftbase-beibei-yiqi-yibiao',
    ].map((id): [string, FeatureSpec] => [
      id,
      { kind: 'districts', certainty: 'sourced', note: DISTRICT_DESIGNATION },
    ]),
  ),
  'ftbase-gaoxin-shengwu-yiyao': GAOXIN,
  'import-zone-liangjiang': {
    ...LIANGJIANG,
    quote: { words: '支持两江新区、重庆高新区积极创建进口贸易促进创新示范区', after: '专栏12' },
  },
  'import-zone-gaoxin': {
    ...GAOXIN,
    quote: { words: '支持两江新区、重庆高新区积极创建进口贸易促进创新示范区', after: '专栏12' },
  },
};

/** 第七章: the Chongqing FTZ, its three areas, and the Sichuan–Chongqing FTZ demonstration zone. */
const FREE_TRADE_ZONE: Readonly<Record<string, FeatureSpec>> = {
  'ftz-chongqing': {
    kind: 'circles',
    members: ['ftz-liangjiang-pianqu', 'ftz-xiyong-pianqu', 'ftz-guoyuangang-pianqu'],
    quote: { words: '持续深化自贸试验区改革创新', after: '第七章' },
  },
  'ftz-liangjiang-pianqu': {
    kind: 'approx',
    approxId: 'bz_lianglu_cuntan_airport',
    minUncertaintyM: 8000,
    quote: { words: '推动两江片区着力打造', after: '第七章第二节' },
  },
  'ftz-xiyong-pianqu': {
    kind: 'approx',
    approxId: 'bz_xiyong',
    minUncertaintyM: 4000,
    quote: { words: '推动西永片区、两路寸滩综合保税区打造', after: '第七章第二节' },
  },
  'ftz-guoyuangang-pianqu': {
    kind: 'approx',
    approxId: 'mk_yuzui',
    quote: { words: '推动果园港片区打造多式联运国际物流转运中心', after: '第七章第二节' },
  },
  'coop-chuanyu-ftz-xietong-kaifang': {
    kind: 'circles',
    members: ['ftz-liangjiang-pianqu', 'ftz-xiyong-pianqu', 'ftz-guoyuangang-pianqu'],
    quote: { words: '共建川渝自贸试验区协同开放示范区', after: '第八章第二节' },
  },
};

/** The opening-up layers, in catalogue order. */
export const openingLayerPlans: readonly LayerPlan[] = [
  {
    layer: 'development-zones',
    categories: ['national-etdz', 'high-tech-zone-proposed'],
    specs: DEVELOPMENT_ZONES,
  },
  {
    layer: 'service-trade',
    categories: ['service-trade-base', 'service-trade-platform'],
    specs: SERVICE_TRADE,
  },
  {
    layer: 'foreign-trade-bases',
    categories: ['foreign-trade-base', 'import-promotion-zone'],
    specs: FOREIGN_TRADE_BASES,
  },
  {
    layer: 'free-trade-zone',
    categories: ['ftz-area'],
    rows: ['coop-chuanyu-ftz-xietong-kaifang'],
    specs: FREE_TRADE_ZONE,
  },
];
