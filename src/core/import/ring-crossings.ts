/**
 * Where a polygon ring crosses itself, found through a spatial index over its segments instead of
 * comparing every segment with every other (`@turf/kinks` did that and allocated a point per
 * crossing: a 4,999-vertex star took 38–63 s and 12.5 M points). Crossings are counted, never
 * materialised; only the first one (in segment order) is kept for the message.
 *
 * The rule is kinks' rule, so the counts are the same: two segments of the ring that are not
 * neighbours (the last and the first segment of a closed ring are neighbours) cross when their
 * lines meet within both segments, ends included; parallel or collinear segments never count.
 */
import Flatbush from 'flatbush';
import type { Position } from 'geojson';

export interface RingCrossings {
  /** Crossings found (each pair of segments counted once). */
  readonly count: number;
  /** Where the first crossing (lowest pair of segment numbers) is, or null without one. */
  readonly first: readonly [number, number] | null;
  /** False when `deadline` passed before every segment was compared: `count` is then a floor. */
  readonly complete: boolean;
}

/** Thrown from inside the index search to stop it when the deadline has passed. */
class DeadlinePassed extends Error {}
const STOP = new DeadlinePassed('self-crossing check: deadline passed');

/** Rings with at most this many segments are compared pair by pair, without an index. */
const SMALL_RING_SEGMENTS = 32;

/** How many segment comparisons run between two looks at the clock. */
const CLOCK_EVERY = 1 << 16;

/**
 * Counts the self-crossings of `ring` (positions as [x, y, …]; the ring may or may not repeat its
 * first position at the end). Stops, with `complete: false`, once `Date.now()` passes `deadline`.
 */
export function ringCrossings(ring: readonly Position[], deadline = Infinity): RingCrossings {
  const n = ring.length - 1; // segments
  if (n < 3) return { count: 0, first: null, complete: true };
  const xs = new Float64Array(n + 1);
  const ys = new Float64Array(n + 1);
  for (let i = 0; i <= n; i += 1) {
    const p = ring[i] as Position;
    xs[i] = p[0] as number;
    ys[i] = p[1] as number;
  }
  const closed = xs[0] === xs[n] && ys[0] === ys[n];
  let count = 0;
  let firstI = -1;
  let firstJ = -1;
  let firstX = 0;
  let firstY = 0;
  let tests = 0;
  let i = 0;
  // Segment i against every later segment j whose box touches its box (so each pair once).
  const compare = (j: number): boolean => {
    if (j <= i + 1) return false;
    if (closed && i === 0 && j === n - 1) return false;
    tests += 1;
    if (tests % CLOCK_EVERY === 0 && Date.now() > deadline) throw STOP;
    const x1 = xs[i] as number;
    const y1 = ys[i] as number;
    const x2 = xs[i + 1] as number;
    const y2 = ys[i + 1] as number;
    const x3 = xs[j] as number;
    const y3 = ys[j] as number;
    const x4 = xs[j + 1] as number;
    const y4 = ys[j + 1] as number;
    // The same arithmetic as @turf/kinks' lineIntersects, so borderline cases agree.
    const denominator = (y4 - y3) * (x2 - x1) - (x4 - x3) * (y2 - y1);
    if (denominator === 0) return false;
    const a0 = y1 - y3;
    const b0 = x1 - x3;
    const a = ((x4 - x3) * a0 - (y4 - y3) * b0) / denominator;
    const b = ((x2 - x1) * a0 - (y2 - y1) * b0) / denominator;
    if (a >= 0 && a <= 1 && b >= 0 && b <= 1) {
      count += 1;
      if (firstI === -1 || (i === firstI && j < firstJ)) {
        firstI = i;
        firstJ = j;
        firstX = x1 + a * (x2 - x1);
        firstY = y1 + a * (y2 - y1);
      }
    }
    return false;
  };
  if (n <= SMALL_RING_SEGMENTS) {
    // A small ring: every pair directly, faster than building an index.
    for (; i < n; i += 1) for (let j = i + 2; j < n; j += 1) compare(j);
    return { count, first: firstI === -1 ? null : [firstX, firstY], complete: true };
  }
  const index = new Flatbush(n);
  for (let i = 0; i < n; i += 1) {
    const ax = xs[i] as number;
    const ay = ys[i] as number;
    const bx = xs[i + 1] as number;
    const by = ys[i + 1] as number;
    index.add(Math.min(ax, bx), Math.min(ay, by), Math.max(ax, bx), Math.max(ay, by));
  }
  index.finish();

  try {
    for (; i < n; i += 1) {
      const ax = xs[i] as number;
      const ay = ys[i] as number;
      const bx = xs[i + 1] as number;
      const by = ys[i + 1] as number;
      index.search(Math.min(ax, bx), Math.min(ay, by), Math.max(ax, bx), Math.max(ay, by), compare);
      if ((i & 255) === 0 && Date.now() > deadline) throw STOP;
    }
  } catch (error) {
    if (error !== STOP) throw error;
    return { count, first: firstI === -1 ? null : [firstX, firstY], complete: false };
  }
  return { count, first: firstI === -1 ? null : [firstX, firstY], complete: true };
}
