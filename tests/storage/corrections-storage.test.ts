import 'fake-indexeddb/auto';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { PositionCorrection } from '../../src/core/plan/position-corrections';
import { AtlasStorage, DB_VERSION, StorageProblem } from '../../src/storage/atlas-storage';

let counter = 0;
const freshName = () => `corrections-db-${String((counter += 1))}-${String(Date.now())}`;
const fixture = (name: string): Record<string, unknown> =>
  JSON.parse(
    readFileSync(resolve(import.meta.dirname, 'fixtures/storage', name), 'utf8'),
  ) as Record<string, unknown>;

const CORRECTION: PositionCorrection = {
  id: 'bd-core-guanyinqiao',
  lon: 106.5312,
  lat: 29.57561,
  uncertaintyM: 30,
  certainty: 'surveyed',
  source: 'surveyed',
  note: '北城天街南门',
  date: '2026-12-06',
};

const opened: AtlasStorage[] = [];
async function openStorage(name: string): Promise<AtlasStorage> {
  const storage = await AtlasStorage.open(name, { channel: () => null });
  opened.push(storage);
  return storage;
}
afterEach(() => {
  for (const storage of opened.splice(0)) storage.close();
});

/** A database as layout version 2 left it (scenarios, quarantine, meta, importedLayers). */
async function createVersion2Database(name: string): Promise<void> {
  const db = await new Promise<IDBDatabase>((done, fail) => {
    const request = indexedDB.open(name, 2);
    request.onupgradeneeded = () => {
      const database = request.result;
      database.createObjectStore('scenarios', { keyPath: 'id' });
      database.createObjectStore('quarantine', { keyPath: 'key', autoIncrement: true });
      database.createObjectStore('meta');
      database.createObjectStore('importedLayers', { keyPath: 'id' });
    };
    request.onsuccess = () => {
      done(request.result);
    };
    request.onerror = () => {
      fail(request.error ?? new Error('open failed'));
    };
  });
  const transaction = db.transaction(['scenarios', 'importedLayers', 'meta'], 'readwrite');
  transaction.objectStore('scenarios').put(fixture('v1-scenario-v1.json'));
  transaction.objectStore('importedLayers').put(fixture('layer-v1.json'));
  transaction.objectStore('meta').put('scenario-kept', 'current-scenario');
  await new Promise<void>((done, fail) => {
    transaction.oncomplete = () => {
      done();
    };
    transaction.onerror = () => {
      fail(transaction.error ?? new Error('write failed'));
    };
  });
  db.close();
}

describe('position corrections in AtlasStorage (layout version 3)', () => {
  it('upgrades a version-2 database: scenarios and layers kept, corrections store added', async () => {
    const name = freshName();
    await createVersion2Database(name);
    expect(DB_VERSION).toBe(3);
    const storage = await openStorage(name);
    expect((await storage.loadAll()).scenarios.map((s) => s.id)).toEqual(['scenario-kept']);
    expect((await storage.loadImportedLayers()).layers.map((l) => l.id)).toEqual([
      'import-outlets',
    ]);
    expect(await storage.getMeta('current-scenario')).toBe('scenario-kept');
    expect(await storage.loadCorrections()).toEqual({ corrections: [], quarantined: [] });
    await storage.saveCorrection(CORRECTION);
    storage.close();
    const again = await openStorage(name);
    expect((await again.loadCorrections()).corrections).toEqual([CORRECTION]);
  });

  it('replaces a feature’s correction, deletes one, keeps the others', async () => {
    const storage = await openStorage(freshName());
    await storage.saveCorrection(CORRECTION);
    await storage.saveCorrection({ ...CORRECTION, id: 'agri-l1-jiangjin-shuangfu' });
    await storage.saveCorrection({ ...CORRECTION, uncertaintyM: 15 });
    const loaded = await storage.loadCorrections();
    expect(loaded.corrections.map((c) => [c.id, c.uncertaintyM])).toEqual([
      ['agri-l1-jiangjin-shuangfu', 30],
      ['bd-core-guanyinqiao', 15],
    ]);
    await storage.deleteCorrection('bd-core-guanyinqiao');
    expect((await storage.loadCorrections()).corrections.map((c) => c.id)).toEqual([
      'agri-l1-jiangjin-shuangfu',
    ]);
  });

  it('refuses to write an invalid correction', async () => {
    const storage = await openStorage(freshName());
    const bad = { ...CORRECTION, lon: Number.NaN };
    await expect(storage.saveCorrection(bad)).rejects.toBeInstanceOf(StorageProblem);
    await expect(storage.saveCorrection({ ...CORRECTION, uncertaintyM: 0 })).rejects.toThrow(
      /uncertainty_m/,
    );
    expect((await storage.loadCorrections()).corrections).toEqual([]);
  });

  it('quarantines an unreadable record with its raw data and leaves a newer one in place', async () => {
    const storage = await openStorage(freshName());
    await storage.saveCorrection(CORRECTION);
    const broken = { id: 'bd-core-nanping', schemaVersion: 1, lon: 'east', lat: 29.5 };
    const badDate = { ...fixtureRecord(), id: 'bd-core-jiulong', date: '2026-13-01' };
    const future = { ...fixtureRecord(), id: 'bd-core-future', schemaVersion: 9, shape: 'new' };
    await storage.putRawCorrection(broken);
    await storage.putRawCorrection(badDate);
    await storage.putRawCorrection(future);
    const loaded = await storage.loadCorrections();
    expect(loaded.corrections).toEqual([CORRECTION]);
    expect(loaded.quarantined.map((q) => [q.storedId, q.reason])).toEqual([
      ['bd-core-future', 'newer'],
      ['bd-core-jiulong', 'unreadable'],
      ['bd-core-nanping', 'unreadable'],
    ]);
    const records = await storage.quarantinedRecords();
    expect(records.map((r) => [r.store, r.storedId])).toEqual([
      ['corrections', 'bd-core-jiulong'],
      ['corrections', 'bd-core-nanping'],
    ]);
    expect(records[1]?.data).toEqual(broken);
    // Read again: the quarantined are gone from the store, the newer one is still there...
    expect((await storage.loadCorrections()).quarantined.map((q) => q.storedId)).toEqual([
      'bd-core-future',
    ]);
    // ...and is never overwritten.
    await expect(
      storage.saveCorrection({ ...CORRECTION, id: 'bd-core-future' }),
    ).rejects.toMatchObject({ kind: 'newer' });
  });
});

/** {@link CORRECTION} as a valid stored record. */
function fixtureRecord(): { id: string; [key: string]: unknown } {
  return {
    schemaVersion: 1,
    id: CORRECTION.id,
    lon: CORRECTION.lon,
    lat: CORRECTION.lat,
    uncertainty_m: CORRECTION.uncertaintyM,
    certainty: CORRECTION.certainty,
    source: CORRECTION.source,
    note: CORRECTION.note,
    date: CORRECTION.date,
  };
}
