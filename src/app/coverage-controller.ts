import type { WorkerUpdate } from '../core/coverage/coverage-worker-api';
import { QUALIFYING_LAYER_CANDIDATES } from '../core/coverage/fresh-food-nodes';
import type {
  OutletTypeAnswer,
  OutletTypeConfig,
  OutletTypeQuery,
} from '../core/coverage/coverage-worker-api';
import { DEFAULT_OUTLET_TYPE_CONFIG } from '../core/coverage/outlet-type-coverage';
import { downloadBlob, downloadText } from '../browser/download';
import type { RadiusPair } from '../core/coverage/coverage-rule';
import type { NodeScope } from '../core/coverage/fresh-food-nodes';
import type { CoverageReport } from '../core/report/coverage-report';
import type { ScenarioNode } from '../core/scenario/scenario';
import type { ShareLinkOutcome } from '../core/share/share-link';
import type { AppStore } from '../state/app-store';
import type { CoverageCommands } from '../state/coverage-commands';
import { openAtlasStorage, type AtlasStorage } from '../storage/atlas-storage';
import {
  messageOf,
  sessionNode,
  type CoverageContext,
  type CoverageMap,
  type CoverageWorker,
} from './coverage/coverage-context';
import { CoverageExports } from './coverage/coverage-exports';
import { coverageKeyHandler } from './coverage/keyboard';
import { switchDemand, type DemandUnits } from './coverage/demand';
import { NodeEdits } from './coverage/node-edits';
import { PlaceCheck } from './coverage/place-check';
import { UncertaintyFigures } from './coverage/uncertainty-figures';
import { PlanNodes } from './coverage/plan-nodes';
import { rebaseNodes } from './coverage/plan-rebase';
import { ScenarioFiles } from './coverage/scenario-files';
import { Scenarios } from './coverage/scenarios';
import { ShareLinks } from './coverage/share-links';
import { SiteSuggestions } from './coverage/site-suggestions';
import { MapUpdates } from './coverage/map-updates';
import { loadPopulationGrid } from './load-data';
import { readShareParam } from './url-sync';

/** What the controller is given: the worker, the population grid and the storage. */
export interface CoverageDependencies {
  readonly createWorker: () => CoverageWorker;
  readonly loadGrid?: () => Promise<ArrayBuffer>;
  readonly openStorage?: () => Promise<AtlasStorage>;
  /**
   * Whether this atlas keeps saved work (default true: the planner's own page). An embedded or
   * public atlas passes false: it never opens storage, so it neither reads nor writes the
   * planner's scenarios, and a share link there is shown without being saved.
   */
  readonly persistent?: boolean;
}

/**
 * The client of the coverage worker: starts it, runs every command through one queue so edits
 * never interleave, and hands results to the map and the store. Implements the commands of the
 * coverage panel and `window.atlas`; the work is done by its parts in src/app/coverage/ (edits
 * and undo, scenarios and other tabs, scenario files, share links, exports, the place check,
 * keys). Every command resolves once the totals in the store (and saved work) are up to date.
 */
export class CoverageController implements CoverageCommands {
  private worker: CoverageWorker | null = null;
  private mapView: CoverageMap | null = null;
  private attached: (mapView: CoverageMap) => void = () => undefined;
  private readonly whenAttached = new Promise<CoverageMap>((resolve) => {
    this.attached = resolve;
  });
  private queue: Promise<unknown> = Promise.resolve();
  private starting: Promise<void> | null = null;
  private readonly context: CoverageContext;
  private readonly plan: PlanNodes;
  private readonly edits: NodeEdits;
  private readonly scenarios: Scenarios;
  private readonly files: ScenarioFiles;
  private readonly share: ShareLinks;
  private readonly exports: CoverageExports;
  private readonly place: PlaceCheck;
  private readonly suggestions: SiteSuggestions;
  private readonly figures: UncertaintyFigures;

