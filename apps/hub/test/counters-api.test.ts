// Services, counters and the queue over REST: lists, sign-in/out, pause/resume, call-next and call.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  act,
  expectError,
  expectOk,
  expectTicketShape,
  issue,
  manualClock,
  officerAt,
} from './api-helpers.ts';
import { startTestHub, type TestHub } from './harness.ts';

describe('services, counters and queue reads', () => {
  let t: TestHub;
  beforeAll(async () => {
    t = await startTestHub();
  });
  afterAll(() => t.close());

  it('any token lists the services with their procedures', async () => {
    const tokens = [
      await t.login(),
      (await t.user('svc-director', 'director')).token,
      (await t.user('svc-officer', 'officer')).token,
      await t.pairDevice('kiosk'),
      await t.pairDevice('counter'),
      await t.pairDevice('display'),
    ];
    const first = expectOk(await t.api('GET', '/api/v1/services', { token: tokens[0] }));
    for (const token of tokens.slice(1)) {
      expect(expectOk(await t.api('GET', '/api/v1/services', { token }))).toEqual(first);
    }
    for (const token of tokens) {
      expect(expectOk(await t.api('GET', '/api/v1/counters', { token })).counters).toHaveLength(7);
      expect(expectOk(await t.api('GET', '/api/v1/queue', { token })).tickets).toEqual([]);
    }
    expect(first.services).toHaveLength(10);
    const hotich = first.services.find((s: any) => s.id === 'hotich');
    expect(hotich).toMatchObject({
      id: 'hotich',
      code: 'HOTICH',
      name: expect.any(String),
      nameEn: expect.any(String),
      prefix: '',
      start: 1001,
      active: true,
    });
    expect(hotich.procedures).toHaveLength(8);
    expect(hotich.procedures[0]).toEqual({
      id: 'hotich-1',
      code: expect.toSatisfy((c: unknown) => c === null || typeof c === 'string'),
      name: expect.any(String),
      nameEn: expect.any(String),
    });
  });

  it('any token lists the counters with state, officer and current ticket', async () => {
    const display = await t.pairDevice('display');
    const body = expectOk(await t.api('GET', '/api/v1/counters', { token: display }));
    expect(body.counters.map((c: any) => c.id)).toEqual(['c1', 'c2', 'c3', 'c4', 'c5', 'c6', 'c7']);
    expect(body.counters[0]).toMatchObject({
      id: 'c1',
      number: 1,
      name: 'Quầy 1',
      serviceIds: ['hotich', 'chungthuc'],
      state: 'closed',
      officer: null,
      currentTicket: null,
    });
  });

  it('any token reads the queue: service day, seq, open tickets and counters', async () => {
    const kiosk = await t.pairDevice('kiosk');
    const before = expectOk(await t.api('GET', '/api/v1/queue', { token: kiosk }));
    expect(Object.keys(before).sort()).toEqual(['counters', 'seq', 'serviceDay', 'tickets']);
    const ticket = await issue(t, kiosk, { serviceId: 'kinhdoanh' });
    const after = expectOk(await t.api('GET', '/api/v1/queue', { token: kiosk }));
    expect(after.seq).toBe(before.seq + 1);
    expect(after.tickets).toEqual([...before.tickets, ticket]);
    expect(after.counters).toHaveLength(7);
    const health = expectOk(await t.api('GET', '/api/v1/health'));
    expect(after.serviceDay).toBe(health.serviceDay);
  });
});

