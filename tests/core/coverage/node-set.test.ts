// @vitest-environment node
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { NodeSet, type NodeGridLevel } from '../../../src/core/coverage/node-set.ts';
import { createUnitIndex } from '../../../src/core/coverage/unit-index.ts';
import { cellContents, demandOf } from './coverage-fixtures.ts';

/** Demand spread over about 60 × 60 km, so the grid has many cells on every level. */
const units = createUnitIndex(
  demandOf(
    Array.from({ length: 400 }, (_, i) => ({
      lon: 106.2 + 0.03 * (i % 20),
      lat: 29.3 + 0.03 * Math.floor(i / 20),
      population: 1,
      urban: i % 3 === 0,
      district: 0,
    })),
  ),
  1500,
);

/** The unit tile (column, row) of a slot's position, or null outside the grid. */
function tileOf(set: NodeSet, slot: number): [number, number] | null {
  const column = Math.floor(((set.lon[slot] ?? 0) - units.west) / units.tileLon);
  const row = Math.floor(((set.lat[slot] ?? 0) - units.south) / units.tileLat);
  if (column < 0 || row < 0 || column >= units.columns || row >= units.rows) return null;
  return [column, row];
}

/** What each level should hold: every live slot inside the grid, in the cell of its position. */
function expectedContents(set: NodeSet, level: NodeGridLevel): Record<number, number[]> {
  const contents: Record<number, number[]> = {};
  for (let slot = 0; slot < set.ids.length; slot++) {
    if (set.alive[slot] !== 1) continue;
    const tile = tileOf(set, slot);
    if (tile === null) continue;
    const [column, row] = tile;
    const cell =
      Math.floor(row / level.cellTiles) * level.columns + Math.floor(column / level.cellTiles);
    (contents[cell] ??= []).push(slot);
  }
  for (const list of Object.values(contents)) list.sort((a, b) => a - b);
  return contents;
}

/** Every inconsistency between the set's grids and its live nodes, as text (none: empty). */
function problems(set: NodeSet): string[] {
  const found: string[] = [];
  set.levels.forEach((level, index) => {
    if (JSON.stringify(cellContents(level)) !== JSON.stringify(expectedContents(set, level))) {
      found.push(`level ${String(index)}: cells hold the wrong slots`);
    }
    const { start } = level;
    for (let c = 0; c + 1 < start.length; c++) {
      if ((start[c + 1] ?? 0) < (start[c] ?? 0)) found.push(`level ${String(index)}: start falls`);
    }
    // Each entry carries its node's unit vector.
    for (let p = 0; p < (start[start.length - 1] ?? 0); p++) {
      const slot = level.slots[p] ?? -1;
      for (let axis = 0; axis < 3; axis++) {
        if (level.xyz[3 * p + axis] !== set.xyz[3 * slot + axis]) {
          found.push(`level ${String(index)}: entry ${String(p)} has a stale vector`);
        }
      }
    }
  });
  const outside = [...set.outside].sort((a, b) => a - b);
  const expectedOutside: number[] = [];
  for (let slot = 0; slot < set.ids.length; slot++) {
    if (set.alive[slot] === 1 && (set.levels[0]?.cellOf[slot] ?? -1) < 0)
      expectedOutside.push(slot);
  }
  if (outside.join() !== expectedOutside.join()) found.push('the outside list is wrong');
  return found;
}

function expectConsistent(set: NodeSet): void {
  expect(problems(set)).toEqual([]);
}

type Edit =
  | { kind: 'add'; lon: number; lat: number }
  | { kind: 'move'; pick: number; lon: number; lat: number }
  | { kind: 'remove'; pick: number };

// Positions mostly inside the grid, some just outside it and some far away.
const lonArb = fc.oneof(
  { weight: 8, arbitrary: fc.double({ min: 106.1, max: 106.9, noNaN: true }) },
  { weight: 1, arbitrary: fc.double({ min: 100, max: 120, noNaN: true }) },
);
const latArb = fc.oneof(
  { weight: 8, arbitrary: fc.double({ min: 29.2, max: 30, noNaN: true }) },
  { weight: 1, arbitrary: fc.double({ min: 20, max: 40, noNaN: true }) },
);
const editArb: fc.Arbitrary<Edit> = fc.oneof(
  {
    weight: 3,
    arbitrary: fc.record({ kind: fc.constant('add' as const), lon: lonArb, lat: latArb }),
  },
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('move' as const),
      pick: fc.nat(),
      lon: lonArb,
      lat: latArb,
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('remove' as const), pick: fc.nat() }) },
);

describe('node set grid', () => {
  it('holds exactly the live nodes, each in its cell with its vector, after any edits', () => {
    const positionArb = fc.record({ lon: lonArb, lat: latArb });
    fc.assert(
      fc.property(
        fc.array(positionArb, { maxLength: 30 }),
        fc.array(editArb, { minLength: 1, maxLength: 40 }),
        (initial, edits) => {
          const set = new NodeSet(units);
          // Filed all at once, as the engine does with its initial nodes.
          set.addAll(initial.map((position, i) => ({ id: `i${String(i)}`, ...position })));
          expectConsistent(set);
          let added = 0;
          for (const edit of edits) {
            const live = set.ids.map((_, slot) => slot).filter((slot) => set.alive[slot] === 1);
            if (edit.kind === 'add') {
              set.add(`n${String(added++)}`, edit.lon, edit.lat);
            } else if (live.length > 0) {
              const slot = live[edit.pick % live.length] ?? 0;
              if (edit.kind === 'move') set.move(slot, edit.lon, edit.lat);
              else set.remove(slot);
            }
            expectConsistent(set);
          }
        },
      ),
      { numRuns: 80 },
    );
  });

  it('keeps a short move cheap: only the entries between the two cells shift', () => {
    const set = new NodeSet(units);
    for (let i = 0; i < 50; i++) set.add(`n${String(i)}`, 106.2 + 0.012 * i, 29.3 + 0.011 * i);
    const level = set.levels[0];
    if (level === undefined) throw new Error('no level');
    const before = Array.from(level.start);
    // Within its own cell: no cell start changes.
    set.move(10, (set.lon[10] ?? 0) + 1e-7, set.lat[10] ?? 0);
    expect(Array.from(level.start)).toEqual(before);
    expectConsistent(set);
  });
});
