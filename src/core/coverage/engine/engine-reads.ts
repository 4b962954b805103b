import { EARTH_RADIUS_METERS } from '../../geo/haversine.ts';
import { NO_DISTRICT } from '../../population/demand.ts';
import { coverageSummary, type CoverageSummary } from '../coverage-summary.ts';
import { metersOfChordSquared } from '../unit-sphere.ts';
import type { EngineCore } from './engine-core.ts';
import type {
  CoverageParameters,
  CoverageResult,
  SupplyNode,
  UnitCoverage,
} from './engine-types.ts';

/**
 * What the coverage engine reports without changing anything: totals, the per-unit result in
 * the caller's order, one unit, the parameters and the live nodes.
 */

const metersOfChord = metersOfChordSquared;

/** The current totals by class, district and region. */
export function currentSummary(core: EngineCore): CoverageSummary {
  const { demand } = core;
  return coverageSummary(
    demand.districts,
    demand.regions,
    core.populationByClass,
    core.coveredByClass,
  );
}

/** The rule, distance model and counts in force, with `nodeCount` live nodes. */
export function parametersOf(core: EngineCore, nodeCount: number): CoverageParameters {
  return {
    urbanRadius: core.rule.urbanRadius,
    ruralRadius: core.rule.ruralRadius,
    earthRadiusMeters: EARTH_RADIUS_METERS,
    distance: 'haversine',
    nodeCount,
    unitCount: core.n,
  };
}

/** The current state, per unit in the caller's demand order (copies everything out). */
export function buildResult(core: EngineCore): CoverageResult {
  const { units, nodes, n, demand } = core;
  const { nearest, best, covered } = core.state;
  const compact = new Int32Array(nodes.ids.length).fill(-1);
  const nodeIds: string[] = [];
  nodes.ids.forEach((id, slot) => {
    if (nodes.alive[slot] === 1) {
      compact[slot] = nodeIds.length;
      nodeIds.push(id);
    }
  });
  const nearestNode = new Int32Array(n);
  const nearestDistance = new Float64Array(n);
  const coveredOut = new Uint8Array(n);
  const order = units.order;
  const people = units.population;
  let uncoveredCount = 0;
  for (let k = 0; k < n; k++) {
    const i = order[k] ?? 0;
    const slot = nearest[k] ?? -1;
    const flag = covered[k] ?? 0;
    nearestNode[i] = slot < 0 ? -1 : (compact[slot] ?? -1);
    nearestDistance[i] = slot < 0 ? Infinity : metersOfChord(best[k] ?? 0);
    coveredOut[i] = flag;
    if (flag === 0 && (people[k] ?? 0) > 0) uncoveredCount++;
  }
  const uncoveredUnits = new Uint32Array(uncoveredCount);
  let u = 0;
  for (let i = 0; i < n && u < uncoveredCount; i++) {
    if (coveredOut[i] === 0 && (demand.population[i] ?? 0) > 0) uncoveredUnits[u++] = i;
  }
  return {
    parameters: parametersOf(core, nodeIds.length),
    summary: currentSummary(core),
    nodeIds,
    nearestNode,
    nearestDistance,
    covered: coveredOut,
    uncoveredUnits,
  };
}

/** The state of one unit (caller's index); O(1) after the first call, which builds an index. */
export function createUnitReader(core: EngineCore): (index: number) => UnitCoverage {
  const { units, nodes, n, demand } = core;
  const { nearest, best, covered } = core.state;
  let positionOfUnit: Uint32Array | null = null;
  return (index) => {
    if (!Number.isInteger(index) || index < 0 || index >= n) {
      throw new RangeError(`No demand unit ${String(index)}.`);
    }
    if (positionOfUnit === null) {
      positionOfUnit = new Uint32Array(n);
      for (let k = 0; k < n; k++) positionOfUnit[units.order[k] ?? 0] = k;
    }
    const k = positionOfUnit[index] ?? 0;
    const slot = nearest[k] ?? -1;
    const district = demand.district[index] ?? NO_DISTRICT;
    return {
      index,
      nearestNodeId: slot < 0 ? null : (nodes.ids[slot] ?? null),
      distance: slot < 0 ? null : metersOfChord(best[k] ?? 0),
      covered: covered[k] === 1,
      urban: units.urban[k] === 1,
      population: units.population[k] ?? 0,
      district: district === NO_DISTRICT ? null : district,
    };
  };
}

/** The live nodes, in the order they were added. */
export function liveNodes(core: EngineCore): SupplyNode[] {
  const nodes = core.nodes;
  const out: SupplyNode[] = [];
  nodes.ids.forEach((id, slot) => {
    if (nodes.alive[slot] === 1)
      out.push({ id, lon: nodes.lon[slot] ?? 0, lat: nodes.lat[slot] ?? 0 });
  });
  return out;
}

/** Re-derives every covered flag and the sums under the kernel's current rule (mutates). */
export function rederiveCovered(core: EngineCore): void {
  const { units, n, kernel, coveredByClass } = core;
  const covered = core.state.covered;
  coveredByClass.fill(0);
  for (let k = 0; k < n; k++) {
    const flag = kernel.isCovered(k);
    covered[k] = flag;
    if (flag === 1) {
      const bucket = 2 * (units.district[k] ?? 0) + (units.urban[k] ?? 0);
      coveredByClass[bucket] = (coveredByClass[bucket] ?? 0) + (units.population[k] ?? 0);
    }
  }
}
