import { useId, useState } from 'react';
import {
  EXPORT_DPIS,
  PAPER_SIZES,
  type ExportDpi,
  type ExportFormat,
  type PaperSize,
} from '../../core/export/export-layout';
import { dataAttribution } from '../../core/catalogue/data-attribution';
import type { AppState } from '../../state/app-store';
import { useAppStore, useAppStoreApi } from '../../state/store-context';
import { ModalDialog } from '../embed/modal-dialog';
import { useTranslate } from '../use-translate';
import type { ExportContent } from './compose-export';
import { downloadBlob } from '../../browser/download';
import { exportMap, type ExportOptions } from './export-map';
import { useMapServices } from './map-services';
import { translate } from '../../i18n/i18n';

/** What the planner may change on the printed page: its title and notes of their own. */
export interface ExportTexts {
  /** Empty: the atlas title. */
  readonly title: string;
  /** One note per line, printed under the sources. */
  readonly notes: string;
}

const NO_TEXTS: ExportTexts = { title: '', notes: '' };

/** The printed texts for the current state, in the current language. */
export function exportContent(
  state: AppState,
  now: Date,
  texts: ExportTexts = NO_TEXTS,
): ExportContent {
  const lang = state.lang;
  const t = (key: Parameters<typeof translate>[1], params?: Record<string, string | number>) =>
    translate(lang, key, params);
  const baseMap = state.onlineBaseMaps.find((entry) => entry.id === state.baseMapId) ?? null;
  // The embedded base map without a configured number says it has none: a page is not
  // publishable without one, and nothing on it may suggest otherwise.
  const approvalLine = (number: string | null) =>
    number !== null
      ? t('baseMap.approval', { number })
      : baseMap === null
        ? t('baseMap.offlineUnreviewedShort')
        : null;
  const unreviewedOffline = baseMap === null && state.offlineApprovalNumber === null;
  const ownNotes = texts.notes
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '');
  const titleOf = (layerId: string) =>
    state.catalogue?.layers.find((layer) => layer.id === layerId)?.title[lang] ?? layerId;
  return {
    title: texts.title.trim() === '' ? t('app.title') : texts.title.trim(),
    subtitle: t('app.subtitle'),
    legendHeading: t('legend.heading'),
    legend: state.legend.map((item) => ({
      title: titleOf(item.layerId),
      symbol: item.symbol,
      entries: item.entries.map((entry) => ({ label: entry[lang], color: entry.color })),
    })),
    uncertaintyNote: state.legend.some((item) => item.showsUncertainty)
      ? t('legend.uncertainty')
      : null,
    moreEntries: (count) => t('export.moreEntries', { count }),
    sources: [
      t('export.planSource'),
      ...dataAttribution(),
      ...(baseMap === null ? [t('export.offlineBase')] : [baseMap.attribution]),
    ],
    dateLine: t('export.date', { date: now.toISOString().slice(0, 10) }),
    approvalLine: approvalLine(
      baseMap === null ? state.offlineApprovalNumber : baseMap.approvalNumber,
    ),
    notes: [
      ...ownNotes,
      ...(unreviewedOffline ? [t('baseMap.offlineUnreviewed')] : []),
      ...(baseMap?.datum === 'gcj02' ? [t('baseMap.gcjShift')] : []),
    ],
    north: t('export.north'),
  };
}

/** Export the current view as PNG or PDF, A4 or A3, 150 or 300 dpi. */
export function ExportDialog() {
  const { t } = useTranslate();
  const id = useId();
  const store = useAppStoreApi();
  const services = useMapServices();
  const open = useAppStore((state) => state.dialog === 'export');
  const openDialog = useAppStore((state) => state.openDialog);
  const [options, setOptions] = useState<ExportOptions>({ format: 'png', paper: 'A4', dpi: 150 });
  const [texts, setTexts] = useState<ExportTexts>(NO_TEXTS);
  const [status, setStatus] = useState<'idle' | 'working' | 'done' | 'failed'>('idle');
  const [message, setMessage] = useState('');
  if (!open) return null;
  const run = async () => {
    if (services === null) return;
    setStatus('working');
    setMessage('');
    try {
      const now = new Date();
      const result = await exportMap(
        services,
        options,
        exportContent(store.getState(), now, texts),
        now,
      );
      downloadBlob(result.blob, result.fileName);
      setStatus('done');
      setMessage(t('export.done', { file: result.fileName }));
    } catch (error) {
      setStatus('failed');
      setMessage(error instanceof Error ? error.message : String(error));
    }
  };
  const radio = <T extends string | number>(
    name: string,
    values: readonly T[],
    current: T,
    label: (value: T) => string,
    choose: (value: T) => void,
  ) =>
    values.map((value) => (
      <label key={String(value)} className="choice">
        <input
          type="radio"
          name={`${id}-${name}`}
          checked={current === value}
          onChange={() => {
            choose(value);
          }}
        />
        {label(value)}
      </label>
    ));
  return (
    <ModalDialog
      title={t('export.heading')}
      testId="export-dialog"
      onClose={() => {
        openDialog(null);
        setStatus('idle');
      }}
    >
      <form
        onSubmit={(event) => {
          event.preventDefault();
          void run();
        }}
      >
        <fieldset className="choices">
          <legend>{t('export.format')}</legend>
          {radio<ExportFormat>(
            'format',
            ['png', 'pdf'],
            options.format,
            (value) => value.toUpperCase(),
            (format) => {
              setOptions({ ...options, format });
            },
          )}
        </fieldset>
        <fieldset className="choices">
          <legend>{t('export.paper')}</legend>
          {radio<PaperSize>(
            'paper',
            PAPER_SIZES,
            options.paper,
            (value) => t('export.paperValue', { paper: value }),
            (paper) => {
              setOptions({ ...options, paper });
            },
          )}
        </fieldset>
        <fieldset className="choices">
          <legend>{t('export.resolution')}</legend>
          {radio<ExportDpi>(
            'dpi',
            EXPORT_DPIS,
            options.dpi,
            (value) => `${String(value)} dpi`,
            (dpi) => {
              setOptions({ ...options, dpi });
            },
          )}
        </fieldset>
        <label className="export-text">
          {t('export.title')}
          <input
            type="text"
            maxLength={120}
            value={texts.title}
            placeholder={t('app.title')}
            data-testid="export-title"
            onChange={(event) => {
              setTexts({ ...texts, title: event.target.value });
            }}
          />
        </label>
        <label className="export-text">
          {t('export.notes')}
          <textarea
            rows={3}
            maxLength={1000}
            value={texts.notes}
            placeholder={t('export.notesPlaceholder')}
            data-testid="export-notes"
            onChange={(event) => {
              setTexts({ ...texts, notes: event.target.value });
            }}
          />
        </label>
        <p className="small muted">{t('export.explain')}</p>
        <div className="action-row">
          <button type="submit" className="button button-primary" disabled={status === 'working'}>
            {status === 'working' ? t('export.working') : t('export.run')}
          </button>
        </div>
        <p role="status" className="small" data-testid="export-status" data-status={status}>
          {message}
        </p>
      </form>
    </ModalDialog>
  );
}
