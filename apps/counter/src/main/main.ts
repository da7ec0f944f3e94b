// The Electron main process of the counter terminal: THIN on purpose (Electron cannot run on the
// project's machines). Every decision lives in a module tested under Node: config.ts
// (counter.json), security.ts (web preferences, navigation, CSP, crash reloads), ipc.ts (checking
// what the renderer sends, the device bridge's life), devices.ts (sign, keypad, rating pad).
// Expected layout once bundled: main.mjs and preload.cjs side by side.
import { join } from 'node:path';
import {
  contentSecurityPolicy,
  crashReloadPolicy,
  isAllowedNavigation,
  secureWebPreferences,
} from '@luot/shell';
import { app, BrowserWindow, dialog, type IpcMainInvokeEvent, ipcMain, Menu, session } from 'electron';
import { COUNTER_IPC } from '../preload/channels.ts';
import { type CounterConfig, loadCounterConfig } from './config.ts';
import { createDevicesManager, shellConfig } from './ipc.ts';

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
  dialog.showErrorBox('Lượt – quầy', error instanceof Error ? error.message : String(error));
  app.quit();
}

function start(): void {
  let config: CounterConfig;
  try {
    config = loadCounterConfig(join(app.getPath('userData'), 'counter.json'));
  } catch (error) {
    fail(error);
    return;
  }
  const { hubUrl } = config;
  const pageUrl = `${hubUrl}/counter/`;
  const devices = createDevicesManager({ config });

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
    COUNTER_IPC.getConfig,
    guard(() => shellConfig(config)),
  );
  ipcMain.handle(
    COUNTER_IPC.setSession,
    guard((value: unknown) => devices.setSession(value)),
  );
  ipcMain.handle(
    COUNTER_IPC.getStatus,
    guard(() => devices.status()),
  );

  win = new BrowserWindow({
    fullscreen: config.fullscreen,
    autoHideMenuBar: true,
    backgroundColor: '#ffffff',
    show: false,
    webPreferences: secureWebPreferences(PRELOAD),
  });
  const contents = win.webContents;
  win.once('ready-to-show', () => win?.show());

  // Device events go to the window only while it shows the hub's page.
  devices.onEvent((event) => {
    if (!contents.isDestroyed() && isAllowedNavigation(contents.getURL(), hubUrl))
      contents.send(COUNTER_IPC.event, event);
  });
  app.on('before-quit', () => void devices.stop());

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
