/**
 * Shared, derived indexes the layer builders need.
 *
 * Computed once per build so that the district join and the urban cores are identical across
 * layers (a backbone 商圈 and a tier-2 cold-chain node of the same district share one urban core).
 */
import { DistrictIndex } from './district-index.ts';
import { PlanCatalogue } from './plan-catalogue.ts';
import { PlanText, type QuoteSpec } from './plan-text.ts';
import type { CatalogueRow, RawInputs } from './raw-inputs.ts';
import { computeUrbanCores, type UrbanCore } from './urban-cores.ts';

export interface BuildContext {
  readonly inputs: RawInputs;
  readonly catalogue: PlanCatalogue;
  readonly districts: DistrictIndex;
  readonly urbanCores: ReadonlyMap<number, UrbanCore>;
  readonly plan: PlanText;
}

/** Indexes the raw inputs for the layer builders. */
export function createBuildContext(inputs: RawInputs): BuildContext {
  const catalogue = new PlanCatalogue(inputs.catalogue);
  const districts = new DistrictIndex(inputs.districts, catalogue);
  return {
    inputs,
    catalogue,
    districts,
    urbanCores: computeUrbanCores(inputs, districts),
    plan: new PlanText(inputs.planText),
  };
}

/**
 * The plan quote for a catalogue row: the clause around `anchor` (by default the row's name) in
 * the row's first plan section, else in its other sections, else anywhere in the body. Throws when
 * the plan does not contain the anchor, so a typo cannot ship a feature without the plan's words.
 */
export function quoteFor(
  ctx: BuildContext,
  row: CatalogueRow,
  anchor: string = row.name_zh,
  after?: string,
): string {
  const sections = after === undefined ? row.plan_section.split('; ') : [after];
  for (const section of sections) {
    const spec: QuoteSpec = { words: anchor, after: section };
    try {
      return ctx.plan.quote(spec);
    } catch {
      // try the next section the row is named in
    }
  }
  if (after !== undefined) return ctx.plan.quote({ words: anchor, after });
  return ctx.plan.quote({ words: anchor });
}
