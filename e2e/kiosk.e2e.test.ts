// The kiosk in Chromium against a real hub and the printer emulator, portrait and landscape.
// Every screen is saved to e2e/screenshots/<screen>-<orientation>.png.
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  byTestId,
  type E2E,
  type KioskPage,
  type Orientation,
  pairKiosk,
  startE2E,
  textOf,
  ticketIdOf,
  visible,
  waitForText,
} from './harness.ts';

/** The officer's counter: Quầy 2 serves Hộ tịch only. */
const COUNTER = { id: 'c2', number: 2 };
const digits = (text: string) => text.replace(/\s+/g, '');
/** The display number, allowing spaces between its characters (a big-number layout may split it). */
const numberPattern = (displayNumber: string) =>
  new RegExp(
    digits(displayNumber)
      .split('')
      .map((c) => c.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
      .join('\\s*'),
  );
const serious = (errors: string[]) =>
  errors.filter((e) => e.startsWith('pageerror') || /Content.Security.Policy/i.test(e));

let e2e: E2E;
let officerToken: string;

/**
 * A setup failure (no Chromium, the kiosk build failing) fails every test with its message:
 * a failing beforeAll alone would report the tests as skipped.
 */
let setupError: unknown = null;

beforeAll(async () => {
  try {
    e2e = await startE2E();
    const officer = await e2e.hub.user('canbo-e2e', 'officer');
    officerToken = officer.token;
    const signIn = await e2e.api('POST', `/api/v1/counters/${COUNTER.id}/sign-in`, { token: officerToken });
    if (signIn.status !== 200)
      throw new Error(`officer sign-in: ${signIn.status} ${JSON.stringify(signIn.body)}`);
  } catch (error) {
    setupError = error;
  }
}, 240_000);

beforeEach(() => {
  if (setupError) throw setupError;
});

afterAll(async () => {
  await e2e?.close();
});

async function ticket(id: string): Promise<any> {
  const res = await e2e.api('GET', `/api/v1/tickets/${id}`);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body.ticket;
}

async function queueTickets(): Promise<any[]> {
  const res = await e2e.api('GET', '/api/v1/queue', { token: e2e.adminToken });
  expect(res.status).toBe(200);
  return res.body.tickets;
}

describe.each(['portrait', 'landscape'] as const)('kiosk, %s', (orientation: Orientation) => {
  const deviceName = `Kiosk e2e ${orientation}`;
  let kiosk: KioskPage;
  let paired = false;

  /** Back to the idle screen of the paired kiosk, loaded afresh (the token stays in localStorage). */
  async function home(query = ''): Promise<void> {
    if (!paired) {
      // Run alone (vitest -t): pair first, as the pairing test does.
      kiosk = await e2e.open(orientation);
      await pairKiosk(e2e, kiosk, deviceName);
      paired = true;
    }
    await kiosk.page.goto(new URL(`/kiosk/${query}`, e2e.url).href);
    await visible(kiosk.page, 'idle');
  }

  /** Idle → fields (the first tap). */
  async function toFields(): Promise<void> {
    await byTestId(kiosk.page, 'idle').click();
    await visible(kiosk.page, 'services');
  }

  it('pairs with a code the admin made through the API', async () => {
    kiosk = await e2e.open(orientation);
    await visible(kiosk.page, 'pair-code');
    await kiosk.shot('pairing');
    await byTestId(kiosk.page, 'pair-code').fill('ABCD-2345');
    await byTestId(kiosk.page, 'pair-submit').click();
    await visible(kiosk.page, 'pair-error');
    await kiosk.shot('pairing-error');
    await pairKiosk(e2e, kiosk, deviceName);
    paired = true;
    await kiosk.shot('idle');
    const devices = await e2e.api('GET', '/api/v1/devices', { token: e2e.adminToken });
    expect(devices.body.devices.map((d: any) => d.name)).toContain(deviceName);
    // The token survives a reload: no second pairing.
    await home();
  });

  it('issues a ticket in two taps and prints the same number', async () => {
    await home();
    const before = e2e.printer.tickets.length;
    await toFields();
    await visible(kiosk.page, 'waiting-hotich');
    await kiosk.shot('services');
    await byTestId(kiosk.page, 'service-hotich').click();
    await visible(kiosk.page, 'issued');
    const onScreen = await textOf(kiosk.page, 'issued-number');
    for (const id of ['issued-counters', 'issued-ahead', 'issued-wait', 'issued-qr'])
      await visible(kiosk.page, id);
    await kiosk.shot('issued');
    // The page is drawn in Be Vietnam Pro served by the hub (@luot/ui's theme), not a fallback.
    const fonts = await kiosk.page.evaluate(async () => {
      await document.fonts.ready;
      return [...document.fonts].filter((f) => f.status === 'loaded').map((f) => `${f.family} ${f.weight}`);
    });
    expect(fonts.some((f) => f.includes('Be Vietnam Pro'))).toBe(true);

    const printed = await e2e.printedAfter(before);
    const id = ticketIdOf(printed);
    expect(printed.json.qr[0]).toBe(`${e2e.url}/t/${id}`);
    const issued = await ticket(id);
    expect(issued.serviceId).toBe('hotich');
    expect(issued.priority).toBeNull();
    expect(issued.channel).toBe('kiosk');
    expect(digits(onScreen)).toContain(digits(issued.displayNumber));
    expect(await textOf(kiosk.page, 'issued-counters')).toMatch(/1|2|3/);

    await byTestId(kiosk.page, 'issued-done').click();
    await visible(kiosk.page, 'idle');
  });

  it('fits every field and the priority button on one screen, without scrolling', async () => {
    // Many citizens are not used to touch screens: what is below the fold does not exist for them.
    await home();
    await toFields();
    const { width, height } = kiosk.page.viewportSize()!;
    const ids = await kiosk.page.$$eval('[data-testid^="service-"]', (els) =>
      els.map((e) => e.getAttribute('data-testid')!),
    );
    expect(ids.length).toBeGreaterThanOrEqual(10);
    const outside: string[] = [];
    for (const id of [...ids, 'priority-open']) {
      const box = await byTestId(kiosk.page, id).boundingBox();
      if (!box || box.y < 0 || box.x < 0 || box.y + box.height > height || box.x + box.width > width) {
        outside.push(
          `${id} at y=${Math.round(box?.y ?? -1)}..${Math.round((box?.y ?? 0) + (box?.height ?? 0))}`,
        );
      }
    }
    expect(outside, `outside the ${width}x${height} screen`).toEqual([]);
  });

  it('gives one ticket for a double tap on a field', async () => {
    await home();
    const queued = (await queueTickets()).length;
    const before = e2e.printer.tickets.length;
    await toFields();
    await byTestId(kiosk.page, 'service-chungthuc').dblclick();
    await visible(kiosk.page, 'issued');
    const printed = await e2e.printedAfter(before);
    const issued = await ticket(ticketIdOf(printed));
    expect(issued.serviceId).toBe('chungthuc');
    expect(digits(await textOf(kiosk.page, 'issued-number'))).toContain(digits(issued.displayNumber));
    const after = await queueTickets();
    expect(after.length).toBe(queued + 1);
    expect(e2e.printer.tickets.length).toBe(before + 1);
  });

  it('issues a priority ticket through the separate priority button', async () => {
    await home();
    const before = e2e.printer.tickets.length;
    await toFields();
    await byTestId(kiosk.page, 'priority-open').click();
    await visible(kiosk.page, 'priority');
    for (const group of ['elderly', 'disabled', 'pregnant', 'child', 'merit']) {
      await visible(kiosk.page, `priority-${group}`);
    }
    await kiosk.shot('priority');
    await byTestId(kiosk.page, 'priority-elderly').click();
    await visible(kiosk.page, 'service-hotich');
    await kiosk.shot('services-priority');
    await byTestId(kiosk.page, 'service-hotich').click();
    await visible(kiosk.page, 'issued');
    await kiosk.shot('issued-priority');
    const issued = await ticket(ticketIdOf(await e2e.printedAfter(before)));
    expect(issued.priority).toBe('elderly');
    expect(issued.serviceId).toBe('hotich');
    expect(digits(await textOf(kiosk.page, 'issued-number'))).toContain(digits(issued.displayNumber));
  });

  it('finds a procedure typed without diacritics', async () => {
    await home('?procedures=1');
    const before = e2e.printer.tickets.length;
    await toFields();
    await byTestId(kiosk.page, 'service-hotich').click();
    await visible(kiosk.page, 'procedures');
    await visible(kiosk.page, 'procedure-hotich-1');
    await visible(kiosk.page, 'procedure-other');
    await kiosk.shot('procedures');
    await byTestId(kiosk.page, 'procedure-search').fill('dang ky ket hon');
    await visible(kiosk.page, 'procedure-hotich-2');
    await byTestId(kiosk.page, 'procedure-hotich-1').waitFor({ state: 'hidden', timeout: 5000 });
    await waitForText(kiosk.page, 'procedure-hotich-2', 'Đăng ký kết hôn');
    await kiosk.shot('procedures-search');
    await byTestId(kiosk.page, 'procedure-hotich-2').click();
    await visible(kiosk.page, 'issued');
    const issued = await ticket(ticketIdOf(await e2e.printedAfter(before)));
    expect(issued.serviceId).toBe('hotich');
    expect(issued.procedureId).toBe('hotich-2');
  });

  it('switches to English and back', async () => {
    await home();
    const vi = await textOf(kiosk.page, 'idle');
    expect(vi).toMatch(/Chạm để lấy số/i);
    await byTestId(kiosk.page, 'lang-en').click();
    await waitForText(kiosk.page, 'idle', /tap|touch/i);
    expect(await textOf(kiosk.page, 'idle')).not.toMatch(/Chạm để lấy số/i);
    await kiosk.shot('idle-en');
    await toFields();
    await waitForText(kiosk.page, 'service-hotich', 'Civil status');
    await kiosk.shot('services-en');
    await byTestId(kiosk.page, 'lang-vi').click();
    await waitForText(kiosk.page, 'service-hotich', 'Hộ tịch');
  });

  it('shows the number when the paper is out, and the hub raises a device alert', async () => {
    await home();
    await e2e.printer.setFault({ paperOut: true });
    try {
      const queued = new Set((await queueTickets()).map((t) => t.id));
      await toFields();
      await byTestId(kiosk.page, 'service-hotich').click();
      await visible(kiosk.page, 'issued');
      await visible(kiosk.page, 'print-failed');
      const onScreen = await textOf(kiosk.page, 'issued-number');
      await kiosk.shot('issued-print-failed');
      const fresh = (await queueTickets()).filter((t) => !queued.has(t.id));
      expect(fresh).toHaveLength(1);
      expect(digits(onScreen)).toContain(digits(fresh[0].displayNumber));
      await vi.waitFor(
        async () => {
          const res = await e2e.api('GET', '/api/v1/devices', { token: e2e.adminToken });
          const device = res.body.devices.find((d: any) => d.name === deviceName);
          expect(device?.alerts).toEqual([expect.objectContaining({ kind: 'printer', code: 'paper_out' })]);
        },
        { timeout: 10_000, interval: 200 },
      );
    } finally {
      await e2e.printer.clearFaults();
    }
  });

  it('shows a connection banner while the hub is unreachable', async () => {
    await home();
    await kiosk.context.setOffline(true);
    try {
      await visible(kiosk.page, 'connection-banner', 30_000);
      await kiosk.shot('connection-banner');
    } finally {
      await kiosk.context.setOffline(false);
    }
    await byTestId(kiosk.page, 'connection-banner').waitFor({ state: 'hidden', timeout: 30_000 });
  });

  it('shows the ticket on its status page, "Mời đến quầy" when called, then the rating after service', async () => {
    await home();
    const before = e2e.printer.tickets.length;
    await toFields();
    await byTestId(kiosk.page, 'service-hotich').click();
    await visible(kiosk.page, 'issued');
    const printed = await e2e.printedAfter(before);
    const id = ticketIdOf(printed);
    const issued = await ticket(id);

    // The QR code's page, on a phone and at the kiosk's orientation.
    const pages = [await e2e.open('phone', `/t/${id}`), await e2e.open(orientation, `/t/${id}`)];
    for (const status of pages) {
      await waitForText(status.page, 'status-number', numberPattern(issued.displayNumber));
      await visible(status.page, 'status-state');
      await status.shot('status-waiting');
    }

    const called = await e2e.api('POST', `/api/v1/counters/${COUNTER.id}/call`, {
      token: officerToken,
      body: { ticketId: id },
    });
    expect(called.status, JSON.stringify(called.body)).toBe(200);
    for (const status of pages) {
      await waitForText(status.page, 'status-called', `Mời đến quầy ${COUNTER.number}`, 20_000);
      await status.shot('status-called');
    }

    const calledState = await textOf(pages[0]!.page, 'status-state');
    const finished = await e2e.api('POST', `/api/v1/tickets/${id}/finish`, {
      token: officerToken,
      body: { procedureIds: ['hotich-1'] },
    });
    expect(finished.status, JSON.stringify(finished.body)).toBe(200);
    for (const status of pages) {
      await status.page.waitForFunction(
        (before) => {
          const el = document.querySelector<HTMLElement>('[data-testid="status-state"]');
          return !!el && (el.textContent ?? '').trim() !== before;
        },
        calledState,
        { timeout: 20_000, polling: 100 },
      );
      await status.shot('status-done');
    }

    // After service the page offers the citizen's rating: four faces, Vietnamese first.
    for (const status of pages) {
      await visible(status.page, 'status-rating');
      for (const n of [1, 2, 3, 4]) await visible(status.page, `status-rate-${n}`);
      expect(await textOf(status.page, 'status-rate-4')).toMatch(/^\s*Rất hài lòng\s*Very satisfied\s*$/);
      await status.shot('status-rating');
    }
    // A tap on the phone records it (no token: the citizen's own rating), once.
    await byTestId(pages[0]!.page, 'status-rate-4').click();
    await visible(pages[0]!.page, 'status-rating-done');
    const rated = await e2e.api('GET', `/api/v1/tickets/${id}`, { token: e2e.adminToken });
    expect(rated.body.ticket.rating).toBe(4);
    // The other page hears it from the hub on its next poll: done, the faces are gone.
    await visible(pages[1]!.page, 'status-rating-done');
    for (const status of pages) {
      expect(await status.page.locator('[data-testid="status-rating"]').count()).toBe(0);
      await status.shot('status-rated');
      expect(serious(status.errors)).toEqual([]);
      await status.context.close();
    }
  });

  it('says so on the status page of an unknown ticket', async () => {
    for (const viewport of orientation === 'portrait' ? (['portrait', 'phone'] as const) : [orientation]) {
      const status = await e2e.open(viewport, '/t/000000000000unknownTicketId00000');
      await status.page.waitForFunction(
        () => /không tìm thấy|not found/i.test(document.body.textContent ?? ''),
        undefined,
        { timeout: 15_000, polling: 100 },
      );
      await status.shot('status-not-found');
      expect(serious(status.errors)).toEqual([]);
      await status.context.close();
    }
  });

  it('ran without script errors or content security policy violations', () => {
    if (!paired) return;
    expect(serious(kiosk.errors)).toEqual([]);
  });
});
