import { useEffect, useRef } from 'react';
import { useAppStore } from '../../state/store-context';
import { Dashboard } from '../dashboard/dashboard';
import { PlanTextPanel } from '../plan-text/plan-text-panel';
import { useTranslate } from '../use-translate';

/** The open drawer over the left of the map: the plan dashboard or the plan text. */
export function DrawerHost() {
  const { t } = useTranslate();
  const drawer = useAppStore((state) => state.drawer);
  const openDrawer = useAppStore((state) => state.openDrawer);
  const headingRef = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    // Moving focus to the drawer tells keyboard and screen-reader users it opened.
    if (drawer !== null) headingRef.current?.focus();
  }, [drawer]);
  if (drawer === null) return null;
  const title = drawer === 'dashboard' ? t('dashboard.heading') : t('planText.heading');
  return (
    <section className="drawer" aria-labelledby="drawer-heading" data-drawer={drawer}>
      <header className="drawer-header">
        <h2 id="drawer-heading" ref={headingRef} tabIndex={-1}>
          {title}
        </h2>
        <button
          type="button"
          className="close-button"
          aria-label={t('drawer.close', { title })}
          onClick={() => {
            openDrawer(null);
          }}
        >
          ×
        </button>
      </header>
      <div className="drawer-body">
        {drawer === 'dashboard' ? <Dashboard /> : <PlanTextPanel />}
      </div>
    </section>
  );
}
