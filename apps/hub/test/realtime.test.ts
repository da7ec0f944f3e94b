// socket.io: refused without a valid token, ticket:called and queue:changed payloads, snapshots, commands.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  act,
  emitAck,
  expectOk,
  issue,
  type ManualClock,
  manualClock,
  officerAt,
  recorder,
  refused,
} from './api-helpers.ts';
import { connected, nextEvent, startTestHub, type TestHub } from './harness.ts';

describe('realtime connections', () => {
  let t: TestHub;
  beforeAll(async () => {
    t = await startTestHub();
  });
  afterAll(() => t.close());

  it('refuses a socket without a token, with a garbage token or a revoked token', async () => {
    const anonymous = await refused(t.socket(null));
    expect(anonymous.message).toMatch(/unauthorized/);
    expect((await refused(t.socket('garbage-token'))).message).toMatch(/unauthorized/);
    const token = await t.login();
    expectOk(await t.api('POST', '/api/v1/auth/logout', { token }));
    expect((await refused(t.socket(token))).message).toMatch(/unauthorized/);
  });

  it('accepts user and device tokens', async () => {
    for (const token of [
      await t.login(),
      (await t.user('rt-director', 'director')).token,
      await t.pairDevice('kiosk'),
      await t.pairDevice('display', { zone: 'sanh' }),
      await t.pairDevice('counter', { counterId: 'c2' }),
    ]) {
      const socket = t.socket(token);
      await connected(socket);
      expect(socket.connected).toBe(true);
    }
  });
});

describe('realtime events', () => {
  let t: TestHub;
  let admin: string;
  let kiosk: string;
  let officer: { token: string; id: string };
  beforeAll(async () => {
    t = await startTestHub();
    admin = await t.login();
    kiosk = await t.pairDevice('kiosk');
    officer = await officerAt(t, 'rt-officer', 'c2');
  });
  afterAll(() => t.close());

  it('ticket:called matches API.md for call-next and for recall', async () => {
    const display = t.socket(await t.pairDevice('display'));
    await connected(display);
    const ticket = await issue(t, kiosk, { serviceId: 'hotich' });

    const called = nextEvent(display, 'ticket:called');
    const res = expectOk(await act(t, officer.token, 'counters/c2/call-next'));
    const event = await called;
    expect(event).toEqual({
      seq: expect.any(Number),
      at: expect.any(String),
      recall: false,
      ticket: { id: ticket.id, displayNumber: ticket.displayNumber, serviceId: 'hotich' },
      counter: { id: 'c2', number: 2, name: 'Quầy 2' },
    });
    expect(Number.isNaN(Date.parse(event.at))).toBe(false);
    expect(res.ticket.id).toBe(ticket.id);

    const recalled = nextEvent(display, 'ticket:called');
    expectOk(await act(t, officer.token, `tickets/${ticket.id}/recall`));
    const again = await recalled;
    expect(again).toEqual({ ...event, seq: expect.any(Number), at: expect.any(String), recall: true });
    expect(again.seq).toBeGreaterThan(event.seq);
    expectOk(await act(t, officer.token, `tickets/${ticket.id}/finish`, { procedureIds: ['hotich-1'] }));
  });

  it('queue:changed follows every change, each fromSeq one past the previous seq', async () => {
    const watcher = t.socket(await t.pairDevice('display'));
    await connected(watcher);
    const changes = recorder(watcher, 'queue:changed');
    let lastSeq = expectOk(await t.api('GET', '/api/v1/queue', { token: admin })).seq;

    /** Runs one successful action and checks the change it publishes. */
    const step = async (run: () => Promise<unknown>, check?: (e: any) => void) => {
      await run();
      const e = await changes.next();
      expect(e.fromSeq).toBe(lastSeq + 1);
      expect(e.seq).toBeGreaterThanOrEqual(e.fromSeq);
      expect(e).toEqual({
        seq: expect.any(Number),
        fromSeq: expect.any(Number),
        at: expect.any(String),
        reason: expect.any(String),
        tickets: expect.any(Array),
        counters: expect.any(Array),
      });
      const queue = expectOk(await t.api('GET', '/api/v1/queue', { token: admin }));
      expect(queue.seq).toBe(e.seq);
      lastSeq = e.seq;
      check?.(e);
      return e;
    };

    let id = '';
    await step(
      async () => {
        id = (await issue(t, kiosk, { serviceId: 'hotich' })).id;
      },
      (e) => expect(e.tickets).toEqual([expect.objectContaining({ id, status: 'waiting' })]),
    );
    await step(
      () => act(t, officer.token, 'counters/c2/pause', { reason: 'nghỉ' }),
      (e) => expect(e.counters).toEqual([expect.objectContaining({ id: 'c2', state: 'paused' })]),
    );
    await step(() => act(t, officer.token, 'counters/c2/resume'));
    await step(
      () => act(t, officer.token, 'counters/c2/call-next'),
      (e) => {
        expect(e.tickets).toEqual([expect.objectContaining({ id, status: 'called', counterId: 'c2' })]);
        expect(e.counters).toEqual([
          expect.objectContaining({ id: 'c2', currentTicket: expect.any(Object) }),
        ]);
      },
    );
    await step(() => act(t, officer.token, `tickets/${id}/recall`));
    await step(
      () => act(t, officer.token, `tickets/${id}/start`),
      (e) => expect(e.tickets[0].status).toBe('serving'),
    );
    // Refused actions publish nothing: the next change still follows on from the last seq.
    await act(t, officer.token, `tickets/${id}/recall`);
    await act(t, kiosk, 'counters/c2/call-next');
    await step(
      () => act(t, officer.token, `tickets/${id}/finish`, { procedureIds: ['hotich-1', 'hotich-2'] }),
      (e) => expect(e.tickets[0]).toMatchObject({ status: 'done' }),
    );
    // The citizen's rating (its status page: no token) is a change too.
    await step(() => t.api('POST', `/api/v1/tickets/${id}/rating`, { body: { score: 4 } }));
    // Signing out with a ticket at the counter is one change covering two log rows.
    let second = '';
    await step(async () => {
      second = (await issue(t, kiosk, { serviceId: 'hotich' })).id;
    });
    await step(() => act(t, officer.token, 'counters/c2/call-next'));
    const out = await step(
      () => act(t, officer.token, 'counters/c2/sign-out'),
      (e) => {
        expect(e.tickets).toEqual([expect.objectContaining({ id: second, status: 'waiting' })]);
        expect(e.counters).toEqual([expect.objectContaining({ id: 'c2', state: 'closed' })]);
      },
    );
    expect(out.seq).toBe(out.fromSeq + 1);
    await step(() => act(t, officer.token, 'counters/c2/sign-in'));
    await step(() => act(t, admin, `tickets/${second}/cancel`));
    expect(changes.pending()).toBe(0);
  });

  it('queue:snapshot answers like GET /api/v1/queue with the same seq', async () => {
    await issue(t, kiosk, { serviceId: 'datdai' });
    await issue(t, kiosk, { serviceId: 'hotich', priority: 'pregnant' });
    const socket = t.socket(kiosk);
    await connected(socket);
    const snapshot = await emitAck(socket, 'queue:snapshot');
    const rest = expectOk(await t.api('GET', '/api/v1/queue', { token: kiosk }));
    expect(snapshot).toEqual(rest);
    expect(snapshot.tickets.length).toBeGreaterThanOrEqual(2);
    expect(snapshot.seq).toBeGreaterThan(0);
  });
});

