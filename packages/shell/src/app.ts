// The life of a Lượt Electron shell (kiosk, counter, display), shared: one instance, no menu,
// the config file read at start (a bad one is shown and the app quits), our CSP on every
// response, no permission granted, IPC answered only for the hub's page, navigation locked to
// the hub, no new windows or webviews, a crashed renderer reloaded (not in a tight loop), an
// unreachable hub retried. Electron comes in as a parameter, so this runs under Node in tests
// with a stand-in (app.test.ts); each app's main.ts only passes `electron` and its own parts.
import { join } from 'node:path';
import { contentSecurityPolicy, crashReloadPolicy, isAllowedNavigation } from './security.ts';

/** What is needed of a BrowserWindow's webContents. */
export interface ShellContents {
  on(event: string, listener: (...args: never[]) => void): unknown;
  setWindowOpenHandler(handler: () => { action: 'deny' }): void;
  reload(): void;
  getURL(): string;
  isDestroyed(): boolean;
  send(channel: string, ...args: unknown[]): void;
}

export interface ShellWindow {
  webContents: ShellContents;
  once(event: 'ready-to-show', listener: () => void): unknown;
  show(): void;
  isMinimized(): boolean;
  restore(): void;
  focus(): void;
  loadURL(url: string): Promise<unknown>;
}

interface HeadersDetails {
  responseHeaders?: Record<string, string[] | string>;
}

// biome-ignore lint/suspicious/noExplicitAny: each app passes Electron's own BrowserWindowConstructorOptions
type WindowOptions = any;

/** The parts of the `electron` module a shell uses (structurally: the real module fits). */
export interface ElectronParts {
  app: {
    requestSingleInstanceLock(): boolean;
    quit(): void;
    on(event: string, listener: (...args: never[]) => void): unknown;
    whenReady(): Promise<unknown>;
    getPath(name: 'userData'): string;
  };
  BrowserWindow: new (options: WindowOptions) => ShellWindow;
  dialog: { showErrorBox(title: string, content: string): void };
  ipcMain: {
    handle(
      channel: string,
      listener: (event: { senderFrame?: { url: string } | null }, ...args: unknown[]) => unknown,
    ): void;
  };
  Menu: { setApplicationMenu(menu: null): void };
  session: {
    defaultSession: {
      webRequest: {
        onHeadersReceived(
          listener: (
            details: HeadersDetails,
            callback: (response: { responseHeaders: Record<string, string[] | string> }) => void,
          ) => void,
        ): void;
      };
      setPermissionRequestHandler(
        handler: (contents: unknown, permission: string, callback: (granted: boolean) => void) => void,
      ): void;
    };
  };
}

export interface ShellStarted<C> {
  config: C;
  window: ShellWindow;
  /** True while the window shows one of the hub's pages (device events go only then). */
  showsHub(): boolean;
}

export interface ShellSpec<C extends { hubUrl: string }> {
  /** The error box's title, e.g. "Lượt – quầy". */
  title: string;
  /** Reads (and checks) the app's config from the user-data folder; throws a readable error. */
  loadConfig(userData: string): C;
  /** The hub page the window shows. */
  pageUrl(config: C): string;
  /** BrowserWindow options (with the shared secure webPreferences and this preload). */
  windowOptions(preload: string, config: C): object;
  /** IPC handlers by channel; each answers only the hub's page, others get an error. */
  handlers(config: C, userData: string): Record<string, (...args: never[]) => unknown>;
  /** After the window is made: power-save blocker, device events… */
  started?(started: ShellStarted<C>): void;
}

export interface ShellOptions {
  /** Folder of the bundled main.mjs: preload.cjs lies beside it. */
  dir: string;
  /** A failed page load is tried again after this long (default 5 s). */
  retryLoadMs?: number;
  /** A renderer that crashed too often is reloaded after this long (default 60 s). */
  giveUpReloadMs?: number;
  now?: () => number;
  setTimer?: (run: () => void, ms: number) => unknown;
}

/** Starts a shell; returns a promise of the started app (tests await it; main.ts need not). */
export function runShell<C extends { hubUrl: string }>(
  electron: ElectronParts,
  spec: ShellSpec<C>,
  options: ShellOptions,
): Promise<ShellStarted<C> | null> {
  const { app, dialog, Menu } = electron;
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return Promise.resolve(null);
  }
  let window: ShellWindow | null = null;
  app.on('second-instance', () => {
    if (!window) return;
    if (window.isMinimized()) window.restore();
    window.focus();
  });
  app.on('window-all-closed', () => app.quit());
  Menu.setApplicationMenu(null);
  const fail = (error: unknown) => {
    dialog.showErrorBox(spec.title, error instanceof Error ? error.message : String(error));
    app.quit();
    return null;
  };
  return app.whenReady().then(() => {
    try {
      const started = start(electron, spec, options);
      window = started.window;
      return started;
    } catch (error) {
      return fail(error);
    }
  }, fail);
}

function start<C extends { hubUrl: string }>(
  electron: ElectronParts,
  spec: ShellSpec<C>,
  options: ShellOptions,
): ShellStarted<C> {
  const { app, BrowserWindow, ipcMain, session } = electron;
  const now = options.now ?? Date.now;
  const setTimer = options.setTimer ?? ((run: () => void, ms: number) => setTimeout(run, ms));
  const userData = app.getPath('userData');
  const config = spec.loadConfig(userData);
  const { hubUrl } = config;
  const pageUrl = spec.pageUrl(config);

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
  for (const [channel, handler] of Object.entries(spec.handlers(config, userData))) {
    ipcMain.handle(channel, (event, ...args) => {
      if (!isAllowedNavigation(event.senderFrame?.url ?? '', hubUrl))
        throw new Error('refused: not the hub page');
      return (handler as (...values: unknown[]) => unknown)(...args);
    });
  }

  const window = new BrowserWindow(spec.windowOptions(join(options.dir, 'preload.cjs'), config));
  const contents = window.webContents;
  window.once('ready-to-show', () => window.show());

  // Navigation locked to the hub; no new windows, no webviews.
  const lock = (event: { preventDefault(): void }, url: string) => {
    if (!isAllowedNavigation(url, hubUrl)) event.preventDefault();
  };
  contents.on('will-navigate', lock);
  contents.on('will-redirect', lock);
  contents.on('will-attach-webview', (event: { preventDefault(): void }) => event.preventDefault());
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));

  // A renderer crash reloads the page (not in a tight loop); an unreachable hub is retried.
  const crashed = crashReloadPolicy();
  contents.on('render-process-gone', () => {
    if (crashed(now()) === 'reload') contents.reload();
    else setTimer(() => contents.reload(), options.giveUpReloadMs ?? 60_000);
  });
  contents.on('did-fail-load', (_event, _code, _description, url: string, isMainFrame: boolean) => {
    if (isMainFrame && isAllowedNavigation(url, hubUrl))
      setTimer(() => void window.loadURL(pageUrl), options.retryLoadMs ?? 5000);
  });

  const started: ShellStarted<C> = {
    config,
    window,
    showsHub: () => !contents.isDestroyed() && isAllowedNavigation(contents.getURL(), hubUrl),
  };
  spec.started?.(started);
  void window.loadURL(pageUrl);
  return started;
}
