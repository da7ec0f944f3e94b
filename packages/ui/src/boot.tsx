// What every page does at start, after zod's set-up (`import '@luot/ui/zod-jitless'` comes first
// in each entry): the language (i18next, `<html lang>` kept in step, remembered only where a page
// asks for it) and the React root inside the language provider. `@luot/ui/boot`: browser pages
// only (the Electron main processes import `@luot/ui`, which has no react-dom).
import type { i18n as I18n } from 'i18next';
import type { ReactNode } from 'react';
import { createRoot } from 'react-dom/client';
import { I18nextProvider } from 'react-i18next';
import { createI18n, DEFAULT_LANGUAGE, isLanguage } from './i18n.ts';

export interface LanguageOptions {
  /**
   * The localStorage key that keeps the language chosen on this browser (the dashboard). Left
   * out, every load starts in Vietnamese (public devices, the counter terminal).
   */
  rememberAs?: string;
}

type KeyValueStorage = Pick<Storage, 'getItem' | 'setItem'>;

function storage(): KeyValueStorage | null {
  try {
    return globalThis.localStorage ?? null;
  } catch {
    // no storage (private mode)
    return null;
  }
}

/** The page's i18next: Vietnamese (or the remembered language), `<html lang>` following it. */
export function startLanguage(options: LanguageOptions = {}, doc: Document = document): I18n {
  const key = options.rememberAs;
  let saved: string | null = null;
  if (key) {
    try {
      saved = storage()?.getItem(key) ?? null;
    } catch {
      // unreadable: Vietnamese
    }
  }
  const i18n = createI18n(isLanguage(saved) ? saved : DEFAULT_LANGUAGE);
  const follow = (lng: string) => {
    doc.documentElement.lang = isLanguage(lng) ? lng : DEFAULT_LANGUAGE;
    if (!key) return;
    try {
      storage()?.setItem(key, lng);
    } catch {
      // not kept: fine
    }
  };
  follow(i18n.language);
  i18n.on('languageChanged', follow);
  return i18n;
}

/** The page's `#root`. */
export function rootElement(doc: Document = document): HTMLElement {
  const root = doc.getElementById('root');
  if (!root) throw new Error('#root missing');
  return root;
}

/** Renders the page's app into `#root`, inside its language. */
export function mountApp(i18n: I18n, app: ReactNode): void {
  createRoot(rootElement()).render(<I18nextProvider i18n={i18n}>{app}</I18nextProvider>);
}