describe('socket commands', () => {
  let t: TestHub;
  let kiosk: string;
  let officer: { token: string; id: string };
  beforeAll(async () => {
    t = await startTestHub();
    kiosk = await t.pairDevice('kiosk');
    officer = await officerAt(t, 'sock-officer', 'c1');
  });
  afterAll(() => t.close());

  it('counters:call-next over the socket calls the same service as REST', async () => {
    const ticket = await issue(t, kiosk, { serviceId: 'chungthuc' });
    const socket = t.socket(officer.token);
    await connected(socket);
    const called = nextEvent(socket, 'ticket:called');
    const ack = await emitAck(socket, 'command', { name: 'counters:call-next', params: { id: 'c1' } });
    expect(ack).toEqual({
      ok: true,
      data: { ticket: expect.objectContaining({ id: ticket.id, status: 'called' }) },
    });
    expect(await called).toMatchObject({ recall: false, ticket: { id: ticket.id }, counter: { id: 'c1' } });
    const rest = expectOk(await t.api('GET', `/api/v1/tickets/${ticket.id}`, { token: officer.token }));
    expect(rest.ticket).toEqual(ack.data.ticket);

    // Body-carrying commands work the same way.
    const finished = await emitAck(socket, 'command', {
      name: 'tickets:finish',
      params: { id: ticket.id },
      body: { procedureIds: ['chungthuc-2'] },
    });
    expect(finished).toMatchObject({
      ok: true,
      data: { ticket: { status: 'done', procedureIds: ['chungthuc-2'] } },
    });
    const empty = await emitAck(socket, 'command', { name: 'counters:call-next', params: { id: 'c1' } });
    expect(empty).toEqual({ ok: true, data: { ticket: null } });
  });

  it('a kiosk may issue over the socket, with the same idempotency as REST', async () => {
    const socket = t.socket(kiosk);
    await connected(socket);
    const cmd = { name: 'tickets:issue', body: { serviceId: 'cutru' }, idempotencyKey: 'sock-key-00000001' };
    const first = await emitAck(socket, 'command', cmd);
    const again = await emitAck(socket, 'command', cmd);
    expect(first).toMatchObject({ ok: true, data: { ticket: { serviceId: 'cutru', status: 'waiting' } } });
    expect(again.data.ticket.id).toBe(first.data.ticket.id);
    const bad = await emitAck(socket, 'command', { ...cmd, idempotencyKey: 'short' });
    expect(bad).toEqual({ ok: false, error: { code: 'validation_failed', message: expect.any(String) } });
  });

  it('a forbidden or invalid command gets {ok:false, error:{code}} and changes nothing', async () => {
    const socket = t.socket(kiosk);
    await connected(socket);
    const before = await emitAck(socket, 'queue:snapshot');
    const cases: [unknown, string][] = [
      [{ name: 'counters:call-next', params: { id: 'c1' } }, 'forbidden'],
      [
        { name: 'tickets:finish', params: { id: 'AAAAAAAAAAAAAAAAAAAAAA' }, body: { procedureIds: ['x'] } },
        'forbidden',
      ],
      [
        { name: 'users:create', body: { username: 'x', password: 'y', displayName: 'z', role: 'admin' } },
        'forbidden',
      ],
      [{ name: 'tickets:issue', body: {} }, 'validation_failed'],
      [{ name: 'tickets:issue', body: { serviceId: 'khongco' } }, 'not_found'],
      [{ name: 'no:such-command' }, 'not_found'],
      [{ name: 'constructor' }, 'not_found'],
      [{ name: '__proto__' }, 'not_found'],
      [{ params: { id: 'c1' } }, 'validation_failed'],
      [{ name: 'counters:call-next', params: { id: 'c1' }, extra: 1 }, 'validation_failed'],
      ['counters:call-next', 'validation_failed'],
      [null, 'validation_failed'],
    ];
    for (const [command, code] of cases) {
      const ack = await emitAck(socket, 'command', command);
      expect(ack, JSON.stringify(command)).toEqual({
        ok: false,
        error: { code, message: expect.any(String) },
      });
    }
    const officerSocket = t.socket(officer.token);
    await connected(officerSocket);
    const notThere = await emitAck(officerSocket, 'command', {
      name: 'counters:pause',
      params: { id: 'c3' },
    });
    expect(notThere).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    const badParams = await emitAck(officerSocket, 'command', {
      name: 'counters:pause',
      params: { id: '../x' },
    });
    expect(badParams).toMatchObject({ ok: false, error: { code: 'validation_failed' } });
    // A command without an ack is ignored, and the socket keeps working.
    socket.emit('command', { name: 'tickets:issue', body: { serviceId: 'hotich' } });
    const after = await emitAck(socket, 'queue:snapshot');
    expect(after.seq).toBe(before.seq);
    expect(after.tickets).toEqual(before.tickets);
  });
});

