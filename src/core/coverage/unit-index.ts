import type { Demand } from '../population/demand.ts';
import { NO_DISTRICT } from '../population/demand.ts';
import { EARTH_RADIUS_METERS } from '../geo/haversine.ts';
import { unitVector } from './unit-sphere.ts';

const RADIANS_PER_DEGREE = Math.PI / 180;

/**
 * Demand units sorted into a regular lon/lat grid of roughly square tiles, with unit vectors,
 * class and district in tile order. Built once per demand; every coverage query walks tiles, so
 * the inner loops read contiguous memory; the tile grid is its {@link TileGrid}. Internal to the
 * coverage engine.
 */
export interface UnitIndex extends TileGrid {
  readonly count: number;
  /** Internal (tile-order) position → index in the caller's demand arrays. */
  readonly order: Uint32Array;
  /** Unit vectors, xyz interleaved, in tile order. */
  readonly xyz: Float64Array;
  readonly population: Float64Array;
  readonly urban: Uint8Array;
  /** District per unit in tile order; `districtCount` for units in no district. */
  readonly district: Uint16Array;
  readonly districtCount: number;
  /** Units of tile t are internal positions tileStart[t] … tileStart[t + 1] − 1. */
  readonly tileStart: Int32Array;
  /** Occupied tiles, ascending. */
  readonly occupied: Uint32Array;
  /** Unit vector of each tile's centre (3 per tile) and the chord from it to its farthest unit. */
  readonly tileCentre: Float64Array;
  readonly tileRadius: Float64Array;
  /**
   * Crowded tiles (at least {@link CROWDED_TILE} units) are also split into their non-empty 4 × 4
   * sub-cells: tile t has sub-cells tileSubStart[t] … tileSubStart[t + 1] − 1 (none when not
   * crowded); sub-cell s holds units subBegin[s] up to the next sub-cell's begin or the tile's end,
   * with a centre (unit vector) and a radius (chord) like a tile's.
   */
  readonly tileSubStart: Int32Array;
  readonly subBegin: Int32Array;
  readonly subCentre: Float64Array;
  readonly subRadius: Float64Array;
  /**
   * Blocks of {@link BLOCK_SIDE} × {@link BLOCK_SIDE} tiles (the cells of the node grid's second
   * level): the occupied tiles grouped by block (raster order inside a block), block b holding
   * blockOrder[blockStart[b]] … blockOrder[blockStart[b + 1] − 1], with a centre (unit vector)
   * and a radius (chord) that bound all its units. A sparse block shares one candidate search.
   */
  readonly blockOrder: Uint32Array;
  readonly blockStart: Int32Array;
  readonly blockCentre: Float64Array;
  readonly blockRadius: Float64Array;
}

const MAX_TILES = 4_000_000;
/** Tiles per side of a block; equal to the cell side of the node grid's second level. */
export const BLOCK_SIDE = 4;
/** Sub-cells per tile side. */
const SUB = 4;
const SUBCELLS = SUB * SUB;
/** Finer cells per sub-cell side, for the order of units inside a sub-cell. */
const FINE = 4;
const FINE_CELLS = FINE * FINE;
/** Sort keys: sub-cell × FINE_CELLS + finer cell, so a key's sub-cell is key / FINE_CELLS. */
const SORT_KEYS = SUBCELLS * FINE_CELLS;
/**
 * Bits of a sort key: the first move packs tile and key into one 32-bit integer (tile << 8 | key),
 * which fits since there are at most {@link MAX_TILES} (< 2^22) tiles.
 */
const SORT_KEY_BITS = 8;
/**
 * Units per bucket of the index's first move (see createUnitIndex): few enough buckets that their
 * output streams stay in cache, small enough that a bucket's final places do too (measured).
 */
const BUCKET_UNITS = 8192;
/** A tile with at least this many units gets sub-cells, which sharpen its candidate lists. */
export const CROWDED_TILE = 24;

/** Smallest automatic tile side: about 1 km. */
export const DEFAULT_TILE_METERS = 1000;
/** Automatic tiles aim at this many units per occupied tile, so per-tile work is shared. */
const UNITS_PER_TILE = 8;

/**
 * Tile side for a demand (measured, see tests/bench): 1 km when 1 km tiles already hold about
 * {@link UNITS_PER_TILE} units on average (a million-unit demand), growing with the square root of
 * the shortfall up to 3 km for sparse demand such as the shipped 1 km / 250 m grid.
 */
