import { BLOCK_SIDE, type UnitIndex } from './unit-index.ts';
import { unitVector } from './unit-sphere.ts';

/**
 * One level of the node grid: square cells of `cellTiles` × `cellTiles` unit tiles, with the live
 * slots packed by cell, row after row (compressed sparse rows): the nodes of cell c are entries
 * start[c] … start[c + 1] − 1, so a run of cells along a grid row is one contiguous range, and
 * each entry keeps its node's unit vector beside its slot. Edits shift the entries between the old
 * and the new place, so a short move costs little.
 */
export interface NodeGridLevel {
  readonly cellTiles: number;
  readonly columns: number;
  readonly rows: number;
  /** Entry ranges by cell (length cells + 1; the last is the number of entries). */
  readonly start: Int32Array;
  /** Slot of each entry (capacity may exceed the entries). */
  slots: Int32Array;
  /** Unit vector of each entry's node (x, y, z). */
  xyz: Float64Array;
  /** The cell each slot is in on this level, or -1. */
  cellOf: Int32Array;
}

/** A node set's slots as plain data (for a recompute shard on another thread). Structured-cloneable. */
export interface NodeSnapshot {
  /** Id of each slot, dead slots included. */
  readonly ids: readonly string[];
  readonly lon: Float64Array;
  readonly lat: Float64Array;
  /** 1 for a live slot. */
  readonly alive: Uint8Array;
}

/**
 * Cell sides of the grid levels, in tiles: 1, 4, 16, 64 and 256 tiles. The second level's cells
 * are the unit index's blocks, so a block's candidate search can start there.
 */
const LEVEL_TILES = [1, BLOCK_SIDE, BLOCK_SIDE ** 2, BLOCK_SIDE ** 3, BLOCK_SIDE ** 4] as const;

/**
 * The engine's mutable set of supply nodes in slots (a removed node leaves a dead slot, so unit →
 * slot references stay valid), plus a pyramid of grids over the unit tiles for nearest-node
 * searches: a search starts on the finest level and climbs only where nodes are sparse, so both
 * a dense city centre and an empty mountain cost a few dozen cell visits. Adding, moving or
 * removing a node updates each level in O(nodes in its cell). Internal to the coverage engine;
 * the methods that change it say so.
 */
export class NodeSet {
  ids: string[] = [];
  lon = new Float64Array(16);
  lat = new Float64Array(16);
  xyz = new Float64Array(48);
  alive = new Uint8Array(16);
  readonly slotOf = new Map<string, number>();
  readonly levels: NodeGridLevel[];
  /** Live slots outside the grids, which every search includes. */
  outside: number[] = [];
  /** Bumped by every add, move and remove, so a copy elsewhere knows when it is stale. */
  version = 0;
  #aliveCount = 0;

  constructor(readonly units: UnitIndex) {
    this.levels = [];
    for (const cellTiles of LEVEL_TILES) {
      const columns = Math.ceil(units.columns / cellTiles);
      const rows = Math.ceil(units.rows / cellTiles);
      this.levels.push({
        cellTiles,
        columns,
        rows,
        start: new Int32Array(columns * rows + 1),
        slots: new Int32Array(16),
        xyz: new Float64Array(48),
        cellOf: new Int32Array(16).fill(-1),
      });
      if (columns === 1 && rows === 1) break;
    }
  }

  get aliveCount(): number {
    return this.#aliveCount;
  }

  /** Adds a node in a new slot and files it in the grids (mutates). The caller checks the id is new. */
  add(id: string, lon: number, lat: number): number {
    const slot = this.#newSlot(id, lon, lat);
    this.#file(slot);
    this.version++;
    return slot;
  }

