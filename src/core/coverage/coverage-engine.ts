import type { Demand } from '../population/demand.ts';
import type { CoverageSummary } from './coverage-summary.ts';
import { assertRadiusPair, PLAN_RULE, type RadiusPair } from './coverage-rule.ts';
import { NodeSet } from './node-set.ts';
import { sharedCopy, sharedMemoryAvailable } from './parallel-recompute.ts';
import { suggestSites } from './site-suggestion.ts';
import { createEngineState, createTileKernel } from './tile-kernel.ts';
import { createUnitIndex } from './unit-index.ts';
import { coverageCurve } from './engine/coverage-curve.ts';
import {
  populationByClassOf,
  validInitialNodes,
  validNode,
  type EngineCore,
} from './engine/engine-core.ts';
import {
  buildResult,
  createUnitReader,
  currentSummary,
  liveNodes,
  parametersOf,
  rederiveCovered,
} from './engine/engine-reads.ts';
import type { CoverageEngine, CoverageEngineOptions, SupplyNode } from './engine/engine-types.ts';
import { createFullRecompute } from './engine/full-recompute.ts';
import { createEditPath, deltaFromSnapshot, positionOf } from './engine/node-edits.ts';

/**
 * The coverage engine. Its parts live in ./engine/: the public types (engine-types.ts), what the
 * parts share (engine-core.ts), the full recompute with or without a helper thread
 * (full-recompute.ts), the edit path (node-edits.ts), the reads (engine-reads.ts) and the
 * coverage-versus-radius curve (coverage-curve.ts); the per-tile search is the tile kernel
 * (tile-kernel.ts and ./kernel/). This module builds an engine from them.
 */

export type {
  CoverageCurvePoint,
  CoverageDelta,
  CoverageEngine,
  CoverageEngineOptions,
  CoverageParameters,
  CoverageResult,
  SupplyNode,
  UnitCoverage,
} from './engine/engine-types.ts';

const PARALLEL_MIN_UNITS = 100_000;

/**
 * Creates the coverage engine for a demand and an initial node set under a rule, and computes the
 * initial state. Inputs are not mutated (the engine copies what it keeps). Throws a RangeError on
 * inconsistent demand arrays, invalid coordinates, duplicate node ids or invalid radii.
 *
 * Exact: a unit is covered iff the haversine distance to its nearest node is ≤ the radius of its
 * class, with the same answers as a brute-force haversine scan (ties between equidistant nodes go
 * to the smaller id). Fast: units are sorted into ~1 km tiles; each tile gathers only the nodes
 * that can be nearest to it from a coarse node grid, and each unit compares squared chords of
 * unit vectors, falling back to the haversine formula only within a micrometre of a tie.
 */
export function createCoverageEngine(
  demand: Demand,
  initialNodes: readonly SupplyNode[],
  initialRule: RadiusPair = PLAN_RULE,
  options: CoverageEngineOptions = {},
): CoverageEngine {
  assertRadiusPair(initialRule);
  const helper =
    options.helper !== undefined &&
    sharedMemoryAvailable() &&
    demand.lon.length >= (options.parallelMinUnits ?? PARALLEL_MIN_UNITS)
      ? options.helper
      : null;
  // Shared memory wherever it exists, helper or not: the kernel then always sees one kind of
  // typed array (mixing ArrayBuffer- and SharedArrayBuffer-backed arrays in one process made its
  // loops polymorphic and up to 2× slower).
  const shared = sharedMemoryAvailable();
  const units = createUnitIndex(demand, options.tileMeters, shared);
  const copyOf = (values: Float64Array): Float64Array =>
    shared ? sharedCopy(values) : values.slice();
  const demandLon = copyOf(demand.lon);
  const demandLat = copyOf(demand.lat);
  const nodes = new NodeSet(units);
  validInitialNodes(initialNodes);
  nodes.addAll(initialNodes);
  const rule: RadiusPair = {
    urbanRadius: initialRule.urbanRadius,
    ruralRadius: initialRule.ruralRadius,
  };
  const state = createEngineState(units, shared);
  const kernel = createTileKernel({ units, nodes, lon: demandLon, lat: demandLat, state }, rule);
  const core: EngineCore = {
    demand,
    units,
    demandLon,
    demandLat,
    nodes,
    state,
    kernel,
    n: units.count,
    populationByClass: populationByClassOf(units),
    coveredByClass: new Float64Array((units.districtCount + 1) * 2),
    rule,
    maxReach: Infinity,
  };
  const recomputeAll = createFullRecompute(core, helper, options.parallelChunkBlocks);
  recomputeAll();
  return { ...engineReads(core, recomputeAll), ...engineEdits(core, recomputeAll) };
}

