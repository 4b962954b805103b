import type { MessageKey } from '../../i18n/i18n';
import { useTranslate } from '../use-translate';

/** The sidebar's sections the rail jumps to: a CSS selector inside the sidebar and a label. */
const SECTIONS: readonly { readonly target: string; readonly key: MessageKey }[] = [
  { target: '.layer-panel', key: 'rail.layers' },
  { target: '.coverage-section', key: 'rail.coverage' },
  { target: '.import-section', key: 'rail.import' },
  { target: '.status-filter', key: 'rail.filter' },
];

/**
 * A row of buttons fixed at the top of the planner's sidebar: each brings its section into view
 * (and unfolds the coverage analysis), so nothing needs a long scroll to be found.
 */
export function SidebarRail() {
  const { t } = useTranslate();
  return (
    <div className="sidebar-rail" role="toolbar" aria-label={t('rail.label')}>
      {SECTIONS.map((section) => (
        <button
          key={section.key}
          type="button"
          className="button sidebar-rail-button"
          data-rail={section.target.slice(1)}
          onClick={(event) => {
            const sidebar = event.currentTarget.closest('.sidebar');
            const target = sidebar?.querySelector<HTMLElement>(section.target);
            if (target === null || target === undefined) return;
            if (target instanceof HTMLDetailsElement) target.open = true;
            target.scrollIntoView({ block: 'start' });
            const focusable = target.querySelector<HTMLElement>('summary, h2, input, button');
            focusable?.focus({ preventScroll: true });
          }}
        >
          {t(section.key)}
        </button>
      ))}
    </div>
  );
}
