/**
 * The one place that assembles a plan-layer feature.
 *
 * All layers share the property schema of `src/core/plan/plan-feature.ts`. Building every feature
 * here gives a fixed key order (needed for byte-for-byte reproducible output), rounds the geometry
 * once, fills `search_pinyin`, and rejects values outside the status/certainty vocabularies before
 * anything is written.
 */
import type { Geometry } from 'geojson';
import {
  CERTAINTIES,
  PLAN_STATUSES,
  type Certainty,
  type DistrictAdcode,
  type PlanFeature,
  type PlanFeatureProperties,
  type PlanStatus,
  type PositionAnchorRecord,
} from '../../src/core/plan/plan-feature.ts';
import { ANCHOR_TOLERANCE_M, farthestAnchor } from './position-anchors.ts';
import type { CatalogueRow } from './raw-inputs.ts';
import { roundGeometry } from './round-geometry.ts';
import { searchPinyin } from './search-pinyin.ts';

/**
 * Extra properties appended after the shared ones: the district census columns, the events of an
 * exhibition venue, the street-course notes (see geodata/README.md).
 */
export type ExtraProperties = Readonly<Record<string, string | number | null | readonly string[]>>;

/** What a builder supplies; catalogue fields default to the row's values. */
export interface PlanFeatureInput {
  readonly id: string;
  readonly layer: string;
  readonly row: CatalogueRow;
  readonly geometry: Geometry;
  readonly districtAdcode: DistrictAdcode | null;
  readonly certainty: Certainty;
  /** Required (integer metres) for Point geometry, null for every other geometry. */
  readonly uncertaintyM: number | null;
  readonly noteZh: string;
  readonly noteEn: string;
  /** `plan_quote`: a verbatim excerpt of the plan text (see `plan-text.ts`). */
  readonly quote: string;
  readonly nameZh?: string;
  readonly nameEn?: string;
  readonly category?: string;
  readonly status?: string;
  readonly tier?: 1 | 2 | 3;
  readonly extra?: ExtraProperties;
  /**
   * Points: the independent points the position rests on (`position-anchors.ts`). The feature is
   * refused when one lies farther than `uncertaintyM` from the (rounded) point.
   */
  readonly anchors?: readonly PositionAnchorRecord[];
}

const KEBAB = /^[a-z0-9]+(-[a-z0-9]+)*$/;

function isStatus(s: string): s is PlanStatus {
  return (PLAN_STATUSES as readonly string[]).includes(s);
}

function checkCertainty(c: string): Certainty {
  if (!(CERTAINTIES as readonly string[]).includes(c)) throw new Error(`unknown certainty ${c}`);
  return c as Certainty;
}

/** Builds a feature with the shared property schema, in schema key order; throws on invalid input. */
export function makePlanFeature(input: PlanFeatureInput): PlanFeature {
  const { id, row, geometry } = input;
  if (!KEBAB.test(id)) throw new Error(`feature id is not kebab-case: ${id}`);
  const status = input.status ?? row.status;
  if (!isStatus(status)) throw new Error(`${id}: unknown status ${status}`);
  const isPoint = geometry.type === 'Point';
  if (isPoint !== (input.uncertaintyM !== null)) {
    throw new Error(`${id}: uncertainty_m must be set for points and null otherwise`);
  }
  if (input.uncertaintyM !== null && !Number.isInteger(input.uncertaintyM)) {
    throw new Error(`${id}: uncertainty_m must be whole metres`);
  }
  if (input.quote.trim() === '') throw new Error(`${id}: plan_quote is empty`);
  const nameZh = input.nameZh ?? row.name_zh;
  const base: PlanFeatureProperties = {
    id,
    layer: input.layer,
    catalogue_id: row.id,
    name_zh: nameZh,
    name_en: input.nameEn ?? row.name_en,
    category: input.category ?? row.category,
    district_adcode: input.districtAdcode,
    plan_ref: row.plan_section,
    plan_quote: input.quote,
    status,
    certainty: checkCertainty(input.certainty),
    uncertainty_m: input.uncertaintyM,
    position_note_zh: input.noteZh,
    position_note_en: input.noteEn,
    search_pinyin: searchPinyin(nameZh),
    ...(input.tier === undefined ? {} : { tier: input.tier }),
  };
  const rounded = roundGeometry(geometry);
  const anchors = input.anchors ?? [];
  if (anchors.length > 0) {
    if (rounded.type !== 'Point') throw new Error(`${id}: only points have position anchors`);
    const far = farthestAnchor(rounded.coordinates, anchors);
    if (far && far.metres > (input.uncertaintyM ?? 0) + ANCHOR_TOLERANCE_M)
      throw new Error(
        `${id}: ${far.anchor.label_en} lies ${Math.round(far.metres)} m away, outside the stated ${String(input.uncertaintyM)} m`,
      );
  }
  const properties: PlanFeatureProperties = {
    ...base,
    ...input.extra,
    ...(anchors.length > 0 ? { position_anchors: anchors } : {}),
  };
  return { type: 'Feature', id, geometry: rounded, properties };
}