describe('day close over realtime', () => {
  let t: TestHub;
  let clock: ManualClock;
  beforeAll(async () => {
    clock = manualClock('2025-03-10T09:00:00.000Z'); // 16:00 in Vietnam
    t = await startTestHub({ now: clock.now });
  });
  afterAll(() => t.close());

  it('publishes the expiry of yesterday’s tickets even when the first command of the day fails', async () => {
    const kiosk = await t.pairDevice('kiosk');
    const ticket = await issue(t, kiosk, { serviceId: 'hotich' });
    const socket = t.socket(kiosk);
    await connected(socket);
    const changes = recorder(socket, 'queue:changed');
    const lastSeq = (await emitAck(socket, 'queue:snapshot')).seq;
    clock.advance(24 * 3600_000);
    // The first command of the new day is refused, but it is what closes yesterday.
    const refusedAck = await emitAck(socket, 'command', {
      name: 'tickets:issue',
      body: { serviceId: 'khongco' },
    });
    expect(refusedAck).toMatchObject({ ok: false, error: { code: 'not_found' } });
    const closed = await changes.next();
    expect(closed.fromSeq).toBe(lastSeq + 1);
    expect(closed.reason).toBe('day:closed');
    expect(closed.tickets).toEqual([expect.objectContaining({ id: ticket.id, status: 'expired' })]);
    const snapshot = await emitAck(socket, 'queue:snapshot');
    expect(snapshot.seq).toBe(closed.seq);
    expect(snapshot.tickets).toEqual([]);
    expect(snapshot.serviceDay).toBe('2025-03-11');
  });
});