type EngineReads = Pick<
  CoverageEngine,
  'parameters' | 'compute' | 'result' | 'unit' | 'summary' | 'rule' | 'nodes' | 'curve' | 'suggest'
>;
type EngineEdits = Pick<
  CoverageEngine,
  'addNode' | 'moveNode' | 'removeNode' | 'replaceNodes' | 'setRule'
>;

/** The engine's methods that only read it (and compute, which recomputes the same state). */
function engineReads(core: EngineCore, recomputeAll: () => void): EngineReads {
  return {
    parameters: () => parametersOf(core, core.nodes.aliveCount),
    compute(): CoverageSummary {
      recomputeAll();
      return currentSummary(core);
    },
    result: () => buildResult(core),
    unit: createUnitReader(core),
    summary: () => currentSummary(core),
    rule: () => ({ ...core.rule }),
    nodes: () => liveNodes(core),
    curve(points) {
      const rule = core.rule;
      const list =
        points ??
        Array.from({ length: 30 }, (_, i) => ({
          urbanRadius: (rule.urbanRadius * (i + 1)) / 10,
          ruralRadius: (rule.ruralRadius * (i + 1)) / 10,
        }));
      list.forEach(assertRadiusPair);
      return coverageCurve(core, list);
    },
    suggest(suggestOptions) {
      const { units, demand, rule } = core;
      return suggestSites(
        {
          units,
          demand,
          covered: core.state.covered,
          radius: { urban: rule.urbanRadius, rural: rule.ruralRadius },
        },
        suggestOptions,
      );
    },
  };
}

/** The engine's methods that change it: node edits and the rule. */
function engineEdits(core: EngineCore, recomputeAll: () => void): EngineEdits {
  const { nodes } = core;
  const applyEdit = createEditPath(core);
  /** A whole recompute for an edit that empties or first fills the node set. */
  const recomputedDelta = (): ReturnType<typeof deltaFromSnapshot> => {
    const before = core.state.covered.slice();
    recomputeAll();
    return deltaFromSnapshot(core, before);
  };
  const slotOf = (id: string): number => {
    const slot = nodes.slotOf.get(id);
    if (slot === undefined) throw new RangeError(`No node with id ${id}.`);
    return slot;
  };
  return {
    addNode(node) {
      validNode(node);
      if (nodes.slotOf.has(node.id)) throw new RangeError(`Duplicate node id ${node.id}.`);
      if (nodes.aliveCount === 0) {
        nodes.add(node.id, node.lon, node.lat);
        return recomputedDelta();
      }
      const slot = nodes.add(node.id, node.lon, node.lat);
      return applyEdit(slot, null, positionOf(core, slot));
    },
    moveNode(id, lon, lat) {
      const slot = slotOf(id);
      validNode({ id, lon, lat });
      const from = positionOf(core, slot);
      nodes.move(slot, lon, lat);
      return applyEdit(slot, from, positionOf(core, slot));
    },
    removeNode(id) {
      const slot = slotOf(id);
      const from = positionOf(core, slot);
      nodes.remove(slot);
      if (nodes.aliveCount === 0) return recomputedDelta();
      return applyEdit(slot, from, null);
    },
    replaceNodes(list) {
      validInitialNodes(list);
      nodes.replaceAll(list);
      return recomputedDelta();
    },
    setRule(next) {
      assertRadiusPair(next);
      core.rule = { urbanRadius: next.urbanRadius, ruralRadius: next.ruralRadius };
      core.kernel.setRule(core.rule);
      rederiveCovered(core);
      return currentSummary(core);
    },
  };
}
