import type { NodeGridLevel, NodeSet } from '../node-set.ts';
import type { UnitIndex } from '../unit-index.ts';
import { BOUND_SLACK as SLACK } from './bounds.ts';
import { keepPossibleNearest, type Candidates } from './candidates.ts';

/**
 * The ring search of the tile kernel: gathers the candidate list of a region (a tile or a block)
 * from the node set's grid levels, ring by ring around the region's tile, climbing a level when
 * two rings were not enough to bound the answer. Internal to src/core/coverage.
 */

// Module-local copies: some loaders (tsx) turn imported bindings into getters, which would cost a
// call per use inside the per-node loops.
const BOUND_SLACK = SLACK;
const keepNearest = keepPossibleNearest;

export class RingSearch {
  /** The upper bound (chord) on the nearest-node distance that the last search ended with. */
  lastBestUpper = 0;
  private readonly units: UnitIndex;
  private readonly nodes: NodeSet;
  /** Per grid level, lower bounds (chord) between a tile and any node in ring k ≥ 2 around it. */
  private readonly ringBounds: number[][] = [];
  /** Cosine of the grid's extreme latitude, where east–west separation is smallest. */
  private readonly cosExtreme: number;
  /** The bound the nodes outside the grids gave the running search (each level starts there). */
  private outsideUpper = Infinity;
  /** The upper bound a {@link RingSearch.searchLevel} ended with. */
  private levelUpper = Infinity;

  constructor(units: UnitIndex, nodes: NodeSet) {
    this.units = units;
    this.nodes = nodes;
    const southAbs = Math.abs(units.south);
    const northAbs = Math.abs(units.south + units.rows * units.tileLat);
    this.cosExtreme = Math.cos((Math.min(89.999, Math.max(southAbs, northAbs)) * Math.PI) / 180);
  }

  /** A lower bound (chord) between a tile and any node in ring `ring` ≥ 2 of a level's cells. */
  ringLowerBound(level: number, cellTiles: number, ring: number): number {
    const bounds = (this.ringBounds[level] ??= []);
    let bound = bounds[ring];
    if (bound === undefined) {
      const units = this.units;
      const gap = ring - 1;
      const latitudeGap = (gap * cellTiles * units.tileLat * Math.PI) / 180;
      const longitudeGap = Math.min(Math.PI, (gap * cellTiles * units.tileLon * Math.PI) / 180);
      const eastWest = 2 * Math.asin(this.cosExtreme * Math.sin(longitudeGap / 2));
      const angle = Math.min(latitudeGap, eastWest);
      bound = 2 * Math.sin(Math.min(Math.PI, angle) / 2) - BOUND_SLACK;
      bounds[ring] = bound;
    }
    return bound;
  }

  /**
   * The finest level whose first two rings would have bounded a search that ended with
   * `upper`: a good place to start the next, neighbouring tile.
   */
  levelFor(upper: number): number {
    const levels = this.nodes.levels;
    for (let level = 0; level < levels.length; level++) {
      if (this.ringLowerBound(level, levels[level]?.cellTiles ?? 1, 3) > upper) return level;
    }
    return levels.length - 1;
  }

  /**
   * Fills `into` for the units within chord `radius` of (cx, cy, cz), all inside tile (column,
   * row) or, from `startLevel` 1 on, inside that tile's block, leaving out `exclude` (a slot, or
   * -1): every node that can be nearest to one of those units, sorted by distance from the centre.
   * Searches rings of cells around the tile on the finest grid level (or `startLevel`, a hint:
   * any level gives the same answer) and climbs a level when two rings were not enough to bound
   * the answer. Returns the level it finished on; sets {@link RingSearch.lastBestUpper}. Hot
   * path: no closures are created per call (each would cost an allocation per tile).
   */
  gather(
    into: Candidates,
    cx: number,
    cy: number,
    cz: number,
    radius: number,
    column: number,
    row: number,
    exclude: number,
    startLevel: number,
  ): number {
    into.count = 0;
    const rho = radius + BOUND_SLACK;
    let bestUpper = Infinity;
    let admit = Infinity;
    const node = this.nodes.xyz;
    for (const slot of this.nodes.outside) {
      if (slot === exclude) continue;
      const dx = (node[3 * slot] ?? 0) - cx;
      const dy = (node[3 * slot + 1] ?? 0) - cy;
      const dz = (node[3 * slot + 2] ?? 0) - cz;
      const c2 = dx * dx + dy * dy + dz * dz;
      if (c2 > admit) continue;
      const e = Math.sqrt(c2);
      into.push(slot, e);
      if (e + rho < bestUpper) {
        bestUpper = e + rho;
        admit = (bestUpper + rho) * (bestUpper + rho);
      }
    }
    const outsideCount = into.count;
    this.outsideUpper = bestUpper;
    const levels = this.nodes.levels;
    let finished = levels.length - 1;
    for (let level = Math.min(startLevel, finished); level < levels.length; level++) {
      const grid = levels[level];
      if (grid === undefined) break;
      into.count = outsideCount;
      const top = level === levels.length - 1;
      const ended = this.searchLevel(into, grid, level, top, column, row, exclude, cx, cy, cz, rho);
      bestUpper = this.levelUpper;
      if (ended) {
        finished = level;
        break;
      }
    }
    keepNearest(into, node, rho, bestUpper);
    this.lastBestUpper = bestUpper;
    return finished;
  }

