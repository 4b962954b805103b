import { wrap, type Remote } from 'comlink';
import { freshFoodNodes, type QualifyingRule } from '../core/coverage/fresh-food-nodes';
import type { SuggestedSite } from '../core/coverage/site-suggestion';
import {
  applyEdit,
  EMPTY_HISTORY,
  recordEdit,
  redoEdit,
  undoEdit,
  type NodeEdit,
} from '../core/scenario/edit-history';
import {
  SCENARIO_SCHEMA_VERSION,
  type CoverageRule,
  type Scenario,
  type ScenarioNode,
} from '../core/scenario/scenario';
import { translate } from '../i18n/i18n';
import type { MapView } from '../map/map-view';
import type { AppStore } from '../state/app-store';
import { selectFeatureById } from '../state/selectors';
import type { CoverageCommands } from '../ui/coverage-panel/coverage-commands';
import { QUALIFYING_LAYER_CANDIDATES } from '../ui/coverage-panel/coverage-panel';
import type { CoverageWorkerApi, WorkerUpdate } from '../workers/coverage.worker';
import type { SessionNode } from '../workers/coverage-session';
import { downloadText } from './download';
import { CoverageExports } from './coverage/coverage-exports';
import type { DistrictShape, ImportedUnits } from '../core/population/imported-demand';
import { openAtlasStorage, StorageProblem, type AtlasStorage } from '../storage/atlas-storage';
import type { QuarantineReport, StorageChange } from '../storage/atlas-storage';
import {
  MAX_SCENARIO_FILE_CHARS,
  readLayerIds,
  readScenarioFile,
  scenarioFileName,
  scenarioToFile,
  type ScenarioFileMeta,
} from '../core/scenario/scenario-file';
import { MAX_SHARE_URL_LENGTH, SHARE_FILE_NAME } from '../core/share/share-limits';
import type { ShareLinkOutcome } from '../core/share/share-link';
import { readShareParam, removeShareParam, shareUrlFor } from './url-sync';

const gridUrls = import.meta.glob<string>('../../geodata/population/*.bin', {
  query: '?url',
  import: 'default',
  eager: true,
});

const CURRENT_SCENARIO_KEY = 'current-scenario';

function sessionNode(node: ScenarioNode): SessionNode {
  return { id: node.id, lon: node.lon, lat: node.lat, name: node.name };
}

function newId(prefix: string): string {
  return `${prefix}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 7)}`;
}

/**
 * Runs the coverage-gap analysis for the atlas: the worker, the scenario and its undo history,
 * saved scenarios, the map overlay and exports. Implements the commands the coverage panel and
 * `window.atlas` use; every command resolves once the totals in the store are up to date.
 */
export class CoverageController implements CoverageCommands {
  private worker: Remote<CoverageWorkerApi> | null = null;
  private storage: AtlasStorage | null = null;
  private readonly revisions = new Map<string, number>();
  private scenario: Scenario | null = null;
  private baselineNodes: ScenarioNode[] = [];
  private queue: Promise<unknown> = Promise.resolve();
  private starting: Promise<void> | null = null;
  private readonly exports: CoverageExports;

  constructor(
    private readonly store: AppStore,
    private readonly mapView: MapView,
  ) {
    this.exports = new CoverageExports({
      store,
      enqueue: (task) => this.enqueue(task),
      requireWorker: () => this.requireWorker(),
      report: (error) => {
        this.report(error);
      },
      scenario: () => this.scenario,
    });
    mapView.coverageEvents = {
      onNodeMoved: (id, lon, lat) => {
        void this.moveNode(id, lon, lat).catch(this.report);
      },
      onNodeClicked: (id) => {
        this.store.getState().setCoverage({ selectedNodeId: id });
        this.mapView.coverage.setSelectedNode(id);
      },
      onMapClicked: (lon, lat) => {
        if (this.store.getState().addNodeMode) {
          void this.addNode({ lon, lat, tier: 3 }).catch(this.report);
        } else {
          void this.explainPlace(lon, lat).catch(this.report);
        }
      },
    };
    const shared = readShareParam();
    if (shared !== null) void this.openShareLink(shared).catch(this.reportStorage);
  }

  private readonly report = (error: unknown): void => {
    this.store.getState().setCoverage({
      analysisMessage: error instanceof Error ? error.message : String(error),
    });
  };

