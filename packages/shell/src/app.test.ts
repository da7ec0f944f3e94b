// runShell with a stand-in for Electron: what every shell (kiosk, counter, display) does at start
// and when the renderer misbehaves — checked on the calls it makes, the handlers it registers and
// what they answer.
import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { type ElectronParts, runShell, type ShellSpec } from './app.ts';

const HUB = 'http://hub.local:8080';

class FakeContents extends EventEmitter {
  url = '';
  reloads = 0;
  sent: unknown[][] = [];
  openHandler: (() => { action: string }) | null = null;
  destroyed = false;
  setWindowOpenHandler(h: () => { action: 'deny' }) {
    this.openHandler = h;
  }
  reload() {
    this.reloads += 1;
  }
  getURL() {
    return this.url;
  }
  isDestroyed() {
    return this.destroyed;
  }
  send(channel: string, ...args: unknown[]) {
    this.sent.push([channel, ...args]);
  }
}

class FakeWindow extends EventEmitter {
  static made: FakeWindow[] = [];
  webContents = new FakeContents();
  loaded: string[] = [];
  shown = false;
  constructor(readonly options: any) {
    super();
    FakeWindow.made.push(this);
  }
  show() {
    this.shown = true;
  }
  isMinimized() {
    return false;
  }
  restore() {}
  focus() {}
  loadURL(url: string) {
    this.loaded.push(url);
    this.webContents.url = url;
    return Promise.resolve();
  }
}

function fakeElectron(opts: { locked?: boolean } = {}) {
  const app = new EventEmitter() as EventEmitter & Record<string, any>;
  const calls = { quit: 0, errors: [] as string[][], menu: [] as unknown[] };
  const handlers = new Map<string, (event: any, ...args: any[]) => unknown>();
  let headersListener: any = null;
  let permissionHandler: any = null;
  Object.assign(app, {
    requestSingleInstanceLock: () => !opts.locked,
    quit: () => {
      calls.quit += 1;
    },
    whenReady: () => Promise.resolve(),
    getPath: () => '/user-data',
  });
  const electron: ElectronParts = {
    app: app as unknown as ElectronParts['app'],
    BrowserWindow: FakeWindow as unknown as ElectronParts['BrowserWindow'],
    dialog: { showErrorBox: (title, content) => calls.errors.push([title, content]) },
    ipcMain: { handle: (channel, listener) => handlers.set(channel, listener) },
    Menu: { setApplicationMenu: (menu) => calls.menu.push(menu) },
    session: {
      defaultSession: {
        webRequest: { onHeadersReceived: (l) => (headersListener = l) },
        setPermissionRequestHandler: (h) => (permissionHandler = h),
      },
    },
  };
  return {
    electron,
    app,
    calls,
    handlers,
    headers: (responseHeaders: Record<string, string[]>) =>
      new Promise<Record<string, unknown>>((resolve) =>
        headersListener({ responseHeaders }, (r: any) => resolve(r.responseHeaders)),
      ),
    permission: (name: string) => new Promise<boolean>((resolve) => permissionHandler(null, name, resolve)),
  };
}

type Cfg = { hubUrl: string; name: string };
function spec(over: Partial<ShellSpec<Cfg>> = {}): ShellSpec<Cfg> {
  return {
    title: 'Lượt – thử',
    loadConfig: (userData) => ({ hubUrl: HUB, name: userData }),
    pageUrl: ({ hubUrl }) => `${hubUrl}/kiosk/`,
    windowOptions: (preload) => ({ show: false, webPreferences: { preload } }),
    handlers: (config) => ({
      'x:config': () => config.name,
      'x:add': (a: number, b: number) => a + b,
    }),
    ...over,
  };
}

function timers() {
  const pending: { run: () => void; ms: number }[] = [];
  return { pending, setTimer: (run: () => void, ms: number) => pending.push({ run, ms }) };
}