function autoTileMeters(
  demand: Demand,
  west: number,
  south: number,
  grid: { tileLat: number; tileLon: number; columns: number; rows: number },
  size: number,
): number {
  const seen = new Uint8Array(grid.columns * grid.rows);
  let occupied = 0;
  for (let i = 0; i < demand.lon.length; i++) {
    const column = Math.min(
      grid.columns - 1,
      Math.floor(((demand.lon[i] ?? 0) - west) / grid.tileLon),
    );
    const row = Math.min(grid.rows - 1, Math.floor(((demand.lat[i] ?? 0) - south) / grid.tileLat));
    const t = row * grid.columns + column;
    if (seen[t] === 0) {
      seen[t] = 1;
      occupied++;
    }
  }
  const perTile = demand.lon.length / Math.max(1, occupied);
  return size * Math.min(3, Math.max(1, Math.sqrt(UNITS_PER_TILE / perTile)));
}

type IndexArray = Float64Array | Int32Array | Uint32Array | Uint16Array | Uint8Array;
type IndexArrayKind<T extends IndexArray> = (new (length: number) => T) & {
  new (buffer: ArrayBuffer | SharedArrayBuffer): T;
  readonly BYTES_PER_ELEMENT: number;
};

/** Allocates the index's arrays, on shared memory when `shared` (so no copy is needed later). */
function allocator(shared: boolean) {
  return <T extends IndexArray>(Kind: IndexArrayKind<T>, length: number): T =>
    shared ? new Kind(new SharedArrayBuffer(length * Kind.BYTES_PER_ELEMENT)) : new Kind(length);
}

/** The tile grid of an index: south-west corner, tile size in degrees, columns and rows. */
interface TileGrid {
  readonly west: number;
  readonly south: number;
  readonly tileLon: number;
  readonly tileLat: number;
  readonly columns: number;
  readonly rows: number;
}

type Allocate = ReturnType<typeof allocator>;

/**
 * Sorts demand units into tiles of about `tileMeters` a side (automatic when omitted: 1–3 km by
 * density), by counting sort in O(n); every array of the index is on shared memory when `shared`
 * (for a recompute helper thread). Does not
 * mutate the demand. Throws a RangeError on inconsistent arrays or invalid values, since the
 * engine's callers validate user files before they get here.
 *
 * Each pass is a function of its own: V8 optimizes a loop that runs once per build while it runs
 * (on-stack replacement), and in one long function every later loop's missing type feedback threw
 * that optimized code away again (measured: the first builds 2–3× slower than later ones).
 */
export function createUnitIndex(demand: Demand, tileMeters?: number, shared = false): UnitIndex {
  const n = demand.lon.length;
  if (
    demand.lat.length !== n ||
    demand.population.length !== n ||
    demand.urban.length !== n ||
    demand.district.length !== n
  ) {
    throw new RangeError('Demand arrays must all have the same length.');
  }
  const districtCount = demand.districts.length;
  const { west, south, east, north } = validBounds(demand, districtCount);
  const middle = ((south + north) / 2) * RADIANS_PER_DEGREE;
  const gridOf = (size: number) => {
    const height = size / ((EARTH_RADIUS_METERS * Math.PI) / 180);
    const width = Math.min(360, height / Math.max(0.01, Math.cos(middle)));
    return {
      tileLat: height,
      tileLon: width,
      columns: Math.max(1, Math.floor((east - west) / width) + 1),
      rows: Math.max(1, Math.floor((north - south) / height) + 1),
    };
  };
  // Demand spread over a continent would need millions of 1 km tiles: grow the tiles instead.
  let size = tileMeters ?? DEFAULT_TILE_METERS;
  while (gridOf(size).columns * gridOf(size).rows > MAX_TILES) size *= 2;
  if (tileMeters === undefined) size = autoTileMeters(demand, west, south, gridOf(size), size);
  const grid: TileGrid = { west, south, ...gridOf(size) };
  const tileCount = grid.columns * grid.rows;
  const make = allocator(shared);
  // Sort by tile, inside a tile by its 4 × 4 sub-cell, and inside a sub-cell by a 4 × 4 raster of
  // finer cells (then by the caller's order), so a crowded tile can be split without moving units
  // again, and units that follow each other lie close together: they tend to have the same
  // nearest node, which keeps the per-unit search's branches predictable.
  //
  // Demand in random order made this the build's main cost: reading and writing units at random
  // places misses the caches and the TLB on every access. So the units move twice, each time
  // nearly in order: first, read in the caller's order, into buckets of consecutive tiles (a few
  // hundred output streams, each written in order); then, bucket by bucket, to their final
  // places, which lie in a range small enough to stay in cache (a counting sort by sort key, then
  // by tile, both stable, as before).
  const tileKey = new Uint32Array(n);
  const tileStart = make(Int32Array, tileCount + 1);
  sortKeys(demand, grid, tileKey, tileStart);
  const buckets = bucketTiles(tileStart, tileCount);
  // The final arrays hold the first move's output (a bucket's units end up in the same range of
  // places as the bucket): the unit's index in `order`, its coordinates and population in `xyz`,
  // its sort key and class/district in the bytes of `population`. No extra memory to allocate
  // (fresh pages cost as much as the moves), and each bucket is copied aside before its second move.
  const order = make(Uint32Array, n);
  const xyz = make(Float64Array, n * 3);
  const population = make(Float64Array, n);
  const urban = make(Uint8Array, n);
  const district = make(Uint16Array, n);
  const moved = {
    order,
    ints: new Uint32Array(population.buffer, population.byteOffset, 2 * n),
    xyz,
  };
  firstMove(demand, districtCount, tileKey, buckets, moved);
  /** Sort key (sub-cell × FINE_CELLS + finer cell) of each unit in tile order. */
  const keyAt = new Uint8Array(n);
  secondMove(buckets, tileStart, moved, { population, urban, district, keyAt });
  const occupied = make(Uint32Array, buckets.occupied);
  const tileCentre = make(Float64Array, tileCount * 3);
  const tileRadius = make(Float64Array, tileCount);
  tileBounds(grid, tileStart, xyz, occupied, tileCentre, tileRadius);
  return {
    count: n,
    order,
    xyz,
    population,
    urban,
    district,
    districtCount,
    ...grid,
    tileStart,
    occupied,
    tileCentre,
    tileRadius,
    ...subCells(grid, tileStart, occupied, keyAt, xyz, make),
    ...blocksOf(grid, occupied, tileCentre, tileRadius, make),
  };
}

