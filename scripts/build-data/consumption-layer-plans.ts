/**
 * The consumption-space layers of 第三章 and 第四章第一节: the international consumption core
 * (专栏3), night-market streets (专栏2), the featured streets of 专栏3 with the pedestrian street,
 * exhibition venues (专栏4) and commerce–culture–tourism projects (专栏5).
 *
 * No entity here has a surveyed position in the project's data. The specs say, row by row, which
 * open-data anchor stands in: a township seat where the place is, or is named after, a township
 * (古镇 are mostly township seats); the project's APPROX points for the central places; the urban
 * core of the 区县 when the plan names only a county-town street. Radii say how far off each may be.
 */
import type { LayerPlan } from './build-catalogue-layer.ts';
import type { FeatureSpec, PointSpec } from './place-spec.ts';

/** A street or site somewhere in its county town: the urban core, about 3 km. */
const COUNTY_TOWN: PointSpec = { kind: 'urban-core', uncertaintyM: 3000 };

function township(name: string, uncertaintyM: number, county?: string): PointSpec {
  return county === undefined
    ? { kind: 'township', townships: [name], uncertaintyM }
    : { kind: 'township', townships: [name], uncertaintyM, county };
}

/** 专栏3 国际消费核心区: 中央商务区 (three 片区) and 寸滩国际新城 (一港三区 and its carriers). */
const INTERNATIONAL_CONSUMPTION_CORE: Readonly<Record<string, FeatureSpec>> = {
  'icc-guoji-xiaofei-hexinqu': {
    kind: 'circles',
    members: [
      'icc-sub-jiefangbei',
      'icc-sub-jiangbeizui',
      'icc-sub-nanbinlu-danzishi',
      'icc-cuntan-guoji-xincheng',
    ],
    quote: { words: '高水平建设国际性消费集聚区', after: '第三章第四节' },
  },
  'icc-zhongyang-shangwuqu': {
    kind: 'circles',
    members: ['icc-sub-jiefangbei', 'icc-sub-jiangbeizui', 'icc-sub-nanbinlu-danzishi'],
    quote: { words: '中央商务区：推动', after: '专栏3' },
  },
  'icc-cuntan-guoji-xincheng': {
    kind: 'approx',
    approxId: 'bd_cuntan_newtown',
    minUncertaintyM: 2000,
    quote: { words: '高水平建设寸滩国际新城', after: '第三章第四节' },
  },
  'icc-sub-jiefangbei': {
    kind: 'approx',
    approxId: 'bd_jiefangbei',
    minUncertaintyM: 800,
    quote: { words: '解放碑以提质', after: '专栏3' },
  },
  'icc-sub-jiangbeizui': {
    kind: 'approx',
    approxId: 'bd_jiangbeizui',
    minUncertaintyM: 1000,
    quote: { words: '江北嘴着力构建', after: '专栏3' },
  },
  'icc-sub-nanbinlu-danzishi': {
    kind: 'approx',
    approxId: 'bd_nanbinlu_danzishi',
    minUncertaintyM: 1000,
    quote: { words: '南滨路（弹子石）依托', after: '专栏3' },
  },
  'icc-sub-youlun-mugang': {
    kind: 'memory',
    position: [106.6, 29.618],
    uncertaintyM: 1500,
    what: {
      zh: '寸滩港一带长江北岸，寸滩国际新城的邮轮母港',
      en: 'the Cuntan port area on the north bank of the Yangtze, the cruise home port of Cuntan New City',
    },
    quote: { words: '邮轮母港片区，围绕', after: '专栏3' },
  },
  'icc-sub-baoshui-jingjiqu': {
    kind: 'approx',
    approxId: 'bz_lianglu_cuntan_port',
    quote: { words: '保税经济区，依托', after: '专栏3' },
  },
  'icc-sub-jinshan': {
    kind: 'memory',
    position: [106.625, 29.635],
    uncertaintyM: 3000,
    what: {
      zh: '寸滩国际新城范围内，具体片区位置项目未能确认；区县据寸滩国际新城推定',
      en: 'within Cuntan International New City; the project could not confirm where the sub-area lies, and the district is inferred from the new city',
    },
    district: '江北区',
    quote: { words: '金山片区，聚焦', after: '专栏3' },
  },
  'icc-sub-shuangxihe-dongfeng': {
    kind: 'memory',
    position: [106.64, 29.61],
    uncertaintyM: 2500,
    what: {
      zh: '寸滩以东的长江北岸（双溪河口、原东风船厂一带）',
      en: 'the north bank of the Yangtze east of Cuntan (the Shuangxi river mouth and the former Dongfeng shipyard)',
    },
    quote: { words: '双溪河—东风船厂功能联动区，联动', after: '专栏3' },
  },
  'icc-fac-silu-huajie': {
    kind: 'approx',
    approxId: 'bz_lianglu_cuntan_port',
    quote: { words: '依托丝路花街', after: '专栏3' },
  },
  'icc-fac-ydyl-shangwu-zhongxin': {
    kind: 'approx',
    approxId: 'bz_lianglu_cuntan_port',
    quote: { words: '“一带一路”商务中心', after: '专栏3' },
  },
  'icc-fac-shangpin-zhanshi-jiaoyi': {
    kind: 'approx',
    approxId: 'bz_lianglu_cuntan_port',
    quote: { words: '商品展示交易中心和渝货精品', after: '专栏3' },
  },
  'icc-fac-yuhuo-jingpin-chukou': {
    kind: 'approx',
    approxId: 'bz_lianglu_cuntan_port',
    quote: { words: '渝货精品及地标产品出口推广中心', after: '专栏3' },
  },
};

