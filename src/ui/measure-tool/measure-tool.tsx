import { pathLengthMeters } from '../../core/geo/path-length';
import { formatDistance } from '../../core/plan/describe';
import { useAppStore } from '../../state/store-context';
import { useTranslate } from '../use-translate';

/** The header button that switches the distance-measuring tool on and off. */
export function MeasureButton() {
  const { t } = useTranslate();
  const measuring = useAppStore((state) => state.measurePoints !== null);
  const setMeasuring = useAppStore((state) => state.setMeasuring);
  return (
    <button
      type="button"
      className="button"
      aria-pressed={measuring}
      onClick={() => {
        setMeasuring(!measuring);
      }}
    >
      {t('measure.button')}
    </button>
  );
}

/**
 * While measuring: what to do, and the length of the clicked path as a great-circle distance on
 * the same Earth sphere as the coverage analysis.
 */
export function MeasurePanel() {
  const { lang, t } = useTranslate();
  const points = useAppStore((state) => state.measurePoints);
  const clear = useAppStore((state) => state.clearMeasurePoints);
  const setMeasuring = useAppStore((state) => state.setMeasuring);
  if (points === null) return null;
  const metres = pathLengthMeters(points);
  return (
    <div className="measure-panel" role="status" data-testid="measure-panel">
      <p>
        {points.length < 2 ? (
          t('measure.hint')
        ) : (
          <>
            <strong data-testid="measure-distance" data-metres={Math.round(metres)}>
              {formatDistance(metres, lang)}
            </strong>{' '}
            {t('measure.detail', { count: String(points.length) })}
          </>
        )}
      </p>
      <div className="measure-buttons">
        <button type="button" className="button" onClick={clear} disabled={points.length === 0}>
          {t('measure.clear')}
        </button>
        <button
          type="button"
          className="button"
          onClick={() => {
            setMeasuring(false);
          }}
        >
          {t('measure.done')}
        </button>
      </div>
    </div>
  );
}
