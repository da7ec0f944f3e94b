// Staff commands with an Idempotency-Key: a retry after a lost answer replays the first result
// and changes nothing; the key survives a SIGKILL of the hub together with the change.
import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { act, emitAck, expectError, expectOk, issue, officerAt } from './api-helpers.ts';
import {
  ADMIN_PASSWORD,
  apiClient,
  connected,
  type HubProcess,
  spawnHub,
  startTestHub,
  type TestHub,
  tempDir,
} from './harness.ts';

function withKey(key: string) {
  return { 'Idempotency-Key': key };
}

async function seqOf(t: { api: TestHub['api'] }, token: string): Promise<number> {
  return expectOk(await t.api('GET', '/api/v1/queue', { token })).seq;
}

describe('Idempotency-Key on counter and ticket commands', () => {
  let t: TestHub;
  let admin: string;
  let kiosk: string;
  beforeAll(async () => {
    t = await startTestHub();
    admin = await t.login();
    kiosk = await t.pairDevice('kiosk');
  });
  afterAll(() => t.close());

  it('call-next retried with the same key gives the same ticket and calls nobody else', async () => {
    const officer = await officerAt(t, 'idem-call', 'c1');
    const first = await issue(t, kiosk, { serviceId: 'hotich' });
    const second = await issue(t, kiosk, { serviceId: 'hotich' });
    const opts = { token: officer.token, headers: withKey('call-next-0001') };
    const a = expectOk(await t.api('POST', '/api/v1/counters/c1/call-next', opts));
    expect(a.ticket.id).toBe(first.id);
    const seq = await seqOf(t, admin);
    const b = expectOk(await t.api('POST', '/api/v1/counters/c1/call-next', opts));
    expect(b.ticket.id).toBe(first.id);
    expect(await seqOf(t, admin)).toBe(seq);
    const still = expectOk(await t.api('GET', `/api/v1/tickets/${second.id}`));
    expect(still.ticket.status).toBe('waiting');
    // A new key is a new press: once the first citizen is dealt with, it calls the next one.
    expectOk(await act(t, officer.token, `tickets/${first.id}/no-show`));
    const c = expectOk(
      await t.api('POST', '/api/v1/counters/c1/call-next', {
        token: officer.token,
        headers: withKey('call-next-0002'),
      }),
    );
    expect(c.ticket.id).toBe(second.id);
  });

  it('finish retried replays; the same key for another request is refused and changes nothing', async () => {
    const officer = await officerAt(t, 'idem-finish', 'c4');
    const ticket = await issue(t, kiosk, { serviceId: 'datdai' });
    expectOk(await act(t, officer.token, 'counters/c4/call-next'));
    const path = `/api/v1/tickets/${ticket.id}/finish`;
    const body = { procedureIds: ['datdai-1', 'datdai-2'], note: 'đủ hồ sơ' };
    const opts = { token: officer.token, body, headers: withKey('finish-key-0001') };
    const done = expectOk(await t.api('POST', path, opts)).ticket;
    expect(done.status).toBe('done');
    const seq = await seqOf(t, admin);
    expect(expectOk(await t.api('POST', path, opts)).ticket).toEqual(done);
    expect(await seqOf(t, admin)).toBe(seq);
    // Same key, different body: 409, and the ticket is as it was.
    expectError(
      await t.api('POST', path, { ...opts, body: { procedureIds: ['datdai-3'] } }),
      409,
      'conflict',
      /Idempotency-Key/,
    );
    // Same key on another command: 409 too.
    expectError(
      await t.api('POST', `/api/v1/tickets/${ticket.id}/no-show`, {
        token: officer.token,
        headers: withKey('finish-key-0001'),
      }),
      409,
      'conflict',
      /Idempotency-Key/,
    );
    const now = expectOk(await t.api('GET', `/api/v1/tickets/${ticket.id}`, { token: officer.token }));
    expect(now.ticket).toEqual(done);
    expect(await seqOf(t, admin)).toBe(seq);
    // Without a key, finishing again is the ordinary conflict.
    expectError(await t.api('POST', path, { token: officer.token, body }), 409, 'conflict');
  });

  it('a command that failed keeps no key: the same key works once the cause is gone', async () => {
    const officer = await officerAt(t, 'idem-paused', 'c5');
    await issue(t, kiosk, { serviceId: 'kinhdoanh' });
    expectOk(await act(t, officer.token, 'counters/c5/pause', { reason: 'họp' }));
    const opts = { token: officer.token, headers: withKey('paused-call-01') };
    expectError(await t.api('POST', '/api/v1/counters/c5/call-next', opts), 409, 'conflict');
    expectOk(await act(t, officer.token, 'counters/c5/resume'));
    const called = expectOk(await t.api('POST', '/api/v1/counters/c5/call-next', opts)).ticket;
    expect(called.status).toBe('called');
  });

  it('keys belong to one user: another officer with the same key value acts for himself', async () => {
    const one = await officerAt(t, 'idem-one', 'c3');
    const two = await officerAt(t, 'idem-two', 'c7');
    const key = withKey('shared-key-value');
    const a = expectOk(
      await t.api('POST', '/api/v1/counters/c3/pause', { token: one.token, headers: key, body: {} }),
    );
    const b = expectOk(
      await t.api('POST', '/api/v1/counters/c7/pause', { token: two.token, headers: key, body: {} }),
    );
    expect(a.counter).toMatchObject({ id: 'c3', state: 'paused' });
    expect(b.counter).toMatchObject({ id: 'c7', state: 'paused' });
  });

  it('a bad key is refused before anything happens', async () => {
    const officer = await officerAt(t, 'idem-bad', 'c2');
    expectError(
      await t.api('POST', '/api/v1/counters/c2/pause', {
        token: officer.token,
        headers: withKey('short'),
        body: {},
      }),
      400,
      'validation_failed',
      /Idempotency-Key/,
    );
    const counter = expectOk(await t.api('GET', '/api/v1/counters', { token: admin })).counters.find(
      (c: any) => c.id === 'c2',
    );
    expect(counter.state).not.toBe('paused');
  });

  it('socket commands take the key too', async () => {
    const officer = await officerAt(t, 'idem-socket', 'c6');
    const ticket = await issue(t, kiosk, { serviceId: 'cutru' });
    const socket = t.socket(officer.token);
    await connected(socket);
    const command = {
      name: 'counters:call-next',
      params: { id: 'c6' },
      idempotencyKey: 'socket-key-0001',
    };
    const first = await emitAck(socket, 'command', command);
    expect(first).toMatchObject({ ok: true, data: { ticket: { id: ticket.id, status: 'called' } } });
    const seq = await seqOf(t, admin);
    const again = await emitAck(socket, 'command', command);
    expect(again.data.ticket.id).toBe(ticket.id);
    expect(await seqOf(t, admin)).toBe(seq);
    socket.close();
  });
});

