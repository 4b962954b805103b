import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import {
  IMPORTED_LAYER_SCHEMA_VERSION,
  readImportedLayerRecord,
  type ImportedLayerRecord,
} from '../core/import/imported-layer-record';
import {
  correctionRecord,
  readCorrectionRecord,
  type PositionCorrection,
} from '../core/plan/position-corrections';
import { readScenario, SCENARIO_SCHEMA_VERSION, type Scenario } from '../core/scenario/scenario';

/**
 * Database layout version (object stores), distinct from the record schema versions.
 * 1: scenarios, quarantine, meta. 2: + importedLayers. 3: + corrections (planners' position
 * corrections, keyed by feature id).
 */
export const DB_VERSION = 3;
export const DB_NAME = 'cq-commerce-atlas';
/** The BroadcastChannel on which tabs announce saves and deletions (named after the database). */
export const CHANNEL_NAME = DB_NAME;

interface StoredScenario {
  readonly id: string;
  /** Bumped on every save; a save based on an older revision is a conflict (another tab). */
  readonly revision: number;
  readonly data: unknown;
}

/** An imported layer as stored: an {@link ImportedLayerRecord}, untrusted until read back. */
interface StoredLayer {
  readonly id: string;
  readonly [key: string]: unknown;
}

/** A position correction as stored: a correction record, untrusted until read back. */
interface StoredCorrection {
  readonly id: string;
  readonly [key: string]: unknown;
}

/** A saved record that could not be read, kept aside with its raw data. */
export interface QuarantinedRecord {
  readonly key?: number;
  /** Which store it came from; absent on records quarantined by layout version 1. */
  readonly store?: 'scenarios' | 'importedLayers' | 'corrections';
  readonly storedId: string;
  readonly at: string;
  readonly problems: readonly string[];
  readonly data: unknown;
}

interface AtlasDb extends DBSchema {
  scenarios: { key: string; value: StoredScenario };
  quarantine: { key: number; value: QuarantinedRecord };
  meta: { key: string; value: unknown };
  importedLayers: { key: string; value: StoredLayer };
  corrections: { key: string; value: StoredCorrection };
}

/** Something went wrong with saved work, said in a sentence the UI can show. */
export class StorageProblem extends Error {
  constructor(
    message: string,
    readonly kind: 'quota' | 'unavailable' | 'conflict' | 'newer' | 'unknown',
  ) {
    super(message);
    this.name = 'StorageProblem';
  }
}

function errorName(error: unknown): string {
  return typeof error === 'object' && error !== null && 'name' in error ? String(error.name) : '';
}

function describeError(error: unknown, what: string): StorageProblem {
  if (error instanceof StorageProblem) return error;
  const name = errorName(error);
  if (name === 'QuotaExceededError' || name === 'NS_ERROR_DOM_QUOTA_REACHED') {
    return new StorageProblem(
      `The browser’s storage for this site is full, so ${what} was not saved. Export your scenarios as files, then delete old scenarios or imported layers to make room.`,
      'quota',
    );
  }
  const detail = error instanceof Error ? error.message : String(error);
  return new StorageProblem(`Saving ${what} in the browser failed: ${detail}`, 'unknown');
}

/** The stores whose records are read back through {@link AtlasStorage.readKeepingAside}. */
type KeptStore = 'scenarios' | 'importedLayers' | 'corrections';

/** What reading one stored record gave: its value, or why it is set aside. */
type StoredRead<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly problems: readonly string[]; readonly newer: boolean };

/** A record kept aside on load: unreadable ones are in the quarantine store, newer ones in place. */
export interface QuarantineReport {
  readonly storedId: string;
  readonly problems: readonly string[];
  /** `newer`: written by a newer atlas; left where it is, untouched, and never overwritten. */
  readonly reason: 'unreadable' | 'newer';
}

export interface LoadedScenarios {
  readonly scenarios: readonly Scenario[];
  /** Records that could not be read; kept aside, never overwritten. */
  readonly quarantined: readonly QuarantineReport[];
  readonly revisions: ReadonlyMap<string, number>;
}

