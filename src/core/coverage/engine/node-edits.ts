import { reachOf } from '../kernel/bounds.ts';
import type { UnitIndex } from '../unit-index.ts';
import type { EngineCore } from './engine-core.ts';
import type { CoverageDelta } from './engine-types.ts';
import { currentSummary } from './engine-reads.ts';

/**
 * The edit path of the coverage engine: a node added, moved or removed updates only the units it
 * can affect, found through the per-tile reach bounds; and the delta of an edit that recomputed
 * everything (the first node added, the last removed).
 */

/** Where a node is, in degrees and as a unit vector. */
export interface NodePosition {
  readonly lon: number;
  readonly lat: number;
  readonly xyz: readonly [number, number, number];
}

/** One edit in progress: the node, where it was and is, and what it changed so far. */
interface Edit {
  readonly slot: number;
  readonly oldPosition: NodePosition | null;
  readonly newPosition: NodePosition | null;
  /** The unit vectors of the old and new positions (0 where there is none). */
  readonly ox: number;
  readonly oy: number;
  readonly oz: number;
  readonly nx: number;
  readonly ny: number;
  readonly nz: number;
  readonly gained: number[];
  readonly lost: number[];
  newlyCovered: number;
  newlyUncovered: number;
  changed: number;
}

/** Applies a node edit (see {@link createEditPath}). */
export type ApplyEdit = (
  slot: number,
  oldPosition: NodePosition | null,
  newPosition: NodePosition | null,
) => CoverageDelta;

/** Where node `slot` is now. */
export function positionOf(core: EngineCore, slot: number): NodePosition {
  const nodes = core.nodes;
  return {
    lon: nodes.lon[slot] ?? 0,
    lat: nodes.lat[slot] ?? 0,
    xyz: [nodes.xyz[3 * slot] ?? 0, nodes.xyz[3 * slot + 1] ?? 0, nodes.xyz[3 * slot + 2] ?? 0],
  };
}

/**
 * Creates the function that applies a node edit to the units it can affect (mutates the state,
 * the sums and the reach bounds). `oldPosition`/`newPosition` are null when the node did not
 * exist before / does not exist after.
 */
export function createEditPath(core: EngineCore): ApplyEdit {
  const { units } = core;
  const visited = new Uint32Array(units.columns * units.rows);
  let visitEpoch = 0;
  const editTile = createTileEditor(core);
  return (slot, oldPosition, newPosition) => {
    const [ox = 0, oy = 0, oz = 0] = oldPosition?.xyz ?? [];
    const [nx = 0, ny = 0, nz = 0] = newPosition?.xyz ?? [];
    const edit: Edit = {
      slot,
      oldPosition,
      newPosition,
      ox,
      oy,
      oz,
      nx,
      ny,
      nz,
      gained: [],
      lost: [],
      newlyCovered: 0,
      newlyUncovered: 0,
      changed: 0,
    };
    const processTile = (t: number): void => {
      editTile(edit, t);
    };
    visitEpoch = (visitEpoch + 1) >>> 0;
    const reachNow = core.maxReach;
    if (oldPosition !== null)
      visitTilesNear(units, visited, visitEpoch, oldPosition, reachNow, processTile);
    if (newPosition !== null)
      visitTilesNear(units, visited, visitEpoch, newPosition, reachNow, processTile);
    return {
      newlyCovered: edit.newlyCovered,
      newlyUncovered: edit.newlyUncovered,
      newlyCoveredUnits: Uint32Array.from(edit.gained).sort(),
      newlyUncoveredUnits: Uint32Array.from(edit.lost).sort(),
      changedUnits: edit.changed,
      summary: currentSummary(core),
    };
  };
}

/**
 * Calls `visit` once for every occupied tile (not yet marked with `epoch` in `visited`) whose
 * centre lies within chord `reach` of the position, using a lon/lat box of tiles; all occupied
 * tiles when the box would be the world.
 */
