import { LANGS, loadLanguage } from '../../i18n/i18n';
import { useAppStore } from '../../state/store-context';
import { useTranslate } from '../use-translate';

/** Switches the whole UI and the map labels between Chinese and English. */
export function LanguageSwitch() {
  const { lang, t } = useTranslate();
  const setLang = useAppStore((state) => state.setLang);
  return (
    <div className="language-switch" role="group" aria-label={t('language.label')}>
      {LANGS.map((option) => (
        <button
          key={option}
          type="button"
          lang={option === 'zh' ? 'zh-CN' : 'en'}
          aria-pressed={lang === option}
          onClick={() => {
            // English is fetched on first use; the UI switches once its words are here.
            void loadLanguage(option).then(() => {
              setLang(option);
            });
          }}
        >
          {t(option === 'zh' ? 'language.zh' : 'language.en')}
        </button>
      ))}
    </div>
  );
}