describe('runShell', () => {
  it('opens one window on the hub page with the preload beside main, and no menu', async () => {
    const f = fakeElectron();
    const started = await runShell(f.electron, spec(), { dir: '/app/dist' });
    const win = FakeWindow.made.at(-1)!;
    expect(started?.window).toBe(win);
    expect(win.options.webPreferences.preload).toBe('/app/dist/preload.cjs');
    expect(win.loaded).toEqual([`${HUB}/kiosk/`]);
    expect(f.calls.menu).toEqual([null]);
    win.emit('ready-to-show');
    expect(win.shown).toBe(true);
    // Closing the window ends the app.
    f.app.emit('window-all-closed');
    expect(f.calls.quit).toBe(1);
  });

  it('quits at once when another instance runs', async () => {
    const f = fakeElectron({ locked: true });
    const made = FakeWindow.made.length;
    expect(await runShell(f.electron, spec(), { dir: '/d' })).toBeNull();
    expect(f.calls.quit).toBe(1);
    expect(FakeWindow.made.length).toBe(made);
  });

  it('shows a bad config in an error box and quits, without a window', async () => {
    const f = fakeElectron();
    const made = FakeWindow.made.length;
    const started = await runShell(
      f.electron,
      spec({
        loadConfig: () => {
          throw new Error('kiosk.json: hubUrl must be an http(s) URL');
        },
      }),
      { dir: '/d' },
    );
    expect(started).toBeNull();
    expect(f.calls.errors).toEqual([['Lượt – thử', 'kiosk.json: hubUrl must be an http(s) URL']]);
    expect(f.calls.quit).toBe(1);
    expect(FakeWindow.made.length).toBe(made);
  });

  it('answers IPC only from the hub page', async () => {
    const f = fakeElectron();
    await runShell(f.electron, spec(), { dir: '/d' });
    const add = f.handlers.get('x:add')!;
    expect(add({ senderFrame: { url: `${HUB}/kiosk/` } }, 2, 3)).toBe(5);
    expect(f.handlers.get('x:config')!({ senderFrame: { url: `${HUB}/kiosk/#x` } })).toBe('/user-data');
    expect(() => add({ senderFrame: { url: 'http://evil.example/' } }, 2, 3)).toThrow(/not the hub page/);
    expect(() => add({ senderFrame: null }, 2, 3)).toThrow(/not the hub page/);
    expect(() => add({ senderFrame: { url: 'http://hub.local:9090/' } }, 1, 1)).toThrow(/not the hub page/);
  });

  it('replaces any CSP with its own and grants no permission', async () => {
    const f = fakeElectron();
    await runShell(f.electron, spec(), { dir: '/d' });
    const headers = await f.headers({
      'content-security-policy': ['default-src *'],
      'Content-Type': ['text/html'],
    });
    expect(headers['content-security-policy']).toBeUndefined();
    expect(headers['Content-Type']).toEqual(['text/html']);
    expect(String(headers['Content-Security-Policy'])).toContain(
      `connect-src 'self' ${HUB} ws://hub.local:8080`,
    );
    expect(await f.permission('media')).toBe(false);
    expect(await f.permission('geolocation')).toBe(false);
  });

  it('locks navigation to the hub and refuses new windows and webviews', async () => {
    const f = fakeElectron();
    await runShell(f.electron, spec(), { dir: '/d' });
    const c = FakeWindow.made.at(-1)!.webContents;
    const attempt = (event: string, url?: string) => {
      let prevented = false;
      c.emit(event, { preventDefault: () => (prevented = true) }, url);
      return prevented;
    };
    expect(attempt('will-navigate', `${HUB}/kiosk/?x=1`)).toBe(false);
    expect(attempt('will-navigate', 'https://example.com/')).toBe(true);
    expect(attempt('will-redirect', 'http://hub.local.evil/')).toBe(true);
    expect(attempt('will-attach-webview')).toBe(true);
    expect(c.openHandler!()).toEqual({ action: 'deny' });
  });

  it('reloads a crashed renderer, waits after too many crashes, and retries an unreachable hub', async () => {
    const f = fakeElectron();
    const t = timers();
    let now = 0;
    await runShell(f.electron, spec(), {
      dir: '/d',
      now: () => now,
      setTimer: t.setTimer,
      retryLoadMs: 5000,
    });
    const win = FakeWindow.made.at(-1)!;
    const c = win.webContents;
    for (let i = 0; i < 5; i++) c.emit('render-process-gone');
    expect(c.reloads).toBe(5);
    c.emit('render-process-gone');
    expect(c.reloads).toBe(5);
    expect(t.pending.map((p) => p.ms)).toEqual([60_000]);
    t.pending.shift()!.run();
    expect(c.reloads).toBe(6);
    // A minute later the crash count starts again.
    now = 61_001;
    c.emit('render-process-gone');
    expect(c.reloads).toBe(7);

    c.emit('did-fail-load', {}, -102, 'ERR_CONNECTION_REFUSED', 'https://fonts.example/x.css', true);
    c.emit('did-fail-load', {}, -102, 'ERR_CONNECTION_REFUSED', `${HUB}/kiosk/img.png`, false);
    expect(t.pending).toEqual([]);
    c.emit('did-fail-load', {}, -102, 'ERR_CONNECTION_REFUSED', `${HUB}/kiosk/`, true);
    expect(t.pending.map((p) => p.ms)).toEqual([5000]);
    t.pending.shift()!.run();
    expect(win.loaded).toEqual([`${HUB}/kiosk/`, `${HUB}/kiosk/`]);
  });

  it('tells the app whether the window shows the hub (for device events)', async () => {
    const f = fakeElectron();
    const seen: boolean[] = [];
    const started = await runShell(f.electron, spec({ started: ({ showsHub }) => seen.push(showsHub()) }), {
      dir: '/d',
    });
    // Called before the page is loaded: nothing shown yet.
    expect(seen).toEqual([false]);
    const c = FakeWindow.made.at(-1)!.webContents;
    expect(started!.showsHub()).toBe(true);
    c.url = 'chrome-error://chromewebdata/';
    expect(started!.showsHub()).toBe(false);
    c.url = `${HUB}/kiosk/`;
    c.destroyed = true;
    expect(started!.showsHub()).toBe(false);
  });
});
