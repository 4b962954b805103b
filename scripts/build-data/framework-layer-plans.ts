/**
 * The spatial-framework layers of 第八章 and 专栏15–17: district groups, functional areas and
 * tourism areas, and the regional cooperation areas with Sichuan (Chongqing side only).
 *
 * Groups the plan defines by 区县 are the union of their CTAmap polygons (`sourced`). Areas the
 * plan names without a boundary are either a representative point with a wide radius (functional
 * areas, whose own boundaries are not open data) or, where the plan or the catalogue ties them to
 * a set of 区县 only loosely, a `schematic` union. Cross-border areas show their Chongqing side.
 */
import type { LayerPlan } from './build-catalogue-layer.ts';
import type { BilingualText, FeatureSpec } from './place-spec.ts';

const CHONGQING_SIDE: BilingualText = {
  zh: '仅绘重庆一侧；四川一侧不在本图范围内。',
  en: 'Chongqing side only; the Sichuan side is outside this map.',
};

/** 专栏15–17 and 第八章第一节: the plan's groupings of 区县. */
const DISTRICT_GROUPS: Readonly<Record<string, FeatureSpec>> = {
  'group-tongchenghua-xianxingqu': {
    kind: 'districts',
    certainty: 'sourced',
    quote: { words: '同城化发展先行区：璧山区', after: '专栏15' },
  },
  'group-zhidian-chengshi': {
    kind: 'districts',
    certainty: 'sourced',
    quote: { words: '支点城市：涪陵区', after: '专栏15' },
  },
  'group-qiaotoubao-chengshi': {
    kind: 'districts',
    certainty: 'sourced',
    quote: { words: '桥头堡城市：荣昌区', after: '专栏15' },
  },
  'group-wankaiyun': {
    kind: 'districts',
    certainty: 'sourced',
    quote: { words: '“万开云”板块', after: '专栏16' },
  },
  'group-dianjiang-liangping': {
    kind: 'districts',
    certainty: 'sourced',
    quote: { words: '垫江—梁平：垫江县', after: '专栏16' },
  },
  'group-fengdu-zhongxian': {
    kind: 'districts',
    certainty: 'sourced',
    quote: { words: '丰都—忠县：丰都县', after: '专栏16' },
  },
  'group-fengjie-wushan-wuxi': {
    kind: 'districts',
    certainty: 'sourced',
    quote: { words: '奉节—巫山—巫溪：奉节县', after: '专栏16' },
  },
  'group-chengkou': {
    kind: 'districts',
    certainty: 'sourced',
    quote: { words: '城口县：发挥', after: '专栏16' },
  },
  'group-yixin': {
    kind: 'districts',
    certainty: 'sourced',
    quote: { words: '“一心”：黔江区', after: '专栏17' },
  },
  'group-yibao': {
    kind: 'districts',
    certainty: 'sourced',
    quote: { words: '“一堡”：秀山县', after: '专栏17' },
  },
  'group-sijiedian': {
    kind: 'districts',
    certainty: 'sourced',
    quote: { words: '“四节点”：围绕', after: '专栏17' },
  },
};

