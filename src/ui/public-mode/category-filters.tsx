import type { CatalogueLayer } from '../../core/catalogue/catalogue';
import { publicLayers } from '../../core/public-map/public-layers';
import { formatNumber } from '../../i18n/i18n';
import { categoryKey } from '../../state/feature-filter-slice';
import { useAppStore } from '../../state/store-context';
import { useTranslate } from '../use-translate';

/** A legend mark whose shape, not only its colour, says how the layer is drawn. */
export function ShapeSwatch({ layer, color }: { layer: CatalogueLayer; color: string }) {
  const shape = layer.geometry === 'point' ? 'circle' : layer.geometry === 'line' ? 'line' : 'fill';
  return (
    <span
      className={`legend-swatch legend-swatch-${shape}`}
      style={shape === 'line' ? { borderColor: color } : { background: color }}
      aria-hidden="true"
    />
  );
}

/**
 * The public map's filters: one group per consumption-space layer (from the catalogue, so new
 * layers appear on their own), the layer switch and, where a layer has several kinds, one switch
 * per kind, each with its legend mark, name and count.
 */
export function CategoryFilters() {
  const { lang, t } = useTranslate();
  const catalogue = useAppStore((state) => state.catalogue);
  const collections = useAppStore((state) => state.collections);
  const visibleLayers = useAppStore((state) => state.visibleLayers);
  const hidden = useAppStore((state) => state.hiddenCategories);
  const setLayerVisible = useAppStore((state) => state.setLayerVisible);
  const setCategoryHidden = useAppStore((state) => state.setCategoryHidden);
  if (catalogue === null) return null;
  return (
    <section className="panel category-filters" aria-labelledby="category-filters-heading">
      <h2 id="category-filters-heading">{t('public.filters')}</h2>
      {publicLayers(catalogue).map((layer) => {
        const features = collections[layer.id]?.features ?? [];
        const classes = Object.entries(layer.style.colors);
        const countOf = (category: string) =>
          features.filter((feature) => feature.properties.category === category).length;
        const present = classes.filter(([category]) => countOf(category) > 0);
        const layerOn = visibleLayers.has(layer.id);
        const firstColor = present[0]?.[1].color ?? classes[0]?.[1].color ?? '#7f8c8d';
        return (
          <fieldset key={layer.id} className="layer-theme" data-filter-layer={layer.id}>
            <legend className="visually-hidden">{layer.title[lang]}</legend>
            <label className="layer-row filter-layer-row">
              <input
                type="checkbox"
                checked={layerOn}
                disabled={features.length === 0}
                onChange={(event) => {
                  setLayerVisible(layer.id, event.currentTarget.checked);
                }}
              />
              <span className="filter-label">
                {present.length <= 1 ? <ShapeSwatch layer={layer} color={firstColor} /> : null}
                <strong>{layer.title[lang]}</strong>
              </span>
              <span className="layer-count">
                {t('layers.count', { count: formatNumber(lang, features.length) })}
              </span>
            </label>
            {present.length > 1 && layerOn ? (
              <div className="filter-categories">
                {present.map(([category, style]) => (
                  <label key={category} className="layer-row" data-filter-category={category}>
                    <input
                      type="checkbox"
                      checked={!hidden.has(categoryKey(layer.id, category))}
                      onChange={(event) => {
                        setCategoryHidden(layer.id, category, !event.currentTarget.checked);
                      }}
                    />
                    <span className="filter-label">
                      <ShapeSwatch layer={layer} color={style.color} />
                      {style[lang]}
                    </span>
                    <span className="layer-count">{formatNumber(lang, countOf(category))}</span>
                  </label>
                ))}
              </div>
            ) : null}
          </fieldset>
        );
      })}
    </section>
  );
}
