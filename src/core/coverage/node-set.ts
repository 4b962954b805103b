import type { UnitIndex } from './unit-index.ts';
import { unitVector } from './unit-sphere.ts';

/** One level of the node grid: square cells of `cellTiles` × `cellTiles` unit tiles. */
export interface NodeGridLevel {
  readonly cellTiles: number;
  readonly columns: number;
  readonly rows: number;
  /** Slots of cell c are cellSlots[cellStart[c]] … cellSlots[cellStart[c + 1] − 1]. */
  readonly cellStart: Int32Array;
  readonly cellSlots: Int32Array;
}

/** Cell sides of the grid levels, in tiles: about 1, 4, 16, 64 and 256 km with 1 km tiles. */
const LEVEL_TILES = [1, 4, 16, 64, 256] as const;

/**
 * The engine's mutable set of supply nodes in slots (a removed node leaves a dead slot, so unit →
 * slot references stay valid), plus a pyramid of grids over the unit tiles for nearest-node
 * searches: a search starts on the finest level and climbs only where nodes are sparse, so both
 * a dense city centre and an empty mountain cost a few dozen cell visits. Internal to the
 * coverage engine; the methods that change it say so.
 */
export class NodeSet {
  ids: string[] = [];
  lon = new Float64Array(16);
  lat = new Float64Array(16);
  xyz = new Float64Array(48);
  alive = new Uint8Array(16);
  readonly slotOf = new Map<string, number>();
  levels: NodeGridLevel[] = [];
  /** Live slots outside the grids, which every search includes. */
  outside: number[] = [];
  #aliveCount = 0;

  constructor(readonly units: UnitIndex) {}

  get aliveCount(): number {
    return this.#aliveCount;
  }

  /** Adds a node in a new slot (mutates). The caller checks that the id is new. */
  add(id: string, lon: number, lat: number): number {
    const slot = this.ids.length;
    if (slot === this.lon.length) this.#grow();
    this.ids.push(id);
    this.slotOf.set(id, slot);
    this.#place(slot, lon, lat);
    this.alive[slot] = 1;
    this.#aliveCount++;
    return slot;
  }

  /** Moves a live node (mutates). */
  move(slot: number, lon: number, lat: number): void {
    this.#place(slot, lon, lat);
  }

  /** Kills a slot (mutates); its id may be added again later, in a new slot. */
  remove(slot: number): void {
    this.alive[slot] = 0;
    this.slotOf.delete(this.ids[slot] ?? '');
    this.#aliveCount--;
  }

  /** Rebuilds every grid level from the live slots (mutates). O(levels × (nodes + cells)). */
  rebuildGrid(): void {
    const u = this.units;
    this.levels = [];
    this.outside = [];
    const column = new Int32Array(this.ids.length);
    const row = new Int32Array(this.ids.length);
    for (let slot = 0; slot < this.ids.length; slot++) {
      column[slot] = Math.floor(((this.lon[slot] ?? 0) - u.west) / u.tileLon);
      row[slot] = Math.floor(((this.lat[slot] ?? 0) - u.south) / u.tileLat);
      const inside =
        (column[slot] ?? -1) >= 0 &&
        (row[slot] ?? -1) >= 0 &&
        (column[slot] ?? 0) < u.columns &&
        (row[slot] ?? 0) < u.rows;
      if (this.alive[slot] === 1 && !inside) this.outside.push(slot);
    }
    for (const cellTiles of LEVEL_TILES) {
      const columns = Math.ceil(u.columns / cellTiles);
      const rows = Math.ceil(u.rows / cellTiles);
      const cells = columns * rows;
      const cellOf = new Int32Array(this.ids.length).fill(-1);
      const start = new Int32Array(cells + 1);
      for (let slot = 0; slot < this.ids.length; slot++) {
        const c = column[slot] ?? -1;
        const r = row[slot] ?? -1;
        if (this.alive[slot] === 0 || c < 0 || r < 0 || c >= u.columns || r >= u.rows) continue;
        const cell = Math.floor(r / cellTiles) * columns + Math.floor(c / cellTiles);
        cellOf[slot] = cell;
        start[cell + 1] = (start[cell + 1] ?? 0) + 1;
      }
      for (let c = 0; c < cells; c++) start[c + 1] = (start[c + 1] ?? 0) + (start[c] ?? 0);
      const next = start.slice(0, cells);
      const slots = new Int32Array(start[cells] ?? 0);
      for (let slot = 0; slot < this.ids.length; slot++) {
        const cell = cellOf[slot] ?? -1;
        if (cell < 0) continue;
        slots[next[cell] ?? 0] = slot;
        next[cell] = (next[cell] ?? 0) + 1;
      }
      this.levels.push({ cellTiles, columns, rows, cellStart: start, cellSlots: slots });
      if (columns === 1 && rows === 1) break;
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
  }
}