  /** A new live slot for a node, not yet filed in the grids. */
  #newSlot(id: string, lon: number, lat: number): number {
    const slot = this.ids.length;
    if (slot === this.lon.length) this.#grow();
    this.ids.push(id);
    this.slotOf.set(id, slot);
    this.#place(slot, lon, lat);
    this.alive[slot] = 1;
    this.#aliveCount++;
    return slot;
  }

  /** The slots as plain data (copies). */
  snapshot(): NodeSnapshot {
    const count = this.ids.length;
    return {
      ids: this.ids.slice(),
      lon: this.lon.slice(0, count),
      lat: this.lat.slice(0, count),
      alive: this.alive.slice(0, count),
    };
  }

  /**
   * Adds nodes in new slots, in order, and files them all at once (mutates): O(nodes + cells)
   * instead of one shift per node. The caller checks the ids are new and distinct.
   */
  addAll(
    list: readonly { readonly id: string; readonly lon: number; readonly lat: number }[],
  ): void {
    for (const node of list) this.#newSlot(node.id, node.lon, node.lat);
    this.#refileAll();
    this.version++;
  }

  /**
   * Replaces every node with `list`, in new slots from 0, filed all at once (mutates): a scenario
   * of 200,000 nodes opens in one counting sort instead of 200,000 removals and insertions. The
   * caller checks the ids are distinct.
   */
  replaceAll(
    list: readonly { readonly id: string; readonly lon: number; readonly lat: number }[],
  ): void {
    this.ids = [];
    this.slotOf.clear();
    this.alive.fill(0);
    this.#aliveCount = 0;
    this.addAll(list);
  }

  /** Replaces every slot with a snapshot's, same slot numbers (mutates). */
  restore(snapshot: NodeSnapshot): void {
    this.ids = [];
    this.slotOf.clear();
    this.alive.fill(0);
    this.#aliveCount = 0;
    snapshot.ids.forEach((id, slot) => {
      if (slot === this.lon.length) this.#grow();
      this.ids.push(id);
      this.#place(slot, snapshot.lon[slot] ?? 0, snapshot.lat[slot] ?? 0);
      if (snapshot.alive[slot] !== 1) return;
      this.slotOf.set(id, slot);
      this.alive[slot] = 1;
      this.#aliveCount++;
    });
    this.#refileAll();
    this.version++;
  }

  /** Files every live slot afresh on every level: a counting sort by cell. */
  #refileAll(): void {
    const count = this.ids.length;
    this.outside = [];
    for (const level of this.levels) {
      level.start.fill(0);
      level.cellOf.fill(-1);
    }
    for (let slot = 0; slot < count; slot++) {
      if (this.alive[slot] !== 1) continue;
      const tile = this.#tileOf(slot);
      if (tile === null) {
        this.outside.push(slot);
        continue;
      }
      for (const level of this.levels) {
        const cell = this.#cellOn(level, tile);
        level.cellOf[slot] = cell;
        level.start[cell + 1] = (level.start[cell + 1] ?? 0) + 1;
      }
    }
    for (const level of this.levels) {
      const { start } = level;
      const cells = start.length - 1;
      for (let c = 0; c < cells; c++) start[c + 1] = (start[c + 1] ?? 0) + (start[c] ?? 0);
      const entries = start[cells] ?? 0;
      if (level.slots.length < entries) {
        level.slots = new Int32Array(entries);
        level.xyz = new Float64Array(3 * entries);
      }
      const next = start.slice(0, cells);
      for (let slot = 0; slot < count; slot++) {
        const cell = level.cellOf[slot] ?? -1;
        if (cell < 0) continue;
        const at = next[cell] ?? 0;
        next[cell] = at + 1;
        level.slots[at] = slot;
        level.xyz[3 * at] = this.xyz[3 * slot] ?? 0;
        level.xyz[3 * at + 1] = this.xyz[3 * slot + 1] ?? 0;
        level.xyz[3 * at + 2] = this.xyz[3 * slot + 2] ?? 0;
      }
    }
  }

  /** Moves a live node and refiles it (mutates). */
  move(slot: number, lon: number, lat: number): void {
    const wasOutside = this.outside.includes(slot);
    this.#place(slot, lon, lat);
    const tile = this.#tileOf(slot);
    if (wasOutside || tile === null) {
      this.#unfile(slot);
      this.#file(slot);
    } else {
      for (const level of this.levels) {
        const from = level.cellOf[slot] ?? -1;
        const to = this.#cellOn(level, tile);
        relocate(level, from, to, slot, this.xyz);
        level.cellOf[slot] = to;
      }
    }
    this.version++;
  }

  /** Kills a slot and takes it out of the grids (mutates); its id may be added again later. */
  remove(slot: number): void {
    this.#unfile(slot);
    this.alive[slot] = 0;
    this.slotOf.delete(this.ids[slot] ?? '');
    this.#aliveCount--;
    this.version++;
  }

  /** The tile (column, row) a slot's position falls in, or null outside the unit grid. */
  #tileOf(slot: number): { column: number; row: number } | null {
    const u = this.units;
    const column = Math.floor(((this.lon[slot] ?? 0) - u.west) / u.tileLon);
    const row = Math.floor(((this.lat[slot] ?? 0) - u.south) / u.tileLat);
    if (column < 0 || row < 0 || column >= u.columns || row >= u.rows) return null;
    return { column, row };
  }

  #cellOn(level: NodeGridLevel, tile: { column: number; row: number }): number {
    return (
      Math.floor(tile.row / level.cellTiles) * level.columns +
      Math.floor(tile.column / level.cellTiles)
    );
  }

  #file(slot: number): void {
    const tile = this.#tileOf(slot);
    if (tile === null) {
      this.outside.push(slot);
      return;
    }
    for (const level of this.levels) {
      const cell = this.#cellOn(level, tile);
      relocate(level, -1, cell, slot, this.xyz);
      level.cellOf[slot] = cell;
    }
  }

  #unfile(slot: number): void {
    const at = this.outside.indexOf(slot);
    if (at >= 0) {
      this.outside.splice(at, 1);
      return;
    }
    for (const level of this.levels) {
      const cell = level.cellOf[slot] ?? -1;
      if (cell < 0) continue;
      relocate(level, cell, -1, slot, this.xyz);
      level.cellOf[slot] = -1;
    }
  }

  #place(slot: number, lon: number, lat: number): void {
    this.lon[slot] = lon;
    this.lat[slot] = lat;
    unitVector(lon, lat, this.xyz, slot);
  }

  #grow(): void {
    const size = this.lon.length * 2;
    const lon = new Float64Array(size);
    lon.set(this.lon);
    const lat = new Float64Array(size);
    lat.set(this.lat);
    const xyz = new Float64Array(size * 3);
    xyz.set(this.xyz);
    const alive = new Uint8Array(size);
    alive.set(this.alive);
    this.lon = lon;
    this.lat = lat;
    this.xyz = xyz;
    this.alive = alive;
    for (const level of this.levels) {
      const cellOf = new Int32Array(size).fill(-1);
      cellOf.set(level.cellOf);
      level.cellOf = cellOf;
    }
  }
}

