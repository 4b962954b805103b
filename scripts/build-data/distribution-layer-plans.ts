/**
 * The market, distribution and supply layers of 第四章 and 第九章: the 渝东北 / 渝东南 market groups
 * (专栏7), agricultural wholesale markets (专栏9), logistics hubs and corridors, and the e-commerce
 * parks of 专栏18. (The emergency reserve centres of 专栏8 are a schematic scenario with their own
 * builder.)
 *
 * Market groups and their 区县 nodes are district polygons (`sourced`: the plan's membership).
 * Most wholesale markets are named without an address; they sit at the urban core of their 区县
 * with a wide radius unless the plan names a township or a place the project's data holds.
 */
import type { LayerPlan } from './build-catalogue-layer.ts';
import type { FeatureSpec, PointSpec } from './place-spec.ts';

/** A market somewhere in or near its county town: the urban core, about 5 km. */
const NEAR_COUNTY_TOWN: PointSpec = { kind: 'urban-core', uncertaintyM: 5000 };

/** 专栏7 渝东北 / 渝东南 market groups, their sub-clusters and corridor, and the 区县 nodes. */
function marketGroupSpecs(): Record<string, FeatureSpec> {
  const specs: Record<string, FeatureSpec> = {
    'market-group-zhucheng-dushiqu': {
      kind: 'region',
      region: '主城都市区',
      certainty: 'sourced',
      quote: { words: '主城都市区市场群', after: '专栏7' },
    },
    'market-group-yudongbei': {
      kind: 'region',
      region: '渝东北三峡库区城镇群',
      certainty: 'sourced',
      quote: { words: '渝东北三峡库区市场群', after: '专栏7' },
    },
    'market-group-ydb-yitihua-shifanqu': {
      kind: 'districts',
      certainty: 'sourced',
      quote: { words: '建设渝东北商品交易市场一体化发展示范区', after: '专栏7' },
    },
    'market-group-yuchuanshaner': {
      kind: 'districts',
      certainty: 'sourced',
      note: {
        zh: '仅绘重庆境内的奉节、巫溪、巫山、城口；川、陕、鄂部分不在本图范围内。',
        en: 'Only the Chongqing members Fengjie, Wuxi, Wushan and Chengkou; the Sichuan, Shaanxi and Hubei parts are outside this map.',
      },
      quote: { words: '形成渝川陕鄂跨区域商品交易市场集群', after: '专栏7' },
    },
    'market-group-yudongnan': {
      kind: 'region',
      region: '渝东南武陵山区城镇群',
      certainty: 'sourced',
      quote: { words: '渝东南武陵山区市场群', after: '专栏7' },
    },
    'market-group-yuxiangqiane': {
      kind: 'region',
      region: '渝东南武陵山区城镇群',
      certainty: 'schematic',
      note: {
        zh: '联动格局无边界，以其重庆一侧的渝东南武陵山区城镇群示意；湘、黔、鄂部分不在本图范围内。',
        en: 'A linkage pattern has no boundary; its Chongqing side, the southeast (Wuling) cluster, stands in; the Hunan, Guizhou and Hubei parts are outside this map.',
      },
      quote: { words: '形成渝湘黔鄂商品交易市场联动发展格局', after: '专栏7' },
    },
    'market-group-qyx-zoulang': {
      kind: 'through',
      cores: ['黔江区', '酉阳县', '秀山县'],
      what: { zh: '商品消费走廊', en: 'the commodity consumption corridor' },
      quote: { words: '加快黔江、酉阳、秀山商品消费走廊建设', after: '专栏7' },
    },
  };
  const nodes = [
    'wanzhou',
    'kaizhou',
    'yunyang',
    'dianjiang',
    'liangping',
    'fengdu',
    'zhongxian',
    'fengjie',
    'wuxi',
    'wushan',
    'chengkou',
    'qianjiang',
    'youyang',
    'xiushan',
    'wulong',
    'pengshui',
    'shizhu',
  ];
  for (const slug of nodes) {
    specs[`market-node-${slug}`] = {
      kind: 'districts',
      certainty: 'sourced',
      note: {
        zh: '规划按区县布局市场，未给出市场具体位置。',
        en: 'The plan lays out markets by district and county and gives no market sites.',
      },
    };
  }
  return specs;
}

