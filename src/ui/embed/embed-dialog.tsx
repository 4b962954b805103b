import { useId, useMemo, useState } from 'react';
import { useAppStore } from '../../state/store-context';
import { useTranslate } from '../use-translate';
import { ModalDialog } from './modal-dialog';

/**
 * The iframe snippet that embeds the current view (`embed=1` added). The URL is built with the URL
 * API and shown as text in a read-only field, never inserted as HTML.
 */
export function embedSnippet(href: string, width: number, height: number, title: string): string {
  const url = new URL(href);
  // Keep the atlas's own parameters exactly as written (searchParams would encode the commas).
  const params = url.search
    .replace(/^\?/, '')
    .split('&')
    .filter((param) => param !== '' && !param.startsWith('embed='));
  url.search = `?${[...params, 'embed=1'].join('&')}`;
  const attribute = (value: string) =>
    value.replaceAll('&', '&amp;').replaceAll('"', '&quot;').replaceAll('<', '&lt;');
  return `<iframe src="${attribute(url.href)}" width="${String(width)}" height="${String(height)}" title="${attribute(title)}" style="border:0" loading="lazy" allow="geolocation"></iframe>`;
}

/** The “embed this map” dialog: size, the snippet, and a copy button. */
export function EmbedDialog() {
  const { t } = useTranslate();
  const id = useId();
  const open = useAppStore((state) => state.dialog === 'embed');
  const openDialog = useAppStore((state) => state.openDialog);
  const [width, setWidth] = useState(800);
  const [height, setHeight] = useState(600);
  const [copied, setCopied] = useState(false);
  // Recomputed when the dialog opens so it embeds the view of that moment.
  const href = useMemo(() => (open ? window.location.href : ''), [open]);
  if (!open) return null;
  const snippet = embedSnippet(href, width, height, t('app.title'));
  const clamp = (value: number) => Math.max(200, Math.min(4000, Math.round(value) || 200));
  return (
    <ModalDialog
      title={t('embed.heading')}
      testId="embed-dialog"
      onClose={() => {
        openDialog(null);
        setCopied(false);
      }}
    >
      <p className="small">{t('embed.explain')}</p>
      <div className="form-row">
        <label htmlFor={`${id}-width`}>{t('embed.width')}</label>
        <input
          id={`${id}-width`}
          type="number"
          min={200}
          max={4000}
          value={width}
          onChange={(event) => {
            setWidth(clamp(event.currentTarget.valueAsNumber));
          }}
        />
        <label htmlFor={`${id}-height`}>{t('embed.height')}</label>
        <input
          id={`${id}-height`}
          type="number"
          min={200}
          max={4000}
          value={height}
          onChange={(event) => {
            setHeight(clamp(event.currentTarget.valueAsNumber));
          }}
        />
      </div>
      <label htmlFor={`${id}-snippet`}>{t('embed.snippet')}</label>
      <textarea
        id={`${id}-snippet`}
        className="snippet"
        readOnly
        rows={5}
        value={snippet}
        data-testid="embed-snippet"
      />
      <div className="action-row">
        <button
          type="button"
          className="button"
          onClick={() => {
            void navigator.clipboard.writeText(snippet).then(
              () => {
                setCopied(true);
              },
              () => {
                setCopied(false);
              },
            );
          }}
        >
          {t('embed.copy')}
        </button>
        <span role="status" className="small">
          {copied ? t('embed.copied') : ''}
        </span>
      </div>
      <p className="small muted">{t('embed.bridge')}</p>
    </ModalDialog>
  );
}
