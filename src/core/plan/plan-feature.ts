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
}

export type PlanFeature = Feature<Geometry, PlanFeatureProperties>;
export type PlanFeatureCollection = FeatureCollection<Geometry, PlanFeatureProperties>;
