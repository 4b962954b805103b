import type { AppState } from '../../state/app-store';
import type { CoverageTotals } from '../../state/coverage-slice';

/**
 * What the dashboard shows of the fresh-food coverage analysis (专栏6: 2 km urban, 5 km rural):
 * the share of people covered by the plan's own nodes, overall, urban and rural. Null until the
 * coverage panel has computed it; the dashboard then says how to get it.
 */
export interface DashboardCoverage {
  readonly overall: CoverageTotals;
  readonly urban: CoverageTotals;
  readonly rural: CoverageTotals;
  /** True when the figures are for an edited scenario rather than the plan's own nodes. */
  readonly isScenario: boolean;
}

/** The hook the coverage engine feeds: the baseline (plan's nodes) summary, else the current one. */
export function selectDashboardCoverage(state: AppState): DashboardCoverage | null {
  const summary = state.baselineSummary ?? state.summary;
  if (summary === null) return null;
  return {
    overall: summary,
    urban: summary.urban,
    rural: summary.rural,
    isScenario: state.baselineSummary === null,
  };
}
