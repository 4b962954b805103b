import { useCallback } from 'react';
import type { Lang } from '../core/catalogue/catalogue';
import { translate, type MessageKey } from '../i18n/i18n';
import { useAppStore } from '../state/store-context';

/** The current language and a translator bound to it. */
export function useTranslate(): {
  lang: Lang;
  t: (key: MessageKey, params?: Readonly<Record<string, string | number>>) => string;
} {
  const lang = useAppStore((state) => state.lang);
  const t = useCallback(
    (key: MessageKey, params?: Readonly<Record<string, string | number>>) =>
      translate(lang, key, params),
    [lang],
  );
  return { lang, t };
}
