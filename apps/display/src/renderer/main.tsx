// The wall display page (/display/): Electron (window.luot) or a browser on a TV box.
import '@luot/ui/zod-jitless';
import { detectPlatform } from '@luot/ui';
import { mountApp } from '@luot/ui/boot';
import { DisplayApp } from './App.tsx';
import { boot } from './boot.ts';
import { DISPLAY_TOKEN_KEY } from './settings.ts';

const { settings, client, i18n } = boot();
const platform = detectPlatform({ client, storageKey: DISPLAY_TOKEN_KEY });
// The Electron shell shows nothing to point at: no cursor over the screen.
if (platform.kind === 'electron') document.body.classList.add('d-electron');
document.addEventListener('contextmenu', (e) => e.preventDefault());

mountApp(i18n, <DisplayApp client={client} platform={platform} settings={settings} />);
