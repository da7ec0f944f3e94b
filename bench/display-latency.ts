// call-next → the number on the wall display, measured in Debian's Chromium: N display pages
// (paired display devices on /display/) watch the latest call; the time from sending the call to
// the moment each page's DOM shows the new number is recorded inside the page (a
// MutationObserver, wall clock), so it includes the socket fan-out, validation, the store and
// React's render. The slowest page of each call is what a citizen at the far screen sees.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { type Browser, chromium, type Page } from 'playwright-core';
import type { HttpClient } from './lib/http.ts';
import { REPO_ROOT } from './lib/hub-process.ts';
import { type LatencySummary, summarize } from './lib/stats.ts';

const CHROMIUM = process.env.LUOT_CHROMIUM ?? '/usr/bin/chromium';
const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--autoplay-policy=no-user-gesture-required',
  // Pages in background tabs must not be throttled: every one is a wall screen.
  '--disable-background-timer-throttling',
  '--disable-renderer-backgrounding',
  '--disable-backgrounding-occluded-windows',
];

/** Records when each number first appears as the latest call, by the page's wall clock. */
const RECORD_LATEST = `(() => {
  const seen = (window.__benchSeen = {});
  const note = () => {
    const el = document.querySelector('[data-testid="latest-number"]');
    const text = el && el.textContent ? el.textContent.trim() : '';
    if (text && !(text in seen)) seen[text] = performance.timeOrigin + performance.now();
  };
  new MutationObserver(note).observe(document.body, { subtree: true, childList: true, characterData: true });
  note();
})()`;

export interface DisplayLatency {
  pages: number;
  calls: number;
  /** Slowest page per call. */
  lastPageMs: LatencySummary;
  /** Every page of every call. */
  anyPageMs: LatencySummary;
}

/** Builds apps/display when its dist is missing (the hub serves it at /display/). */
export function ensureDisplayBuilt(): void {
  if (existsSync(join(REPO_ROOT, 'apps', 'display', 'dist', 'index.html'))) return;
  execFileSync('pnpm', ['--filter', '@luot/display', 'build'], { cwd: REPO_ROOT, stdio: 'ignore' });
}

export function chromiumAvailable(): boolean {
  return existsSync(CHROMIUM);
}

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: ARGS, headless: true });
}

/** Opens `count` paired display pages and waits until each shows the hall and is online. */
async function openDisplays(
  browser: Browser,
  url: string,
  http: HttpClient,
  admin: string,
  count: number,
): Promise<Page[]> {
  const context = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
  const pages: Page[] = [];
  for (let i = 0; i < count; i++) {
    const { code } = await http.expect(201, 'POST', '/api/v1/devices/pairing-codes', {
      token: admin,
      body: { kind: 'display', name: `Bench TV ${i + 1}` },
    });
    const page = await context.newPage();
    await page.goto(`${url}/display/?pair=${encodeURIComponent(code)}&voice=off`);
    await page.locator('[data-testid="hall"]').waitFor({ timeout: 30_000 });
    await page.locator('[data-testid="connection"][data-state="online"]').waitFor({
      state: 'attached',
      timeout: 30_000,
    });
    // Record when each number first appears as the latest call, by the page's wall clock.
    // A string, not a function: tsx's name-keeping helpers do not exist inside the page.
    await page.evaluate(RECORD_LATEST);
    pages.push(page);
  }
  return pages;
}

export async function measureDisplayLatency(opts: {
  browser: Browser;
  url: string;
  http: HttpClient;
  admin: string;
  kiosk: string;
  officer: { token: string; counterId: string };
  serviceId: string;
  /** A procedure of each field, to finish whatever ticket was called. */
  procedureOf: Map<string, string>;
  pages: number;
  calls: number;
  warmup: number;
}): Promise<DisplayLatency> {
  const { http, officer } = opts;
  const pages = await openDisplays(opts.browser, opts.url, http, opts.admin, opts.pages);
  const last: number[] = [];
  const any: number[] = [];
  try {
    for (let i = 0; i < opts.warmup + opts.calls; i++) {
      await http.expect(201, 'POST', '/api/v1/tickets', {
        token: opts.kiosk,
        body: { serviceId: opts.serviceId },
      });
      const sent = Date.now();
      const { ticket } = await http.expect(200, 'POST', `/api/v1/counters/${officer.counterId}/call-next`, {
        token: officer.token,
      });
      const shown = ticket.displayNumber as string;
      const seen = await Promise.all(
        pages.map(async (page) => {
          const handle = await page.waitForFunction(
            (n: string) => (window as unknown as { __benchSeen: Record<string, number> }).__benchSeen[n],
            shown,
            { timeout: 30_000, polling: 'raf' },
          );
          return (await handle.jsonValue()) as number;
        }),
      );
      await http.expect(200, 'POST', `/api/v1/tickets/${ticket.id}/finish`, {
        token: officer.token,
        body: { procedureIds: [opts.procedureOf.get(ticket.serviceId)!] },
      });
      if (i < opts.warmup) continue;
      const ms = seen.map((t) => Math.max(0, t - sent));
      any.push(...ms);
      last.push(Math.max(...ms));
    }
  } finally {
    await pages[0]?.context().close();
  }
  return { pages: opts.pages, calls: opts.calls, lastPageMs: summarize(last), anyPageMs: summarize(any) };
}
