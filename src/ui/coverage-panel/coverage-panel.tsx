import { useMemo, useState } from 'react';
import { QUALIFYING_LAYER_CANDIDATES } from '../../core/coverage/fresh-food-nodes';
import type { CoverageTotals, DistrictCoverage, RegionCoverage } from '../../state/coverage-slice';
import { useAppStore, useAppStoreApi } from '../../state/store-context';
import { selectAndReveal } from '../../state/actions';
import { formatNumber } from '../../i18n/i18n';
import { useTranslate } from '../use-translate';
import { CoverageCurve } from './coverage-curve';
import { GapLegend } from './gap-legend';
import { useCoverageCommands, useRunCommand } from './coverage-commands';
import { ScenarioBar } from './scenario-bar';
import { SuggestSites } from './suggest-sites';
import { RULE_SLIDERS, type RadiusPair } from '../../core/coverage/coverage-rule';

function percent(lang: 'zh' | 'en', rate: number | null): string {
  return rate === null ? '—' : `${formatNumber(lang, rate * 100, 1)}%`;
}

function TotalsCard({
  label,
  totals,
  testId,
}: {
  label: string;
  totals: CoverageTotals;
  testId: string;
}) {
  const { lang, t } = useTranslate();
  return (
    <div className="totals-card" data-testid={testId}>
      <div className="totals-label">{label}</div>
      <div className="totals-rate">{percent(lang, totals.rate)}</div>
      <div className="muted">
        {t('coverage.coveredOf', {
          covered: formatNumber(lang, totals.covered),
          population: formatNumber(lang, totals.population),
        })}
      </div>
    </div>
  );
}

type SortKey = 'name' | 'population' | 'rate' | 'uncovered';

