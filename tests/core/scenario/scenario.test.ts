import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  applyEdit,
  EDIT_HISTORY_LIMIT,
  EMPTY_HISTORY,
  recordEdit,
  redoEdit,
  undoEdit,
  type NodeEdit,
} from '../../../src/core/scenario/edit-history';
import {
  readScenario,
  SCENARIO_SCHEMA_VERSION,
  type ScenarioNode,
} from '../../../src/core/scenario/scenario';
import { PLAN_RULE } from '../../../src/core/coverage/coverage-rule';

const node = (
  id: string,
  lon = 106.5,
  lat = 29.5,
  tier: ScenarioNode['tier'] = 2,
): ScenarioNode => ({
  id,
  lon,
  lat,
  tier,
  name: id,
  origin: 'added',
});

describe('readScenario', () => {
  it('reads a current scenario and leaves the input untouched', () => {
    const input = Object.freeze({
      schemaVersion: SCENARIO_SCHEMA_VERSION,
      id: 's1',
      name: '方案一',
      createdAt: '2026-11-26T00:00:00.000Z',
      updatedAt: '2026-11-26T00:00:00.000Z',
      rule: Object.freeze({ urbanRadius: 1500, ruralRadius: 4000 }),
      nodes: Object.freeze([Object.freeze(node('a'))]),
    });
    const result = readScenario(input);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.scenario.name).toBe('方案一');
    expect(result.scenario.rule).toEqual({ urbanRadius: 1500, ruralRadius: 4000 });
    expect(result.migratedFrom).toBeNull();
  });

  it('migrates the version-0 shape (no schemaVersion, radii at top level)', () => {
    const result = readScenario({
      name: 'old',
      urbanRadius: 2500,
      nodes: [{ id: 'x', lon: 107, lat: 30 }],
    });
    expect(result.ok && result.migratedFrom).toBe(0);
    if (!result.ok) return;
    expect(result.scenario.rule).toEqual({
      urbanRadius: 2500,
      ruralRadius: PLAN_RULE.ruralRadius,
    });
    expect(result.scenario.nodes[0]?.tier).toBe(0);
  });

  it('names every problem instead of loading a broken scenario', () => {
    const result = readScenario({
      schemaVersion: 1,
      rule: { urbanRadius: -1, ruralRadius: 5000 },
      nodes: [
        { id: 'a', lon: 200, lat: 30 },
        { id: 'b', lon: 106, lat: 29, tier: 7 },
        node('c'),
        node('c'),
      ],
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems.join('\n')).toMatch(
      /urban radius should be a number of metres from 1 m to 50 km/,
    );
    expect(result.problems.join('\n')).toMatch(/Node 0 \(a\)/);
    expect(result.problems.join('\n')).toMatch(/tier 7/);
    expect(result.problems.join('\n')).toMatch(/repeats the id c/);
  });

  it('refuses a newer schema version and non-objects', () => {
    expect(readScenario({ schemaVersion: 99, nodes: [] }).ok).toBe(false);
    expect(readScenario('[]').ok).toBe(false);
    expect(readScenario(null).ok).toBe(false);
  });

  it('is not polluted by __proto__ keys', () => {
    const hostile: unknown = JSON.parse(
      '{"schemaVersion":1,"nodes":[],"__proto__":{"polluted":true}}',
    );
    readScenario(hostile);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });
});

describe('edit history', () => {
  it('undo then redo returns to the same node list, for any sequence of edits', () => {
    const editArb = fc.oneof(
      fc.record({ kind: fc.constant('add' as const), id: fc.integer({ min: 0, max: 20 }) }),
      fc.record({ kind: fc.constant('move' as const), id: fc.integer({ min: 0, max: 20 }) }),
      fc.record({ kind: fc.constant('remove' as const), id: fc.integer({ min: 0, max: 20 }) }),
    );
    fc.assert(
      fc.property(fc.array(editArb, { maxLength: 60 }), (steps) => {
        let nodes: ScenarioNode[] = [];
        let history = EMPTY_HISTORY;
        const states: ScenarioNode[][] = [nodes];
        for (const step of steps) {
          const id = `n${String(step.id)}`;
          const existing = nodes.find((candidate) => candidate.id === id);
          let edit: NodeEdit | null = null;
          if (step.kind === 'add' && existing === undefined) edit = { kind: 'add', node: node(id) };
          if (step.kind === 'remove' && existing !== undefined)
            edit = { kind: 'remove', node: existing };
          if (step.kind === 'move' && existing !== undefined)
            edit = {
              kind: 'move',
              before: existing,
              after: { ...existing, lon: existing.lon + 0.01 },
            };
          if (edit === null) continue;
          nodes = applyEdit(nodes, edit);
          history = recordEdit(history, edit);
          states.push(nodes);
        }
        for (let back = states.length - 2; back >= 0; back -= 1) {
          const undone = undoEdit(history);
          if (undone === null) throw new Error('undo stack ran out');
          nodes = applyEdit(nodes, undone.edit);
          history = undone.history;
          expect(new Set(nodes.map((n) => `${n.id}@${String(n.lon)}`))).toEqual(
            new Set((states[back] ?? []).map((n) => `${n.id}@${String(n.lon)}`)),
          );
        }
        expect(undoEdit(history)).toBeNull();
        for (let forward = 1; forward < states.length; forward += 1) {
          const redone = redoEdit(history);
          if (redone === null) throw new Error('redo stack ran out');
          nodes = applyEdit(nodes, redone.edit);
          history = redone.history;
        }
        expect(nodes.map((n) => n.id).sort()).toEqual(
          (states.at(-1) ?? []).map((n) => n.id).sort(),
        );
      }),
    );
  });

  it('keeps at least 50 steps and drops only beyond its limit', () => {
    let history = EMPTY_HISTORY;
    for (let i = 0; i < EDIT_HISTORY_LIMIT + 10; i += 1)
      history = recordEdit(history, { kind: 'add', node: node(`n${String(i)}`) });
    expect(EDIT_HISTORY_LIMIT).toBeGreaterThanOrEqual(50);
    expect(history.undo).toHaveLength(EDIT_HISTORY_LIMIT);
  });

  it('a new edit clears redo', () => {
    let history = recordEdit(EMPTY_HISTORY, { kind: 'add', node: node('a') });
    history = undoEdit(history)?.history ?? history;
    expect(history.redo).toHaveLength(1);
    history = recordEdit(history, { kind: 'add', node: node('b') });
    expect(history.redo).toHaveLength(0);
  });
});
