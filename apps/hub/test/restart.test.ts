// A hub stopped and started again on the same data dir keeps tokens, sign-ins, tickets and seq.
import { rmSync } from 'node:fs';
import { io } from 'socket.io-client';
import { afterAll, describe, expect, it } from 'vitest';
import { act, emitAck, expectError, expectOk, issue, officerAt } from './api-helpers.ts';
import {
  ADMIN_PASSWORD,
  apiClient,
  connected,
  spawnHub,
  startTestHub,
  type TestHub,
  tempDir,
} from './harness.ts';

describe('restart on the same data dir (in process)', () => {
  const hubs: TestHub[] = [];
  let dataDir = '';
  afterAll(async () => {
    for (const hub of hubs) await hub.close();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it('keeps user and device tokens, counter sign-ins, tickets, numbers, idempotency and seq', async () => {
    const first = await startTestHub({ keepDir: true });
    hubs.push(first);
    dataDir = first.dataDir;
    const admin = await first.login();
    const officer = await officerAt(first, 'restart-officer', 'c2');
    const kiosk = await first.pairDevice('kiosk');
    const display = await first.pairDevice('display');
    const pad = await first.pairDevice('counter', { counterId: 'c2' });
    const usedCode = expectOk(
      await first.api('POST', '/api/v1/devices/pairing-codes', {
        token: admin,
        body: { kind: 'kiosk', name: 'K' },
      }),
      201,
    ).code;
    expectOk(await first.api('POST', '/api/v1/devices/pair', { body: { code: usedCode } }), 201);
    const key = { 'Idempotency-Key': 'restart-key-0001' };
    const called = await issue(first, kiosk, { serviceId: 'hotich' }, key);
    const waiting = await issue(first, kiosk, { serviceId: 'hotich' });
    expect(expectOk(await act(first, officer.token, 'counters/c2/call-next')).ticket.id).toBe(called.id);
    const before = expectOk(await first.api('GET', '/api/v1/queue', { token: admin }));
    await first.close();
    await expect(first.api('GET', '/api/v1/health')).rejects.toThrow();

    const second = await startTestHub({ dataDir });
    hubs.push(second);
    // Seq and open tickets are as they were.
    const after = expectOk(await second.api('GET', '/api/v1/queue', { token: admin }));
    expect(after.seq).toBe(before.seq);
    expect(after.tickets).toEqual(before.tickets);
    expect(after.counters).toEqual(before.counters);
    // The officer's token and sign-in survived.
    expect(expectOk(await second.api('GET', '/api/v1/me', { token: officer.token }))).toMatchObject({
      user: { id: officer.id },
      counterId: 'c2',
    });
    const c2 = after.counters.find((c: any) => c.id === 'c2');
    expect(c2).toMatchObject({
      state: 'open',
      officer: { id: officer.id },
      currentTicket: { id: called.id },
    });
    // Device tokens survived; the kiosk's retry with the same key gives the same ticket.
    const replay = await issue(second, kiosk, { serviceId: 'hotich' }, key);
    expect(replay).toMatchObject({ id: called.id, number: called.number });
    const next = await issue(second, kiosk, { serviceId: 'hotich' });
    expect(next.number).toBe(waiting.number + 1);
    expect(expectOk(await second.api('GET', '/api/v1/queue', { token: display })).seq).toBe(before.seq + 1);
    // The officer carries on where they were.
    expectOk(await act(second, officer.token, `tickets/${called.id}/finish`, { procedureIds: ['hotich-1'] }));
    expectOk(await act(second, pad, `tickets/${called.id}/rating`, { score: 4 }));
    const rated = expectOk(await second.api('GET', `/api/v1/tickets/${called.id}`, { token: officer.token }));
    expect(rated.ticket.rating).toBe(4);
    expect(expectOk(await act(second, officer.token, 'counters/c2/call-next')).ticket.id).toBe(waiting.id);
    // A used pairing code stays used; the admin password is unchanged.
    expectError(
      await second.api('POST', '/api/v1/devices/pair', { body: { code: usedCode } }),
      401,
      'unauthorized',
    );
    expect(await second.login('admin', ADMIN_PASSWORD)).toBeTypeOf('string');
    // A display reconnects to the new hub with its old token and gets a snapshot.
    const socket = second.socket(display);
    await connected(socket);
    const snapshot = await emitAck(socket, 'queue:snapshot');
    expect(snapshot).toEqual(expectOk(await second.api('GET', '/api/v1/queue', { token: display })));
  });
});

describe('restart of `pnpm hub` as a child process', () => {
  const dataDir = tempDir();
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));
  const env = { LUOT_DATA_DIR: dataDir, LUOT_SEED: 'demo', LUOT_ADMIN_PASSWORD: ADMIN_PASSWORD };

  it('stops on SIGTERM and starts again with the same tickets, tokens and seq', async () => {
    const first = await spawnHub(env);
    const api1 = apiClient(first.url);
    expect(expectOk(await api1('GET', '/api/v1/health')).status).toBe('ok');
    const login = expectOk(
      await api1('POST', '/api/v1/auth/login', { body: { username: 'admin', password: ADMIN_PASSWORD } }),
    );
    const token = login.token as string;
    const ticket = expectOk(
      await api1('POST', '/api/v1/tickets', { token, body: { serviceId: 'cutru' } }),
      201,
    ).ticket;
    const seq = expectOk(await api1('GET', '/api/v1/queue', { token })).seq;
    first.proc.kill('SIGTERM');
    expect(await first.exited).toBe(0);

    const second = await spawnHub(env);
    try {
      const api2 = apiClient(second.url);
      const queue = expectOk(await api2('GET', '/api/v1/queue', { token }));
      expect(queue.seq).toBe(seq);
      expect(queue.tickets).toEqual([ticket]);
      const again = expectOk(
        await api2('POST', '/api/v1/tickets', { token, body: { serviceId: 'cutru' } }),
        201,
      );
      expect(again.ticket.number).toBe(ticket.number + 1);
      const socket = io(second.url, { auth: { token }, transports: ['websocket'], reconnection: false });
      try {
        await connected(socket);
        expect((await emitAck(socket, 'queue:snapshot')).seq).toBe(seq + 1);
      } finally {
        socket.close();
      }
    } finally {
      second.proc.kill('SIGTERM');
      expect(await second.exited).toBe(0);
    }
  });
});
