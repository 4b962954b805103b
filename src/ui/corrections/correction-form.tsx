import { useEffect, useId, useState } from 'react';
import type { CrsId } from '../../core/crs/crs-types';
import { describeCertainty } from '../../core/plan/describe';
import type { PlanFeature } from '../../core/plan/plan-feature';
import {
  CERTAINTY_OF_SOURCE,
  CORRECTION_SOURCES,
  type CorrectionSource,
} from '../../core/plan/position-corrections';
import type { CorrectionOutcome } from '../../state/correction-commands';
import { useAppStore } from '../../state/store-context';
import { CrsOptions } from '../crs-options';
import { useTranslate } from '../use-translate';
import { useCorrectionCommands } from './correction-commands';

/**
 * The planner's "correct position" form for one point feature: the position (dragged on the map
 * or typed in a chosen coordinate system), what it rests on, the new uncertainty and a note.
 * Everything is checked by the same code the data build uses; a refusal is listed in words.
 */
export function CorrectionForm({
  feature,
  districtName,
}: {
  feature: PlanFeature;
  districtName: string | null;
}) {
  const { lang, t } = useTranslate();
  const commands = useCorrectionCommands();
  const draft = useAppStore((state) => state.correctionDraft);
  const endCorrection = useAppStore((state) => state.endCorrection);
  const moveDraft = useAppStore((state) => state.moveCorrectionDraft);
  const id = useId();
  const p = feature.properties;
  const [crs, setCrs] = useState<CrsId>('EPSG:4326');
  const [x, setX] = useState('');
  const [y, setY] = useState('');
  const [source, setSource] = useState<CorrectionSource>('surveyed');
  const [uncertainty, setUncertainty] = useState('50');
  const [note, setNote] = useState('');
  const [outcome, setOutcome] = useState<CorrectionOutcome | null>(null);
  const [busy, setBusy] = useState(false);
  const fromMap = draft?.fromMap ?? 0;
  const draftLon = draft?.lon ?? Number.NaN;
  const draftLat = draft?.lat ?? Number.NaN;

  // Show the marker's position in the chosen system when the form opens, the marker is dropped
  // or the system changes (typing does not move the fields under the planner's cursor).
  useEffect(() => {
    if (commands === null || !Number.isFinite(draftLon)) return;
    let current = true;
    void commands.displayPosition(draftLon, draftLat, crs).then((shown) => {
      if (!current) return;
      setX(shown.x);
      setY(shown.y);
    });
    return () => {
      current = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- only on open, drop or system change
  }, [commands, crs, fromMap]);

  if (commands === null || draft === null) return null;
  const certainty = describeCertainty(CERTAINTY_OF_SOURCE[source], null, lang).label;
  const current = describeCertainty(p.certainty, null, lang).label;
  const save = () => {
    setBusy(true);
    commands
      .saveCorrection({ featureId: p.id, x, y, crs, source, uncertaintyM: uncertainty, note })
      .then(setOutcome)
      .catch((error: unknown) => {
        const message = error instanceof Error ? error.message : String(error);
        setOutcome({ saved: false, problems: [{ message, message_zh: message }] });
      })
      .finally(() => {
        setBusy(false);
      });
  };
  return (
    <form
      className="correction-form"
      aria-labelledby={`${id}-heading`}
      onSubmit={(event) => {
        event.preventDefault();
        save();
      }}
    >
      <h3 id={`${id}-heading`}>{t('correction.heading')}</h3>
      <p className="muted">{t('correction.help')}</p>
      <p className="muted">
        {p.district_adcode === null
          ? t('correction.districtMany')
          : t('correction.district', { district: districtName ?? String(p.district_adcode) })}
      </p>
      <label>
        {t('correction.crs')}
        <select
          value={crs}
          onChange={(event) => {
            setCrs(event.currentTarget.value as CrsId);
          }}
        >
          <CrsOptions lang={lang} />
        </select>
      </label>
      <label>
        {t('correction.x')}
        <input
          inputMode="decimal"
          value={x}
          onChange={(event) => {
            setX(event.currentTarget.value);
          }}
          onBlur={() => {
            // Typed degrees in WGS 84 move the marker at once; other systems move it on save.
            const lon = Number(x);
            const lat = Number(y);
            if (crs === 'EPSG:4326' && Number.isFinite(lon) && Number.isFinite(lat))
              moveDraft(lon, lat, false);
          }}
        />
      </label>
      <label>
        {t('correction.y')}
        <input
          inputMode="decimal"
          value={y}
          onChange={(event) => {
            setY(event.currentTarget.value);
          }}
        />
      </label>
      <label>
        {t('correction.source')}
        <select
          value={source}
          onChange={(event) => {
            setSource(event.currentTarget.value as CorrectionSource);
          }}
        >
          {CORRECTION_SOURCES.map((s) => (
            <option key={s} value={s}>
              {t(`correction.source.${s}`)}
            </option>
          ))}
        </select>
      </label>
      <p className="muted">{t('correction.certaintyResult', { certainty, current })}</p>
      <label>
        {t('correction.uncertainty')}
        <input
          inputMode="numeric"
          value={uncertainty}
          onChange={(event) => {
            setUncertainty(event.currentTarget.value);
          }}
        />
      </label>
      <label>
        {t('correction.note')}
        <textarea
          value={note}
          maxLength={500}
          rows={2}
          onChange={(event) => {
            setNote(event.currentTarget.value);
          }}
        />
      </label>
      {outcome !== null && !outcome.saved ? (
        <div className="correction-problems" role="alert">
          <p>{t('correction.refused')}</p>
          <ul>
            {outcome.problems.map((problem, i) => (
              <li key={i}>{lang === 'zh' ? problem.message_zh : problem.message}</li>
            ))}
          </ul>
        </div>
      ) : null}
      <div className="correction-actions">
        <button type="submit" disabled={busy}>
          {t('correction.save')}
        </button>
        <button
          type="button"
          onClick={() => {
            endCorrection();
          }}
        >
          {t('correction.cancel')}
        </button>
      </div>
    </form>
  );
}
