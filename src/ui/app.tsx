import { lazy, Suspense } from 'react';
import { useAppStore } from '../state/store-context';
import { BaseMapNotice, BaseMapSwitch } from './base-map-switch/base-map-switch';
import { CoverageSection } from './coverage-panel/coverage-section';
import { CorrectionsList } from './corrections/corrections-list';
import { ShareOfferDialog } from './coverage-panel/share-offer-dialog';
import { DrawerHost } from './drawer/drawer-host';
import { EmbedApp } from './embed/embed-app';
import { EmbedDialog } from './embed/embed-dialog';
import { ExportDialog } from './export-map/export-dialog';
import { FeaturePanel } from './feature-panel/feature-panel';
import { FeaturesInViewList } from './features-in-view/features-in-view-list';
import { LanguageSwitch } from './language-switch/language-switch';
import { LayerPanel } from './layer-panel/layer-panel';
import { MapLegend } from './legend-panel/legend-panel';
import { MeasureButton, MeasurePanel } from './measure-tool/measure-tool';
import { MapContainer, type MapHandle } from './map-container/map-container';
import { PlannerTools } from './planner-tools/planner-tools';
import { SearchBox } from './search-box/search-box';
import { SidebarRail } from './sidebar-rail/sidebar-rail';
import { StatusBar } from './status-bar/status-bar';
import { StatusFilter } from './status-filter/status-filter';
import { useDocumentTitle } from './use-document-title';
import { useTranslate } from './use-translate';

/** Planners only: loaded after the first paint so the public map does not carry it. */
const ImportSection = lazy(() =>
  import('./import-panel/import-section').then((module) => ({ default: module.ImportSection })),
);

/**
 * The planner's atlas: header with search and language, layers and legend, map, feature panel;
 * or, embedded (`?embed=1`), the embedded layout. The public map (`PublicApp`) is not here: the
 * composition root renders it without loading this module.
 */
export function App({ createMap }: { createMap: (container: HTMLElement) => MapHandle }) {
  const { t } = useTranslate();
  const embedded = useAppStore((state) => state.embedded);
  useDocumentTitle();
  if (embedded) return <EmbedApp createMap={createMap} />;
  return (
    <div className="app">
      <header className="app-header">
        <div className="app-title">
          <h1>{t('app.title')}</h1>
          <p className="muted">{t('app.subtitle')}</p>
        </div>
        <SearchBox />
        <PlannerTools />
        <MeasureButton />
        <LanguageSwitch />
      </header>
      <nav className="sidebar" aria-label={t('layers.heading')}>
        <SidebarRail />
        <LayerPanel />
        <CoverageSection />
        <Suspense fallback={null}>
          <ImportSection />
        </Suspense>
        <CorrectionsList />
        <StatusFilter />
        <BaseMapSwitch />
        <FeaturesInViewList />
      </nav>
      <main className="map-area">
        <MapContainer createMap={createMap} />
        <StatusBar />
        <MapLegend />
        <MeasurePanel />
        <DrawerHost />
        <FeaturePanel />
        <BaseMapNotice />
      </main>
      <ExportDialog />
      <EmbedDialog />
      <ShareOfferDialog />
    </div>
  );
}
