import { EARTH_RADIUS_METERS } from '../geo/haversine.ts';
import { NO_DISTRICT, type Demand } from '../population/demand.ts';
import { coverageSummary, coverageTotals, type CoverageSummary } from './coverage-summary.ts';
import { assertRadiusPair, PLAN_RULE, type RadiusPair } from './coverage-rule.ts';
import { NodeSet } from './node-set.ts';
import {
  suggestSites,
  type SiteSuggestion,
  type SiteSuggestionOptions,
} from './site-suggestion.ts';
import {
  sharedCopy,
  sharedMemoryAvailable,
  shareUnitIndex,
  type RecomputeHelper,
} from './parallel-recompute.ts';
import {
  CHUNK_BLOCKS,
  BOUND_SLACK as KERNEL_BOUND_SLACK,
  createEngineState,
  createTileKernel,
} from './tile-kernel.ts';
import { createUnitIndex, type UnitIndex } from './unit-index.ts';
import {
  chordSquaredOfMeters,
  chordSquaredTolerance,
  metersOfChordSquared,
  TIE_ANGLE,
} from './unit-sphere.ts';

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

const PARALLEL_MIN_UNITS = 100_000;
// Module-local copies: some loaders (tsx) turn imported bindings into getters, which would cost a
// call per use inside the per-unit loops.
const TIE = TIE_ANGLE;
const metersOfChord = metersOfChordSquared;

/** Where a node is, in degrees and as a unit vector. */
interface NodePosition {
  readonly lon: number;
  readonly lat: number;
  readonly xyz: readonly [number, number, number];
}
/** Slack added to every distance bound so float rounding can only widen a search. */
const BOUND_SLACK = KERNEL_BOUND_SLACK;