const RIVERBANK_OFFSET_M = 250;

/** 专栏2 特色夜市街区, the 长嘉汇 riverside roads, and 两江游 (第三章第三节). */
const NIGHT_MARKETS: Readonly<Record<string, FeatureSpec>> = {
  'night-changjiahui-binjiang-xiaofeidai': {
    kind: 'lines-of',
    members: [
      'night-changjiahui-nanbinlu',
      'night-changjiahui-beibinlu',
      'night-changjiahui-jiubinlu',
      'night-changjiahui-changbinlu',
    ],
  },
  'night-changjiahui-nanbinlu': {
    kind: 'riverbank',
    boundaryOf: '南岸区',
    from: [106.537, 29.543],
    to: [106.5765, 29.5833],
    offsetM: RIVERBANK_OFFSET_M,
    what: {
      zh: '长江南岸，约自长江大桥南桥头至弹子石',
      en: 'the south bank of the Yangtze, roughly from the Yangtze River Bridge to Danzishi',
    },
    quote: { words: '南滨路', after: '专栏2' },
  },
  'night-changjiahui-beibinlu': {
    kind: 'riverbank',
    boundaryOf: '江北区',
    from: [106.521, 29.555],
    to: [106.5849, 29.5747],
    offsetM: RIVERBANK_OFFSET_M,
    what: {
      zh: '嘉陵江北岸，约自江北嘴至石门一带',
      en: 'the north bank of the Jialing, roughly from Jiangbeizui to Shimen',
    },
    quote: { words: '北滨路', after: '专栏2' },
  },
  'night-changjiahui-jiubinlu': {
    kind: 'riverbank',
    boundaryOf: '九龙坡区',
    from: [106.5289, 29.532],
    to: [106.5362, 29.4763],
    offsetM: RIVERBANK_OFFSET_M,
    what: {
      zh: '长江西岸，约自鹅公岩至九龙滩一带',
      en: 'the west bank of the Yangtze, roughly from Egongyan to Jiulongtan',
    },
    quote: { words: '九滨路', after: '专栏2' },
  },
  'night-changjiahui-changbinlu': {
    kind: 'riverbank',
    boundaryOf: '渝中区',
    from: [106.537, 29.543],
    to: [106.5849, 29.5747],
    via: [106.5818, 29.5514],
    offsetM: RIVERBANK_OFFSET_M,
    what: {
      zh: '渝中半岛的长江岸，约自菜园坝至朝天门',
      en: 'the Yangtze bank of the Yuzhong peninsula, roughly from Caiyuanba to Chaotianmen',
    },
    quote: { words: '长滨路', after: '专栏2' },
  },
  'night-liangjiangyou': {
    kind: 'riverbank',
    boundaryOf: '渝中区',
    from: [106.537, 29.543],
    to: [106.5331, 29.5582],
    via: [106.5849, 29.5747],
    offsetM: 0,
    what: {
      zh: '绕渝中半岛的长江、嘉陵江江心线，约自菜园坝经朝天门至嘉陵江大桥一带',
      en: 'the midstream line of the Yangtze and the Jialing round the Yuzhong peninsula, roughly from Caiyuanba past Chaotianmen to the Jialing River Bridge',
    },
    quote: { words: '擦亮“两江游”', after: '第三章第三节' },
  },
  'night-qianjiang-banshan': COUNTY_TOWN,
  'night-yuzhong-jiaochangkou': {
    kind: 'memory',
    position: [106.5715, 29.5535],
    uncertaintyM: 800,
    what: { zh: '渝中区较场口一带', en: 'the Jiaochangkou area of Yuzhong' },
  },
  'night-dadukou-lijiao-lijing': township('新山村街道', 2000),
  'night-beibei-binjiang': township('朝阳街道', 2000),
  'night-jiangbei-buye-jiujie': {
    kind: 'memory',
    position: [106.535, 29.578],
    uncertaintyM: 800,
    what: { zh: '观音桥商圈一带', en: 'the Guanyinqiao business district' },
  },
  'night-jiangbei-sandongqiao': {
    kind: 'memory',
    position: [106.515, 29.578],
    uncertaintyM: 2000,
    what: {
      zh: '江北区大石坝、北滨路西段一带',
      en: 'the Dashiba and western Beibin Road area of Jiangbei',
    },
  },
  'night-yubei-jiazhou-huoli': { kind: 'approx', approxId: 'bd_jiazhou' },
  'night-banan-wanda-jinjie': {
    kind: 'approx',
    approxId: 'bd_longzhouwan',
    minUncertaintyM: 2500,
  },
  'night-daxuecheng-xijie': township('虎溪街道', 1500),
  'night-changshou-puti-guzhen': township('菩提街道', 2000),
  'night-jiangjin-shuangfu-shishanghui': township('双福街道', 2000),
  'night-yongchuan-xiexinli': COUNTY_TOWN,
  'night-nanchuan-mingrun-hebin': COUNTY_TOWN,
  'night-tongliang-longcheng-tianjie': COUNTY_TOWN,
  'night-bishan-nanmen-tangcheng': COUNTY_TOWN,
  'night-tongnan-bashu-yeyan': COUNTY_TOWN,
  'night-rongchang-changzhou-guli': township('昌州街道', 2000),
  'night-liangping-qianjie': COUNTY_TOWN,
  'night-wulong-xintiandi': COUNTY_TOWN,
  'night-fengdu-huangdu-miaohui': COUNTY_TOWN,
  'night-zhongxian-zhongzhou-gouwu-gongyuan': COUNTY_TOWN,
  'night-dianjiang-hongxing-yemaojie': COUNTY_TOWN,
  'night-fengjie-kuimen-yinxiang': COUNTY_TOWN,
  'night-xiushan-chaoyangjie': COUNTY_TOWN,
};

