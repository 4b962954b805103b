import { salvageScenario, type Scenario, type ScenarioNode } from '../../core/scenario/scenario';
import { checkScenarioNodes } from '../../core/scenario/scenario-node';
import { translate } from '../../i18n/i18n';
import type {
  AtlasStorage,
  QuarantinedRecord,
  QuarantineReport,
  StorageChange,
} from '../../storage/atlas-storage';
import { CURRENT_SCENARIO_KEY, ScenarioSaver } from '../../storage/scenario-saver';
import { messageOf, newId, sessionNode, type CoverageContext } from './coverage-context';
import type { PlanNodes } from './plan-nodes';

/** Thrown (and caught) to skip storage in an atlas that keeps no saved work. */
class NoSavedWork extends Error {}

/** The meta key listing the quarantine keys whose scenarios were restored. */
export const RESTORED_QUARANTINE_KEY = 'restored-quarantine';

/**
 * Saved scenarios: loading them at start, switching, new, duplicate, rename, delete, and following
 * what other tabs save. The open scenario and the list are in the store; its subscriber
 * ({@link ScenarioSaver}) saves them.
 */
export class Scenarios {
  private storage: AtlasStorage | null = null;
  private saver: ScenarioSaver | null = null;

  constructor(
    private readonly context: CoverageContext,
    private readonly plan: PlanNodes,
    /** Null: this atlas keeps no saved work (embedded, public) and never opens storage. */
    private readonly openStorage: (() => Promise<AtlasStorage>) | null,
  ) {}

  /** Resolves once every save so far has been written. */
  async saved(): Promise<void> {
    await this.saver?.idle();
  }

  /**
   * Opens storage and puts the saved scenarios (or a new one from the plan) in the store, the one
   * open before a reload first. Storage trouble is reported; the analysis runs without it.
   */
  async load(qualifyingLayers: readonly string[]): Promise<Scenario> {
    const state = this.context.store.getState();
    let stored: readonly Scenario[] = [];
    let wanted: unknown = null;
    try {
      if (this.openStorage === null) throw new NoSavedWork();
      this.storage ??= await this.openStorage();
      const loaded = await this.storage.loadAll();
      stored = loaded.scenarios;
      wanted = await this.storage.getMeta(CURRENT_SCENARIO_KEY);
      if (loaded.quarantined.length > 0) {
        state.setStorageMessage(this.quarantineMessage(loaded.quarantined));
      }
      state.setRestorableScenarios((await this.restorable(this.storage)).length);
      if (this.saver === null) {
        const storage = this.storage;
        this.saver = new ScenarioSaver(this.context.store, storage, loaded.revisions, () =>
          this.forkCurrent(),
        );
        storage.onChange((change) => {
          void this.context
            .enqueue(() => this.followOtherTab(change))
            .catch((error: unknown) => {
              this.context.reportStorage(error);
            });
        });
      }
    } catch (error) {
      if (!(error instanceof NoSavedWork)) state.setStorageMessage(messageOf(error, state.lang));
    }
    const scenarios =
      stored.length > 0
        ? stored
        : [this.plan.scenario(translate(state.lang, 'scenario.defaultName'))];
    const current = scenarios.find((candidate) => candidate.id === wanted) ?? scenarios[0];
    if (current === undefined) throw new Error('No scenario to analyse.');
    state.scenariosLoaded(scenarios, current, qualifyingLayers, stored.length > 0);
    return current;
  }

  /** Quarantined scenario records not yet restored (see {@link restoreQuarantined}). */
  private async restorable(storage: AtlasStorage): Promise<QuarantinedRecord[]> {
    const restored = await storage.getMeta(RESTORED_QUARANTINE_KEY);
    const done = new Set(Array.isArray(restored) ? (restored as unknown[]) : []);
    return (await storage.quarantinedRecords()).filter(
      (record) => record.store !== 'importedLayers' && !done.has(record.key),
    );
  }