  /**
   * Resolves once every command queued so far has finished (an opened share link included), so a
   * reader of the totals, the scenario list or the address sees their settled state.
   */
  settled(): Promise<void> {
    return this.enqueue(() => Promise.resolve());
  }

  /** Runs commands one after another so edits never interleave in the worker. */
  private enqueue<T>(task: () => Promise<T>): Promise<T> {
    const next = this.queue.then(task, task);
    this.queue = next.catch(() => undefined);
    return next;
  }

  private qualifyingRule(layers: readonly string[]): QualifyingRule {
    return { layers, categoryPrefixes: [] };
  }

  private computeBaseline(layers: readonly string[]): ScenarioNode[] {
    const collections = Object.values(this.store.getState().collections);
    const lang = this.store.getState().lang;
    return freshFoodNodes(collections, this.qualifyingRule(layers)).map((node) => ({
      id: node.id,
      lon: node.lon,
      lat: node.lat,
      tier: node.tier,
      name: lang === 'zh' ? node.name_zh : node.name_en,
      origin: 'baseline',
    }));
  }

  private baselineScenario(name: string): Scenario {
    const now = new Date().toISOString();
    return {
      schemaVersion: SCENARIO_SCHEMA_VERSION,
      id: newId('scenario'),
      name,
      createdAt: now,
      updatedAt: now,
      rule: this.store.getState().rule,
      nodes: this.baselineNodes,
    };
  }

  start(): Promise<void> {
    this.starting ??= this.startOnce().catch((error: unknown) => {
      this.starting = null;
      this.store.getState().setCoverage({
        analysisStatus: 'failed',
        analysisMessage: error instanceof Error ? error.message : String(error),
      });
      throw error;
    });
    return this.starting;
  }

  private async startOnce(): Promise<void> {
    const state = this.store.getState();
    state.setCoverage({ analysisStatus: 'loading', analysisMessage: null });
    const url = Object.values(gridUrls)[0];
    if (url === undefined)
      throw new Error('This build has no population grid (geodata/population).');
    const response = await fetch(url);
    if (!response.ok)
      throw new Error(`The population grid could not be loaded (HTTP ${String(response.status)}).`);
    const bytes = await response.arrayBuffer();

    const available = (state.catalogue?.layers ?? [])
      .map((layer) => layer.id)
      .filter((id) => QUALIFYING_LAYER_CANDIDATES.includes(id));
    this.baselineNodes = this.computeBaseline(available);

    const loaded = await this.openStorage();
    const wanted = loaded === null ? null : await this.storage?.getMeta(CURRENT_SCENARIO_KEY);
    let scenarios = loaded?.scenarios ?? [];
    if (scenarios.length === 0) {
      scenarios = [this.baselineScenario(translate(state.lang, 'scenario.defaultName'))];
    }
    const scenario = scenarios.find((candidate) => candidate.id === wanted) ?? scenarios[0];
    if (scenario === undefined) throw new Error('No scenario to analyse.');
    this.scenario = scenario;

    state.setCoverage({
      analysisStatus: 'computing',
      qualifyingLayers: available,
      rule: scenario.rule,
      nodes: scenario.nodes,
      history: EMPTY_HISTORY,
      scenarios: scenarios.map(({ id, name }) => ({ id, name })),
      currentScenarioId: scenario.id,
    });
    for (const other of scenarios) if (!this.revisions.has(other.id)) await this.persist(other);

    const worker = wrap<CoverageWorkerApi>(
      new Worker(new URL('../workers/coverage.worker.ts', import.meta.url), { type: 'module' }),
    );
    this.worker = worker;
    const update = await worker.start(
      bytes,
      this.baselineNodes.map(sessionNode),
      scenario.nodes.map(sessionNode),
      scenario.rule,
    );
    const beforeLayer = this.mapView.styleLayersOf('market-clusters')[0];
    this.mapView.coverage.show(scenario.rule, beforeLayer);
    this.mapView.coverage.setNodes(scenario.nodes);
    this.apply(update);
    window.addEventListener('keydown', this.onKeyDown);
    this.store.subscribe((next, previous) => {
      if (next.selectedId !== previous.selectedId) this.onSelection(next.selectedId);
    });
  }

  private async openStorage() {
    try {
      this.storage ??= await openAtlasStorage();
      this.listenToOtherTabs(this.storage);
      const loaded = await this.storage.loadAll();
      for (const [id, revision] of loaded.revisions) this.revisions.set(id, revision);
      if (loaded.quarantined.length > 0) {
        this.store.getState().setCoverage({
          storageMessage: this.quarantineMessage(loaded.quarantined),
        });
      }
      return loaded;
    } catch (error) {
      this.store.getState().setCoverage({
        storageMessage: error instanceof Error ? error.message : String(error),
      });
      return null;
    }
  }

