import { proxy, transfer, wrap, type Remote } from 'comlink';
import type { Feature, Geometry } from 'geojson';
import type {
  ImportOptions,
  ImportProblem,
  ImportProgress,
  ImportResult,
  PlacementReport,
} from '../core/import/import-types';
import { FEATURE_CHUNK, IMPORT_LIMITS } from '../core/import/limits';
import type { AppStore } from '../state/app-store';
import type { ImportInput, ImportOutcome } from '../state/import-commands';
import { importColor, type ImportedLayer } from '../state/imported-layers-slice';
import { importedLayerRecord } from '../storage/imported-layer-persistence';
import type { ImportWorkerApi } from '../core/import/import-worker-api';

export type { ImportInput, ImportOutcome };

class CancelledImport extends Error {
  constructor() {
    super('The import was cancelled.');
    this.name = 'CancelledImport';
  }
}

/** Files above this size get a fresh worker for the next import (its heap is let go). */
const BIG_FILE_BYTES = 5 * 1024 * 1024;

/** An import worker no longer used for imports, kept until it has saved what it holds. */
interface DetachedWorker {
  readonly remote: Remote<ImportWorkerApi>;
  stop(): void;
}

/** The persistence the controller needs; the IndexedDB storage implements it. */
export interface ImportedLayerStore {
  save(layer: ImportedLayer): Promise<void>;
  remove(id: string): Promise<void>;
}

function refusal(
  fileName: string,
  code: ImportProblem['code'],
  en: string,
  zh: string,
): ImportProblem {
  return { code, severity: 'error', where: fileName, message: en, message_zh: zh };
}

function megabytes(bytes: number): string {
  return (bytes / 1024 / 1024).toFixed(1);
}

/**
 * Takes the user's files in: reads them off the main thread in the import worker (with progress
 * and a cancel that terminates the worker), adds what is valid as an imported layer, keeps every
 * problem for the report. Never throws at the UI: failures become an outcome with problems.
 */
export class ImportController {
  private worker: Worker | null = null;
  private remote: Remote<ImportWorkerApi> | null = null;
  private count = 0;
  private queue: Promise<unknown> = Promise.resolve();
  private rejectCurrent: ((reason: Error) => void) | null = null;

  constructor(
    private readonly store: AppStore,
    private readonly persistence: ImportedLayerStore | null = null,
  ) {}

  /** Imports one file; files are read one after another. */
  importFile(input: ImportInput, options: ImportOptions = {}): Promise<ImportOutcome> {
    const next = this.queue.then(() => this.importNow(input, options));
    this.queue = next.catch(() => undefined);
    return next;
  }

  /**
   * Hands the current worker over to the caller (who stops it when done with it); the next import
   * starts a fresh worker.
   */
  private detachWorker(): DetachedWorker | null {
    const { worker, remote } = this;
    this.worker = null;
    this.remote = null;
    if (worker === null || remote === null) return null;
    return {
      remote,
      stop: () => {
        worker.terminate();
      },
    };
  }

  private stopWorker(): void {
    this.worker?.terminate();
    this.worker = null;
    this.remote = null;
  }

  /** Stops the import in progress (terminates the worker); the next import starts a fresh one. */
  cancel(): void {
    if (this.worker === null) return;
    this.stopWorker();
    this.rejectCurrent?.(new CancelledImport());
    this.rejectCurrent = null;
    const activity = this.store.getState().importActivity;
    if (activity.kind === 'working') {
      this.store.getState().setImportActivity({ kind: 'cancelled', fileName: activity.fileName });
    }
  }

  /** Removes an imported layer from the map, the analysis and the browser's storage. */
  async remove(id: string): Promise<void> {
    this.store.getState().removeImportedLayer(id);
    await this.persistence?.remove(id);
  }

  /** Adds layers restored from storage (after a reload) without importing them again. */
  restore(layers: readonly ImportedLayer[]): void {
    for (const layer of layers) this.store.getState().addImportedLayer(layer);
    this.count = Math.max(this.count, layers.length);
  }

  private api(): Remote<ImportWorkerApi> {
    if (this.remote === null) {
      this.worker = new Worker(new URL('../workers/import.worker.ts', import.meta.url), {
        type: 'module',
      });
      this.remote = wrap<ImportWorkerApi>(this.worker);
    }
    return this.remote;
  }

