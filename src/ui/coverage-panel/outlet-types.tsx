import {
  DEFAULT_OUTLET_TYPE_CONFIG,
  type OutletTypeConfig,
  type TypeFigures,
} from '../../core/coverage/outlet-type-coverage';
import { OUTLET_PRESETS, OUTLET_TYPES, type OutletTypeId } from '../../core/coverage/outlet-types';
import { formatNumber, formatPercent } from '../../i18n/i18n';
import { useAppStore } from '../../state/store-context';
import { useTranslate } from '../use-translate';
import { useCoverageCommands, useRunCommand } from './coverage-commands';

const MISSING_ROWS = 20;

const percent = formatPercent;

/** The guidance shown until the scenario holds typed outlets: what is needed and how to get it. */
function OutletListGuide() {
  const { t } = useTranslate();
  const commands = useCoverageCommands();
  const run = useRunCommand();
  return (
    <div className="outlet-guide" data-testid="outlet-guide">
      <p>{t('types.needList')}</p>
      <p>
        {t('types.template')}{' '}
        <button
          type="button"
          data-testid="template-xlsx"
          onClick={() => {
            run(commands.downloadOutletTemplate('xlsx'));
          }}
        >
          .xlsx
        </button>{' '}
        <button
          type="button"
          data-testid="template-csv"
          onClick={() => {
            run(commands.downloadOutletTemplate('csv'));
          }}
        >
          .csv
        </button>
      </p>
      <ol className="small">
        <li>{t('types.step1')}</li>
        <li>{t('types.step2')}</li>
        <li>{t('types.step3')}</li>
        <li>{t('types.step4')}</li>
      </ol>
    </div>
  );
}

function FigureCells({ figures }: { figures: TypeFigures }) {
  const { lang } = useTranslate();
  return (
    <>
      <td data-cell="expected">{percent(lang, figures.expected.rate)}</td>
      <td data-cell="interval">
        {percent(lang, figures.interval.p05.rate)}–{percent(lang, figures.interval.p95.rate)}
      </td>
      <td className="muted">{percent(lang, figures.sure.rate)}</td>
      <td className="muted">{percent(lang, figures.possible.rate)}</td>
      <td className="muted">{percent(lang, figures.atDrawn.rate)}</td>
    </>
  );
}

/**
 * Coverage per outlet type and for the complete basket (一刻钟便民生活圈): the preset of rules,
 * the basket, what the gap map shows, a table per type with the basket beside it, and "缺什么、
 * 补什么" per 乡镇街道. Until the scenario holds typed outlets it explains what is needed and
 * offers the template.
 */
