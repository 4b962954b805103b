import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { ScenarioStorage } from '../../src/app/scenario-storage';
import { SCENARIO_SCHEMA_VERSION, type Scenario } from '../../src/core/scenario/scenario';

let counter = 0;
const freshName = () => `test-db-${String((counter += 1))}`;

const scenario = (id: string, name = id): Scenario => ({
  schemaVersion: SCENARIO_SCHEMA_VERSION,
  id,
  name,
  createdAt: '2026-11-26T00:00:00.000Z',
  updatedAt: '2026-11-26T00:00:00.000Z',
  rule: { urbanRadius: 2000, ruralRadius: 5000 },
  nodes: [{ id: 'n1', lon: 106.5, lat: 29.5, tier: 1, name: '节点', origin: 'added' }],
});

describe('ScenarioStorage', () => {
  it('saves and restores a scenario across reopen', async () => {
    const name = freshName();
    const first = await ScenarioStorage.open(name);
    expect(await first.save(scenario('a', '方案甲'), 0)).toBe(1);
    first.close();
    const second = await ScenarioStorage.open(name);
    const loaded = await second.loadAll();
    expect(loaded.scenarios.map((s) => s.name)).toEqual(['方案甲']);
    expect(loaded.revisions.get('a')).toBe(1);
    second.close();
  });

  it('loads a stored version-0 scenario through the migration', async () => {
    const storage = await ScenarioStorage.open(freshName());
    await storage.putRaw('old', {
      name: 'v0',
      urbanRadius: 1800,
      nodes: [{ id: 'x', lon: 107, lat: 30 }],
    });
    const loaded = await storage.loadAll();
    expect(loaded.scenarios[0]?.schemaVersion).toBe(SCENARIO_SCHEMA_VERSION);
    expect(loaded.scenarios[0]?.rule.urbanRadius).toBe(1800);
    storage.close();
  });

  it('quarantines a corrupted save, reports it and never overwrites it', async () => {
    const storage = await ScenarioStorage.open(freshName());
    await storage.putRaw('broken', { schemaVersion: 1, nodes: 'not a list' });
    await storage.save(scenario('good'), 0);
    const loaded = await storage.loadAll();
    expect(loaded.scenarios.map((s) => s.id)).toEqual(['good']);
    expect(loaded.quarantined).toHaveLength(1);
    expect(loaded.quarantined[0]?.problems.join(' ')).toContain('nodes');
    expect(await storage.quarantinedCount()).toBe(1);
    storage.close();
  });

  it('refuses to overwrite a newer save from another tab', async () => {
    const name = freshName();
    const tabA = await ScenarioStorage.open(name);
    const tabB = await ScenarioStorage.open(name);
    await tabA.save(scenario('shared'), 0);
    await tabB.save(scenario('shared', 'B edit'), 1);
    await expect(tabA.save(scenario('shared', 'A edit'), 1)).rejects.toMatchObject({
      kind: 'conflict',
    });
    const loaded = await tabA.loadAll();
    expect(loaded.scenarios[0]?.name).toBe('B edit');
    tabA.close();
    tabB.close();
  });
});
