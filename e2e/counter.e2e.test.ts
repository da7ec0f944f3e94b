// The counter terminal in Chromium (1920x1080) against a real hub: two officers at two counters,
// the rating tablet page, and a hub restart in the middle of a call. Tickets are issued through the
// REST API as a kiosk device. Every state is saved to e2e/screenshots/counter-<state>-landscape.png.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { connected } from '../apps/hub/test/harness.ts';
import { byTestId, type E2E, type KioskPage, startE2E, textOf, visible, waitForText } from './harness.ts';

const A = { username: 'canbo-quay2', counterId: 'c2' }; // Quầy 2: Hộ tịch
const B = { username: 'canbo-quay1', counterId: 'c1' }; // Quầy 1: Hộ tịch, Chứng thực
const digits = (text: string) => text.replace(/\s+/g, '');
/** The display number, allowing spaces between its characters. */
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
let kioskToken: string;
const tokens: Record<string, string> = {};
let pageA: KioskPage;
let pageB: KioskPage;
let rating: KioskPage;
let issued = 0;
let setupError: unknown = null;

beforeAll(async () => {
  try {
    e2e = await startE2E();
    kioskToken = await e2e.hub.pairDevice('kiosk');
    tokens.A = (await e2e.hub.user(A.username, 'officer')).token;
    tokens.B = (await e2e.hub.user(B.username, 'officer')).token;
    await e2e.hub.user('canbo-khac', 'officer');
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

/** A ticket issued by the kiosk device through the REST API. */
async function issue(serviceId: string): Promise<any> {
  issued += 1;
  const res = await e2e.api('POST', '/api/v1/tickets', {
    token: kioskToken,
    body: { serviceId },
    headers: { 'idempotency-key': `counter-e2e-${String(issued).padStart(4, '0')}` },
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.ticket;
}

/** The ticket as staff see it (a staff token: with officerId, procedureIds and rating). */
async function ticket(id: string): Promise<any> {
  const res = await e2e.api('GET', `/api/v1/tickets/${id}`, { token: e2e.adminToken });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body.ticket;
}

/**
 * Resolves once the ticket matches: checked now, then on every `queue:changed` the hub
 * publishes (the page acts asynchronously), never by polling on a timer.
 */
async function ticketBecomes(id: string, check: (t: any) => boolean, timeout = 15_000): Promise<any> {
  const socket = e2e.hub.socket(e2e.adminToken);
  try {
    await connected(socket);
    const changed = new Promise<any>((resolve) => {
      socket.on('queue:changed', (event: { tickets: any[] }) => {
        const t = event.tickets.find((x) => x.id === id);
        if (t && check(t)) resolve(t);
      });
    });
    const now = await ticket(id);
    if (check(now)) return now;
    let timer: NodeJS.Timeout | undefined;
    const expired = new Promise<never>((_, reject) => {
      timer = setTimeout(async () => {
        const last = await ticket(id).catch(() => null);
        reject(
          new Error(`e2e: ticket ${id} did not reach the expected state; it is ${JSON.stringify(last)}`),
        );
      }, timeout);
    });
    try {
      return await Promise.race([changed, expired]);
    } finally {
      clearTimeout(timer);
    }
  } finally {
    socket.close();
  }
}

async function signIn(page: KioskPage, username: string): Promise<void> {
  await visible(page.page, 'login-username');
  await byTestId(page.page, 'login-username').fill(username);
  await byTestId(page.page, 'login-password').fill(`${username}-password`);
  await byTestId(page.page, 'login-submit').click();
}

async function choose(page: KioskPage, counterId: string): Promise<void> {
  await visible(page.page, `counter-${counterId}`);
  await byTestId(page.page, `counter-${counterId}`).click();
}

/** Opens the finish picker, chooses procedures by searching without diacritics, and confirms. */
async function finishWith(page: KioskPage, picks: [search: string, procedureId: string][], shot?: string) {
  await byTestId(page.page, 'btn-finish').click();
  await visible(page.page, 'finish-dialog');
  await expect(byTestId(page.page, 'finish-confirm').isDisabled()).resolves.toBe(true);
  for (const [search, procedureId] of picks) {
    await byTestId(page.page, 'finish-search').fill(search);
    await visible(page.page, `finish-proc-${procedureId}`);
    await byTestId(page.page, `finish-proc-${procedureId}`).click();
  }
  if (shot) await page.shot(shot);
  await expect(byTestId(page.page, 'finish-confirm').isDisabled()).resolves.toBe(false);
  await byTestId(page.page, 'finish-confirm').click();
  await byTestId(page.page, 'finish-dialog').waitFor({ state: 'hidden', timeout: 15_000 });
}

describe('counter terminal', () => {
  it('signs two officers in at two counters; a taken counter is refused', async () => {
    pageA = await e2e.open('landscape', '/counter/');
    await visible(pageA.page, 'login-username');
    await pageA.shot('counter-login');
    await byTestId(pageA.page, 'login-username').fill(A.username);
    await byTestId(pageA.page, 'login-password').fill('wrong-password');
    await byTestId(pageA.page, 'login-submit').click();
    await visible(pageA.page, 'login-error');
    await signIn(pageA, A.username);
    await visible(pageA.page, `counter-${A.counterId}`);
    await pageA.shot('counter-choice');
    await choose(pageA, A.counterId);
    await visible(pageA.page, 'work');
    await visible(pageA.page, 'devices-status');
    expect(await textOf(pageA.page, 'devices-status')).toMatch(/không khả dụng/);
    await pageA.shot('counter-work-idle');

    pageB = await e2e.open('landscape', '/counter/');
    await signIn(pageB, B.username);
    await choose(pageB, A.counterId); // taken by A
    await visible(pageB.page, 'counter-error');
    expect(await textOf(pageB.page, 'counter-error')).toMatch(/Quầy 2/);
    await pageB.shot('counter-choice-taken');
    await choose(pageB, B.counterId);
    await visible(pageB.page, 'work');

    const counters = (await e2e.api('GET', '/api/v1/counters', { token: e2e.adminToken })).body.counters;
    const byId = Object.fromEntries(counters.map((c: any) => [c.id, c]));
    expect(byId.c2.officer?.displayName).toBe(`Cán bộ ${A.username}`);
    expect(byId.c1.officer?.displayName).toBe(`Cán bộ ${B.username}`);
  });

  it('opens the rating page of Quầy 2 on a paired counter device', async () => {
    rating = await e2e.open('landscape', `/counter/rating.html?counter=${A.counterId}`);
    const code = await e2e.api('POST', '/api/v1/devices/pairing-codes', {
      token: e2e.adminToken,
      body: { kind: 'counter', name: 'Máy tính bảng Quầy 2', counterId: A.counterId },
    });
    expect(code.status).toBe(201);
    // Not in CONTRACT.md: the rating page pairs like the kiosk (pair-code, pair-submit).
    await visible(rating.page, 'pair-code');
    await byTestId(rating.page, 'pair-code').fill(code.body.code);
    await byTestId(rating.page, 'pair-submit').click();
    await byTestId(rating.page, 'pair-code').waitFor({ state: 'hidden', timeout: 15_000 });
    await rating.shot('counter-rating-idle');
  });

  let t1: any;
  let t2: any;

  it('two officers call in turn and never get the same ticket', async () => {
    t1 = await issue('hotich');
    t2 = await issue('hotich');
    await byTestId(pageA.page, 'btn-call-next').click();
    await waitForText(pageA.page, 'current-number', numberPattern(t1.displayNumber));
    await byTestId(pageB.page, 'btn-call-next').click();
    await waitForText(pageB.page, 'current-number', numberPattern(t2.displayNumber));
    await pageA.shot('counter-called');
    expect(await ticket(t1.id)).toMatchObject({ status: 'called', counterId: 'c2' });
    expect(await ticket(t2.id)).toMatchObject({ status: 'called', counterId: 'c1' });
  });

  it('recalls: the recall count goes up by one', async () => {
    await byTestId(pageA.page, 'btn-recall').click();
    await waitForText(pageA.page, 'current-recalls', /1/);
    expect((await ticketBecomes(t1.id, (t) => t.recallCount === 1)).recallCount).toBe(1);
  });

  it('starts and finishes with two procedures found without diacritics', async () => {
    await byTestId(pageA.page, 'btn-start').click();
    await ticketBecomes(t1.id, (t) => t.status === 'serving');
    await pageA.shot('counter-serving');
    await finishWith(
      pageA,
      [
        ['dang ky khai sinh', 'hotich-1'],
        ['ket hon', 'hotich-2'],
      ],
      'counter-finish-dialog',
    );
    const done = await ticketBecomes(t1.id, (t) => t.status === 'done');
    expect(done.procedureIds.sort()).toEqual(['hotich-1', 'hotich-2']);
    await waitForText(pageA.page, 'my-served', /1/);
  });

  it('the rating page shows the faces after the finish; a tap lands on the ticket', async () => {
    await visible(rating.page, 'rate-4');
    for (const n of [1, 2, 3, 4]) await visible(rating.page, `rate-${n}`);
    await visible(rating.page, 'rating-officer');
    expect(await textOf(rating.page, 'rating-officer')).toContain(`Cán bộ ${A.username}`);
    await rating.shot('counter-rating');
    await byTestId(rating.page, 'rate-4').click();
    await visible(rating.page, 'rating-thanks');
    expect((await ticketBecomes(t1.id, (t) => t.rating !== null)).rating).toBe(4);
  });

  it('no-show, then reinstate: the ticket is back first at that counter', async () => {
    await byTestId(pageB.page, 'btn-no-show').click();
    await ticketBecomes(t2.id, (t) => t.status === 'no_show');
    await visible(pageB.page, `noshow-${t2.id}`);
    await byTestId(pageB.page, `reinstate-${t2.id}`).click();
    const back = await ticketBecomes(t2.id, (t) => t.status === 'waiting');
    expect(back.targetCounterId).toBe('c1');
    await byTestId(pageB.page, 'btn-call-next').click();
    await ticketBecomes(t2.id, (t) => t.status === 'called' && t.counterId === 'c1');
    await waitForText(pageB.page, 'current-number', numberPattern(t2.displayNumber));
    await finishWith(pageB, [['khai tu', 'hotich-4']]);
    await ticketBecomes(t2.id, (t) => t.status === 'done');
    // Reinstated and then finished: it counts as served, not as a no-show.
    await waitForText(pageB.page, 'my-served', /1/);
    expect(await textOf(pageB.page, 'my-no-show')).toMatch(/0/);
  });

  it('transfers to another field; another counter serves it', async () => {
    const t3 = await issue('hotich');
    await byTestId(pageA.page, 'btn-call-next').click();
    await waitForText(pageA.page, 'current-number', numberPattern(t3.displayNumber));
    await byTestId(pageA.page, 'btn-transfer').click();
    await visible(pageA.page, 'transfer-dialog');
    await byTestId(pageA.page, 'transfer-service-chungthuc').click();
    await byTestId(pageA.page, 'transfer-reason').fill('Cần chứng thực bản sao');
    await pageA.shot('counter-transfer-dialog');
    await byTestId(pageA.page, 'transfer-confirm').click();
    const moved = await ticketBecomes(t3.id, (t) => t.status === 'waiting' && t.serviceId === 'chungthuc');
    expect(moved.number).toBe(t3.number);
    // Quầy 2 serves Hộ tịch only; Quầy 1 also Chứng thực.
    await byTestId(pageB.page, 'btn-call-next').click();
    await ticketBecomes(t3.id, (t) => t.status === 'called' && t.counterId === 'c1');
    await byTestId(pageB.page, 'btn-start').click();
    await ticketBecomes(t3.id, (t) => t.status === 'serving');
    await finishWith(pageB, [['chu ky', 'chungthuc-2']]);
    expect((await ticketBecomes(t3.id, (t) => t.status === 'done')).officerId).not.toBeNull();
  });

  let t4: any;
  let t5: any;

  it('calls a specific ticket from the waiting list', async () => {
    t4 = await issue('hotich');
    t5 = await issue('hotich');
    await visible(pageA.page, 'waiting-list');
    await visible(pageA.page, `waiting-${t5.id}`);
    await visible(pageA.page, `waiting-${t4.id}`);
    await waitForText(pageA.page, 'waiting-count', /2/);
    await visible(pageA.page, 'waiting-longest');
    await pageA.shot('counter-waiting-list');
    await byTestId(pageA.page, `call-${t5.id}`).click();
    await ticketBecomes(t5.id, (t) => t.status === 'called' && t.counterId === 'c2');
    await waitForText(pageA.page, 'current-number', numberPattern(t5.displayNumber));
    expect((await ticket(t4.id)).status).toBe('waiting');
    await finishWith(pageA, [['khai tu', 'hotich-4']]);
    await ticketBecomes(t5.id, (t) => t.status === 'done');
  });

  it('pause blocks calls until resume', async () => {
    await byTestId(pageA.page, 'btn-pause').click();
    await visible(pageA.page, 'pause-dialog');
    await byTestId(pageA.page, 'pause-reason-meeting').click();
    await byTestId(pageA.page, 'pause-confirm').click();
    await visible(pageA.page, 'paused-banner');
    await pageA.shot('counter-paused');
    const counter = (await e2e.api('GET', '/api/v1/counters', { token: e2e.adminToken })).body.counters.find(
      (c: any) => c.id === 'c2',
    );
    expect(counter.state).toBe('paused');
    const call = byTestId(pageA.page, 'btn-call-next');
    if (await call.isDisabled()) {
      expect(await call.isDisabled()).toBe(true);
    } else {
      await call.click();
      await visible(pageA.page, 'action-error');
    }
    const refused = await e2e.api('POST', '/api/v1/counters/c2/call-next', { token: tokens.A });
    expect(refused.status).toBe(409);
    expect((await ticket(t4.id)).status).toBe('waiting');
    await byTestId(pageA.page, 'btn-resume').click();
    await byTestId(pageA.page, 'paused-banner').waitFor({ state: 'hidden', timeout: 15_000 });
  });

  it("refuses an officer another counter's ticket (REST and the counter choice)", async () => {
    await byTestId(pageA.page, 'btn-call-next').click();
    await ticketBecomes(t4.id, (t) => t.status === 'called' && t.counterId === 'c2');
    for (const action of ['start', 'recall', 'no-show']) {
      const res = await e2e.api('POST', `/api/v1/tickets/${t4.id}/${action}`, { token: tokens.B });
      expect(res.status, `${action}: ${JSON.stringify(res.body)}`).toBe(403);
    }
    const res = await e2e.api('POST', '/api/v1/counters/c2/call-next', { token: tokens.B });
    expect(res.status).toBe(403);
    const other = await e2e.open('landscape', '/counter/');
    await signIn(other, 'canbo-khac');
    await choose(other, A.counterId);
    await visible(other.page, 'counter-error');
    expect((await ticket(t4.id)).status).toBe('called');
  });

  it('survives a hub restart in the middle of a call: banner, no reload, an action pressed meanwhile done once', async () => {
    await waitForText(pageA.page, 'current-number', numberPattern(t4.displayNumber));
    const before = await ticket(t4.id);
    await pageA.page.evaluate(() => {
      (window as unknown as { __noReload: boolean }).__noReload = true;
    });
    await e2e.restartHub(async () => {
      await visible(pageA.page, 'connection-banner', 20_000);
      await pageA.shot('counter-reconnecting');
      // An action pressed while the hub is down waits, says so, and is sent once it is back.
      await byTestId(pageA.page, 'btn-recall').click();
      await waitForText(pageA.page, 'action-waiting', /Gọi lại/);
      await pageA.shot('counter-action-waiting');
    });
    await byTestId(pageA.page, 'connection-banner').waitFor({ state: 'hidden', timeout: 30_000 });
    expect(await pageA.page.evaluate(() => (window as unknown as { __noReload?: boolean }).__noReload)).toBe(
      true,
    );
    // The recall pressed while down is done, exactly once.
    await ticketBecomes(t4.id, (t) => t.recallCount === before.recallCount + 1, 30_000);
    await byTestId(pageA.page, 'action-waiting').waitFor({ state: 'detached', timeout: 30_000 });
    await waitForText(pageA.page, 'current-recalls', new RegExp(String(before.recallCount + 1)));
    expect((await ticket(t4.id)).recallCount).toBe(before.recallCount + 1);
    // After recovery a new press is a new action: a second recall.
    await byTestId(pageA.page, 'btn-recall').click();
    await ticketBecomes(t4.id, (t) => t.recallCount === before.recallCount + 2, 20_000);
    await waitForText(pageA.page, 'current-recalls', new RegExp(String(before.recallCount + 2)));
    expect((await ticket(t4.id)).recallCount).toBe(before.recallCount + 2);
    await byTestId(pageA.page, 'btn-start').click();
    await ticketBecomes(t4.id, (t) => t.status === 'serving');
    await finishWith(pageA, [['khai sinh', 'hotich-1']]);
    const done = await ticketBecomes(t4.id, (t) => t.status === 'done');
    expect(done.procedureIds).toEqual(['hotich-1']);
    expect(serious(pageA.errors)).toEqual([]);
    expect(serious(pageB.errors)).toEqual([]);
  });
});
