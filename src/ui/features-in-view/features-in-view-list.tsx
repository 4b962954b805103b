import { useState } from 'react';
import type { Catalogue, Lang } from '../../core/catalogue/catalogue';
import type { PlanFeature } from '../../core/plan/plan-feature';
import { formatNumber, translate } from '../../i18n/i18n';
import { selectAndReveal } from '../../state/actions';
import type { AppState } from '../../state/app-store';
import { useAppStore, useAppStoreApi } from '../../state/store-context';
import { useTranslate } from '../use-translate';

/** Items listed per layer before “show all”; a whole-city view can hold hundreds. */
export const LIST_LIMIT = 30;

function featuresById(state: AppState): Map<string, PlanFeature> {
  const byId = new Map<string, PlanFeature>();
  for (const collection of Object.values(state.collections)) {
    for (const feature of collection.features) byId.set(feature.properties.id, feature);
  }
  return byId;
}

const cache = new WeakMap<object, Map<string, PlanFeature>>();
function selectFeaturesById(state: AppState): Map<string, PlanFeature> {
  const cached = cache.get(state.collections);
  if (cached !== undefined) return cached;
  const built = featuresById(state);
  cache.set(state.collections, built);
  return built;
}

/** Categories that a layer's legend does not name (it is coloured by something else). */
const OTHER_CATEGORIES: Readonly<Record<string, Parameters<typeof translate>[1]>> = {
  region: 'category.region',
  subregion: 'category.subregion',
  'cold-chain-node': 'category.coldChainNode',
};

/**
 * The category of a feature in words: from the catalogue's legend, else from the few categories
 * of layers coloured by something else, else the layer's title. Never the raw code.
 */
export function categoryName(
  catalogue: Catalogue | null,
  feature: PlanFeature,
  lang: Lang,
): string {
  const code = feature.properties.category;
  const layer = catalogue?.layers.find((entry) => entry.id === feature.properties.layer);
  const fromLegend = layer?.style.colors[code]?.[lang];
  if (fromLegend !== undefined) return fromLegend;
  const key = Object.hasOwn(OTHER_CATEGORIES, code) ? OTHER_CATEGORIES[code] : undefined;
  if (key !== undefined) return translate(lang, key);
  return layer?.title[lang] ?? code;
}

/**
 * The map's text alternative: every plan feature drawn in the current view, by layer, as a list a
 * screen reader can read and a keyboard can use (each item selects its feature). The map view
 * refreshes it whenever the map stops moving or what it draws changes.
 */
export function FeaturesInViewList({ layerIds }: { layerIds?: readonly string[] }) {
  const { lang, t } = useTranslate();
  const store = useAppStoreApi();
  const inView = useAppStore((state) => state.featuresInView);
  const catalogue = useAppStore((state) => state.catalogue);
  const byId = useAppStore(selectFeaturesById);
  const selectedId = useAppStore((state) => state.selectedId);
  const [expanded, setExpanded] = useState<ReadonlySet<string>>(new Set());
  const layers = (catalogue?.layers ?? []).filter(
    (layer) =>
      (layerIds === undefined || layerIds.includes(layer.id)) && inView[layer.id] !== undefined,
  );
  const total = layers.reduce((sum, layer) => sum + (inView[layer.id]?.length ?? 0), 0);
  return (
    <section className="panel features-in-view" aria-labelledby="features-in-view-heading">
      <h2 id="features-in-view-heading">{t('inView.heading')}</h2>
      <p className="muted" role="status" aria-live="polite" data-testid="in-view-count">
        {t('inView.count', { count: formatNumber(lang, total) })}
      </p>
      {layers.map((layer) => {
        const ids = inView[layer.id] ?? [];
        const features = ids
          .map((id) => byId.get(id))
          .filter((feature): feature is PlanFeature => feature !== undefined)
          .sort((a, b) =>
            (lang === 'zh' ? a.properties.name_zh : a.properties.name_en).localeCompare(
              lang === 'zh' ? b.properties.name_zh : b.properties.name_en,
              lang === 'zh' ? 'zh-CN' : 'en',
            ),
          );
        const showAll = expanded.has(layer.id);
        const shown = showAll ? features : features.slice(0, LIST_LIMIT);
        const headingId = `in-view-${layer.id}`;
        return (
          <div key={layer.id} className="in-view-layer" data-in-view-layer={layer.id}>
            <h3 id={headingId}>
              {layer.title[lang]}{' '}
              <span className="muted">({formatNumber(lang, features.length)})</span>
            </h3>
            <ul aria-labelledby={headingId}>
              {shown.map((feature) => {
                const p = feature.properties;
                const approximate = p.certainty === 'estimated' || p.certainty === 'schematic';
                return (
                  <li key={p.id}>
                    <button
                      type="button"
                      className="list-button"
                      data-feature-id={p.id}
                      aria-current={selectedId === p.id ? 'true' : undefined}
                      onClick={() => {
                        selectAndReveal(store, p.id);
                      }}
                    >
                      <span className="list-name">{lang === 'zh' ? p.name_zh : p.name_en}</span>
                      <span className="list-meta muted">
                        {categoryName(catalogue, feature, lang)}
                        {approximate
                          ? ` · ${t(p.certainty === 'schematic' ? 'inView.schematic' : 'inView.estimated')}`
                          : ''}
                      </span>
                    </button>
                  </li>
                );
              })}
            </ul>
            {features.length > LIST_LIMIT ? (
              <button
                type="button"
                className="link-button"
                aria-expanded={showAll}
                onClick={() => {
                  const next = new Set(expanded);
                  if (showAll) next.delete(layer.id);
                  else next.add(layer.id);
                  setExpanded(next);
                }}
              >
                {showAll
                  ? t('inView.showFewer')
                  : t('inView.showAll', { count: formatNumber(lang, features.length) })}
              </button>
            ) : null}
          </div>
        );
      })}
    </section>
  );
}
