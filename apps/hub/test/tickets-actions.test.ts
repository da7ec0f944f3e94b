// Ticket actions at a counter over REST: call-next, recall, start, finish, no-show and reinstate,
// transfer, cancel and rating, with their 403s and 409s.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  act,
  expectError,
  expectOk,
  expectPublicTicketShape,
  expectTicketShape,
  issue,
  type ManualClock,
  manualClock,
  officerAt,
} from './api-helpers.ts';
import { startTestHub, type TestHub } from './harness.ts';

describe('ticket actions at a counter', () => {
  let t: TestHub;
  let clock: ManualClock;
  let kiosk: string;
  let admin: string;
  let o2: { token: string; id: string }; // at c2 (hotich)
  let o3: { token: string; id: string }; // at c3 (chungthuc, hotich)
  let o4: { token: string; id: string }; // at c4 (datdai, xaydung)

  beforeAll(async () => {
    clock = manualClock('2025-03-10T02:00:00.000Z');
    t = await startTestHub({ now: clock.now });
    admin = await t.login();
    kiosk = await t.pairDevice('kiosk');
    o2 = await officerAt(t, 'officer-c2', 'c2');
    o3 = await officerAt(t, 'officer-c3', 'c3');
    o4 = await officerAt(t, 'officer-c4', 'c4');
  });
  afterAll(() => t.close());

  /** Makes sure no ticket is waiting or active anywhere, so each test starts clean. */
  beforeEach(async () => {
    const queue = expectOk(await t.api('GET', '/api/v1/queue', { token: admin }));
    for (const ticket of queue.tickets) {
      if (ticket.status === 'serving') {
        const at = [o2, o3, o4].find((_, i) => ticket.counterId === ['c2', 'c3', 'c4'][i])!;
        expectOk(
          await act(t, at.token, `tickets/${ticket.id}/finish`, { procedureIds: [`${ticket.serviceId}-1`] }),
        );
      } else {
        expectOk(await act(t, admin, `tickets/${ticket.id}/cancel`));
      }
    }
  });

  it('call-next, recall, start, finish with two procedures, then the citizen’s rating', async () => {
    const ticket = await issue(t, kiosk, { serviceId: 'hotich' });
    clock.advance(60_000);
    const called = expectOk(await act(t, o2.token, 'counters/c2/call-next')).ticket;
    expectTicketShape(called);
    expect(called).toMatchObject({
      id: ticket.id,
      status: 'called',
      counterId: 'c2',
      counterNumber: 2,
      officerId: o2.id,
      calledAt: new Date(clock.now()).toISOString(),
    });

    const recalled = expectOk(await act(t, o2.token, `tickets/${ticket.id}/recall`)).ticket;
    expect(recalled).toMatchObject({ status: 'called', recallCount: 1 });
    expect(expectOk(await act(t, o2.token, `tickets/${ticket.id}/recall`)).ticket.recallCount).toBe(2);

    clock.advance(30_000);
    const started = expectOk(await act(t, o2.token, `tickets/${ticket.id}/start`)).ticket;
    expect(started).toMatchObject({ status: 'serving', startedAt: new Date(clock.now()).toISOString() });
    // Recall, start and no-show only apply to a called ticket.
    expectError(await act(t, o2.token, `tickets/${ticket.id}/recall`), 409, 'conflict', /serving/);
    expectError(await act(t, o2.token, `tickets/${ticket.id}/start`), 409, 'conflict');
    expectError(await act(t, o2.token, `tickets/${ticket.id}/no-show`), 409, 'conflict');
    // A serving ticket cannot be cancelled.
    expectError(await act(t, admin, `tickets/${ticket.id}/cancel`), 409, 'conflict');
    // Another call while a ticket is at the counter is refused.
    expectError(await act(t, o2.token, 'counters/c2/call-next'), 409, 'conflict', /first/);
    // Rating before the ticket is done is refused.
    const rating = `/api/v1/tickets/${ticket.id}/rating`;
    expectError(await t.api('POST', rating, { body: { score: 4 } }), 409, 'conflict');

    clock.advance(300_000);
    const done = expectOk(
      await act(t, o2.token, `tickets/${ticket.id}/finish`, {
        procedureIds: ['hotich-1', 'hotich-3'],
        note: 'đủ hồ sơ',
      }),
    ).ticket;
    expect(done).toMatchObject({ status: 'done', finishedAt: new Date(clock.now()).toISOString() });
    expect([...done.procedureIds].sort()).toEqual(['hotich-1', 'hotich-3']);

    // Every action on a done ticket is a 409.
    for (const action of ['recall', 'start', 'no-show']) {
      expectError(await act(t, o2.token, `tickets/${ticket.id}/${action}`), 409, 'conflict');
    }
    expectError(
      await act(t, o2.token, `tickets/${ticket.id}/finish`, { procedureIds: ['hotich-1'] }),
      409,
      'conflict',
    );
    expectError(
      await act(t, o2.token, `tickets/${ticket.id}/transfer`, { serviceId: 'chungthuc' }),
      409,
      'conflict',
    );
    expectError(await act(t, admin, `tickets/${ticket.id}/cancel`), 409, 'conflict');
    expectError(await act(t, o2.token, `tickets/${ticket.id}/reinstate`), 409, 'conflict');

    // The citizen rates (its status page, no token); the officer who served may not (API.md).
    expectError(await act(t, o2.token, `tickets/${ticket.id}/rating`, { score: 4 }), 403, 'forbidden');
    const rated = expectOk(await t.api('POST', rating, { body: { score: 3 } })).ticket;
    expectPublicTicketShape(rated);
    const whole = expectOk(await t.api('GET', `/api/v1/tickets/${ticket.id}`, { token: o2.token })).ticket;
    expect(whole).toMatchObject({ rating: 3, note: 'đủ hồ sơ' });
    expectError(await t.api('POST', rating, { body: { score: 4 } }), 409, 'conflict');
    expectError(await t.api('POST', rating, { body: { score: 5 } }), 400, 'validation_failed', /^score: /);
    // The public page shows the final state: rated, without the rating itself or the note.
    const closesAt = new Date(Date.parse(done.finishedAt) + 30 * 60_000).toISOString();
    expect(expectOk(await t.api('GET', `/api/v1/tickets/${ticket.id}`))).toEqual({
      ticket: rated,
      waitingAhead: 0,
      estimatedWaitMinutes: 0,
      ratingWindow: { state: 'rated', closesAt },
    });
  });

  it('finish validates its procedures; finishing straight from called counts service from the call', async () => {
    const ticket = await issue(t, kiosk, { serviceId: 'hotich' });
    const called = expectOk(await act(t, o2.token, 'counters/c2/call-next')).ticket;
    expect(called.id).toBe(ticket.id);
    expectError(
      await act(t, o2.token, `tickets/${ticket.id}/finish`, { procedureIds: [] }),
      400,
      'validation_failed',
      /^procedureIds: /,
    );
    expectError(
      await act(t, o2.token, `tickets/${ticket.id}/finish`),
      400,
      'validation_failed',
      /^procedureIds: /,
    );
    expectError(
      await act(t, o2.token, `tickets/${ticket.id}/finish`, { procedureIds: ['hotich-1', 'datdai-1'] }),
      400,
      'validation_failed',
      /^procedureIds\.1: /,
    );
    clock.advance(120_000);
    const done = expectOk(
      await act(t, o2.token, `tickets/${ticket.id}/finish`, { procedureIds: ['hotich-2', 'hotich-2'] }),
    ).ticket;
    expect(done).toMatchObject({ status: 'done', startedAt: called.calledAt, procedureIds: ['hotich-2'] });
  });

  it('no-show, then reinstate puts it first in line at the reinstating counter', async () => {
    const a = await issue(t, kiosk, { serviceId: 'hotich' });
    clock.advance(1000);
    const b = await issue(t, kiosk, { serviceId: 'hotich' });
    expect(expectOk(await act(t, o2.token, 'counters/c2/call-next')).ticket.id).toBe(a.id);
    // Reinstating a ticket that is not a no-show is a conflict.
    expectError(await act(t, o2.token, `tickets/${a.id}/reinstate`), 409, 'conflict', /called/);
    const noShow = expectOk(await act(t, o2.token, `tickets/${a.id}/no-show`)).ticket;
    expect(noShow.status).toBe('no_show');
    expectError(await act(t, o2.token, `tickets/${a.id}/no-show`), 409, 'conflict');
    expectError(await act(t, o2.token, `tickets/${a.id}/recall`), 409, 'conflict');
    // An officer whose counter does not serve the field cannot take it back.
    expectError(await act(t, o4.token, `tickets/${a.id}/reinstate`), 409, 'conflict');
    // An officer at c3 (which also serves hotich) reinstates it: first at c3.
    const back = expectOk(await act(t, o3.token, `tickets/${a.id}/reinstate`)).ticket;
    expect(back).toMatchObject({ status: 'waiting', counterId: null, calledAt: null, issuedAt: a.issuedAt });
    expect(back.targetCounterId).toBe('c3');
    expect(expectOk(await act(t, o2.token, 'counters/c2/call-next')).ticket.id).toBe(b.id);
    expect(expectOk(await act(t, o3.token, 'counters/c3/call-next')).ticket.id).toBe(a.id);
  });

  it('a no-show can be reinstated only within the grace period', async () => {
    const a = await issue(t, kiosk, { serviceId: 'hotich' });
    expectOk(await act(t, o2.token, 'counters/c2/call-next'));
    expectOk(await act(t, o2.token, `tickets/${a.id}/no-show`));
    clock.advance(16 * 60_000);
    expectError(await act(t, o2.token, `tickets/${a.id}/reinstate`), 409, 'conflict', /within 15 minutes/);
  });

  it('transfer to another field keeps the issue time and goes back to waiting', async () => {
    const early = await issue(t, kiosk, { serviceId: 'hotich' });
    clock.advance(10_000);
    const waitingChungthuc = await issue(t, kiosk, { serviceId: 'chungthuc' });
    expect(expectOk(await act(t, o2.token, 'counters/c2/call-next')).ticket.id).toBe(early.id);
    expectError(
      await act(t, o2.token, `tickets/${early.id}/transfer`),
      400,
      'validation_failed',
      /^serviceId: /,
    );
    expectError(
      await act(t, o2.token, `tickets/${early.id}/transfer`, { serviceId: 'hotich' }),
      400,
      'validation_failed',
      /^serviceId: /,
    );
    expectError(
      await act(t, o2.token, `tickets/${early.id}/transfer`, { serviceId: 'khongco' }),
      404,
      'not_found',
    );
    expectError(
      await act(t, o2.token, `tickets/${early.id}/transfer`, { counterId: 'c2' }),
      400,
      'validation_failed',
      /^counterId: /,
    );
    const moved = expectOk(
      await act(t, o2.token, `tickets/${early.id}/transfer`, { serviceId: 'chungthuc', reason: 'nhầm quầy' }),
    ).ticket;
    expect(moved).toMatchObject({
      status: 'waiting',
      serviceId: 'chungthuc',
      issuedAt: early.issuedAt,
      displayNumber: early.displayNumber,
      counterId: null,
      calledAt: null,
    });
    // Transferred: the officer at c2 no longer holds it.
    expectError(await act(t, o2.token, `tickets/${early.id}/recall`), 403, 'forbidden');
    // It keeps its place: ahead of the chungthuc ticket issued after it.
    expect(expectOk(await act(t, o3.token, 'counters/c3/call-next')).ticket.id).toBe(early.id);
    expectOk(await act(t, o3.token, `tickets/${early.id}/start`));
    // A serving ticket may be transferred to a counter: it is called there first.
    const toCounter = expectOk(
      await act(t, o3.token, `tickets/${early.id}/transfer`, { counterId: 'c2' }),
    ).ticket;
    expect(toCounter).toMatchObject({ status: 'waiting', targetCounterId: 'c2', serviceId: 'chungthuc' });
    expect(expectOk(await act(t, o2.token, 'counters/c2/call-next')).ticket.id).toBe(early.id);
    expect(expectOk(await act(t, o3.token, 'counters/c3/call-next')).ticket.id).toBe(waitingChungthuc.id);
  });

  it('cancel: a waiting or called ticket by an officer or admin; 403 for other roles', async () => {
    const a = await issue(t, kiosk, { serviceId: 'datdai' });
    const b = await issue(t, kiosk, { serviceId: 'datdai' });
    const director = await t.user('dir-cancel', 'director');
    expectError(await act(t, kiosk, `tickets/${a.id}/cancel`), 403, 'forbidden');
    expectError(await act(t, director.token, `tickets/${a.id}/cancel`), 403, 'forbidden');
    expectError(await t.api('POST', `/api/v1/tickets/${a.id}/cancel`), 401, 'unauthorized');
    const cancelled = expectOk(await act(t, o2.token, `tickets/${a.id}/cancel`)).ticket;
    expect(cancelled.status).toBe('cancelled');
    expectError(await act(t, o2.token, `tickets/${a.id}/cancel`), 409, 'conflict', /cancelled/);
    expect(expectOk(await act(t, o4.token, 'counters/c4/call-next')).ticket.id).toBe(b.id);
    expect(expectOk(await act(t, admin, `tickets/${b.id}/cancel`)).ticket.status).toBe('cancelled');
    // The counter is free again.
    expect(expectOk(await act(t, o4.token, 'counters/c4/call-next')).ticket).toBeNull();
    expectError(await act(t, admin, 'tickets/AAAAAAAAAAAAAAAAAAAAAA/cancel'), 404, 'not_found');
  });

  it('an officer at another counter gets 403 for every action on a ticket at c2', async () => {
    const ticket = await issue(t, kiosk, { serviceId: 'hotich' });
    expectOk(await act(t, o2.token, 'counters/c2/call-next'));
    const paths: [string, unknown?][] = [
      ['recall'],
      ['start'],
      ['no-show'],
      ['finish', { procedureIds: ['hotich-1'] }],
      ['transfer', { serviceId: 'chungthuc' }],
    ];
    for (const [action, body] of paths) {
      expectError(await act(t, o3.token, `tickets/${ticket.id}/${action}`, body), 403, 'forbidden');
    }
    // An admin not signed in there cannot act either; a kiosk or director is refused by role.
    expectError(await act(t, admin, `tickets/${ticket.id}/start`), 403, 'forbidden');
    const director = await t.user('dir-act', 'director');
    const display = await t.pairDevice('display');
    for (const token of [kiosk, director.token, display]) {
      expectError(
        await act(t, token, `tickets/${ticket.id}/finish`, { procedureIds: ['hotich-1'] }),
        403,
        'forbidden',
      );
      expectError(await act(t, token, `tickets/${ticket.id}/recall`), 403, 'forbidden');
    }
    // Nothing changed.
    const still = expectOk(await t.api('GET', `/api/v1/tickets/${ticket.id}`)).ticket;
    expect(still).toMatchObject({ status: 'called', counterId: 'c2', recallCount: 0 });
    expectError(await act(t, o2.token, 'tickets/AAAAAAAAAAAAAAAAAAAAAA/start'), 404, 'not_found');
  });

  it('rating by a counter device paired to c1 lands on a ticket finished at c1, 403 for c2’s', async () => {
    const o1 = await officerAt(t, 'officer-c1', 'c1');
    const pad = await t.pairDevice('counter', { counterId: 'c1' });
    const padWithoutCounter = await t.pairDevice('counter');
    const at1 = await issue(t, kiosk, { serviceId: 'chungthuc' });
    clock.advance(1000);
    const at2 = await issue(t, kiosk, { serviceId: 'hotich' });
    expect(expectOk(await act(t, o1.token, 'counters/c1/call-next')).ticket.id).toBe(at1.id);
    expect(expectOk(await act(t, o2.token, 'counters/c2/call-next')).ticket.id).toBe(at2.id);
    // Not done yet: the pad gets 409.
    expectError(await act(t, pad, `tickets/${at1.id}/rating`, { score: 4 }), 409, 'conflict');
    expectOk(await act(t, o1.token, `tickets/${at1.id}/finish`, { procedureIds: ['chungthuc-1'] }));
    expectOk(await act(t, o2.token, `tickets/${at2.id}/finish`, { procedureIds: ['hotich-1'] }));

    expectError(await act(t, pad, `tickets/${at2.id}/rating`, { score: 4 }), 403, 'forbidden');
    expectError(await act(t, padWithoutCounter, `tickets/${at1.id}/rating`, { score: 4 }), 403, 'forbidden');
    expectError(await act(t, kiosk, `tickets/${at1.id}/rating`, { score: 4 }), 403, 'forbidden');
    expectError(await act(t, o3.token, `tickets/${at1.id}/rating`, { score: 4 }), 403, 'forbidden');
    const rated = expectOk(await act(t, pad, `tickets/${at1.id}/rating`, { score: 4 })).ticket;
    // The pad is a device: its answer is the public view; staff see the rating.
    expectPublicTicketShape(rated);
    expect(rated).toMatchObject({ id: at1.id, counterId: 'c1' });
    const staffView = async (id: string) =>
      expectOk(await t.api('GET', `/api/v1/tickets/${id}`, { token: admin })).ticket;
    expect((await staffView(at1.id)).rating).toBe(4);
    expect((await staffView(at2.id)).rating).toBeNull();
    // Leave c1 so other tests' call order is unaffected.
    expectOk(await act(t, o1.token, 'counters/c1/sign-out'));
  });
});