  /**
   * Hands a worker result to the map and the store. Its duration is recorded as the performance
   * measure `atlas:coverage-apply` so tests can check the main thread's own share of an update.
   */
  private apply(update: WorkerUpdate): void {
    const start = performance.now();
    this.mapView.coverage.setRaster(update.raster.bitmap, update.raster.coordinates);
    this.store.getState().setCoverage({
      analysisStatus: 'ready',
      summary: update.summary,
      baselineSummary: update.baselineSummary,
      delta: update.delta,
      curve: update.curve,
    });
    performance.measure('atlas:coverage-apply', { start, end: performance.now() });
  }

  private requireWorker(): Remote<CoverageWorkerApi> {
    if (this.worker === null) throw new Error('Start the analysis first.');
    return this.worker;
  }

  private async persist(scenario: Scenario): Promise<void> {
    if (this.storage === null) return;
    try {
      const revision = await this.storage.save(scenario, this.revisions.get(scenario.id) ?? 0);
      this.revisions.set(scenario.id, revision);
      this.lastSaved = scenario;
      await this.storage.setMeta(CURRENT_SCENARIO_KEY, scenario.id);
    } catch (error) {
      if (
        error instanceof StorageProblem &&
        (error.kind === 'conflict' || error.kind === 'newer') &&
        scenario.id === this.scenario?.id
      ) {
        // Another tab (or a newer atlas) saved over it: keep this tab's work as a copy.
        await this.forkCurrent();
        return;
      }
      this.store.getState().setCoverage({
        storageMessage: error instanceof StorageProblem ? error.message : String(error),
      });
    }
  }

  private async saveCurrent(
    patch: Partial<Pick<Scenario, 'name' | 'rule' | 'nodes'>>,
  ): Promise<void> {
    if (this.scenario === null) return;
    this.scenario = { ...this.scenario, ...patch, updatedAt: new Date().toISOString() };
    const scenario = this.scenario;
    const state = this.store.getState();
    state.setCoverage({
      scenarios: state.scenarios.map((entry) =>
        entry.id === scenario.id ? { id: scenario.id, name: scenario.name } : entry,
      ),
    });
    await this.persist(scenario);
  }

  /** Applies one edit to the scenario, the worker and the map, and records it unless replaying. */
  private async runEdit(edit: NodeEdit, record: boolean): Promise<void> {
    const started = performance.now();
    const worker = this.requireWorker();
    const state = this.store.getState();
    const nodes = applyEdit(state.nodes, edit);
    let update: WorkerUpdate;
    switch (edit.kind) {
      case 'add':
        update = await worker.addNode(sessionNode(edit.node));
        break;
      case 'remove':
        update = await worker.removeNode(edit.node.id);
        break;
      case 'move':
        update = await worker.moveNode(edit.after.id, edit.after.lon, edit.after.lat);
        break;
      case 'retier':
        update = await worker.moveNode(edit.after.id, edit.after.lon, edit.after.lat);
        break;
    }
    this.mapView.coverage.setNodes(nodes);
    this.store.getState().setCoverage({
      nodes,
      ...(record ? { history: recordEdit(state.history, edit) } : {}),
    });
    this.apply(update);
    // Edit → totals in the store (before the map has redrawn): what a planner waits for.
    performance.measure('atlas:coverage-edit', { start: started, end: performance.now() });
    await this.saveCurrent({ nodes });
  }

  private nodeById(id: string): ScenarioNode {
    const node = this.store.getState().nodes.find((candidate) => candidate.id === id);
    if (node === undefined) throw new Error(`No node has the id ${id}.`);
    return node;
  }

  addNode(input: { lon: number; lat: number; tier: ScenarioNode['tier'] }): Promise<string> {
    return this.enqueue(async () => {
      const id = newId('node');
      const count =
        this.store.getState().nodes.filter((node) => node.origin === 'added').length + 1;
      const name = `${translate(this.store.getState().lang, 'scenario.addedNodeName')} ${String(count)}`;
      await this.runEdit(
        {
          kind: 'add',
          node: { id, lon: input.lon, lat: input.lat, tier: input.tier, name, origin: 'added' },
        },
        true,
      );
      return id;
    });
  }

