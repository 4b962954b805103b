import { expose } from 'comlink';
import { importBytes } from '../core/import/import-bytes';
import type { Feature, Geometry } from 'geojson';
import type { ImportedLayerRecord } from '../core/import/imported-layer-record';
import type { ImportOptions, ImportProgress } from '../core/import/import-types';
import type { ImportWorkerApi, WorkerImportResult } from '../core/import/import-worker-api';
import { FEATURE_CHUNK } from '../core/import/limits';
import { openAtlasStorage } from '../storage/atlas-storage';

export type { ImportWorkerApi, WorkerImportResult };

/** Features of the last big import, until the page has taken them or releases them. */
let held: readonly Feature<Geometry, Record<string, unknown>>[] = [];

/**
 * Imports run here so that parsing a 100 MB file never freezes the map. The app creates the
 * worker with `new Worker(new URL('./import.worker.ts', import.meta.url), { type: 'module' })`,
 * wraps it with Comlink and calls
 * `api.importBytes(name, transfer(bytes, [bytes.buffer]), options, proxy(onProgress))`.
 * The result is plain data (structured-clone friendly).
 */
const api: ImportWorkerApi = {
  importBytes(
    fileName: string,
    bytes: Uint8Array,
    options: ImportOptions = {},
    onProgress?: (progress: ImportProgress) => unknown,
  ): Promise<WorkerImportResult> {
    // Progress goes through a Comlink proxy: fire and forget, never awaited, so a slow main
    // thread does not slow the import; errors reporting progress are ignored.
    const report =
      onProgress === undefined
        ? undefined
        : (progress: ImportProgress): void => {
            try {
              const pending: unknown = onProgress(progress);
              if (pending instanceof Promise) pending.catch(() => undefined);
            } catch {
              // the page went away; keep importing
            }
          };
    held = [];
    return importBytes(fileName, bytes, options, report).then((result) => {
      if (result.features.length <= FEATURE_CHUNK) return { ...result, heldFeatures: 0 };
      held = result.features;
      return { ...result, features: [], heldFeatures: held.length };
    });
  },

  /** Features from … to − 1 of the last import held here. */
  takeFeatures(from: number, to: number): Feature<Geometry, Record<string, unknown>>[] {
    return held.slice(from, to);
  },

  /** Forgets the held features. */
  release(): void {
    held = [];
  },

  /**
   * Saves the held features as an imported layer in the browser (IndexedDB), with the record the
   * page made without them: the copy IndexedDB makes of 500,000 features then happens here, not
   * on the page. Releases them after. Storage problems are thrown back to the page.
   */
  async saveHeld(record: ImportedLayerRecord): Promise<void> {
    const features = held;
    try {
      // This worker's own connection, opened on the first save from here.
      const storage = await openAtlasStorage();
      await storage.saveImportedLayer({ ...record, features });
    } finally {
      if (held === features) held = [];
    }
  },
};

expose(api);
