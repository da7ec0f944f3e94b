// What the page does first: the shared theme and the display's styles, the settings from the URL,
// the language, the hub client. The rest of the start is @luot/ui/boot's.
import '@luot/ui/theme.css';
import './display.css';
import { HubClient } from '@luot/ui';
import { startLanguage } from '@luot/ui/boot';
import { parseSettings } from './settings.ts';

export function boot() {
  const settings = parseSettings(location.search);
  const client = new HubClient({ baseUrl: settings.hubUrl });
  const i18n = startLanguage();
  return { settings, client, i18n };
}