describe('counter sign-in, pause, resume, sign-out and calling', () => {
  let t: TestHub;
  let admin: string;
  let kiosk: string;
  beforeAll(async () => {
    t = await startTestHub();
    admin = await t.login();
    kiosk = await t.pairDevice('kiosk');
  });
  afterAll(() => t.close());

  const counterOf = async (id: string) =>
    expectOk(await t.api('GET', '/api/v1/counters', { token: admin })).counters.find((c: any) => c.id === id);

  it('an officer signs in, pauses, resumes, calls and signs out', async () => {
    const officer = await t.user('canbo-c5', 'officer');
    const signedIn = expectOk(await act(t, officer.token, 'counters/c5/sign-in')).counter;
    expect(signedIn).toMatchObject({
      id: 'c5',
      state: 'open',
      officer: { id: officer.id, displayName: 'Cán bộ canbo-c5' },
      currentTicket: null,
    });
    // Signing in again at the same counter is harmless.
    expect(expectOk(await act(t, officer.token, 'counters/c5/sign-in')).counter.state).toBe('open');

    // Nobody waits: ticket null.
    expect(expectOk(await act(t, officer.token, 'counters/c5/call-next'))).toEqual({ ticket: null });

    const paused = expectOk(
      await act(t, officer.token, 'counters/c5/pause', { reason: 'Họp giao ban' }),
    ).counter;
    expect(paused).toMatchObject({ state: 'paused', pauseReason: 'Họp giao ban' });
    expectError(await act(t, officer.token, 'counters/c5/call-next'), 409, 'conflict', /paused/);
    const ticket = await issue(t, kiosk, { serviceId: 'baotro' });
    const resumed = expectOk(await act(t, officer.token, 'counters/c5/resume')).counter;
    expect(resumed).toMatchObject({ state: 'open', pauseReason: null });
    expectError(await act(t, officer.token, 'counters/c5/resume'), 409, 'conflict', /not paused/);
    // Pause without a body, then resume.
    expect(expectOk(await act(t, officer.token, 'counters/c5/pause')).counter.state).toBe('paused');
    expectOk(await act(t, officer.token, 'counters/c5/resume'));

    const called = expectOk(await act(t, officer.token, 'counters/c5/call-next')).ticket;
    expectTicketShape(called);
    expect(called).toMatchObject({ id: ticket.id, status: 'called', counterId: 'c5', officerId: officer.id });
    expect((await counterOf('c5')).currentTicket).toMatchObject({ id: ticket.id, status: 'called' });

    // Signing out puts the ticket back in line at its place.
    const out = expectOk(await act(t, officer.token, 'counters/c5/sign-out')).counter;
    expect(out).toMatchObject({ state: 'closed', officer: null, currentTicket: null });
    const back = expectOk(await t.api('GET', `/api/v1/tickets/${ticket.id}`)).ticket;
    expect(back).toMatchObject({ status: 'waiting', counterId: null, issuedAt: ticket.issuedAt });
    expectError(await act(t, officer.token, 'counters/c5/call-next'), 403, 'forbidden');
    expectError(await act(t, officer.token, 'counters/c5/pause'), 403, 'forbidden');
    expectOk(await act(t, admin, `tickets/${ticket.id}/cancel`));
  });

  it('one officer per counter and one counter per officer (409)', async () => {
    const a = await officerAt(t, 'canbo-a', 'c6');
    const b = await t.user('canbo-b', 'officer');
    expectError(await act(t, b.token, 'counters/c6/sign-in'), 409, 'conflict', /taken/);
    expectError(await act(t, a.token, 'counters/c7/sign-in'), 409, 'conflict', /sign out there first/);
    expectError(await act(t, a.token, 'counters/c99/sign-in'), 404, 'not_found');
    expectError(await act(t, a.token, 'counters/c99/call-next'), 404, 'not_found');
    expectError(await act(t, a.token, 'counters/bad%20id/call-next'), 400, 'validation_failed', /^id: /);
    expectOk(await act(t, a.token, 'counters/c6/sign-out'));
    expectOk(await act(t, b.token, 'counters/c6/sign-in'));
    expectOk(await act(t, b.token, 'counters/c6/sign-out'));
  });

  it('an officer acting at another officer’s counter gets 403; nothing changes', async () => {
    const owner = await officerAt(t, 'canbo-owner', 'c4');
    const other = await officerAt(t, 'canbo-other', 'c7');
    const notSignedIn = await t.user('canbo-free', 'officer');
    await issue(t, kiosk, { serviceId: 'datdai' });
    for (const token of [other.token, notSignedIn.token]) {
      for (const action of ['sign-out', 'pause', 'resume', 'call-next']) {
        expectError(await act(t, token, `counters/c4/${action}`), 403, 'forbidden');
      }
    }
    const c4 = await counterOf('c4');
    expect(c4).toMatchObject({ state: 'open', officer: { id: owner.id }, currentTicket: null });
    expectOk(await act(t, owner.token, 'counters/c4/call-next'));
  });

  it('devices and directors may not act at counters (403)', async () => {
    const director = await t.user('dir-counter', 'director');
    const pad = await t.pairDevice('counter', { counterId: 'c3' });
    const display = await t.pairDevice('display');
    for (const token of [kiosk, director.token, pad, display]) {
      for (const action of ['sign-in', 'sign-out', 'pause', 'resume', 'call-next']) {
        expectError(await act(t, token, `counters/c3/${action}`), 403, 'forbidden');
      }
      expectError(
        await act(t, token, 'counters/c3/call', { ticketId: 'AAAAAAAAAAAAAAAAAAAAAA' }),
        403,
        'forbidden',
      );
    }
    for (const action of ['sign-in', 'call-next']) {
      expectError(await t.api('POST', `/api/v1/counters/c3/${action}`), 401, 'unauthorized');
    }
    expect((await counterOf('c3')).state).toBe('closed');
  });

  it('an admin may sign out or pause any counter, but only calls where signed in', async () => {
    const officer = await officerAt(t, 'canbo-c2', 'c2');
    expectError(await act(t, admin, 'counters/c2/call-next'), 403, 'forbidden');
    expect(expectOk(await act(t, admin, 'counters/c2/pause', { reason: 'kiểm tra' })).counter.state).toBe(
      'paused',
    );
    expect(expectOk(await act(t, admin, 'counters/c2/resume')).counter.state).toBe('open');
    expect(expectOk(await act(t, admin, 'counters/c2/sign-out')).counter).toMatchObject({
      state: 'closed',
      officer: null,
    });
    expectError(await act(t, officer.token, 'counters/c2/call-next'), 403, 'forbidden');
    expectError(await act(t, admin, 'counters/c2/pause'), 409, 'conflict', /closed/);
    // The admin signs in and works the counter.
    expectOk(await act(t, admin, 'counters/c2/sign-in'));
    expect(expectOk(await act(t, admin, 'counters/c2/call-next')).ticket).toBeNull();
    expectOk(await act(t, admin, 'counters/c2/sign-out'));
  });

  it('POST /counters/:id/call calls one chosen waiting ticket for that counter', async () => {
    const officer = await officerAt(t, 'canbo-c1', 'c1');
    const first = await issue(t, kiosk, { serviceId: 'hotich' });
    const chosen = await issue(t, kiosk, { serviceId: 'chungthuc' });
    const elsewhere = await issue(t, kiosk, { serviceId: 'cutru' });
    expectError(await act(t, officer.token, 'counters/c1/call'), 400, 'validation_failed', /^ticketId: /);
    expectError(
      await act(t, officer.token, 'counters/c1/call', { ticketId: elsewhere.id }),
      409,
      'conflict',
      /not for counter 1/,
    );
    expectError(
      await act(t, officer.token, 'counters/c1/call', { ticketId: 'AAAAAAAAAAAAAAAAAAAAAA' }),
      404,
      'not_found',
    );
    const called = expectOk(await act(t, officer.token, 'counters/c1/call', { ticketId: chosen.id })).ticket;
    expect(called).toMatchObject({ id: chosen.id, status: 'called', counterId: 'c1' });
    // One ticket at a time.
    expectError(await act(t, officer.token, 'counters/c1/call', { ticketId: first.id }), 409, 'conflict');
    expectOk(await act(t, officer.token, `tickets/${chosen.id}/finish`, { procedureIds: ['chungthuc-1'] }));
    // A ticket that is not waiting cannot be called.
    expectError(await act(t, officer.token, 'counters/c1/call', { ticketId: chosen.id }), 409, 'conflict');
    expect(expectOk(await act(t, officer.token, 'counters/c1/call-next')).ticket.id).toBe(first.id);
    // Another officer cannot call at c1.
    const other = await t.user('canbo-x', 'officer');
    expectError(await act(t, other.token, 'counters/c1/call', { ticketId: elsewhere.id }), 403, 'forbidden');
  });
});

