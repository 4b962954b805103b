import { BLOCK_SIDE, type UnitIndex } from './unit-index.ts';
import { unitVector } from './unit-sphere.ts';

/** One level of the node grid: square cells of `cellTiles` × `cellTiles` unit tiles. */
export interface NodeGridLevel {
  readonly cellTiles: number;
  readonly columns: number;
  readonly rows: number;
  /** Live slots per cell; undefined for a cell that never held a node. */
  readonly cells: (number[] | undefined)[];
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
        cells: new Array<number[] | undefined>(columns * rows),
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
    const slot = this.ids.length;
    if (slot === this.lon.length) this.#grow();
    this.ids.push(id);
    this.slotOf.set(id, slot);
    this.#place(slot, lon, lat);
    this.alive[slot] = 1;
    this.#aliveCount++;
    this.#file(slot);
    this.version++;
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

  /** Replaces every slot with a snapshot's, same slot numbers (mutates). */
  restore(snapshot: NodeSnapshot): void {
    this.ids = [];
    this.slotOf.clear();
    this.outside = [];
    this.alive.fill(0);
    this.#aliveCount = 0;
    for (const level of this.levels) {
      level.cells.fill(undefined);
      level.cellOf.fill(-1);
    }
    snapshot.ids.forEach((id, slot) => {
      if (slot === this.lon.length) this.#grow();
      this.ids.push(id);
      this.#place(slot, snapshot.lon[slot] ?? 0, snapshot.lat[slot] ?? 0);
      if (snapshot.alive[slot] !== 1) return;
      this.slotOf.set(id, slot);
      this.alive[slot] = 1;
      this.#aliveCount++;
      this.#file(slot);
    });
    this.version++;
  }

  /** Moves a live node and refiles it (mutates). */
  move(slot: number, lon: number, lat: number): void {
    this.#unfile(slot);
    this.#place(slot, lon, lat);
    this.#file(slot);
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

  #file(slot: number): void {
    const u = this.units;
    const column = Math.floor(((this.lon[slot] ?? 0) - u.west) / u.tileLon);
    const row = Math.floor(((this.lat[slot] ?? 0) - u.south) / u.tileLat);
    if (column < 0 || row < 0 || column >= u.columns || row >= u.rows) {
      this.outside.push(slot);
      return;
    }
    for (const level of this.levels) {
      const cell =
        Math.floor(row / level.cellTiles) * level.columns + Math.floor(column / level.cellTiles);
      level.cellOf[slot] = cell;
      const list = level.cells[cell];
      if (list === undefined) level.cells[cell] = [slot];
      else list.push(slot);
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
      const list = level.cells[cell];
      const index = list?.indexOf(slot) ?? -1;
      if (list !== undefined && index >= 0) {
        list[index] = list[list.length - 1] ?? slot;
        list.pop();
      }
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
