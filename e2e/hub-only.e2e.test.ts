// Pages keep year-long tokens, so they must never reach another host: in Chromium, a page the hub
// serves, opened with `?hub=<another host>`, talks to the hub that serves it and to nothing else.
// A second little HTTP server stands in for that other host and records every connection made to
// it. The pages hold real tokens, as a paired kiosk, a wall display, a rating tablet, a signed-in
// officer and an admin do, and must still work with their own hub (the socket over ws: to the
// same origin included: CSP connect-src 'self').
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { byTestId, type E2E, startE2E, ticketIdOf, VIEWPORTS, visible } from './harness.ts';

interface Decoy {
  origin: string;
  /** Every TCP connection, request and upgrade the decoy saw. */
  seen: string[];
  close(): Promise<void>;
}

/** The "other host" of `?hub=`: answers anything, and notes every connection made to it. */
async function startDecoy(): Promise<Decoy> {
  const seen: string[] = [];
  const server = createServer((req, res) => {
    seen.push(`${req.method} ${req.url}`);
    res.writeHead(204, { 'access-control-allow-origin': '*' }).end();
  });
  server.on('connection', (socket) => seen.push(`connection from ${socket.remoteAddress}`));
  server.on('upgrade', (req, socket) => {
    seen.push(`upgrade ${req.url}`);
    socket.destroy();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    seen,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

interface OpenedPage {
  page: Page;
  context: BrowserContext;
  errors: string[];
  /** URLs of every websocket the page opened. */
  websockets: string[];
  /** Resolves with the URL of the first socket the hub let in (socket.io CONNECT answered `40`). */
  socketConnected: Promise<string>;
}

let e2e: E2E;
let decoy: Decoy;
let setupError: unknown = null;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  try {
    e2e = await startE2E();
    decoy = await startDecoy();
    // The decoy does hear what reaches it (so that "it heard nothing" below means something).
    expect((await fetch(decoy.origin)).status).toBe(204);
    expect(decoy.seen.length).toBeGreaterThan(0);
    decoy.seen.length = 0;
  } catch (error) {
    setupError = error;
  }
}, 240_000);

beforeEach(() => {
  if (setupError) throw setupError;
});

afterAll(async () => {
  for (const context of contexts) await context.close().catch(() => {});
  await decoy?.close();
  await e2e?.close();
});

const withHub = (path: string) => `${path}${path.includes('?') ? '&' : '?'}hub=${decoy.origin}`;

/**
 * Opens `path` in a fresh browser context whose localStorage already holds `storage` (the token
 * a device or a signed-in user keeps), recording the page's websockets from the first byte.
 */
async function openWith(path: string, storage: Record<string, string>): Promise<OpenedPage> {
  const context = await e2e.browser.newContext({
    viewport: VIEWPORTS.landscape,
    locale: 'vi-VN',
    timezoneId: 'Asia/Ho_Chi_Minh',
  });
  contexts.push(context);
  await context.addInitScript((items: Record<string, string>) => {
    for (const [key, value] of Object.entries(items)) localStorage.setItem(key, value);
  }, storage);
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(`pageerror: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(`console: ${message.text()}`);
  });
  const websockets: string[] = [];
  const socketConnected = new Promise<string>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`${path}: no socket let in by the hub within 20 s`)),
      20_000,
    );
    page.on('websocket', (ws) => {
      websockets.push(ws.url());
      ws.on('framereceived', ({ payload }) => {
        if (String(payload).startsWith('40')) {
          clearTimeout(timer);
          resolve(ws.url());
        }
      });
    });
  });
  socketConnected.catch(() => {});
  await page.goto(new URL(path, e2e.url).href);
  return { page, context, errors, websockets, socketConnected };
}

/** The page's socket went to its own hub, every socket it opened did, and the decoy heard nothing. */
async function talksToItsHubOnly(opened: OpenedPage): Promise<void> {
  const hubSocket = new URL(e2e.url);
  hubSocket.protocol = 'ws:';
  const url = new URL(await opened.socketConnected);
  expect(url.origin).toBe(hubSocket.origin);
  expect(url.pathname).toBe('/socket.io/');
  for (const ws of opened.websockets) expect(new URL(ws).origin).toBe(hubSocket.origin);
  expect(decoy.seen).toEqual([]);
  expect(
    opened.errors.filter((e) => e.startsWith('pageerror') || /Content.Security.Policy/i.test(e)),
  ).toEqual([]);
}

describe('pages opened with ?hub=<another host>', () => {
  it('the kiosk keeps its token to its own hub, and still issues and prints through it', async () => {
    const token = await e2e.hub.pairDevice('kiosk');
    const kiosk = await openWith(withHub('/kiosk/'), { 'luot.deviceToken': token });
    await visible(kiosk.page, 'idle');
    await talksToItsHubOnly(kiosk);

    const before = e2e.printer.tickets.length;
    await byTestId(kiosk.page, 'idle').click();
    await visible(kiosk.page, 'services');
    await byTestId(kiosk.page, 'service-hotich').click();
    await visible(kiosk.page, 'issued');
    const id = ticketIdOf(await e2e.printedAfter(before));
    const issued = await e2e.api('GET', `/api/v1/tickets/${id}`);
    expect(issued.status).toBe(200);
    expect(issued.body.ticket).toMatchObject({ serviceId: 'hotich', channel: 'kiosk', status: 'waiting' });
    expect(decoy.seen).toEqual([]);
  });

  it('the wall display, the rating tablet, the counter terminal and the dashboard do too', async () => {
    const display = await openWith(withHub('/display/'), {
      'luot.displayDeviceToken': await e2e.hub.pairDevice('display'),
    });
    await visible(display.page, 'hall');
    await talksToItsHubOnly(display);

    const rating = await openWith(withHub('/counter/rating.html?counter=c2'), {
      'luot.ratingDeviceToken': await e2e.hub.pairDevice('counter', { counterId: 'c2' }),
    });
    await visible(rating.page, 'rating-idle');
    await talksToItsHubOnly(rating);

    const officer = await e2e.hub.user('canbo-hub-only', 'officer');
    const signIn = await e2e.api('POST', '/api/v1/counters/c2/sign-in', { token: officer.token });
    expect(signIn.status, JSON.stringify(signIn.body)).toBe(200);
    const counter = await openWith(withHub('/counter/'), { 'luot.counter.session': officer.token });
    await visible(counter.page, 'work');
    await talksToItsHubOnly(counter);

    const admin = await openWith(withHub('/admin/'), { 'luot.admin.session': e2e.adminToken });
    await visible(admin.page, 'user-name');
    await talksToItsHubOnly(admin);
  });

  it('even a script in the page cannot reach the other host: the CSP blocks it', async () => {
    const page = await openWith(withHub('/kiosk/'), {});
    await visible(page.page, 'pair-code');
    const outcome = await page.page.evaluate(async (origin) => {
      const viaFetch = await fetch(`${origin}/api/v1/health`).then(
        () => 'reached',
        () => 'blocked',
      );
      const viaSocket = await new Promise<string>((resolve) => {
        try {
          const ws = new WebSocket(`${origin.replace(/^http/, 'ws')}/socket.io/?EIO=4&transport=websocket`);
          ws.onopen = () => resolve('reached');
          ws.onerror = () => resolve('blocked');
        } catch {
          resolve('blocked');
        }
      });
      return { viaFetch, viaSocket };
    }, decoy.origin);
    expect(outcome).toEqual({ viaFetch: 'blocked', viaSocket: 'blocked' });
    expect(decoy.seen).toEqual([]);
    // Blocked by the policy (not by chance): Chromium says so in the console.
    expect(page.errors.some((e) => /Content Security Policy.*connect-src/i.test(e))).toBe(true);
  });
});
