// i18next + react-i18next: Vietnamese by default, English on request. Strings live in
// i18n/vi.ts and i18n/en.ts (same keys; a test holds that).
import i18next, { type i18n as I18n } from 'i18next';
import { initReactI18next } from 'react-i18next';
import { en } from './i18n/en.ts';
import { type Translation, vi } from './i18n/vi.ts';

export const LANGUAGES = ['vi', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];
export const DEFAULT_LANGUAGE: Language = 'vi';

/** Each language's name in itself, for the language toggle. */
export const LANGUAGE_NAMES: Record<Language, string> = { vi: 'Tiếng Việt', en: 'English' };

export const resources = { vi: { translation: vi }, en: { translation: en } } as const;

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: Translation };
  }
}

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}

/**
 * A ready i18next instance (initialised synchronously: the strings are bundled) that
 * react-i18next's `useTranslation` uses; wrap the app in `<I18nextProvider i18n={...}>`.
 */
export function createI18n(language: Language = DEFAULT_LANGUAGE): I18n {
  const instance = i18next.createInstance();
  instance.use(initReactI18next);
  void instance.init({
    resources,
    lng: language,
    fallbackLng: DEFAULT_LANGUAGE,
    supportedLngs: [...LANGUAGES],
    interpolation: { escapeValue: false }, // React escapes
    returnNull: false,
    initAsync: false,
  });
  return instance;
}

/** Counter numbers as read in a sentence: "1, 3". */
export function formatCounterList(numbers: readonly number[]): string {
  return [...numbers].sort((a, b) => a - b).join(', ');
}
