import { useEffect, useMemo, useRef } from 'react';
import type { PlanFeature } from '../../core/plan/plan-feature';
import { featuresWithin } from '../../core/proximity/proximity';
import { formatNumber } from '../../i18n/i18n';
import { selectAndReveal } from '../../state/actions';
import type { AppState } from '../../state/app-store';
import { categoryKey } from '../../state/feature-filter-slice';
import type { NearbySlice } from '../../state/nearby-slice';
import { useAppStore, useAppStoreApi } from '../../state/store-context';
import { categoryName } from '../features-in-view/features-in-view-list';
import { useTranslate } from '../use-translate';
import { selectPublicFeatures } from './public-selectors';

/** Features of the switched-on public layers that pass the category filter. */
function shownPublicFeatures(
  state: Pick<AppState, 'catalogue' | 'collections' | 'visibleLayers' | 'hiddenCategories'>,
): PlanFeature[] {
  return selectPublicFeatures(state).filter(
    (feature) =>
      state.visibleLayers.has(feature.properties.layer) &&
      !state.hiddenCategories.has(
        categoryKey(feature.properties.layer, feature.properties.category),
      ),
  );
}

function formatDistance(lang: 'zh' | 'en', metres: number): string {
  return metres < 1000
    ? `${formatNumber(lang, Math.round(metres / 10) * 10)} m`
    : `${formatNumber(lang, metres / 1000, 1)} km`;
}

/**
 * The places within the radius of the nearby point, nearest first, for the nearby panel; loaded
 * with the distance code when the first point is asked about.
 */
export function NearbyResults({ nearby }: { nearby: NonNullable<NearbySlice['nearby']> }) {
  const { lang, t } = useTranslate();
  const store = useAppStoreApi();
  const setNearby = useAppStore((state) => state.setNearby);
  const catalogue = useAppStore((state) => state.catalogue);
  const collections = useAppStore((state) => state.collections);
  const visibleLayers = useAppStore((state) => state.visibleLayers);
  const hiddenCategories = useAppStore((state) => state.hiddenCategories);
  const resultsRef = useRef<HTMLDivElement>(null);
  // A point picked on the map brings its list into view (on a phone, at the top of the sheet).
  useEffect(() => {
    if (nearby.origin === 'map-click') resultsRef.current?.scrollIntoView({ block: 'start' });
  }, [nearby]);
  const results = useMemo(
    () =>
      featuresWithin(
        shownPublicFeatures({ catalogue, collections, visibleLayers, hiddenCategories }),
        nearby.point,
        nearby.radiusM,
      ),
    [nearby, catalogue, collections, visibleLayers, hiddenCategories],
  );

  return (
    <div className="nearby-results" data-testid="nearby-results" ref={resultsRef}>
      <p>
        {t(nearby.origin === 'geolocation' ? 'nearby.fromYou' : 'nearby.fromPoint', {
          count: formatNumber(lang, results.length),
          km: nearby.radiusM / 1000,
        })}
      </p>
      <ol>
        {results.map(({ feature, distanceM }) => {
          const p = feature.properties;
          return (
            <li key={p.id}>
              <button
                type="button"
                className="list-button"
                data-feature-id={p.id}
                onClick={() => {
                  selectAndReveal(store, p.id);
                }}
              >
                <span className="list-name">{lang === 'zh' ? p.name_zh : p.name_en}</span>
                <span className="list-meta muted">
                  {formatDistance(lang, distanceM)} · {categoryName(catalogue, feature, lang)}
                  {p.certainty === 'estimated' || p.certainty === 'schematic'
                    ? ` · ${t('nearby.approximate')}`
                    : ''}
                </span>
              </button>
            </li>
          );
        })}
      </ol>
      <p className="muted small">{t('nearby.distanceNote')}</p>
      <button
        type="button"
        className="link-button"
        onClick={() => {
          setNearby(null);
        }}
      >
        {t('nearby.clear')}
      </button>
    </div>
  );
}
