// The Electron main process of the kiosk: THIN on purpose (Electron cannot run on the project's
// machines). Every decision lives in a module tested under Node: @luot/shell's runShell (one
// instance, CSP, navigation lock, IPC only for the hub's page, crash reloads), config.ts
// (kiosk.json), print.ts (local printer), ipc.ts (checking what the renderer sends, printing via
// the hub), @luot/shell's token store (the encrypted device token).
// Expected layout once bundled: main.mjs and preload.cjs side by side.
import { join } from 'node:path';
import { deviceTokenHandlers, runShell, secureWebPreferences } from '@luot/shell';
import * as electron from 'electron';
import { IPC } from '../preload/channels.ts';
import { type KioskConfig, loadKioskConfig } from './config.ts';
import { parsePrintJob, printViaHub } from './ipc.ts';
import { printLocally } from './print.ts';

void runShell<KioskConfig>(
  electron,
  {
    title: 'Lượt kiosk',
    loadConfig: (userData) => loadKioskConfig(join(userData, 'kiosk.json')),
    pageUrl: ({ hubUrl }) => `${hubUrl}/kiosk/`,
    windowOptions: (preload, config) => ({
      fullscreen: config.fullscreen,
      kiosk: config.fullscreen,
      autoHideMenuBar: true,
      backgroundColor: '#ffffff',
      show: false,
      webPreferences: secureWebPreferences(preload),
    }),
    handlers: (config, userData) => {
      const token = deviceTokenHandlers(join(userData, 'device-token.bin'), electron.safeStorage, IPC);
      const tokens = token.tokens;
      return {
        ...token.handlers,
        [IPC.getConfig]: () => ({ hubUrl: config.hubUrl, deviceKind: 'kiosk' as const }),
        [IPC.print]: async (job: unknown) => {
          const checked = parsePrintJob(job);
          if (!checked) return { ok: false, error: 'error', message: 'not a print job' };
          // The layout comes from the renderer; a kiosk without its own printer lets the hub print.
          if (config.printer) return printLocally(checked.layout, config);
          return printViaHub(config.hubUrl, tokens.get(), checked.ticketId);
        },
      };
    },
  },
  { dir: import.meta.dirname },
);