export interface LoadedCorrections {
  /** Readable corrections, by feature id order. */
  readonly corrections: readonly PositionCorrection[];
  readonly quarantined: readonly QuarantineReport[];
}

export interface LoadedLayers {
  readonly layers: readonly ImportedLayerRecord[];
  readonly quarantined: readonly QuarantineReport[];
}

/** What a tab announces to the others after writing. */
export type StorageChange =
  | { readonly kind: 'scenario-saved'; readonly id: string; readonly revision: number }
  | { readonly kind: 'scenario-deleted'; readonly id: string }
  | { readonly kind: 'layer-saved'; readonly id: string }
  | { readonly kind: 'layer-deleted'; readonly id: string }
  | { readonly kind: 'correction-saved'; readonly id: string }
  | { readonly kind: 'correction-deleted'; readonly id: string };

/** The part of a BroadcastChannel the storage uses; injectable for tests. */
export interface ChangeChannel {
  post(message: StorageChange): void;
  listen(handler: (message: unknown) => void): void;
  close(): void;
}

export type ChannelFactory = (name: string) => ChangeChannel | null;

/** A BroadcastChannel, or null in a browser without one (then other tabs are not told). */
export const broadcastChannelFactory: ChannelFactory = (name) => {
  if (typeof BroadcastChannel === 'undefined') return null;
  const channel = new BroadcastChannel(name);
  return {
    post: (message) => {
      channel.postMessage(message);
    },
    listen: (handler) => {
      channel.onmessage = (event: MessageEvent) => {
        handler(event.data);
      };
    },
    close: () => {
      channel.close();
    },
  };
};

/** Reads a message from another tab; anything malformed is ignored (null). */
export function readStorageChange(message: unknown): StorageChange | null {
  if (typeof message !== 'object' || message === null) return null;
  const { kind, id, revision } = message as Record<string, unknown>;
  if (typeof id !== 'string' || id === '' || id.length > 200) return null;
  switch (kind) {
    case 'scenario-saved':
      return typeof revision === 'number' && Number.isInteger(revision) && revision > 0
        ? { kind, id, revision }
        : null;
    case 'scenario-deleted':
    case 'layer-saved':
    case 'layer-deleted':
    case 'correction-saved':
    case 'correction-deleted':
      return { kind, id };
    default:
      return null;
  }
}

function schemaVersionOf(data: unknown): unknown {
  return typeof data === 'object' && data !== null && !Array.isArray(data)
    ? (data as Record<string, unknown>)['schemaVersion']
    : undefined;
}

function isNewerScenario(data: unknown): boolean {
  const version = schemaVersionOf(data);
  return typeof version === 'number' && version > SCENARIO_SCHEMA_VERSION;
}

function isNewerLayer(data: unknown): boolean {
  const version = schemaVersionOf(data);
  return typeof version === 'number' && version > IMPORTED_LAYER_SCHEMA_VERSION;
}

function newerScenarioProblem(data: unknown): string {
  return `This scenario was saved by a newer version of the atlas (schema ${String(schemaVersionOf(data))}; this one reads up to ${String(SCENARIO_SCHEMA_VERSION)}); it was left unchanged, not deleted. Open it with the newer atlas.`;
}

export interface OpenOptions {
  /** Creates the cross-tab channel; defaults to BroadcastChannel. */
  readonly channel?: ChannelFactory;
}

/**
 * Scenarios and imported layers saved in IndexedDB: one database, one layout version
 * ({@link DB_VERSION}), one quarantine store. Every scenario save is a transaction that
 * checks the revision it was based on, so two tabs editing the same scenario do not silently
 * overwrite each other, and every write is announced to other tabs on a BroadcastChannel.
 * Unreadable records are moved to a quarantine store and reported; records from a newer atlas are
 * left in place, reported and never overwritten; a full quota is reported, not swallowed.
 */
export class AtlasStorage {
  private readonly listeners = new Set<(change: StorageChange) => void>();
  private closedBy: string | null = null;

  private constructor(
    private readonly db: IDBPDatabase<AtlasDb>,
    private readonly channel: ChangeChannel | null,
  ) {
    channel?.listen((message) => {
      const change = readStorageChange(message);
      if (change !== null) for (const listener of this.listeners) listener(change);
    });
  }