/** 专栏3 商业文创名街, 历史文化商业街（镇）, 艺术商业街区（镇）, 特色美食街区, and 解放碑步行街. */
const FEATURED_STREETS: Readonly<Record<string, FeatureSpec>> = {
  'ped-jiefangbei-buxingjie': {
    kind: 'approx',
    approxId: 'bd_jiefangbei',
    minUncertaintyM: 500,
    quote: { words: '解放碑步行街获评', after: '第一章第一节' },
  },
  'creative-qianjiang-zhongyang-gongyuan-shizi-jinjie': COUNTY_TOWN,
  'creative-yuzhong-baixiangjie': {
    kind: 'memory',
    position: [106.579, 29.558],
    uncertaintyM: 800,
    what: {
      zh: '渝中区望龙门、湖广会馆一带的长江岸',
      en: 'the Yangtze bank at Wanglongmen and the Huguang Guild Hall in Yuzhong',
    },
  },
  'creative-yuzhong-eling-erchang': {
    kind: 'memory',
    position: [106.532, 29.553],
    uncertaintyM: 800,
    what: { zh: '渝中区鹅岭一带', en: 'the Eling area of Yuzhong' },
  },
  'creative-yuzhong-hualongqiao': township('化龙桥街道', 1000),
  'creative-dadukou-chonggang': {
    kind: 'memory',
    position: [106.487, 29.488],
    uncertaintyM: 1500,
    what: {
      zh: '大渡口区原重钢厂区一带',
      en: 'the former Chongqing Iron and Steel works in Dadukou',
    },
  },
  'creative-jiangbei-beicang': township('观音桥街道', 2000),
  'creative-jiangbei-miaoershi': township('石马河街道', 2000),
  'creative-shapingba-tegang': township('双碑街道', 2000),
  'creative-jiulongpo-jingyu': { kind: 'urban-core', uncertaintyM: 4000 },
  'creative-jiulongpo-kangzhan-binggong': township('谢家湾街道', 1500),
  'creative-nanan-nanbinlu-wenhua-chanyeyuan': {
    kind: 'township',
    townships: ['龙门浩街道', '弹子石街道'],
    uncertaintyM: 2500,
  },
  'creative-beibei-chaoyang-wenchuang-dadao': township('朝阳街道', 1500),
  'creative-banan-daojiao-jichuang': township('李家沱街道', 2000),
  'creative-liangjiang-jinshan-yiku': township('金山街道', 3000, '渝北区'),
  'creative-yongchuan-sanhe-huibi': COUNTY_TOWN,
  'creative-nanchuan-dongjie': township('东城街道', 1500),
  'creative-qijiang-shizi-jinjie': COUNTY_TOWN,
  'creative-wansheng-xinjingji-chanyeyuan': township('万盛街道', 3000, '綦江区'),
  'creative-rongchang-xiabu-xiaozhen-sanxia-wenchuang': township('昌州街道', 2500),
  'historic-wanzhou-sanyuan-sifang': { kind: 'urban-core', uncertaintyM: 2500 },
  'historic-qianjiang-zhuoshui-guzhen': township('濯水镇', 1000),
  'historic-yuzhong-mucheng': township('解放碑街道', 1500),
  'historic-shapingba-ciqikou-houjie': township('磁器口街道', 800),
  'historic-nanan-ciyunsi-mishijie-longmenhao-danzishi': {
    kind: 'township',
    townships: ['龙门浩街道', '弹子石街道'],
    uncertaintyM: 2000,
  },
  'historic-beibei-jingangbei': township('北温泉街道', 1500),
  'historic-yubei-longxing-guzhen': township('龙兴镇', 1000),
  'historic-banan-fengsheng-guzhen': township('丰盛镇', 1000),
  'historic-jiangjin-baisha-guzhen': township('白沙镇', 1000),
  'historic-jiangjin-zhongshan-guzhen': township('中山镇', 1000),
  'historic-qijiang-dongxi-guzhen': township('东溪镇', 1000),
  'historic-dazu-tieshanzhen': township('铁山镇', 1500),
  'historic-tongliang-anju-gucheng': township('安居镇', 1000),
  'historic-tongnan-shuangjiang-guzhen': township('双江镇', 1000),
  'historic-rongchang-antao-xiaozhen': township('安富街道', 1500),
  'historic-rongchang-wanling-guzhen': township('万灵镇', 1000),
  'historic-kaizhou-wenquan-lishi-jiequ': township('温泉镇', 1000),
  'historic-kaizhou-gucheng': township('汉丰街道', 2000),
  'historic-zhongxian-sanxia-liucheng-zhongzhou-laojie': { kind: 'urban-core', uncertaintyM: 2000 },
  'historic-yunyang-yunan-guzhen': township('云安镇', 1500),
  'historic-wushan-dachang-guzhen': township('大昌镇', 1500),
  'historic-wushan-longxi-guzhen': township('龙溪镇', 1500),
  'historic-wuxi-daning-gucheng': { kind: 'urban-core', uncertaintyM: 2000 },
  'historic-wuxi-ningchang-guzhen': township('宁厂镇', 1000),
  'historic-shizhu-xituo-guzhen': township('西沱镇', 1000),
  'historic-youyang-gongtan-guzhen': township('龚滩镇', 1000),
  'historic-youyang-longtan-guzhen': township('龙潭镇', 1000),
  'historic-pengshui-yushan-guzhen': township('郁山镇', 1000),
  'art-wanzhou-nanbinlu-pinghu': COUNTY_TOWN,
  'art-jiefangbei-yishuqu': { kind: 'approx', approxId: 'bd_jiefangbei', minUncertaintyM: 1000 },
  'art-dadukou-yidu-guzhen-yinyue': { kind: 'urban-core', uncertaintyM: 4000 },
  'art-jiulong-meishu-bandao': township('黄桷坪街道', 1500),
  'art-diaoyuzui-yinyue-bandao': township('建胜镇', 2500),
  'art-guangyangdao-wenhua-jiequ': {
    kind: 'memory',
    position: [106.695, 29.578],
    uncertaintyM: 2500,
    what: { zh: '长江中的广阳岛', en: 'Guangyang Island in the Yangtze' },
  },
  'art-yongchuan-guoji-huanle-zhutijie': COUNTY_TOWN,
  'art-tongliang-longwenhua-yanyi': COUNTY_TOWN,
  'art-tongnan-foyuan-wenchuangjie': township('梓潼街道', 2000),
  'art-xiushan-weidianyingcheng': COUNTY_TOWN,
  'food-wanzhou-beibinlu': COUNTY_TOWN,
  'food-qianjiang-sanchahe': COUNTY_TOWN,
  'food-dadukou-chunhui': township('春晖路街道', 1000),
  'food-jiulongpo-panlonghui': { kind: 'urban-core', uncertaintyM: 4000 },
  'food-beibei-sanxikou': { kind: 'urban-core', uncertaintyM: 5000 },
  'food-yongchuan-changlefang': COUNTY_TOWN,
  'food-qijiang-laozihao': COUNTY_TOWN,
  'food-wansheng-guoneng-aotelaisi': township('万盛街道', 2000, '綦江区'),
  'food-rongchang-laixihe': COUNTY_TOWN,
  'food-kaizhou-binhu': township('汉丰街道', 1500),
  'food-liangping-duliang': COUNTY_TOWN,
  'food-wulong-nanbinlu': COUNTY_TOWN,
  'food-fengdu-nantianhu': township('南天湖镇', 1500),
  'food-zhongxian-zhongbo': COUNTY_TOWN,
  'food-dianjiang-mingyue': { kind: 'urban-core', uncertaintyM: 5000 },
  'food-yunyang-caiyunti': COUNTY_TOWN,
  'food-wushan-gaotang': township('高唐街道', 1000),
  'food-xiushan-huadeng': COUNTY_TOWN,
  'food-pengshui-jiulicheng': COUNTY_TOWN,
};

