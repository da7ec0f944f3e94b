// What the page does first: the shared theme and the dashboard's styles, the language (kept in
// this browser), the hub client. The rest of the start is @luot/ui/boot's.
import '@luot/ui/theme.css';
import './admin.css';
import { HubClient, hubOrigin } from '@luot/ui';
import { startLanguage } from '@luot/ui/boot';

export const LANGUAGE_KEY = 'luot.admin.language';

export function boot() {
  const query = new URLSearchParams(location.search);
  // The hub that serves this page (/admin/); `?hub=` only for a page opened from a file.
  const client = new HubClient({ baseUrl: hubOrigin(query.get('hub')) });
  const i18n = startLanguage({ rememberAs: LANGUAGE_KEY });
  return { client, i18n };
}