function CoverageTable({
  rows,
  caption,
  onRow,
  testId,
}: {
  rows: readonly (DistrictCoverage | RegionCoverage)[];
  caption: string;
  onRow: (row: DistrictCoverage | RegionCoverage) => void;
  testId: string;
}) {
  const { lang, t } = useTranslate();
  const [sort, setSort] = useState<{ key: SortKey; descending: boolean }>({
    key: 'rate',
    descending: false,
  });
  const sorted = useMemo(() => {
    const value = (row: DistrictCoverage | RegionCoverage): number | string =>
      sort.key === 'name'
        ? row.name_zh
        : sort.key === 'population'
          ? row.population
          : sort.key === 'rate'
            ? (row.rate ?? 0)
            : row.population - row.covered;
    return [...rows].sort((a, b) => {
      const x = value(a);
      const y = value(b);
      const order =
        typeof x === 'string' && typeof y === 'string'
          ? x.localeCompare(y, 'zh')
          : Number(x) - Number(y);
      return sort.descending ? -order : order;
    });
  }, [rows, sort]);
  const header = (key: SortKey, label: string) => (
    <th
      scope="col"
      aria-sort={sort.key === key ? (sort.descending ? 'descending' : 'ascending') : 'none'}
    >
      <button
        type="button"
        onClick={() => {
          setSort((current) => ({
            key,
            descending:
              current.key === key ? !current.descending : key !== 'name' && key !== 'rate',
          }));
        }}
      >
        {label}
        {sort.key === key ? (sort.descending ? ' ▼' : ' ▲') : ''}
      </button>
    </th>
  );
  return (
    <table className="coverage-table" data-testid={testId}>
      <caption>{caption}</caption>
      <thead>
        <tr>
          {header('name', t('coverage.table.name'))}
          {header('population', t('coverage.table.population'))}
          {header('uncovered', t('coverage.table.uncovered'))}
          {header('rate', t('coverage.table.rate'))}
        </tr>
      </thead>
      <tbody>
        {sorted.map((row) => (
          <tr
            key={'adcode' in row ? row.adcode : row.id}
            tabIndex={0}
            onClick={() => {
              onRow(row);
            }}
            onKeyDown={(event) => {
              if (event.key === 'Enter') onRow(row);
            }}
          >
            <th scope="row">{lang === 'zh' ? row.name_zh : row.name_en}</th>
            <td>{formatNumber(lang, row.population)}</td>
            <td>{formatNumber(lang, row.population - row.covered)}</td>
            <td>{percent(lang, row.rate)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/**
 * The fresh-food coverage analysis (专栏6: within 2 km in towns, 5 km in the countryside): the rule,
 * covered population overall / urban / rural and by region and 区县, the radius curve, scenarios,
 * suggested sites and exports. Population is modelled, and the panel says so.
 */
export function CoveragePanel() {
  const { lang, t } = useTranslate();
  const store = useAppStoreApi();
  const commands = useCoverageCommands();
  const status = useAppStore((state) => state.analysisStatus);
  const message = useAppStore((state) => state.analysisMessage);
  const rule = useAppStore((state) => state.rule);
  const summary = useAppStore((state) => state.summary);
  const delta = useAppStore((state) => state.delta);
  const qualifying = useAppStore((state) => state.qualifyingLayers);
  const catalogue = useAppStore((state) => state.catalogue);
  const demandLayer = useAppStore((state) =>
    state.importedLayers.find((layer) => layer.id === state.demandLayerId),
  );
  const available = (catalogue?.layers ?? []).filter((layer) =>
    QUALIFYING_LAYER_CANDIDATES.includes(layer.id),
  );
  const [draftRule, setDraftRule] = useState<RadiusPair>(rule);
  const run = useRunCommand();
  const zoomTo = (row: DistrictCoverage | RegionCoverage) => {
    const state = store.getState();
    const id =
      'adcode' in row
        ? state.collections['districts']?.features.find(
            (feature) => feature.properties.district_adcode === row.adcode,
          )?.properties.id
        : row.id;
    if (id !== undefined) selectAndReveal(store, id);
  };
  return (
    <section className="panel coverage-panel" aria-labelledby="coverage-heading">
      <h2 id="coverage-heading">{t('coverage.heading')}</h2>
      <p className="coverage-rule-text">{t('coverage.ruleText')}</p>
      {demandLayer === undefined ? null : (
        // Imported population replaces the model: say so instead of the “modelled” note.
        <p className="modelled-note imported-demand-note" role="note">
          <strong>{t('coverage.importedDemand', { name: demandLayer.name })}</strong>
        </p>
      )}
      {demandLayer !== undefined ? null : (
        <p className="modelled-note" role="note">
          <strong>{t('coverage.modelled')}</strong> {t('coverage.modelledDetail')}{' '}
          <details className="method">
            <summary>{t('coverage.method')}</summary>
            <p>{t('coverage.methodText')}</p>
          </details>
        </p>
      )}
      {status === 'off' || status === 'failed' ? (
        <button
          type="button"
          className="primary-button"
          onClick={() => {
            run(commands.start());
          }}
        >
          {t('coverage.start')}
        </button>
      ) : null}
      {message !== null ? (
        <p className="coverage-message" role="alert">
          {message}
        </p>
      ) : null}
      {status === 'loading' || status === 'computing' ? (
        <p role="status" className="muted">
          {status === 'loading' ? t('coverage.loading') : t('coverage.computing')}
        </p>
      ) : null}
      {summary !== null ? (
        <>
          <fieldset className="coverage-rule">
            <legend>{t('coverage.rule')}</legend>
            <label>
              {t('coverage.urbanRadius', { value: formatNumber(lang, draftRule.urbanRadius) })}
              <input
                type="range"
                {...RULE_SLIDERS.urbanRadius}
                value={draftRule.urbanRadius}
                onChange={(event) => {
                  setDraftRule({ ...draftRule, urbanRadius: Number(event.currentTarget.value) });
                }}
                onPointerUp={() => {
                  run(commands.setRule(draftRule));
                }}
                onKeyUp={() => {
                  run(commands.setRule(draftRule));
                }}
              />
            </label>
            <label>
              {t('coverage.ruralRadius', { value: formatNumber(lang, draftRule.ruralRadius) })}
              <input
                type="range"
                {...RULE_SLIDERS.ruralRadius}
                value={draftRule.ruralRadius}
                onChange={(event) => {
                  setDraftRule({ ...draftRule, ruralRadius: Number(event.currentTarget.value) });
                }}
                onPointerUp={() => {
                  run(commands.setRule(draftRule));
                }}
                onKeyUp={() => {
                  run(commands.setRule(draftRule));
                }}
              />
            </label>
            <div className="qualifying">
              <span>{t('coverage.qualifying')}</span>
              {available.map((layer) => (
                <label key={layer.id}>
                  <input
                    type="checkbox"
                    checked={qualifying.includes(layer.id)}
                    onChange={(event) => {
                      const next = event.currentTarget.checked
                        ? [...qualifying, layer.id]
                        : qualifying.filter((id) => id !== layer.id);
                      run(commands.setQualifyingLayers(next));
                    }}
                  />
                  {layer.title[lang]}
                </label>
              ))}
            </div>
            <p className="muted small">{t('coverage.distanceNote')}</p>
          </fieldset>
          <div className="totals">
            <TotalsCard label={t('coverage.overall')} totals={summary} testId="coverage-overall" />
            <TotalsCard
              label={t('coverage.urban')}
              totals={summary.urban}
              testId="coverage-urban"
            />
            <TotalsCard
              label={t('coverage.rural')}
              totals={summary.rural}
              testId="coverage-rural"
            />
          </div>
          <GapLegend />
          {delta !== null && (delta.newlyCovered > 0 || delta.newlyUncovered > 0) ? (
            <p className="coverage-delta" data-testid="coverage-delta">
              {t('coverage.delta', {
                covered: formatNumber(lang, delta.newlyCovered),
                uncovered: formatNumber(lang, delta.newlyUncovered),
              })}
            </p>
          ) : null}
          <ScenarioBar />
          <SuggestSites />
          <CoverageCurve />
          <CoverageTable
            rows={summary.byRegion}
            caption={t('coverage.byRegion')}
            onRow={zoomTo}
            testId="coverage-regions"
          />
          <CoverageTable
            rows={summary.byDistrict}
            caption={t('coverage.byDistrict')}
            onRow={zoomTo}
            testId="coverage-districts"
          />
          <div className="export-buttons">
            <span>{t('coverage.export')}</span>
            <button
              type="button"
              onClick={() => {
                commands.exportReport('csv');
              }}
            >
              CSV
            </button>
            <button
              type="button"
              onClick={() => {
                commands.exportReport('json');
              }}
            >
              JSON
            </button>
            <button
              type="button"
              onClick={() => {
                commands.exportGeoJson('gaps');
              }}
            >
              {t('coverage.exportGaps')}
            </button>
            <button
              type="button"
              onClick={() => {
                commands.exportGeoJson('nodes');
              }}
            >
              {t('coverage.exportNodes')}
            </button>
          </div>
        </>
      ) : null}
    </section>
  );
}
