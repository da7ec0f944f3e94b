// What both pages do first: the shared theme and the kiosk's styles, i18n, the hub client.
import '@luot/ui/theme.css';
import './kiosk.css';
import { createI18n, HubClient, isLanguage } from '@luot/ui';
import { parseSettings } from './settings.ts';

export function boot(options: { retry?: boolean } = {}) {
  const settings = parseSettings(location.search);
  const client = new HubClient({
    baseUrl: settings.hubUrl,
    ...(options.retry === false ? { retry: { attempts: 1 }, timeoutMs: 8000 } : {}),
  });
  const i18n = createI18n('vi');
  const setLang = (lng: string) => {
    document.documentElement.lang = isLanguage(lng) ? lng : 'vi';
  };
  setLang(i18n.language);
  i18n.on('languageChanged', setLang);
  /** The hub's origin as phones open it: this page's (`?hub=` only for a page opened from a file). */
  const origin = settings.hubUrl || location.origin;
  return { settings, client, i18n, origin };
}

export function rootElement(): HTMLElement {
  const root = document.getElementById('root');
  if (!root) throw new Error('#root missing');
  return root;
}
