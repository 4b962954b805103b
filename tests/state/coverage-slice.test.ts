import { describe, expect, it } from 'vitest';
import { recordEdit, EMPTY_HISTORY } from '../../src/core/scenario/edit-history';
import { SCENARIO_SCHEMA_VERSION, type Scenario } from '../../src/core/scenario/scenario';
import { createAppStore } from '../../src/state/app-store';
import { ruleOrThrow } from '../../src/core/coverage/coverage-rule';

const scenario = (id: string, name = id): Scenario => ({
  schemaVersion: SCENARIO_SCHEMA_VERSION,
  id,
  name,
  createdAt: '2026-11-26T00:00:00.000Z',
  updatedAt: '2026-11-26T00:00:00.000Z',
  rule: ruleOrThrow({ urbanRadius: 2000, ruralRadius: 5000 }),
  nodes: [{ id: 'n1', lon: 106.5, lat: 29.5, tier: 1, name: 'A', origin: 'baseline' }],
});

describe('coverage slice', () => {
  it('loads the saved scenarios and opens one', () => {
    const store = createAppStore();
    const [a, b] = [scenario('a'), scenario('b')];
    store.getState().scenariosLoaded([a, b], b, ['layer'], true);
    const state = store.getState();
    expect(state).toMatchObject({
      analysisStatus: 'computing',
      qualifyingLayers: ['layer'],
      currentScenarioId: 'b',
      scenario: b,
      savedScenario: b,
      rule: b.rule,
      nodes: b.nodes,
    });
    expect(state.scenarios).toEqual([
      { id: 'a', name: 'a' },
      { id: 'b', name: 'b' },
    ]);
  });

  it('every change to the open scenario makes a new, unsaved version and keeps the list named', () => {
    const store = createAppStore();
    const a = scenario('a');
    store.getState().openScenario(a, true);
    store.getState().renameScenario('Plan A');
    const renamed = store.getState().scenario;
    expect(renamed).not.toBe(a);
    expect(store.getState().savedScenario).toBe(a);
    expect(store.getState().scenarios).toEqual([{ id: 'a', name: 'Plan A' }]);
    const node = { id: 'n2', lon: 106, lat: 29, tier: 3, name: 'B', origin: 'added' } as const;
    const history = recordEdit(EMPTY_HISTORY, { kind: 'add', node });
    store.getState().setScenarioNodes([...a.nodes, node], history);
    expect(store.getState().scenario?.nodes).toHaveLength(2);
    expect(store.getState().nodes).toBe(store.getState().scenario?.nodes);
    expect(store.getState().history).toBe(history);
    store.getState().setCoverageRule(ruleOrThrow({ urbanRadius: 1, ruralRadius: 2 }));
    expect(store.getState().scenario?.rule).toEqual({ urbanRadius: 1, ruralRadius: 2 });
    store.getState().setQualifyingLayers(['x'], [node]);
    expect(store.getState()).toMatchObject({ qualifyingLayers: ['x'], history: EMPTY_HISTORY });
    expect(store.getState().scenario?.nodes).toEqual([node]);
  });

  it('opening a scenario resets the history and candidates; a copy keeps them', () => {
    const store = createAppStore();
    const node = { id: 'n2', lon: 106, lat: 29, tier: 3, name: 'B', origin: 'added' } as const;
    store.getState().openScenario(scenario('a'), false);
    store.getState().setScenarioNodes([node], recordEdit(EMPTY_HISTORY, { kind: 'add', node }));
    store.getState().keepAsCopy(scenario('copy', 'a (this tab)'));
    expect(store.getState().history.undo).toHaveLength(1);
    expect(store.getState().currentScenarioId).toBe('copy');
    store.getState().openScenario(scenario('b'), false);
    expect(store.getState().history).toBe(EMPTY_HISTORY);
    expect(store.getState().candidates).toEqual([]);
    expect(store.getState().scenarios.map((entry) => entry.id)).toEqual(['a', 'copy', 'b']);
    store.getState().unlistScenario('a');
    store.getState().listScenario({ id: 'b', name: 'B' });
    expect(store.getState().scenarios).toEqual([
      { id: 'copy', name: 'a (this tab)' },
      { id: 'b', name: 'B' },
    ]);
  });

  it('named actions for the analysis and its messages', () => {
    const store = createAppStore();
    store.getState().analysisLoading();
    expect(store.getState().analysisStatus).toBe('loading');
    store.getState().analysisFailed('no grid');
    expect(store.getState()).toMatchObject({
      analysisStatus: 'failed',
      analysisMessage: 'no grid',
    });
    store.getState().setStorageMessage('full');
    store.getState().setPlaceMessage('covered');
    store.getState().setAddNodeMode(true);
    expect(store.getState()).toMatchObject({
      storageMessage: 'full',
      placeMessage: 'covered',
      addNodeMode: true,
    });
  });
});
