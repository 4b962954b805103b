import { CELL_STATUS, cellColor, dependsStatus } from '../../core/gap-map/gap-raster';
import type { MessageKey } from '../../i18n/i18n';
import { useTranslate } from '../use-translate';

const ENTRIES: readonly { status: number; density: number; key: MessageKey }[] = [
  { status: CELL_STATUS.uncovered, density: 3000, key: 'coverage.legend.uncovered' },
  { status: dependsStatus(0.1), density: 0, key: 'coverage.legend.dependsLow' },
  { status: dependsStatus(0.9), density: 0, key: 'coverage.legend.dependsHigh' },
  { status: CELL_STATUS.covered, density: 0, key: 'coverage.legend.covered' },
  { status: CELL_STATUS.newlyCovered, density: 0, key: 'coverage.legend.newlyCovered' },
  { status: CELL_STATUS.newlyUncovered, density: 0, key: 'coverage.legend.newlyUncovered' },
];

/** The gap map's legend, with the exact colours the worker paints. */
export function GapLegend() {
  const { t } = useTranslate();
  return (
    <ul className="gap-legend" aria-label={t('legend.heading')}>
      {ENTRIES.map((entry) => {
        const [r, g, b, a] = cellColor(entry.status, entry.density);
        return (
          <li key={entry.key}>
            <span
              className="legend-swatch legend-swatch-fill"
              style={{
                background: `rgba(${String(r)}, ${String(g)}, ${String(b)}, ${String(a / 255)})`,
              }}
              aria-hidden="true"
            />
            {t(entry.key)}
          </li>
        );
      })}
      <li>
        <span className="legend-swatch legend-swatch-halo" aria-hidden="true" />
        {t('coverage.legend.rings')}
      </li>
    </ul>
  );
}
