import 'fake-indexeddb/auto';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  DB_VERSION,
  StorageProblem,
  readStorageChange,
  AtlasStorage,
  type ChangeChannel,
  type ChannelFactory,
  type StorageChange,
} from '../../src/storage/atlas-storage';
import type { ImportedLayerRecord } from '../../src/core/import/imported-layer-record';
import { SCENARIO_SCHEMA_VERSION, type Scenario } from '../../src/core/scenario/scenario';
import { ruleOrThrow } from '../../src/core/coverage/coverage-rule';

let counter = 0;
const freshName = () => `test-db-${String((counter += 1))}-${String(Date.now())}`;

const fixture = (name: string): Record<string, unknown> =>
  JSON.parse(
    readFileSync(resolve(import.meta.dirname, 'fixtures/storage', name), 'utf8'),
  ) as Record<string, unknown>;

const scenario = (id: string, name = id): Scenario => ({
  schemaVersion: SCENARIO_SCHEMA_VERSION,
  id,
  name,
  createdAt: '2026-11-26T00:00:00.000Z',
  updatedAt: '2026-11-26T00:00:00.000Z',
  rule: ruleOrThrow({ urbanRadius: 2000, ruralRadius: 5000 }),
  nodes: [{ id: 'n1', lon: 106.5, lat: 29.5, tier: 1, name: '节点', origin: 'added' }],
});

/** In-memory channels joining every storage opened with the same `hub`. */
function channelHub(): ChannelFactory {
  const members = new Set<{ handler: (message: unknown) => void }>();
  return () => {
    const member: { handler: (message: unknown) => void } = { handler: () => undefined };
    members.add(member);
    const channel: ChangeChannel = {
      post: (message) => {
        for (const other of members) if (other !== member) other.handler(structuredClone(message));
      },
      listen: (handler) => {
        member.handler = handler;
      },
      close: () => {
        members.delete(member);
      },
    };
    return channel;
  };
}

/** The StorageProblem a promise rejects with. */
async function failureOf(promise: Promise<unknown>): Promise<StorageProblem> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof StorageProblem) return error;
    throw error;
  }
  throw new Error('expected a StorageProblem');
}

const open: AtlasStorage[] = [];
async function openStorage(name: string, channel?: ChannelFactory): Promise<AtlasStorage> {
  const storage = await AtlasStorage.open(name, channel === undefined ? {} : { channel });
  open.push(storage);
  return storage;
}

afterEach(() => {
  for (const storage of open.splice(0)) storage.close();
  vi.restoreAllMocks();
});

/** A database as layout version 1 left it, written with raw IndexedDB calls. */
async function createVersion1Database(name: string): Promise<void> {
  const db = await new Promise<IDBDatabase>((resolvePromise, reject) => {
    const request = indexedDB.open(name, 1);
    request.onupgradeneeded = () => {
      const database = request.result;
      database.createObjectStore('scenarios', { keyPath: 'id' });
      database.createObjectStore('quarantine', { keyPath: 'key', autoIncrement: true });
      database.createObjectStore('meta');
    };
    request.onsuccess = () => {
      resolvePromise(request.result);
    };
    request.onerror = () => {
      reject(request.error ?? new Error('open failed'));
    };
  });
  const transaction = db.transaction(['scenarios', 'quarantine', 'meta'], 'readwrite');
  for (const file of [
    'v1-scenario-v0.json',
    'v1-scenario-v1.json',
    'v1-scenario-corrupt.json',
    'v1-scenario-newer.json',
  ]) {
    transaction.objectStore('scenarios').put(fixture(file));
  }
  transaction.objectStore('quarantine').add(fixture('v1-quarantine.json'));
  transaction.objectStore('meta').put('scenario-kept', 'current-scenario');
  await new Promise<void>((resolvePromise, reject) => {
    transaction.oncomplete = () => {
      resolvePromise();
    };
    transaction.onerror = () => {
      reject(transaction.error ?? new Error('write failed'));
    };
  });
  db.close();
}

