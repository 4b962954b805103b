import { planRefText } from '../../core/plan/plan-ref';
import { lazy, Suspense, useEffect, type ReactNode } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { Catalogue, Lang } from '../../core/catalogue/catalogue';
import { OUTSIDE_CHONGQING_LAYER_ID } from '../../core/catalogue/foundation-layers';
import { haversineMeters } from '../../core/geo/haversine';
import { describeCertainty, describeStatus } from '../../core/plan/describe';
import { SOURCE_WORDS, type PlanFeature } from '../../core/plan/plan-feature';
import { formatNumber } from '../../i18n/i18n';
import type { AppState } from '../../state/app-store';
import { selectFeatureById, selectSelectedFeature } from '../../state/selectors';
import { useAppStore } from '../../state/store-context';
import { PlanTextLink } from '../plan-text/plan-text-link';
import { useCorrectionCommands } from '../corrections/correction-commands';
import { useTranslate } from '../use-translate';

/** Planners only (the public map offers no corrections): fetched when a correction starts. */
const CorrectionForm = lazy(() =>
  import('../corrections/correction-form').then((module) => ({ default: module.CorrectionForm })),
);

function Row({ label, children }: { label: string; children: ReactNode }) {
  return (
    <>
      <dt>{label}</dt>
      <dd>{children}</dd>
    </>
  );
}

function categoryLabel(catalogue: Catalogue | null, feature: PlanFeature, lang: Lang): string {
  const layer = catalogue?.layers.find((entry) => entry.id === feature.properties.layer);
  return layer?.style.colors[feature.properties.category]?.[lang] ?? feature.properties.category;
}

function districtName(state: AppState, adcode: number, lang: Lang): string {
  const district = state.collections['districts']?.features.find(
    (feature) => feature.properties.district_adcode === adcode,
  );
  if (district === undefined) return String(adcode);
  return lang === 'zh' ? district.properties.name_zh : district.properties.name_en;
}

/** Regions are stored by Chinese name on districts; show them in the UI language. */
function regionName(state: AppState, nameZh: string | null, lang: Lang): string | null {
  if (nameZh === null) return null;
  const region = state.collections['regions']?.features.find(
    (feature) => feature.properties.name_zh === nameZh,
  );
  return region === undefined || lang === 'zh' ? nameZh : region.properties.name_en;
}

