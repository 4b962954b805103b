import { useMemo, useRef, useState } from 'react';
import { NODE_SCOPES, QUALIFYING_LAYER_CANDIDATES } from '../../core/coverage/fresh-food-nodes';
import type { Uncertainty } from '../../core/coverage/position-uncertainty';
import { analysisName } from '../../core/report/coverage-report';
import type { CoverageTotals, DistrictCoverage, RegionCoverage } from '../../state/coverage-slice';
import { useAppStore, useAppStoreApi } from '../../state/store-context';
import { selectAndReveal } from '../../state/actions';
import { formatNumber, formatPercent } from '../../i18n/i18n';
import { useTranslate } from '../use-translate';
import { CoverageCurve } from './coverage-curve';
import { GapLegend } from './gap-legend';
import { useCoverageCommands, useRecompute, useRunCommand } from './coverage-commands';
import { RecomputingNote } from './recomputing-note';
import { ScenarioBar } from './scenario-bar';
import { SuggestSites } from './suggest-sites';
import { OutletTypesSection } from './outlet-types';
import { RULE_SLIDERS, type RadiusPair } from '../../core/coverage/coverage-rule';

const percent = formatPercent;

/**
 * One population's coverage as a planner can quote it: the expected rate (exact, with the nodes'
 * position uncertainty carried), its 90 % interval, how much is sure and possible, and the point
 * estimate at the drawn positions, labelled as such.
 */
function TotalsCard({
  label,
  totals,
  uncertainty,
  stale,
  testId,
}: {
  label: string;
  totals: CoverageTotals;
  uncertainty: Uncertainty;
  stale: boolean;
  testId: string;
}) {
  const { lang, t } = useTranslate();
  return (
    <div className="totals-card" data-testid={testId}>
      <div className="totals-label">
        {label} · {t('coverage.expected')}
      </div>
      <div className="totals-rate" data-testid="expected-rate">
        {percent(lang, uncertainty.expected.rate)}
      </div>
      <div className="small" data-testid="interval">
        {stale
          ? t('coverage.intervalUpdating')
          : t('coverage.interval', {
              low: percent(lang, uncertainty.interval.p05.rate),
              high: percent(lang, uncertainty.interval.p95.rate),
            })}
      </div>
      <div className="muted small" data-testid="sure-possible">
        {t('coverage.sureAndPossible', {
          sure: percent(lang, uncertainty.sure.rate),
          possible: percent(lang, uncertainty.possible.rate),
        })}
      </div>
      <div className="muted small" data-testid="point-estimate">
        {t('coverage.pointEstimate', {
          rate: percent(lang, totals.rate),
          covered: formatNumber(lang, totals.covered),
          population: formatNumber(lang, totals.population),
        })}
      </div>
    </div>
  );
}

type SortKey = 'name' | 'population' | 'rate' | 'point';
type AreaRow = (DistrictCoverage | RegionCoverage) & { readonly uncertainty: Uncertainty | null };