describe('AtlasStorage', () => {
  it('saves and restores a scenario across reopen', async () => {
    const name = freshName();
    const first = await openStorage(name);
    expect(await first.save(scenario('a', '方案甲'), 0)).toBe(1);
    first.close();
    const second = await openStorage(name);
    const loaded = await second.loadAll();
    expect(loaded.scenarios.map((s) => s.name)).toEqual(['方案甲']);
    expect(loaded.revisions.get('a')).toBe(1);
    expect(await second.load('a')).toMatchObject({ revision: 1, scenario: { name: '方案甲' } });
  });

  it('loads a stored version-0 scenario through the migration, under its stored key', async () => {
    const storage = await openStorage(freshName());
    await storage.putRaw('old', {
      name: 'v0',
      urbanRadius: 1800,
      nodes: [{ id: 'x', lon: 107, lat: 30 }],
    });
    const loaded = await storage.loadAll();
    expect(loaded.scenarios[0]?.schemaVersion).toBe(SCENARIO_SCHEMA_VERSION);
    expect(loaded.scenarios[0]?.rule.urbanRadius).toBe(1800);
    // Saved back under the same key: loading twice does not multiply it.
    const migrated = loaded.scenarios[0];
    if (migrated === undefined) throw new Error('not loaded');
    expect(migrated.id).toBe('old');
    await storage.save(migrated, loaded.revisions.get('old') ?? 0);
    expect((await storage.loadAll()).scenarios).toHaveLength(1);
  });

  it('quarantines a corrupted save, reports it and never overwrites it', async () => {
    const storage = await openStorage(freshName());
    await storage.putRaw('broken', { schemaVersion: 1, nodes: 'not a list' });
    await storage.save(scenario('good'), 0);
    const loaded = await storage.loadAll();
    expect(loaded.scenarios.map((s) => s.id)).toEqual(['good']);
    expect(loaded.quarantined).toHaveLength(1);
    expect(loaded.quarantined[0]?.reason).toBe('unreadable');
    expect(loaded.quarantined[0]?.problems.join(' ')).toContain('nodes');
    expect(await storage.quarantinedCount()).toBe(1);
    // A later save under the same id leaves the quarantined copy as it was.
    await storage.save(scenario('broken', 'new one'), 0);
    const records = await storage.quarantinedRecords();
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({
      store: 'scenarios',
      storedId: 'broken',
      data: { schemaVersion: 1, nodes: 'not a list' },
    });
  });

  it('refuses to overwrite a newer save from another tab', async () => {
    const name = freshName();
    const tabA = await openStorage(name);
    const tabB = await openStorage(name);
    await tabA.save(scenario('shared'), 0);
    await tabB.save(scenario('shared', 'B edit'), 1);
    await expect(tabA.save(scenario('shared', 'A edit'), 1)).rejects.toMatchObject({
      kind: 'conflict',
    });
    const loaded = await tabA.loadAll();
    expect(loaded.scenarios[0]?.name).toBe('B edit');
  });
});

