import { lazy, Suspense, useEffect, useMemo, useState } from 'react';
import { publicLayers } from '../../core/public-map/public-layers';
import { useAppStore, useAppStoreApi } from '../../state/store-context';
import { BaseMapNotice, BaseMapSwitch } from '../base-map-switch/base-map-switch';
import { FeaturesInViewList } from '../features-in-view/features-in-view-list';
import { LanguageSwitch } from '../language-switch/language-switch';
import { MapLegend } from '../legend-panel/legend-panel';
import { MapContainer, type MapHandle } from '../map-container/map-container';
import { SearchBox } from '../search-box/search-box';
import { StatusBar } from '../status-bar/status-bar';
import { useDocumentTitle } from '../use-document-title';
import { useTranslate } from '../use-translate';
import { CategoryFilters } from './category-filters';
import { NearbyPanel } from './nearby-panel';
import { selectPublicSearchIndex } from './public-selectors';

/** A place's details: fetched when the first place is picked, not before the map is ready. */
const FeaturePanel = lazy(() =>
  import('../feature-panel/feature-panel').then((module) => ({ default: module.FeaturePanel })),
);

/**
 * The public map (`?mode=public`): where to shop, eat and stroll as the plan lays it out. Only
 * the consumption spaces, with filters, search, “near me”, “within 2 km”, a list of what is in
 * view, and no editing or planning tools. On a phone the panel folds away behind a button and
 * a feature's details open as a sheet from the bottom.
 */
export function PublicApp({ createMap }: { createMap: (container: HTMLElement) => MapHandle }) {
  const { t } = useTranslate();
  useDocumentTitle();
  const [panelOpen, setPanelOpen] = useState(false);
  // After a point is picked on a phone the sheet opens lower (`panel-peek`), at the results, so
  // the circle stays in sight above it.
  const [peek, setPeek] = useState(false);
  const store = useAppStoreApi();
  const picking = useAppStore((state) => state.pickingNearbyPoint);
  useEffect(
    () =>
      store.subscribe((state, previous) => {
        // Picking folds the sheet away: the map is what the finger needs.
        if (state.pickingNearbyPoint && !previous.pickingNearbyPoint) setPanelOpen(false);
        if (
          previous.pickingNearbyPoint &&
          state.nearby !== previous.nearby &&
          state.nearby?.origin === 'map-click'
        ) {
          setPanelOpen(true);
          setPeek(true);
        }
      }),
    [store],
  );
  const catalogue = useAppStore((state) => state.catalogue);
  const picked = useAppStore((state) => state.selectedId !== null);
  const listedLayers = useMemo(
    () => (catalogue === null ? [] : publicLayers(catalogue).map((layer) => layer.id)),
    [catalogue],
  );
  return (
    <div
      className={`app app-public${panelOpen ? ' panel-open' : ''}${panelOpen && peek ? ' panel-peek' : ''}`}
      data-mode="public"
    >
      <header className="app-header">
        <div className="app-title">
          <h1>{t('public.title')}</h1>
          <p className="muted">{t('public.subtitle')}</p>
        </div>
        <SearchBox selectIndex={selectPublicSearchIndex} />
        <div className="header-buttons">
          <LanguageSwitch />
          <button
            type="button"
            className="button panel-toggle"
            aria-expanded={panelOpen}
            aria-controls="public-panel"
            onClick={() => {
              setPanelOpen(!panelOpen);
              setPeek(false);
            }}
          >
            {panelOpen ? t('public.panelHide') : t('public.panelShow')}
          </button>
        </div>
      </header>
      <nav id="public-panel" className="sidebar" aria-label={t('public.panel')}>
        <p className="public-note" data-testid="public-honesty">
          {t('public.honesty')}
        </p>
        <CategoryFilters />
        <NearbyPanel />
        <FeaturesInViewList layerIds={listedLayers} />
        <BaseMapSwitch />
        <p className="muted small">{t('public.source')}</p>
      </nav>
      <main className="map-area">
        <MapContainer createMap={createMap} />
        <StatusBar />
        <MapLegend />
        {picking ? (
          // On a phone the folded sheet cannot say what to do: the map says it (hidden on wider
          // screens, where the panel's own line says it).
          <div className="pick-banner" role="status" data-testid="pick-banner">
            <span>{t('nearby.pickHint')}</span>
            <button
              type="button"
              className="button"
              onClick={() => {
                store.getState().setPickingNearbyPoint(false);
                setPanelOpen(true);
              }}
            >
              {t('nearby.pickCancel')}
            </button>
          </div>
        ) : null}
        {picked ? (
          <Suspense fallback={null}>
            <FeaturePanel />
          </Suspense>
        ) : null}
        <BaseMapNotice />
      </main>
    </div>
  );
}
