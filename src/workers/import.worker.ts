import { expose } from 'comlink';
import { importBytes } from '../core/import/import-bytes';
import type { ImportOptions, ImportProgress, ImportResult } from '../core/import/import-types';

/**
 * Imports run here so that parsing a 100 MB file never freezes the map. The app creates the
 * worker with `new Worker(new URL('./import.worker.ts', import.meta.url), { type: 'module' })`,
 * wraps it with Comlink and calls
 * `api.importBytes(name, transfer(bytes, [bytes.buffer]), options, proxy(onProgress))`.
 * The result is plain data (structured-clone friendly).
 */
const api = {
  importBytes(
    fileName: string,
    bytes: Uint8Array,
    options: ImportOptions = {},
    onProgress?: (progress: ImportProgress) => unknown,
  ): Promise<ImportResult> {
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
    return importBytes(fileName, bytes, options, report);
  },
};

/** The import worker's surface, for `wrap<ImportWorkerApi>(worker)`. */
export type ImportWorkerApi = typeof api;

expose(api);
