import { useEffect, useRef, useState } from 'react';
// From its own module: the CRS index pulls in proj4, which belongs in the import worker only.
import type { CrsId } from '../../core/crs/crs-types';
import type {
  ImportOptions,
  ImportProblem,
  ImportRole,
  TextEncodingChoice,
} from '../../core/import/import-types';
import { IMPORT_LIMITS } from '../../core/import/limits';
import { toCsv } from '../../core/report/csv';
import { downloadText } from '../../browser/download';
import type { ImportInput, ImportOutcome } from '../../state/import-commands';
import { formatNumber } from '../../i18n/i18n';
import { useAppStore } from '../../state/store-context';
import { CrsOptions } from '../crs-options';
import { useTranslate } from '../use-translate';
import { useImportCommands } from './import-commands';
import { DroppedFilesReport, type BatchFile } from './dropped-files-report';
import { ImportedLayerList } from './imported-layer-list';
import { PlacementReport } from './placement-report';

const ACCEPT = '.geojson,.json,.csv,.tsv,.tab,.txt,.xlsx,.xlsm,.xls,.kml,.kmz,.zip,.tif,.tiff';
const SHOWN_PROBLEMS = 100;

function problemReport(fileName: string, problems: readonly ImportProblem[]): string {
  return toCsv(
    ['file', 'severity', 'code', 'where', 'message', 'message_zh'],
    problems.map((problem) => [
      fileName,
      problem.severity,
      problem.code,
      problem.where,
      problem.message,
      problem.message_zh,
    ]),
  );
}

/**
 * “Bring your own data”: a file picker and a drop target over the whole window, options for the
 * things a file cannot say about itself (encoding, GCJ-02/BD-09, which columns), progress with
 * cancel, the validation report of the last import, and the imported layers.
 */
