// sendAction against a real hub: an action pressed while the hub is down is sent once it is back,
// exactly once; a lost answer is retried and replayed; a cancel sends nothing.
import { rmSync } from 'node:fs';
import { startTestHub, type TestHub, tempDir } from '@luot/hub/testing';
import { HUB_API } from '@luot/shared';
import { HubClient } from '@luot/ui';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { actionRequest, SendCancelled, sendAction } from './actions.ts';

describe('actionRequest', () => {
  it('is one contract command per action, on the counter or the ticket it acts on', () => {
    expect(actionRequest({ kind: 'callNext', counterId: 'c 1' })).toEqual({
      command: 'counters:call-next',
      params: { id: 'c 1' },
      body: {},
    });
    expect(actionRequest({ kind: 'call', counterId: 'c1', ticketId: 't1' })).toEqual({
      command: 'counters:call',
      params: { id: 'c1' },
      body: { ticketId: 't1' },
    });
    expect(actionRequest({ kind: 'pause', counterId: 'c1' }).body).toEqual({});
    expect(actionRequest({ kind: 'pause', counterId: 'c1', reason: 'Họp' }).body).toEqual({ reason: 'Họp' });
    expect(actionRequest({ kind: 'resume', counterId: 'c1' }).command).toBe('counters:resume');
    expect(actionRequest({ kind: 'noShow', ticketId: 't1' })).toMatchObject({
      command: 'tickets:no-show',
      params: { id: 't1' },
    });
    expect(actionRequest({ kind: 'reinstate', ticketId: 't1' }).command).toBe('tickets:reinstate');
    expect(actionRequest({ kind: 'finish', ticketId: 't1', body: { procedureIds: ['p1'] } })).toEqual({
      command: 'tickets:finish',
      params: { id: 't1' },
      body: { procedureIds: ['p1'] },
    });
    expect(actionRequest({ kind: 'transfer', ticketId: 't1', body: { serviceId: 's2' } }).body).toEqual({
      serviceId: 's2',
    });
    // Every command named here is a POST on one counter or ticket in the contract.
    for (const kind of ['callNext', 'call', 'pause', 'resume'] as const) {
      const { command } = actionRequest({ kind, counterId: 'c1', ticketId: 't1' } as never);
      expect(HUB_API[command]).toMatchObject({
        method: 'POST',
        path: expect.stringMatching(/^\/api\/v1\/counters\/:id\//),
      });
    }
  });
});

describe('sendAction (a real hub, stopped and started)', () => {
  const dataDir = tempDir('luot-send-');
  let t: TestHub;
  let port: number;
  let officer: string;
  let kiosk: string;
  const clients: HubClient[] = [];
  beforeAll(async () => {
    t = await startTestHub({ dataDir, keepDir: true });
    port = Number(new URL(t.url).port);
    kiosk = await t.pairDevice('kiosk');
    officer = (await t.user('send-officer', 'officer')).token;
    expect((await t.api('POST', '/api/v1/counters/c1/sign-in', { token: officer })).status).toBe(200);
  });
  afterAll(async () => {
    for (const c of clients) c.close();
    await t.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const client = (options: ConstructorParameters<typeof HubClient>[0] = {}) => {
    const c = new HubClient({
      baseUrl: t.url,
      token: officer,
      retry: { attempts: 2, baseDelayMs: 20, maxDelayMs: 40 },
      socket: { reconnectionDelay: 50, reconnectionDelayMax: 100 },
      ...options,
    });
    clients.push(c);
    return c;
  };
  const ticket = async (id: string) => (await t.api('GET', `/api/v1/tickets/${id}`)).body.ticket;
  /** A fresh ticket called at c1 (the one an earlier test left there is marked no-show first). */
  const issueAndCall = async () => {
    const counters = (await t.api('GET', '/api/v1/counters', { token: officer })).body.counters;
    const left = counters.find((c: { id: string }) => c.id === 'c1').currentTicket;
    if (left) await t.api('POST', `/api/v1/tickets/${left.id}/no-show`, { token: officer });
    const issued = await t.api('POST', '/api/v1/tickets', { token: kiosk, body: { serviceId: 'hotich' } });
    const called = await t.api('POST', '/api/v1/counters/c1/call-next', { token: officer });
    expect(called.body.ticket.id).toBe(issued.body.ticket.id);
    return called.body.ticket.id as string;
  };

  it('waits while the hub is down and sends the action once it is back', async () => {
    const id = await issueAndCall();
    const c = client();
    c.connect();
    const waiting: boolean[] = [];
    let resolveWaiting!: () => void;
    const startedWaiting = new Promise<void>((r) => {
      resolveWaiting = r;
    });
    await t.close();
    const sent = sendAction(
      c,
      { kind: 'recall', ticketId: id },
      {
        pollMs: 100,
        onWaiting: (w) => {
          waiting.push(w);
          if (w) resolveWaiting();
        },
      },
    );
    await startedWaiting;
    t = await startTestHub({ dataDir, port, keepDir: true });
    const answer = await sent;
    expect(answer.ticket).toMatchObject({ id, recallCount: 1 });
    expect(waiting).toEqual([true, false]);
    expect((await ticket(id)).recallCount).toBe(1);
  });

  it('a lost answer is retried with the same key and replayed, not done twice', async () => {
    const id = await issueAndCall();
    let dropped = 0;
    const lossy: typeof fetch = async (input, init) => {
      const res = await fetch(input, init);
      // The hub committed the first recall; its answer is lost on the way back.
      if (String(input).endsWith('/recall') && dropped === 0) {
        dropped += 1;
        throw new TypeError('network connection lost');
      }
      return res;
    };
    const c = client({ fetch: lossy });
    const answer = await sendAction(c, { kind: 'recall', ticketId: id });
    expect(dropped).toBe(1);
    expect(answer.ticket.recallCount).toBe(1);
    expect((await ticket(id)).recallCount).toBe(1);
    // The next press is a new key: a second recall.
    await sendAction(c, { kind: 'recall', ticketId: id });
    expect((await ticket(id)).recallCount).toBe(2);
  });

  it('the hub’s own refusal comes back at once, without waiting', async () => {
    const id = await issueAndCall();
    const c = client();
    const waiting: boolean[] = [];
    const error = await sendAction(
      c,
      { kind: 'finish', ticketId: id, body: { procedureIds: ['datdai-1'] } },
      {
        onWaiting: (w) => waiting.push(w),
      },
    ).catch((e) => e);
    expect(error).toMatchObject({ status: 400, code: 'validation_failed' });
    expect(waiting).toEqual([]);
    expect((await ticket(id)).status).toBe('called');
  });

  it('a cancelled action is not sent when the hub comes back', async () => {
    const id = await issueAndCall();
    const c = client();
    const abort = new AbortController();
    await t.close();
    const sent = sendAction(
      c,
      { kind: 'noShow', ticketId: id },
      {
        signal: abort.signal,
        pollMs: 60_000,
        onWaiting: (w) => {
          if (w) abort.abort();
        },
      },
    );
    await expect(sent).rejects.toBeInstanceOf(SendCancelled);
    t = await startTestHub({ dataDir, port, keepDir: true });
    expect((await ticket(id)).status).toBe('called');
  });
});
