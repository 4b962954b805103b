import 'fake-indexeddb/auto';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ImportedLayerRecord } from '../../src/core/import/imported-layer-record';
import { createAppStore } from '../../src/state/app-store';
import type { ImportedLayer } from '../../src/state/imported-layers-slice';
import { AtlasStorage, openAtlasStorage } from '../../src/storage/atlas-storage';
import {
  ImportedLayerPersistence,
  importedLayerRecord,
} from '../../src/storage/imported-layer-persistence';

let counter = 0;
const open = () => {
  const name = `persistence-${String((counter += 1))}`;
  const storage = AtlasStorage.open(name, { channel: () => null });
  return () => storage;
};

const record = (): ImportedLayerRecord =>
  JSON.parse(
    readFileSync(resolve(import.meta.dirname, 'fixtures/storage/layer-v1.json'), 'utf8'),
  ) as ImportedLayerRecord;

describe('ImportedLayerPersistence', () => {
  it('saves a layer, restores it after a “reload” and forgets a removed one', async () => {
    const storage = open();
    const store = createAppStore();
    const saved = record();
    const restored: ImportedLayer[][] = [];
    const persistence = new ImportedLayerPersistence(store, storage);
    await (await storage()).saveImportedLayer(saved);
    await persistence.restoreInto({ restore: (layers) => restored.push([...layers]) });
    expect(restored[0]?.map((layer) => layer.id)).toEqual([saved.id]);
    const layer = restored[0]?.[0];
    if (layer === undefined) throw new Error('nothing restored');
    expect(importedLayerRecord(layer)).toMatchObject({ id: saved.id, name: saved.name });
    await persistence.remove(saved.id);
    await persistence.save({ ...layer, id: 'other' });
    const again: ImportedLayer[][] = [];
    await persistence.restoreInto({ restore: (layers) => again.push([...layers]) });
    expect(again[0]?.map((entry) => entry.id)).toEqual(['other']);
    expect(store.getState().importActivity).not.toMatchObject({ kind: 'failed' });
  });

  it('reports unreadable saved layers in the import panel and restores the rest', async () => {
    const storage = open();
    const store = createAppStore();
    await (await storage()).putRawLayer({ id: 'broken', schemaVersion: 1, name: 3 });
    await new ImportedLayerPersistence(store, storage).restoreInto({ restore: () => undefined });
    expect(store.getState().importActivity).toMatchObject({ kind: 'failed', fileName: 'broken' });
  });

  it('reports storage that cannot be opened instead of throwing', async () => {
    const store = createAppStore();
    const failing = () => Promise.reject(new Error('no IndexedDB here'));
    await new ImportedLayerPersistence(store, failing).restoreInto({ restore: () => undefined });
    expect(store.getState().importActivity).toMatchObject({
      kind: 'failed',
      message: 'no IndexedDB here',
    });
  });
});

describe('openAtlasStorage', () => {
  it('gives every caller on the page the same connection', async () => {
    const first = openAtlasStorage();
    expect(openAtlasStorage()).toBe(first);
    expect(await first).toBe(await openAtlasStorage());
    (await first).close();
  });
});
