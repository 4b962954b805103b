import type { Demand } from '../../population/demand.ts';
import type { RadiusPair } from '../coverage-rule.ts';
import type { NodeSet } from '../node-set.ts';
import type { EngineState, TileKernel } from '../tile-kernel.ts';
import type { UnitIndex } from '../unit-index.ts';
import type { SupplyNode } from './engine-types.ts';

/**
 * What the parts of one coverage engine share: the demand and its unit index, the node set, the
 * per-unit state and the kernel over them, the district sums, the rule and the reach bound.
 * Internal to src/core/coverage; built once by createCoverageEngine.
 */
export interface EngineCore {
  readonly demand: Demand;
  readonly units: UnitIndex;
  /** The demand's coordinates in the caller's order (shared memory where it exists). */
  readonly demandLon: Float64Array;
  readonly demandLat: Float64Array;
  readonly nodes: NodeSet;
  readonly state: EngineState;
  readonly kernel: TileKernel;
  /** Number of demand units. */
  readonly n: number;
  /** Residents by district and class (2 per district slot: rural, urban); fixed. */
  readonly populationByClass: Float64Array;
  /** Covered residents by district and class; kept current by every computation and edit. */
  readonly coveredByClass: Float64Array;
  /** The rule in force (replaced, never mutated, by setRule). */
  rule: RadiusPair;
  /**
   * An upper bound on every tile's reach (chord): exact after a full recompute, raised (never
   * lowered) by edits. Node edits only visit tiles within this distance of the node.
   */
  maxReach: number;
}

/** Throws a RangeError unless the node has a non-empty id and valid coordinates. */
export function validNode(node: SupplyNode): void {
  if (typeof node.id !== 'string' || node.id === '') {
    throw new RangeError('A node needs a non-empty string id.');
  }
  if (!(node.lon >= -180 && node.lon <= 180 && node.lat >= -90 && node.lat <= 90)) {
    throw new RangeError(`Node ${node.id} has invalid coordinates.`);
  }
}

/** Throws a RangeError on an invalid node or a duplicate id among the initial nodes. */
export function validInitialNodes(initialNodes: readonly SupplyNode[]): void {
  const seen = new Set<string>();
  for (const node of initialNodes) {
    validNode(node);
    if (seen.has(node.id)) throw new RangeError(`Duplicate node id ${node.id}.`);
    seen.add(node.id);
  }
}

/** Residents by district and class of the units (2 per district slot: rural, urban). */
export function populationByClassOf(units: UnitIndex): Float64Array {
  const populationByClass = new Float64Array((units.districtCount + 1) * 2);
  for (let k = 0; k < units.count; k++) {
    const slot = 2 * (units.district[k] ?? 0) + (units.urban[k] ?? 0);
    populationByClass[slot] = (populationByClass[slot] ?? 0) + (units.population[k] ?? 0);
  }
  return populationByClass;
}
