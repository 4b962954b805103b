import { useAppStore } from '../../state/store-context';
import { useTranslate } from '../use-translate';
import { CoveragePanel } from './coverage-panel';

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
      <CoveragePanel />
    </details>
  );
}
