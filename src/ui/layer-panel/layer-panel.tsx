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
    </section>
  );
}
