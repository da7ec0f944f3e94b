// What both pages do first: the shared theme and the counter's styles, i18n, the hub client.
import '@luot/ui/theme.css';
import './counter.css';
import { createI18n, HubClient, hubOrigin, isLanguage } from '@luot/ui';

export function boot() {
  const query = new URLSearchParams(location.search);
  // The hub that serves this page (/counter/); `?hub=` only for a page opened from a file.
  const client = new HubClient({ baseUrl: hubOrigin(query.get('hub')) });
  const i18n = createI18n('vi');
  const setLang = (lng: string) => {
    document.documentElement.lang = isLanguage(lng) ? lng : 'vi';
  };
  setLang(i18n.language);
  i18n.on('languageChanged', setLang);
  return { client, i18n, query };
}

export function rootElement(): HTMLElement {
  const root = document.getElementById('root');
  if (!root) throw new Error('#root missing');
  return root;
}
