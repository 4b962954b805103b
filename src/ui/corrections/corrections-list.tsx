import { SOURCE_WORDS } from '../../core/plan/position-corrections';
import { formatNumber } from '../../i18n/i18n';
import { selectFeatureById } from '../../state/selectors';
import { useAppStore, useAppStoreApi } from '../../state/store-context';
import { useTranslate } from '../use-translate';
import { useCorrectionCommands } from './correction-commands';

/**
 * "My corrections": the position corrections kept in this browser, each with its source, date and
 * uncertainty, a button to undo it, and the export of the list as `corrections.csv`.
 */
export function CorrectionsList() {
  const { lang, t } = useTranslate();
  const commands = useCorrectionCommands();
  const corrections = useAppStore((state) => state.corrections);
  const message = useAppStore((state) => state.correctionsMessage);
  const select = useAppStore((state) => state.select);
  const store = useAppStoreApi();
  if (commands === null) return null;
  const nameOf = (id: string): string => {
    const feature = selectFeatureById(store.getState(), id);
    if (feature === null) return id;
    return lang === 'zh' ? feature.properties.name_zh : feature.properties.name_en;
  };
  const report = (error: unknown) => {
    store.getState().setCorrectionsMessage(error instanceof Error ? error.message : String(error));
  };
  return (
    <section className="corrections-list" aria-labelledby="corrections-heading">
      <h2 id="corrections-heading">{t('corrections.heading')}</h2>
      <p className="muted">{t('corrections.intro')}</p>
      {message !== null ? <p role="status">{message}</p> : null}
      {corrections.length === 0 ? <p className="muted">{t('corrections.none')}</p> : null}
      <ul>
        {corrections.map((c) => (
          <li key={c.id} data-correction-id={c.id}>
            <button
              type="button"
              className="link-button"
              onClick={() => {
                select(c.id);
              }}
            >
              {nameOf(c.id)}
            </button>
            <span className="muted">
              {' '}
              {t('corrections.item', {
                source: SOURCE_WORDS[c.source][lang],
                date: c.date,
                uncertainty: formatNumber(lang, c.uncertaintyM),
              })}
            </span>{' '}
            <button
              type="button"
              aria-label={t('corrections.undoLabel', { name: nameOf(c.id) })}
              onClick={() => {
                commands.removeCorrection(c.id).catch(report);
              }}
            >
              {t('corrections.undo')}
            </button>
          </li>
        ))}
      </ul>
      <button
        type="button"
        disabled={corrections.length === 0}
        onClick={() => {
          commands.exportCorrections();
        }}
      >
        {t('corrections.export')}
      </button>
    </section>
  );
}