  private async importNow(input: ImportInput, options: ImportOptions): Promise<ImportOutcome> {
    const state = this.store.getState();
    const fileName = input.name.trim() === '' ? 'unnamed file' : input.name;
    const size = input instanceof File ? input.size : input.bytes.byteLength;
    if (size > IMPORT_LIMITS.maxFileBytes) {
      // Refused before reading a byte: a 2 GB file must not be pulled into memory to say no.
      const problem = refusal(
        fileName,
        'file-too-large',
        `The file is ${megabytes(size)} MB; the atlas imports files up to ${megabytes(IMPORT_LIMITS.maxFileBytes)} MB. Split it or keep only the columns you need.`,
        `文件大小为 ${megabytes(size)} MB，超过可导入的上限 ${megabytes(IMPORT_LIMITS.maxFileBytes)} MB。请拆分文件或只保留需要的列。`,
      );
      return this.finish(fileName, null, [problem], true, 0);
    }
    state.setImportActivity({
      kind: 'working',
      fileName,
      progress: { phase: 'reading', fraction: 0 },
    });
    let result: ImportResult;
    /** The worker still holding a big result's features (detached: the next import gets a new one). */
    let heldBy: DetachedWorker | null = null;
    try {
      const buffer =
        input instanceof File
          ? await input.arrayBuffer()
          : input.bytes instanceof Uint8Array
            ? input.bytes.slice().buffer
            : input.bytes.slice(0);
      const onProgress = proxy((progress: ImportProgress) => {
        const activity = this.store.getState().importActivity;
        if (activity.kind === 'working' && activity.fileName === fileName) {
          this.store.getState().setImportActivity({ kind: 'working', fileName, progress });
        }
      });
      // The bytes are handed over, not copied: a 150 MB file must not sit in memory twice.
      const bytes = new Uint8Array(buffer);
      // A terminated worker never answers: cancelling rejects this race instead.
      const cancelled = new Promise<never>((_, reject) => {
        this.rejectCurrent = reject;
      });
      const answer = await Promise.race([
        this.api().importBytes(fileName, transfer(bytes, [buffer]), options, onProgress),
        cancelled,
      ]);
      result = answer;
      if (answer.heldFeatures > 0) {
        // A big result comes over in chunks, one task each, so the page never freezes for seconds.
        const features: Feature<Geometry, Record<string, unknown>>[] = [];
        for (let from = 0; from < answer.heldFeatures; from += FEATURE_CHUNK) {
          this.store.getState().setImportActivity({
            kind: 'working',
            fileName,
            progress: { phase: 'receiving', fraction: from / answer.heldFeatures },
          });
          const chunk = await Promise.race([
            this.api().takeFeatures(from, from + FEATURE_CHUNK),
            cancelled,
          ]);
          for (const feature of chunk) features.push(feature);
        }
        result = { ...answer, features };
        heldBy = this.detachWorker();
      }
      this.rejectCurrent = null;
      // A big file leaves a big heap behind in the worker; start the next import afresh.
      if (size > BIG_FILE_BYTES) this.stopWorker();
    } catch (error) {
      this.rejectCurrent = null;
      const cancelled = error instanceof CancelledImport;
      const detail = error instanceof Error ? error.message : String(error);
      const problem = refusal(
        fileName,
        'unreadable',
        cancelled
          ? 'The import was cancelled before it finished; nothing was added.'
          : `The file could not be read: ${detail.slice(0, 200)}`,
        cancelled
          ? '导入在完成前被取消，未添加任何内容。'
          : `无法读取该文件：${detail.slice(0, 200)}`,
      );
      // A cancelled import keeps the panel's “cancelled” line; a failure becomes the report.
      if (cancelled) return { layerId: null, features: 0, problems: [problem], placement: null };
      return this.finish(fileName, null, [problem], true, 0);
    }
    const kept = result.demand === undefined ? result.features.length : result.demand.lon.length;
    if (result.refused || kept === 0) {
      heldBy?.stop();
      return this.finish(fileName, null, result.problems, true, 0, result);
    }
    this.count += 1;
    const layer: ImportedLayer = {
      id: `import-${Date.now().toString(36)}-${String(this.count)}`,
      name: fileName,
      fileName,
      role: result.demand !== undefined ? 'demand' : (options.role ?? 'features'),
      visible: true,
      color: importColor(this.count - 1),
      detected: result.detected,
      problems: result.problems,
      features: result.features,
      ...(result.demand === undefined ? {} : { demand: result.demand }),
      importedAt: new Date().toISOString(),
    };
    this.store.getState().addImportedLayer(layer);
    // Saved in the background: a 200 k-feature layer takes seconds to write, and the map need not
    // wait. A failed save (full quota, no IndexedDB) is added to the report when it happens.
    // A big layer is saved by the worker that still holds its features, so IndexedDB's copy of
    // them is made there, not on the page.
    const saving =
      this.persistence === null
        ? null
        : heldBy === null
          ? this.persistence.save(layer)
          : heldBy.remote.saveHeld({ ...importedLayerRecord(layer), features: [] });
    if (heldBy !== null) {
      const worker = heldBy;
      void (saving ?? Promise.resolve()).finally(() => {
        worker.stop();
      });
    }
    void saving?.catch((error: unknown) => {
      const detail = error instanceof Error ? error.message : String(error);
      const activity = this.store.getState().importActivity;
      if (activity.kind !== 'done' || activity.layerId !== layer.id) return;
      this.store.getState().setImportActivity({
        ...activity,
        problems: [
          ...activity.problems,
          {
            code: 'unreadable',
            severity: 'warning',
            where: fileName,
            message: `The layer is on the map but could not be saved in this browser: ${detail}`,
            message_zh: `图层已添加到地图，但未能保存在本浏览器中：${detail}`,
          },
        ],
      });
    });
    return this.finish(fileName, layer.id, result.problems, false, kept, result);
  }

  private finish(
    fileName: string,
    layerId: string | null,
    problems: readonly ImportProblem[],
    refused: boolean,
    featureCount: number,
    result: ImportResult | null = null,
  ): ImportOutcome {
    const placement: PlacementReport | null = result?.placement ?? null;
    this.store.getState().setImportActivity({
      kind: 'done',
      fileName,
      layerId,
      problems,
      refused,
      featureCount,
      placement,
      ...(result === null ? {} : { detected: result.detected }),
    });
    return { layerId, features: featureCount, problems, placement };
  }
}