export function ImportSection() {
  const { lang, t } = useTranslate();
  const commands = useImportCommands();
  const activity = useAppStore((state) => state.importActivity);
  const [encoding, setEncoding] = useState<TextEncodingChoice>('auto');
  const [crs, setCrs] = useState<CrsId | 'auto'>('auto');
  const [role, setRole] = useState<ImportRole>('features');
  const [xColumn, setXColumn] = useState('');
  const [yColumn, setYColumn] = useState('');
  const [sheet, setSheet] = useState('');
  const [headerRow, setHeaderRow] = useState('');
  const [dragging, setDragging] = useState(false);
  const [open, setOpen] = useState(false);
  const lastInput = useRef<ImportInput | null>(null);
  const [lastColumns, setLastColumns] = useState<readonly string[]>([]);
  const [batch, setBatch] = useState<readonly BatchFile[] | null>(null);
  const batchId = useRef(0);

  const options = (): ImportOptions => {
    const row = Number(headerRow);
    return {
      encoding,
      role,
      ...(crs === 'auto' ? {} : { crs }),
      ...(xColumn === '' ? {} : { xColumn }),
      ...(yColumn === '' ? {} : { yColumn }),
      ...(sheet === '' ? {} : { sheet }),
      ...(headerRow !== '' && Number.isInteger(row) && row >= 1 ? { headerRow: row } : {}),
    };
  };

  const start = (
    input: ImportInput,
    extra: Partial<ImportOptions> = {},
  ): Promise<ImportOutcome> => {
    const sameFile = lastInput.current === input;
    if (!sameFile) {
      // Another file: its sheet and header row are found afresh.
      setSheet('');
      setHeaderRow('');
    }
    lastInput.current = input;
    setOpen(true);
    const chosen = options();
    const forFile: ImportOptions = sameFile
      ? chosen
      : Object.fromEntries(
          Object.entries(chosen).filter(([key]) => key !== 'sheet' && key !== 'headerRow'),
        );
    return commands.importFile(input, { ...forFile, ...extra });
  };

  // Several files at once are all imported, one after another, each with its outcome listed.
  const startAll = (files: readonly File[]) => {
    const id = ++batchId.current;
    if (files.length <= 1) {
      setBatch(null);
      if (files[0] !== undefined) void start(files[0]);
      return;
    }
    setBatch(files.map((file) => ({ name: file.name, outcome: null })));
    files.forEach((file, index) => {
      void start(file).then((outcome) => {
        if (batchId.current !== id) return;
        setBatch(
          (list) => list?.map((item, i) => (i === index ? { ...item, outcome } : item)) ?? null,
        );
      });
    });
  };

  // The last import's detected columns (and sheets), so a table read with the wrong columns, sheet
  // or header row can be corrected, even when nothing could be imported.
  const lastDetected = useAppStore((state) => {
    const done = state.importActivity;
    if (done.kind !== 'done') return null;
    return (
      done.detected ??
      state.importedLayers.find((layer) => layer.id === done.layerId)?.detected ??
      null
    );
  });
  const isWorkbook = lastDetected?.format === 'xlsx' || lastDetected?.format === 'xls';
  useEffect(() => {
    if (lastDetected?.columns !== undefined) setLastColumns(lastDetected.columns);
  }, [lastDetected]);

  // The whole window is a drop target: planners drag files onto the map.
  useEffect(() => {
    let depth = 0;
    const hasFiles = (event: DragEvent) => event.dataTransfer?.types.includes('Files') === true;
    const onEnter = (event: DragEvent) => {
      if (!hasFiles(event)) return;
      depth += 1;
      setDragging(true);
    };
    const onLeave = () => {
      depth = Math.max(0, depth - 1);
      if (depth === 0) setDragging(false);
    };
    const onOver = (event: DragEvent) => {
      if (hasFiles(event)) event.preventDefault();
    };
    const onDrop = (event: DragEvent) => {
      if (!hasFiles(event)) return;
      event.preventDefault();
      depth = 0;
      setDragging(false);
      startAll(Array.from(event.dataTransfer?.files ?? []));
    };
    window.addEventListener('dragenter', onEnter);
    window.addEventListener('dragleave', onLeave);
    window.addEventListener('dragover', onOver);
    window.addEventListener('drop', onDrop);
    return () => {
      window.removeEventListener('dragenter', onEnter);
      window.removeEventListener('dragleave', onLeave);
      window.removeEventListener('dragover', onOver);
      window.removeEventListener('drop', onDrop);
    };
  });

  const problems = activity.kind === 'done' ? activity.problems : [];
  const errors = problems.filter((problem) => problem.severity === 'error').length;
  return (
    <>
      <details
        className="import-section"
        open={open ? true : undefined}
        onToggle={(event) => {
          setOpen(event.currentTarget.open);
        }}
      >
        <summary>{t('import.heading')}</summary>
        <p className="muted">{t('import.intro')}</p>
        <div className="button-row">
          <label className="file-button">
            {t('import.choose')}
            <input
              type="file"
              accept={ACCEPT}
              multiple
              data-testid="import-file-input"
              onChange={(event) => {
                const files = Array.from(event.currentTarget.files ?? []);
                event.currentTarget.value = '';
                startAll(files);
              }}
            />
          </label>
        </div>
        <details className="import-options">
          <summary>{t('import.options')}</summary>
          <label>
            {t('import.encoding')}
            <select
              value={encoding}
              onChange={(event) => {
                setEncoding(event.currentTarget.value as TextEncodingChoice);
              }}
            >
              <option value="auto">{t('import.encodingAuto')}</option>
              <option value="utf-8">UTF-8</option>
              <option value="gb18030">GBK / GB18030</option>
            </select>
          </label>
          <label>
            {t('import.crs')}
            <select
              value={crs}
              onChange={(event) => {
                setCrs(event.currentTarget.value as CrsId | 'auto');
              }}
            >
              <option value="auto">{t('import.crsAuto')}</option>
              <CrsOptions lang={lang} />
            </select>
          </label>
          <p className="muted">{t('import.crsNote')}</p>
          <label>
            {t('import.role')}
            <select
              value={role}
              onChange={(event) => {
                setRole(event.currentTarget.value as ImportRole);
              }}
            >
              <option value="features">{t('import.role.features')}</option>
              <option value="nodes">{t('import.role.nodes')}</option>
              <option value="demand">{t('import.role.demand')}</option>
            </select>
          </label>
          {isWorkbook ? (
            <div className="column-choice" data-testid="sheet-choice">
              <label>
                {t('import.sheet')}
                <select
                  value={sheet === '' ? (lastDetected.sheet ?? '') : sheet}
                  onChange={(event) => {
                    setSheet(event.currentTarget.value);
                    setHeaderRow('');
                  }}
                >
                  {(lastDetected.sheets ?? []).map((name) => (
                    <option key={name} value={name}>
                      {name}
                    </option>
                  ))}
                </select>
              </label>
              <label>
                {t('import.headerRow')}
                <input
                  type="number"
                  min={1}
                  step={1}
                  value={headerRow === '' ? String(lastDetected.headerRow ?? '') : headerRow}
                  onChange={(event) => {
                    setHeaderRow(event.currentTarget.value);
                  }}
                />
              </label>
            </div>
          ) : null}
          {lastColumns.length > 0 ? (
            <div className="column-choice">
              {(
                [
                  ['import.xColumn', xColumn, setXColumn, lastDetected?.xColumn],
                  ['import.yColumn', yColumn, setYColumn, lastDetected?.yColumn],
                ] as const
              ).map(([key, value, setValue, detected]) => (
                <label key={key}>
                  {t(key)}
                  <select
                    value={value === '' ? (detected ?? '') : value}
                    onChange={(event) => {
                      setValue(event.currentTarget.value);
                    }}
                  >
                    {/* Bounded whatever a worker sends: a table wider than this is refused. */}
                    {lastColumns.slice(0, IMPORT_LIMITS.maxColumns).map((column) => (
                      <option key={column} value={column}>
                        {column}
                      </option>
                    ))}
                  </select>
                </label>
              ))}
            </div>
          ) : null}
          {lastInput.current !== null && activity.kind !== 'working' ? (
            <button
              type="button"
              onClick={() => {
                if (lastInput.current !== null) void start(lastInput.current);
              }}
            >
              {t('import.again', { file: lastInput.current.name })}
            </button>
          ) : null}
        </details>
        <ImportStatus />
        {batch === null ? null : <DroppedFilesReport files={batch} />}
        {activity.kind === 'done' &&
        activity.placement !== undefined &&
        activity.placement !== null ? (
          <PlacementReport
            key={`${activity.fileName}:${String(activity.layerId)}:${String(activity.placement.unmatched.length)}`}
            report={activity.placement}
            onReplace={
              lastInput.current === null
                ? null
                : (fixes) => {
                    const input = lastInput.current;
                    if (input === null) return;
                    // The corrected import replaces the layer of the one it corrects.
                    const previous = activity.layerId;
                    if (previous !== null) void commands.remove(previous);
                    void start(input, { addressFixes: fixes });
                  }
            }
          />
        ) : null}
        {problems.length > 0 && activity.kind === 'done' ? (
          <div className="import-report">
            <p>
              {t('import.problemCount', { errors, warnings: problems.length - errors })}{' '}
              <button
                type="button"
                className="link-button"
                onClick={() => {
                  downloadText(
                    `${activity.fileName}.problems.csv`,
                    problemReport(activity.fileName, problems),
                    'text/csv;charset=utf-8',
                  );
                }}
              >
                {t('import.downloadReport')}
              </button>
            </p>
            <ol className="problem-list" data-testid="import-problems">
              {problems.slice(0, SHOWN_PROBLEMS).map((problem, index) => (
                <li key={index} className={`problem problem-${problem.severity}`}>
                  <span className="problem-where">{problem.where}</span>{' '}
                  {lang === 'zh' ? problem.message_zh : problem.message}
                </li>
              ))}
            </ol>
            {problems.length > SHOWN_PROBLEMS ? (
              <p className="muted">
                {t('import.moreProblems', {
                  count: formatNumber(lang, problems.length - SHOWN_PROBLEMS),
                })}
              </p>
            ) : null}
          </div>
        ) : null}
        <ImportedLayerList />
      </details>
      {/* Outside the section, so it shows over the whole window even when the section is closed. */}
      {dragging ? (
        <div className="drop-overlay" aria-hidden="true">
          <p>{t('import.dropHere')}</p>
        </div>
      ) : null}
    </>
  );
}

