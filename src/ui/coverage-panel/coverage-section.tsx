import { useAppStore } from '../../state/store-context';
import { useTranslate } from '../use-translate';
import { CoveragePanel } from './coverage-panel';

/** While an analysis is shown: draw the plan layers faint so the gap map reads clearly. */
function DimPlanLayers() {
  const { t } = useTranslate();
  const dimmed = useAppStore((state) => state.planDimmed);
  const setDimmed = useAppStore((state) => state.setPlanDimmed);
  return (
    <label className="dim-plan-layers">
      <input
        type="checkbox"
        checked={dimmed}
        onChange={(event) => {
          setDimmed(event.currentTarget.checked);
        }}
      />
      {t('coverage.dimPlan')}
    </label>
  );
}

/**
 * The coverage analysis as a collapsible section of the planner's sidebar; it opens by itself
 * once an analysis is running so results are never hidden.
 */
export function CoverageSection() {
  const { t } = useTranslate();
  const status = useAppStore((state) => state.analysisStatus);
  return (
    <details className="coverage-section" open={status !== 'off' ? true : undefined}>
      <summary>{t('coverage.heading')}</summary>
      {status !== 'off' ? <DimPlanLayers /> : null}
      <CoveragePanel />
    </details>
  );
}
