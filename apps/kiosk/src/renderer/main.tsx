// The kiosk page (/kiosk/): Electron (window.luot) or a browser kiosk.
import './zod-jitless.ts';
import { detectPlatform } from '@luot/ui';
import { createRoot } from 'react-dom/client';
import { I18nextProvider } from 'react-i18next';
import { KioskApp } from './App.tsx';
import { boot, rootElement } from './boot.ts';

const { settings, client, i18n, origin } = boot();
const platform = detectPlatform({ client });
// No context menu (long press) and no pinch zoom on a kiosk.
document.addEventListener('contextmenu', (e) => e.preventDefault());

createRoot(rootElement()).render(
  <I18nextProvider i18n={i18n}>
    <KioskApp client={client} platform={platform} settings={settings} origin={origin} />
  </I18nextProvider>,
);
