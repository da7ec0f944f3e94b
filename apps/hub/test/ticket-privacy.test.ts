// The public view of tickets and the citizen's rating (API.md, changed 2026-12-04): without a staff
// token a ticket has no note, officerId, procedureIds or rating — over REST, in `queue:changed` and
// in snapshots — and a rating comes from the citizen only: its status page (no token) or the rating
// device of the ticket's counter; once, within 30 minutes of finishing; a staff token gets 403.
import type { Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  act,
  emitAck,
  expectError,
  expectOk,
  issue,
  type ManualClock,
  manualClock,
  officerAt,
  recorder,
  TICKET_FIELDS,
} from './api-helpers.ts';
import { connected, startTestHub, type TestHub } from './harness.ts';

/** What an officer may write in a note: personal data that must never reach a device or a phone. */
const NOTE = 'CCCD 079123456789, điện thoại 0901234567';
const PRIVATE = ['note', 'officerId', 'procedureIds', 'rating'];
/** The public view of a ticket (shared PublicTicket): API.md's fields less the private ones, and the counter it was sent to. */
const PUBLIC_FIELDS = [...TICKET_FIELDS.filter((f) => !PRIVATE.includes(f)), 'targetCounterId'].sort();

const expectPublic = (ticket: any) => {
  expect(Object.keys(ticket).sort()).toEqual(PUBLIC_FIELDS);
  expect(JSON.stringify(ticket)).not.toContain('CCCD');
};

const rateAnonymously = (t: TestHub, id: string, score: number) =>
  t.api('POST', `/api/v1/tickets/${id}/rating`, { body: { score } });