  moveNode(id: string, lon: number, lat: number): Promise<void> {
    return this.enqueue(async () => {
      const before = this.nodeById(id);
      await this.runEdit({ kind: 'move', before, after: { ...before, lon, lat } }, true);
    });
  }

  removeNode(id: string): Promise<void> {
    return this.enqueue(async () => {
      await this.runEdit({ kind: 'remove', node: this.nodeById(id) }, true);
      if (this.store.getState().selectedNodeId === id) {
        this.store.getState().setCoverage({ selectedNodeId: null });
        this.mapView.coverage.setSelectedNode(null);
      }
    });
  }

  setTier(id: string, tier: ScenarioNode['tier']): Promise<void> {
    return this.enqueue(async () => {
      const before = this.nodeById(id);
      await this.runEdit({ kind: 'retier', before, after: { ...before, tier } }, true);
    });
  }

  undo(): Promise<void> {
    return this.enqueue(async () => {
      const step = undoEdit(this.store.getState().history);
      if (step === null) return;
      this.store.getState().setCoverage({ history: step.history });
      await this.runEdit(step.edit, false);
    });
  }

  redo(): Promise<void> {
    return this.enqueue(async () => {
      const step = redoEdit(this.store.getState().history);
      if (step === null) return;
      this.store.getState().setCoverage({ history: step.history });
      await this.runEdit(step.edit, false);
    });
  }

  setRule(rule: CoverageRule): Promise<void> {
    return this.enqueue(async () => {
      if (!(
        rule.urbanRadius > 0 &&
        rule.ruralRadius > 0 &&
        rule.urbanRadius <= 50_000 &&
        rule.ruralRadius <= 50_000
      )) {
        throw new RangeError('Radii must be between 1 m and 50 km.');
      }
      const update = await this.requireWorker().setRule(rule);
      this.mapView.coverage.setRule(rule);
      this.store.getState().setCoverage({ rule });
      this.apply(update);
      await this.saveCurrent({ rule });
    });
  }

  setQualifyingLayers(layerIds: readonly string[]): Promise<void> {
    return this.enqueue(async () => {
      this.baselineNodes = this.computeBaseline(layerIds);
      const added = this.store.getState().nodes.filter((node) => node.origin === 'added');
      const nodes = [...this.baselineNodes, ...added];
      const update = await this.requireWorker().replaceNodes(
        nodes.map(sessionNode),
        this.baselineNodes.map(sessionNode),
      );
      this.mapView.coverage.setNodes(nodes);
      this.store
        .getState()
        .setCoverage({ qualifyingLayers: layerIds, nodes, history: EMPTY_HISTORY });
      this.apply(update);
      await this.saveCurrent({ nodes });
    });
  }

  suggest(count: number): Promise<void> {
    return this.enqueue(async () => {
      const result = await this.requireWorker().suggest({
        k: Math.max(1, Math.min(50, Math.round(count))),
      });
      this.store.getState().setCoverage({ candidates: result.sites });
    });
  }

  reachRate(targetRate: number): Promise<void> {
    return this.enqueue(async () => {
      const rate = Math.max(0.01, Math.min(1, targetRate));
      const result = await this.requireWorker().suggest({
        targetRate: { urban: rate, rural: rate },
        maxSites: 200,
      });
      this.store.getState().setCoverage({ candidates: result.sites });
    });
  }

  async addCandidates(indices: readonly number[]): Promise<void> {
    const candidates = this.store.getState().candidates;
    const picked = indices
      .map((index) => candidates[index])
      .filter((site): site is SuggestedSite => site !== undefined);
    for (const site of picked) await this.addNode({ lon: site.lon, lat: site.lat, tier: 3 });
    this.store.getState().setCoverage({
      candidates: candidates.filter((_, index) => !indices.includes(index)),
    });
  }

  private async switchTo(scenario: Scenario): Promise<void> {
    this.scenario = scenario;
    const worker = this.requireWorker();
    await worker.setRule(scenario.rule);
    const update = await worker.replaceNodes(scenario.nodes.map(sessionNode));
    this.mapView.coverage.setRule(scenario.rule);
    this.mapView.coverage.setNodes(scenario.nodes);
    this.store.getState().setCoverage({
      rule: scenario.rule,
      nodes: scenario.nodes,
      history: EMPTY_HISTORY,
      candidates: [],
      currentScenarioId: scenario.id,
    });
    this.apply(update);
    await this.persistIfNew(scenario);
  }

