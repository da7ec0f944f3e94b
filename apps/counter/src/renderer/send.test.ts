// sendOnce against a real hub: an action pressed while the hub is down is sent once it is back,
// exactly once; a lost answer is retried and replayed; a cancel sends nothing.
import { rmSync } from 'node:fs';
import { HubClient } from '@luot/ui';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestHub, type TestHub, tempDir } from '../../../hub/test/harness.ts';
import { SendCancelled, sendOnce } from './send.ts';

describe('sendOnce (a real hub, stopped and started)', () => {
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
    const sent = sendOnce<{ ticket: { id: string; recallCount: number } }>(
      c,
      `/api/v1/tickets/${id}/recall`,
      {},
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
    const answer = await sendOnce<{ ticket: { recallCount: number } }>(c, `/api/v1/tickets/${id}/recall`, {});
    expect(dropped).toBe(1);
    expect(answer.ticket.recallCount).toBe(1);
    expect((await ticket(id)).recallCount).toBe(1);
    // The next press is a new key: a second recall.
    await sendOnce(c, `/api/v1/tickets/${id}/recall`, {});
    expect((await ticket(id)).recallCount).toBe(2);
  });

  it('the hub’s own refusal comes back at once, without waiting', async () => {
    const id = await issueAndCall();
    const c = client();
    const waiting: boolean[] = [];
    const error = await sendOnce(
      c,
      `/api/v1/tickets/${id}/finish`,
      { procedureIds: ['datdai-1'] },
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
    const sent = sendOnce(
      c,
      `/api/v1/tickets/${id}/no-show`,
      {},
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