describe('an acknowledged command and its key survive SIGKILL', () => {
  const dataDir = tempDir('luot-idem-kill-');
  const env = { LUOT_DATA_DIR: dataDir, LUOT_SEED: 'demo', LUOT_ADMIN_PASSWORD: ADMIN_PASSWORD };
  let hub: HubProcess | null = null;
  afterAll(async () => {
    if (hub && hub.proc.exitCode === null && hub.proc.signalCode === null) {
      hub.proc.kill('SIGKILL');
      await hub.exited;
    }
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('the retry after the restart replays the finish instead of failing or acting twice', async () => {
    hub = await spawnHub(env);
    let api = apiClient(hub.url);
    const login = async (username: string, password: string) =>
      expectOk(await api('POST', '/api/v1/auth/login', { body: { username, password } })).token as string;
    const admin = await login('admin', ADMIN_PASSWORD);
    expectOk(
      await api('POST', '/api/v1/users', {
        token: admin,
        body: {
          username: 'kill-officer',
          password: 'kill-officer-pw',
          displayName: 'Cán bộ',
          role: 'officer',
        },
      }),
      201,
    );
    const officer = await login('kill-officer', 'kill-officer-pw');
    expectOk(await api('POST', '/api/v1/counters/c1/sign-in', { token: officer }));
    const ticket = expectOk(
      await api('POST', '/api/v1/tickets', { token: admin, body: { serviceId: 'hotich' } }),
      201,
    ).ticket;
    expectOk(await api('POST', '/api/v1/counters/c1/call-next', { token: officer }));
    const finish = {
      token: officer,
      body: { procedureIds: ['hotich-1'] },
      headers: withKey('finish-before-kill'),
    };
    const done = expectOk(await api('POST', `/api/v1/tickets/${ticket.id}/finish`, finish)).ticket;
    const seq = await seqOf({ api }, admin);
    hub.proc.kill('SIGKILL');
    await hub.exited;

    hub = await spawnHub(env);
    api = apiClient(hub.url);
    const replay = expectOk(await api('POST', `/api/v1/tickets/${ticket.id}/finish`, finish)).ticket;
    expect(replay).toEqual(done);
    expect(await seqOf({ api }, admin)).toBe(seq);
  });
});