  newScenario(name: string): Promise<void> {
    return this.enqueue(async () => {
      const scenario = this.baselineScenario(name);
      const state = this.store.getState();
      state.setCoverage({ scenarios: [...state.scenarios, { id: scenario.id, name }] });
      await this.switchTo(scenario);
    });
  }

  duplicateScenario(name: string): Promise<void> {
    return this.enqueue(async () => {
      if (this.scenario === null) return;
      const now = new Date().toISOString();
      const copy: Scenario = {
        ...this.scenario,
        id: newId('scenario'),
        name,
        createdAt: now,
        updatedAt: now,
      };
      const state = this.store.getState();
      state.setCoverage({ scenarios: [...state.scenarios, { id: copy.id, name }] });
      await this.switchTo(copy);
    });
  }

  renameScenario(name: string): Promise<void> {
    return this.enqueue(() => this.saveCurrent({ name }));
  }

  deleteScenario(): Promise<void> {
    return this.enqueue(async () => {
      const current = this.scenario;
      if (current === null || this.storage === null) return;
      const remaining = this.store.getState().scenarios.filter((entry) => entry.id !== current.id);
      const nextEntry = remaining[0];
      if (nextEntry === undefined) return;
      await this.storage.remove(current.id);
      this.revisions.delete(current.id);
      const loaded = await this.storage.loadAll();
      const next = loaded.scenarios.find((scenario) => scenario.id === nextEntry.id);
      this.store.getState().setCoverage({ scenarios: remaining });
      if (next !== undefined) await this.switchTo(next);
    });
  }

  switchScenario(id: string): Promise<void> {
    return this.enqueue(async () => {
      if (this.storage === null || id === this.scenario?.id) return;
      const loaded = await this.storage.loadAll();
      const next = loaded.scenarios.find((scenario) => scenario.id === id);
      if (next !== undefined) await this.switchTo(next);
    });
  }

  /**
   * "Is this place covered?" in one sentence, plus what the model says about the population cell
   * there (people, urban or rural, the radius that applied, nearest node, why it is uncovered).
   */
  private async explainPlace(lon: number, lat: number): Promise<void> {
    const worker = this.requireWorker();
    const [info, cell] = await Promise.all([worker.placeInfo(lon, lat), worker.cellAt(lon, lat)]);
    const lang = this.store.getState().lang;
    const locale = lang === 'zh' ? 'zh-CN' : 'en-GB';
    const kind = translate(lang, info.urban === false ? 'coverage.rural' : 'coverage.urban');
    const sentences: string[] = [
      info.nearestName === null
        ? translate(lang, 'coverage.place.none')
        : translate(lang, info.covered ? 'coverage.place.covered' : 'coverage.place.uncovered', {
            node: info.nearestName,
            distance: Math.round(info.distance ?? 0).toLocaleString(locale),
            kind,
            radius: info.radius.toLocaleString(locale),
          }),
    ];
    if (cell !== null) {
      sentences.push(
        `${translate(lang, 'coverage.cell.title')}: ${translate(lang, 'coverage.cell.summary', {
          population: cell.population.toLocaleString(locale),
          kind: translate(lang, cell.urban ? 'coverage.urban' : 'coverage.rural'),
          radius: cell.radius.toLocaleString(locale),
          node: cell.nearestName ?? '—',
          distance: cell.distance === null ? '—' : Math.round(cell.distance).toLocaleString(locale),
        })} ${
          cell.covered
            ? translate(lang, 'coverage.cell.covered')
            : translate(lang, 'coverage.cell.uncovered', {
                radius: cell.radius.toLocaleString(locale),
              })
        }`,
      );
    }
    const text = sentences.join('\n');
    this.store.getState().setCoverage({ placeMessage: text });
    this.mapView.coverage.showMessage(lon, lat, text);
  }

  /** When a searched or clicked plan place is selected during an analysis, say if it is covered. */
  private readonly onSelection = (featureId: string | null): void => {
    if (featureId === null || this.worker === null) return;
    const feature = selectFeatureById(this.store.getState(), featureId);
    if (feature?.geometry.type !== 'Point') return;
    const [lon, lat] = feature.geometry.coordinates;
    if (lon === undefined || lat === undefined) return;
    void this.explainPlace(lon, lat).catch(this.report);
  };

