// Pieces both pages use: the language, the language buttons, the connection banner.
import { ConnectionBanner, type ConnectionState, isLanguage, type Language, LanguageToggle } from '@luot/ui';
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
export const LanguageButtons = () => <LanguageToggle className="c-lang" />;

/** "Mất kết nối, đang kết nối lại…" across the top while the hub cannot be reached. */
export const ConnectionBar = ({ state }: { state: ConnectionState }) => (
  <ConnectionBanner state={state} className="c-connection" />
);