/** Checks every unit (RangeError naming the first bad one) and returns the demand's bounds. */
function validBounds(
  demand: Demand,
  districtCount: number,
): { west: number; south: number; east: number; north: number } {
  const n = demand.lon.length;
  if (n === 0) return { west: 0, south: 0, east: 0, north: 0 };
  let west = Infinity;
  let south = Infinity;
  let east = -Infinity;
  let north = -Infinity;
  for (let i = 0; i < n; i++) {
    const lon = demand.lon[i] ?? Number.NaN;
    const lat = demand.lat[i] ?? Number.NaN;
    const people = demand.population[i] ?? Number.NaN;
    const district = demand.district[i] ?? 0;
    if (!(lon >= -180 && lon <= 180 && lat >= -90 && lat <= 90)) {
      throw new RangeError(`Demand unit ${String(i)} has invalid coordinates.`);
    }
    if (!(people >= 0 && people < Infinity)) {
      throw new RangeError(`Demand unit ${String(i)} has an invalid population.`);
    }
    if (district !== NO_DISTRICT && district >= districtCount) {
      throw new RangeError(
        `Demand unit ${String(i)} refers to unknown district ${String(district)}.`,
      );
    }
    if (lon < west) west = lon;
    if (lon > east) east = lon;
    if (lat < south) south = lat;
    if (lat > north) north = lat;
  }
  return { west, south, east, north };
}

/** Per unit, tile << SORT_KEY_BITS | sort key into `tileKey`; units per tile t into tileStart[t + 1]. */
function sortKeys(
  demand: Demand,
  grid: TileGrid,
  tileKey: Uint32Array,
  tileStart: Int32Array,
): void {
  const { west, south, tileLon, tileLat, columns, rows } = grid;
  const fineSide = SUB * FINE;
  for (let i = 0; i < tileKey.length; i++) {
    const x = ((demand.lon[i] ?? 0) - west) / tileLon;
    const y = ((demand.lat[i] ?? 0) - south) / tileLat;
    const column = Math.min(columns - 1, Math.floor(x));
    const row = Math.min(rows - 1, Math.floor(y));
    const t = row * columns + column;
    const fx = Math.max(0, Math.min(fineSide - 1, Math.floor((x - column) * fineSide)));
    const fy = Math.max(0, Math.min(fineSide - 1, Math.floor((y - row) * fineSide)));
    const sub = Math.floor(fy / FINE) * SUB + Math.floor(fx / FINE);
    tileKey[i] = (t << SORT_KEY_BITS) + sub * FINE_CELLS + (fy % FINE) * FINE + (fx % FINE);
    tileStart[t + 1] = (tileStart[t + 1] ?? 0) + 1;
  }
}