describe('the public view of tickets', () => {
  let t: TestHub;
  let admin: string;
  let director: string;
  let kiosk: string;
  let display: string;
  let pad: string;
  let officer: { token: string; id: string };
  beforeAll(async () => {
    t = await startTestHub();
    admin = await t.login();
    director = (await t.user('pv-giamdoc', 'director')).token;
    kiosk = await t.pairDevice('kiosk');
    display = await t.pairDevice('display');
    pad = await t.pairDevice('counter', { counterId: 'c2' });
    officer = await officerAt(t, 'pv-officer', 'c2');
  });
  afterAll(() => t.close());

  /** Issues, calls at c2 and finishes with a note; returns the ticket id. */
  const serveWithNote = async (headers?: Record<string, string>) => {
    const ticket = await issue(t, kiosk, { serviceId: 'hotich' }, headers);
    expect(expectOk(await act(t, officer.token, 'counters/c2/call-next')).ticket.id).toBe(ticket.id);
    const done = expectOk(
      await act(t, officer.token, `tickets/${ticket.id}/finish`, { procedureIds: ['hotich-1'], note: NOTE }),
    ).ticket;
    expect(done).toMatchObject({ status: 'done', note: NOTE }); // the officer's own answer is whole
    return ticket.id as string;
  };

  it('GET /tickets/:id without a token, or with a device token, is the public view; staff see it whole', async () => {
    const id = await serveWithNote();
    expectOk(await rateAnonymously(t, id, 3));
    for (const token of [null, kiosk, display, pad]) {
      const body = expectOk(await t.api('GET', `/api/v1/tickets/${id}`, { token }));
      expectPublic(body.ticket);
      expect(body.ticket).toMatchObject({ id, status: 'done', counterId: 'c2', counterNumber: 2 });
      expect(body).toMatchObject({ waitingAhead: 0, estimatedWaitMinutes: 0 });
    }
    for (const token of [officer.token, admin, director]) {
      const { ticket } = expectOk(await t.api('GET', `/api/v1/tickets/${id}`, { token }));
      expect(ticket).toMatchObject({
        note: NOTE,
        officerId: officer.id,
        procedureIds: ['hotich-1'],
        rating: 3,
      });
      expect(Object.keys(ticket)).toEqual(expect.arrayContaining([...PUBLIC_FIELDS, ...PRIVATE]));
    }
  });

  it('a display socket’s queue:changed carries no notes (nor officer, procedures, rating); an officer socket’s does', async () => {
    const sockets: Record<string, Socket> = {
      display: t.socket(display),
      kiosk: t.socket(kiosk),
      pad: t.socket(pad),
      officer: t.socket(officer.token),
      admin: t.socket(admin),
    };
    await Promise.all(Object.values(sockets).map(connected));
    const changes = Object.fromEntries(
      Object.entries(sockets).map(([name, socket]) => [name, recorder(socket, 'queue:changed')]),
    );
    const id = await serveWithNote();
    /** The change each socket got for `reason` (the issue, the call and the finish, in order). */
    const byReason = async (name: string, reason: string) => {
      for (;;) {
        const e = await changes[name]!.next();
        if (e.reason === reason) return e;
      }
    };
    for (const name of ['display', 'kiosk', 'pad']) {
      const call = await byReason(name, 'call-next');
      expectPublic(call.tickets[0]);
      const c2 = call.counters.find((c: any) => c.id === 'c2');
      expectPublic(c2.currentTicket);
      const finish = await byReason(name, 'finish');
      expect(finish.tickets.map((x: any) => x.id)).toEqual([id]);
      expectPublic(finish.tickets[0]);
      expect(JSON.stringify(finish)).not.toContain('CCCD');
    }
    for (const name of ['officer', 'admin']) {
      const call = await byReason(name, 'call-next');
      expect(call.counters.find((c: any) => c.id === 'c2').currentTicket.officerId).toBe(officer.id);
      const finish = await byReason(name, 'finish');
      expect(finish.tickets[0]).toMatchObject({
        id,
        note: NOTE,
        officerId: officer.id,
        procedureIds: ['hotich-1'],
        rating: null,
      });
    }
  });

  it('snapshots (queue:snapshot, GET /api/v1/queue, GET /api/v1/counters) are the public view for devices', async () => {
    // Notes are written at finish and snapshots hold open tickets only: what a device could
    // read there is the officer of a called ticket, on the ticket and on its counter.
    const ticket = await issue(t, kiosk, { serviceId: 'hotich' });
    expectOk(await act(t, officer.token, 'counters/c2/call-next'));
    for (const token of [display, kiosk, pad]) {
      const socket = t.socket(token);
      await connected(socket);
      for (const snapshot of [
        await emitAck(socket, 'queue:snapshot'),
        expectOk(await t.api('GET', '/api/v1/queue', { token })),
      ]) {
        const called = snapshot.tickets.find((x: any) => x.id === ticket.id);
        expectPublic(called);
        for (const x of snapshot.tickets) expectPublic(x);
        expectPublic(snapshot.counters.find((c: any) => c.id === 'c2').currentTicket);
      }
      const { counters } = expectOk(await t.api('GET', '/api/v1/counters', { token }));
      expectPublic(counters.find((c: any) => c.id === 'c2').currentTicket);
    }
    const socket = t.socket(officer.token);
    await connected(socket);
    for (const snapshot of [
      await emitAck(socket, 'queue:snapshot'),
      expectOk(await t.api('GET', '/api/v1/queue', { token: officer.token })),
    ]) {
      expect(snapshot.tickets.find((x: any) => x.id === ticket.id).officerId).toBe(officer.id);
      expect(snapshot.counters.find((c: any) => c.id === 'c2').currentTicket.officerId).toBe(officer.id);
    }
    expectOk(await act(t, officer.token, `tickets/${ticket.id}/no-show`));
  });

  it('a kiosk replaying an Idempotency-Key after the finish gets the public view, not the note', async () => {
    const headers = { 'idempotency-key': 'privacy-replay-0001' };
    const id = await serveWithNote(headers);
    const replay = expectOk(
      await t.api('POST', '/api/v1/tickets', { token: kiosk, body: { serviceId: 'hotich' }, headers }),
      201,
    );
    expect(replay.ticket.id).toBe(id);
    expectPublic(replay.ticket);
  });
});

