import { lazy, Suspense, useState } from 'react';
import { NEARBY_RADIUS_M } from '../../core/proximity/nearby-radius';
import { useAppStore } from '../../state/store-context';
import { useTranslate } from '../use-translate';

const NearbyResults = lazy(() =>
  import('./nearby-results').then((module) => ({ default: module.NearbyResults })),
);

/** Chongqing with a margin, west-south-east-north: a position outside is not “near” anything. */
const CHONGQING_FRAME = [105.0, 27.9, 110.4, 32.4] as const;

type GeolocationMessage =
  'denied' | 'unavailable' | 'timeout' | 'unsupported' | 'outside' | 'locating';

/**
 * “Near me” (the browser's position, asked for only when the button is pressed) and “what is
 * within 2 km of a point I pick on the map”: a circle on the map and the places inside it,
 * nearest first.
 */
export function NearbyPanel() {
  const { t } = useTranslate();
  const nearby = useAppStore((state) => state.nearby);
  const picking = useAppStore((state) => state.pickingNearbyPoint);
  const setNearby = useAppStore((state) => state.setNearby);
  const setPicking = useAppStore((state) => state.setPickingNearbyPoint);
  const [message, setMessage] = useState<GeolocationMessage | null>(null);

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
        // The distance code and the list come with the first question, not with the map.
        <Suspense fallback={null}>
          <NearbyResults nearby={nearby} />
        </Suspense>
      ) : null}
    </section>
  );
}