  /** Plain-data coverage totals for `window.atlas.coverage()`. */
  coverage() {
    return this.store.getState().summary;
  }

  gaps(limit: number) {
    return this.requireWorker().gaps(limit);
  }

  exportReport(format: 'csv' | 'json'): void {
    this.exports.exportReport(format);
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
    return this.enqueue(async () => {
      await this.start();
      const base = this.baselineScenario(layerName.slice(0, 80));
      const scenario: Scenario = { ...base, nodes: only ? nodes : [...base.nodes, ...nodes] };
      const state = this.store.getState();
      state.setCoverage({
        scenarios: [...state.scenarios, { id: scenario.id, name: scenario.name }],
      });
      await this.switchTo(scenario);
      return scenario.name;
    });
  }

  /** The ids of the plan's qualifying nodes, so imported nodes can avoid them. */
  baselineNodeIds(): ReadonlySet<string> {
    return new Set(this.baselineNodes.map((node) => node.id));
  }

  /**
   * Runs the analysis over an imported population (units assigned to 区县 by the district
   * outlines of the plan data), or over the modelled population again with null.
   */
  useDemand(
    units: (ImportedUnits & { readonly cellSizeM: number }) | null,
    layerId: string | null,
  ): Promise<void> {
    return this.enqueue(async () => {
      await this.start();
      const districts = this.store.getState().collections['districts']?.features ?? [];
      const shapes: DistrictShape[] = [];
      for (const feature of districts) {
        const adcode = feature.properties.district_adcode;
        const { geometry } = feature;
        if (
          typeof adcode === 'number' &&
          (geometry.type === 'Polygon' || geometry.type === 'MultiPolygon')
        ) {
          shapes.push({ adcode, geometry });
        }
      }
      const update = await this.requireWorker().useDemand(units, shapes);
      this.store.getState().setDemandLayerId(layerId);
      this.store.getState().setCoverage({ candidates: [] });
      this.apply(update);
    });
  }

  exportGeoJson(what: 'gaps' | 'nodes'): void {
    this.exports.exportGeoJson(what);
  }

  // ── Saved work: scenario files, share links and other tabs (issue 6) ──────────────────────

  /** Reports a saved-work failure in the scenario bar. */
  private readonly reportStorage = (error: unknown): void => {
    this.store.getState().setCoverage({
      storageMessage: error instanceof Error ? error.message : String(error),
    });
  };

  private listeningToOtherTabs = false;
  /** The scenario object as last written to storage; differs from `scenario` while unsaved. */
  private lastSaved: Scenario | null = null;

  private listenToOtherTabs(storage: AtlasStorage): void {
    if (this.listeningToOtherTabs) return;
    this.listeningToOtherTabs = true;
    storage.onChange((change) => {
      void this.enqueue(() => this.followOtherTab(change)).catch(this.reportStorage);
    });
  }

  private quarantineMessage(quarantined: readonly QuarantineReport[]): string {
    const lang = this.store.getState().lang;
    const newer = quarantined.filter((entry) => entry.reason === 'newer').length;
    const unreadable = quarantined.length - newer;
    return [
      unreadable > 0 ? translate(lang, 'scenario.quarantined', { count: unreadable }) : '',
      newer > 0 ? translate(lang, 'storage.newerKept', { count: newer }) : '',
    ]
      .filter((text) => text !== '')
      .join(' ');
  }

  /** Saves a scenario being switched to only when it is not stored yet; always remembers it. */
  private async persistIfNew(scenario: Scenario): Promise<void> {
    if (!this.revisions.has(scenario.id)) {
      await this.persist(scenario);
      return;
    }
    try {
      await this.storage?.setMeta(CURRENT_SCENARIO_KEY, scenario.id);
    } catch (error) {
      this.reportStorage(error);
    }
  }

  private renameEntry(id: string, name: string): void {
    const state = this.store.getState();
    const listed = state.scenarios.some((entry) => entry.id === id);
    state.setCoverage({
      scenarios: listed
        ? state.scenarios.map((entry) => (entry.id === id ? { id, name } : entry))
        : [...state.scenarios, { id, name }],
    });
  }