/** 专栏4 会展产业重点基础设施项目; events of 专栏4 are attached to the venue that hosts them. */
const EXHIBITION_VENUES: Readonly<Record<string, FeatureSpec>> = {
  'venue-chongqing-guoji-bolan-zhongxin': {
    ...township('悦来街道', 1000),
    events: [
      'event-zhibohui',
      'event-xiqiahui',
      'event-lijia-zhineng-zhuangbei',
      'event-motuoche-bolanhui',
    ],
    quote: { words: '改造提升重庆国际博览中心', after: '第四章第一节' },
  },
  'venue-chongqing-guoji-huiyi-zhanlan-zhongxin': {
    kind: 'approx',
    approxId: 'bd_nanping',
    minUncertaintyM: 1000,
    quote: { words: '改造提升重庆国际博览中心', after: '第四章第一节' },
  },
  'venue-yuelai-guoji-huizhancheng': {
    ...township('悦来街道', 2000),
    quote: { words: '依托悦来会展城', after: '第四章第一节' },
  },
  'venue-guangyangdao-guoji-huiyi-zhongxin': {
    kind: 'memory',
    position: [106.695, 29.578],
    uncertaintyM: 2500,
    what: { zh: '长江中的广阳岛', en: 'Guangyang Island in the Yangtze' },
  },
  'venue-kexue-huitang': {
    kind: 'township',
    townships: ['金凤镇'],
    county: '九龙坡区',
    uncertaintyM: 6000,
    district: null,
  },
  'venue-qianjiang-yudongnan': COUNTY_TOWN,
  'venue-fuling': COUNTY_TOWN,
  'venue-yongchuan': COUNTY_TOWN,
  'venue-qijiang-yunan': COUNTY_TOWN,
  'venue-dianjiang-yuchuan-dongbu': COUNTY_TOWN,
};

