import { useMemo, useState } from 'react';
import { TYPE_COLUMN_KEYS, outletTypeOf, typeTextOf } from '../../core/coverage/outlet-types';
import { isAddressPlacementKey } from '../../core/import/address-placement';
import { formatRatio, type CensusComparison } from '../../core/population/census-check';
import { hasPopulationAttribute } from '../../core/population/demand-from-features';
import { formatNumber } from '../../i18n/i18n';
import type { ImportedLayer } from '../../state/imported-layers-slice';
import { useAppStore } from '../../state/store-context';
import { useRecompute, useRunCommand } from '../coverage-panel/coverage-commands';
import { RecomputingNote } from '../coverage-panel/recomputing-note';
import { useTranslate } from '../use-translate';
import { useImportCommands } from './import-commands';

/** A population raster, or a table whose first rows carry a population attribute. */
function hasPopulation(layer: ImportedLayer): boolean {
  if (layer.demand !== undefined) return true;
  return layer.features.slice(0, 50).some((feature) => hasPopulationAttribute(feature.properties));
}

/** The column names the type is read from when none is picked, each spelling once. */
const AUTO_TYPE_COLUMNS = TYPE_COLUMN_KEYS.filter(
  (key, index) =>
    TYPE_COLUMN_KEYS.findIndex((other) => other.toLowerCase() === key.toLowerCase()) === index,
);

/** At most this many columns are offered as the type column (the import caps columns at 2,000). */
const MAX_TYPE_COLUMNS = 200;

/** The layer's attribute names, from its first rows, without the ones the atlas adds. */
function columnsOf(layer: ImportedLayer): string[] {
  const names = new Set<string>();
  for (const feature of layer.features.slice(0, 200)) {
    for (const key of Object.keys(feature.properties)) {
      if (!isAddressPlacementKey(key)) names.add(key);
      if (names.size >= MAX_TYPE_COLUMNS) return [...names];
    }
  }
  return [...names];
}

/** How many of the layer's features have a type the synonym table recognises, in `column`. */
function recognisedTypes(layer: ImportedLayer, column: string | null): number {
  return layer.features.filter((feature) => {
    const text = typeTextOf(feature.properties, column);
    return text !== undefined && outletTypeOf(text) !== null;
  }).length;
}

/** The type column of a layer used as outlets: the usual names, or one the planner picks. */
function TypeColumnChoice({
  layer,
  value,
  onChange,
}: {
  layer: ImportedLayer;
  value: string;
  onChange: (column: string) => void;
}) {
  const { lang, t } = useTranslate();
  const columns = useMemo(() => columnsOf(layer), [layer]);
  const recognised = useMemo(
    () => recognisedTypes(layer, value === '' ? null : value),
    [layer, value],
  );
  return (
    <div className="type-column-choice">
      <label>
        {t('import.typeColumn')}{' '}
        <select
          value={value}
          data-testid="type-column"
          onChange={(event) => {
            onChange(event.currentTarget.value);
          }}
        >
          <option value="">
            {t('import.typeColumnAuto', {
              names: AUTO_TYPE_COLUMNS.join(lang === 'zh' ? '、' : ', '),
            })}
          </option>
          {columns.map((column) => (
            <option key={column} value={column}>
              {column}
            </option>
          ))}
        </select>
      </label>
      <p className="muted small" data-testid="type-column-count">
        {t('import.typeColumnCount', {
          count: formatNumber(lang, recognised),
          total: formatNumber(lang, layer.features.length),
        })}
      </p>
    </div>
  );
}

/**
 * The override of a population refused for its total: both totals and the ratio, and a checkbox
 * the planner must tick before the population can be used.
 */
function CensusOverride({ check, onUse }: { check: CensusComparison; onUse: () => void }) {
  const { lang, t } = useTranslate();
  const [ticked, setTicked] = useState(false);
  return (
    <div className="census-check" role="group" aria-label={t('import.censusCheckTitle')}>
      <p>
        <strong>{t('import.censusCheckTitle')}</strong>
      </p>
      <p data-testid="census-check-figures">
        {t('import.censusCheckFigures', {
          imported: formatNumber(lang, Math.round(check.importedTotal)),
          census: formatNumber(lang, check.censusTotal),
          ratio: formatRatio(check.ratio),
          low: String(1 / check.factor),
          factor: String(check.factor),
        })}
      </p>
      <label>
        <input
          type="checkbox"
          checked={ticked}
          data-testid="census-accept"
          onChange={(event) => {
            setTicked(event.currentTarget.checked);
          }}
        />{' '}
        {t('import.censusAccept')}
      </label>
      <button type="button" disabled={!ticked} data-testid="census-use" onClick={onUse}>
        {t('import.censusUse')}
      </button>
    </div>
  );
}

