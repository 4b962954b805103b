import { describeStatus } from '../../core/plan/describe';
import { PLAN_STATUSES, type PlanStatus } from '../../core/plan/plan-feature';
import { formatNumber } from '../../i18n/i18n';
import type { AppState } from '../../state/app-store';
import { STATUS_FILTER_EXEMPT_THEMES } from '../../state/feature-filter-slice';
import { useAppStore } from '../../state/store-context';
import { useTranslate } from '../use-translate';

const counts = new WeakMap<object, Readonly<Record<PlanStatus, number>>>();

/** Features per status in the layers the filter applies to. */
function selectStatusCounts(state: AppState): Readonly<Record<PlanStatus, number>> {
  const cached = counts.get(state.collections);
  if (cached !== undefined) return cached;
  const result: Record<PlanStatus, number> = {
    existing: 0,
    upgrade: 0,
    'new-planned': 0,
    proposed: 0,
    'to-be-created': 0,
  };
  for (const layer of state.catalogue?.layers ?? []) {
    if (STATUS_FILTER_EXEMPT_THEMES.includes(layer.theme)) continue;
    for (const feature of state.collections[layer.id]?.features ?? []) {
      result[feature.properties.status] += 1;
    }
  }
  counts.set(state.collections, result);
  return result;
}

/**
 * Filters the plan layers by what the plan will do with each place (existing, upgrade, new,
 * proposed, to be created). The 一区两群 and 区县 frame is never filtered.
 */
export function StatusFilter() {
  const { lang, t } = useTranslate();
  const shown = useAppStore((state) => state.shownStatuses);
  const setShown = useAppStore((state) => state.setShownStatuses);
  const statusCounts = useAppStore(selectStatusCounts);
  const isShown = (status: PlanStatus) => shown === null || shown.has(status);
  const toggle = (status: PlanStatus, on: boolean) => {
    const next = new Set(PLAN_STATUSES.filter(isShown));
    if (on) next.add(status);
    else next.delete(status);
    setShown(next.size === PLAN_STATUSES.length ? null : next);
  };
  return (
    <section className="panel status-filter" aria-labelledby="status-filter-heading">
      <h2 id="status-filter-heading">{t('statusFilter.heading')}</h2>
      <fieldset className="layer-theme">
        <legend className="visually-hidden">{t('statusFilter.heading')}</legend>
        {PLAN_STATUSES.map((status) => {
          const description = describeStatus(status, lang);
          return (
            <label
              key={status}
              className="layer-row"
              data-status={status}
              title={description.explanation}
            >
              <input
                type="checkbox"
                checked={isShown(status)}
                onChange={(event) => {
                  toggle(status, event.currentTarget.checked);
                }}
              />
              <span>{description.label}</span>
              <span className="layer-count">
                {t('layers.count', { count: formatNumber(lang, statusCounts[status]) })}
              </span>
            </label>
          );
        })}
      </fieldset>
      <p className="muted small">{t('statusFilter.note')}</p>
      {shown !== null ? (
        <button
          type="button"
          className="link-button"
          onClick={() => {
            setShown(null);
          }}
        >
          {t('statusFilter.all')}
        </button>
      ) : null}
    </section>
  );
}
