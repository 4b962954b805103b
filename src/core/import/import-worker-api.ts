import type { Feature, Geometry } from 'geojson';
import type { ImportedLayerRecord } from './imported-layer-record';
import type { ImportOptions, ImportProgress, ImportResult } from './import-types';

/*
 * The import worker's surface: what the page (src/app/import-controller.ts) and the worker
 * (src/workers/import.worker.ts, which implements it) agree on, so neither imports the other.
 */

/** What importBytes returns: `features` is empty and `heldFeatures` > 0 when they wait here. */
export interface WorkerImportResult extends ImportResult {
  readonly heldFeatures: number;
}

/** The import worker's surface, for `wrap<ImportWorkerApi>(worker)`. */
export interface ImportWorkerApi {
  importBytes(
    fileName: string,
    bytes: Uint8Array,
    options?: ImportOptions,
    onProgress?: (progress: ImportProgress) => unknown,
  ): Promise<WorkerImportResult>;
  /** Features from … to − 1 of the last import held in the worker. */
  takeFeatures(from: number, to: number): Feature<Geometry, Record<string, unknown>>[];
  /** Forgets the held features. */
  release(): void;
  /** Saves the held features as an imported layer with this record (made without them). */
  saveHeld(record: ImportedLayerRecord): Promise<void>;
}
