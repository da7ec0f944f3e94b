// End-to-end harness: the built kiosk, counter terminal and wall display in Debian's Chromium
// against a real hub (in process, temp data dir, demo seed) that prints on the ESC/POS printer
// emulator.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmdirSync, rmSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type EmulatedTicket, type PrinterEmulator, startPrinterEmulator } from '@luot/hardware';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { type Api, startTestHub, type TestHub, tempDir } from '../apps/hub/test/harness.ts';

export const E2E_DIR = dirname(fileURLToPath(import.meta.url));
export const REPO_ROOT = join(E2E_DIR, '..');
export const KIOSK_DIR = join(REPO_ROOT, 'apps', 'kiosk');
export const KIOSK_DIST = join(KIOSK_DIR, 'dist');
export const COUNTER_DIR = join(REPO_ROOT, 'apps', 'counter');
export const COUNTER_DIST = join(COUNTER_DIR, 'dist');
export const DISPLAY_DIR = join(REPO_ROOT, 'apps', 'display');
export const DISPLAY_DIST = join(DISPLAY_DIR, 'dist');
export const ADMIN_DIR = join(REPO_ROOT, 'apps', 'admin');
export const SCREENSHOT_DIR = join(E2E_DIR, 'screenshots');
export const CHROMIUM = process.env.LUOT_CHROMIUM ?? '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  // The wall display announces calls without anyone touching it (its Electron shell does the same).
  '--autoplay-policy=no-user-gesture-required',
];
/**
 * A browser as a TV box's is out of the box: media plays only after a touch. Headless Chromium
 * lets everything play whatever its flags say (and Playwright's evaluations count as user
 * gestures), so the page gets the policy's behaviour itself: play() fails with NotAllowedError
 * until a real (trusted) pointer or key event.
 */
const STRICT_AUTOPLAY_SCRIPT = `(() => {
  let touched = false;
  for (const type of ['pointerdown', 'touchstart', 'keydown'])
    addEventListener(type, (event) => { if (event.isTrusted) touched = true; }, { capture: true });
  const play = HTMLMediaElement.prototype.play;
  HTMLMediaElement.prototype.play = function () {
    if (touched) return play.call(this);
    return Promise.reject(new DOMException("play() failed because the user didn't interact with the document first.", 'NotAllowedError'));
  };
})();`;

export const VIEWPORTS = {
  portrait: { width: 1080, height: 1920 },
  landscape: { width: 1920, height: 1080 },
  /** A citizen's phone opening the ticket's QR code. */
  phone: { width: 390, height: 844 },
  /** Counter-top screens: a wide bar above the counter, and a small 7-inch panel. */
  wide: { width: 1280, height: 400 },
  small: { width: 800, height: 480 },
  /** The director's desk: a common laptop screen (the dashboard also at landscape 1920×1080). */
  laptop: { width: 1366, height: 768 },
} as const;
export type Orientation = keyof typeof VIEWPORTS;

/** Fails loudly (never skips) when the browser the end-to-end tests need is not installed. */
export function requireChromium(): string {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `e2e: ${CHROMIUM} is missing. The end-to-end tests run in Debian's Chromium: ` +
        '`sudo apt-get install chromium` (.ci/run installs it), or set LUOT_CHROMIUM to another Chromium binary.',
    );
  }
  return CHROMIUM;
}

function newestMtime(path: string): number {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of readdirSync(path)) {
    if (entry === 'node_modules' || entry === 'dist' || entry.startsWith('.')) continue;
    newest = Math.max(newest, newestMtime(join(path, entry)));
  }
  return newest;
}

/** A web app the hub serves: its folder, the pages its build must make, what the build is made from. */
interface WebAppBuild {
  name: 'kiosk' | 'counter' | 'display' | 'admin';
  dir: string;
  pages: readonly string[];
  sources: readonly string[];
}

