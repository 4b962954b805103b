import type { AtlasDrawer } from '../../state/view-mode-slice';
import { useAppStore } from '../../state/store-context';
import { useTranslate } from '../use-translate';

/** Header buttons of the planners' atlas: dashboard, plan text, export and embed. */
export function PlannerTools() {
  const { t } = useTranslate();
  const drawer = useAppStore((state) => state.drawer);
  const openDrawer = useAppStore((state) => state.openDrawer);
  const openDialog = useAppStore((state) => state.openDialog);
  const toggle = (which: AtlasDrawer) => {
    openDrawer(drawer === which ? null : which);
  };
  return (
    <div className="planner-tools" role="group" aria-label={t('tools.label')}>
      <button
        type="button"
        className="button"
        aria-pressed={drawer === 'dashboard'}
        onClick={() => {
          toggle('dashboard');
        }}
      >
        {t('tools.dashboard')}
      </button>
      <button
        type="button"
        className="button"
        aria-pressed={drawer === 'plan-text'}
        onClick={() => {
          toggle('plan-text');
        }}
      >
        {t('tools.planText')}
      </button>
      <button
        type="button"
        className="button"
        aria-haspopup="dialog"
        onClick={() => {
          openDialog('export');
        }}
      >
        {t('tools.export')}
      </button>
      <button
        type="button"
        className="button"
        aria-haspopup="dialog"
        onClick={() => {
          openDialog('embed');
        }}
      >
        {t('tools.embed')}
      </button>
    </div>
  );
}