function visitTilesNear(
  units: UnitIndex,
  visited: Uint32Array,
  epoch: number,
  { lon, lat }: NodePosition,
  reach: number,
  visit: (t: number) => void,
): void {
  const angle = reach >= 2 ? Math.PI : 2 * Math.asin(reach / 2);
  const latitudeReach = (angle * 180) / Math.PI + 1e-9;
  const extreme = Math.abs(lat) + latitudeReach;
  const sine = extreme >= 89.9 ? 2 : Math.sin(angle / 2) / Math.cos((extreme * Math.PI) / 180);
  if (!(angle < Math.PI / 4) || sine >= 1) {
    for (const t of units.occupied) {
      if (visited[t] === epoch) continue;
      visited[t] = epoch;
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
  const tileStart = units.tileStart;
  for (let row = row0; row <= row1; row++) {
    for (let column = column0; column <= column1; column++) {
      const t = row * units.columns + column;
      if (visited[t] === epoch || tileStart[t] === tileStart[t + 1]) continue;
      visited[t] = epoch;
      visit(t);
    }
  }
}

/**
 * Creates the per-tile step of an edit: the units of tile t that the node served before it moved
 * or went are reassigned among the tile's candidates; those it may now serve are compared with
 * it. Then the tile's reach is refreshed (mutates).
 */
function createTileEditor(core: EngineCore): (edit: Edit, t: number) => void {
  const { units, state, kernel } = core;
  const { nearest, best, covered, tileReach } = state;
  const { xyz, tileStart, tileCentre } = units;
  const { gatherCandidates, assignFromCandidates, beats, isCovered } = kernel;
  return (edit: Edit, t: number): void => {
    const { slot, nx, ny, nz } = edit;
    const reach = tileReach[t] ?? Infinity;
    const cx = tileCentre[3 * t] ?? 0;
    const cy = tileCentre[3 * t + 1] ?? 0;
    const cz = tileCentre[3 * t + 2] ?? 0;
    const fromOld =
      edit.oldPosition !== null && within(edit.ox, edit.oy, edit.oz, cx, cy, cz, reach);
    const fromNew = edit.newPosition !== null && within(nx, ny, nz, cx, cy, cz, reach);
    if (!fromOld && !fromNew) return;
    let gathered = false;
    const start = tileStart[t] ?? 0;
    const end = tileStart[t + 1] ?? 0;
    for (let k = start; k < end; k++) {
      const before = nearest[k] ?? -1;
      if (fromOld && before === slot) {
        if (!gathered) {
          gatherCandidates(t, edit.newPosition === null ? slot : -1);
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
      if (nearest[k] !== before) edit.changed++;
      const now = isCovered(k);
      if (now !== (covered[k] ?? 0)) flip(core, edit, k, now);
    }
    refreshTileReach(core, t);
  };
}

/** True when (x, y, z) is within squared chord `reach` of (cx, cy, cz). */
function within(
  x: number,
  y: number,
  z: number,
  cx: number,
  cy: number,
  cz: number,
  reach: number,
): boolean {
  const dx = x - cx;
  const dy = y - cy;
  const dz = z - cz;
  return dx * dx + dy * dy + dz * dz <= reach;
}

/** Records that unit k's covered flag became `now` (mutates the flag and the sums). */
function flip(core: EngineCore, edit: Edit, k: number, now: number): void {
  const { units, coveredByClass } = core;
  core.state.covered[k] = now;
  const people = units.population[k] ?? 0;
  const bucket = 2 * (units.district[k] ?? 0) + (units.urban[k] ?? 0);
  if (now === 1) {
    edit.gained.push(units.order[k] ?? 0);
    edit.newlyCovered += people;
    coveredByClass[bucket] = (coveredByClass[bucket] ?? 0) + people;
  } else {
    edit.lost.push(units.order[k] ?? 0);
    edit.newlyUncovered += people;
    coveredByClass[bucket] = (coveredByClass[bucket] ?? 0) - people;
  }
}

/** Recomputes tile t's reach from its units' nearest distances; raises the engine's bound. */
function refreshTileReach(core: EngineCore, t: number): void {
  const { units, state } = core;
  const best = state.best;
  let farthest = 0;
  for (let k = units.tileStart[t] ?? 0; k < (units.tileStart[t + 1] ?? 0); k++) {
    const c2 = best[k] ?? Infinity;
    if (c2 > farthest) farthest = c2;
  }
  const reach = reachOf(farthest, units.tileRadius[t] ?? 0);
  state.tileReach[t] = reach * reach;
  if (reach > core.maxReach) core.maxReach = reach;
}

/**
 * The delta of an edit that recomputed every unit, from the covered flags before it: every unit
 * counts as changed.
 */
export function deltaFromSnapshot(core: EngineCore, before: Uint8Array): CoverageDelta {
  const { units, n } = core;
  const covered = core.state.covered;
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
    summary: currentSummary(core),
  };
}
