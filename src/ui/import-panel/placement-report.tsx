import { useState } from 'react';
import type { PlacementReport as Report } from '../../core/import/import-types';
import { describeCertainty } from '../../core/plan/describe';
import { formatNumber } from '../../i18n/i18n';
import { useTranslate } from '../use-translate';

/** Unmatched rows listed with a field to correct them; the rest are counted. */
const SHOWN_ROWS = 50;

/**
 * How the last table's rows were placed: by their coordinates, or by address at a 村/社区, 乡镇街道
 * or 区县 point (with the uncertainty that goes with it), and the rows that could not be placed,
 * each with its address in a field the planner can correct and re-place.
 */
export function PlacementReport({
  report,
  onReplace,
}: {
  report: Report;
  /** Imports the file again with these corrected addresses (row number → address). */
  onReplace: ((fixes: Readonly<Record<number, string>>) => void) | null;
}) {
  const { lang, t } = useTranslate();
  const [fixes, setFixes] = useState<Record<number, string>>({});
  const { community, township, district } = report.byLevel;
  const byAddress = community + township + district;
  if (byAddress === 0 && report.unmatched.length === 0) return null;
  const n = (value: number) => formatNumber(lang, value);
  const edited = Object.keys(fixes).length;
  return (
    <div className="placement-report" data-testid="placement-report">
      <p>
        {t('import.placement.summary', {
          coordinates: n(report.byCoordinates),
          address: n(byAddress),
          unmatched: n(report.unmatched.length),
        })}
      </p>
      <ul className="placement-levels">
        <li data-level="community">{t('import.placement.community', { count: n(community) })}</li>
        <li data-level="township">{t('import.placement.township', { count: n(township) })}</li>
        <li data-level="district">{t('import.placement.district', { count: n(district) })}</li>
      </ul>
      <p className="muted">
        <strong>{describeCertainty('address', null, lang).label}</strong>{' '}
        {t('import.placement.rule')}
      </p>
      {report.unmatched.length > 0 ? (
        <form
          onSubmit={(event) => {
            event.preventDefault();
            if (onReplace !== null && edited > 0) onReplace(fixes);
          }}
        >
          <p>{t('import.placement.unmatchedHeading')}</p>
          <ol className="placement-unmatched" data-testid="placement-unmatched">
            {report.unmatched.slice(0, SHOWN_ROWS).map((row) => (
              <li key={row.row}>
                <label>
                  <span className="problem-where">
                    {t('import.placement.row', { row: String(row.row) })}
                  </span>{' '}
                  <span className="muted">
                    {t(`import.placement.reason.${row.reason}`)}
                    {row.candidates.length > 0 ? `：${row.candidates.join('、')}` : ''}
                  </span>
                  <input
                    type="text"
                    value={fixes[row.row] ?? row.address}
                    onChange={(event) => {
                      const value = event.currentTarget.value;
                      setFixes((current) => ({ ...current, [row.row]: value }));
                    }}
                  />
                </label>
              </li>
            ))}
          </ol>
          {report.unmatched.length > SHOWN_ROWS ? (
            <p className="muted">
              {t('import.placement.more', { count: n(report.unmatched.length - SHOWN_ROWS) })}
            </p>
          ) : null}
          {onReplace === null ? null : (
            <button type="submit" disabled={edited === 0}>
              {t('import.placement.replace', { count: n(edited) })}
            </button>
          )}
        </form>
      ) : null}
    </div>
  );
}
