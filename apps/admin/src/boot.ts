// What the page does first: the shared theme and the dashboard's styles, i18n, the hub client.
import '@luot/ui/theme.css';
import './admin.css';
import { createI18n, HubClient, hubOrigin, isLanguage } from '@luot/ui';

export const LANGUAGE_KEY = 'luot.admin.language';

export function boot() {
  const query = new URLSearchParams(location.search);
  // The hub that serves this page (/admin/); `?hub=` only for a page opened from a file.
  const client = new HubClient({ baseUrl: hubOrigin(query.get('hub')) });
  let saved: string | null = null;
  try {
    saved = localStorage.getItem(LANGUAGE_KEY);
  } catch {
    // no storage (private mode): Vietnamese
  }
  const i18n = createI18n(isLanguage(saved) ? saved : 'vi');
  const setLang = (lng: string) => {
    document.documentElement.lang = isLanguage(lng) ? lng : 'vi';
    try {
      localStorage.setItem(LANGUAGE_KEY, lng);
    } catch {
      // not kept: fine
    }
  };
  setLang(i18n.language);
  i18n.on('languageChanged', setLang);
  return { client, i18n };
}

export function rootElement(): HTMLElement {
  const root = document.getElementById('root');
  if (!root) throw new Error('#root missing');
  return root;
}