  static async open(name: string = DB_NAME, options: OpenOptions = {}): Promise<AtlasStorage> {
    let storage: AtlasStorage | null = null;
    try {
      const db = await openDB<AtlasDb>(name, DB_VERSION, {
        upgrade(database, oldVersion) {
          // Each step only adds stores, so saved scenarios survive every upgrade.
          if (oldVersion < 1) {
            database.createObjectStore('scenarios', { keyPath: 'id' });
            database.createObjectStore('quarantine', { keyPath: 'key', autoIncrement: true });
            database.createObjectStore('meta');
          }
          if (oldVersion < 2) {
            database.createObjectStore('importedLayers', { keyPath: 'id' });
          }
          if (oldVersion < 3) {
            database.createObjectStore('corrections', { keyPath: 'id' });
          }
        },
        blocking() {
          // A newer atlas in another tab wants to upgrade the database: let it.
          storage?.shutDown(
            'The atlas was updated in another tab; reload this page to keep saving your work.',
          );
        },
      });
      storage = new AtlasStorage(
        db,
        (options.channel ?? broadcastChannelFactory)(name === DB_NAME ? CHANNEL_NAME : name),
      );
      return storage;
    } catch (error) {
      const detail =
        errorName(error) === 'VersionError'
          ? 'they were saved by a newer version of the atlas; reload this page to get it'
          : error instanceof Error
            ? error.message
            : String(error);
      throw new StorageProblem(
        `Saved scenarios are unavailable in this browser (${detail}); edits will not survive a reload.`,
        'unavailable',
      );
    }
  }

  private shutDown(reason: string): void {
    this.closedBy = reason;
    this.db.close();
  }

  private checkOpen(): void {
    if (this.closedBy !== null) throw new StorageProblem(this.closedBy, 'unavailable');
  }

  private announce(change: StorageChange): void {
    try {
      this.channel?.post(change);
    } catch {
      // Another tab not hearing of a change is not worth failing a save that succeeded.
    }
  }

