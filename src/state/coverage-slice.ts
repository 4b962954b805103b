import type { StateCreator } from 'zustand';
import type { EditHistory } from '../core/scenario/edit-history';
import { EMPTY_HISTORY } from '../core/scenario/edit-history';
import { DEFAULT_RULE, type CoverageRule, type ScenarioNode } from '../core/scenario/scenario';
import type { AppState } from './app-store';

/** Population covered out of a total, with the rate (0–1). */
export interface CoverageTotals {
  readonly population: number;
  readonly covered: number;
  readonly rate: number;
}

export interface DistrictCoverage extends CoverageTotals {
  readonly adcode: number;
  readonly name_zh: string;
  readonly name_en: string;
}

export interface RegionCoverage extends CoverageTotals {
  readonly id: string;
  readonly name_zh: string;
  readonly name_en: string;
}

/** The fresh-food coverage of the whole city at the current rule and nodes, as plain data. */
export interface CoverageSummary extends CoverageTotals {
  readonly urban: CoverageTotals;
  readonly rural: CoverageTotals;
  readonly byDistrict: readonly DistrictCoverage[];
  readonly byRegion: readonly RegionCoverage[];
}

/** Share of people covered if both radii were scaled to this factor of the rule. */
export interface CurvePoint {
  readonly urbanRadius: number;
  readonly ruralRadius: number;
  readonly rate: number;
  readonly urbanRate: number;
  readonly ruralRate: number;
}

/** A suggested new site and the uncovered population it would add, in pick order. */
export interface SiteCandidate {
  readonly lon: number;
  readonly lat: number;
  readonly gain: number;
  readonly urban: boolean;
  readonly district_zh: string;
}

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
  readonly curve: readonly CurvePoint[];
  readonly candidates: readonly SiteCandidate[];
  /** When on, a click on the map adds a node there. */
  readonly addNodeMode: boolean;
  readonly selectedNodeId: string | null;
  /** Saved scenarios (names only; the nodes of the current one are in `nodes`). */
  readonly scenarios: readonly { readonly id: string; readonly name: string }[];
  readonly currentScenarioId: string | null;
  /** Problems with saved work (quarantined saves, a full quota, another tab), as sentences. */
  readonly storageMessage: string | null;
  readonly setCoverage: (patch: Partial<CoverageSliceData>) => void;
}

export type CoverageSliceData = Omit<CoverageSlice, 'setCoverage'>;

export const createCoverageSlice: StateCreator<AppState, [], [], CoverageSlice> = (set) => ({
  analysisStatus: 'off',
  analysisMessage: null,
  rule: DEFAULT_RULE,
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
  setCoverage: (patch) => set(patch),
});