describe('GET /api/v1/counters/:id/no-shows', () => {
  const clock = manualClock('2025-05-12T01:30:00.000Z'); // 08:30 in Cần Thơ
  let t: TestHub;
  beforeAll(async () => {
    t = await startTestHub({ now: clock.now });
  });
  afterAll(() => t.close());

  it('lists this counter’s no-shows within the reinstate window, newest first, and nothing else', async () => {
    const officer = await officerAt(t, 'ns-officer', 'c1');
    const other = await officerAt(t, 'ns-other', 'c2');
    const kiosk = await t.pairDevice('kiosk');
    const a = await issue(t, kiosk, { serviceId: 'hotich' });
    const b = await issue(t, kiosk, { serviceId: 'hotich' });
    const c = await issue(t, kiosk, { serviceId: 'hotich' });
    expectOk(await act(t, officer.token, 'counters/c1/call-next'));
    expectOk(await act(t, officer.token, `tickets/${a.id}/no-show`));
    clock.advance(10 * 60_000);
    expectOk(await act(t, officer.token, 'counters/c1/call-next'));
    expectOk(await act(t, officer.token, `tickets/${b.id}/no-show`));
    expectOk(await act(t, other.token, 'counters/c2/call-next'));
    expectOk(await act(t, other.token, `tickets/${c.id}/no-show`));
    const list = expectOk(await t.api('GET', '/api/v1/counters/c1/no-shows', { token: officer.token }));
    expect(list.graceMinutes).toBe(15);
    expect(list.noShows.map((n: any) => n.ticket.id)).toEqual([b.id, a.id]);
    expect(list.noShows[0].ticket.status).toBe('no_show');
    expect(Date.parse(list.noShows[0].at)).toBe(clock.now());
    // Past the window, the first drops off; a reinstated one is no longer a no-show.
    clock.advance(6 * 60_000);
    const later = expectOk(await t.api('GET', '/api/v1/counters/c1/no-shows', { token: officer.token }));
    expect(later.noShows.map((n: any) => n.ticket.id)).toEqual([b.id]);
    expectOk(await act(t, officer.token, `tickets/${b.id}/reinstate`));
    const none = expectOk(await t.api('GET', '/api/v1/counters/c1/no-shows', { token: officer.token }));
    expect(none.noShows).toEqual([]);
    expectError(
      await t.api('GET', '/api/v1/counters/nope/no-shows', { token: officer.token }),
      404,
      'not_found',
    );
    expectError(await t.api('GET', '/api/v1/counters/c1/no-shows'), 401, 'unauthorized');
    const display = await t.pairDevice('display');
    expectError(await t.api('GET', '/api/v1/counters/c1/no-shows', { token: display }), 403, 'forbidden');
  });
});
