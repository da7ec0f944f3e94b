// End-to-end harness: the built kiosk in Debian's Chromium against a real hub (in process, temp
// data dir, demo seed) that prints on the ESC/POS printer emulator.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type EmulatedTicket, type PrinterEmulator, startPrinterEmulator } from '@luot/hardware';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { type Api, startTestHub, type TestHub } from '../apps/hub/test/harness.ts';

export const E2E_DIR = dirname(fileURLToPath(import.meta.url));
export const REPO_ROOT = join(E2E_DIR, '..');
export const KIOSK_DIR = join(REPO_ROOT, 'apps', 'kiosk');
export const KIOSK_DIST = join(KIOSK_DIR, 'dist');
export const SCREENSHOT_DIR = join(E2E_DIR, 'screenshots');
export const CHROMIUM = process.env.LUOT_CHROMIUM ?? '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
];

export const VIEWPORTS = {
  portrait: { width: 1080, height: 1920 },
  landscape: { width: 1920, height: 1080 },
  /** A citizen's phone opening the ticket's QR code. */
  phone: { width: 390, height: 844 },
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

/** What the kiosk build is made from: when any of it is newer than dist/, build again. */
const KIOSK_SOURCES = [
  join(KIOSK_DIR, 'src'),
  join(KIOSK_DIR, 'public'),
  join(KIOSK_DIR, 'index.html'),
  join(KIOSK_DIR, 'status.html'),
  join(KIOSK_DIR, 'vite.config.ts'),
  join(KIOSK_DIR, 'package.json'),
  join(REPO_ROOT, 'packages', 'ui', 'src'),
  join(REPO_ROOT, 'packages', 'shared', 'src'),
];

function sleepSync(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/**
 * Builds apps/kiosk with Vite unless dist/ is newer than every source. A lock directory keeps two
 * test workers from building at once.
 */
export function ensureKioskBuilt(): string {
  const outputs = ['index.html', 'status.html'].map((f) => join(KIOSK_DIST, f));
  const fresh = () =>
    outputs.every(existsSync) &&
    Math.min(...outputs.map((f) => statSync(f).mtimeMs)) >= Math.max(...KIOSK_SOURCES.map(newestMtime));
  if (fresh()) return KIOSK_DIST;
  const lock = join(E2E_DIR, '.kiosk-build.lock');
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
    if (fresh()) return KIOSK_DIST;
    const vite = join(KIOSK_DIR, 'node_modules', 'vite', 'bin', 'vite.js');
    if (!existsSync(vite)) throw new Error(`e2e: ${vite} is missing: run pnpm install`);
    try {
      execFileSync(process.execPath, [vite, 'build', '--logLevel', 'warn'], {
        cwd: KIOSK_DIR,
        stdio: 'pipe',
        timeout: 170_000,
      });
    } catch (error) {
      const e = error as { stdout?: Buffer; stderr?: Buffer; message: string };
      throw new Error(`e2e: the kiosk build failed: ${e.message}\n${e.stdout ?? ''}\n${e.stderr ?? ''}`);
    }
    for (const f of outputs) {
      if (!existsSync(f)) throw new Error(`e2e: the kiosk build made no ${f}`);
    }
    return KIOSK_DIST;
  } finally {
    rmdirSync(lock);
  }
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
  /** A new browser context (fresh localStorage) and page at the orientation's viewport. */
  open(orientation: Orientation, path?: string): Promise<KioskPage>;
  /** A one-time kiosk pairing code made by the admin through the API. */
  pairingCode(name: string): Promise<string>;
  /** The ticket printed after the first `before` tickets (waits for it). */
  printedAfter(before: number, timeoutMs?: number): Promise<EmulatedTicket>;
  close(): Promise<void>;
}

export async function startE2E(): Promise<E2E> {
  const executablePath = requireChromium();
  ensureKioskBuilt();
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const printer = await startPrinterEmulator({ port: 0 });
  let hub: TestHub | null = null;
  let browser: Browser | null = null;
  try {
    hub = await startTestHub({
      config: { defaultPrinter: `tcp://${printer.host}:${printer.port}`, appsDir: join(REPO_ROOT, 'apps') },
    });
    browser = await chromium.launch({ executablePath, args: CHROMIUM_ARGS, headless: true });
  } catch (error) {
    await hub?.close();
    await printer.close();
    throw error;
  }
  const t = hub;
  const b = browser;
  const adminToken = await t.login();
  const contexts: BrowserContext[] = [];

  return {
    hub: t,
    url: t.url,
    api: t.api,
    printer,
    browser: b,
    adminToken,
    async open(orientation, path = '/kiosk/') {
      const context = await b.newContext({
        viewport: VIEWPORTS[orientation],
        deviceScaleFactor: 1,
        locale: 'vi-VN',
        timezoneId: 'Asia/Ho_Chi_Minh',
      });
      contexts.push(context);
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
    async close() {
      for (const context of contexts) await context.close().catch(() => {});
      await b.close();
      await t.close();
      await printer.close();
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