function validNode(node: SupplyNode): void {
  if (typeof node.id !== 'string' || node.id === '') {
    throw new RangeError('A node needs a non-empty string id.');
  }
  if (!(node.lon >= -180 && node.lon <= 180 && node.lat >= -90 && node.lat <= 90)) {
    throw new RangeError(`Node ${node.id} has invalid coordinates.`);
  }
}

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
  const indexed = createUnitIndex(demand, options.tileMeters);
  // Shared memory wherever it exists, helper or not: the kernel then always sees one kind of
  // typed array (mixing ArrayBuffer- and SharedArrayBuffer-backed arrays in one process made its
  // loops polymorphic and up to 2× slower).
  const shared = sharedMemoryAvailable();
  const units: UnitIndex = shared ? shareUnitIndex(indexed) : indexed;
  const copyOf = (values: ArrayLike<number>): Float64Array =>
    shared ? sharedCopy(Float64Array.from(values)) : Float64Array.from(values);
  const demandLon = copyOf(demand.lon);
  const demandLat = copyOf(demand.lat);
  const n = units.count;
  const nodes = new NodeSet(units);
  const seen = new Set<string>();
  for (const node of initialNodes) {
    validNode(node);
    if (seen.has(node.id)) throw new RangeError(`Duplicate node id ${node.id}.`);
    seen.add(node.id);
  }
  nodes.addAll(initialNodes);

  let rule: RadiusPair = {
    urbanRadius: initialRule.urbanRadius,
    ruralRadius: initialRule.ruralRadius,
  };
  const state = createEngineState(units, shared);
  const { nearest, best, covered, tileReach } = state;
  const kernel = createTileKernel({ units, nodes, lon: demandLon, lat: demandLat, state }, rule);
  const { gatherCandidates, assignFromCandidates, beats, isCovered, haversineTo } = kernel;
  const tileCount = units.columns * units.rows;
  const districtSlots = units.districtCount + 1;
  const populationByClass = new Float64Array(districtSlots * 2);
  const coveredByClass = new Float64Array(districtSlots * 2);
  for (let k = 0; k < n; k++) {
    const slot = 2 * (units.district[k] ?? 0) + (units.urban[k] ?? 0);
    populationByClass[slot] = (populationByClass[slot] ?? 0) + (units.population[k] ?? 0);
  }
  const { xyz, tileStart, tileCentre, tileRadius, occupied } = units;

  /**
   * An upper bound on every tile's reach (chord): exact after a full recompute, raised (never
   * lowered) by edits. Node edits only visit tiles within this distance of the node.
   */
  let maxReach = Infinity;
  const visited = new Uint32Array(tileCount);
  let visitEpoch = 0;

  /**
   * Calls `visit` once for every occupied tile whose centre lies within chord `reach` of
   * (lon, lat), using a lon/lat box of tiles; all occupied tiles when the box would be the world.
   */
  const visitTilesNear = (
    lon: number,
    lat: number,
    reach: number,
    visit: (t: number) => void,
  ): void => {
    const angle = reach >= 2 ? Math.PI : 2 * Math.asin(reach / 2);
    const latitudeReach = (angle * 180) / Math.PI + 1e-9;
    const extreme = Math.abs(lat) + latitudeReach;
    const sine = extreme >= 89.9 ? 2 : Math.sin(angle / 2) / Math.cos((extreme * Math.PI) / 180);
    if (!(angle < Math.PI / 4) || sine >= 1) {
      for (const t of occupied) {
        if (visited[t] === visitEpoch) continue;
        visited[t] = visitEpoch;
        visit(t);
      }
      return;
    }
    const longitudeReach = (2 * Math.asin(sine) * 180) / Math.PI + 1e-9;
    const row0 = Math.max(0, Math.floor((lat - latitudeReach - units.south) / units.tileLat));
    const row1 = Math.min(
      units.rows - 1,
      Math.floor((lat + latitudeReach - units.south) / units.tileLat),
    );
    const column0 = Math.max(0, Math.floor((lon - longitudeReach - units.west) / units.tileLon));
    const column1 = Math.min(
      units.columns - 1,
      Math.floor((lon + longitudeReach - units.west) / units.tileLon),
    );
    for (let row = row0; row <= row1; row++) {
      for (let column = column0; column <= column1; column++) {
        const t = row * units.columns + column;
        if (visited[t] === visitEpoch || tileStart[t] === tileStart[t + 1]) continue;
        visited[t] = visitEpoch;
        visit(t);
      }
    }
  };

  const refreshTileReach = (t: number): void => {
    let farthest = 0;
    for (let k = tileStart[t] ?? 0; k < (tileStart[t + 1] ?? 0); k++) {
      const c2 = best[k] ?? Infinity;
      if (c2 > farthest) farthest = c2;
    }
    const reach = Math.sqrt(farthest) + (tileRadius[t] ?? 0) + 2 * BOUND_SLACK + TIE;
    tileReach[t] = reach * reach;
    if (reach > maxReach) maxReach = reach;
  };

  /**
   * Recomputes every unit (mutates the per-unit state): per tile, the candidates once; in a
   * crowded tile, narrowed again per sub-cell; per unit, the candidates in order of distance
   * until a lower bound rules out the rest. (Measured against a candidates-outer loop over a
   * tile's units: this is faster, because most units stop after one or two candidates.)
   */
  const helperSums =
    helper === null ? new Float64Array(0) : sharedCopy(new Float64Array(coveredByClass.length + 1));
  let helperNodesVersion = -1;
  const helperCounter = helper === null ? new Int32Array(1) : sharedCopy(new Int32Array(1));
  const chunkBlocks = Math.max(1, Math.floor(options.parallelChunkBlocks ?? CHUNK_BLOCKS));
  helper?.attach({
    units,
    lon: demandLon,
    lat: demandLat,
    state,
    counter: helperCounter,
    sums: helperSums,
  });
  const recomputeAll = (): void => {
    coveredByClass.fill(0);
    maxReach = 0;
    if (nodes.aliveCount === 0) {
      nearest.fill(-1);
      best.fill(Infinity);
      covered.fill(0);
      tileReach.fill(Infinity);
      maxReach = Infinity;
      return;
    }
    if (helper === null || !helper.ready || units.blockStart.length - 1 <= chunkBlocks) {
      maxReach = kernel.computeTiles(coveredByClass);
      return;
    }
    const changed = nodes.version !== helperNodesVersion;
    Atomics.store(helperCounter, 0, 0);
    const done = helper.start({
      chunkBlocks,
      rule,
      ...(changed ? { nodes: nodes.snapshot() } : {}),
    });
    helperNodesVersion = nodes.version;
    const mine =
      helper.solo === true
        ? 0
        : kernel.computeTiles(coveredByClass, () => Atomics.add(helperCounter, 0, 1), chunkBlocks);
    if (done()) {
      for (let b = 0; b < coveredByClass.length; b++) {
        coveredByClass[b] = (coveredByClass[b] ?? 0) + (helperSums[b] ?? 0);
      }
      maxReach = Math.max(mine, helperSums[helperSums.length - 1] ?? Infinity);
      return;
    }
    // The helper failed or timed out, perhaps half-way through a chunk: recompute everything here.
    helperNodesVersion = -1;
    coveredByClass.fill(0);
    maxReach = kernel.computeTiles(coveredByClass, undefined, chunkBlocks);
  };

  const currentSummary = (): CoverageSummary =>
    coverageSummary(demand.districts, demand.regions, populationByClass, coveredByClass);

  const buildResult = (): CoverageResult => {
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
      parameters: parameters(nodeIds.length),
      summary: currentSummary(),
      nodeIds,
      nearestNode,
      nearestDistance,
      covered: coveredOut,
      uncoveredUnits,
    };
  };

  const parameters = (nodeCount: number): CoverageParameters => ({
    urbanRadius: rule.urbanRadius,
    ruralRadius: rule.ruralRadius,
    earthRadiusMeters: EARTH_RADIUS_METERS,
    distance: 'haversine',
    nodeCount,
    unitCount: n,
  });

  let positionOfUnit: Uint32Array | null = null;
  const unitCoverage = (index: number): UnitCoverage => {
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

  /**
   * Applies a node edit to the units it can affect. `oldPosition`/`newPosition` are unit vectors
   * (null when the node did not exist before / does not exist after).
   */
  const applyEdit = (
    slot: number,
    oldPosition: NodePosition | null,
    newPosition: NodePosition | null,
  ): CoverageDelta => {
    const gained: number[] = [];
    const lost: number[] = [];
    let newlyCovered = 0;
    let newlyUncovered = 0;
    let changed = 0;
    const [ox = 0, oy = 0, oz = 0] = oldPosition?.xyz ?? [];
    const [nx = 0, ny = 0, nz = 0] = newPosition?.xyz ?? [];
    const processTile = (t: number): void => {
      const reach = tileReach[t] ?? Infinity;
      const cx = tileCentre[3 * t] ?? 0;
      const cy = tileCentre[3 * t + 1] ?? 0;
      const cz = tileCentre[3 * t + 2] ?? 0;
      let fromOld = false;
      if (oldPosition !== null) {
        const dx = ox - cx;
        const dy = oy - cy;
        const dz = oz - cz;
        fromOld = dx * dx + dy * dy + dz * dz <= reach;
      }
      let fromNew = false;
      if (newPosition !== null) {
        const dx = nx - cx;
        const dy = ny - cy;
        const dz = nz - cz;
        fromNew = dx * dx + dy * dy + dz * dz <= reach;
      }
      if (!fromOld && !fromNew) return;
      let gathered = false;
      const start = tileStart[t] ?? 0;
      const end = tileStart[t + 1] ?? 0;
      for (let k = start; k < end; k++) {
        const before = nearest[k] ?? -1;
        if (fromOld && before === slot) {
          if (!gathered) {
            gatherCandidates(t, newPosition === null ? slot : -1);
            gathered = true;
          }
          assignFromCandidates(k);
        } else if (fromNew) {
          const dx = nx - (xyz[3 * k] ?? 0);
          const dy = ny - (xyz[3 * k + 1] ?? 0);
          const dz = nz - (xyz[3 * k + 2] ?? 0);
          const c2 = dx * dx + dy * dy + dz * dz;
          if (!beats(k, slot, c2)) continue;
          nearest[k] = slot;
          best[k] = c2;
        } else {
          continue;
        }
        if (nearest[k] !== before) changed++;
        const was = covered[k] ?? 0;
        const now = isCovered(k);
        if (now === was) continue;
        covered[k] = now;
        const people = units.population[k] ?? 0;
        const bucket = 2 * (units.district[k] ?? 0) + (units.urban[k] ?? 0);
        if (now === 1) {
          gained.push(units.order[k] ?? 0);
          newlyCovered += people;
          coveredByClass[bucket] = (coveredByClass[bucket] ?? 0) + people;
        } else {
          lost.push(units.order[k] ?? 0);
          newlyUncovered += people;
          coveredByClass[bucket] = (coveredByClass[bucket] ?? 0) - people;
        }
      }
      refreshTileReach(t);
    };
    visitEpoch = (visitEpoch + 1) >>> 0;
    const reachNow = maxReach;
    if (oldPosition !== null)
      visitTilesNear(oldPosition.lon, oldPosition.lat, reachNow, processTile);
    if (newPosition !== null)
      visitTilesNear(newPosition.lon, newPosition.lat, reachNow, processTile);
    return {
      newlyCovered,
      newlyUncovered,
      newlyCoveredUnits: Uint32Array.from(gained).sort(),
      newlyUncoveredUnits: Uint32Array.from(lost).sort(),
      changedUnits: changed,
      summary: currentSummary(),
    };
  };

  const positionOf = (slot: number): NodePosition => ({
    lon: nodes.lon[slot] ?? 0,
    lat: nodes.lat[slot] ?? 0,
    xyz: [nodes.xyz[3 * slot] ?? 0, nodes.xyz[3 * slot + 1] ?? 0, nodes.xyz[3 * slot + 2] ?? 0],
  });

  const slotOf = (id: string): number => {
    const slot = nodes.slotOf.get(id);
    if (slot === undefined) throw new RangeError(`No node with id ${id}.`);
    return slot;
  };

  recomputeAll();

  return {
    parameters: () => parameters(nodes.aliveCount),
    compute() {
      recomputeAll();
      return currentSummary();
    },
    result: buildResult,
    unit: unitCoverage,
    summary: currentSummary,
    addNode(node) {
      validNode(node);
      if (nodes.slotOf.has(node.id)) throw new RangeError(`Duplicate node id ${node.id}.`);
      if (nodes.aliveCount === 0) {
        nodes.add(node.id, node.lon, node.lat);
        const before = covered.slice();
        recomputeAll();
        return deltaFromSnapshot(before);
      }
      const slot = nodes.add(node.id, node.lon, node.lat);
      return applyEdit(slot, null, positionOf(slot));
    },
    moveNode(id, lon, lat) {
      const slot = slotOf(id);
      validNode({ id, lon, lat });
      const from = positionOf(slot);
      nodes.move(slot, lon, lat);
      return applyEdit(slot, from, positionOf(slot));
    },
    removeNode(id) {
      const slot = slotOf(id);
      const from = positionOf(slot);
      nodes.remove(slot);
      if (nodes.aliveCount === 0) {
        const before = covered.slice();
        recomputeAll();
        return deltaFromSnapshot(before);
      }
      return applyEdit(slot, from, null);
    },
    setRule(next) {
      assertRadiusPair(next);
      rule = { urbanRadius: next.urbanRadius, ruralRadius: next.ruralRadius };
      kernel.setRule(rule);
      coveredByClass.fill(0);
      for (let k = 0; k < n; k++) {
        const flag = isCovered(k);
        covered[k] = flag;
        if (flag === 1) {
          const bucket = 2 * (units.district[k] ?? 0) + (units.urban[k] ?? 0);
          coveredByClass[bucket] = (coveredByClass[bucket] ?? 0) + (units.population[k] ?? 0);
        }
      }
      return currentSummary();
    },
    rule: () => ({ ...rule }),
    nodes() {
      const out: SupplyNode[] = [];
      nodes.ids.forEach((id, slot) => {
        if (nodes.alive[slot] === 1)
          out.push({ id, lon: nodes.lon[slot] ?? 0, lat: nodes.lat[slot] ?? 0 });
      });
      return out;
    },
    curve(points) {
      const list =
        points ??
        Array.from({ length: 30 }, (_, i) => ({
          urbanRadius: (rule.urbanRadius * (i + 1)) / 10,
          ruralRadius: (rule.ruralRadius * (i + 1)) / 10,
        }));
      list.forEach(assertRadiusPair);
      return coverageCurve(list);
    },
    suggest(suggestOptions) {
      return suggestSites(
        {
          units,
          demand,
          covered,
          radius: { urban: rule.urbanRadius, rural: rule.ruralRadius },
        },
        suggestOptions,
      );
    },
  };

  function deltaFromSnapshot(before: Uint8Array): CoverageDelta {
    const gained: number[] = [];
    const lost: number[] = [];
    let newlyCovered = 0;
    let newlyUncovered = 0;
    for (let k = 0; k < n; k++) {
      const was = before[k] ?? 0;
      const now = covered[k] ?? 0;
      if (was === now) continue;
      const people = units.population[k] ?? 0;
      if (now === 1) {
        gained.push(units.order[k] ?? 0);
        newlyCovered += people;
      } else {
        lost.push(units.order[k] ?? 0);
        newlyUncovered += people;
      }
    }
    return {
      newlyCovered,
      newlyUncovered,
      newlyCoveredUnits: Uint32Array.from(gained).sort(),
      newlyUncoveredUnits: Uint32Array.from(lost).sort(),
      changedUnits: n,
      summary: currentSummary(),
    };
  }

  function coverageCurve(list: readonly RadiusPair[]): CoverageCurvePoint[] {
    const m = list.length;
    // Per class, the radii in ascending order; a unit lands in the first radius that covers it.
    const sorted = [0, 1].map((cls) => {
      const order = list
        .map((point, index) => ({
          index,
          meters: cls === 1 ? point.urbanRadius : point.ruralRadius,
        }))
        .sort((a, b) => a.meters - b.meters || a.index - b.index);
      const limits = order.map((o) => chordSquaredOfMeters(o.meters));
      return { order, limits, tolerance: limits.map(chordSquaredTolerance) };
    });
    const firstCovering = [new Float64Array(m + 1), new Float64Array(m + 1)];
    for (let k = 0; k < n; k++) {
      const slot = nearest[k] ?? -1;
      const cls = units.urban[k] ?? 0;
      const sortedClass = sorted[cls];
      const counts = firstCovering[cls];
      if (sortedClass === undefined || counts === undefined) continue;
      let bucket = m;
      if (slot >= 0) {
        const c2 = best[k] ?? Infinity;
        let lo = 0;
        let hi = m;
        // First limit that is certainly ≥ c2 (binary search), then settle near-ties exactly.
        while (lo < hi) {
          const mid = (lo + hi) >> 1;
          if ((sortedClass.limits[mid] ?? 0) + (sortedClass.tolerance[mid] ?? 0) >= c2) hi = mid;
          else lo = mid + 1;
        }
        bucket = lo;
        let meters = Number.NaN;
        while (
          bucket < m &&
          c2 >= (sortedClass.limits[bucket] ?? 0) - (sortedClass.tolerance[bucket] ?? 0)
        ) {
          if (Number.isNaN(meters)) meters = haversineTo(k, slot);
          if (meters <= (sortedClass.order[bucket]?.meters ?? 0)) break;
          bucket++;
        }
      }
      counts[bucket] = (counts[bucket] ?? 0) + (units.population[k] ?? 0);
    }
    const coveredAt = [0, 1].map((cls) => {
      const out = new Float64Array(m);
      const counts = firstCovering[cls];
      let running = 0;
      sorted[cls]?.order.forEach((o, position) => {
        running += counts?.[position] ?? 0;
        out[o.index] = running;
      });
      return out;
    });
    let ruralPopulation = 0;
    let urbanPopulation = 0;
    for (let d = 0; d < districtSlots; d++) {
      ruralPopulation += populationByClass[2 * d] ?? 0;
      urbanPopulation += populationByClass[2 * d + 1] ?? 0;
    }
    return list.map((point, i) => {
      const urbanCovered = coveredAt[1]?.[i] ?? 0;
      const ruralCovered = coveredAt[0]?.[i] ?? 0;
      return {
        urbanRadius: point.urbanRadius,
        ruralRadius: point.ruralRadius,
        covered: urbanCovered + ruralCovered,
        rate: coverageTotals(urbanPopulation + ruralPopulation, urbanCovered + ruralCovered).rate,
        urbanCovered,
        urbanRate: coverageTotals(urbanPopulation, urbanCovered).rate,
        ruralCovered,
        ruralRate: coverageTotals(ruralPopulation, ruralCovered).rate,
      };
    });
  }
}