const SHARED_SOURCES = [
  join(REPO_ROOT, 'packages', 'ui', 'src'),
  join(REPO_ROOT, 'packages', 'shared', 'src'),
];
const appSources = (dir: string, pages: readonly string[]) => [
  join(dir, 'src'),
  join(dir, 'public'),
  ...pages.map((p) => join(dir, p)),
  join(dir, 'vite.config.ts'),
  join(dir, 'package.json'),
  ...SHARED_SOURCES,
];

const KIOSK_APP: WebAppBuild = {
  name: 'kiosk',
  dir: KIOSK_DIR,
  pages: ['index.html', 'status.html'],
  sources: appSources(KIOSK_DIR, ['index.html', 'status.html']),
};
const COUNTER_APP: WebAppBuild = {
  name: 'counter',
  dir: COUNTER_DIR,
  pages: ['index.html', 'rating.html'],
  // The Electron main and preload are not part of the web build.
  sources: appSources(COUNTER_DIR, ['index.html', 'rating.html']).map((p) =>
    p === join(COUNTER_DIR, 'src') ? join(COUNTER_DIR, 'src', 'renderer') : p,
  ),
};

const DISPLAY_APP: WebAppBuild = {
  name: 'display',
  dir: DISPLAY_DIR,
  pages: ['index.html'],
  // public/ holds the voice clips (dist/voice/); the Electron main and preload are not built here.
  sources: appSources(DISPLAY_DIR, ['index.html']).map((p) =>
    p === join(DISPLAY_DIR, 'src') ? join(DISPLAY_DIR, 'src', 'renderer') : p,
  ),
};

function sleepSync(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/**
 * Builds the app with Vite unless dist/ is newer than every source. A lock directory per app keeps
 * two test workers from building it at once.
 */
function ensureBuilt(app: WebAppBuild): string {
  const dist = join(app.dir, 'dist');
  const outputs = app.pages.map((f) => join(dist, f));
  const fresh = () =>
    outputs.every(existsSync) &&
    Math.min(...outputs.map((f) => statSync(f).mtimeMs)) >= Math.max(...app.sources.map(newestMtime));
  if (fresh()) return dist;
  const lock = join(E2E_DIR, `.${app.name}-build.lock`);
  const deadline = Date.now() + 180_000;
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      if (Date.now() > deadline) throw new Error(`e2e: ${lock} held for 3 minutes; remove it if stale`);
      sleepSync(250);
    }
  }
  try {
    if (fresh()) return dist;
    const vite = join(app.dir, 'node_modules', 'vite', 'bin', 'vite.js');
    if (!existsSync(vite)) throw new Error(`e2e: ${vite} is missing: run pnpm install`);
    try {
      execFileSync(process.execPath, [vite, 'build', '--logLevel', 'warn'], {
        cwd: app.dir,
        stdio: 'pipe',
        timeout: 170_000,
      });
    } catch (error) {
      const e = error as { stdout?: Buffer; stderr?: Buffer; message: string };
      throw new Error(
        `e2e: the ${app.name} build failed: ${e.message}\n${e.stdout ?? ''}\n${e.stderr ?? ''}`,
      );
    }
    for (const f of outputs) {
      if (!existsSync(f)) throw new Error(`e2e: the ${app.name} build made no ${f}`);
    }
    return dist;
  } finally {
    rmdirSync(lock);
  }
}

const ADMIN_APP: WebAppBuild = {
  name: 'admin',
  dir: ADMIN_DIR,
  pages: ['index.html'],
  sources: appSources(ADMIN_DIR, ['index.html']),
};

/** Builds apps/kiosk unless its dist/ is fresh. */
export function ensureKioskBuilt(): string {
  return ensureBuilt(KIOSK_APP);
}

/** Builds apps/counter (the renderer: terminal and rating page) unless its dist/ is fresh. */
export function ensureCounterBuilt(): string {
  return ensureBuilt(COUNTER_APP);
}

/** Builds apps/display (the renderer and its voice clips) unless its dist/ is fresh. */
export function ensureDisplayBuilt(): string {
  return ensureBuilt(DISPLAY_APP);
}

/** Builds apps/admin (the director's dashboard) unless its dist/ is fresh. */
export function ensureAdminBuilt(): string {
  return ensureBuilt(ADMIN_APP);
}

