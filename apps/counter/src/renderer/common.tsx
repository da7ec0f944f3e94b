// Pieces both pages use: the language, the language buttons, the connection banner.
import { type ConnectionState, isLanguage, LANGUAGE_NAMES, LANGUAGES, type Language } from '@luot/ui';
import { useTranslation } from 'react-i18next';
import { type CounterStrings, counterText } from './strings.ts';

/** The current language, the shared `t`, and the counter's own texts (`c`). */
export function useCounterI18n() {
  const { t, i18n } = useTranslation();
  const language: Language = isLanguage(i18n.language) ? i18n.language : 'vi';
  const c = (key: keyof CounterStrings, values?: Record<string, string | number>) =>
    counterText(language, key, values);
  return { t, i18n, language, c };
}

/** "Tiếng Việt" / "English". */
export function LanguageButtons() {
  const { i18n, t } = useCounterI18n();
  return (
    <fieldset className="luot-language-toggle c-lang" aria-label={t('language.choose')}>
      {LANGUAGES.map((language) => (
        <button
          key={language}
          type="button"
          lang={language}
          data-testid={`lang-${language}`}
          className="luot-language-toggle__button"
          aria-pressed={i18n.language === language}
          onClick={() => void i18n.changeLanguage(language)}
        >
          {LANGUAGE_NAMES[language]}
        </button>
      ))}
    </fieldset>
  );
}

/** "Mất kết nối, đang kết nối lại…" across the top while the hub cannot be reached. */
export function ConnectionBar({ state }: { state: ConnectionState }) {
  const { t } = useCounterI18n();
  const online = state === 'online';
  return (
    <div
      className="luot-banner c-connection"
      role="status"
      aria-live="polite"
      data-testid="connection-banner"
      hidden={online}
    >
      {online ? '' : t(state === 'offline' ? 'connection.offline' : 'connection.connecting')}
    </div>
  );
}