/** 专栏5 商文旅融合发展项目. */
const COMMERCE_CULTURE_TOURISM: Readonly<Record<string, FeatureSpec>> = {
  'cct-changjiahui': township('朝天门街道', 2000, '渝中区'),
  'cct-wanzhou-sanxia-henghe': township('恒合土家族乡', 2500),
  'cct-qianjiang-xiaonanhai-shisanzhai': township('小南海镇', 2500),
  'cct-fuling-816-xiaozhen': township('白涛街道', 3000),
  'cct-dadukou-wandun': { kind: 'urban-core', uncertaintyM: 4000 },
  'cct-shaci-wenhua-chanyeyuan': township('磁器口街道', 2000),
  'cct-jiulongpo-huangjueping-tuya': township('黄桷坪街道', 800),
  'cct-banan-shengdengshan': {
    kind: 'memory',
    position: [106.72, 29.3],
    uncertaintyM: 10000,
    what: {
      zh: '巴南区南部圣灯山镇一带；该镇在两种乡镇点位数据中均无点位，位置只能粗略回忆',
      en: 'the Shengdengshan area in the south of Banan; the town has no point in either township source, and its position is recalled only roughly',
    },
  },
  'cct-yongchuan-songji-guzhen': township('松溉镇', 1000),
  'cct-nanchuan-shanwangping': {
    kind: 'geonames',
    name: 'Shanwangping',
    uncertaintyM: 3000,
    what: { zh: '山王坪', en: 'Shanwangping' },
  },
  'cct-wansheng-heishan-liangjie': township('黑山镇', 2000, '綦江区'),
  'cct-dazu-shike-wenlv-xiaozhen': township('宝顶镇', 2000),
  'cct-tongliang-xijiao-shifanpian': { kind: 'urban-core', uncertaintyM: 5000 },
  'cct-kaizhou-hanfenghu': township('汉丰街道', 2000),
  'cct-liangping-longxihe': { kind: 'urban-core', uncertaintyM: 6000 },
  'cct-wulong-yangjiao-qianfu': township('羊角街道', 1500),
  'cct-fengdu-nantianhu': township('南天湖镇', 2500),
  'cct-zhongxian-sanxia-gangwan': { kind: 'urban-core', uncertaintyM: 8000 },
  'cct-dianjiang-wolong-bayan': { kind: 'urban-core', uncertaintyM: 12000 },
  'cct-fengjie-changjiang-sanxia-diyicun': { kind: 'urban-core', uncertaintyM: 12000 },
  'cct-wushan-yunyu-kangyang': { kind: 'urban-core', uncertaintyM: 8000 },
  'cct-xiushan-hongan-biancheng': township('洪安镇', 1000),
};

/** The consumption-space layers, in catalogue order. */
export const consumptionLayerPlans: readonly LayerPlan[] = [
  {
    layer: 'international-consumption-core',
    categories: [
      'international-consumption-core',
      'consumption-core-subarea',
      'consumption-core-facility',
    ],
    specs: INTERNATIONAL_CONSUMPTION_CORE,
  },
  { layer: 'night-markets', categories: ['night-market'], specs: NIGHT_MARKETS },
  {
    layer: 'featured-streets',
    categories: [
      'pedestrian-street',
      'creative-street',
      'historic-street',
      'art-street',
      'food-street',
    ],
    specs: FEATURED_STREETS,
  },
  { layer: 'exhibition-venues', categories: ['exhibition-venue'], specs: EXHIBITION_VENUES },
  {
    layer: 'commerce-culture-tourism',
    categories: ['commerce-culture-tourism-project'],
    specs: COMMERCE_CULTURE_TOURISM,
  },
];
