import type { CoverageSummary } from '../core/coverage/coverage-summary';
import type { UncertaintySummary } from '../core/coverage/position-uncertainty';
import type { SuggestedSite } from '../core/coverage/site-suggestion';
import type { RadiusPair } from '../core/coverage/coverage-rule';
import type { CoverageReport } from '../core/report/coverage-report';
import type { ScenarioNode } from '../core/scenario/scenario';
import type {
  GapUnit,
  OutletTypeAnswer,
  OutletTypeQuery,
} from '../core/coverage/coverage-worker-api';
import type { AppStore } from '../state/app-store';
import type { CoverageCommands } from '../state/coverage-commands';
import { CoverageController, type CoverageDependencies } from './coverage-controller';
import type { CoverageMap } from './coverage/coverage-context';

/**
 * The coverage part of `window.atlas`. Each method resolves once the totals (and the map) are up
 * to date; the analysis starts on first use.
 */
/** The point-estimate summary with the certainty-aware figures beside it. */
export type CoverageFigures = CoverageSummary & { readonly uncertainty: UncertaintySummary };

export interface AtlasCoverageApi {
  /**
   * Current totals: population, covered, rate, urban, rural, byDistrict, byRegion (the point
   * estimate at the drawn positions), and `uncertainty`: the same areas with the nodes' position
   * uncertainty carried (sure, expected, possible, interval), as the panel and the report show.
   */
  coverage(): Promise<CoverageFigures>;
  /**
   * One outlet type's figures (`{ type: '菜市场' }`, synonyms and English names accepted) or a
   * complete basket's (`{ basket: ['菜市场', '生鲜超市（菜店）'] }`: every listed type within its
   * radius; with each type's figures and the "缺什么、补什么" rows), under the panel's preset (the
   * plan's 专栏6 when the type analysis is off). An unknown type rejects naming it.
   */
  coverage(query: OutletTypeQuery): Promise<OutletTypeAnswer>;
  /**
   * The coverage report, exactly as the JSON export and `cq-atlas coverage --json` write it:
   * parameters (rule, population source, node set, uncertainty model), totals with the
   * certainty-aware figures, rows by region and 区县, and the nodes with their uncertainty.
   */
  coverageReport(): Promise<CoverageReport>;
  /** Uncovered units, largest population first: `[{ lon, lat, population, urban, district_zh }]`. */
  gaps(limit?: number): Promise<GapUnit[]>;
  setRule(rule: Partial<RadiusPair>): Promise<CoverageFigures>;
  addNode(node: { lon: number; lat: number; tier?: ScenarioNode['tier'] }): Promise<string>;
  moveNode(id: string, lon: number, lat: number): Promise<CoverageFigures>;
  removeNode(id: string): Promise<CoverageFigures>;
  undo(): Promise<CoverageFigures>;
  redo(): Promise<CoverageFigures>;
  /**
   * Suggests `k` sites (maximal covering), best first, with each pick's marginal gain; `target`
   * ({ type } or { basket }) makes them sites of one outlet type (or, for the basket, of the type
   * that raises the basket most), with gains in that type's (or the basket's) expected residents
   * and `outletType` naming the type.
   */
  suggest(
    k: number,
    target?: OutletTypeQuery,
  ): Promise<(SuggestedSite & { readonly outletType?: string })[]>;
  /** Saved scenarios and which one is open. */
  scenarios(): Promise<{ id: string; name: string; current: boolean }[]>;
  /** The scenario's nodes (plan nodes and added ones). */
  nodes(): Promise<ScenarioNode[]>;
}

/**
 * Wires the coverage analysis: the controller is the panel's commands from the start (a command
 * waits for the map), and `attach` gives it the map and returns the automation surface.
 */
export function createCoverageWiring(
  store: AppStore,
  dependencies: CoverageDependencies,
): {
  commands: CoverageCommands;
  controller: CoverageController;
  attach(mapView: CoverageMap): AtlasCoverageApi;
} {
  const controller = new CoverageController(store, dependencies);
  return {
    commands: controller,
    controller,
    attach(mapView) {
      controller.attach(mapView);
      return atlasCoverageApi(store, controller, mapView);
    },
  };
}

/** The coverage part of `window.atlas` over a controller attached to `mapView`. */
export function atlasCoverageApi(
  store: AppStore,
  controller: CoverageController,
  mapView: Pick<CoverageMap, 'whenReady'>,
): AtlasCoverageApi {
  const settled = async (): Promise<void> => {
    await controller.start();
    await controller.settled();
  };
  const summary = async (): Promise<CoverageFigures> => {
    await settled();
    await mapView.whenReady();
    const { summary: current, uncertainty } = store.getState();
    if (current === null || uncertainty === null) {
      throw new Error('The coverage analysis has no result.');
    }
    return { ...current, uncertainty };
  };
  const after =
    <A extends unknown[]>(call: (...args: A) => Promise<unknown>) =>
    async (...args: A): Promise<CoverageFigures> => {
      await controller.start();
      await call(...args);
      return summary();
    };
  function coverage(): Promise<CoverageFigures>;
  function coverage(query: OutletTypeQuery): Promise<OutletTypeAnswer>;
  async function coverage(query?: OutletTypeQuery): Promise<CoverageFigures | OutletTypeAnswer> {
    if (query === undefined) return summary();
    await settled();
    return controller.outletTypeQuery(query);
  }
  return {
    coverage,
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
    moveNode: after((id: string, lon: number, lat: number) => controller.moveNode(id, lon, lat)),
    removeNode: after((id: string) => controller.removeNode(id)),
    undo: after(() => controller.undo()),
    redo: after(() => controller.redo()),
    suggest: async (k, target) => {
      await controller.start();
      await controller.suggest(k, target);
      const { candidates, suggestionType } = store.getState();
      // Sites for a type (or the basket) say which type they are, as an added site would be.
      return candidates.map((site) =>
        suggestionType === null ? site : { ...site, outletType: suggestionType },
      );
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
}
