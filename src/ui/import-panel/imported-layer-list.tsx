import { hasPopulationAttribute } from '../../core/population/demand-from-features';
import { formatNumber } from '../../i18n/i18n';
import type { ImportedLayer } from '../../state/imported-layers-slice';
import { useAppStore } from '../../state/store-context';
import { useRunCommand } from '../coverage-panel/coverage-commands';
import { useTranslate } from '../use-translate';
import { useImportCommands } from './import-commands';

/** A population raster, or a table whose first rows carry a population attribute. */
function hasPopulation(layer: ImportedLayer): boolean {
  if (layer.demand !== undefined) return true;
  return layer.features.slice(0, 50).some((feature) => hasPopulationAttribute(feature.properties));
}

function hasPoints(layer: ImportedLayer): boolean {
  return layer.features.some(
    (feature) => feature.geometry.type === 'Point' || feature.geometry.type === 'MultiPoint',
  );
}

/** The imported layers: show, colour, use as outlets or population, remove. */
export function ImportedLayerList() {
  const { lang, t } = useTranslate();
  const commands = useImportCommands();
  const layers = useAppStore((state) => state.importedLayers);
  const demandLayerId = useAppStore((state) => state.demandLayerId);
  const update = useAppStore((state) => state.updateImportedLayer);
  const run = useRunCommand('analysisMessage');
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
            <div className="button-row">
              {hasPoints(layer) ? (
                <>
                  <button
                    type="button"
                    onClick={() => {
                      run(commands.useAsNodes(layer.id, false));
                    }}
                  >
                    {t('import.useAsNodes')}
                  </button>
                  <button
                    type="button"
                    onClick={() => {
                      run(commands.useAsNodes(layer.id, true));
                    }}
                  >
                    {t('import.useAsNodesOnly')}
                  </button>
                </>
              ) : null}
              {hasPopulation(layer) && demandLayerId !== layer.id ? (
                <button
                  type="button"
                  onClick={() => {
                    run(commands.useAsDemand(layer.id));
                  }}
                >
                  {t('import.useAsDemand')}
                </button>
              ) : null}
              {demandLayerId === layer.id ? (
                <>
                  <span className="muted">{t('import.usingDemand')}</span>
                  <button
                    type="button"
                    onClick={() => {
                      run(commands.useAsDemand(null));
                    }}
                  >
                    {t('import.useModel')}
                  </button>
                </>
              ) : null}
              <button
                type="button"
                onClick={() => {
                  run(commands.remove(layer.id));
                }}
              >
                {t('import.remove')}
              </button>
            </div>
          </li>
        ))}
      </ul>
    </section>
  );
}