/** Functional areas (not 区县), intra-urban functional zones and tourism-resource areas. */
const FUNCTIONAL_AREAS: Readonly<Record<string, FeatureSpec>> = {
  'farea-liangjiang-xinqu': {
    kind: 'township',
    townships: ['人和街道'],
    county: '渝北区',
    uncertaintyM: 15000,
    why: {
      zh: '代表点：两江新区跨江北、渝北、北碚约1200平方公里，本项目无其边界数据，以其管理机构所在的人和一带代表（项目估计，无实测资料）',
      en: 'Representative point: the new area spans about 1,200 km² of Jiangbei, Yubei and Beibei and the project has no boundary for it, so the Renhe area, where it is administered from, stands in (the project’s estimate; no survey)',
    },
    quote: { words: '两江新区重点打造', after: '专栏15' },
  },
  'farea-chongqing-gaoxinqu': {
    kind: 'township',
    townships: ['西永街道'],
    county: '沙坪坝区',
    uncertaintyM: 12000,
    why: {
      zh: '代表点：直管园跨沙坪坝、九龙坡，本项目无其边界数据，以西永一带代表（项目估计，无实测资料）',
      en: 'Representative point: its directly administered area spans Shapingba and Jiulongpo and the project has no boundary for it, so the Xiyong area stands in (the project’s estimate; no survey)',
    },
    quote: { words: '重庆高新区重点打造', after: '专栏15' },
  },
  'farea-wansheng-jingkaiqu': {
    kind: 'township',
    townships: ['万盛街道'],
    county: '綦江区',
    uncertaintyM: 12000,
    why: {
      zh: '代表点：万盛经开区即綦江区内原万盛区地域（约566平方公里），本项目无其边界数据，以万盛城区代表',
      en: 'Representative point: the zone is the former Wansheng district within Qijiang (about 566 km²) and the project has no boundary for it, so the Wansheng town centre stands in',
    },
    quote: { words: '万盛经开区重点建设', after: '专栏15' },
  },
  'farea-xibu-kexuecheng': {
    kind: 'township',
    townships: ['虎溪街道'],
    county: '沙坪坝区',
    uncertaintyM: 20000,
    why: {
      zh: '代表点：科学城跨北碚、沙坪坝、九龙坡、江津、璧山约1200平方公里，本项目无其边界数据，以大学城（虎溪）一带代表（项目估计，无实测资料）',
      en: 'Representative point: the science city spans about 1,200 km² of Beibei, Shapingba, Jiulongpo, Jiangjin and Bishan and the project has no boundary for it, so the University Town (Huxi) area stands in (the project’s estimate; no survey)',
    },
    quote: { words: '西部（重庆）科学城', after: '第五章第一节' },
  },
  'zone-liangjiang-sian-hexinqu': {
    kind: 'band',
    along: {
      boundaryOf: '渝中区',
      from: [106.537, 29.543],
      to: [106.5331, 29.5582],
      via: [106.5849, 29.5747],
    },
    halfWidthM: 1500,
    what: {
      zh: '绕渝中半岛的长江、嘉陵江江心线（约自菜园坝经朝天门至嘉陵江大桥）',
      en: 'the midstream line of the Yangtze and the Jialing round the Yuzhong peninsula (roughly Caiyuanba to the Jialing River Bridge by way of Chaotianmen)',
    },
    district: null,
    quote: { words: '以中心城区两江四岸核心区为重点', after: '第三章第三节' },
  },
  'zone-changjiahui-dajingqu': {
    kind: 'band',
    along: {
      boundaryOf: '渝中区',
      from: [106.5818, 29.5514],
      to: [106.5741, 29.5679],
      via: [106.5849, 29.5747],
    },
    halfWidthM: 1000,
    what: {
      zh: '长江、嘉陵江在朝天门交汇处的江心线（约自东水门至千厮门）',
      en: 'the midstream line where the Yangtze and the Jialing meet at Chaotianmen (roughly Dongshuimen to Qiansimen)',
    },
    district: null,
    quote: { words: '统筹中央商务区和长嘉汇大景区规划建设', after: '第三章第四节' },
  },
  'zone-changjiang-wenhua-yishu-wanqu': {
    kind: 'memory',
    position: [106.5, 29.45],
    uncertaintyM: 6000,
    what: {
      zh: '九龙坡、大渡口之间的长江湾区（九龙半岛至钓鱼嘴一带）；规划未给出区县，为项目推定',
      en: 'the Yangtze bend between Jiulongpo and Dadukou (the Jiulong peninsula to Diaoyuzui); the plan names no district, so this is the project’s reading',
    },
    district: null,
    quote: { words: '以长嘉汇大景区、长江文化艺术湾区为重点', after: '第三章第四节' },
  },
  'tourism-dadushi': {
    kind: 'region',
    region: '主城都市区',
    certainty: 'schematic',
    note: {
      zh: '规划未给出“大都市”旅游片区的范围，暂以主城都市区示意。',
      en: 'The plan gives no extent for the “Great Metropolis” tourism area; the Main Urban Metropolitan Area stands in.',
    },
    quote: { words: '围绕大都市、大三峡、大武陵等旅游资源', after: '第三章第二节' },
  },
  'tourism-dasanxia': {
    kind: 'region',
    region: '渝东北三峡库区城镇群',
    certainty: 'schematic',
    note: {
      zh: '“大三峡”大致对应渝东北三峡库区，规划未给出范围。',
      en: 'The “Great Three Gorges” roughly matches the northeast (Three Gorges) cluster; the plan gives no extent.',
    },
    quote: { words: '围绕大都市、大三峡、大武陵等旅游资源', after: '第三章第二节' },
  },
  'tourism-dawuling': {
    kind: 'region',
    region: '渝东南武陵山区城镇群',
    certainty: 'schematic',
    note: {
      zh: '“大武陵”大致对应渝东南武陵山区，规划未给出范围。',
      en: 'The “Great Wuling” roughly matches the southeast (Wuling) cluster; the plan gives no extent.',
    },
    quote: { words: '围绕大都市、大三峡、大武陵等旅游资源', after: '第三章第二节' },
  },
  'tourism-changjiang-sanxia': {
    kind: 'districts',
    districts: ['奉节县', '巫山县'],
    certainty: 'schematic',
    note: {
      zh: '长江三峡在重庆境内的瞿塘峡、巫峡分属奉节、巫山；西陵峡在湖北，不在本图范围内。',
      en: 'Within Chongqing the Qutang and Wu gorges lie in Fengjie and Wushan; the Xiling gorge is in Hubei, outside this map.',
    },
    district: null,
    quote: { words: '依托长江三峡旅游资源', after: '第八章第三节' },
  },
};