  /**
   * Keeps this tab's version of the current scenario as a new scenario (same nodes and rule, so
   * the totals stay as they are) and says so; used when another tab saved over it.
   */
  private async forkCurrent(): Promise<void> {
    const current = this.scenario;
    if (current === null) return;
    const lang = this.store.getState().lang;
    const now = new Date().toISOString();
    const copy: Scenario = {
      ...current,
      id: newId('scenario'),
      name: `${current.name} ${translate(lang, 'storage.copySuffix')}`.slice(0, 200),
      createdAt: now,
      updatedAt: now,
    };
    this.scenario = copy;
    const stored = await this.storage?.load(current.id);
    if (stored !== undefined && stored !== null) {
      this.revisions.set(current.id, stored.revision);
      this.renameEntry(current.id, stored.scenario.name);
    }
    this.renameEntry(copy.id, copy.name);
    this.store.getState().setCoverage({ currentScenarioId: copy.id });
    await this.persist(copy);
    this.store.getState().setCoverage({
      storageMessage: translate(lang, 'storage.changedElsewhere', { name: copy.name }),
    });
  }

  /**
   * Another tab saved or deleted a scenario. Another scenario: the list follows. The one open
   * here: with edits made here, this tab's version is kept as a copy; without, the other tab's
   * version is shown.
   */
  private async followOtherTab(change: StorageChange): Promise<void> {
    const storage = this.storage;
    if (storage === null || this.worker === null) return;
    const lang = this.store.getState().lang;
    const current = this.scenario;
    if (change.kind === 'scenario-deleted') {
      this.revisions.delete(change.id);
      if (current?.id === change.id) {
        this.store.getState().setCoverage({
          storageMessage: translate(lang, 'storage.deletedElsewhere', { name: current.name }),
        });
      } else {
        const state = this.store.getState();
        state.setCoverage({ scenarios: state.scenarios.filter((entry) => entry.id !== change.id) });
      }
      return;
    }
    if (change.kind !== 'scenario-saved') return;
    if ((this.revisions.get(change.id) ?? 0) >= change.revision) return;
    const loaded = await storage.load(change.id);
    if (loaded === null) return;
    if (current?.id !== change.id) {
      this.revisions.set(change.id, loaded.revision);
      this.renameEntry(change.id, loaded.scenario.name);
      return;
    }
    // Every edit here is saved as it is made (commands run one after another), so the other tab's
    // save builds on ours unless ours did not reach storage: only then keep this tab's as a copy.
    if (current !== this.lastSaved && this.store.getState().history.undo.length > 0) {
      await this.forkCurrent();
      return;
    }
    this.revisions.set(change.id, loaded.revision);
    this.renameEntry(change.id, loaded.scenario.name);
    await this.switchTo(loaded.scenario);
    this.store.getState().setCoverage({
      storageMessage: translate(lang, 'storage.reloadedFromOtherTab', {
        name: loaded.scenario.name,
      }),
    });
  }

  /** Adds a copy of `scenario` under a new id and `name`, switches to it and saves it. */
  private async adoptScenario(scenario: Scenario, name: string): Promise<Scenario> {
    const now = new Date().toISOString();
    const adopted: Scenario = {
      ...scenario,
      id: newId('scenario'),
      name: name.slice(0, 200),
      createdAt: now,
      updatedAt: now,
    };
    const state = this.store.getState();
    state.setCoverage({ scenarios: [...state.scenarios, { id: adopted.id, name: adopted.name }] });
    await this.switchTo(adopted);
    return adopted;
  }

  /** Shows the layers (those this atlas has) and the map view of a share link or file. */
  private applyViewAndLayers(meta: ScenarioFileMeta): void {
    const state = this.store.getState();
    if (meta.layers !== undefined) {
      const known = new Set((state.catalogue?.layers ?? []).map((layer) => layer.id));
      state.setVisibleLayers(meta.layers.filter((id) => known.has(id)));
    }
    if (meta.view !== undefined) {
      this.mapView.map.jumpTo({
        center: [meta.view.lon, meta.view.lat],
        zoom: meta.view.zoom,
      });
    }
  }

  /** Downloads the open scenario as `<name>.cq-scenario.json`. */
  exportScenarioFile(): Promise<void> {
    return this.enqueue(async () => {
      await this.start();
      const scenario = this.scenario;
      if (scenario === null) throw new Error('No scenario is open.');
      downloadText(scenarioFileName(scenario.name), scenarioToFile(scenario), 'application/json');
    });
  }

