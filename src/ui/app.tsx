import { useEffect } from 'react';
import { FeaturePanel } from './feature-panel/feature-panel';
import { LanguageSwitch } from './language-switch/language-switch';
import { LayerPanel } from './layer-panel/layer-panel';
import { LegendPanel } from './legend-panel/legend-panel';
import { MapContainer, type MapHandle } from './map-container/map-container';
import { SearchBox } from './search-box/search-box';
import { StatusBar } from './status-bar/status-bar';
import { useTranslate } from './use-translate';

/** The planner's atlas: header with search and language, layers and legend, map, feature panel. */
export function App({ createMap }: { createMap: (container: HTMLElement) => MapHandle }) {
  const { lang, t } = useTranslate();
  useEffect(() => {
    document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
    document.title = t('app.title');
  }, [lang, t]);
  return (
    <div className="app">
      <header className="app-header">
        <div className="app-title">
          <h1>{t('app.title')}</h1>
          <p className="muted">{t('app.subtitle')}</p>
        </div>
        <SearchBox />
        <LanguageSwitch />
      </header>
      <nav className="sidebar" aria-label={t('layers.heading')}>
        <LayerPanel />
        <LegendPanel />
      </nav>
      <main className="map-area">
        <MapContainer createMap={createMap} />
        <StatusBar />
        <FeaturePanel />
      </main>
    </div>
  );
}
