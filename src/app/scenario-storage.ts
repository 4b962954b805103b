import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import { readScenario, type Scenario } from '../core/scenario/scenario';

/** Database layout version (object stores), distinct from the scenario schema version. */
const DB_VERSION = 1;
export const DB_NAME = 'cq-commerce-atlas';

interface StoredScenario {
  readonly id: string;
  /** Bumped on every save; a save based on an older revision is a conflict (another tab). */
  readonly revision: number;
  readonly data: unknown;
}

interface QuarantinedRecord {
  readonly key?: number;
  readonly storedId: string;
  readonly at: string;
  readonly problems: readonly string[];
  readonly data: unknown;
}

interface AtlasDb extends DBSchema {
  scenarios: { key: string; value: StoredScenario };
  quarantine: { key: number; value: QuarantinedRecord };
  meta: { key: string; value: unknown };
}

/** Something went wrong with saved work, said in a sentence the UI can show. */
export class StorageProblem extends Error {
  constructor(
    message: string,
    readonly kind: 'quota' | 'unavailable' | 'conflict' | 'unknown',
  ) {
    super(message);
    this.name = 'StorageProblem';
  }
}

function describeError(error: unknown): StorageProblem {
  if (error instanceof StorageProblem) return error;
  const name = error instanceof DOMException ? error.name : '';
  if (name === 'QuotaExceededError') {
    return new StorageProblem(
      'The browser’s storage for this site is full, so the scenario was not saved. Export it as a file, then delete old scenarios.',
      'quota',
    );
  }
  const detail = error instanceof Error ? error.message : String(error);
  return new StorageProblem(`Saving in the browser failed: ${detail}`, 'unknown');
}

export interface LoadedScenarios {
  readonly scenarios: readonly Scenario[];
  /** Records that could not be read; kept aside in the quarantine store, never overwritten. */
  readonly quarantined: readonly {
    readonly storedId: string;
    readonly problems: readonly string[];
  }[];
  readonly revisions: ReadonlyMap<string, number>;
}

/**
 * Scenarios saved in IndexedDB. Every save is a transaction that checks the revision it was based
 * on, so two tabs editing the same scenario do not silently overwrite each other; unreadable
 * records are moved to a quarantine store and reported; a full quota is reported, not swallowed.
 */
export class ScenarioStorage {
  private constructor(private readonly db: IDBPDatabase<AtlasDb>) {}

  static async open(name: string = DB_NAME): Promise<ScenarioStorage> {
    try {
      const db = await openDB<AtlasDb>(name, DB_VERSION, {
        upgrade(database) {
          database.createObjectStore('scenarios', { keyPath: 'id' });
          database.createObjectStore('quarantine', { keyPath: 'key', autoIncrement: true });
          database.createObjectStore('meta');
        },
      });
      return new ScenarioStorage(db);
    } catch (error) {
      throw new StorageProblem(
        `Saved scenarios are unavailable in this browser (${error instanceof Error ? error.message : String(error)}); edits will not survive a reload.`,
        'unavailable',
      );
    }
  }

  /** Every readable scenario (migrated to the current schema); unreadable ones are quarantined. */
  async loadAll(): Promise<LoadedScenarios> {
    const transaction = this.db.transaction(['scenarios', 'quarantine'], 'readwrite');
    const records = await transaction.objectStore('scenarios').getAll();
    const scenarios: Scenario[] = [];
    const quarantined: { storedId: string; problems: readonly string[] }[] = [];
    const revisions = new Map<string, number>();
    for (const record of records) {
      const result = readScenario(record.data);
      if (result.ok) {
        scenarios.push(result.scenario);
        revisions.set(result.scenario.id, record.revision);
      } else {
        quarantined.push({ storedId: record.id, problems: result.problems });
        await transaction.objectStore('quarantine').add({
          storedId: record.id,
          at: new Date().toISOString(),
          problems: result.problems,
          data: record.data,
        });
        await transaction.objectStore('scenarios').delete(record.id);
      }
    }
    await transaction.done;
    scenarios.sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id));
    return { scenarios, quarantined, revisions };
  }

  /**
   * Saves a scenario based on `baseRevision` (0 for a new one) and returns its new revision.
   * Throws a `conflict` StorageProblem when another tab saved a newer revision meanwhile.
   */
  async save(scenario: Scenario, baseRevision: number): Promise<number> {
    try {
      const transaction = this.db.transaction('scenarios', 'readwrite');
      const existing = await transaction.store.get(scenario.id);
      const stored = existing?.revision ?? 0;
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
      return revision;
    } catch (error) {
      throw describeError(error);
    }
  }

  async remove(id: string): Promise<void> {
    await this.db.delete('scenarios', id);
  }

  async quarantinedCount(): Promise<number> {
    return this.db.count('quarantine');
  }

  async getMeta(key: string): Promise<unknown> {
    return this.db.get('meta', key);
  }

  async setMeta(key: string, value: unknown): Promise<void> {
    try {
      await this.db.put('meta', value, key);
    } catch (error) {
      throw describeError(error);
    }
  }

  /** Stores a raw record as-is (tests use it to plant old or corrupted saves). */
  async putRaw(id: string, data: unknown, revision = 1): Promise<void> {
    await this.db.put('scenarios', { id, revision, data });
  }

  close(): void {
    this.db.close();
  }
}
