import 'fake-indexeddb/auto';
import { describe, expect, it, vi } from 'vitest';
import { SCENARIO_SCHEMA_VERSION, type Scenario } from '../../src/core/scenario/scenario';
import { createAppStore } from '../../src/state/app-store';
import { AtlasStorage } from '../../src/storage/atlas-storage';
import { CURRENT_SCENARIO_KEY, ScenarioSaver } from '../../src/storage/scenario-saver';
import { ruleOrThrow } from '../../src/core/coverage/coverage-rule';

let counter = 0;
const open = () => AtlasStorage.open(`saver-${String((counter += 1))}`, { channel: () => null });

const scenario = (id: string): Scenario => ({
  schemaVersion: SCENARIO_SCHEMA_VERSION,
  id,
  name: id,
  createdAt: '2026-11-26T00:00:00.000Z',
  updatedAt: '2026-11-26T00:00:00.000Z',
  rule: ruleOrThrow({ urbanRadius: 2000, ruralRadius: 5000 }),
  nodes: [],
});

describe('ScenarioSaver', () => {
  it('saves each new version of the open scenario and remembers which is open', async () => {
    const storage = await open();
    const store = createAppStore();
    const saver = new ScenarioSaver(store, storage, new Map(), vi.fn());
    store.getState().openScenario(scenario('a'), false);
    store.getState().renameScenario('Plan A');
    await saver.idle();
    expect((await storage.load('a'))?.revision).toBe(2);
    expect(store.getState().savedScenario).toBe(store.getState().scenario);
    expect(await storage.getMeta(CURRENT_SCENARIO_KEY)).toBe('a');
    expect(saver.isStored('a')).toBe(true);
  });

  it('does not write back a scenario read from storage, only that it is open', async () => {
    const storage = await open();
    await storage.save(scenario('b'), 0);
    const store = createAppStore();
    const saver = new ScenarioSaver(store, storage, new Map([['b', 1]]), vi.fn());
    const save = vi.spyOn(storage, 'save');
    store.getState().openScenario(scenario('b'), true);
    await saver.idle();
    expect(save).not.toHaveBeenCalled();
    expect(await storage.getMeta(CURRENT_SCENARIO_KEY)).toBe('b');
  });

  it('hands a conflict on the open scenario to onConflict, other failures to the message', async () => {
    const storage = await open();
    await storage.save(scenario('c'), 0);
    await storage.save(scenario('c'), 1);
    const store = createAppStore();
    const onConflict = vi.fn(() => Promise.resolve());
    const saver = new ScenarioSaver(store, storage, new Map([['c', 1]]), onConflict);
    store.getState().openScenario(scenario('c'), false);
    await saver.idle();
    expect(onConflict).toHaveBeenCalledOnce();
    vi.spyOn(storage, 'save').mockRejectedValueOnce(new Error('disk on fire'));
    store.getState().renameScenario('again');
    await saver.idle();
    expect(store.getState().storageMessage).toBe('Error: disk on fire');
    saver.dispose();
  });
});
