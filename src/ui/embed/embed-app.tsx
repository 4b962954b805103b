import { useMemo } from 'react';
import { BaseMapNotice } from '../base-map-switch/base-map-switch';
import { FeaturePanel } from '../feature-panel/feature-panel';
import { MapLegend } from '../legend-panel/legend-panel';
import { MapContainer, type MapHandle } from '../map-container/map-container';
import { StatusBar } from '../status-bar/status-bar';
import { useTranslate } from '../use-translate';

/** The address of the same view outside the iframe, without `embed=1`. */
export function fullAtlasUrl(location: Pick<Location, 'href'>): string {
  const url = new URL(location.href);
  url.searchParams.delete('embed');
  return url.href;
}

/**
 * The atlas inside another page (`?embed=1`): the map, a feature's details when one is picked,
 * and a link to the full atlas; no side panels, tools or editing.
 */
export function EmbedApp({ createMap }: { createMap: (container: HTMLElement) => MapHandle }) {
  const { t } = useTranslate();
  const href = useMemo(() => fullAtlasUrl(window.location), []);
  return (
    <div className="app app-embed" data-mode="embed">
      <main className="map-area" aria-label={t('app.title')}>
        <h1 className="visually-hidden">{t('app.title')}</h1>
        <MapContainer createMap={createMap} />
        <StatusBar />
        <MapLegend />
        <FeaturePanel />
        <BaseMapNotice />
        <a className="embed-open-full" href={href} target="_blank" rel="noopener noreferrer">
          {t('embed.openFull')}
        </a>
      </main>
    </div>
  );
}