/** Buckets of consecutive tiles: bucket b holds places ends[b − 1] (0 for the first) … ends[b] − 1. */
interface Buckets {
  readonly ofTile: Int32Array;
  readonly ends: Int32Array;
  readonly largest: number;
  /** Occupied tiles. */
  readonly occupied: number;
}

/**
 * Turns the per-tile counts in `tileStart` into offsets (mutates it) and cuts the tiles into
 * buckets of about {@link BUCKET_UNITS} units.
 */
function bucketTiles(tileStart: Int32Array, tileCount: number): Buckets {
  const ofTile = new Int32Array(tileCount);
  const ends: number[] = [];
  let occupied = 0;
  let bucketBegin = 0;
  for (let t = 0; t < tileCount; t++) {
    const here = tileStart[t + 1] ?? 0;
    if (here > 0) occupied++;
    const before = tileStart[t] ?? 0;
    if (before - bucketBegin >= BUCKET_UNITS) {
      ends.push(before);
      bucketBegin = before;
    }
    ofTile[t] = ends.length;
    tileStart[t + 1] = here + before;
  }
  ends.push(tileStart[tileCount] ?? 0);
  let largest = 0;
  for (let b = 0; b < ends.length; b++) {
    largest = Math.max(largest, (ends[b] ?? 0) - (b === 0 ? 0 : (ends[b - 1] ?? 0)));
  }
  return { ofTile, ends: Int32Array.from(ends), largest, occupied };
}

/** Where units are while they move (see createUnitIndex): index; key and class; lon, lat, people. */
interface Moved {
  readonly order: Uint32Array;
  readonly ints: Uint32Array;
  readonly xyz: Float64Array;
}

/** First move, in the caller's order, into the buckets (in the caller's order inside each). */
function firstMove(
  demand: Demand,
  districtCount: number,
  tileKey: Uint32Array,
  buckets: Buckets,
  moved: Moved,
): void {
  const { order, ints, xyz } = moved;
  const bucketOfTile = buckets.ofTile;
  const bucketNext = new Int32Array(buckets.ends.length);
  for (let b = 1; b < bucketNext.length; b++) bucketNext[b] = buckets.ends[b - 1] ?? 0;
  for (let i = 0; i < tileKey.length; i++) {
    const v = tileKey[i] ?? 0;
    const b = bucketOfTile[v >>> SORT_KEY_BITS] ?? 0;
    const p = bucketNext[b] ?? 0;
    bucketNext[b] = p + 1;
    const d = demand.district[i] ?? NO_DISTRICT;
    order[p] = i;
    ints[2 * p] = v;
    ints[2 * p + 1] = 2 * (d === NO_DISTRICT ? districtCount : d) + (demand.urban[i] === 0 ? 0 : 1);
    xyz[3 * p] = demand.lon[i] ?? 0;
    xyz[3 * p + 1] = demand.lat[i] ?? 0;
    xyz[3 * p + 2] = demand.population[i] ?? 0;
  }
}

/**
 * Second move, bucket by bucket (copied aside first): by sort key, then by tile (both stable), to
 * the final places, writing the final arrays (over the first move's output).
 */
