import type { UncertaintySummary } from '../../core/coverage/position-uncertainty';
import type { AppState } from '../../state/app-store';
import type { CoverageTotals } from '../../state/coverage-slice';

/**
 * What the dashboard shows of the coverage analysis (专栏6 rule: 2 km urban, 5 km rural): the
 * expected share of people within reach of the analysed nodes with its interval — the nodes'
 * position uncertainty carried — and the point estimate at the drawn positions, labelled as such.
 * Null until the coverage panel has computed it; the dashboard then says how to get it.
 */
export interface DashboardCoverage {
  readonly overall: CoverageTotals;
  readonly urban: CoverageTotals;
  readonly rural: CoverageTotals;
  readonly uncertainty: UncertaintySummary;
  /** True when the analysed nodes include some the planner added or imported. */
  readonly isScenario: boolean;
}

/** The current analysis as the coverage panel shows it. */
export function selectDashboardCoverage(state: AppState): DashboardCoverage | null {
  const { summary, uncertainty } = state;
  if (summary === null || uncertainty === null) return null;
  return {
    overall: summary,
    urban: summary.urban,
    rural: summary.rural,
    uncertainty,
    isScenario: state.nodes.some((node) => node.origin !== 'baseline'),
  };
}