/**
 * Moves a slot's entry from cell `from` to the end of cell `to` on one level (mutates), shifting
 * the entries and cell starts in between by one; `from` −1 inserts, `to` −1 removes. The entry's
 * unit vector is (re)read from `nodeXyz`. O(entries and cells between the two places).
 */
function relocate(
  level: NodeGridLevel,
  from: number,
  to: number,
  slot: number,
  nodeXyz: Float64Array,
): void {
  const { start } = level;
  const cells = start.length - 1;
  const entries = start[cells] ?? 0;
  // Where the entry is now: in cell `from`, or (an insert) one past the last entry, as if in a
  // cell after every other.
  let at = entries;
  let source = cells;
  if (from >= 0) {
    source = from;
    at = -1;
    for (let p = start[from] ?? 0; p < (start[from + 1] ?? 0); p++) {
      if (level.slots[p] === slot) {
        at = p;
        break;
      }
    }
    if (at < 0) return;
  } else if (to < 0) {
    return;
  } else if (entries === level.slots.length) {
    const slots = new Int32Array(2 * entries);
    slots.set(level.slots);
    const xyz = new Float64Array(6 * entries);
    xyz.set(level.xyz);
    level.slots = slots;
    level.xyz = xyz;
  }
  // Where it goes: the end of cell `to`, or (a removal) past the last entry.
  const destination = to >= 0 ? to : cells;
  const { slots, xyz } = level;
  let target: number;
  if (source <= destination) {
    // Entries after it, up to the end of the destination, shift down one place (for a removal,
    // past the last cell, up to the last entry).
    target = (start[destination + 1] ?? entries) - 1;
    slots.copyWithin(at, at + 1, target + 1);
    xyz.copyWithin(3 * at, 3 * at + 3, 3 * target + 3);
    for (let c = source + 1; c <= destination; c++) start[c] = (start[c] ?? 0) - 1;
  } else {
    // Entries from the end of the destination up to it shift up one place.
    target = start[destination + 1] ?? 0;
    slots.copyWithin(target + 1, target, at);
    xyz.copyWithin(3 * target + 3, 3 * target, 3 * at);
    for (let c = destination + 1; c <= source; c++) start[c] = (start[c] ?? 0) + 1;
  }
  if (to < 0) return;
  slots[target] = slot;
  xyz[3 * target] = nodeXyz[3 * slot] ?? 0;
  xyz[3 * target + 1] = nodeXyz[3 * slot + 1] ?? 0;
  xyz[3 * target + 2] = nodeXyz[3 * slot + 2] ?? 0;
}
