// The Electron main process of the wall display: THIN on purpose (Electron cannot run on the
// project's machines). Every decision lives in a module tested under Node: @luot/shell's
// runShell (one instance, CSP, navigation lock, IPC only for the hub's page, crash reloads) and
// token store, config.ts (display.json), window.ts (window options: the shared secure
// preferences plus autoplay).
// Expected layout once bundled: main.mjs and preload.cjs side by side.
import { join } from 'node:path';
import { deviceTokenHandlers, runShell } from '@luot/shell';
import * as electron from 'electron';
import { DISPLAY_IPC } from '../preload/channels.ts';
import { type DisplayConfig, displayPageUrl, loadDisplayConfig } from './config.ts';
import { displayWindowOptions } from './window.ts';

void runShell<DisplayConfig>(
  electron,
  {
    title: 'Lượt – màn hình',
    loadConfig: (userData) => loadDisplayConfig(join(userData, 'display.json')),
    pageUrl: displayPageUrl,
    windowOptions: displayWindowOptions,
    handlers: (config, userData) => ({
      ...deviceTokenHandlers(join(userData, 'device-token.bin'), electron.safeStorage, DISPLAY_IPC).handlers,
      [DISPLAY_IPC.getConfig]: () => ({ hubUrl: config.hubUrl, deviceKind: 'display' as const }),
    }),
    // A wall display is on all day: no screen saver, no display sleep.
    started: ({ config }) => {
      if (config.preventSleep) electron.powerSaveBlocker.start('prevent-display-sleep');
    },
  },
  { dir: import.meta.dirname },
);
