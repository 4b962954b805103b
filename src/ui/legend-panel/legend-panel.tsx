import type { LegendItem } from '../../state/legend-slice';
import { useAppStore } from '../../state/store-context';
import { useTranslate } from '../use-translate';

function Swatch({ symbol, color }: { symbol: LegendItem['symbol']; color: string }) {
  return (
    <span
      className={`legend-swatch legend-swatch-${symbol}`}
      style={symbol === 'line' ? { borderColor: color } : { background: color }}
      aria-hidden="true"
    />
  );
}

/** What the map draws now: built from the live style, so only visible layers appear. */
export function LegendPanel() {
  const { lang, t } = useTranslate();
  const legend = useAppStore((state) => state.legend);
  const catalogue = useAppStore((state) => state.catalogue);
  const titleOf = (layerId: string) =>
    catalogue?.layers.find((layer) => layer.id === layerId)?.title[lang] ?? layerId;
  return (
    <section className="panel legend-panel" aria-labelledby="legend-heading">
      <h2 id="legend-heading">{t('legend.heading')}</h2>
      {legend.length === 0 ? <p className="muted">{t('legend.empty')}</p> : null}
      {legend.map((item) => (
        <div key={item.layerId} className="legend-layer" data-legend-layer={item.layerId}>
          <h3>{titleOf(item.layerId)}</h3>
          <ul>
            {item.entries.map((entry) => (
              <li key={entry.value}>
                <Swatch symbol={item.symbol} color={entry.color} />
                {entry[lang]}
              </li>
            ))}
          </ul>
        </div>
      ))}
      {legend.some((item) => item.showsUncertainty) ? (
        <p className="legend-uncertainty">
          <span className="legend-swatch legend-swatch-halo" aria-hidden="true" />
          {t('legend.uncertainty')}
        </p>
      ) : null}
    </section>
  );
}