describe('the citizen’s rating', () => {
  let t: TestHub;
  let clock: ManualClock;
  let admin: string;
  let director: string;
  let kiosk: string;
  let display: string;
  let padC2: string;
  let padC1: string;
  let officer: { token: string; id: string };
  beforeAll(async () => {
    clock = manualClock('2026-12-07T02:00:00.000Z'); // a Monday, 09:00 in Vietnam
    t = await startTestHub({ now: clock.now });
    admin = await t.login();
    director = (await t.user('rt-giamdoc', 'director')).token;
    kiosk = await t.pairDevice('kiosk');
    display = await t.pairDevice('display');
    padC2 = await t.pairDevice('counter', { counterId: 'c2' });
    padC1 = await t.pairDevice('counter', { counterId: 'c1' });
    officer = await officerAt(t, 'rt-officer', 'c2');
  });
  afterAll(() => t.close());

  /** A ticket issued, called at c2 and finished now. */
  const finished = async () => {
    const ticket = await issue(t, kiosk, { serviceId: 'hotich' });
    expectOk(await act(t, officer.token, 'counters/c2/call-next'));
    clock.advance(60_000);
    return expectOk(
      await act(t, officer.token, `tickets/${ticket.id}/finish`, { procedureIds: ['hotich-1'] }),
    ).ticket;
  };
  const seq = async () => expectOk(await t.api('GET', '/api/v1/queue', { token: admin })).seq as number;
  /** The ticket as staff see it, and the hub's log position: what a refused rating must not move. */
  const state = async (id: string) => ({
    ticket: expectOk(await t.api('GET', `/api/v1/tickets/${id}`, { token: admin })).ticket,
    seq: await seq(),
  });

  it('403 for all but the citizen: staff (the officer at the ticket’s counter, an admin, a director), another counter’s device, a kiosk, a display; nothing changes', async () => {
    const ticket = await finished();
    const before = await state(ticket.id);
    for (const token of [officer.token, admin, director, padC1, kiosk, display]) {
      expectError(await act(t, token, `tickets/${ticket.id}/rating`, { score: 4 }), 403, 'forbidden');
    }
    expect(await state(ticket.id)).toEqual(before);
    expect(before.ticket.rating).toBeNull();
  });

  it('without a token (the status page): 200 once, then 409; the answer is the public view', async () => {
    const ticket = await finished();
    const open = expectOk(await t.api('GET', `/api/v1/tickets/${ticket.id}`));
    const closesAt = new Date(Date.parse(ticket.finishedAt) + 30 * 60_000).toISOString();
    expect(open.ratingWindow).toEqual({ state: 'open', closesAt });
    const rated = expectOk(await rateAnonymously(t, ticket.id, 4));
    expectPublic(rated.ticket);
    const after = await state(ticket.id);
    expect(after.ticket.rating).toBe(4);
    expectError(await rateAnonymously(t, ticket.id, 1), 409, 'conflict', /already been rated/);
    expectError(await act(t, padC2, `tickets/${ticket.id}/rating`, { score: 1 }), 409, 'conflict');
    expect(await state(ticket.id)).toEqual(after);
    expect(expectOk(await t.api('GET', `/api/v1/tickets/${ticket.id}`)).ratingWindow).toEqual({
      state: 'rated',
      closesAt,
    });
  });

  it('the rating device of the ticket’s counter rates once; the answer is the public view', async () => {
    const ticket = await finished();
    const rated = expectOk(await act(t, padC2, `tickets/${ticket.id}/rating`, { score: 2 }));
    expectPublic(rated.ticket);
    expect((await state(ticket.id)).ticket.rating).toBe(2);
    expectError(await rateAnonymously(t, ticket.id, 4), 409, 'conflict');
  });

  it('a waiting ticket is not rated (409 anonymous; 403 for another counter’s device)', async () => {
    const ticket = await issue(t, kiosk, { serviceId: 'datdai' });
    expect(expectOk(await t.api('GET', `/api/v1/tickets/${ticket.id}`)).ratingWindow).toBeNull();
    expectError(await rateAnonymously(t, ticket.id, 4), 409, 'conflict');
    expectError(await act(t, padC2, `tickets/${ticket.id}/rating`, { score: 4 }), 403, 'forbidden');
  });

  it('within 30 minutes of finishing only: 409 after, nothing changed; the page is told it closed', async () => {
    const late = await finished();
    const inTime = await finished();
    clock.advance(29 * 60_000);
    expectOk(await rateAnonymously(t, inTime.id, 3));
    clock.advance(2 * 60_000); // `late` finished 32 minutes ago
    const before = await state(late.id);
    expectError(await rateAnonymously(t, late.id, 4), 409, 'conflict', /within 30 minutes/);
    expectError(await act(t, padC2, `tickets/${late.id}/rating`, { score: 4 }), 409, 'conflict');
    expect(await state(late.id)).toEqual(before);
    expect(before.ticket.rating).toBeNull();
    expect(expectOk(await t.api('GET', `/api/v1/tickets/${late.id}`)).ratingWindow.state).toBe('closed');
  });
});
