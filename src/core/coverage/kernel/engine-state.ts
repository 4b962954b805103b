import type { UnitIndex } from '../unit-index.ts';

/** The engine's per-unit state (tile order) and per-tile reach; shared memory when recomputing in parallel. */
export interface EngineState {
  /** Nearest node slot of each unit, or -1. */
  readonly nearest: Int32Array;
  /** Squared chord to it (Infinity when none). */
  readonly best: Float64Array;
  /** 1 when within the radius of the unit's class. */
  readonly covered: Uint8Array;
  /** Per tile, an upper bound (squared chord) on how far a node can be and still matter to it. */
  readonly tileReach: Float64Array;
}

/** Allocates the engine state for an index, on shared memory when `shared`. */
export function createEngineState(units: UnitIndex, shared = false): EngineState {
  const n = units.count;
  const tileCount = units.columns * units.rows;
  const buffer = (bytes: number): ArrayBuffer | SharedArrayBuffer =>
    shared ? new SharedArrayBuffer(bytes) : new ArrayBuffer(bytes);
  return {
    nearest: new Int32Array(buffer(4 * n)).fill(-1),
    best: new Float64Array(buffer(8 * n)).fill(Infinity),
    covered: new Uint8Array(buffer(n)),
    tileReach: new Float64Array(buffer(8 * tileCount)),
  };
}
