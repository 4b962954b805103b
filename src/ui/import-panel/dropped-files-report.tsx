import type { ImportOutcome } from '../../state/import-commands';
import { formatNumber } from '../../i18n/i18n';
import { useTranslate } from '../use-translate';

/** One of several files dropped or chosen at once, and what became of it (null: not yet read). */
export interface BatchFile {
  readonly name: string;
  readonly outcome: ImportOutcome | null;
}

/**
 * Several files dropped (or chosen) at once: each is imported in turn, and this list says for
 * every one whether it was imported or refused, and why — none is left out without a word (the
 * panel's problem list shows the last file's problems only).
 */
export function DroppedFilesReport({ files }: { readonly files: readonly BatchFile[] }) {
  const { lang, t } = useTranslate();
  const done = files.filter((file) => file.outcome !== null).length;
  return (
    <div className="import-batch" data-testid="import-batch" role="status">
      <p>{t('import.batch.heading', { count: files.length, done })}</p>
      <ul>
        {files.map((file, index) => {
          const outcome = file.outcome;
          const error = outcome?.problems.find((problem) => problem.severity === 'error');
          const text =
            outcome === null
              ? t('import.batch.waiting')
              : outcome.layerId !== null
                ? t('import.batch.imported', { count: formatNumber(lang, outcome.features) })
                : t('import.batch.refused', {
                    reason:
                      error === undefined
                        ? t('import.batch.nothing')
                        : `${error.where}: ${lang === 'zh' ? error.message_zh : error.message}`,
                  });
          const state =
            outcome === null ? 'waiting' : outcome.layerId !== null ? 'imported' : 'refused';
          return (
            <li
              key={index}
              data-state={state}
              className={state === 'refused' ? 'error' : undefined}
            >
              <strong>{file.name}</strong> {text}
            </li>
          );
        })}
      </ul>
    </div>
  );
}