function secondMove(
  buckets: Buckets,
  tileStart: Int32Array,
  moved: Moved,
  out: { population: Float64Array; urban: Uint8Array; district: Uint16Array; keyAt: Uint8Array },
): void {
  const { order, ints, xyz } = moved;
  const { population, urban, district, keyAt } = out;
  const next = tileStart.slice(0, tileStart.length - 1);
  const asideIndex = new Uint32Array(buckets.largest);
  const asideInts = new Uint32Array(2 * buckets.largest);
  const asideValues = new Float64Array(3 * buckets.largest);
  const byKey = new Int32Array(buckets.largest);
  const keyCount = new Int32Array(SORT_KEYS + 1);
  const ends = buckets.ends;
  for (let b = 0; b < ends.length; b++) {
    const begin = b === 0 ? 0 : (ends[b - 1] ?? 0);
    const end = ends[b] ?? 0;
    const size = end - begin;
    asideIndex.set(order.subarray(begin, end));
    asideInts.set(ints.subarray(2 * begin, 2 * end));
    asideValues.set(xyz.subarray(3 * begin, 3 * end));
    keyCount.fill(0);
    for (let q = 0; q < size; q++) {
      const key = (asideInts[2 * q] ?? 0) & (SORT_KEYS - 1);
      keyCount[key + 1] = (keyCount[key + 1] ?? 0) + 1;
    }
    for (let c = 0; c < SORT_KEYS; c++) {
      keyCount[c + 1] = (keyCount[c + 1] ?? 0) + (keyCount[c] ?? 0);
    }
    for (let q = 0; q < size; q++) {
      const key = (asideInts[2 * q] ?? 0) & (SORT_KEYS - 1);
      const at = keyCount[key] ?? 0;
      byKey[at] = q;
      keyCount[key] = at + 1;
    }
    for (let j = 0; j < size; j++) {
      const q = byKey[j] ?? 0;
      const v = asideInts[2 * q] ?? 0;
      const key = v & (SORT_KEYS - 1);
      const t = v >>> SORT_KEY_BITS;
      const k = next[t] ?? 0;
      next[t] = k + 1;
      order[k] = asideIndex[q] ?? 0;
      const meta = asideInts[2 * q + 1] ?? 0;
      urban[k] = meta & 1;
      district[k] = meta >>> 1;
      keyAt[k] = key;
      unitVector(asideValues[3 * q] ?? 0, asideValues[3 * q + 1] ?? 0, xyz, k);
      population[k] = asideValues[3 * q + 2] ?? 0;
    }
  }
}

/** Lists the occupied tiles and writes each one's centre and radius. */
function tileBounds(
  grid: TileGrid,
  tileStart: Int32Array,
  xyz: Float64Array,
  occupied: Uint32Array,
  tileCentre: Float64Array,
  tileRadius: Float64Array,
): void {
  const { west, south, tileLon, tileLat, columns } = grid;
  const tileCount = tileStart.length - 1;
  let o = 0;
  for (let t = 0; t < tileCount; t++) {
    const start = tileStart[t] ?? 0;
    const end = tileStart[t + 1] ?? 0;
    if (end === start) continue;
    occupied[o++] = t;
    const column = t % columns;
    const row = (t - column) / columns;
    unitVector(west + (column + 0.5) * tileLon, south + (row + 0.5) * tileLat, tileCentre, t);
    const cx = tileCentre[3 * t] ?? 0;
    const cy = tileCentre[3 * t + 1] ?? 0;
    const cz = tileCentre[3 * t + 2] ?? 0;
    let farthest = 0;
    for (let k = start; k < end; k++) {
      const dx = (xyz[3 * k] ?? 0) - cx;
      const dy = (xyz[3 * k + 1] ?? 0) - cy;
      const dz = (xyz[3 * k + 2] ?? 0) - cz;
      const c2 = dx * dx + dy * dy + dz * dz;
      if (c2 > farthest) farthest = c2;
    }
    tileRadius[t] = Math.sqrt(farthest);
  }
}

/** Sub-cells of crowded tiles: their unit ranges, centres and radii (counted first, then filled). */
function subCells(
  grid: TileGrid,
  tileStart: Int32Array,
  occupied: Uint32Array,
  keyAt: Uint8Array,
  xyz: Float64Array,
  make: Allocate,
): Pick<UnitIndex, 'tileSubStart' | 'subBegin' | 'subCentre' | 'subRadius'> {
  const { west, south, tileLon, tileLat, columns } = grid;
  const tileCount = tileStart.length - 1;
  const tileSubStart = make(Int32Array, tileCount + 1);
  let subCount = 0;
  for (const t of occupied) {
    const start = tileStart[t] ?? 0;
    const end = tileStart[t + 1] ?? 0;
    if (end - start < CROWDED_TILE) continue;
    let previous = -1;
    for (let k = start; k < end; k++) {
      const sub = ((keyAt[k] ?? 0) - ((keyAt[k] ?? 0) % FINE_CELLS)) / FINE_CELLS;
      if (sub !== previous) subCount++;
      previous = sub;
    }
  }
  const subBegin = make(Int32Array, subCount);
  const subCentre = make(Float64Array, subCount * 3);
  const subRadius = make(Float64Array, subCount);
  let s = 0;
  for (let t = 0; t < tileCount; t++) {
    tileSubStart[t] = s;
    const start = tileStart[t] ?? 0;
    const end = tileStart[t + 1] ?? 0;
    if (end - start < CROWDED_TILE) continue;
    const column = t % columns;
    const row = (t - column) / columns;
    let k = start;
    while (k < end) {
      const sub = Math.floor((keyAt[k] ?? 0) / FINE_CELLS);
      subBegin[s] = k;
      unitVector(
        west + (column + ((sub % SUB) + 0.5) / SUB) * tileLon,
        south + (row + (Math.floor(sub / SUB) + 0.5) / SUB) * tileLat,
        subCentre,
        s,
      );
      const cx = subCentre[3 * s] ?? 0;
      const cy = subCentre[3 * s + 1] ?? 0;
      const cz = subCentre[3 * s + 2] ?? 0;
      let farthest = 0;
      while (k < end && Math.floor((keyAt[k] ?? 0) / FINE_CELLS) === sub) {
        const dx = (xyz[3 * k] ?? 0) - cx;
        const dy = (xyz[3 * k + 1] ?? 0) - cy;
        const dz = (xyz[3 * k + 2] ?? 0) - cz;
        const c2 = dx * dx + dy * dy + dz * dz;
        if (c2 > farthest) farthest = c2;
        k++;
      }
      subRadius[s] = Math.sqrt(farthest);
      s++;
    }
  }
  tileSubStart[tileCount] = s;
  return { tileSubStart, subBegin, subCentre, subRadius };
}