function hasPoints(layer: ImportedLayer): boolean {
  return layer.features.some(
    (feature) => feature.geometry.type === 'Point' || feature.geometry.type === 'MultiPoint',
  );
}

/**
 * One layer's analysis buttons (use as outlets, as population, back to the model, remove): those
 * that recompute the figures make the row busy, saying so, until the figures arrive.
 */
function LayerAnalysisButtons({
  layer,
  typeColumn,
  usedAsDemand,
  censusCheck,
}: {
  layer: ImportedLayer;
  typeColumn: string;
  usedAsDemand: boolean;
  /** The refused population total of this layer, to be confirmed by the planner; else null. */
  censusCheck: CensusComparison | null;
}) {
  const { t } = useTranslate();
  const commands = useImportCommands();
  const { busy, runBusy } = useRecompute('analysisMessage');
  const run = useRunCommand('analysisMessage');
  return (
    <div className="layer-analysis" aria-busy={busy}>
      <div className="button-row">
        {hasPoints(layer) ? (
          <>
            <button
              type="button"
              onClick={() => {
                runBusy(commands.useAsNodes(layer.id, false, typeColumn || null));
              }}
            >
              {t('import.useAsNodes')}
            </button>
            <button
              type="button"
              onClick={() => {
                runBusy(commands.useAsNodes(layer.id, true, typeColumn || null));
              }}
            >
              {t('import.useAsNodesOnly')}
            </button>
          </>
        ) : null}
        {hasPopulation(layer) && !usedAsDemand ? (
          <button
            type="button"
            onClick={() => {
              runBusy(commands.useAsDemand(layer.id));
            }}
          >
            {t('import.useAsDemand')}
          </button>
        ) : null}
        {usedAsDemand ? (
          <>
            <span className="muted">{t('import.usingDemand')}</span>
            <button
              type="button"
              onClick={() => {
                runBusy(commands.useAsDemand(null));
              }}
            >
              {t('import.useModel')}
            </button>
          </>
        ) : null}
        <button
          type="button"
          onClick={() => {
            // Removing the population in use recomputes; removing any other layer does not.
            (usedAsDemand ? runBusy : run)(commands.remove(layer.id));
          }}
        >
          {t('import.remove')}
        </button>
      </div>
      {censusCheck !== null ? (
        <CensusOverride
          check={censusCheck}
          onUse={() => {
            runBusy(commands.useAsDemand(layer.id, true));
          }}
        />
      ) : null}
      {busy ? <RecomputingNote testId="import-busy" /> : null}
    </div>
  );
}

/** The imported layers: show, colour, use as outlets or population, remove. */
export function ImportedLayerList() {
  const { lang, t } = useTranslate();
  const [typeColumns, setTypeColumns] = useState<Readonly<Record<string, string>>>({});
  const layers = useAppStore((state) => state.importedLayers);
  const demandLayerId = useAppStore((state) => state.demandLayerId);
  const totalCheck = useAppStore((state) => state.demandTotalCheck);
  const update = useAppStore((state) => state.updateImportedLayer);
  return (
    <section className="imported-layers" aria-label={t('import.layers')}>
      <h3>{t('import.layers')}</h3>
      {layers.length === 0 ? <p className="muted">{t('import.none')}</p> : null}
      <ul>
        {layers.map((layer) => (
          <li key={layer.id} data-layer-id={layer.id}>
            <div className="imported-layer-head">
              <input
                type="checkbox"
                checked={layer.visible}
                aria-label={t('import.show', { name: layer.name })}
                onChange={(event) => {
                  update(layer.id, { visible: event.currentTarget.checked });
                }}
              />
              <input
                type="color"
                value={layer.color}
                aria-label={t('import.color', { name: layer.name })}
                onChange={(event) => {
                  update(layer.id, { color: event.currentTarget.value });
                }}
              />
              <span className="imported-layer-name">{layer.name}</span>
            </div>
            <p className="muted">
              {layer.demand === undefined
                ? t('import.features', { count: formatNumber(lang, layer.features.length) })
                : t('import.cells', {
                    count: formatNumber(lang, layer.demand.lon.length),
                    population: formatNumber(lang, layer.demand.totalPopulation),
                  })}
            </p>
            {hasPoints(layer) && layer.demand === undefined ? (
              <TypeColumnChoice
                layer={layer}
                value={typeColumns[layer.id] ?? ''}
                onChange={(column) => {
                  setTypeColumns({ ...typeColumns, [layer.id]: column });
                }}
              />
            ) : null}
            <LayerAnalysisButtons
              layer={layer}
              typeColumn={typeColumns[layer.id] ?? ''}
              usedAsDemand={demandLayerId === layer.id}
              censusCheck={
                totalCheck?.layerId === layer.id && demandLayerId !== layer.id ? totalCheck : null
              }
            />
          </li>
        ))}
      </ul>
    </section>
  );
}