  /**
   * Brings back what is usable of every quarantined scenario not restored before: its valid nodes
   * (checked as every write is) and its rule (the plan's when that was invalid), each as a new
   * scenario "<name> (restored)", the last one opened. The quarantined records stay as they were;
   * they are remembered as restored so the button does not offer them again.
   */
  restoreQuarantined(): Promise<void> {
    return this.context.enqueue(async () => {
      const storage = this.storage;
      if (storage === null) return;
      const lang = this.context.store.getState().lang;
      const records = await this.restorable(storage);
      let count = 0;
      let kept = 0;
      let dropped = 0;
      let ruleReplaced = 0;
      for (const record of records) {
        const salvaged = salvageScenario(record.data);
        if (salvaged === null) continue;
        count += 1;
        kept += salvaged.kept;
        dropped += salvaged.dropped;
        if (salvaged.ruleReplaced) ruleReplaced += 1;
        await this.adopt(
          salvaged.scenario,
          `${salvaged.scenario.name} ${translate(lang, 'scenario.restoredSuffix')}`,
        );
        await this.saver?.idle();
      }
      const previous = await storage.getMeta(RESTORED_QUARANTINE_KEY);
      await storage.setMeta(RESTORED_QUARANTINE_KEY, [
        ...(Array.isArray(previous) ? (previous as unknown[]) : []),
        ...records.map((record) => record.key),
      ]);
      const state = this.context.store.getState();
      state.setRestorableScenarios(0);
      state.setStorageMessage(
        [
          translate(lang, 'scenario.restored', { count, kept, dropped }),
          ruleReplaced > 0 ? translate(lang, 'scenario.restoredRule', { count: ruleReplaced }) : '',
        ]
          .filter((text) => text !== '')
          .join(' '),
      );
    });
  }

  private quarantineMessage(quarantined: readonly QuarantineReport[]): string {
    const lang = this.context.store.getState().lang;
    const newer = quarantined.filter((entry) => entry.reason === 'newer').length;
    const unreadable = quarantined.length - newer;
    return [
      unreadable > 0 ? translate(lang, 'scenario.quarantined', { count: unreadable }) : '',
      newer > 0 ? translate(lang, 'storage.newerKept', { count: newer }) : '',
    ]
      .filter((text) => text !== '')
      .join(' ');
  }

  /**
   * Shows `scenario` (read from storage when `saved`) in the worker, the map and the store. Its
   * nodes are checked as the scenario reader checks them, so a scenario that could not be read
   * back is never opened (and so never saved): a refusal throws, in the interface's language.
   */
  async switchTo(unchecked: Scenario, saved = false): Promise<void> {
    const checked = checkScenarioNodes(unchecked.nodes);
    if (!checked.ok) {
      const lang = this.context.store.getState().lang;
      const [first] = checked.problems;
      throw new RangeError(
        translate(lang, 'scenario.nodesRefused', {
          count: checked.problems.length,
          problem: first === undefined ? '' : lang === 'zh' ? first.message_zh : first.message,
        }),
      );
    }
    const scenario: Scenario = { ...unchecked, nodes: checked.nodes };
    // Rule and nodes in one call: the worker recomputes once.
    const update = await this.context
      .worker()
      .replaceNodes(scenario.nodes.map(sessionNode), undefined, scenario.rule);
    const map = this.context.map();
    map.coverage.setRule(scenario.rule);
    map.coverage.setNodes(scenario.nodes);
    this.context.store.getState().openScenario(scenario, saved);
    this.context.apply(update);
  }

  /** Adds a copy of `scenario` under a new id and `name`, switches to it (and so saves it). */
  async adopt(scenario: Scenario, name: string): Promise<Scenario> {
    const now = new Date().toISOString();
    const adopted: Scenario = {
      ...scenario,
      id: newId('scenario'),
      name: name.slice(0, 200),
      createdAt: now,
      updatedAt: now,
    };
    await this.switchTo(adopted);
    return adopted;
  }

  newScenario(name: string): Promise<void> {
    return this.context.enqueue(() => this.switchTo(this.plan.scenario(name)));
  }

  duplicateScenario(name: string): Promise<void> {
    return this.context.enqueue(async () => {
      const current = this.context.store.getState().scenario;
      if (current === null) return;
      const now = new Date().toISOString();
      const copy = { ...current, id: newId('scenario'), name, createdAt: now, updatedAt: now };
      await this.switchTo(copy);
    });
  }

  renameScenario(name: string): Promise<void> {
    return this.context.enqueue(() => {
      this.context.store.getState().renameScenario(name);
      return Promise.resolve();
    });
  }