  /** Calls `listener` whenever another tab saves or deletes something; returns an unsubscribe. */
  onChange(listener: (change: StorageChange) => void): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }

  /** Every readable scenario (migrated to the current schema); unreadable ones are quarantined. */
  async loadAll(): Promise<LoadedScenarios> {
    const revisions = new Map<string, number>();
    const { values, quarantined } = await this.readKeepingAside(
      'scenarios',
      (record) => {
        if (isNewerScenario(record.data))
          return { ok: false, problems: [newerScenarioProblem(record.data)], newer: true };
        const result = readScenario(record.data);
        if (!result.ok) return { ok: false, problems: result.problems, newer: false };
        revisions.set(record.id, record.revision);
        // The key is the id: a version-0 record has none of its own.
        return { ok: true, value: { ...result.scenario, id: record.id } };
      },
      (record) => record.data,
    );
    const scenarios = [...values].sort(
      (a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id),
    );
    return { scenarios, quarantined, revisions };
  }

  /**
   * Reads every record of `store` with `read`. A record it cannot read is moved to the quarantine
   * store with its problems (`dataOf` says what of it to keep); one written by a newer atlas is
   * reported and left where it is, untouched. One owner for the rule every kept store follows.
   */
  private async readKeepingAside<S extends KeptStore, T>(
    store: S,
    read: (stored: AtlasDb[S]['value']) => StoredRead<T>,
    dataOf: (stored: AtlasDb[S]['value']) => unknown = (stored) => stored,
  ): Promise<{ values: T[]; quarantined: QuarantineReport[] }> {
    this.checkOpen();
    const transaction = this.db.transaction([store, 'quarantine'], 'readwrite');
    const records = await transaction.objectStore(store).getAll();
    const values: T[] = [];
    const quarantined: QuarantineReport[] = [];
    for (const stored of records) {
      const result = read(stored);
      if (result.ok) {
        values.push(result.value);
        continue;
      }
      const { problems } = result;
      if (result.newer) {
        quarantined.push({ storedId: stored.id, problems, reason: 'newer' });
        continue;
      }
      quarantined.push({ storedId: stored.id, problems, reason: 'unreadable' });
      await transaction.objectStore('quarantine').add({
        store,
        storedId: stored.id,
        at: new Date().toISOString(),
        problems,
        data: dataOf(stored),
      });
      await transaction.objectStore(store).delete(stored.id);
    }
    await transaction.done;
    return { values, quarantined };
  }

  /** One scenario and its revision, or null when it is missing or cannot be read. */
  async load(id: string): Promise<{ scenario: Scenario; revision: number } | null> {
    this.checkOpen();
    const record = await this.db.get('scenarios', id);
    if (record === undefined || isNewerScenario(record.data)) return null;
    const result = readScenario(record.data);
    return result.ok ? { scenario: { ...result.scenario, id }, revision: record.revision } : null;
  }

  /**
   * Saves a scenario based on `baseRevision` (0 for a new one) and returns its new revision.
   * Throws a `conflict` StorageProblem when another tab saved a newer revision meanwhile, and a
   * `newer` one when the stored record comes from a newer atlas.
   */
  async save(scenario: Scenario, baseRevision: number): Promise<number> {
    try {
      this.checkOpen();
      const transaction = this.db.transaction('scenarios', 'readwrite');
      const existing = await transaction.store.get(scenario.id);
      const stored = existing?.revision ?? 0;
      if (existing !== undefined && isNewerScenario(existing.data)) {
        await transaction.done;
        throw new StorageProblem(newerScenarioProblem(existing.data), 'newer');
      }
      if (stored > baseRevision) {
        await transaction.done;
        throw new StorageProblem(
          `“${scenario.name}” was changed in another tab; your version was kept here and not saved over it.`,
          'conflict',
        );
      }
      const revision = stored + 1;
      await transaction.store.put({ id: scenario.id, revision, data: scenario });
      await transaction.done;
      this.announce({ kind: 'scenario-saved', id: scenario.id, revision });
      return revision;
    } catch (error) {
      throw describeError(error, `the scenario “${scenario.name}”`);
    }
  }

  async remove(id: string): Promise<void> {
    try {
      this.checkOpen();
      await this.db.delete('scenarios', id);
      this.announce({ kind: 'scenario-deleted', id });
    } catch (error) {
      throw describeError(error, 'the deletion');
    }
  }

  /**
   * Saves an imported layer (replacing a saved layer of the same id unless that one comes from a
   * newer atlas). A full quota is thrown as a `quota` StorageProblem.
   */
  async saveImportedLayer(record: ImportedLayerRecord): Promise<void> {
    try {
      this.checkOpen();
      const transaction = this.db.transaction('importedLayers', 'readwrite');
      const existing = await transaction.store.get(record.id);
      if (existing !== undefined && isNewerLayer(existing)) {
        await transaction.done;
        throw new StorageProblem(
          `A layer saved by a newer version of the atlas already has the id ${record.id.slice(0, 60)}; it was not overwritten.`,
          'newer',
        );
      }
      await transaction.store.put({ ...record });
      await transaction.done;
      this.announce({ kind: 'layer-saved', id: record.id });
    } catch (error) {
      throw describeError(error, `the layer “${record.name.slice(0, 60)}”`);
    }
  }

  /** Every readable imported layer; unreadable ones are quarantined, newer ones left in place. */
  async loadImportedLayers(): Promise<LoadedLayers> {
    const { values, quarantined } = await this.readKeepingAside('importedLayers', (stored) => {
      const result = readImportedLayerRecord(stored);
      if (result.ok && result.record.id === stored.id) return { ok: true, value: result.record };
      return result.ok
        ? {
            ok: false,
            problems: [
              `The layer stored under the key ${stored.id.slice(0, 60)} names itself differently.`,
            ],
            newer: false,
          }
        : { ok: false, problems: result.problems, newer: result.newer };
    });
    const layers = [...values].sort(
      (a, b) => a.savedAt.localeCompare(b.savedAt) || a.id.localeCompare(b.id),
    );
    return { layers, quarantined };
  }

  async deleteImportedLayer(id: string): Promise<void> {
    try {
      this.checkOpen();
      await this.db.delete('importedLayers', id);
      this.announce({ kind: 'layer-deleted', id });
    } catch (error) {
      throw describeError(error, 'the deletion');
    }
  }

  /**
   * Saves a planner's position correction, replacing an earlier one of the same feature (unless
   * that one comes from a newer atlas). The record is checked before it is written, as it will be
   * when read back; an invalid one is refused, not stored.
   */
  async saveCorrection(correction: PositionCorrection): Promise<void> {
    const record = correctionRecord(correction);
    const check = readCorrectionRecord(record);
    if (!check.ok)
      throw new StorageProblem(
        `The correction of ${correction.id.slice(0, 60)} was not saved: ${check.problems.join(' ')}`,
        'unknown',
      );
    try {
      this.checkOpen();
      const transaction = this.db.transaction('corrections', 'readwrite');
      const existing = await transaction.store.get(record.id);
      if (existing !== undefined) {
        const read = readCorrectionRecord(existing);
        if (!read.ok && read.newer) {
          await transaction.done;
          throw new StorageProblem(
            `A correction of ${record.id.slice(0, 60)} saved by a newer version of the atlas was not overwritten.`,
            'newer',
          );
        }
      }
      await transaction.store.put({ ...record });
      await transaction.done;
      this.announce({ kind: 'correction-saved', id: record.id });
    } catch (error) {
      throw describeError(error, `the correction of ${correction.id.slice(0, 60)}`);
    }
  }

  /** Every readable correction; unreadable ones are quarantined, newer ones left in place. */
  async loadCorrections(): Promise<LoadedCorrections> {
    const { values, quarantined } = await this.readKeepingAside('corrections', (stored) => {
      const result = readCorrectionRecord(stored);
      if (result.ok && result.correction.id === stored.id)
        return { ok: true, value: result.correction };
      return result.ok
        ? {
            ok: false,
            problems: [
              `The correction stored under the key ${stored.id.slice(0, 60)} names another feature.`,
            ],
            newer: false,
          }
        : { ok: false, problems: result.problems, newer: result.newer };
    });
    const corrections = [...values].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    return { corrections, quarantined };
  }

  async deleteCorrection(id: string): Promise<void> {
    try {
      this.checkOpen();
      await this.db.delete('corrections', id);
      this.announce({ kind: 'correction-deleted', id });
    } catch (error) {
      throw describeError(error, 'the deletion');
    }
  }

  /** Stores a raw correction record as-is (tests). */
  async putRawCorrection(data: StoredCorrection): Promise<void> {
    await this.db.put('corrections', data);
  }

  async quarantinedCount(): Promise<number> {
    this.checkOpen();
    return this.db.count('quarantine');
  }

  /** Everything in the quarantine store, raw data included, oldest first. */
  async quarantinedRecords(): Promise<QuarantinedRecord[]> {
    this.checkOpen();
    return this.db.getAll('quarantine');
  }

  async getMeta(key: string): Promise<unknown> {
    this.checkOpen();
    return this.db.get('meta', key);
  }

  async setMeta(key: string, value: unknown): Promise<void> {
    try {
      this.checkOpen();
      await this.db.put('meta', value, key);
    } catch (error) {
      throw describeError(error, 'the current scenario');
    }
  }

  /** Stores a raw record as-is (tests use it to plant old or corrupted saves). */
  async putRaw(id: string, data: unknown, revision = 1): Promise<void> {
    await this.db.put('scenarios', { id, revision, data });
  }

  /** Stores a raw imported-layer record as-is (tests). */
  async putRawLayer(data: StoredLayer): Promise<void> {
    await this.db.put('importedLayers', data);
  }

  close(): void {
    this.listeners.clear();
    this.channel?.close();
    if (this.closedBy === null) this.shutDown('The saved-work storage was closed.');
  }
}

let shared: Promise<AtlasStorage> | null = null;

/**
 * The page's one connection to the atlas database, shared by saved scenarios and imported layers
 * (a worker opens its own). Opened on first use; a failed open is tried again on the next call.
 */
export function openAtlasStorage(): Promise<AtlasStorage> {
  shared ??= AtlasStorage.open().catch((error: unknown) => {
    shared = null;
    throw error;
  });
  return shared;
}
