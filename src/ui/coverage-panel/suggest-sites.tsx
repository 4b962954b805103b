import { useState } from 'react';
import { formatNumber } from '../../i18n/i18n';
import { useAppStore } from '../../state/store-context';
import { useTranslate } from '../use-translate';
import { useCoverageCommands, useRunCommand } from './coverage-commands';

/** "Suggest K sites" and "reach X %", ranked with each pick's marginal gain; add one or all. */
export function SuggestSites() {
  const { lang, t } = useTranslate();
  const commands = useCoverageCommands();
  const candidates = useAppStore((state) => state.candidates);
  const suggestionNote = useAppStore((state) => state.suggestionNote);
  const [count, setCount] = useState(5);
  const [target, setTarget] = useState(95);
  const run = useRunCommand();
  return (
    <div className="suggest-sites">
      <h3>{t('suggest.heading')}</h3>
      <div className="button-row">
        <label>
          {t('suggest.count')}
          <input
            type="number"
            min={1}
            max={50}
            value={count}
            onChange={(event) => {
              setCount(Math.max(1, Math.min(50, Number(event.currentTarget.value) || 1)));
            }}
          />
        </label>
        <button
          type="button"
          onClick={() => {
            run(commands.suggest(count));
          }}
        >
          {t('suggest.run')}
        </button>
      </div>
      <div className="button-row">
        <label>
          {t('suggest.target')}
          <input
            type="number"
            min={1}
            max={100}
            step={0.5}
            value={target}
            onChange={(event) => {
              setTarget(Math.max(1, Math.min(100, Number(event.currentTarget.value) || 95)));
            }}
          />
        </label>
        <button
          type="button"
          onClick={() => {
            run(commands.reachRate(target / 100));
          }}
        >
          {t('suggest.reach')}
        </button>
      </div>
      {suggestionNote === null ? null : (
        <p className="small" role="note" data-testid="suggest-note">
          {suggestionNote}
        </p>
      )}
      {candidates.length > 0 ? (
        <>
          <ol className="candidates" data-testid="suggest-candidates">
            {candidates.map((candidate, index) => (
              <li key={`${String(candidate.lon)},${String(candidate.lat)}`}>
                <span>
                  {candidate.district_zh} ·{' '}
                  {candidate.urban ? t('coverage.urban') : t('coverage.rural')} ·{' '}
                  {t('suggest.gain', { value: formatNumber(lang, candidate.gain) })}
                </span>
                <button
                  type="button"
                  onClick={() => {
                    run(commands.addCandidates([index]));
                  }}
                >
                  {t('suggest.add')}
                </button>
              </li>
            ))}
          </ol>
          <button
            type="button"
            onClick={() => {
              run(commands.addCandidates(candidates.map((_, index) => index)));
            }}
          >
            {t('suggest.addAll')}
          </button>
        </>
      ) : null}
    </div>
  );
}
