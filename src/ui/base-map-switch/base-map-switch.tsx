import { useId } from 'react';
import { OFFLINE_BASE_MAP_ID } from '../../core/base-map/base-map-config';
import { useAppStore } from '../../state/store-context';
import { useTranslate } from '../use-translate';

/** Chooses the base map: the embedded offline one, or an online one from the configuration. */
export function BaseMapSwitch() {
  const { lang, t } = useTranslate();
  const id = useId();
  const onlineBaseMaps = useAppStore((state) => state.onlineBaseMaps);
  const baseMapId = useAppStore((state) => state.baseMapId);
  const setBaseMap = useAppStore((state) => state.setBaseMap);
  if (onlineBaseMaps.length === 0) return null;
  const options = [
    { id: OFFLINE_BASE_MAP_ID, title: t('baseMap.offline') },
    ...onlineBaseMaps.map((baseMap) => ({ id: baseMap.id, title: baseMap.title[lang] })),
  ];
  return (
    <section className="panel base-map-switch" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>{t('baseMap.heading')}</h2>
      <fieldset className="layer-theme">
        <legend className="visually-hidden">{t('baseMap.heading')}</legend>
        {options.map((option) => (
          <label key={option.id} className="layer-row" data-base-map={option.id}>
            <input
              type="radio"
              name={`${id}-base-map`}
              checked={baseMapId === option.id}
              onChange={() => {
                setBaseMap(option.id);
              }}
            />
            <span>{option.title}</span>
          </label>
        ))}
      </fieldset>
      <p className="muted small">{t('baseMap.onlineNote')}</p>
    </section>
  );
}

/**
 * What must be said on the map about the base map: its approval number (审图号) when it has one,
 * that the embedded offline base map has not been reviewed when it has none, and that the
 * overlays are shifted when the tiles are in GCJ-02.
 */
export function BaseMapNotice() {
  const { t } = useTranslate();
  const baseMap = useAppStore(
    (state) => state.onlineBaseMaps.find((entry) => entry.id === state.baseMapId) ?? null,
  );
  const offlineApproval = useAppStore((state) => state.offlineApprovalNumber);
  const approval = baseMap === null ? offlineApproval : baseMap.approvalNumber;
  const unreviewedOffline = baseMap === null && offlineApproval === null;
  if (approval === null && !unreviewedOffline && baseMap?.datum !== 'gcj02') return null;
  return (
    <div className="base-map-notice" data-testid="base-map-notice">
      {approval !== null ? (
        <p data-testid="approval-number">{t('baseMap.approval', { number: approval })}</p>
      ) : null}
      {unreviewedOffline ? (
        <p data-testid="offline-unreviewed" title={t('baseMap.offlineUnreviewed')}>
          {t('baseMap.offlineUnreviewedShort')}
        </p>
      ) : null}
      {baseMap?.datum === 'gcj02' ? <p data-testid="gcj-note">{t('baseMap.gcjShift')}</p> : null}
    </div>
  );
}
