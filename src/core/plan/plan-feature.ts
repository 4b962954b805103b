import type { Feature, FeatureCollection, Geometry } from 'geojson';

/**
 * What the plan says will happen to a place, normalised from its verbs.
 * @see geodata/raw/plan-catalogue/README.md §1.1
 */
export const PLAN_STATUSES = [
  'existing',
  'upgrade',
  'new-planned',
  'proposed',
  'to-be-created',
] as const;
export type PlanStatus = (typeof PLAN_STATUSES)[number];

/**
 * How sure we are of a feature's position. `surveyed`: measured on the ground or from an
 * authoritative survey; `sourced`: taken from open data with a named source; `estimated`: a
 * project estimate (township seat, memory, centroid); `schematic`: a diagram of an idea whose
 * real footprint the plan does not give.
 */
export const CERTAINTIES = ['surveyed', 'sourced', 'estimated', 'schematic'] as const;
export type Certainty = (typeof CERTAINTIES)[number];

/**
 * What a planner's position correction rests on (see `position-corrections.ts`): a survey, a
 * street address, a document, or local knowledge.
 */
export const CORRECTION_SOURCES = ['surveyed', 'address', 'document', 'local-knowledge'] as const;
export type CorrectionSource = (typeof CORRECTION_SOURCES)[number];

/** A correction's source in words, for notes and the panel. */
export const SOURCE_WORDS: Readonly<
  Record<CorrectionSource, Readonly<Record<'zh' | 'en', string>>>
> = {
  surveyed: { zh: '实测', en: 'surveyed' },
  address: { zh: '地址', en: 'address' },
  document: { zh: '文件', en: 'document' },
  'local-knowledge': { zh: '本地知识', en: 'local knowledge' },
};

/** A GB/T 2260 county-level code of one of Chongqing's 38 区县, e.g. 500103 for 渝中区. */
export type DistrictAdcode = number & { readonly __brand: 'DistrictAdcode' };

/** Properties every feature of every plan layer carries. Snake case, as stored in `geodata/`. */
export interface PlanFeatureProperties {
  /** Unique across all layers; stable between releases; used in `?sel=`. */
  readonly id: string;
  /** The catalogue layer (`geodata/catalogue.json`) this feature belongs to. */
  readonly layer: string;
  /** The row of `geodata/raw/plan-catalogue/entities.csv` this feature implements. */
  readonly catalogue_id: string;
  readonly name_zh: string;
  readonly name_en: string;
  /** Category from the plan catalogue's vocabulary, e.g. `business-district-core`. */
  readonly category: string;
  /** The 区县 the feature lies in, or null when it spans several. */
  readonly district_adcode: DistrictAdcode | null;
  /** Where in the plan it is named, e.g. `专栏7` or `第四章第三节`; several joined by `; `. */
  readonly plan_ref: string;
  /**
   * The plan's own words about the feature: a short verbatim excerpt of the plan text (a
   * contiguous substring once whitespace is removed, because the stored text breaks lines inside
   * words), never a paraphrase.
   */
  readonly plan_quote: string;
  readonly status: PlanStatus;
  readonly certainty: Certainty;
  /** Radius in metres within which the true position lies; required for points, null otherwise. */
  readonly uncertainty_m: number | null;
  /** How the position was obtained, in Chinese and English. */
  readonly position_note_zh: string;
  readonly position_note_en: string;
  /** Toneless pinyin of the Chinese name, then its initials, lower case: `guanyinqiao gyq`. */
  readonly search_pinyin: string;
  /** Cold-chain tier (专栏6), where it applies. */
  readonly tier?: 1 | 2 | 3;
  /**
   * Exhibition venues only: the plan's key events (专栏4) held at the venue, by catalogue id, with
   * their names in the same order. The plan names no venues for its events; the pairing is common
   * knowledge and the position note says so.
   */
  readonly event_ids?: readonly string[];
  readonly events_zh?: readonly string[];
  readonly events_en?: readonly string[];
  /**
   * For streets and belts the plan names: how their course is shown. A point stands for a street
   * whose course is not in the project's open data; a schematic line follows a river bank.
   */
  readonly street_course_zh?: string;
  readonly street_course_en?: string;
  /**
   * Estimated points only: the independent points the position rests on (township seats from
   * GeoNames and AMap 2016, community means, the GeoNames county seat, the project's estimate).
   * `uncertainty_m` covers every one of them (`data:check` fails otherwise). A planner's
   * correction replaces them: the corrected position rests on its stated source instead.
   */
  readonly position_anchors?: readonly PositionAnchorRecord[];
  /**
   * Ids of other features drawn on exactly the same position although they are different places
   * (the data gives no finer position for either); `data:check` fails on an undeclared share.
   */
  readonly shares_position_with?: readonly string[];
  /**
   * Set when a planner corrected the position (`geodata/corrections/*.csv` in the build, or a
   * correction kept in the browser): what the new position rests on, the day (`YYYY-MM-DD`) and
   * the planner's note. `certainty`, `uncertainty_m` and the position notes then describe the
   * corrected position.
   */
  readonly corrected_source?: CorrectionSource;
  readonly corrected_date?: string;
  readonly corrected_note?: string;
}

/** One independent point a position rests on, with what it is in both languages. */
export interface PositionAnchorRecord {
  readonly lon: number;
  readonly lat: number;
  readonly label_zh: string;
  readonly label_en: string;
}

export type PlanFeature = Feature<Geometry, PlanFeatureProperties>;
export type PlanFeatureCollection = FeatureCollection<Geometry, PlanFeatureProperties>;
