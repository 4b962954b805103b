import type { Lang } from '../../core/catalogue/catalogue';
import { indicatorChange, type PlanIndicator } from '../../core/dashboard/indicators';
import { formatNumber } from '../../i18n/i18n';
import { useTranslate } from '../use-translate';

const WIDTH = 300;
const BAR_HEIGHT = 16;
const LABEL_WIDTH = 92;
const VALUE_SPACE = 86;

function unitOf(indicator: PlanIndicator, lang: Lang): string {
  return lang === 'zh' ? indicator.unit : indicator.unitEn;
}

function amount(lang: Lang, value: number, unit: string): string {
  return unit === '%'
    ? `${formatNumber(lang, value, 1)}%`
    : `${formatNumber(lang, value, 1)} ${unit}`;
}

/**
 * One 专栏1 indicator as two labelled bars on one scale: the 2020 value, and the 2025 target
 * (hatched and labelled “2021–2025 total” when the plan's target is a five-year sum, so it is not
 * read as a level). Values are written out, so the chart reads without colour.
 */
export function IndicatorChart({ indicator }: { indicator: PlanIndicator }) {
  const { lang, t } = useTranslate();
  const max = Math.max(indicator.value2020, indicator.target2025) || 1;
  const scale = (value: number) => Math.max(2, ((WIDTH - LABEL_WIDTH - VALUE_SPACE) * value) / max);
  const change = indicatorChange(indicator);
  const name = lang === 'zh' ? indicator.nameZh : indicator.nameEn;
  const patternId = `hatch-${String(indicator.number)}-${indicator.groupZh}`;
  const targetLabel = indicator.cumulative
    ? t('dashboard.targetCumulative')
    : t('dashboard.target');
  const targetValue = `${indicator.targetIsMinimum ? '>' : ''}${amount(lang, indicator.target2025, unitOf(indicator, lang))}`;
  const description = t('dashboard.chartAlt', {
    name,
    value: amount(lang, indicator.value2020, unitOf(indicator, lang)),
    target: targetValue,
    kind: targetLabel,
  });
  return (
    <figure className="indicator" data-indicator={indicator.nameZh}>
      <figcaption>
        <strong>{name}</strong> <span className="muted">({unitOf(indicator, lang)})</span>
        {indicator.cumulative ? (
          <span className="badge" data-testid="cumulative-badge">
            {t('dashboard.cumulative')}
          </span>
        ) : null}
      </figcaption>
      <svg
        role="img"
        aria-label={description}
        viewBox={`0 0 ${String(WIDTH)} ${String(BAR_HEIGHT * 2 + 10)}`}
        width="100%"
      >
        <defs>
          <pattern
            id={patternId}
            width="6"
            height="6"
            patternUnits="userSpaceOnUse"
            patternTransform="rotate(45)"
          >
            <rect width="6" height="6" fill="#f4d6cd" />
            <line x1="0" y1="0" x2="0" y2="6" stroke="#b8442d" strokeWidth="3" />
          </pattern>
        </defs>
        <text x="0" y={BAR_HEIGHT - 4} className="chart-label">
          {t('dashboard.year2020')}
        </text>
        <rect
          x={LABEL_WIDTH}
          y="2"
          width={scale(indicator.value2020)}
          height={BAR_HEIGHT - 4}
          fill="#6f665d"
        />
        <text
          x={LABEL_WIDTH + scale(indicator.value2020) + 4}
          y={BAR_HEIGHT - 4}
          className="chart-value"
        >
          {amount(lang, indicator.value2020, unitOf(indicator, lang))}
        </text>
        <text x="0" y={BAR_HEIGHT * 2 + 2} className="chart-label">
          {indicator.cumulative ? t('dashboard.years2021to2025') : t('dashboard.year2025')}
        </text>
        <rect
          x={LABEL_WIDTH}
          y={BAR_HEIGHT + 6}
          width={scale(indicator.target2025)}
          height={BAR_HEIGHT - 4}
          fill={indicator.cumulative ? `url(#${patternId})` : '#b8442d'}
          stroke="#b8442d"
        />
        <text
          x={LABEL_WIDTH + scale(indicator.target2025) + 4}
          y={BAR_HEIGHT * 2 + 2}
          className="chart-value"
        >
          {targetValue}
        </text>
      </svg>
      <p className="small muted">
        {change === null
          ? t('dashboard.cumulativeNote')
          : change.kind === 'points'
            ? t('dashboard.changePoints', { points: signed(lang, change.value) })
            : t('dashboard.growth', { percent: signed(lang, change.value * 100) })}
        {indicator.attributeZh !== ''
          ? ` · ${lang === 'zh' ? indicator.attributeZh : attributeEn(indicator.attributeZh)}`
          : ''}
      </p>
    </figure>
  );
}

/** A change with its sign, one decimal: "+3.8", "−0.5". */
function signed(lang: Lang, value: number): string {
  const text = formatNumber(lang, Math.abs(value), 1);
  return value < 0 ? `−${text}` : `+${text}`;
}

function attributeEn(attributeZh: string): string {
  if (attributeZh === '预期性') return 'expected (indicative)';
  if (attributeZh === '约束性') return 'binding';
  return attributeZh;
}