function numberProperty(feature: PlanFeature, key: string): number | null {
  const value: unknown = (feature.properties as unknown as Record<string, unknown>)[key];
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

function stringProperty(feature: PlanFeature, key: string): string | null {
  const value: unknown = (feature.properties as unknown as Record<string, unknown>)[key];
  return typeof value === 'string' && value !== '' ? value : null;
}

/**
 * “**Upgrade** — exists; the plan will improve it.”: the explanation already opens with the label,
 * so the label is only set in bold, never written twice.
 */
function LabelledExplanation({
  description,
  className,
}: {
  description: { readonly label: string; readonly explanation: string };
  className?: string;
}) {
  const { label, explanation } = description;
  const rest = explanation.startsWith(label)
    ? explanation.slice(label.length)
    : ` — ${explanation}`;
  return (
    <>
      <strong className={className}>{label}</strong>
      {rest}
    </>
  );
}

/**
 * Everything the atlas knows about the selected feature, in words: what it is, where the plan
 * names it, what the plan will do with it, and how sure its position is. Text only, never HTML.
 */
export function FeaturePanel() {
  const { lang, t } = useTranslate();
  const feature = useAppStore(selectSelectedFeature);
  const catalogue = useAppStore((state) => state.catalogue);
  const district = useAppStore((state) => {
    const adcode = feature?.properties.district_adcode ?? null;
    return adcode === null ? null : districtName(state, adcode, lang);
  });
  const regionNames = useAppStore(
    useShallow((state) =>
      feature === null
        ? null
        : [
            regionName(state, stringProperty(feature, 'region_zh'), lang),
            regionName(state, stringProperty(feature, 'subregion_zh'), lang),
          ],
    ),
  );
  const select = useAppStore((state) => state.select);
  // Names of the other features drawn on this exact spot (`shares_position_with`).
  const sharedNames = useAppStore(
    useShallow((state) =>
      (feature?.properties.shares_position_with ?? []).map((id) => {
        const other = selectFeatureById(state, id);
        if (other === null) return id;
        return lang === 'zh' ? other.properties.name_zh : other.properties.name_en;
      }),
    ),
  );
  const sharedWith = (feature?.properties.shares_position_with ?? []).map((id, i) => ({
    id,
    name: sharedNames[i] ?? id,
  }));
  const planner = useAppStore((state) => state.mode === 'planner' && !state.embedded);
  const correcting = useAppStore((state) => state.correctionDraft?.featureId ?? null);
  const startCorrection = useAppStore((state) => state.startCorrection);
  const corrections = useCorrectionCommands();
  const open = feature !== null;
  useEffect(() => {
    if (!open) return undefined;
    // Escape closes the panel, unless a dialog, a menu or a text field has the key.
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== 'Escape' || event.defaultPrevented) return;
      const target = event.target instanceof Element ? event.target : null;
      if (target?.closest('dialog, input, textarea, select, [role="combobox"]')) return;
      select(null);
    };
    document.addEventListener('keydown', onKey);
    return () => {
      document.removeEventListener('keydown', onKey);
    };
  }, [open, select]);
  if (feature === null) return null;
  const p = feature.properties;
  const layer = catalogue?.layers.find((entry) => entry.id === p.layer);
  const status = describeStatus(p.status, lang);
  const certainty = describeCertainty(p.certainty, p.uncertainty_m, lang);
  const population = numberProperty(feature, 'pop2020_census');
  const urbanShare = numberProperty(feature, 'urban_share2020_census');
  const area = numberProperty(feature, 'area_km2');
  const region = regionNames?.[0] ?? null;
  const subregion = regionNames?.[1] ?? null;
  const point = feature.geometry.type === 'Point' ? feature.geometry.coordinates : null;
  // A correction must lie in Chongqing, so the Sichuan partner places offer none.
  const canCorrect =
    planner && corrections !== null && point !== null && p.layer !== OUTSIDE_CHONGQING_LAYER_ID;
  return (
    <aside
      className="panel feature-panel"
      aria-labelledby="feature-panel-heading"
      data-feature-id={p.id}
    >
      <header>
        <h2 id="feature-panel-heading">{lang === 'zh' ? p.name_zh : p.name_en}</h2>
        {/* The name in the other language, marked as such for readers and screen readers. */}
        <p className="muted" lang={lang === 'zh' ? 'en' : 'zh-CN'}>
          {lang === 'zh' ? p.name_en : p.name_zh}
        </p>
        <button
          type="button"
          className="close-button"
          aria-label={t('feature.close')}
          onClick={() => {
            select(null);
          }}
        >
          ×
        </button>
      </header>
      <dl>
        <Row label={t('feature.layer')}>{layer?.title[lang] ?? p.layer}</Row>
        <Row label={t('feature.category')}>{categoryLabel(catalogue, feature, lang)}</Row>
        <Row label={t('feature.planRef')}>
          <span className="plan-ref">{planRefText(p.plan_ref, lang)}</span>{' '}
          <PlanTextLink featureId={p.id} />
        </Row>
        <Row label={t('feature.planQuote')}>
          <blockquote className="plan-quote" lang="zh-CN">
            {p.plan_quote}
          </blockquote>
        </Row>
        {p.events_zh !== undefined && p.events_zh.length > 0 ? (
          <Row label={t('feature.events')}>
            {(lang === 'en' && p.events_en !== undefined ? p.events_en : p.events_zh).join(
              lang === 'zh' ? '、' : ', ',
            )}
          </Row>
        ) : null}
        {p.street_course_zh !== undefined ? (
          <Row label={t('feature.streetCourse')}>
            {lang === 'en' && p.street_course_en !== undefined
              ? p.street_course_en
              : p.street_course_zh}
          </Row>
        ) : null}
        <Row label={t('feature.status')}>
          <LabelledExplanation description={status} />
        </Row>
        <Row label={t('feature.certainty')}>
          <LabelledExplanation
            description={certainty}
            className={`certainty certainty-${p.certainty}`}
          />
        </Row>
        {p.corrected_source !== undefined && p.corrected_date !== undefined ? (
          <Row label={t('feature.correctedLabel')}>
            <strong className="corrected-badge">
              {t('feature.corrected', {
                source: SOURCE_WORDS[p.corrected_source][lang],
                date: p.corrected_date,
              })}
            </strong>
            {p.corrected_note !== undefined ? ` — ${p.corrected_note}` : null}
          </Row>
        ) : null}
        <Row label={t('feature.positionNote')}>
          {lang === 'zh' ? p.position_note_zh : p.position_note_en}
        </Row>
        {p.position_anchors !== undefined && feature.geometry.type === 'Point' ? (
          <Row label={t('feature.anchors')}>
            <ul className="anchor-list">
              {p.position_anchors.map((a) => {
                const [lon = NaN, lat = NaN] =
                  feature.geometry.type === 'Point' ? feature.geometry.coordinates : [];
                const km = haversineMeters(lon, lat, a.lon, a.lat) / 1000;
                return (
                  <li key={`${String(a.lon)},${String(a.lat)},${a.label_en}`}>
                    {lang === 'zh' ? a.label_zh : a.label_en}
                    {' · '}
                    {t('feature.anchorDistance', { km: formatNumber(lang, km, 1) })}
                  </li>
                );
              })}
            </ul>
          </Row>
        ) : null}
        {sharedWith.length > 0 ? (
          <Row label={t('feature.sharesPosition')}>
            <p className="muted">{t('feature.sharesPositionNote')}</p>
            <ul className="shared-position-list">
              {sharedWith.map((other) => (
                <li key={other.id}>
                  <button
                    type="button"
                    className="link-button"
                    onClick={() => {
                      select(other.id, { focus: true });
                    }}
                  >
                    {other.name}
                  </button>
                </li>
              ))}
            </ul>
          </Row>
        ) : null}
        <Row label={t('feature.district')}>
          {district ??
            t(
              p.layer === OUTSIDE_CHONGQING_LAYER_ID
                ? 'feature.districtOutside'
                : 'feature.districtMany',
            )}
        </Row>
        {p.tier !== undefined ? (
          <Row label={t('feature.tier')}>{t('feature.tierValue', { tier: p.tier })}</Row>
        ) : null}
        {region !== null ? <Row label={t('feature.region')}>{region}</Row> : null}
        {subregion !== null ? <Row label={t('feature.subregion')}>{subregion}</Row> : null}
        {population !== null ? (
          <Row label={t('feature.population')}>
            {t('units.people', { value: formatNumber(lang, population) })}
          </Row>
        ) : null}
        {urbanShare !== null ? (
          <Row label={t('feature.urbanShare')}>
            {formatNumber(lang, urbanShare <= 1 ? urbanShare * 100 : urbanShare, 2)}%
          </Row>
        ) : null}
        {area !== null ? (
          <Row label={t('feature.area')}>
            {t('units.km2', { value: formatNumber(lang, area, 1) })}
          </Row>
        ) : null}
        <Row label={t('feature.id')}>
          <code>{p.id}</code>
        </Row>
      </dl>
      {canCorrect && correcting !== p.id ? (
        <button
          type="button"
          className="correct-position-button"
          onClick={() => {
            startCorrection(p.id, point[0] ?? 0, point[1] ?? 0);
          }}
        >
          {t('feature.correct')}
        </button>
      ) : null}
      {canCorrect && correcting === p.id ? (
        <Suspense fallback={null}>
          <CorrectionForm feature={feature} districtName={district} />
        </Suspense>
      ) : null}
    </aside>
  );
}
