import type { StateCreator } from 'zustand';
import type { EditHistory } from '../core/scenario/edit-history';
import { EMPTY_HISTORY } from '../core/scenario/edit-history';
import { PLAN_RULE, type CoverageRule } from '../core/coverage/coverage-rule';
import type { ScenarioNode } from '../core/scenario/scenario';
import type { CoverageCurvePoint } from '../core/coverage/coverage-engine';
import type { CoverageSummary } from '../core/coverage/coverage-summary';
import type { SuggestedSite } from '../core/coverage/site-suggestion';
import type { AppState } from './app-store';

export type {
  CoverageSummary,
  CoverageTotals,
  DistrictCoverage,
  RegionCoverage,
} from '../core/coverage/coverage-summary';

export type AnalysisStatus = 'off' | 'loading' | 'computing' | 'ready' | 'failed';

/** State of the coverage-gap analysis: the rule, the scenario's nodes and the latest results. */
export interface CoverageSlice {
  readonly analysisStatus: AnalysisStatus;
  readonly analysisMessage: string | null;
  readonly rule: CoverageRule;
  /** Catalogue layers whose features count as fresh-food nodes. */
  readonly qualifyingLayers: readonly string[];
  readonly nodes: readonly ScenarioNode[];
  readonly history: EditHistory;
  readonly summary: CoverageSummary | null;
  /** The plan's own nodes under the current rule, to show what a scenario changes. */
  readonly baselineSummary: CoverageSummary | null;
  readonly delta: { readonly newlyCovered: number; readonly newlyUncovered: number } | null;
  readonly curve: readonly CoverageCurvePoint[];
  readonly candidates: readonly SuggestedSite[];
  /** When on, a click on the map adds a node there. */
  readonly addNodeMode: boolean;
  readonly selectedNodeId: string | null;
  /** Saved scenarios (names only; the nodes of the current one are in `nodes`). */
  readonly scenarios: readonly { readonly id: string; readonly name: string }[];
  readonly currentScenarioId: string | null;
  /** Problems with saved work (quarantined saves, a full quota, another tab), as sentences. */
  readonly storageMessage: string | null;
  /** The last "is this place covered?" answer, one sentence. */
  readonly placeMessage: string | null;
  readonly setCoverage: (patch: Partial<CoverageSliceData>) => void;
}

export type CoverageSliceData = Omit<CoverageSlice, 'setCoverage'>;

export const createCoverageSlice: StateCreator<AppState, [], [], CoverageSlice> = (set) => ({
  analysisStatus: 'off',
  analysisMessage: null,
  rule: PLAN_RULE,
  qualifyingLayers: [],
  nodes: [],
  history: EMPTY_HISTORY,
  summary: null,
  baselineSummary: null,
  delta: null,
  curve: [],
  candidates: [],
  addNodeMode: false,
  selectedNodeId: null,
  scenarios: [],
  currentScenarioId: null,
  storageMessage: null,
  placeMessage: null,
  setCoverage: (patch) => set(patch),
});
