import type { CoverageSummary } from '../coverage-summary.ts';
import type { RadiusPair } from '../coverage-rule.ts';
import type { RecomputeHelper } from '../parallel-recompute.ts';
import type { SiteSuggestion, SiteSuggestionOptions } from '../site-suggestion.ts';

/**
 * The coverage engine's public types (re-exported by coverage-engine.ts, where callers import
 * them from).
 */

/** A fresh-food supply point: a cold-chain node, a wholesale market, an imported outlet. */
export interface SupplyNode {
  /** Unique among the engine's nodes; ties in distance go to the smaller id (code-unit order). */
  readonly id: string;
  readonly lon: number;
  readonly lat: number;
}

/** What a result was computed with, for reports and exported files. */
export interface CoverageParameters {
  readonly urbanRadius: number;
  readonly ruralRadius: number;
  readonly earthRadiusMeters: number;
  readonly distance: 'haversine';
  readonly nodeCount: number;
  readonly unitCount: number;
}

/** The full state after a computation, per unit in the caller's demand order. Structured-cloneable. */
export interface CoverageResult {
  readonly parameters: CoverageParameters;
  readonly summary: CoverageSummary;
  /** Ids of the live nodes; `nearestNode` indexes into this. */
  readonly nodeIds: readonly string[];
  /** Nearest node of each unit (index into `nodeIds`), or -1 when there are no nodes. */
  readonly nearestNode: Int32Array;
  /** Great-circle metres to that node (Infinity when there are no nodes). */
  readonly nearestDistance: Float64Array;
  /** 1 when the unit is within the radius of its class. */
  readonly covered: Uint8Array;
  /** Units with residents that are not covered, ascending. */
  readonly uncoveredUnits: Uint32Array;
}

/** One demand unit's nearest node, distance and status. */
export interface UnitCoverage {
  readonly index: number;
  /** Id of the nearest node (ties to the smaller id), or null when there are no nodes. */
  readonly nearestNodeId: string | null;
  /** Great-circle metres to it, or null when there are no nodes. */
  readonly distance: number | null;
  readonly covered: boolean;
  readonly urban: boolean;
  readonly population: number;
  /** Index into the demand's districts, or null outside every district. */
  readonly district: number | null;
}

/** What one node edit changed. Units are indices in the caller's demand order, ascending. */
export interface CoverageDelta {
  /** Residents who became covered / uncovered. */
  readonly newlyCovered: number;
  readonly newlyUncovered: number;
  readonly newlyCoveredUnits: Uint32Array;
  readonly newlyUncoveredUnits: Uint32Array;
  /** Units whose nearest node changed (covered or not). */
  readonly changedUnits: number;
  readonly summary: CoverageSummary;
}

/** Coverage if the radii were these: one point of a coverage-versus-radius curve. */
export interface CoverageCurvePoint {
  readonly urbanRadius: number;
  readonly ruralRadius: number;
  readonly covered: number;
  readonly rate: number | null;
  readonly urbanCovered: number;
  readonly urbanRate: number | null;
  readonly ruralCovered: number;
  readonly ruralRate: number | null;
}

/**
 * The coverage analysis of one demand, with a mutable set of supply nodes. Pure TypeScript with
 * no DOM or Node APIs, so it runs in a Web Worker; every result is plain data and typed arrays.
 * Methods named add/move/remove/setRule mutate the engine; the others only read it.
 */
export interface CoverageEngine {
  /**
   * Recomputes every unit from scratch (nearest node, distance, covered) and returns the totals.
   * The per-unit state stays inside the engine; {@link CoverageEngine.result} copies it out.
   */
  compute(): CoverageSummary;
  /** The current state, per unit in the caller's demand order (O(units) to copy out). */
  result(): CoverageResult;
  /** The current state of one unit. O(1) after the first call. */
  unit(index: number): UnitCoverage;
  /** The rule, distance model and counts in force. */
  parameters(): CoverageParameters;
  /** The current totals by class, district and region. O(districts). */
  summary(): CoverageSummary;
  /** Adds a node (id must be new) and updates only the units it can reach. */
  addNode(node: SupplyNode): CoverageDelta;
  /** Moves a node and updates the units it served or now reaches. */
  moveNode(id: string, lon: number, lat: number): CoverageDelta;
  /** Removes a node and reassigns the units it served. */
  removeNode(id: string): CoverageDelta;
  /**
   * Replaces every node at once (ids distinct and valid, or a RangeError and nothing changes):
   * one full recompute, however many nodes, instead of one edit per node.
   */
  replaceNodes(nodes: readonly SupplyNode[]): CoverageDelta;
  /** Changes the radii; nearest nodes stay, covered flags are re-derived. O(units). */
  setRule(rule: RadiusPair): CoverageSummary;
  /** The rule in force. */
  rule(): RadiusPair;
  /** The live nodes, in the order they were added. */
  nodes(): SupplyNode[];
  /**
   * Coverage at each pair of radii, in one pass over the units. Default: both radii of the
   * current rule scaled by 0.1, 0.2, …, 3.0 (30 points).
   */
  curve(points?: readonly RadiusPair[]): CoverageCurvePoint[];
  /** Where to add sites: maximal covering (`k`) or set cover to a target rate. Does not add them. */
  suggest(options: SiteSuggestionOptions): SiteSuggestion;
}

/** Engine tuning; the defaults suit the shipped grid and the benchmark. */
export interface CoverageEngineOptions {
  /** Side of the tiles units are sorted into, metres; automatic (1–3 km by density) if omitted. */
  readonly tileMeters?: number;
  /**
   * A helper thread (or threads) for full recomputes (see parallel-recompute.ts). Used only where
   * shared memory exists, once the helper is ready, and for at least `parallelMinUnits` units;
   * otherwise the engine computes alone. A `solo` helper takes every chunk while the engine
   * waits; otherwise both take chunks. The answers are identical either way.
   */
  readonly helper?: RecomputeHelper;
  /** Smallest demand worth splitting across two threads; default 100,000 units. */
  readonly parallelMinUnits?: number;
  /** Occupied 4 × 4-tile blocks per chunk the threads take from a shared counter; default 64. */
  readonly parallelChunkBlocks?: number;
}
