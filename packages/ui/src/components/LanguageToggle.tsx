import { useTranslation } from 'react-i18next';
import { LANGUAGE_NAMES, LANGUAGES, type Language } from '../i18n.ts';

/**
 * "Tiếng Việt" / "English", each named in its own language; the current one is pressed. A tap
 * never reaches what is behind it (a kiosk's idle screen starts on any tap). Test ids:
 * lang-vi, lang-en.
 */
export function LanguageToggle({
  onChange,
  className,
}: {
  onChange?: (language: Language) => void;
  /** The app's own class beside `luot-language-toggle`. */
  className?: string;
}) {
  const { t, i18n } = useTranslation();
  return (
    <fieldset
      className={className ? `luot-language-toggle ${className}` : 'luot-language-toggle'}
      aria-label={t('language.choose')}
    >
      {LANGUAGES.map((language) => (
        <button
          key={language}
          type="button"
          lang={language}
          data-testid={`lang-${language}`}
          className="luot-language-toggle__button"
          aria-pressed={i18n.language === language}
          onClick={(event) => {
            event.stopPropagation();
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