/** 第八章第二节: cooperation areas with Sichuan, drawn on the Chongqing side. */
const COOPERATION_AREAS: Readonly<Record<string, FeatureSpec>> = {
  'coop-chengyu-shuangcheng-jingjiquan': {
    kind: 'districts',
    districts: [
      '渝中区',
      '大渡口区',
      '江北区',
      '沙坪坝区',
      '九龙坡区',
      '南岸区',
      '北碚区',
      '渝北区',
      '巴南区',
      '万州区',
      '涪陵区',
      '綦江区',
      '大足区',
      '黔江区',
      '长寿区',
      '江津区',
      '合川区',
      '永川区',
      '南川区',
      '璧山区',
      '铜梁区',
      '潼南区',
      '荣昌区',
      '梁平区',
      '丰都县',
      '垫江县',
      '忠县',
    ],
    certainty: 'schematic',
    note: {
      zh: '重庆一侧按《成渝地区双城经济圈建设规划纲要》的27个区（县）示意（项目整理，未与纲要原文核对；本规划未列明），未含开州、云阳的部分地区；四川一侧不在本图范围内。',
      en: 'The Chongqing side is shown as the 27 districts of the national outline plan for the economic circle (listed by the project, not checked against the outline plan’s text; this plan does not list them), leaving out the parts of Kaizhou and Yunyang it also covers; the Sichuan side is outside this map.',
    },
    quote: { words: '大力推动成渝地区双城经济圈建设', after: '第八章' },
  },
  'coop-chongqing-dushiquan': {
    kind: 'region',
    region: '主城都市区',
    certainty: 'schematic',
    note: {
      zh: '本规划未给出重庆都市圈范围，暂以主城都市区示意（据项目理解，未经核对，其另含四川广安，不在本图范围内）。',
      en: 'This plan gives no extent for the Chongqing Metropolitan Area; the Main Urban Metropolitan Area stands in (by the project’s reading, not checked against a source, it also takes in Guang’an in Sichuan, outside this map).',
    },
    quote: { words: '推动重庆都市圈、成都都市圈相向发展', after: '第八章第二节' },
  },
  'coop-chengyu-zhuzhou': {
    kind: 'through',
    cores: ['渝中区', '沙坪坝区', '璧山区', '永川区', '荣昌区'],
    what: {
      zh: '重庆一侧：自中心城区向西经璧山、永川至荣昌；四川一侧不在本图范围内',
      en: 'Chongqing side: west from the central city through Bishan and Yongchuan to Rongchang; the Sichuan side is outside this map',
    },
    quote: { words: '夯实成渝主轴商务发展基础', after: '第八章第二节' },
  },
  'coop-yudongbei-chuandongbei': {
    kind: 'region',
    region: '渝东北三峡库区城镇群',
    certainty: 'sourced',
    note: CHONGQING_SIDE,
    quote: { words: '推进渝东北、川东北商务一体化发展', after: '第八章第二节' },
  },
  'coop-chuanyu-tongchou-fazhan-shifanqu': {
    kind: 'districts',
    certainty: 'sourced',
    note: {
      zh: '仅绘重庆一侧（万州、开州）；四川达州不在本图范围内。',
      en: 'Chongqing side only (Wanzhou, Kaizhou); Dazhou in Sichuan is outside this map.',
    },
    quote: { words: '支持万州、达州、开州在共建川渝统筹发展示范区中', after: '第八章第二节' },
  },
  'coop-mingyueshan-lvse-fazhan-shifandai': {
    kind: 'districts',
    certainty: 'sourced',
    note: {
      zh: '仅绘重庆一侧的梁平、长寿、垫江；邻水、达川、大竹、开江在四川，不在本图范围内。',
      en: 'Only the Chongqing members Liangping, Changshou and Dianjiang; Linshui, Dachuan, Dazhu and Kaijiang are in Sichuan, outside this map.',
    },
    quote: { words: '推动梁平、长寿、垫江、邻水', after: '第八章第二节' },
  },
  'coop-chuannan-yuxi': {
    kind: 'districts',
    certainty: 'sourced',
    note: {
      zh: '仅绘规划点名的江津、永川、荣昌；自贡、泸州、内江、宜宾在四川，不在本图范围内。',
      en: 'Only Jiangjin, Yongchuan and Rongchang, which the plan names; Zigong, Luzhou, Neijiang and Yibin are in Sichuan, outside this map.',
    },
    quote: { words: '推动川南、渝西商务融合发展', after: '第八章第二节' },
  },
  'coop-chuanyu-gaozhu-xinqu': {
    kind: 'township',
    townships: ['茨竹镇', '大湾镇'],
    uncertaintyM: 8000,
    why: {
      zh: '代表点：高竹新区重庆一侧为渝北区茨竹、大湾一带（项目估计，无实测资料），四川一侧不在本图范围内',
      en: 'Representative point: the Chongqing side of the new area is the Cizhu and Dawan area of Yubei (the project’s estimate; no survey); the Sichuan side is outside this map',
    },
    quote: { words: '支持川渝高竹新区', after: '第八章第二节' },
  },
  'coop-suitong-yitihua-xianxingqu': {
    kind: 'districts',
    certainty: 'sourced',
    note: {
      zh: '仅绘重庆一侧的潼南；四川遂宁不在本图范围内。',
      en: 'Only Tongnan, the Chongqing side; Suining in Sichuan is outside this map.',
    },
    quote: { words: '遂潼川渝毗邻地区一体化发展先行区', after: '第八章第二节' },
  },
};

/** The framework layers, in catalogue order. */
export const frameworkLayerPlans: readonly LayerPlan[] = [
  { layer: 'district-groups', categories: ['district-group'], specs: DISTRICT_GROUPS },
  {
    layer: 'functional-areas',
    categories: ['functional-area', 'functional-zone', 'tourism-region'],
    specs: FUNCTIONAL_AREAS,
  },
  { layer: 'cooperation-areas', categories: ['cooperation-area'], specs: COOPERATION_AREAS },
];