/** 专栏9 主城都市区农产品批发市场布局. */
const AGRI_WHOLESALE_MARKETS: Readonly<Record<string, FeatureSpec>> = {
  'agri-l1-jiangjin-shuangfu': {
    kind: 'township',
    townships: ['双福街道'],
    uncertaintyM: 2000,
    quote: { words: '提档升级江津重庆双福国际农贸城', after: '专栏9' },
  },
  'agri-l1-changshou-dongbu': {
    kind: 'urban-core',
    uncertaintyM: 6000,
    quote: { words: '建设培育长寿区重庆东部国际农产品交易中心', after: '专栏9' },
  },
  'agri-l2-jiulongpo-huazhi-xianghe': { kind: 'urban-core', uncertaintyM: 8000 },
  'agri-l2-yubei-hailing-linkong': {
    kind: 'township',
    townships: ['双凤桥街道'],
    uncertaintyM: 3000,
  },
  'agri-l2-zhongnonglian-hechuan': NEAR_COUNTY_TOWN,
  'agri-l2-yongchuan-jizhihui': NEAR_COUNTY_TOWN,
  'agri-l2-qijiang-yuqian-nongbocheng': NEAR_COUNTY_TOWN,
  'agri-l2-bishan-xianhuo-zhongzhuanzhan': NEAR_COUNTY_TOWN,
  'agri-l2-nanchuan-fenglv': NEAR_COUNTY_TOWN,
  'agri-l2-tongliang-jiemin': NEAR_COUNTY_TOWN,
  'agri-l2-tongnan-shucai': NEAR_COUNTY_TOWN,
  'agri-l2-rongchang-nongfu-chanpin': NEAR_COUNTY_TOWN,
  'agri-planned-jiangbei-yuzui': { kind: 'approx', approxId: 'mk_yuzui' },
  'agri-planned-beibei-beibei': { kind: 'urban-core', uncertaintyM: 3000 },
  'agri-planned-banan-gonglu-wuliu-jidi': { kind: 'approx', approxId: 'mk_nanpeng' },
  'agri-planned-fuling-xinchengqu': { kind: 'urban-core', uncertaintyM: 4000 },
  'agri-planned-dazu-longgang-jiedao': {
    kind: 'township',
    townships: ['龙岗街道'],
    uncertaintyM: 1500,
  },
  'agri-planned-wansheng-neilu-wushuigang': {
    kind: 'township',
    townships: ['万盛街道'],
    county: '綦江区',
    uncertaintyM: 5000,
  },
};

/** Logistics hubs (专栏15, 第五章) and the transport corridors the plan names (专栏7, 第五章, 第八章). */
const LOGISTICS_HUBS: Readonly<Record<string, FeatureSpec>> = {
  'loghub-wansheng-neilu-wushuigang': {
    kind: 'township',
    townships: ['万盛街道'],
    county: '綦江区',
    uncertaintyM: 5000,
    quote: { words: '万盛经开区重点建设重庆（万盛）内陆无水港', after: '专栏15' },
  },
  'corridor-changjiang-huangjin-shuidao': {
    kind: 'river',
    river: '长江',
    quote: { words: '持续推动长江黄金水道航道整治', after: '第五章第一节' },
  },
  'corridor-zhengwan-gaotie': {
    kind: 'through',
    cores: ['万州区', '云阳县', '奉节县', '巫山县'],
    what: {
      zh: '重庆境内经万州、云阳、奉节、巫山（项目对线路走向的理解，无线路数据）',
      en: 'within Chongqing by way of Wanzhou, Yunyang, Fengjie and Wushan (the project’s reading of the route; no line data)',
    },
    quote: { words: '利用长江黄金水道、郑万高铁等通道', after: '第八章第一节' },
  },
  'corridor-raocheng-gaosu': {
    kind: 'expressway-ring',
    ring: 'raocheng',
    quote: { words: '强化主城都市区绕城高速公路区域', after: '专栏7' },
  },
  'corridor-sanhuan-gaosu': {
    kind: 'expressway-ring',
    ring: 'sanhuan',
    quote: { words: '提升三环高速公路区域', after: '专栏7' },
  },
};

/** 专栏18 电子商务载体项目. */
const ECOMMERCE_PROJECTS: Readonly<Record<string, FeatureSpec>> = {
  'ecom-yuzhong-shuzi-shangwu-chanyeyuan': { kind: 'urban-core', uncertaintyM: 2000 },
  'ecom-xiushan-wuling-xiandai-wuliuyuan': {
    kind: 'township',
    townships: ['乌杨街道'],
    uncertaintyM: 3000,
  },
};

/** The market and distribution layers built from specs, in catalogue order. */
export const distributionLayerPlans: readonly LayerPlan[] = [
  {
    layer: 'regional-market-groups',
    categories: ['regional-market-group', 'regional-market-node'],
    specs: marketGroupSpecs(),
  },
  {
    layer: 'agri-wholesale-markets',
    categories: [
      'agri-wholesale-market-l1',
      'agri-wholesale-market-l2',
      'agri-wholesale-market-planned',
    ],
    specs: AGRI_WHOLESALE_MARKETS,
  },
  {
    layer: 'logistics-hubs',
    categories: ['logistics-hub', 'transport-corridor'],
    specs: LOGISTICS_HUBS,
  },
  { layer: 'ecommerce-projects', categories: ['ecommerce-project'], specs: ECOMMERCE_PROJECTS },
];
