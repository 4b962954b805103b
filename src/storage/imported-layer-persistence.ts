import {
  IMPORTED_LAYER_SCHEMA_VERSION,
  type ImportedLayerRecord,
} from '../core/import/imported-layer-record';
import type { AppStore } from '../state/app-store';
import { importColor, type ImportedLayer } from '../state/imported-layers-slice';
import { openAtlasStorage, type AtlasStorage } from './atlas-storage';

/** The stored form of an imported layer (schema {@link IMPORTED_LAYER_SCHEMA_VERSION}). */
export function importedLayerRecord(layer: ImportedLayer): ImportedLayerRecord {
  return {
    id: layer.id,
    schemaVersion: IMPORTED_LAYER_SCHEMA_VERSION,
    name: layer.name,
    role: layer.role,
    savedAt: layer.importedAt,
    fileName: layer.fileName,
    detected: layer.detected,
    problems: layer.problems,
    features: layer.features,
    ...(layer.demand === undefined ? {} : { demand: layer.demand }),
  };
}

/**
 * Keeps imported layers in the browser (IndexedDB, store `importedLayers`, versioned records) so
 * they survive a reload: saves after each import, deletes on remove, restores at start. Storage
 * trouble (no IndexedDB, full quota, unreadable records) is reported in the import panel, never
 * swallowed; the layers stay on the map either way.
 */
export class ImportedLayerPersistence {
  constructor(
    private readonly store: AppStore,
    private readonly open: () => Promise<AtlasStorage> = openAtlasStorage,
  ) {}

  async save(layer: ImportedLayer): Promise<void> {
    const storage = await this.open();
    await storage.saveImportedLayer(importedLayerRecord(layer));
  }

  async remove(id: string): Promise<void> {
    const storage = await this.open();
    await storage.deleteImportedLayer(id);
  }

  /** Puts saved layers back on the map; reports unreadable ones in the import panel. */
  async restoreInto(controller: {
    restore(layers: readonly ImportedLayer[]): void;
  }): Promise<void> {
    try {
      const storage = await this.open();
      const { layers, quarantined } = await storage.loadImportedLayers();
      controller.restore(
        layers.map((record, index) => ({
          id: record.id,
          name: record.name,
          fileName: record.fileName,
          role: record.role,
          visible: true,
          color: importColor(index),
          detected: record.detected,
          problems: record.problems,
          features: record.features,
          ...(record.demand === undefined ? {} : { demand: record.demand }),
          importedAt: record.savedAt,
        })),
      );
      if (quarantined.length > 0) {
        this.store.getState().setImportActivity({
          kind: 'failed',
          fileName: quarantined.map((entry) => entry.storedId.slice(0, 40)).join(', '),
          message: quarantined.map((entry) => entry.problems.join(' ')).join(' '),
        });
      }
    } catch (error) {
      this.store.getState().setImportActivity({
        kind: 'failed',
        fileName: 'IndexedDB',
        message: error instanceof Error ? error.message : String(error),
      });
    }
  }
}