describe('AtlasStorage upgrade from layout version 1 (stored samples)', () => {
  it('keeps and migrates the scenarios of a version-1 database and adds the layer store', async () => {
    const name = freshName();
    await createVersion1Database(name);
    const storage = await openStorage(name);
    expect(DB_VERSION).toBe(3);
    const loaded = await storage.loadAll();

    expect(loaded.scenarios.map((s) => s.id).sort()).toEqual(['old-v0', 'scenario-kept']);
    const v0 = loaded.scenarios.find((s) => s.id === 'old-v0');
    expect(v0).toMatchObject({
      schemaVersion: SCENARIO_SCHEMA_VERSION,
      name: '2025 draft (v0)',
      rule: { urbanRadius: 1800, ruralRadius: 4500 },
    });
    expect(v0?.nodes.map((n) => [n.id, n.tier, n.name])).toEqual([
      ['cold-1', 1, '双福冷链'],
      ['market-2', 0, 'market-2'],
    ]);
    expect(loaded.scenarios.find((s) => s.id === 'scenario-kept')?.nodes).toHaveLength(2);
    expect(loaded.revisions.get('scenario-kept')).toBe(7);
    expect(await storage.getMeta('current-scenario')).toBe('scenario-kept');

    // The unreadable one is quarantined with its raw data, next to what version 1 quarantined.
    const corrupt = loaded.quarantined.find((q) => q.storedId === 'scenario-corrupt');
    expect(corrupt?.reason).toBe('unreadable');
    const records = await storage.quarantinedRecords();
    expect(records.map((r) => r.storedId).sort()).toEqual([
      'quarantined-by-v1',
      'scenario-corrupt',
    ]);
    expect(records.find((r) => r.storedId === 'scenario-corrupt')?.data).toEqual(
      fixture('v1-scenario-corrupt.json')['data'],
    );

    // The newer one is reported as such, left in place and protected from saves.
    const newer = loaded.quarantined.find((q) => q.storedId === 'scenario-from-the-future');
    expect(newer?.reason).toBe('newer');
    expect(newer?.problems[0]).toMatch(/newer version of the atlas.*not deleted/);
    await expect(
      storage.save(scenario('scenario-from-the-future', 'overwrite?'), 1),
    ).rejects.toMatchObject({ kind: 'newer' });
    expect((await storage.loadAll()).quarantined.map((q) => q.storedId)).toEqual([
      'scenario-from-the-future',
    ]);

    // Imported layers can be saved in the upgraded database.
    const layer = fixture('layer-v1.json') as unknown as ImportedLayerRecord;
    await storage.saveImportedLayer(layer);
    expect((await storage.loadImportedLayers()).layers.map((l) => l.id)).toEqual([
      'import-outlets',
    ]);
  });
});

describe('imported layers', () => {
  const demandLayer = (): ImportedLayerRecord => ({
    ...(fixture('layer-v1.json') as unknown as ImportedLayerRecord),
    id: 'import-raster',
    role: 'demand',
    features: [],
    demand: {
      lon: Float64Array.of(106.5, 106.6),
      lat: Float64Array.of(29.5, 29.6),
      population: Float64Array.of(120.5, 80),
      urban: Uint8Array.of(1, 0),
      cellSizeM: 100,
      totalPopulation: 200.5,
    },
  });

  it('saves, loads and deletes layers, typed arrays included', async () => {
    const name = freshName();
    const storage = await openStorage(name);
    await storage.saveImportedLayer(demandLayer());
    await storage.saveImportedLayer(fixture('layer-v1.json') as unknown as ImportedLayerRecord);
    storage.close();
    const reopened = await openStorage(name);
    const loaded = await reopened.loadImportedLayers();
    expect(loaded.quarantined).toEqual([]);
    const raster = loaded.layers.find((l) => l.id === 'import-raster');
    expect(raster?.demand?.population).toEqual(Float64Array.of(120.5, 80));
    expect(raster?.demand?.urban).toBeInstanceOf(Uint8Array);
    const outlets = loaded.layers.find((l) => l.id === 'import-outlets');
    expect(outlets?.features[0]?.properties['名称']).toBe('<script>alert(1)</script>');
    expect(outlets?.detected.crs).toBe('GCJ-02');
    await reopened.deleteImportedLayer('import-raster');
    expect((await reopened.loadImportedLayers()).layers.map((l) => l.id)).toEqual([
      'import-outlets',
    ]);
  });

  it('quarantines an unreadable layer with its raw data and keeps a newer one in place', async () => {
    const storage = await openStorage(freshName());
    await storage.putRawLayer(fixture('layer-corrupt.json') as { id: string });
    await storage.putRawLayer(fixture('layer-newer.json') as { id: string });
    const loaded = await storage.loadImportedLayers();
    expect(loaded.layers).toEqual([]);
    const broken = loaded.quarantined.find((q) => q.storedId === 'import-broken');
    expect(broken?.reason).toBe('unreadable');
    expect(broken?.problems.join(' ')).toContain('feature 1');
    const newer = loaded.quarantined.find((q) => q.storedId === 'import-future');
    expect(newer?.reason).toBe('newer');
    expect(newer?.problems[0]).toContain('newer version of the atlas');
    const records = await storage.quarantinedRecords();
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({ store: 'importedLayers', storedId: 'import-broken' });
    expect(records[0]?.data).toEqual(fixture('layer-corrupt.json'));
    // The newer record is still there, unchanged, and a save cannot replace it.
    await expect(
      storage.saveImportedLayer({
        ...(fixture('layer-v1.json') as unknown as ImportedLayerRecord),
        id: 'import-future',
      }),
    ).rejects.toMatchObject({ kind: 'newer' });
    expect((await storage.loadImportedLayers()).quarantined.map((q) => q.storedId)).toEqual([
      'import-future',
    ]);
  });

  it('reports a full quota for layers and scenarios instead of swallowing it', async () => {
    const storage = await openStorage(freshName());
    vi.spyOn(IDBObjectStore.prototype, 'put').mockImplementation(() => {
      throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    });
    const layerFailure = await failureOf(storage.saveImportedLayer(demandLayer()));
    expect(layerFailure.kind).toBe('quota');
    expect(layerFailure.message).toContain(
      'storage for this site is full, so the layer “Outlets 2026” was not saved',
    );
    const scenarioFailure = await failureOf(storage.save(scenario('q', '方案'), 0));
    expect(scenarioFailure.kind).toBe('quota');
    expect(scenarioFailure.message).toContain('the scenario “方案” was not saved');
    vi.restoreAllMocks();
    expect((await storage.loadImportedLayers()).layers).toEqual([]);
  });
});

