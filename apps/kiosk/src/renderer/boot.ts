// What both pages do first: the shared theme and the kiosk's styles, the settings from the URL,
// the language, the hub client. The rest of the start is @luot/ui/boot's.
import '@luot/ui/theme.css';
import './kiosk.css';
import { HubClient } from '@luot/ui';
import { startLanguage } from '@luot/ui/boot';
import { parseSettings } from './settings.ts';

export function boot(options: { retry?: boolean } = {}) {
  const settings = parseSettings(location.search);
  const client = new HubClient({
    baseUrl: settings.hubUrl,
    ...(options.retry === false ? { retry: { attempts: 1 }, timeoutMs: 8000 } : {}),
  });
  const i18n = startLanguage();
  /** The hub's origin as phones open it: this page's (`?hub=` only for a page opened from a file). */
  const origin = settings.hubUrl || location.origin;
  return { settings, client, i18n, origin };
}
