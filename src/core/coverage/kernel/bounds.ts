import { TIE_ANGLE } from '../unit-sphere.ts';

/**
 * The tile kernel's distance bounds and tuning constants, and the one pruning rule every
 * candidate list uses ({@link beatenEverywhere}). Internal to src/core/coverage.
 */

/** Tie band in arc (radians on the unit sphere): within it the exact haversine decides. */
export const TIE = TIE_ANGLE;

/**
 * A band of squared chords wide enough to contain every micrometre tie at any distance (a chord
 * is at most 2, so 2·chord·TIE + TIE² ≤ 4·TIE + TIE²). Inside it, the exact tie-break decides;
 * outside, a plain comparison is already exact. Avoids a square root per candidate.
 */
export const TIE_GAP = 4 * TIE_ANGLE + TIE_ANGLE * TIE_ANGLE;

/**
 * The margin (squared chord) by which a dropped candidate must lose everywhere (see
 * {@link beatenEverywhere}): four tie bands, so it is farther by at least four micrometres of arc
 * (squared chords that differ by δ come from chords that differ by at least δ / 4), far beyond
 * the rounding of the squared chords compared (about 1e-22 at these distances).
 */
const PRUNE_MARGIN = 4 * TIE_GAP;

/** Slack added to every distance bound so float rounding can only widen a search. */
export const BOUND_SLACK = 1e-12;

/** Occupied blocks per chunk when two threads share a recompute (see TileKernel.computeTiles). */
export const CHUNK_BLOCKS = 64;

/** A block whose shared candidate list is at most this long is not searched tile by tile. */
export const SHARED_BLOCK_CANDIDATES = 8;
/**
 * A tile of at most this many units compares them with its block's candidates directly, when the
 * block has at most SPARSE_BLOCK_CANDIDATES: cheaper than a search or a narrowing of its own
 * (1.3 M units × 5,000 nodes: about 75,700 tiles, 57,000 of them with 8 units or fewer).
 */
export const SPARSE_TILE_UNITS = 16;
export const SPARSE_BLOCK_CANDIDATES = 64;

/**
 * True when node `slot` (unit vectors in `node`) is beaten everywhere in a region by the node A
 * at (ax, ay, az) that is nearest the region's centre c, `gap` = |c−B|² − |c−A|² being how much
 * farther B is from c (squared chords) and `twoRho` twice the region's radius. For any vectors,
 * |u−B|² − |u−A|² = |c−B|² − |c−A|² − 2(u−c)·(B−A), and |(u−c)·(B−A)| ≤ rho·|B−A| when u is
 * within chord rho of c. So when gap > 2·rho·|B−A| + PRUNE_MARGIN, A is nearer than B to every
 * unit of the region by more than the tie band: B can be neither the nearest there nor tied
 * with it, and is dropped from the region's list.
 */
export function beatenEverywhere(
  node: Float64Array,
  slot: number,
  gap: number,
  twoRho: number,
  ax: number,
  ay: number,
  az: number,
): boolean {
  const dx = (node[3 * slot] ?? 0) - ax;
  const dy = (node[3 * slot + 1] ?? 0) - ay;
  const dz = (node[3 * slot + 2] ?? 0) - az;
  return gap > twoRho * Math.sqrt(dx * dx + dy * dy + dz * dz) + PRUNE_MARGIN;
}

/**
 * A tile's reach (chord) from the largest squared chord `farthest` of its units to their nearest
 * nodes and the tile's radius: how far a node can be and still matter to some unit of the tile.
 */
export function reachOf(farthest: number, tileRadius: number): number {
  return Math.sqrt(farthest) + tileRadius + 2 * BOUND_SLACK + TIE;
}
