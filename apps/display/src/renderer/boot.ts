// What the page does first: the shared theme and the display's styles, i18n, the hub client.
import '@luot/ui/theme.css';
import './display.css';
import { createI18n, HubClient, isLanguage } from '@luot/ui';
import { parseSettings } from './settings.ts';

export function boot() {
  const settings = parseSettings(location.search);
  const client = new HubClient({ baseUrl: settings.hubUrl });
  const i18n = createI18n('vi');
  const setLang = (lng: string) => {
    document.documentElement.lang = isLanguage(lng) ? lng : 'vi';
  };
  setLang(i18n.language);
  i18n.on('languageChanged', setLang);
  return { settings, client, i18n };
}

export function rootElement(): HTMLElement {
  const root = document.getElementById('root');
  if (!root) throw new Error('#root missing');
  return root;
}
