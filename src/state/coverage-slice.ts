import type { StateCreator } from 'zustand';
import type { EditHistory } from '../core/scenario/edit-history';
import { EMPTY_HISTORY } from '../core/scenario/edit-history';
import { type Scenario, type ScenarioNode } from '../core/scenario/scenario';
import type { CoverageCurvePoint } from '../core/coverage/coverage-engine';
import type { CoverageSummary } from '../core/coverage/coverage-summary';
import type { UncertaintySummary } from '../core/coverage/position-uncertainty';
import type { SessionUpdate } from '../core/coverage/coverage-session';
import type { OutletTypeAnalysis, OutletTypeConfig } from '../core/coverage/outlet-type-coverage';
import type { NodeScope } from '../core/coverage/fresh-food-nodes';
import type { SuggestedSite } from '../core/coverage/site-suggestion';
import type { AppState } from './app-store';

export type {
  CoverageSummary,
  CoverageTotals,
  DistrictCoverage,
  RegionCoverage,
} from '../core/coverage/coverage-summary';
import { PLAN_RULE, type CoverageRule } from '../core/coverage/coverage-rule';

export type AnalysisStatus = 'off' | 'loading' | 'computing' | 'ready' | 'failed';

/** A saved scenario as the scenario list shows it. */
/** What a share link would open, shown before the planner agrees to it. */
export interface ShareOffer {
  readonly name: string;
  readonly nodes: number;
  readonly urbanRadius: number;
  readonly ruralRadius: number;
}

export interface ScenarioEntry {
  readonly id: string;
  readonly name: string;
}

/** What the worker reports after any change, as far as the store keeps it. */
export type CoverageResult = Pick<
  SessionUpdate,
  'summary' | 'uncertainty' | 'baselineSummary' | 'delta' | 'curve' | 'outletTypes'
>;

/**
 * State of the coverage-gap analysis: the open scenario (its rule and nodes), the saved-scenario
 * list, the undo history and the latest results. Changing the open scenario through these actions
 * is what saves it: a store subscriber (src/storage/scenario-saver.ts) writes every new version.
 */
export interface CoverageSlice {
  readonly analysisStatus: AnalysisStatus;
  readonly analysisMessage: string | null;
  /**
   * Commands in flight that recompute the figures, from any control (the panel, the scenario
   * switch, an imported outlet list): while above 0 the figures are about to change.
   */
  readonly recomputing: number;
  /** +1 when such a command starts, −1 when it settles (see useRecompute in the UI). */
  readonly countRecompute: (change: 1 | -1) => void;
  readonly rule: CoverageRule;
  /** Catalogue layers whose features count as fresh-food nodes. */
  readonly qualifyingLayers: readonly string[];
  /** Which plan nodes the baseline holds: those the plan says exist already, or all planned too. */
  readonly nodeScope: NodeScope;
  readonly nodes: readonly ScenarioNode[];
  readonly history: EditHistory;
  /** Point estimate: every node exactly where it is drawn. */
  readonly summary: CoverageSummary | null;
  /** The same with each node's position uncertainty carried (sure/expected/possible/interval). */
  readonly uncertainty: UncertaintySummary | null;
  /** Coverage per outlet type and for the basket, when the per-type analysis is on. */
  readonly outletTypes: OutletTypeAnalysis | null;
  /** The per-type analysis's preset, basket and gap-map view; null while it is off. */
  readonly outletTypeConfig: OutletTypeConfig | null;
  readonly setOutletTypeConfig: (config: OutletTypeConfig | null) => void;
  /** The plan's own nodes under the current rule, to show what a scenario changes. */
  readonly baselineSummary: CoverageSummary | null;
  readonly delta: { readonly newlyCovered: number; readonly newlyUncovered: number } | null;
  readonly curve: readonly CoverageCurvePoint[];
  readonly candidates: readonly SuggestedSite[];
  /**
   * The plan's own sites in each scope under the current rule (today's and the 2025 picture), for
   * the dashboard; null until asked for, or after the rule or population changed.
   */
  readonly scopeFigures: Readonly<Record<NodeScope, UncertaintySummary>> | null;
  /** What the planner should know about the suggestion (target per class, cap reached). */
  readonly suggestionNote: string | null;
  /**
   * The type words an added candidate carries (菜市场 …) when the sites were suggested for one
   * outlet type or the basket; null when they were suggested for every node under the main rule.
   */
  readonly suggestionType: string | null;
  /** When on, a click on the map adds a node there. */
  readonly addNodeMode: boolean;
  readonly selectedNodeId: string | null;
  /** The open scenario (its `rule` and `nodes` are the same objects as those above). */
  readonly scenario: Scenario | null;
  /** The version of a scenario last written to (or read from) storage; unsaved while different. */
  readonly savedScenario: Scenario | null;
  /** Saved scenarios (names only; the nodes of the current one are in `nodes`). */
  readonly scenarios: readonly ScenarioEntry[];
  readonly currentScenarioId: string | null;
  /** Problems with saved work (quarantined saves, a full quota, another tab), as sentences. */
  readonly storageMessage: string | null;
  /** Quarantined scenarios whose valid nodes can still be restored (see restoreQuarantined). */
  readonly restorableScenarios: number;
  /** A share link waiting for "Open the shared scenario?" to be answered, or null. */
  readonly shareOffer: ShareOffer | null;
  /** The last "is this place covered?" answer, one sentence. */
  readonly placeMessage: string | null;

