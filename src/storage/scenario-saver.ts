import type { Scenario } from '../core/scenario/scenario';
import type { AppStore } from '../state/app-store';
import { StorageProblem, type AtlasStorage } from './atlas-storage';

/** The meta key under which the open scenario's id is kept, so a reload opens it again. */
export const CURRENT_SCENARIO_KEY = 'current-scenario';

/**
 * Saves the open scenario whenever the store holds a new version of it: a store subscriber, so no
 * command has to remember to save. A scenario read from storage is not written back, only
 * remembered as the open one. Knows the revision each saved scenario was based on; when another
 * tab (or a newer atlas) saved over the open scenario, `onConflict` decides what to keep.
 */
export class ScenarioSaver {
  private readonly revisions = new Map<string, number>();
  private pending: Promise<void> = Promise.resolve();
  private readonly unsubscribe: () => void;

  constructor(
    private readonly store: AppStore,
    private readonly storage: AtlasStorage,
    revisions: ReadonlyMap<string, number>,
    private readonly onConflict: (scenario: Scenario) => Promise<void>,
  ) {
    for (const [id, revision] of revisions) this.revisions.set(id, revision);
    this.unsubscribe = store.subscribe((next, previous) => {
      const scenario = next.scenario;
      if (scenario === null || scenario === previous.scenario) return;
      if (scenario === next.savedScenario) {
        if (scenario.id !== previous.scenario?.id) this.queue(() => this.remember(scenario.id));
        return;
      }
      this.queue(() => this.save(scenario));
    });
  }

  /** Resolves once every save started so far (and any it led to) has finished. */
  async idle(): Promise<void> {
    let waited: Promise<void> | null = null;
    while (waited !== this.pending) {
      waited = this.pending;
      await waited;
    }
  }

  /** Whether storage has (had) this scenario, as far as this tab knows. */
  isStored(id: string): boolean {
    return this.revisions.has(id);
  }

  revision(id: string): number {
    return this.revisions.get(id) ?? 0;
  }

  /** Storage holds this revision (read back from it, or announced by another tab). */
  setRevision(id: string, revision: number): void {
    this.revisions.set(id, revision);
  }

  forget(id: string): void {
    this.revisions.delete(id);
  }

  dispose(): void {
    this.unsubscribe();
  }

  private queue(task: () => Promise<void>): void {
    this.pending = this.pending.then(task).catch((error: unknown) => {
      this.store
        .getState()
        .setStorageMessage(error instanceof Error ? error.message : String(error));
    });
  }

  private async remember(id: string): Promise<void> {
    await this.storage.setMeta(CURRENT_SCENARIO_KEY, id);
  }

  private async save(scenario: Scenario): Promise<void> {
    try {
      const revision = await this.storage.save(scenario, this.revision(scenario.id));
      this.revisions.set(scenario.id, revision);
      this.store.getState().scenarioSaved(scenario);
      await this.storage.setMeta(CURRENT_SCENARIO_KEY, scenario.id);
    } catch (error) {
      if (
        error instanceof StorageProblem &&
        (error.kind === 'conflict' || error.kind === 'newer') &&
        scenario.id === this.store.getState().scenario?.id
      ) {
        // Another tab (or a newer atlas) saved over it: `onConflict` keeps this tab's work.
        await this.onConflict(scenario);
        return;
      }
      this.store
        .getState()
        .setStorageMessage(error instanceof StorageProblem ? error.message : String(error));
    }
  }
}