export interface KioskPage {
  page: Page;
  context: BrowserContext;
  orientation: Orientation;
  /** Uncaught exceptions and console errors of the page (CSP violations show up here). */
  errors: string[];
  /** Saves e2e/screenshots/<name>-<orientation>.png. */
  shot(name: string): Promise<void>;
}

export interface E2E {
  hub: TestHub;
  url: string;
  api: Api;
  printer: PrinterEmulator;
  browser: Browser;
  adminToken: string;
  /**
   * A new browser context (fresh localStorage) and page at the orientation's viewport.
   * `autoplay: false`: like a TV box's browser, the page plays sound only after a touch (by
   * default it plays without, as the display's Electron shell does).
   */
  open(orientation: Orientation, path?: string, options?: { autoplay?: boolean }): Promise<KioskPage>;
  /** A one-time kiosk pairing code made by the admin through the API. */
  pairingCode(name: string): Promise<string>;
  /** The ticket printed after the first `before` tickets (waits for it). */
  printedAfter(before: number, timeoutMs?: number): Promise<EmulatedTicket>;
  /**
   * Stops the in-process hub and starts a new one on the same data dir and port, as a power cut
   * and restart would; `hub` and `api` are the new hub's afterwards. `whileDown` runs in between.
   */
  restartHub(whileDown?: () => Promise<void>): Promise<void>;
  close(): Promise<void>;
}

