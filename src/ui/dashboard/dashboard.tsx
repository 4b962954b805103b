import { planRefText } from '../../core/plan/plan-ref';
import { Fragment, useEffect, useMemo, useRef, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { IndicatorsResult } from '../../core/dashboard/indicators';
import { backboneCard, countCards, type CertaintyCounts } from '../../core/dashboard/plan-targets';
import { NODE_SCOPES } from '../../core/coverage/fresh-food-nodes';
import { formatNumber, formatPercent } from '../../i18n/i18n';
import { useCoverageCommands, useRunCommand } from '../coverage-panel/coverage-commands';
import { useAppStore } from '../../state/store-context';
import { useTranslate } from '../use-translate';
import { selectDashboardCoverage } from './coverage-summary';
import { IndicatorChart } from './indicator-chart';
import { loadIndicators } from './load-indicators';

/**
 * What the map holds of a target, without reading as progress: how many the atlas has placed (a
 * plain count, no bar), and a bar only for placements whose position rests on a survey or a named
 * source. The plan's nodes are drawn because the plan names them, not because they were built.
 */
function Evidence({
  placed,
  of,
  byCertainty,
  unit,
}: {
  placed: number;
  of: number;
  byCertainty: CertaintyCounts;
  unit: string;
}) {
  const { lang, t } = useTranslate();
  const approximate = byCertainty.estimated + byCertainty.schematic;
  const evidenced = byCertainty.surveyed + byCertainty.sourced;
  return (
    <>
      <p className="small" data-testid="card-placed" data-placed={placed}>
        {t('dashboard.placed', {
          placed: formatNumber(lang, placed),
          target: formatNumber(lang, of),
          approximate: formatNumber(lang, approximate),
        })}
      </p>
      <p className="small" data-testid="card-evidenced">
        <strong data-testid="card-evidenced-count">{formatNumber(lang, evidenced)}</strong>{' '}
        {t('dashboard.evidenced', {
          target: formatNumber(lang, of),
          unit,
          surveyed: formatNumber(lang, byCertainty.surveyed),
          sourced: formatNumber(lang, byCertainty.sourced),
        }).replace(/\s+/g, ' ')}
      </p>
      <Progress
        value={evidenced}
        max={of}
        label={t('dashboard.cardAlt', { mapped: evidenced, target: of })}
      />
    </>
  );
}

/**
 * The plan's own sites in both scopes under the current rule: what exists already per the plan
 * (today) beside existing + planned (the plan's 2025 picture), expected share and interval.
 */
function ScopeComparison() {
  const { lang, t } = useTranslate();
  const commands = useCoverageCommands();
  const run = useRunCommand();
  const figures = useAppStore((state) => state.scopeFigures);
  const status = useAppStore((state) => state.analysisStatus);
  // Asked for once per rule and population (the store clears the figures when either changes).
  const asked = useRef(false);
  useEffect(() => {
    if (figures !== null) asked.current = false;
    else if (status === 'ready' && !asked.current) {
      asked.current = true;
      run(commands.compareScopes());
    }
  }, [figures, status, commands, run]);
  if (figures === null) return <p className="muted small">{t('coverage.computing')}</p>;
  const percent = (rate: number | null) => formatPercent(lang, rate);
  return (
    <table className="coverage-table" data-testid="scope-comparison">
      <caption>{t('dashboard.scopes')}</caption>
      <tbody>
        {NODE_SCOPES.map((scope) => (
          <tr key={scope} data-scope={scope}>
            <th scope="row">{t(`coverage.scope.${scope}`)}</th>
            <td>
              {t('dashboard.scopeFigure', {
                rate: percent(figures[scope].expected.rate),
                low: percent(figures[scope].interval.p05.rate),
                high: percent(figures[scope].interval.p95.rate),
              })}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function Progress({ value, max, label }: { value: number; max: number; label: string }) {
  return (
    <div className="progress">
      <div className="progress-track" aria-hidden="true">
        <div
          className="progress-bar"
          style={{ width: `${String(Math.min(100, (100 * value) / Math.max(1, max)))}%` }}
        />
      </div>
      <span className="visually-hidden">{label}</span>
    </div>
  );
}

/**
 * The plan's targets beside the map: the 专栏1 indicators as charts, cards counting what the map
 * holds of the nodes, zones and 商圈 the plan sets, and the fresh-food coverage when computed.
 */
export function Dashboard() {
  const { lang, t } = useTranslate();
  const collections = useAppStore((state) => state.collections);
  const coverage = useAppStore(useShallow(selectDashboardCoverage));
  const [indicators, setIndicators] = useState<IndicatorsResult | null>(null);
  useEffect(() => {
    let live = true;
    void loadIndicators().then((result) => {
      if (live) setIndicators(result);
    });
    return () => {
      live = false;
    };
  }, []);
  const features = useMemo(
    () => Object.values(collections).flatMap((collection) => collection.features),
    [collections],
  );
  const cards = useMemo(() => countCards(features), [features]);
  const backbone = useMemo(() => backboneCard(features), [features]);
  const without = backbone.districts.filter((district) => !district.hasBackbone);
  const percent = (rate: number | null) => formatPercent(lang, rate);
  return (
    <div className="dashboard" data-testid="dashboard">
      <section aria-labelledby="dashboard-targets">
        <h3 id="dashboard-targets">{t('dashboard.targets')}</h3>
        <p className="muted small">{t('dashboard.targetsNote')}</p>
        <ul className="cards">
          {cards.map((card) => (
            <li key={card.id} className="card" data-card={card.id}>
              <p className="card-title">{card.title[lang]}</p>
              <p className="card-figure">
                {t('dashboard.planTarget', { target: formatNumber(lang, card.target) })}
              </p>
              <Evidence
                placed={card.mapped}
                of={card.target}
                byCertainty={card.byCertainty}
                unit={t('dashboard.unitItems')}
              />
              <p className="small muted">
                {t('dashboard.planRef', { ref: planRefText(card.planRef, lang) })}
                {' · '}
                {t('dashboard.existingPerPlan', {
                  count: formatNumber(lang, card.existingPerPlan),
                })}
              </p>
            </li>
          ))}
          <li className="card card-wide" data-card="backbone-business-districts">
            <p className="card-title">{t('dashboard.backbone')}</p>
            <p className="card-figure">
              {t('dashboard.planTarget', { target: formatNumber(lang, backbone.districts.length) })}{' '}
              {t('dashboard.districts')}
            </p>
            <Evidence
              placed={backbone.withBackbone}
              of={backbone.districts.length}
              byCertainty={backbone.byCertainty}
              unit={t('dashboard.districts')}
            />
            <p className="small muted">
              {t('dashboard.planRef', { ref: planRefText(backbone.planRef, lang) })}
            </p>
            <details>
              <summary>{t('dashboard.backboneWhich')}</summary>
              <ul className="district-list">
                {backbone.districts.map((district) => (
                  <li key={district.adcode} data-has-backbone={district.hasBackbone}>
                    <span aria-hidden="true">{district.hasBackbone ? '✓' : '✗'}</span>{' '}
                    {district.name[lang]}{' '}
                    <span className="visually-hidden">
                      {district.hasBackbone
                        ? t('dashboard.hasBackbone')
                        : t('dashboard.noBackbone')}
                    </span>
                  </li>
                ))}
              </ul>
            </details>
            {without.length > 0 ? (
              <p className="small">
                {t('dashboard.backboneMissing', {
                  names: without
                    .map((district) => district.name[lang])
                    .join(lang === 'zh' ? '、' : ', '),
                })}
              </p>
            ) : null}
          </li>
        </ul>
      </section>
      <section aria-labelledby="dashboard-coverage">
        <h3 id="dashboard-coverage">{t('dashboard.coverage')}</h3>
        <p className="muted small">{t('dashboard.coverageWhat')}</p>
        {coverage === null ? (
          <p className="muted small" data-testid="coverage-pending">
            {t('dashboard.coveragePending')}
          </p>
        ) : (
          <dl className="coverage-figures" data-testid="coverage-summary">
            {(
              [
                ['dashboard.coverageOverall', coverage.overall, coverage.uncertainty],
                ['dashboard.coverageUrban', coverage.urban, coverage.uncertainty.urban],
                ['dashboard.coverageRural', coverage.rural, coverage.uncertainty.rural],
              ] as const
            ).map(([label, point, figures]) => (
              <Fragment key={label}>
                <dt>{t(label)}</dt>
                <dd>
                  {t('dashboard.coverageExpected', {
                    rate: percent(figures.expected.rate),
                    low: percent(figures.interval.p05.rate),
                    high: percent(figures.interval.p95.rate),
                    point: percent(point.rate),
                  })}
                </dd>
              </Fragment>
            ))}
          </dl>
        )}
        {coverage === null ? null : <ScopeComparison />}
      </section>
      <section aria-labelledby="dashboard-indicators">
        <h3 id="dashboard-indicators">{t('dashboard.indicators')}</h3>
        {indicators === null ? <p className="muted">{t('app.loading')}</p> : null}
        {indicators !== null && !indicators.ok ? (
          <p className="muted" data-testid="indicators-missing">
            {indicators.problems.map((problem) => problem.message).join(' ')}
          </p>
        ) : null}
        {indicators?.ok === true ? (
          <>
            <p className="muted small">{t('dashboard.indicatorsNote')}</p>
            {[...new Set(indicators.indicators.map((indicator) => indicator.groupZh))].map(
              (group) => (
                <div key={group} className="indicator-group">
                  <h4>{lang === 'zh' ? group : groupEn(group)}</h4>
                  {indicators.indicators
                    .filter((indicator) => indicator.groupZh === group)
                    .map((indicator) => (
                      <IndicatorChart
                        key={`${group}-${String(indicator.number)}`}
                        indicator={indicator}
                      />
                    ))}
                </div>
              ),
            )}
          </>
        ) : null}
      </section>
    </div>
  );
}

function groupEn(groupZh: string): string {
  if (groupZh === '国内贸易') return 'Domestic trade';
  if (groupZh === '开放型经济') return 'Open economy';
  return groupZh;
}
