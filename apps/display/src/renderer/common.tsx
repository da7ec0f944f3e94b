// Texts on the display: Vietnamese first, with the English line under it when `?english=1`.
import { isLanguage, type Language } from '@luot/ui';
import { createContext, type ReactNode, useContext } from 'react';
import { useTranslation } from 'react-i18next';
import { type DisplayKey, displayText } from './strings.ts';

/** Whether the screen shows English lines under the Vietnamese ones. */
export const EnglishContext = createContext(false);

/** The current language, the shared `t`, the display's own texts (`d`), and the English setting. */
export function useDisplayI18n() {
  const { t, i18n } = useTranslation();
  const language: Language = isLanguage(i18n.language) ? i18n.language : 'vi';
  const english = useContext(EnglishContext);
  const d = (key: DisplayKey, values?: Record<string, string | number>) => displayText(language, key, values);
  /** The same text in English (the second line). */
  const dEn = (key: DisplayKey, values?: Record<string, string | number>) => displayText('en', key, values);
  return { t, i18n, language, english: english && language !== 'en', d, dEn };
}

/** A label in the screen's language, and in English under it when asked. */
export function Bilingual({
  k,
  values,
  className,
}: {
  k: DisplayKey;
  values?: Record<string, string | number>;
  className?: string;
}) {
  const { d, dEn, english } = useDisplayI18n();
  return <Lines className={className} primary={d(k, values)} secondary={english ? dEn(k, values) : null} />;
}

/** Two lines: the main one, and a smaller English one (or nothing). */
export function Lines({
  primary,
  secondary,
  className,
}: {
  primary: ReactNode;
  secondary: ReactNode | null;
  className?: string;
}) {
  return (
    <span className={['d-lines', className].filter(Boolean).join(' ')}>
      <span className="d-lines__main">{primary}</span>
      {secondary !== null && (
        <span className="d-lines__en" lang="en">
          {secondary}
        </span>
      )}
    </span>
  );
}