  constructor(
    private readonly store: AppStore,
    private readonly dependencies: CoverageDependencies,
  ) {
    const context: CoverageContext = {
      store,
      map: () => {
        if (this.mapView === null) throw new Error('The coverage analysis needs the map view.');
        return this.mapView;
      },
      running: () => this.worker !== null,
      worker: () => {
        if (this.worker === null) throw new Error('Start the analysis first.');
        return this.worker;
      },
      enqueue: (task) => this.enqueue(task),
      start: () => this.start(),
      apply: (update, nodes) => {
        this.apply(update, nodes);
      },
      report: (error) => {
        store.getState().setAnalysisMessage(messageOf(error, store.getState().lang));
      },
      reportStorage: (error) => {
        store.getState().setStorageMessage(messageOf(error, store.getState().lang));
      },
    };
    this.context = context;
    this.plan = new PlanNodes(store);
    this.edits = new NodeEdits(context, this.plan);
    this.figures = new UncertaintyFigures(context, this.plan, this.edits);
    const persistent = dependencies.persistent ?? true;
    this.scenarios = new Scenarios(
      context,
      this.plan,
      persistent ? (dependencies.openStorage ?? openAtlasStorage) : null,
    );
    this.files = new ScenarioFiles(context, this.scenarios);
    this.share = new ShareLinks(context, this.scenarios, persistent);
    this.exports = new CoverageExports({
      ...context,
      requireWorker: context.worker,
      scenario: () => store.getState().scenario,
    });
    this.place = new PlaceCheck(context);
    this.suggestions = new SiteSuggestions(context, this.edits);
  }

  /** Gives the analysis its map (edits and clicks there come back here); opens a share link. */
  attach(mapView: CoverageMap): void {
    this.mapView = mapView;
    mapView.coverageEvents = {
      onNodeMoved: (id, lon, lat) => {
        this.edits.moveNode(id, lon, lat).catch(this.context.report);
      },
      onNodeClicked: (id) => {
        this.store.getState().selectNode(id);
        mapView.coverage.setSelectedNode(id);
      },
      onMapClicked: (lon, lat) => {
        const task = this.store.getState().addNodeMode
          ? this.addNode({ lon, lat, tier: 3 })
          : this.place.explainPlace(lon, lat);
        task.catch(this.context.report);
      },
    };
    this.attached(mapView);
    const shared = readShareParam();
    if (shared !== null) this.openShareLink(shared).catch(this.context.reportStorage);
  }

  /**
   * Resolves once every command queued so far has finished (an opened share link included), so a
   * reader of the totals, the scenario list or the address sees their settled state.
   */
  settled(): Promise<void> {
    return this.enqueue(() => Promise.resolve());
  }

  /** Runs commands one after another so edits never interleave in the worker. */
  private enqueue<T>(task: () => Promise<T>): Promise<T> {
    const run = async (): Promise<T> => {
      const result = await task();
      await this.mapUpdates.settled();
      await this.scenarios.saved();
      return result;
    };
    const next = this.queue.then(run, run);
    this.queue = next.catch(() => undefined);
    return next;
  }

  start(): Promise<void> {
    this.starting ??= this.startOnce().catch((error: unknown) => {
      this.starting = null;
      this.store.getState().analysisFailed(messageOf(error, this.store.getState().lang));
      throw error;
    });
    return this.starting;
  }