  deleteScenario(): Promise<void> {
    return this.context.enqueue(async () => {
      const state = this.context.store.getState();
      const current = state.scenario;
      if (current === null || this.storage === null) return;
      const nextEntry = state.scenarios.find((entry) => entry.id !== current.id);
      if (nextEntry === undefined) return;
      await this.storage.remove(current.id);
      this.saver?.forget(current.id);
      const loaded = await this.storage.loadAll();
      const next = loaded.scenarios.find((scenario) => scenario.id === nextEntry.id);
      this.context.store.getState().unlistScenario(current.id);
      if (next !== undefined) await this.switchTo(next, true);
    });
  }

  switchScenario(id: string): Promise<void> {
    return this.context.enqueue(async () => {
      if (this.storage === null || id === this.context.store.getState().scenario?.id) return;
      const loaded = await this.storage.loadAll();
      const next = loaded.scenarios.find((scenario) => scenario.id === id);
      if (next !== undefined) await this.switchTo(next, true);
    });
  }

  /**
   * A new scenario whose nodes are imported outlets, added to the plan's nodes or (with `only`)
   * replacing them, and switches to it. Returns the scenario's name.
   */
  useImportedNodes(
    layerName: string,
    nodes: readonly ScenarioNode[],
    only: boolean,
  ): Promise<string> {
    return this.context.enqueue(async () => {
      await this.context.start();
      const base = this.plan.scenario(layerName.slice(0, 80));
      const scenario: Scenario = { ...base, nodes: only ? nodes : [...base.nodes, ...nodes] };
      await this.switchTo(scenario);
      return scenario.name;
    });
  }

  /**
   * Keeps this tab's version of the open scenario as a new scenario (same nodes and rule, so the
   * totals stay as they are) and says so; used when another tab saved over it.
   */
  private async forkCurrent(): Promise<void> {
    const store = this.context.store;
    const current = store.getState().scenario;
    if (current === null) return;
    const lang = store.getState().lang;
    const now = new Date().toISOString();
    const copy: Scenario = {
      ...current,
      id: newId('scenario'),
      name: `${current.name} ${translate(lang, 'storage.copySuffix')}`.slice(0, 200),
      createdAt: now,
      updatedAt: now,
    };
    const stored = await this.storage?.load(current.id);
    if (stored !== undefined && stored !== null) {
      this.saver?.setRevision(current.id, stored.revision);
      store.getState().listScenario({ id: current.id, name: stored.scenario.name });
    }
    store.getState().keepAsCopy(copy);
    store
      .getState()
      .setStorageMessage(translate(lang, 'storage.changedElsewhere', { name: copy.name }));
  }

  /**
   * Another tab saved or deleted a scenario. Another scenario: the list follows. The one open
   * here: with edits made here, this tab's version is kept as a copy; without, the other tab's
   * version is shown.
   */
  private async followOtherTab(change: StorageChange): Promise<void> {
    const { storage, saver } = this;
    if (storage === null || saver === null || !this.context.running()) return;
    const state = this.context.store.getState();
    const lang = state.lang;
    const current = state.scenario;
    if (change.kind === 'scenario-deleted') {
      saver.forget(change.id);
      if (current?.id === change.id) {
        state.setStorageMessage(
          translate(lang, 'storage.deletedElsewhere', { name: current.name }),
        );
      } else {
        state.unlistScenario(change.id);
      }
      return;
    }
    if (change.kind !== 'scenario-saved') return;
    if (saver.revision(change.id) >= change.revision) return;
    const loaded = await storage.load(change.id);
    if (loaded === null) return;
    const listed = { id: change.id, name: loaded.scenario.name };
    if (current?.id !== change.id) {
      saver.setRevision(change.id, loaded.revision);
      this.context.store.getState().listScenario(listed);
      return;
    }
    // Every edit here is saved as it is made (commands run one after another), so the other tab's
    // save builds on ours unless ours did not reach storage: only then keep this tab's as a copy.
    const now = this.context.store.getState();
    if (now.scenario !== now.savedScenario && now.history.undo.length > 0) {
      await this.forkCurrent();
      return;
    }
    saver.setRevision(change.id, loaded.revision);
    this.context.store.getState().listScenario(listed);
    await this.switchTo(loaded.scenario, true);
    this.context.store
      .getState()
      .setStorageMessage(
        translate(lang, 'storage.reloadedFromOtherTab', { name: loaded.scenario.name }),
      );
  }
}
