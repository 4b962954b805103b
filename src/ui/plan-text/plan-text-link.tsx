import { useAppStore } from '../../state/store-context';
import { useTranslate } from '../use-translate';

/** In a feature's panel: opens the plan text at the sentence that names the feature (planners). */
export function PlanTextLink({ featureId }: { featureId: string }) {
  const { t } = useTranslate();
  const showInPlanText = useAppStore((state) => state.showInPlanText);
  const available = useAppStore((state) => state.mode === 'planner' && !state.embedded);
  if (!available) return null;
  return (
    <button
      type="button"
      className="link-button plan-text-link"
      onClick={() => {
        showInPlanText(featureId);
      }}
    >
      {t('planText.showSentence')}
    </button>
  );
}
