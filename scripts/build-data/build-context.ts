/**
 * Shared, derived indexes the layer builders need.
 *
 * Computed once per build so that the district join and the urban cores are identical across
 * layers (a backbone 商圈 and a tier-2 cold-chain node of the same district share one urban core).
 */
import { DistrictIndex } from './district-index.ts';
import { PlanCatalogue } from './plan-catalogue.ts';
import type { RawInputs } from './raw-inputs.ts';
import { computeUrbanCores, type UrbanCore } from './urban-cores.ts';

export interface BuildContext {
  readonly inputs: RawInputs;
  readonly catalogue: PlanCatalogue;
  readonly districts: DistrictIndex;
  readonly urbanCores: ReadonlyMap<number, UrbanCore>;
}

/** Indexes the raw inputs for the layer builders. */
export function createBuildContext(inputs: RawInputs): BuildContext {
  const catalogue = new PlanCatalogue(inputs.catalogue);
  const districts = new DistrictIndex(inputs.districts, catalogue);
  return { inputs, catalogue, districts, urbanCores: computeUrbanCores(inputs, districts) };
}
