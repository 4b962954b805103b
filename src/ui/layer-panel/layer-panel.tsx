import { downloadText } from '../../browser/download';
import { planLayerCsv, planLayerGeoJson } from '../../core/export/plan-layer-export';
import { passingFeatureIds } from '../../map/plan-layer-filters';
import { useTranslate } from '../use-translate';
import { useAppStore } from '../../state/store-context';
import { formatNumber } from '../../i18n/i18n';

/** The catalogue's layers grouped by theme, each with its feature count and an on/off switch. */
export function LayerPanel() {
  const { lang, t } = useTranslate();
  const catalogue = useAppStore((state) => state.catalogue);
  const collections = useAppStore((state) => state.collections);
  const visibleLayers = useAppStore((state) => state.visibleLayers);
  const setLayerVisible = useAppStore((state) => state.setLayerVisible);
  if (catalogue === null) return null;
  return (
    <section className="panel layer-panel" aria-labelledby="layer-panel-heading">
      <h2 id="layer-panel-heading">{t('layers.heading')}</h2>
      {catalogue.themes.map((theme) => {
        const layers = catalogue.layers.filter((layer) => layer.theme === theme.id);
        if (layers.length === 0) return null;
        return (
          <fieldset key={theme.id} className="layer-theme">
            <legend>{theme.title[lang]}</legend>
            {layers.map((layer) => {
              const collection = collections[layer.id];
              const count = collection?.features.length;
              return (
                <label key={layer.id} className="layer-row" data-layer-id={layer.id}>
                  <input
                    type="checkbox"
                    checked={visibleLayers.has(layer.id)}
                    disabled={collection === undefined}
                    onChange={(event) => {
                      setLayerVisible(layer.id, event.currentTarget.checked);
                    }}
                  />
                  <span className="layer-title">{layer.title[lang]}</span>
                  <span className="layer-count">
                    {count === undefined
                      ? t('layers.unavailable')
                      : t('layers.count', { count: formatNumber(lang, count) })}
                  </span>
                </label>
              );
            })}
          </fieldset>
        );
      })}
      <LayerDownload />
    </section>
  );
}

/**
 * Download any plan layer as CSV or GeoJSON, as the map shows it: with the status and category
 * filters applied, and each feature's certainty, uncertainty radius and source.
 */
export function LayerDownload() {
  const { lang, t } = useTranslate();
  const catalogue = useAppStore((state) => state.catalogue);
  const collections = useAppStore((state) => state.collections);
  const shownStatuses = useAppStore((state) => state.shownStatuses);
  const hiddenCategories = useAppStore((state) => state.hiddenCategories);
  if (catalogue === null) return null;
  const source = t('layerDownload.source');
  return (
    <details className="layer-download" data-testid="layer-download">
      <summary>{t('layerDownload.label')}</summary>
      <p className="muted small">{t('layerDownload.note')}</p>
      <ul>
        {catalogue.layers.map((layer) => {
          const collection = collections[layer.id];
          if (collection === undefined) return null;
          const passing = passingFeatureIds(layer, collection, shownStatuses, hiddenCategories);
          const shown =
            passing === null
              ? collection
              : {
                  ...collection,
                  features: collection.features.filter((feature) =>
                    passing.includes(feature.properties.id),
                  ),
                };
          const suffix = passing === null ? '' : '-filtered';
          const title = layer.title[lang];
          return (
            <li key={layer.id} data-download-layer={layer.id}>
              <span className="layer-download-title">
                {title}{' '}
                <span className="muted">
                  {passing === null
                    ? formatNumber(lang, collection.features.length)
                    : t('layerDownload.filtered', {
                        count: formatNumber(lang, shown.features.length),
                        total: formatNumber(lang, collection.features.length),
                      })}
                </span>
              </span>
              <button
                type="button"
                className="button"
                aria-label={`${title} CSV`}
                onClick={() => {
                  downloadText(
                    `${layer.id}${suffix}.csv`,
                    planLayerCsv(shown, source),
                    'text/csv;charset=utf-8',
                  );
                }}
              >
                CSV
              </button>
              <button
                type="button"
                className="button"
                aria-label={`${title} GeoJSON`}
                onClick={() => {
                  downloadText(
                    `${layer.id}${suffix}.geojson`,
                    planLayerGeoJson(shown, source),
                    'application/geo+json',
                  );
                }}
              >
                GeoJSON
              </button>
            </li>
          );
        })}
      </ul>
    </details>
  );
}
