// The Electron main process of the counter terminal: THIN on purpose (Electron cannot run on the
// project's machines). Every decision lives in a module tested under Node: @luot/shell's
// runShell (one instance, CSP, navigation lock, IPC only for the hub's page, crash reloads),
// config.ts (counter.json), ipc.ts (checking what the renderer sends, the device bridge's life),
// devices.ts (sign, keypad, rating pad).
// Expected layout once bundled: main.mjs and preload.cjs side by side.
import { join } from 'node:path';
import { createTokenStore, runShell, secureWebPreferences } from '@luot/shell';
import * as electron from 'electron';
import { COUNTER_IPC } from '../preload/channels.ts';
import { type CounterConfig, loadCounterConfig } from './config.ts';
import { createDevicesManager, type DevicesManager, shellConfig } from './ipc.ts';

let devices: DevicesManager | null = null;

void runShell<CounterConfig>(
  electron,
  {
    title: 'Lượt – quầy',
    loadConfig: (userData) => loadCounterConfig(join(userData, 'counter.json')),
    pageUrl: ({ hubUrl }) => `${hubUrl}/counter/`,
    windowOptions: (preload, config) => ({
      fullscreen: config.fullscreen,
      autoHideMenuBar: true,
      backgroundColor: '#ffffff',
      show: false,
      webPreferences: secureWebPreferences(preload),
    }),
    handlers: (config) => {
      // The pad rates with its own counter device token (ipc.ts padClient), kept like the kiosk's.
      const padTokens = createTokenStore(
        join(electron.app.getPath('userData'), 'pad-token.bin'),
        electron.safeStorage,
      );
      const bridge = createDevicesManager({ config, padTokens });
      devices = bridge;
      return {
        [COUNTER_IPC.getConfig]: () => shellConfig(config),
        [COUNTER_IPC.setSession]: (value: unknown) => bridge.setSession(value),
        [COUNTER_IPC.getStatus]: () => bridge.status(),
      };
    },
    // Device events go to the window only while it shows the hub's page.
    started: ({ window, showsHub }) => {
      devices?.onEvent((event) => {
        if (showsHub()) window.webContents.send(COUNTER_IPC.event, event);
      });
      electron.app.on('before-quit', () => void devices?.stop());
    },
  },
  { dir: import.meta.dirname },
);