export function OutletTypesSection() {
  const { lang, t } = useTranslate();
  const commands = useCoverageCommands();
  const run = useRunCommand();
  const analysis = useAppStore((state) => state.outletTypes);
  const config = useAppStore((state) => state.outletTypeConfig);
  const typed = useAppStore((state) => state.nodes.some((node) => node.outletType !== undefined));
  const ready = useAppStore((state) => state.summary !== null);
  const set = (patch: Partial<OutletTypeConfig>) => {
    run(commands.setOutletTypes({ ...(config ?? DEFAULT_OUTLET_TYPE_CONFIG), ...patch }));
  };
  const name = (type: { name_zh: string; name_en: string }) =>
    lang === 'zh' ? type.name_zh : type.name_en;
  return (
    <section className="outlet-types" aria-labelledby="outlet-types-heading">
      <h3 id="outlet-types-heading">{t('types.heading')}</h3>
      {!typed ? <OutletListGuide /> : null}
      {typed && ready && analysis === null ? (
        <button
          type="button"
          onClick={() => {
            set({});
          }}
        >
          {t('types.analyse')}
        </button>
      ) : null}
      {analysis === null || config === null ? null : (
        <div data-testid="outlet-types">
          <fieldset>
            <legend>{t('types.preset')}</legend>
            {OUTLET_PRESETS.map((preset) => (
              <label key={preset.id}>
                <input
                  type="radio"
                  name="outlet-preset"
                  value={preset.id}
                  checked={config.preset === preset.id}
                  onChange={() => {
                    set({ preset: preset.id });
                  }}
                />
                {lang === 'zh' ? preset.zh : preset.en}
              </label>
            ))}
            <p className="muted small" data-testid="preset-basis">
              {analysis.basis[lang]}
            </p>
          </fieldset>
          <fieldset>
            <legend>{t('types.basket')}</legend>
            {OUTLET_TYPES.map((type) => {
              const inBasket = analysis.basket.types.includes(type.id);
              return (
                <label key={type.id}>
                  <input
                    type="checkbox"
                    data-type={type.id}
                    checked={inBasket}
                    onChange={() => {
                      const next: OutletTypeId[] = inBasket
                        ? analysis.basket.types.filter((id) => id !== type.id)
                        : OUTLET_TYPES.map((candidate) => candidate.id).filter(
                            (id) => id === type.id || analysis.basket.types.includes(id),
                          );
                      set({ basket: next });
                    }}
                  />
                  {lang === 'zh' ? type.zh : type.en}
                </label>
              );
            })}
          </fieldset>
          <label>
            {t('types.view')}{' '}
            <select
              data-testid="gap-view"
              value={config.view.kind === 'type' ? `type:${config.view.type}` : config.view.kind}
              onChange={(event) => {
                const value = event.currentTarget.value;
                const type = OUTLET_TYPES.find((candidate) => `type:${candidate.id}` === value);
                set({
                  view:
                    type !== undefined
                      ? { kind: 'type', type: type.id }
                      : value === 'basket'
                        ? { kind: 'basket' }
                        : { kind: 'all' },
                });
              }}
            >
              <option value="all">{t('types.view.all')}</option>
              <option value="basket">{t('types.view.basket')}</option>
              {analysis.types.map((type) => (
                <option key={type.type} value={`type:${type.type}`}>
                  {name(type)}
                </option>
              ))}
            </select>
          </label>
          <p className="muted small">{t('types.suggestNote')}</p>
          <table className="coverage-table" data-testid="outlet-type-table">
            <caption>{t('types.table.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('types.table.type')}</th>
                <th scope="col">{t('types.table.outlets')}</th>
                <th scope="col">{t('types.table.rule')}</th>
                <th scope="col">{t('types.table.expected')}</th>
                <th scope="col">{t('coverage.table.interval')}</th>
                <th scope="col">{t('types.table.sure')}</th>
                <th scope="col">{t('types.table.possible')}</th>
                <th scope="col">{t('types.table.atDrawn')}</th>
              </tr>
            </thead>
            <tbody>
              {analysis.types.map((type) => (
                <tr key={type.type} data-type={type.type}>
                  <th scope="row">{name(type)}</th>
                  <td>
                    {type.uncertainNodes > 0
                      ? t('types.outlets', {
                          count: formatNumber(lang, type.nodes),
                          uncertain: formatNumber(lang, type.uncertainNodes),
                        })
                      : formatNumber(lang, type.nodes)}
                  </td>
                  <td className="muted">
                    {formatNumber(lang, type.urbanRadius)} / {formatNumber(lang, type.ruralRadius)}{' '}
                    m
                  </td>
                  <FigureCells figures={type.city} />
                </tr>
              ))}
              <tr data-type="basket">
                <th scope="row">
                  {t('types.basketRow')} (
                  {analysis.basket.types
                    .map((id) => analysis.types.find((type) => type.type === id))
                    .map((type) => (type === undefined ? '' : name(type)))
                    .join(lang === 'zh' ? '、' : ', ')}
                  )
                </th>
                <td />
                <td />
                <FigureCells figures={analysis.basket.city} />
              </tr>
            </tbody>
          </table>
          <p className="muted small">
            {analysis.method[lang]}{' '}
            {t('types.intervalDraws', {
              draws: formatNumber(lang, analysis.basket.city.interval.draws),
              seed: String(analysis.basket.city.interval.seed),
            })}
          </p>
          {analysis.unknownTypes.length > 0 ? (
            <p className="small" role="note" data-testid="unknown-types">
              {t('types.unknown', {
                list: analysis.unknownTypes
                  .map((item) => `${item.value} (${formatNumber(lang, item.count)})`)
                  .join(lang === 'zh' ? '、' : ', '),
              })}
            </p>
          ) : null}
          {analysis.untypedNodes > 0 ? (
            <p className="muted small">{t('types.untyped', { count: analysis.untypedNodes })}</p>
          ) : null}
          {analysis.missing.length === 0 ? null : (
            <table className="coverage-table" data-testid="missing-table">
              <caption>{t('types.missing.caption')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('types.missing.township')}</th>
                  <th scope="col">{t('types.missing.population')}</th>
                  <th scope="col">{t('types.missing.lackingAny')}</th>
                  <th scope="col">{t('types.missing.lacks')}</th>
                </tr>
              </thead>
              <tbody>
                {analysis.missing.slice(0, MISSING_ROWS).map((row) => (
                  <tr key={row.code}>
                    <th scope="row">
                      {row.district_zh} {row.name}
                    </th>
                    <td>{formatNumber(lang, row.population)}</td>
                    <td>{formatNumber(lang, row.lackingAny)}</td>
                    <td className="small">
                      {row.missing
                        .map((item) => `${name(item)} ${formatNumber(lang, item.lacking)}`)
                        .join(lang === 'zh' ? '；' : '; ')}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          {analysis.missing.length > MISSING_ROWS ? (
            <p className="muted small">
              {t('types.missing.more', { count: analysis.missing.length - MISSING_ROWS })}
            </p>
          ) : null}
          <p className="muted small">{analysis.townshipNote[lang]}</p>
          <button
            type="button"
            onClick={() => {
              run(commands.setOutletTypes(null));
            }}
          >
            {t('types.off')}
          </button>
        </div>
      )}
    </section>
  );
}
