import { useState } from 'react';
import { useAppStore } from '../../state/store-context';
import { useTranslate } from '../use-translate';

/** Loading state, a failed load, and every problem found in the data, each naming where. */
export function StatusBar() {
  const { lang, t } = useTranslate();
  const status = useAppStore((state) => state.status);
  const loadError = useAppStore((state) => state.loadError);
  const problems = useAppStore((state) => state.problems);
  const [expanded, setExpanded] = useState(false);
  if (status === 'loading') {
    return (
      <div className="status-bar" role="status">
        {t('app.loading')}
      </div>
    );
  }
  if (status === 'ready' && problems.length === 0) return null;
  return (
    <div className="status-bar status-bar-problem" role="alert">
      {loadError !== null ? (
        <p>
          {t('app.loadFailed', {
            message:
              lang === 'zh' && loadError.message_zh !== undefined
                ? loadError.message_zh
                : loadError.message,
          })}
        </p>
      ) : null}
      {problems.length > 0 ? (
        <>
          <p>
            {t('app.problems', { count: problems.length })}{' '}
            <button
              type="button"
              onClick={() => {
                setExpanded(!expanded);
              }}
            >
              {expanded ? t('app.problemsHide') : t('app.problemsShow')}
            </button>
          </p>
          {expanded ? (
            <ul className="problem-list">
              {problems.map((problem, index) => (
                <li key={index}>
                  <code>{problem.where}</code>:{' '}
                  {lang === 'zh' && problem.message_zh !== undefined
                    ? problem.message_zh
                    : problem.message}
                </li>
              ))}
            </ul>
          ) : null}
        </>
      ) : null}
    </div>
  );
}
