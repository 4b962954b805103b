import { useEffect } from 'react';
import { useAppStore } from '../state/store-context';
import { useTranslate } from './use-translate';

/** Names the page and its language, for the planners', public and embedded layouts alike. */
export function useDocumentTitle(): void {
  const { lang, t } = useTranslate();
  const mode = useAppStore((state) => state.mode);
  const embedded = useAppStore((state) => state.embedded);
  useEffect(() => {
    document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
    document.title = mode === 'public' && !embedded ? t('public.title') : t('app.title');
  }, [lang, t, mode, embedded]);
}