/** `now`: the hub's clock (default the real one), e.g. to let waits grow past a threshold. */
export async function startE2E(options: { now?: () => number } = {}): Promise<E2E> {
  const executablePath = requireChromium();
  ensureKioskBuilt();
  ensureCounterBuilt();
  ensureDisplayBuilt();
  ensureAdminBuilt();
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const printer = await startPrinterEmulator({ port: 0 });
  let hub: TestHub | null = null;
  let browser: Browser | null = null;
  const dataDir = tempDir('luot-e2e-');
  const config = {
    defaultPrinter: `tcp://${printer.host}:${printer.port}`,
    appsDir: join(REPO_ROOT, 'apps'),
  };
  try {
    hub = await startTestHub({ dataDir, config, now: options.now });
    browser = await chromium.launch({ executablePath, args: CHROMIUM_ARGS, headless: true });
  } catch (error) {
    await hub?.close();
    await printer.close();
    rmSync(dataDir, { recursive: true, force: true });
    throw error;
  }
  let t = hub;
  const b = browser;
  const adminToken = await t.login();
  const contexts: BrowserContext[] = [];

  return {
    get hub() {
      return t;
    },
    url: t.url,
    get api() {
      return t.api;
    },
    printer,
    browser: b,
    adminToken,
    async open(orientation, path = '/kiosk/', options = {}) {
      const context = await b.newContext({
        viewport: VIEWPORTS[orientation],
        deviceScaleFactor: 1,
        locale: 'vi-VN',
        timezoneId: 'Asia/Ho_Chi_Minh',
      });
      contexts.push(context);
      if (options.autoplay === false) await context.addInitScript(STRICT_AUTOPLAY_SCRIPT);
      const page = await context.newPage();
      const errors: string[] = [];
      page.on('pageerror', (error) => errors.push(`pageerror: ${error.message}`));
      page.on('console', (message) => {
        if (message.type() === 'error') errors.push(`console: ${message.text()}`);
      });
      await page.goto(new URL(path, t.url).href);
      return {
        page,
        context,
        orientation,
        errors,
        async shot(name) {
          await page.screenshot({
            path: join(SCREENSHOT_DIR, `${name}-${orientation}.png`),
            animations: 'disabled',
            caret: 'hide',
          });
        },
      };
    },
    async pairingCode(name) {
      const res = await t.api('POST', '/api/v1/devices/pairing-codes', {
        token: adminToken,
        body: { kind: 'kiosk', name },
      });
      if (res.status !== 201) throw new Error(`pairing code: ${res.status} ${JSON.stringify(res.body)}`);
      return res.body.code as string;
    },
    printedAfter(before, timeoutMs = 15_000) {
      const ready = printer.tickets[before];
      if (ready) return Promise.resolve(ready);
      return new Promise((resolve, reject) => {
        const onTicket = () => {
          const ticket = printer.tickets[before];
          if (!ticket) return;
          clearTimeout(timer);
          printer.off('ticket', onTicket);
          resolve(ticket);
        };
        const timer = setTimeout(() => {
          printer.off('ticket', onTicket);
          reject(new Error(`e2e: the printer emulator got no ticket #${before + 1} within ${timeoutMs} ms`));
        }, timeoutMs);
        printer.on('ticket', onTicket);
      });
    },
    async restartHub(whileDown) {
      const port = Number(new URL(t.url).port);
      await t.close();
      await whileDown?.();
      t = await startTestHub({ dataDir, port, config, now: options.now });
    },
    async close() {
      for (const context of contexts) await context.close().catch(() => {});
      await b.close();
      await t.close();
      await printer.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** The ticket id in a printed ticket's QR code (`…/t/<id>`). */
export function ticketIdOf(printed: EmulatedTicket): string {
  const qr = printed.json.qr[0] ?? '';
  const match = /\/t\/([A-Za-z0-9_-]+)$/.exec(qr);
  if (!match) throw new Error(`e2e: printed ticket #${printed.index} has no /t/<id> QR code (qr: ${qr})`);
  return match[1]!;
}

const selector = (testId: string) => `[data-testid="${testId}"]`;

/** Waits until the element with this test id is visible; names the test id when it is not. */
export async function visible(page: Page, testId: string, timeout = 15_000): Promise<void> {
  try {
    await page.locator(selector(testId)).first().waitFor({ state: 'visible', timeout });
  } catch (error) {
    const ids = await page
      .$$eval('[data-testid]', (els) => els.map((e) => e.getAttribute('data-testid')).join(', '))
      .catch(() => '?');
    throw new Error(
      `e2e: [data-testid="${testId}"] not visible within ${timeout} ms; test ids on the page: ${ids}`,
      {
        cause: error,
      },
    );
  }
}

/** The visible text of the element with this test id, whitespace collapsed. */
export async function textOf(page: Page, testId: string): Promise<string> {
  await visible(page, testId);
  // biome-ignore lint/performance/useDomNodeTextContent: the text as rendered, with line breaks between blocks
  const text = await page.locator(selector(testId)).first().innerText();
  return text.replace(/\s+/g, ' ').trim();
}

/** Waits (polling the DOM, no sleeps) until the element's text matches. */
export async function waitForText(
  page: Page,
  testId: string,
  expected: string | RegExp,
  timeout = 15_000,
): Promise<string> {
  const re =
    typeof expected === 'string' ? new RegExp(expected.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')) : expected;
  try {
    await page.waitForFunction(
      ({ sel, source, flags }) => {
        const el = document.querySelector<HTMLElement>(sel);
        return !!el && new RegExp(source, flags).test((el.textContent ?? '').replace(/\s+/g, ' '));
      },
      { sel: selector(testId), source: re.source, flags: re.flags },
      { timeout, polling: 100 },
    );
  } catch (error) {
    const actual = await page
      .locator(selector(testId))
      .first()
      .textContent({ timeout: 500 })
      .catch(() => null);
    throw new Error(
      `e2e: [data-testid="${testId}"] text ${JSON.stringify(actual)} does not match ${re} (null: no such element)`,
      {
        cause: error,
      },
    );
  }
  return textOf(page, testId);
}

/** Pairs the kiosk page with a fresh code made by the admin, and waits for the idle screen. */
export async function pairKiosk(e2e: E2E, kiosk: KioskPage, name: string): Promise<void> {
  const code = await e2e.pairingCode(name);
  await visible(kiosk.page, 'pair-code');
  await kiosk.page.locator(selector('pair-code')).fill(code);
  await kiosk.page.locator(selector('pair-submit')).click();
  await visible(kiosk.page, 'idle');
}

export const byTestId = (page: Page, testId: string) => page.locator(selector(testId)).first();