describe('two tabs', () => {
  it('announces saves and deletions to the other tab (injected channel)', async () => {
    const name = freshName();
    const hub = channelHub();
    const tabA = await openStorage(name, hub);
    const tabB = await openStorage(name, hub);
    const heardByA: StorageChange[] = [];
    const heardByB: StorageChange[] = [];
    tabA.onChange((change) => heardByA.push(change));
    tabB.onChange((change) => heardByB.push(change));
    await tabB.save(scenario('s1'), 0);
    await tabB.save(scenario('s1', 'renamed'), 1);
    await tabB.remove('s1');
    await tabB.saveImportedLayer(fixture('layer-v1.json') as unknown as ImportedLayerRecord);
    await tabB.deleteImportedLayer('import-outlets');
    expect(heardByA).toEqual([
      { kind: 'scenario-saved', id: 's1', revision: 1 },
      { kind: 'scenario-saved', id: 's1', revision: 2 },
      { kind: 'scenario-deleted', id: 's1' },
      { kind: 'layer-saved', id: 'import-outlets' },
      { kind: 'layer-deleted', id: 'import-outlets' },
    ]);
    expect(heardByB).toEqual([]);
  });

  it('announces over a real BroadcastChannel', async () => {
    expect(typeof BroadcastChannel).toBe('function');
    const name = freshName();
    const tabA = await openStorage(name);
    const tabB = await openStorage(name);
    const heard = new Promise<StorageChange>((resolvePromise) => {
      tabA.onChange(resolvePromise);
    });
    await tabB.save(scenario('s2'), 0);
    expect(await heard).toEqual({ kind: 'scenario-saved', id: 's2', revision: 1 });
  });

  it('ignores malformed messages', () => {
    expect(readStorageChange({ kind: 'scenario-saved', id: 'x' })).toBeNull();
    expect(readStorageChange({ kind: 'drop-database', id: 'x' })).toBeNull();
    expect(readStorageChange('scenario-saved')).toBeNull();
    expect(readStorageChange({ kind: 'layer-deleted', id: 'x' })).toEqual({
      kind: 'layer-deleted',
      id: 'x',
    });
  });

  it('lets a newer atlas in another tab upgrade, and says so instead of failing silently', async () => {
    const name = freshName();
    const storage = await openStorage(name);
    const upgraded = await new Promise<IDBDatabase>((resolvePromise, reject) => {
      const request = indexedDB.open(name, DB_VERSION + 1);
      request.onsuccess = () => {
        resolvePromise(request.result);
      };
      request.onerror = () => {
        reject(request.error ?? new Error('blocked'));
      };
    });
    upgraded.close();
    const late = await failureOf(storage.save(scenario('late'), 0));
    expect(late.kind).toBe('unavailable');
    expect(late.message).toContain('reload this page');
    // Opening the older layout against the newer database is refused with a sentence.
    const refused = await failureOf(AtlasStorage.open(name));
    expect(refused.kind).toBe('unavailable');
    expect(refused.message).toContain('newer version of the atlas');
  });
});