  private async startOnce(): Promise<void> {
    const mapView = await this.whenAttached;
    const state = this.store.getState();
    state.analysisLoading();
    const bytes = await (this.dependencies.loadGrid ?? loadPopulationGrid)();
    const available = (state.catalogue?.layers ?? [])
      .map((layer) => layer.id)
      .filter((id) => QUALIFYING_LAYER_CANDIDATES.includes(id));
    this.plan.compute(available);
    const loaded = await this.scenarios.load(available);
    // A scenario saved before this browser's position corrections: its untouched plan nodes
    // stand where the plan shipped them; they follow the corrected plan (see plan-rebase.ts).
    const rebased = rebaseNodes(
      loaded.nodes,
      this.plan.shippedBaseline(available),
      this.plan.current(),
    );
    const scenario = rebased === loaded.nodes ? loaded : { ...loaded, nodes: [...rebased] };
    if (scenario !== loaded) state.setQualifyingLayers(available, scenario.nodes);
    const worker = this.dependencies.createWorker();
    this.worker = worker;
    const update = await worker.start(
      bytes,
      this.plan.sessionNodes(),
      scenario.nodes.map(sessionNode),
      scenario.rule,
    );
    const beforeLayer = mapView.styleLayersOf('market-clusters')[0];
    mapView.coverage.show(scenario.rule, beforeLayer);
    mapView.coverage.setNodeUncertainty(this.plan.siteNodes());
    mapView.coverage.setNodes(scenario.nodes);
    this.apply(update);
    window.addEventListener('keydown', coverageKeyHandler(this.store, this, this.context.report));
    this.place.watchSelection();
    await this.scenarios.saved();
  }

  /**
   * Hands a worker result to the store and, after the next frame, to the map. Its duration is
   * recorded as the performance measure `atlas:coverage-apply` so tests can check the main
   * thread's own share of an update; the map's share is `atlas:coverage-map`.
   */
  private apply(update: WorkerUpdate, nodes?: readonly ScenarioNode[]): void {
    const start = performance.now();
    this.store.getState().applyCoverageResult(update);
    this.mapUpdates.add(update.raster, nodes);
    performance.measure('atlas:coverage-apply', { start, end: performance.now() });
    if (update.uncertainty.intervalStale) this.figures.refreshIntervalSoon();
    if (update.curve === null) this.curveSoon();
  }

  private curveQueued = false;

  /** After an edit: the coverage-radius curve, worked out once the edit's figures are shown. */
  private curveSoon(): void {
    if (this.curveQueued) return;
    this.curveQueued = true;
    void this.enqueue(async () => {
      this.curveQueued = false;
      this.store.getState().applyCurve(await this.context.worker().curve());
    }).catch(this.context.report);
  }

  private readonly mapUpdates = new MapUpdates(
    () => this.context.map().coverage,
    () => this.context.worker().raster(),
  );

  addNode = (node: { lon: number; lat: number; tier: ScenarioNode['tier'] }): Promise<string> =>
    this.edits.addNode(node);
  moveNode = (id: string, lon: number, lat: number): Promise<void> =>
    this.edits.moveNode(id, lon, lat);
  removeNode = (id: string): Promise<void> => this.edits.removeNode(id);
  setTier = (id: string, tier: ScenarioNode['tier']): Promise<void> => this.edits.setTier(id, tier);
  undo = (): Promise<void> => this.edits.undo();
  redo = (): Promise<void> => this.edits.redo();
  setRule = (rule: RadiusPair): Promise<void> => this.edits.setRule(rule);
  setQualifyingLayers = (layerIds: readonly string[]): Promise<void> =>
    this.edits.setQualifyingLayers(layerIds);
  setNodeScope = (scope: NodeScope): Promise<void> => this.figures.setNodeScope(scope);
  compareScopes = (): Promise<void> => this.figures.compareScopes();
  suggest = (count: number, target?: OutletTypeQuery): Promise<void> =>
    this.suggestions.suggest(count, target);
  reachRate = (rate: number, target?: OutletTypeQuery): Promise<void> =>
    this.suggestions.reachRate(rate, target);
  addCandidates = (indices: readonly number[]): Promise<void> =>
    this.suggestions.addCandidates(indices);
  newScenario = (name: string): Promise<void> => this.scenarios.newScenario(name);
  duplicateScenario = (name: string): Promise<void> => this.scenarios.duplicateScenario(name);
  renameScenario = (name: string): Promise<void> => this.scenarios.renameScenario(name);
  deleteScenario = (): Promise<void> => this.scenarios.deleteScenario();
  switchScenario = (id: string): Promise<void> => this.scenarios.switchScenario(id);
  restoreQuarantined = (): Promise<void> => this.scenarios.restoreQuarantined();
  /**
   * A scenario of imported outlets; when they carry a type column the per-type analysis is
   * turned on (the plan's 专栏6 preset, every type of the list in the basket) unless it is on.
   */
  useImportedNodes = async (
    name: string,
    nodes: readonly ScenarioNode[],
    only: boolean,
  ): Promise<string> => {
    const opened = await this.scenarios.useImportedNodes(name, nodes, only);
    const typed = nodes.some((node) => node.outletType !== undefined);
    const config = this.store.getState().outletTypeConfig;
    if (typed) await this.setOutletTypes(config ?? DEFAULT_OUTLET_TYPE_CONFIG);
    return opened;
  };

