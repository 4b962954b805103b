import { useEffect, useMemo, useRef, useState } from 'react';
import type { PlanFeature } from '../../core/plan/plan-feature';
import { featuresWithin, NEARBY_RADIUS_M } from '../../core/proximity/proximity';
import { formatNumber } from '../../i18n/i18n';
import { selectAndReveal } from '../../state/actions';
import type { AppState } from '../../state/app-store';
import { categoryKey } from '../../state/feature-filter-slice';
import { useAppStore, useAppStoreApi } from '../../state/store-context';
import { categoryName } from '../features-in-view/features-in-view-list';
import { useTranslate } from '../use-translate';
import { selectPublicFeatures } from './public-selectors';

/** Chongqing with a margin, west-south-east-north: a position outside is not “near” anything. */
const CHONGQING_FRAME = [105.0, 27.9, 110.4, 32.4] as const;

type GeolocationMessage =
  'denied' | 'unavailable' | 'timeout' | 'unsupported' | 'outside' | 'locating';

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
 * “Near me” (the browser's position, asked for only when the button is pressed) and “what is
 * within 2 km of a point I pick on the map”: a circle on the map and the places inside it,
 * nearest first.
 */
export function NearbyPanel() {
  const { lang, t } = useTranslate();
  const store = useAppStoreApi();
  const nearby = useAppStore((state) => state.nearby);
  const picking = useAppStore((state) => state.pickingNearbyPoint);
  const setNearby = useAppStore((state) => state.setNearby);
  const setPicking = useAppStore((state) => state.setPickingNearbyPoint);
  const catalogue = useAppStore((state) => state.catalogue);
  const collections = useAppStore((state) => state.collections);
  const visibleLayers = useAppStore((state) => state.visibleLayers);
  const hiddenCategories = useAppStore((state) => state.hiddenCategories);
  const [message, setMessage] = useState<GeolocationMessage | null>(null);
  const resultsRef = useRef<HTMLDivElement>(null);
  // A point picked on the map brings its list into view (on a phone, at the top of the sheet).
  useEffect(() => {
    if (nearby?.origin === 'map-click') resultsRef.current?.scrollIntoView({ block: 'start' });
  }, [nearby]);
  const results = useMemo(
    () =>
      nearby === null
        ? []
        : featuresWithin(
            shownPublicFeatures({ catalogue, collections, visibleLayers, hiddenCategories }),
            nearby.point,
            nearby.radiusM,
          ),
    [nearby, catalogue, collections, visibleLayers, hiddenCategories],
  );

  const locate = () => {
    if (!('geolocation' in navigator)) {
      setMessage('unsupported');
      return;
    }
    setMessage('locating');
    navigator.geolocation.getCurrentPosition(
      (position) => {
        const { longitude, latitude } = position.coords;
        const [west, south, east, north] = CHONGQING_FRAME;
        if (longitude < west || longitude > east || latitude < south || latitude > north) {
          setMessage('outside');
          return;
        }
        setMessage(null);
        setNearby([longitude, latitude], 'geolocation');
      },
      (error) => {
        setMessage(
          error.code === error.PERMISSION_DENIED
            ? 'denied'
            : error.code === error.TIMEOUT
              ? 'timeout'
              : 'unavailable',
        );
      },
      { enableHighAccuracy: false, timeout: 15_000, maximumAge: 60_000 },
    );
  };

  const messageKey = {
    denied: 'nearby.denied',
    unavailable: 'nearby.unavailable',
    timeout: 'nearby.timeout',
    unsupported: 'nearby.unsupported',
    outside: 'nearby.outside',
    locating: 'nearby.locating',
  } as const;

  return (
    <section className="panel nearby-panel" aria-labelledby="nearby-heading">
      <h2 id="nearby-heading">{t('nearby.heading', { km: NEARBY_RADIUS_M / 1000 })}</h2>
      <div className="action-row">
        <button type="button" className="button" onClick={locate}>
          {t('nearby.nearMe')}
        </button>
        <button
          type="button"
          className="button"
          aria-pressed={picking}
          onClick={() => {
            setPicking(!picking);
            setMessage(null);
          }}
        >
          {picking ? t('nearby.pickCancel') : t('nearby.pick')}
        </button>
      </div>
      <p className="muted small" role="status" aria-live="polite" data-testid="nearby-message">
        {picking ? t('nearby.pickHint') : message !== null ? t(messageKey[message]) : ''}
      </p>
      {nearby !== null ? (
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
      ) : null}
    </section>
  );
}
