import { useState } from 'react';
import type { OutletTypeQuery } from '../../core/coverage/coverage-worker-api';
import { formatNumber } from '../../i18n/i18n';
import { useAppStore } from '../../state/store-context';
import { useTranslate } from '../use-translate';
import { useCoverageCommands, useRunCommand } from './coverage-commands';

/**
 * "Suggest K sites" and "reach X %", ranked with each pick's marginal gain; add one or all. With
 * the per-type analysis on, the sites can be for every node (the overall rule), one outlet type or
 * the complete basket.
 */
export function SuggestSites() {
  const { lang, t } = useTranslate();
  const commands = useCoverageCommands();
  const candidates = useAppStore((state) => state.candidates);
  const suggestionNote = useAppStore((state) => state.suggestionNote);
  const analysis = useAppStore((state) => state.outletTypes);
  const [count, setCount] = useState(5);
  const [target, setTarget] = useState(95);
  const [sitesFor, setSitesFor] = useState('all');
  const run = useRunCommand();
  // What the sites are for: a type still analysed, the basket, or (otherwise) every node.
  const query: OutletTypeQuery | undefined =
    analysis === null
      ? undefined
      : sitesFor === 'basket' && analysis.basket.types.length > 0
        ? { basket: analysis.basket.types }
        : analysis.types.some((type) => `type:${type.type}` === sitesFor)
          ? { type: sitesFor.slice('type:'.length) }
          : undefined;
  const chosen = query === undefined ? 'all' : sitesFor;
  return (
    <div className="suggest-sites">
      <h3>{t('suggest.heading')}</h3>
      {analysis === null ? null : (
        <label>
          {t('suggest.for')}{' '}
          <select
            data-testid="suggest-for"
            value={chosen}
            onChange={(event) => {
              setSitesFor(event.currentTarget.value);
            }}
          >
            <option value="all">{t('suggest.for.all')}</option>
            {analysis.basket.types.length > 0 ? (
              <option value="basket">{t('suggest.for.basket')}</option>
            ) : null}
            {analysis.types.map((type) => (
              <option key={type.type} value={`type:${type.type}`}>
                {lang === 'zh' ? type.name_zh : type.name_en}
              </option>
            ))}
          </select>
        </label>
      )}
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
            run(commands.suggest(count, query));
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
            run(commands.reachRate(target / 100, query));
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
