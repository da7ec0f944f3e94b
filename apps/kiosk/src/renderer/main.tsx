// The kiosk page (/kiosk/): Electron (window.luot) or a browser kiosk.
import '@luot/ui/zod-jitless';
import { detectPlatform } from '@luot/ui';
import { mountApp } from '@luot/ui/boot';
import { KioskApp } from './App.tsx';
import { boot } from './boot.ts';

const { settings, client, i18n, origin } = boot();
const platform = detectPlatform({ client });
// No context menu (long press) and no pinch zoom on a kiosk.
document.addEventListener('contextmenu', (e) => e.preventDefault());

mountApp(i18n, <KioskApp client={client} platform={platform} settings={settings} origin={origin} />);
