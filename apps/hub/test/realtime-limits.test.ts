// Realtime under abuse: snapshot floods from one socket or one token, and sockets whose token
// has expired.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectError, expectOk } from './api-helpers.ts';
import { connected, nextEvent, startTestHub, type TestHub } from './harness.ts';

type SnapshotAck = {
  seq?: number;
  tickets?: unknown[];
  error?: { code: string; retryAfterSeconds?: number };
};

describe('queue snapshots', () => {
  let t: TestHub;
  let admin: string;
  beforeAll(async () => {
    t = await startTestHub();
    admin = await t.login();
    // 2,000 open tickets, as the tester had.
    for (let batch = 0; batch < 40; batch++) {
      await Promise.all(
        Array.from({ length: 50 }, (_, i) =>
          t.api('POST', '/api/v1/tickets', {
            token: admin,
            body: { serviceId: ['hotich', 'chungthuc', 'datdai'][(batch + i) % 3] },
          }),
        ),
      );
    }
  }, 120_000);
  afterAll(() => t.close());

  it('300 requests from one display socket: a few answered, the rest refused, the hub stays responsive', async () => {
    const display = await t.pairDevice('display');
    const socket = t.socket(display);
    await connected(socket);
    const asks = Array.from(
      { length: 300 },
      () => socket.timeout(30_000).emitWithAck('queue:snapshot') as Promise<SnapshotAck>,
    );
    // The hub answers health while the flood is being handled.
    const health = t.api('GET', '/api/v1/health');
    const answers = await Promise.all(asks);
    expectOk(await health);
    const served = answers.filter((a) => Array.isArray(a.tickets));
    const refused = answers.filter((a) => a.error);
    expect(served.length).toBeGreaterThanOrEqual(1);
    expect(served.length).toBeLessThanOrEqual(5);
    expect(served[0]!.tickets).toHaveLength(2000);
    expect(refused.length).toBe(300 - served.length);
    for (const r of refused) {
      expect(r.error!.code).toBe('too_many_attempts');
      expect(r.error!.retryAfterSeconds).toBeGreaterThan(0);
    }
  });

  it('many sockets of one token share one allowance; another token is not affected', async () => {
    const display = await t.pairDevice('display');
    const sockets = Array.from({ length: 30 }, () => t.socket(display));
    await Promise.all(sockets.map(connected));
    const answers = await Promise.all(
      sockets.map((s) => s.timeout(30_000).emitWithAck('queue:snapshot') as Promise<SnapshotAck>),
    );
    const served = answers.filter((a) => Array.isArray(a.tickets)).length;
    expect(served).toBeLessThanOrEqual(20);
    expect(answers.length - served).toBeGreaterThanOrEqual(10);
    const other = t.socket(await t.pairDevice('display'));
    await connected(other);
    const fresh = (await other.timeout(30_000).emitWithAck('queue:snapshot')) as SnapshotAck;
    expect(fresh.tickets).toHaveLength(2000);
  });

  it('REST snapshots of one token are limited too, with Retry-After', async () => {
    const kiosk = await t.pairDevice('kiosk');
    const replies = await Promise.all(
      Array.from({ length: 40 }, () => t.api('GET', '/api/v1/queue', { token: kiosk })),
    );
    const limited = replies.filter((r) => r.status === 429);
    expect(replies.filter((r) => r.status === 200).length).toBeLessThanOrEqual(20);
    expect(limited.length).toBeGreaterThanOrEqual(20);
    expectError(limited[0]!, 429, 'too_many_attempts', /snapshots/);
    expect(Number(limited[0]!.headers.get('retry-after'))).toBeGreaterThan(0);
  });

  it('requests that arrive together share one snapshot until the queue changes', async () => {
    const hub = t.running.hub;
    const first = hub.snapshot();
    expect(hub.snapshot()).toBe(first);
    expectOk(await t.api('POST', '/api/v1/tickets', { token: admin, body: { serviceId: 'hotich' } }), 201);
    const after = hub.snapshot();
    expect(after).not.toBe(first);
    expect(after.seq).toBeGreaterThan(first.seq);
    expect(after.tickets).toHaveLength(2001);
  });
});

describe('a socket whose token expires', () => {
  let t: TestHub;
  beforeAll(async () => {
    t = await startTestHub({ auth: { userTokenTtlMs: 1500 } });
  });
  afterAll(() => t.close());

  it('is closed by the hub at the token’s end, and cannot reconnect with it', async () => {
    const token = await t.login();
    const socket = t.socket(token);
    await connected(socket);
    const reason = await nextEvent<string>(socket, 'disconnect', 10_000);
    expect(reason).toBe('io server disconnect');
    const again = t.socket(token);
    const error = await nextEvent<Error>(again, 'connect_error', 10_000);
    expect(error.message).toMatch(/unauthorized/);
  });
});
