// The Electron main process of the wall display: THIN on purpose (Electron cannot run on the
// project's machines). Every decision lives in a module tested under Node: config.ts
// (display.json), window.ts (window options: the shared secure preferences plus autoplay),
// token.ts (the encrypted device token), @luot/shell (navigation, CSP, crash reloads).
// Expected layout once bundled: main.mjs and preload.cjs side by side.
import { join } from 'node:path';
import {
  contentSecurityPolicy,
  crashReloadPolicy,
  createTokenStore,
  isAllowedNavigation,
  isDeviceToken,
} from '@luot/shell';
import {
  app,
  BrowserWindow,
  dialog,
  type IpcMainInvokeEvent,
  ipcMain,
  Menu,
  powerSaveBlocker,
  safeStorage,
  session,
} from 'electron';
import { DISPLAY_IPC } from '../preload/channels.ts';
import { type DisplayConfig, displayPageUrl, loadDisplayConfig } from './config.ts';

import { displayWindowOptions } from './window.ts';

const PRELOAD = join(import.meta.dirname, 'preload.cjs');
const RETRY_LOAD_MS = 5000;

let win: BrowserWindow | null = null;

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => {
    if (!win) return;
    if (win.isMinimized()) win.restore();
    win.focus();
  });
  app.on('window-all-closed', () => app.quit());
  Menu.setApplicationMenu(null);
  app.whenReady().then(start, (error: unknown) => fail(error));
}

function fail(error: unknown): void {
  dialog.showErrorBox('Lượt – màn hình', error instanceof Error ? error.message : String(error));
  app.quit();
}

function start(): void {
  const userData = app.getPath('userData');
  let config: DisplayConfig;
  try {
    config = loadDisplayConfig(join(userData, 'display.json'));
  } catch (error) {
    fail(error);
    return;
  }
  const { hubUrl } = config;
  const pageUrl = displayPageUrl(config);
  const tokens = createTokenStore(join(userData, 'device-token.bin'), safeStorage);
  // A wall display is on all day: no screen saver, no display sleep.
  if (config.preventSleep) powerSaveBlocker.start('prevent-display-sleep');

  // Our CSP replaces whatever the page came with; no permission (camera, geolocation…) is granted.
  const csp = contentSecurityPolicy(hubUrl);
  session.defaultSession.webRequest.onHeadersReceived((details, callback) => {
    const headers = Object.fromEntries(
      Object.entries(details.responseHeaders ?? {}).filter(
        ([name]) => name.toLowerCase() !== 'content-security-policy',
      ),
    );
    callback({ responseHeaders: { ...headers, 'Content-Security-Policy': [csp] } });
  });
  session.defaultSession.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));

  // IPC: only the hub's page may ask.
  const fromHub = (event: IpcMainInvokeEvent) => isAllowedNavigation(event.senderFrame?.url ?? '', hubUrl);
  const guard =
    <A extends unknown[], R>(handler: (...args: A) => R) =>
    (event: IpcMainInvokeEvent, ...args: A): R => {
      if (!fromHub(event)) throw new Error('refused: not the hub page');
      return handler(...args);
    };
  ipcMain.handle(
    DISPLAY_IPC.getConfig,
    guard(() => ({ hubUrl, deviceKind: 'display' as const })),
  );
  ipcMain.handle(
    DISPLAY_IPC.getToken,
    guard(() => tokens.get()),
  );
  ipcMain.handle(
    DISPLAY_IPC.setToken,
    guard((token: unknown) => {
      if (!isDeviceToken(token)) throw new Error('not a device token');
      tokens.set(token);
    }),
  );
  ipcMain.handle(
    DISPLAY_IPC.clearToken,
    guard(() => tokens.clear()),
  );

  win = new BrowserWindow(displayWindowOptions(PRELOAD, config));
  const contents = win.webContents;
  win.once('ready-to-show', () => win?.show());

  // Navigation locked to the hub; no new windows, no webviews.
  const lock = (event: { preventDefault(): void }, url: string) => {
    if (!isAllowedNavigation(url, hubUrl)) event.preventDefault();
  };
  contents.on('will-navigate', lock);
  contents.on('will-redirect', lock);
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));

  // A renderer crash reloads the page (not in a tight loop); an unreachable hub is retried.
  const crashed = crashReloadPolicy();
  contents.on('render-process-gone', () => {
    if (crashed(Date.now()) === 'reload') contents.reload();
    else setTimeout(() => contents.reload(), 60_000);
  });
  contents.on('did-fail-load', (_event, _code, _description, url, isMainFrame) => {
    if (isMainFrame && isAllowedNavigation(url, hubUrl))
      setTimeout(() => void win?.loadURL(pageUrl), RETRY_LOAD_MS);
  });

  void win.loadURL(pageUrl);
}