  setOutletTypes = (config: OutletTypeConfig | null): Promise<void> =>
    this.context.enqueue(async () => {
      await this.start();
      const update = await this.context.worker().setOutletTypes(config);
      this.store.getState().setOutletTypeConfig(config);
      this.apply(update);
    });

  /** One type's or one basket's figures (`atlas.coverage({ type })` / `({ basket })`). */
  outletTypeQuery = (query: OutletTypeQuery): Promise<OutletTypeAnswer> =>
    this.context.enqueue(async () => {
      await this.start();
      return this.context.worker().outletTypeQuery(query);
    });

  downloadOutletTemplate = async (format: 'xlsx' | 'csv'): Promise<void> => {
    const template = await import('../core/import/outlet-template');
    if (format === 'csv') {
      downloadText('outlets-template.csv', template.outletTemplateCsv(), 'text/csv;charset=utf-8');
      return;
    }
    const bytes = await template.outletTemplateXlsx();
    downloadBlob(
      new Blob([bytes as Uint8Array<ArrayBuffer>], {
        type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      }),
      'outlets-template.xlsx',
    );
  };
  exportScenarioFile = (): Promise<void> => this.files.exportScenarioFile();
  importScenarioFile = (file: File): Promise<string> => this.files.importScenarioFile(file);
  createShareLink = (): Promise<ShareLinkOutcome> => this.share.createShareLink();
  openShareLink = (param: string): Promise<void> => this.share.openShareLink(param);
  answerShareOffer = (open: boolean): void => {
    this.share.answerShareOffer(open);
  };
  coverageReport = (): Promise<CoverageReport> => this.exports.coverageReport();

  exportReport = (format: 'csv' | 'json'): void => {
    this.exports.exportReport(format);
  };
  exportGeoJson = (what: 'gaps' | 'nodes'): void => {
    this.exports.exportGeoJson(what);
  };

  /**
   * The plan layers' positions changed (position corrections): reruns the analysis on the
   * corrected positions if it is running; otherwise it will start on them.
   */
  planPositionsChanged = (): Promise<void> =>
    this.worker === null ? Promise.resolve() : this.edits.rebaseOnPlan();

  /** The ids of the plan's qualifying nodes, so imported nodes can avoid them. */
  baselineNodeIds(): ReadonlySet<string> {
    return this.plan.ids();
  }

  /**
   * Runs the analysis over an imported population (units assigned to 区县 by the district
   * outlines of the plan data), or over the modelled population again with null. A total far
   * from the census needs `acceptTotal` (see switchDemand); resolves to the note saying it was
   * used on the planner's confirmation, or null.
   */
  useDemand = (
    units: DemandUnits | null,
    layerId: string | null,
    acceptTotal = false,
  ): Promise<string | null> => switchDemand(this.context, units, layerId, acceptTotal);

  /** The largest uncovered units, for `window.atlas.gaps`. */
  gaps(limit: number) {
    return this.context.worker().gaps(limit);
  }
}