  /**
   * Opens a scenario file (or a share file) as a NEW scenario named "<name> (imported)" and
   * switches to it; an existing scenario is never overwritten. Resolves to the new name; a file
   * that cannot be read rejects with a sentence.
   */
  importScenarioFile(file: File): Promise<string> {
    return this.enqueue(async () => {
      const lang = this.store.getState().lang;
      if (file.size > MAX_SCENARIO_FILE_CHARS) {
        throw new Error(
          translate(lang, 'scenarioFile.tooLarge', {
            size: (file.size / 1024 / 1024).toFixed(1),
          }),
        );
      }
      const result = readScenarioFile(await file.text());
      if (!result.ok) {
        throw new Error(
          translate(lang, 'scenarioFile.failed', {
            problem: result.problems.slice(0, 3).join(' '),
          }),
        );
      }
      await this.start();
      this.applyViewAndLayers(result.meta);
      const adopted = await this.adoptScenario(
        result.scenario,
        `${result.scenario.name} ${translate(lang, 'scenarioFile.importedSuffix')}`,
      );
      this.store.getState().setCoverage({
        storageMessage: [
          translate(lang, 'scenarioFile.imported', { name: adopted.name }),
          ...result.warnings,
        ].join(' '),
      });
      return adopted.name;
    });
  }

  /**
   * A link reproducing the open scenario, its rule, the visible layers and the map view; when
   * it would be longer than {@link MAX_SHARE_URL_LENGTH}, a share file is downloaded instead.
   */
  createShareLink(): Promise<ShareLinkOutcome> {
    return this.enqueue(async () => {
      await this.start();
      const scenario = this.scenario;
      if (scenario === null) throw new Error('No scenario is open.');
      const center = this.mapView.map.getCenter().wrap();
      const view = {
        lon: center.lng,
        lat: center.lat,
        zoom: Math.min(24, Math.max(0, this.mapView.map.getZoom())),
      };
      const layers = [...this.store.getState().visibleLayers].filter(
        (id) => readLayerIds([id]) !== null,
      );
      // The codec (and its deflate library) loads only when a link is made or opened.
      const { encodeShareState } = await import('../core/share/share-link');
      const encoded = encodeShareState({
        view,
        layers,
        rule: scenario.rule,
        scenario: { name: scenario.name, nodes: scenario.nodes },
      });
      const url = shareUrlFor(encoded);
      if (url.length <= MAX_SHARE_URL_LENGTH) return { kind: 'link', url };
      downloadText(SHARE_FILE_NAME, scenarioToFile(scenario, { view, layers }), 'application/json');
      return { kind: 'file', fileName: SHARE_FILE_NAME, urlLength: url.length };
    });
  }

  /**
   * Opens the state of a share link (the `s` parameter): its layers and view, and its scenario
   * and rule as a NEW scenario "<name> (shared)", so the totals equal the sender's. The parameter
   * is then removed from the address so a reload does not import it again.
   */
  async openShareLink(param: string): Promise<void> {
    const lang = this.store.getState().lang;
    const { decodeShareState } = await import('../core/share/share-link');
    const decoded = decodeShareState(param);
    // Started either way, so the panel (and a refusal in it) is shown.
    await this.start();
    if (!decoded.ok) {
      removeShareParam();
      throw new Error(translate(lang, 'share.openFailed', { problem: decoded.problem }));
    }
    await this.enqueue(async () => {
      const { state } = decoded;
      const current = this.scenario;
      if (current === null) throw new Error('No scenario is open.');
      this.applyViewAndLayers(state);
      const adopted = await this.adoptScenario(
        {
          ...current,
          rule: state.rule,
          nodes: state.scenario?.nodes ?? current.nodes,
        },
        `${state.scenario?.name ?? current.name} ${translate(lang, 'share.sharedSuffix')}`,
      );
      removeShareParam();
      this.store.getState().setCoverage({
        storageMessage: translate(lang, 'share.opened', { name: adopted.name }),
      });
    });
  }

  private readonly onKeyDown = (event: KeyboardEvent): void => {
    const target = event.target;
    if (
      target instanceof HTMLElement &&
      (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName))
    )
      return;
    const key = event.key.toLowerCase();
    if ((event.ctrlKey || event.metaKey) && key === 'z') {
      event.preventDefault();
      void (event.shiftKey ? this.redo() : this.undo()).catch(this.report);
    } else if ((event.ctrlKey || event.metaKey) && key === 'y') {
      event.preventDefault();
      void this.redo().catch(this.report);
    } else if (key === 'delete' || key === 'backspace') {
      const id = this.store.getState().selectedNodeId;
      if (id !== null) void this.removeNode(id).catch(this.report);
    }
  };
}
