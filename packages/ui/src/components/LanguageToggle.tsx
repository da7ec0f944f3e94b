import { useTranslation } from 'react-i18next';
import { LANGUAGE_NAMES, LANGUAGES, type Language } from '../i18n.ts';

/** "Tiếng Việt" / "English", each named in its own language; the current one is pressed. */
export function LanguageToggle({ onChange }: { onChange?: (language: Language) => void }) {
  const { t, i18n } = useTranslation();
  return (
    <fieldset className="luot-language-toggle" aria-label={t('language.choose')}>
      {LANGUAGES.map((language) => (
        <button
          key={language}
          type="button"
          lang={language}
          className="luot-language-toggle__button"
          aria-pressed={i18n.language === language}
          onClick={() => {
            void i18n.changeLanguage(language);
            onChange?.(language);
          }}
        >
          {LANGUAGE_NAMES[language]}
        </button>
      ))}
    </fieldset>
  );
}