/**
 * Blocks: occupied tiles grouped by their 4 × 4 block (a stable counting sort keeps raster order
 * inside each block), with a bounding centre and radius per occupied block.
 */
function blocksOf(
  grid: TileGrid,
  occupied: Uint32Array,
  tileCentre: Float64Array,
  tileRadius: Float64Array,
  make: Allocate,
): Pick<UnitIndex, 'blockOrder' | 'blockStart' | 'blockCentre' | 'blockRadius'> {
  const { west, south, tileLon, tileLat, columns, rows } = grid;
  const blockColumns = Math.ceil(columns / BLOCK_SIDE);
  const blockOf = (t: number): number => {
    const column = t % columns;
    const row = (t - column) / columns;
    return Math.floor(row / BLOCK_SIDE) * blockColumns + Math.floor(column / BLOCK_SIDE);
  };
  /** Per block of the grid: occupied tiles in it, then (once numbered) its slot. */
  const blockTiles = new Int32Array(blockColumns * Math.ceil(rows / BLOCK_SIDE));
  for (const t of occupied) {
    const id = blockOf(t);
    blockTiles[id] = (blockTiles[id] ?? 0) + 1;
  }
  let blockCount = 0;
  for (const tiles of blockTiles) if (tiles > 0) blockCount++;
  const blockIds = new Int32Array(blockCount);
  const blockStart = make(Int32Array, blockCount + 1);
  let slot = 0;
  for (let id = 0; id < blockTiles.length; id++) {
    const tiles = blockTiles[id] ?? 0;
    if (tiles === 0) continue;
    blockIds[slot] = id;
    blockStart[slot + 1] = (blockStart[slot] ?? 0) + tiles;
    blockTiles[id] = slot++;
  }
  const blockNext = blockStart.slice(0, blockCount);
  const blockOrder = make(Uint32Array, occupied.length);
  for (const t of occupied) {
    const b = blockTiles[blockOf(t)] ?? 0;
    blockOrder[blockNext[b] ?? 0] = t;
    blockNext[b] = (blockNext[b] ?? 0) + 1;
  }
  const blockCentre = make(Float64Array, blockCount * 3);
  const blockRadius = make(Float64Array, blockCount);
  for (let b = 0; b < blockCount; b++) {
    const id = blockIds[b] ?? 0;
    const blockColumn = id % blockColumns;
    const blockRow = (id - blockColumn) / blockColumns;
    unitVector(
      west + (blockColumn + 0.5) * BLOCK_SIDE * tileLon,
      south + (blockRow + 0.5) * BLOCK_SIDE * tileLat,
      blockCentre,
      b,
    );
    let radius = 0;
    for (let o = blockStart[b] ?? 0; o < (blockStart[b + 1] ?? 0); o++) {
      const t = blockOrder[o] ?? 0;
      const dx = (tileCentre[3 * t] ?? 0) - (blockCentre[3 * b] ?? 0);
      const dy = (tileCentre[3 * t + 1] ?? 0) - (blockCentre[3 * b + 1] ?? 0);
      const dz = (tileCentre[3 * t + 2] ?? 0) - (blockCentre[3 * b + 2] ?? 0);
      radius = Math.max(radius, Math.sqrt(dx * dx + dy * dy + dz * dz) + (tileRadius[t] ?? 0));
    }
    blockRadius[b] = radius;
  }
  return { blockOrder, blockStart, blockCentre, blockRadius };
}
