import { formatNumber, formatPercent } from '../../i18n/i18n';
import { useAppStore } from '../../state/store-context';
import { useTranslate } from '../use-translate';

const WIDTH = 260;
const HEIGHT = 140;
const PAD = { left: 34, right: 8, top: 8, bottom: 28 };

/**
 * Coverage versus radius: the share of people covered if the urban radius were x km (the rural
 * radius scaled with it), computed in one pass by the engine. Lines differ by dash as well as
 * colour, and the current rule is marked.
 */
export function CoverageCurve() {
  const { lang, t } = useTranslate();
  const curve = useAppStore((state) => state.curve);
  const rule = useAppStore((state) => state.rule);
  if (curve.length < 2) return null;
  const maxRadius = Math.max(...curve.map((point) => point.urbanRadius));
  const x = (radius: number) => PAD.left + (radius / maxRadius) * (WIDTH - PAD.left - PAD.right);
  const y = (rate: number) => PAD.top + (1 - rate) * (HEIGHT - PAD.top - PAD.bottom);
  const path = (key: 'rate' | 'urbanRate' | 'ruralRate') =>
    curve
      .map(
        (point, index) =>
          `${index === 0 ? 'M' : 'L'}${x(point.urbanRadius).toFixed(1)},${y(point[key] ?? 0).toFixed(1)}`,
      )
      .join(' ');
  const current = curve.reduce((best, point) =>
    Math.abs(point.urbanRadius - rule.urbanRadius) < Math.abs(best.urbanRadius - rule.urbanRadius)
      ? point
      : best,
  );
  return (
    <figure className="coverage-curve">
      <figcaption>{t('coverage.curve')}</figcaption>
      <svg
        viewBox={`0 0 ${String(WIDTH)} ${String(HEIGHT)}`}
        role="img"
        aria-label={t('coverage.curveAlt', {
          rate: formatPercent(lang, current.rate),
        })}
      >
        {[0, 0.5, 1].map((rate) => (
          <g key={rate}>
            <line x1={PAD.left} x2={WIDTH - PAD.right} y1={y(rate)} y2={y(rate)} stroke="#e2dbcf" />
            <text
              x={PAD.left - 4}
              y={y(rate) + 4}
              textAnchor="end"
              fontSize="10"
            >{`${String(rate * 100)}%`}</text>
          </g>
        ))}
        {[0, maxRadius / 2, maxRadius].map((radius) => (
          <text key={radius} x={x(radius)} y={HEIGHT - 12} textAnchor="middle" fontSize="10">
            {formatNumber(lang, radius / 1000, 1)}
          </text>
        ))}
        <text x={WIDTH - PAD.right} y={HEIGHT - 1} textAnchor="end" fontSize="10">
          {t('coverage.curveAxis')}
        </text>
        <path
          d={path('urbanRate')}
          fill="none"
          stroke="#b8442d"
          strokeWidth="1.5"
          strokeDasharray="5 3"
        />
        <path
          d={path('ruralRate')}
          fill="none"
          stroke="#2e86c1"
          strokeWidth="1.5"
          strokeDasharray="1.5 2.5"
        />
        <path d={path('rate')} fill="none" stroke="#2b2622" strokeWidth="2" />
        <line
          x1={x(rule.urbanRadius)}
          x2={x(rule.urbanRadius)}
          y1={PAD.top}
          y2={HEIGHT - PAD.bottom}
          stroke="#7b2cbf"
        />
      </svg>
      <ul className="curve-key">
        <li>
          <span className="key-line key-total" />
          {t('coverage.overall')}
        </li>
        <li>
          <span className="key-line key-urban" />
          {t('coverage.urban')}
        </li>
        <li>
          <span className="key-line key-rural" />
          {t('coverage.rural')}
        </li>
      </ul>
    </figure>
  );
}