/** One line on the import in progress or just finished, read out to screen readers. */
function ImportStatus() {
  const { lang, t } = useTranslate();
  const commands = useImportCommands();
  const activity = useAppStore((state) => state.importActivity);
  const layer = useAppStore((state) =>
    activity.kind === 'done'
      ? state.importedLayers.find((candidate) => candidate.id === activity.layerId)
      : undefined,
  );
  if (activity.kind === 'idle') return null;
  if (activity.kind === 'working') {
    const percent = Math.round(activity.progress.fraction * 100);
    return (
      <div className="import-status" role="status">
        <p>
          {t('import.working', {
            file: activity.fileName,
            phase: t(`import.phase.${activity.progress.phase}`),
            percent,
          })}
        </p>
        <progress max={100} value={percent} />
        <button
          type="button"
          onClick={() => {
            commands.cancel();
          }}
        >
          {t('import.cancel')}
        </button>
      </div>
    );
  }
  if (activity.kind === 'cancelled') {
    return (
      <p className="import-status" role="status">
        {t('import.cancelled', { file: activity.fileName })}
      </p>
    );
  }
  if (activity.kind === 'failed') {
    return (
      <p className="import-status error" role="alert">
        {t('import.failed', { file: activity.fileName, message: activity.message })}
      </p>
    );
  }
  const detected = activity.detected ?? layer?.detected;
  return (
    <div className="import-status" role="status" data-testid="import-status">
      <p className={activity.refused ? 'error' : undefined}>
        {activity.refused
          ? t('import.refused', { file: activity.fileName })
          : t(layer?.demand === undefined ? 'import.done' : 'import.doneDemand', {
              file: activity.fileName,
              count: formatNumber(lang, activity.featureCount),
            })}
      </p>
      {detected === undefined ? null : (
        <p className="muted">
          {t('import.detected', {
            format: detected.format,
            encoding: detected.encoding ?? '—',
            crs: detected.crs,
            crsSource: t(`import.crsSource.${detected.crsSource}`),
          })}
        </p>
      )}
      {detected?.sheet === undefined ? null : (
        <p className="muted">
          {t('import.sheetUsed', {
            sheet: detected.sheet,
            row: String(detected.headerRow ?? 1),
            count: String(detected.sheets?.length ?? 1),
          })}
        </p>
      )}
      {detected?.xColumn === undefined || detected.yColumn === undefined ? null : (
        <p className="muted">
          {t('import.columnsUsed', { x: detected.xColumn, y: detected.yColumn })}
        </p>
      )}
      {detected?.addressColumns === undefined ? null : (
        <p className="muted">
          {t('import.addressColumnsUsed', { columns: detected.addressColumns.join('、') })}
        </p>
      )}
    </div>
  );
}