  // ── The analysis ──
  readonly analysisLoading: () => void;
  readonly analysisFailed: (message: string) => void;
  readonly setAnalysisMessage: (message: string | null) => void;
  /** A worker result arrived: the analysis is ready and shows it. */
  readonly applyCoverageResult: (result: CoverageResult) => void;
  readonly setNodeScope: (scope: NodeScope) => void;
  readonly setScopeFigures: (
    figures: Readonly<Record<NodeScope, UncertaintySummary>> | null,
  ) => void;
  /** A redrawn interval (the worker's refreshInterval after edits). */
  readonly applyUncertainty: (uncertainty: UncertaintySummary) => void;
  /** The coverage-radius curve worked out after edits (they leave it to the worker's curve()). */
  readonly applyCurve: (curve: readonly CoverageCurvePoint[]) => void;
  readonly setCandidates: (
    candidates: readonly SuggestedSite[],
    note?: string | null,
    outletType?: string | null,
  ) => void;
  readonly setAddNodeMode: (on: boolean) => void;
  readonly selectNode: (id: string | null) => void;
  readonly setPlaceMessage: (message: string | null) => void;
  readonly setStorageMessage: (message: string | null) => void;
  readonly setRestorableScenarios: (count: number) => void;
  readonly setShareOffer: (offer: ShareOffer | null) => void;

  // ── The open scenario (each change is saved) ──
  /** The analysis starts on `current` with these saved scenarios listed (`current` included). */
  readonly scenariosLoaded: (
    scenarios: readonly Scenario[],
    current: Scenario,
    qualifyingLayers: readonly string[],
    saved: boolean,
  ) => void;
  /** Opens a scenario: its rule and nodes, an empty history, no candidates; lists it if new. */
  readonly openScenario: (scenario: Scenario, saved: boolean) => void;
  readonly setCoverageRule: (rule: CoverageRule) => void;
  /** The open scenario's nodes after an edit (and the history, unless replaying one). */
  readonly setScenarioNodes: (nodes: readonly ScenarioNode[], history?: EditHistory) => void;
  /** Other qualifying layers: new plan nodes with the added ones, and a fresh history. */
  readonly setQualifyingLayers: (
    layerIds: readonly string[],
    nodes: readonly ScenarioNode[],
  ) => void;
  readonly setHistory: (history: EditHistory) => void;
  readonly renameScenario: (name: string) => void;
  /**
   * Keeps the open scenario's rule, nodes and history as `copy`, a new scenario that is then open
   * (another tab saved over the original).
   */
  readonly keepAsCopy: (copy: Scenario) => void;
  /** Storage holds this version now. */
  readonly scenarioSaved: (scenario: Scenario) => void;

  // ── The list of saved scenarios ──
  /** Adds an entry, or renames it when listed. */
  readonly listScenario: (entry: ScenarioEntry) => void;
  readonly unlistScenario: (id: string) => void;
}

function listed(entries: readonly ScenarioEntry[], entry: ScenarioEntry): ScenarioEntry[] {
  return entries.some((candidate) => candidate.id === entry.id)
    ? entries.map((candidate) => (candidate.id === entry.id ? entry : candidate))
    : [...entries, entry];
}

/** The open scenario with `patch` applied, listed under its (new) name. */
function changed(
  state: CoverageSlice,
  patch: Partial<Pick<Scenario, 'name' | 'rule' | 'nodes'>>,
): Partial<CoverageSlice> {
  if (state.scenario === null) return {};
  const scenario = { ...state.scenario, ...patch, updatedAt: new Date().toISOString() };
  return {
    scenario,
    scenarios: listed(state.scenarios, { id: scenario.id, name: scenario.name }),
  };
}