  /**
   * One level of {@link RingSearch.gather}: adds the nodes of the rings of cells around the
   * tile's cell (up to two rings below the top level) to `into`, after the nodes outside the
   * grids (already there; their bound is `outsideUpper`). Sets {@link RingSearch.levelUpper};
   * returns true when the answer is bounded on this level (no need to climb).
   */
  private searchLevel(
    into: Candidates,
    grid: NodeGridLevel,
    level: number,
    top: boolean,
    column: number,
    row: number,
    exclude: number,
    cx: number,
    cy: number,
    cz: number,
    rho: number,
  ): boolean {
    let bestUpper = this.outsideUpper;
    const { cellTiles, columns: gridColumns, rows: gridRows, start: cellStart } = grid;
    const gridColumn = Math.floor(column / cellTiles);
    const gridRow = Math.floor(row / cellTiles);
    const lastRing = Math.max(
      gridColumn,
      gridColumns - 1 - gridColumn,
      gridRow,
      gridRows - 1 - gridRow,
    );
    const maxRing = top ? lastRing : Math.min(lastRing, 2);
    let done = false;
    for (let ring = 0; ring <= maxRing; ring++) {
      if (ring >= 2 && this.ringLowerBound(level, cellTiles, ring) > bestUpper) {
        done = true;
        break;
      }
      const r0 = gridRow - ring;
      const r1 = gridRow + ring;
      const c0 = gridColumn - ring;
      const c1 = gridColumn + ring;
      const rowFirst = Math.max(0, r0);
      const rowLast = Math.min(gridRows - 1, r1);
      for (let r = rowFirst; r <= rowLast; r++) {
        const base = r * gridColumns;
        // Up to two runs of cells in this row: the whole span on the ring's first and last
        // rows, its two ends on the rows between.
        let from0 = 0;
        let to0 = 0;
        let from1 = 0;
        let to1 = 0;
        if (r === r0 || r === r1) {
          from0 = cellStart[base + Math.max(0, c0)] ?? 0;
          to0 = cellStart[base + Math.min(gridColumns - 1, c1) + 1] ?? 0;
        } else {
          if (c0 >= 0) {
            from0 = cellStart[base + c0] ?? 0;
            to0 = cellStart[base + c0 + 1] ?? 0;
          }
          if (c1 < gridColumns) {
            from1 = cellStart[base + c1] ?? 0;
            to1 = cellStart[base + c1 + 1] ?? 0;
          }
        }
        bestUpper = scanCells(into, grid, from0, to0, exclude, cx, cy, cz, rho, bestUpper);
        bestUpper = scanCells(into, grid, from1, to1, exclude, cx, cy, cz, rho, bestUpper);
      }
    }
    this.levelUpper = bestUpper;
    return (
      done ||
      top ||
      maxRing === lastRing ||
      this.ringLowerBound(level, cellTiles, maxRing + 1) > bestUpper
    );
  }
}

/**
 * Adds the nodes of cell entries from … to − 1 of a grid level that are
 * within reach of the region (chord `rho` around (cx, cy, cz)) given the bound so far,
 * `bestUpper`, to `into`, leaving out `exclude`; returns the tightened bound.
 */
function scanCells(
  into: Candidates,
  grid: NodeGridLevel,
  from: number,
  to: number,
  exclude: number,
  cx: number,
  cy: number,
  cz: number,
  rho: number,
  upper: number,
): number {
  const { slots: cellSlots, xyz: cellXyz } = grid;
  let bestUpper = upper;
  let admit = bestUpper === Infinity ? Infinity : (bestUpper + rho) * (bestUpper + rho);
  for (let p = from; p < to; p++) {
    const slot = cellSlots[p] ?? 0;
    if (slot === exclude) continue;
    const dx = (cellXyz[3 * p] ?? 0) - cx;
    const dy = (cellXyz[3 * p + 1] ?? 0) - cy;
    const dz = (cellXyz[3 * p + 2] ?? 0) - cz;
    const c2 = dx * dx + dy * dy + dz * dz;
    if (c2 > admit) continue;
    const e = Math.sqrt(c2);
    into.push(slot, e);
    if (e + rho < bestUpper) {
      bestUpper = e + rho;
      admit = (bestUpper + rho) * (bestUpper + rho);
    }
  }
  return bestUpper;
}
