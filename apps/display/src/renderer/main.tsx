// The wall display page (/display/): Electron (window.luot) or a browser on a TV box.
import './zod-jitless.ts';
import { detectPlatform } from '@luot/ui';
import { createRoot } from 'react-dom/client';
import { I18nextProvider } from 'react-i18next';
import { DisplayApp } from './App.tsx';
import { boot, rootElement } from './boot.ts';
import { DISPLAY_TOKEN_KEY } from './settings.ts';

const { settings, client, i18n } = boot();
const platform = detectPlatform({ client, storageKey: DISPLAY_TOKEN_KEY });
// The Electron shell shows nothing to point at: no cursor over the screen.
if (platform.kind === 'electron') document.body.classList.add('d-electron');
document.addEventListener('contextmenu', (e) => e.preventDefault());

createRoot(rootElement()).render(
  <I18nextProvider i18n={i18n}>
    <DisplayApp client={client} platform={platform} settings={settings} />
  </I18nextProvider>,
);
