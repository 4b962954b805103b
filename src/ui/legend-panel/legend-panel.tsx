import { useState } from 'react';
import type { LegendItem } from '../../state/legend-slice';
import { useAppStore } from '../../state/store-context';
import { GapLegend } from '../coverage-panel/gap-legend';
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

/**
 * What the map draws now: the plan layers (built from the live style, so only visible layers
 * appear), the visible imported layers, and the coverage classes while an analysis is shown.
 */
export function LegendPanel() {
  const { lang, t } = useTranslate();
  const legend = useAppStore((state) => state.legend);
  const catalogue = useAppStore((state) => state.catalogue);
  const imported = useAppStore((state) => state.importedLayers);
  const analysis = useAppStore((state) => state.analysisStatus);
  const visibleImported = imported.filter((layer) => layer.visible);
  const titleOf = (layerId: string) =>
    catalogue?.layers.find((layer) => layer.id === layerId)?.title[lang] ?? layerId;
  const empty = legend.length === 0 && visibleImported.length === 0 && analysis === 'off';
  return (
    <section className="panel legend-panel" aria-labelledby="legend-heading">
      <h2 id="legend-heading">{t('legend.heading')}</h2>
      {empty ? <p className="muted">{t('legend.empty')}</p> : null}
      {analysis !== 'off' ? (
        <div className="legend-layer" data-legend-layer="coverage">
          <h3>{t('legend.coverage')}</h3>
          <GapLegend />
        </div>
      ) : null}
      {visibleImported.length > 0 ? (
        <div className="legend-layer" data-legend-layer="imported">
          <h3>{t('legend.imported')}</h3>
          <ul>
            {visibleImported.map((layer) => (
              <li key={layer.id} data-legend-imported={layer.id}>
                <Swatch symbol="circle" color={layer.color} />
                {layer.name}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
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
      {legend.length > 0 ? (
        <p className="legend-uncertainty">
          <span className="legend-swatch legend-swatch-dashed" aria-hidden="true" />
          {t('legend.schematic')}
        </p>
      ) : null}
    </section>
  );
}

/** On a phone the legend starts folded so the map stays visible. */
function startsOpen(): boolean {
  return !window.matchMedia('(width <= 720px)').matches;
}

/**
 * The legend over the map's lower-right corner, where the eye is (planner, public and embedded
 * layouts), folded and unfolded with its own button.
 */
export function MapLegend() {
  const { t } = useTranslate();
  const [open, setOpen] = useState(startsOpen);
  return (
    <div className={`map-legend${open ? ' is-open' : ''}`} data-testid="map-legend">
      <button
        type="button"
        className="map-legend-toggle"
        aria-expanded={open}
        aria-controls="map-legend-body"
        onClick={() => {
          setOpen(!open);
        }}
      >
        {open ? t('legend.hide') : t('legend.show')}
      </button>
      {open ? (
        // Focusable so the legend can be scrolled with the keyboard when it is taller than the map.
        <div id="map-legend-body" className="map-legend-body" tabIndex={0}>
          <LegendPanel />
        </div>
      ) : null}
    </div>
  );
}
