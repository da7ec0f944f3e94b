// What both pages do first: the shared theme and the counter's styles, the language, the hub
// client. The rest of the start is @luot/ui/boot's.
import '@luot/ui/theme.css';
import './counter.css';
import { HubClient, hubOrigin } from '@luot/ui';
import { startLanguage } from '@luot/ui/boot';

export function boot() {
  const query = new URLSearchParams(location.search);
  // The hub that serves this page (/counter/); `?hub=` only for a page opened from a file.
  const client = new HubClient({ baseUrl: hubOrigin(query.get('hub')) });
  const i18n = startLanguage();
  return { client, i18n, query };
}