function CoverageTable({
  rows,
  caption,
  onRow,
  testId,
}: {
  rows: readonly AreaRow[];
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
    const value = (row: AreaRow): number | string =>
      sort.key === 'name'
        ? row.name_zh
        : sort.key === 'population'
          ? row.population
          : sort.key === 'rate'
            ? (row.uncertainty?.expected.rate ?? 0)
            : (row.rate ?? 0);
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
          {header('rate', t('coverage.table.expected'))}
          <th scope="col">{t('coverage.table.interval')}</th>
          {header('point', t('coverage.table.point'))}
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
            <td>{percent(lang, row.uncertainty?.expected.rate ?? null)}</td>
            <td className="muted">
              {row.uncertainty === null
                ? '—'
                : `${percent(lang, row.uncertainty.interval.p05.rate)}–${percent(lang, row.uncertainty.interval.p95.rate)}`}
            </td>
            <td className="muted">{percent(lang, row.rate)}</td>
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
  const uncertainty = useAppStore((state) => state.uncertainty);
  const nodeScope = useAppStore((state) => state.nodeScope);
  const nodes = useAppStore((state) => state.nodes);
  const analysis = useMemo(() => {
    const plan = nodes.filter((node) => node.origin === 'baseline').length;
    // Plan nodes keep origin "baseline" when moved, so they count as plan nodes here too.
    return analysisName({ planNodes: plan, movedPlanNodes: 0, otherNodes: nodes.length - plan });
  }, [nodes]);
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
  // Recomputes in flight, and the qualifying layers asked for while one runs (shown at once).
  const [requestedLayers, setRequestedLayers] = useState<readonly string[] | null>(null);
  const latestRequest = useRef(0);
  const { busy, runBusy } = useRecompute();
  // Figures being recomputed for any control (the scenario switch, an imported outlet list…).
  const recomputing = useAppStore((state) => state.recomputing > 0);
  const shownQualifying = requestedLayers ?? qualifying;
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
    <section
      className="panel coverage-panel"
      aria-labelledby="coverage-heading"
      aria-busy={recomputing || status === 'computing'}
    >
      <h2 id="coverage-heading">{t('coverage.heading')}</h2>
      <p className="coverage-rule-text">{t('coverage.ruleText')}</p>
      {summary === null ? null : (
        <div className="analysis-name" role="note" data-testid="analysis-name">
          <strong>{analysis.name[lang]}</strong>
          <p className="small muted">{analysis.note[lang]}</p>
          {analysis.kind === 'plan-supply-nodes' ? (
            <p className="small">{t('coverage.outletsHint')}</p>
          ) : null}
        </div>
      )}
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
      <OutletTypesSection />
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
                  runBusy(commands.setRule(draftRule));
                }}
                onKeyUp={() => {
                  runBusy(commands.setRule(draftRule));
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
                  runBusy(commands.setRule(draftRule));
                }}
                onKeyUp={() => {
                  runBusy(commands.setRule(draftRule));
                }}
              />
            </label>
            <div className="qualifying">
              <span>{t('coverage.qualifying')}</span>
              {available.map((layer) => (
                <label key={layer.id}>
                  <input
                    type="checkbox"
                    checked={shownQualifying.includes(layer.id)}
                    onChange={(event) => {
                      const next = event.currentTarget.checked
                        ? [...shownQualifying, layer.id]
                        : shownQualifying.filter((id) => id !== layer.id);
                      setRequestedLayers(next);
                      const request = ++latestRequest.current;
                      runBusy(commands.setQualifyingLayers(next), () => {
                        // Only the last request's result ends the optimistic display.
                        if (request === latestRequest.current) setRequestedLayers(null);
                      });
                    }}
                  />
                  {layer.title[lang]}
                </label>
              ))}
            </div>
            <fieldset className="node-scope">
              <legend>{t('coverage.scope')}</legend>
              {NODE_SCOPES.map((scope) => (
                <label key={scope}>
                  <input
                    type="radio"
                    name="node-scope"
                    value={scope}
                    checked={nodeScope === scope}
                    onChange={() => {
                      runBusy(commands.setNodeScope(scope));
                    }}
                  />
                  {t(`coverage.scope.${scope}`)}
                </label>
              ))}
            </fieldset>
            <p className="muted small">{t('coverage.distanceNote')}</p>
            {busy ? <RecomputingNote testId="coverage-busy" /> : null}
          </fieldset>
          {uncertainty === null ? null : (
            <>
              <div className="totals">
                {(
                  [
                    ['coverage.overall', summary, uncertainty, 'coverage-overall'],
                    ['coverage.urban', summary.urban, uncertainty.urban, 'coverage-urban'],
                    ['coverage.rural', summary.rural, uncertainty.rural, 'coverage-rural'],
                  ] as const
                ).map(([label, totals, figures, testId]) => (
                  <TotalsCard
                    key={testId}
                    label={t(label)}
                    totals={totals}
                    uncertainty={figures}
                    stale={uncertainty.intervalStale}
                    testId={testId}
                  />
                ))}
              </div>
              <p className="muted small" data-testid="uncertainty-note">
                {t('coverage.uncertaintyNote', {
                  draws: formatNumber(lang, uncertainty.interval.draws),
                  seed: String(uncertainty.interval.seed),
                })}
              </p>
            </>
          )}
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
            rows={summary.byRegion.map((row, r) => ({
              ...row,
              uncertainty: uncertainty?.byRegion[r] ?? null,
            }))}
            caption={t('coverage.byRegion')}
            onRow={zoomTo}
            testId="coverage-regions"
          />
          <CoverageTable
            rows={summary.byDistrict.map((row, d) => ({
              ...row,
              uncertainty: uncertainty?.byDistrict[d] ?? null,
            }))}
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