export const createCoverageSlice: StateCreator<AppState, [], [], CoverageSlice> = (set) => ({
  analysisStatus: 'off',
  recomputing: 0,
  countRecompute: (change) =>
    set((state) => ({ recomputing: Math.max(0, state.recomputing + change) })),
  analysisMessage: null,
  rule: PLAN_RULE,
  qualifyingLayers: [],
  nodes: [],
  history: EMPTY_HISTORY,
  nodeScope: 'planned',
  summary: null,
  uncertainty: null,
  baselineSummary: null,
  outletTypes: null,
  outletTypeConfig: null,
  delta: null,
  curve: [],
  candidates: [],
  suggestionNote: null,
  suggestionType: null,
  scopeFigures: null,
  addNodeMode: false,
  selectedNodeId: null,
  scenario: null,
  savedScenario: null,
  scenarios: [],
  currentScenarioId: null,
  storageMessage: null,
  restorableScenarios: 0,
  shareOffer: null,
  placeMessage: null,

  analysisLoading: () => set({ analysisStatus: 'loading', analysisMessage: null }),
  analysisFailed: (message) => set({ analysisStatus: 'failed', analysisMessage: message }),
  setAnalysisMessage: (message) => set({ analysisMessage: message }),
  applyCoverageResult: ({ summary, uncertainty, baselineSummary, delta, curve, outletTypes }) =>
    set({
      analysisStatus: 'ready',
      summary,
      uncertainty,
      baselineSummary,
      delta,
      // None after an edit: the curve shown stays until the one worked out after it arrives.
      ...(curve === null ? {} : { curve }),
      outletTypes,
    }),
  applyCurve: (curve) => set({ curve }),
  setOutletTypeConfig: (outletTypeConfig) => set({ outletTypeConfig }),
  applyUncertainty: (uncertainty) => set({ uncertainty }),
  setNodeScope: (nodeScope) => set({ nodeScope }),
  setScopeFigures: (scopeFigures) => set({ scopeFigures }),
  setCandidates: (candidates, note = null, outletType = null) =>
    set({ candidates, suggestionNote: note, suggestionType: outletType }),
  setAddNodeMode: (on) => set({ addNodeMode: on }),
  selectNode: (id) => set({ selectedNodeId: id }),
  setPlaceMessage: (message) => set({ placeMessage: message }),
  setStorageMessage: (message) => set({ storageMessage: message }),
  setRestorableScenarios: (count) => set({ restorableScenarios: count }),
  setShareOffer: (offer) => set({ shareOffer: offer }),

  scenariosLoaded: (scenarios, current, qualifyingLayers, saved) =>
    set({
      analysisStatus: 'computing',
      qualifyingLayers,
      rule: current.rule,
      nodes: current.nodes,
      history: EMPTY_HISTORY,
      scenarios: scenarios.map(({ id, name }) => ({ id, name })),
      currentScenarioId: current.id,
      scenario: current,
      ...(saved ? { savedScenario: current } : {}),
    }),
  openScenario: (scenario, saved) =>
    set((state) => ({
      rule: scenario.rule,
      nodes: scenario.nodes,
      history: EMPTY_HISTORY,
      candidates: [],
      currentScenarioId: scenario.id,
      scenario,
      scenarios: state.scenarios.some((entry) => entry.id === scenario.id)
        ? state.scenarios
        : [...state.scenarios, { id: scenario.id, name: scenario.name }],
      ...(saved ? { savedScenario: scenario } : {}),
    })),
  setCoverageRule: (rule) =>
    set((state) => ({ rule, scopeFigures: null, ...changed(state, { rule }) })),
  setScenarioNodes: (nodes, history) =>
    set((state) => ({
      nodes,
      ...(history === undefined ? {} : { history }),
      ...changed(state, { nodes }),
    })),
  setQualifyingLayers: (layerIds, nodes) =>
    set((state) => ({
      qualifyingLayers: layerIds,
      nodes,
      history: EMPTY_HISTORY,
      ...changed(state, { nodes }),
    })),
  setHistory: (history) => set({ history }),
  renameScenario: (name) => set((state) => changed(state, { name })),
  keepAsCopy: (copy) =>
    set((state) => ({
      scenario: copy,
      currentScenarioId: copy.id,
      scenarios: listed(state.scenarios, { id: copy.id, name: copy.name }),
    })),
  scenarioSaved: (scenario) => set({ savedScenario: scenario }),

  listScenario: (entry) => set((state) => ({ scenarios: listed(state.scenarios, entry) })),
  unlistScenario: (id) =>
    set((state) => ({ scenarios: state.scenarios.filter((entry) => entry.id !== id) })),
});
