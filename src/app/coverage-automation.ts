import type { CoverageSummary } from '../core/coverage/coverage-summary';
import type { SuggestedSite } from '../core/coverage/site-suggestion';
import type { RadiusPair } from '../core/coverage/coverage-rule';
import type { CoverageReport } from '../core/report/coverage-report';
import type { ScenarioNode } from '../core/scenario/scenario';
import type { MapView } from '../map/map-view';
import type { AppStore } from '../state/app-store';
import type { CoverageCommands } from '../ui/coverage-panel/coverage-commands';
import { CoverageController } from './coverage-controller';
import type { GapUnit } from '../core/coverage/coverage-session';

/**
 * The coverage part of `window.atlas`. Each method resolves once the totals (and the map) are up
 * to date; the analysis starts on first use.
 */
export interface AtlasCoverageApi {
  /** Current totals: population, covered, rate, urban, rural, byDistrict, byRegion. */
  coverage(): Promise<CoverageSummary>;
  /**
   * The coverage report the JSON export and `cq-atlas coverage --json` print: parameters, totals
   * (city, urban, rural), rows by region and 区县, and the node set.
   */
  coverageReport(): Promise<CoverageReport>;
  /** Uncovered units, largest population first: `[{ lon, lat, population, urban, district_zh }]`. */
  gaps(limit?: number): Promise<GapUnit[]>;
  setRule(rule: Partial<RadiusPair>): Promise<CoverageSummary>;
  addNode(node: { lon: number; lat: number; tier?: ScenarioNode['tier'] }): Promise<string>;
  moveNode(id: string, lon: number, lat: number): Promise<CoverageSummary>;
  removeNode(id: string): Promise<CoverageSummary>;
  undo(): Promise<CoverageSummary>;
  redo(): Promise<CoverageSummary>;
  /** Suggests `k` sites (maximal covering), best first, with each pick's marginal gain. */
  suggest(k: number): Promise<SuggestedSite[]>;
  /** Saved scenarios and which one is open. */
  scenarios(): Promise<{ id: string; name: string; current: boolean }[]>;
  /** The scenario's nodes (plan nodes and added ones). */
  nodes(): Promise<ScenarioNode[]>;
}

/**
 * Wires the coverage analysis: commands for the panel that work before the map exists (they wait
 * for it), and the automation surface once it does.
 */
export function createCoverageWiring(store: AppStore): {
  commands: CoverageCommands;
  /** The controller, once the map exists (for the import wiring). */
  controller: Promise<CoverageController>;
  attach(mapView: MapView): AtlasCoverageApi;
} {
  let resolveController: (controller: CoverageController) => void = () => undefined;
  const ready = new Promise<CoverageController>((resolve) => {
    resolveController = resolve;
  });
  const later =
    <A extends unknown[], R>(call: (controller: CoverageController, ...args: A) => Promise<R>) =>
    async (...args: A): Promise<R> =>
      call(await ready, ...args);
  const commands: CoverageCommands = {
    start: later((c) => c.start()),
    setRule: later((c, rule: RadiusPair) => c.setRule(rule)),
    setQualifyingLayers: later((c, ids: readonly string[]) => c.setQualifyingLayers(ids)),
    addNode: later((c, node: { lon: number; lat: number; tier: ScenarioNode['tier'] }) =>
      c.addNode(node),
    ),
    moveNode: later((c, id: string, lon: number, lat: number) => c.moveNode(id, lon, lat)),
    removeNode: later((c, id: string) => c.removeNode(id)),
    setTier: later((c, id: string, tier: ScenarioNode['tier']) => c.setTier(id, tier)),
    undo: later((c) => c.undo()),
    redo: later((c) => c.redo()),
    suggest: later((c, count: number) => c.suggest(count)),
    reachRate: later((c, rate: number) => c.reachRate(rate)),
    addCandidates: later((c, indices: readonly number[]) => c.addCandidates(indices)),
    newScenario: later((c, name: string) => c.newScenario(name)),
    duplicateScenario: later((c, name: string) => c.duplicateScenario(name)),
    renameScenario: later((c, name: string) => c.renameScenario(name)),
    deleteScenario: later((c) => c.deleteScenario()),
    switchScenario: later((c, id: string) => c.switchScenario(id)),
    exportScenarioFile: later((c) => c.exportScenarioFile()),
    importScenarioFile: later((c, file: File) => c.importScenarioFile(file)),
    createShareLink: later((c) => c.createShareLink()),
    openShareLink: later((c, param: string) => c.openShareLink(param)),
    exportReport: (format) => {
      void ready.then((c) => {
        c.exportReport(format);
      });
    },
    exportGeoJson: (what) => {
      void ready.then((c) => {
        c.exportGeoJson(what);
      });
    },
  };
  return {
    commands,
    controller: ready,
    attach(mapView) {
      const controller = new CoverageController(store, mapView);
      resolveController(controller);
      const settled = async (): Promise<void> => {
        await controller.start();
        await controller.settled();
      };
      const summary = async (): Promise<CoverageSummary> => {
        await settled();
        await mapView.whenReady();
        const current = store.getState().summary;
        if (current === null) throw new Error('The coverage analysis has no result.');
        return current;
      };
      const after =
        <A extends unknown[]>(call: (...args: A) => Promise<unknown>) =>
        async (...args: A): Promise<CoverageSummary> => {
          await controller.start();
          await call(...args);
          return summary();
        };
      return {
        coverage: summary,
        coverageReport: async () => {
          await settled();
          return controller.coverageReport();
        },
        gaps: async (limit = 100) => {
          await settled();
          return controller.gaps(limit);
        },
        setRule: after((rule: Partial<RadiusPair>) =>
          controller.setRule({ ...store.getState().rule, ...rule }),
        ),
        addNode: async (node) => {
          await controller.start();
          const id = await controller.addNode({
            lon: node.lon,
            lat: node.lat,
            tier: node.tier ?? 3,
          });
          await mapView.whenReady();
          return id;
        },
        moveNode: after((id: string, lon: number, lat: number) =>
          controller.moveNode(id, lon, lat),
        ),
        removeNode: after((id: string) => controller.removeNode(id)),
        undo: after(() => controller.undo()),
        redo: after(() => controller.redo()),
        suggest: async (k) => {
          await controller.start();
          await controller.suggest(k);
          return [...store.getState().candidates];
        },
        scenarios: async () => {
          await settled();
          const state = store.getState();
          return state.scenarios.map((entry) => ({
            ...entry,
            current: entry.id === state.currentScenarioId,
          }));
        },
        nodes: async () => {
          await settled();
          return [...store.getState().nodes];
        },
      };
    },
  };
}
