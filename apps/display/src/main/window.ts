// The display window: the shared secure web preferences (packages/shell) plus sound without a
// touch, fullscreen kiosk mode, no menu. Plain data, tested under Node.
import { secureWebPreferences } from '@luot/shell';
import type { DisplayConfig } from './config.ts';

/** BrowserWindow options of the display (a subset of Electron's BrowserWindowConstructorOptions). */
export function displayWindowOptions(preload: string, config: Pick<DisplayConfig, 'fullscreen'>) {
  return {
    fullscreen: config.fullscreen,
    kiosk: config.fullscreen,
    autoHideMenuBar: true,
    // The display's page colour, so no white flash before the first paint.
    backgroundColor: '#0a1a2f',
    show: false,
    webPreferences: {
      ...secureWebPreferences(preload),
      // Calls are announced without anyone touching the screen (nothing else is loosened).
      autoplayPolicy: 'no-user-gesture-required',
      backgroundThrottling: false,
    },
  } as const;
}
