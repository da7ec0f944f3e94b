// HubClient and the queue store against a REAL hub (apps/hub/test/harness.ts): REST, pairing,
// idempotent issuing, live changes, seq gaps, bad payloads and a hub restart.
import { rmSync } from 'node:fs';
import { startTestHub, type TestHub, tempDir } from '@luot/hub/testing';
import type { Ticket } from '@luot/shared';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { HubClient, HubError, newIdempotencyKey } from './client.ts';
import {
  createQueueStore,
  type QueueStore,
  selectOpenCounters,
  selectWaitingByService,
  selectWaitingCount,
} from './store.ts';
import { nextClientEvent, until } from './test-helpers.ts';

const FAST = { reconnectionDelay: 100, reconnectionDelayMax: 300 };

async function pairingCode(t: TestHub, kind: 'kiosk' | 'counter' | 'display' = 'kiosk'): Promise<string> {
  const admin = await t.login();
  const res = await t.api('POST', '/api/v1/devices/pairing-codes', {
    token: admin,
    body: { kind, name: `${kind} ui-test` },
  });
  expect(res.status).toBe(201);
  return res.body.code as string;
}

/** An officer signed in at `counterId`, with a HubClient of its own. */
async function officer(t: TestHub, username: string, counterId: string): Promise<HubClient> {
  const { token } = await t.user(username, 'officer');
  const client = new HubClient({ baseUrl: t.url, token });
  await client.request('POST', `/api/v1/counters/${counterId}/sign-in`);
  return client;
}

describe('HubClient REST', () => {
  let t: TestHub;
  beforeAll(async () => {
    t = await startTestHub();
  });
  afterAll(() => t.close());

  it('reads health without a token and refuses the rest with a HubError', async () => {
    const client = new HubClient({ baseUrl: `${t.url}/` });
    const health = await client.health();
    expect(health.status).toBe('ok');
    expect(health.centre.name).toMatch(/Trung tâm/);
    const error = await client.services().catch((e) => e);
    expect(error).toBeInstanceOf(HubError);
    expect(error).toMatchObject({ status: 401, code: 'unauthorized' });
    expect(error.isNetwork).toBe(false);
  });

  it('pairs a kiosk: the client then uses its token', async () => {
    const client = new HubClient({ baseUrl: t.url });
    const bad = await client.pair('WRONG123').catch((e) => e);
    expect(bad).toMatchObject({ status: 401, code: 'unauthorized' });
    expect(client.token).toBeNull();

    const code = await pairingCode(t);
    const paired = await client.pair(code);
    expect(paired.device.kind).toBe('kiosk');
    expect(client.token).toBe(paired.token);
    const me = await client.me();
    expect(me.user).toBeNull();
    expect(me.device).toMatchObject({ id: paired.device.id, kind: 'kiosk' });
    // a code works once
    expect(await new HubClient({ baseUrl: t.url }).pair(code).catch((e) => e.code)).toBe('unauthorized');

    const services = await client.services();
    expect(services.map((s) => s.id)).toContain('hotich');
    expect(services.find((s) => s.id === 'hotich')!.procedures.length).toBeGreaterThan(0);
    const counters = await client.counters();
    expect(counters.map((c) => c.id)).toContain('c1');
    const centre = await client.centre();
    expect(centre).toMatchObject({ code: 'DEMO-NINHKIEU', timeZone: 'Asia/Ho_Chi_Minh' });
    expect(centre.openingHours.length).toBeGreaterThan(0);
    expect(centre.openNow).toBeTypeOf('boolean');
    const queue = await client.queue();
    expect(queue.seq).toBeTypeOf('number');
  });

  it('issuing twice with one Idempotency-Key gives the same ticket; a new key a new one', async () => {
    const client = new HubClient({ baseUrl: t.url });
    await client.pair(await pairingCode(t));
    const key = newIdempotencyKey();
    const first = await client.issueTicket({ serviceId: 'hotich' }, key);
    const again = await client.issueTicket({ serviceId: 'hotich' }, key);
    expect(again.ticket.id).toBe(first.ticket.id);
    expect(again.ticket.displayNumber).toBe(first.ticket.displayNumber);
    const other = await client.issueTicket({ serviceId: 'hotich' }, newIdempotencyKey());
    expect(other.ticket.id).not.toBe(first.ticket.id);
    expect(other.ticket.number).toBe(first.ticket.number + 1);
    expect(other.waitingAhead).toBeGreaterThanOrEqual(1);

    const read = await client.getTicket(first.ticket.id);
    expect(read.ticket.id).toBe(first.ticket.id);
    // the same key with another request is a conflict, not a second ticket
    expect(await client.issueTicket({ serviceId: 'datdai' }, key).catch((e) => e.code)).toBe('conflict');
    expect(await client.issueTicket({ serviceId: 'hotich' }, 'short').catch((e) => e.code)).toBe(
      'validation_failed',
    );
    expect(await client.getTicket('nope').catch((e) => [e.status, e.code])).toEqual([404, 'not_found']);
    expect(
      await client
        .issueTicket({ serviceId: 'hotich', bogus: 1 } as never, newIdempotencyKey())
        .catch((e) => e.code),
    ).toBe('validation_failed');
  });

  it('an answer lost on the network is retried with the same key: still one ticket', async () => {
    const kiosk = new HubClient({ baseUrl: t.url });
    await kiosk.pair(await pairingCode(t));
    const before = (await kiosk.queue()).tickets.filter((x) => x.serviceId === 'xaydung').length;
    let calls = 0;
    const lossy = new HubClient({
      baseUrl: t.url,
      token: kiosk.token,
      retry: { baseDelayMs: 5 },
      fetch: async (input, init) => {
        calls += 1;
        const res = await fetch(input, init);
        // The hub committed the ticket, but the first two answers never reach the kiosk.
        if (calls <= 2) throw new TypeError('fetch failed: socket hang up');
        return res;
      },
    });
    const key = newIdempotencyKey();
    const issued = await lossy.issueTicket({ serviceId: 'xaydung' }, key);
    expect(calls).toBe(3);
    const after = (await kiosk.queue()).tickets.filter((x) => x.serviceId === 'xaydung');
    expect(after.length).toBe(before + 1);
    expect(after.map((x) => x.id)).toContain(issued.ticket.id);
  });
});

describe('HubClient realtime and the queue store', () => {
  let t: TestHub;
  let kiosk: HubClient;
  let client: HubClient;
  let store: QueueStore;
  const clients: HubClient[] = [];
  beforeAll(async () => {
    t = await startTestHub();
    kiosk = new HubClient({ baseUrl: t.url });
    await kiosk.pair(await pairingCode(t));
    client = new HubClient({ baseUrl: t.url, token: kiosk.token, socket: FAST });
    clients.push(kiosk, client);
    store = createQueueStore(client);
    client.connect();
    await until(() => store.getState().synced && store.getState().services.length > 0, 'first snapshot');
  });
  afterAll(async () => {
    store.dispose();
    for (const c of clients) c.close();
    await t.close();
  });

  it('goes online and loads a snapshot, the fields and the counters', () => {
    const s = store.getState();
    expect(client.connection).toBe('online');
    expect(s.connection).toBe('online');
    expect(s.seq).toBe(client.lastSeq);
    expect(s.serviceDay).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(Object.keys(s.counters).sort()).toEqual(['c1', 'c2', 'c3', 'c4', 'c5', 'c6', 'c7']);
    expect(s.services.map((x) => x.id)).toContain('hotich');
    expect(client.stats.resyncs).toBe(1);
  });

  it('follows issuing and an officer calling through REST, live', async () => {
    const called = nextClientEvent(client, 'ticketCalled');
    const { ticket } = await kiosk.issueTicket({ serviceId: 'datdai' }, newIdempotencyKey());
    await until(() => store.getState().tickets[ticket.id]?.status === 'waiting', 'the new ticket');
    expect(selectWaitingCount('datdai')(store.getState())).toBe(1);
    expect(selectWaitingByService(store.getState()).datdai).toBe(1);
    expect(selectOpenCounters('datdai')(store.getState())).toEqual([]);

    const o = await officer(t, 'ui-officer-4', 'c4');
    clients.push(o);
    await until(() => store.getState().counters.c4?.state === 'open', 'counter 4 open');
    expect(selectOpenCounters('datdai')(store.getState()).map((c) => c.number)).toEqual([4]);
    expect(selectOpenCounters('xaydung')(store.getState()).map((c) => c.number)).toEqual([4]);
    // stable references for React selectors
    expect(selectOpenCounters('datdai')(store.getState())).toBe(
      selectOpenCounters('datdai')(store.getState()),
    );

    const next = await o.request<{ ticket: Ticket }>('POST', '/api/v1/counters/c4/call-next');
    expect(next.ticket.id).toBe(ticket.id);
    await until(() => store.getState().tickets[ticket.id]?.status === 'called', 'the call');
    expect(store.getState().counters.c4!.currentTicket?.id).toBe(ticket.id);
    expect(selectWaitingCount('datdai')(store.getState())).toBe(0);
    const event = await called;
    expect(event).toMatchObject({
      ticket: { id: ticket.id },
      counter: { id: 'c4', number: 4 },
      recall: false,
    });
    await until(() => store.getState().lastCalled?.ticket.id === ticket.id, 'lastCalled');

    // finishing removes it from the open tickets
    const procedures = store.getState().services.find((s) => s.id === 'datdai')!.procedures;
    await o.request('POST', `/api/v1/tickets/${ticket.id}/finish`, { procedureIds: [procedures[0]!.id] });
    await until(() => store.getState().tickets[ticket.id] === undefined, 'the finished ticket to leave');
    expect(client.stats.gaps).toBe(0);
    expect(client.stats.invalid).toBe(0);
  });

  it('runs commands over the socket with acks', async () => {
    const o = new HubClient({ baseUrl: t.url, token: (await t.user('ui-officer-6', 'officer')).token });
    clients.push(o);
    o.connect();
    await until(() => o.connection === 'online', 'officer socket');
    const signedIn = await o.command<{ counter: { id: string; state: string } }>('counters:sign-in', {
      params: { id: 'c6' },
    });
    expect(signedIn.counter).toMatchObject({ id: 'c6', state: 'open' });
    expect(await o.command('counters:call-next', { params: { id: 'c6' } })).toEqual({ ticket: null });
    const refused: any = await o.command('counters:call-next', { params: { id: 'c1' } }).catch((e) => e);
    expect(refused).toBeInstanceOf(HubError);
    expect(refused.code).toBe('forbidden');
    expect(await o.command('no:such').catch((e) => e.code)).toBe('not_found');
  });

  it('a dropped queue:changed makes the next one a gap, resolved by a snapshot', async () => {
    const resyncs = client.stats.resyncs;
    client.debugDropNext();
    const first = await kiosk.issueTicket({ serviceId: 'cutru' }, newIdempotencyKey());
    const second = await kiosk.issueTicket({ serviceId: 'cutru' }, newIdempotencyKey());
    await until(() => store.getState().tickets[second.ticket.id] !== undefined, 'the second ticket');
    // the first one's event was lost, yet the snapshot brought it in
    expect(store.getState().tickets[first.ticket.id]?.status).toBe('waiting');
    expect(client.stats.gaps).toBe(1);
    expect(client.stats.resyncs).toBe(resyncs + 1);
    expect(store.getState().seq).toBe(client.lastSeq);
    expect(selectWaitingCount('cutru')(store.getState())).toBe(2);
  });

  it("the store's applyChange refuses a gapped delta and asks for a snapshot", async () => {
    const resync = vi.spyOn(client, 'resync');
    const before = store.getState();
    const seq = before.seq!;
    const ghost = { ...Object.values(before.tickets)[0]!, id: 'ghost-ticket-000001' };
    store.getState().applyChange({
      seq: seq + 5,
      fromSeq: seq + 3,
      at: new Date().toISOString(),
      reason: 'test',
      tickets: [ghost],
      counters: [],
    });
    expect(resync).toHaveBeenCalledTimes(1);
    expect(store.getState().tickets[ghost.id]).toBeUndefined();
    // an old delta is ignored without a resync
    store
      .getState()
      .applyChange({ seq, fromSeq: seq, at: '', reason: 'old', tickets: [ghost], counters: [] });
    expect(resync).toHaveBeenCalledTimes(1);
    resync.mockRestore();
    await until(() => store.getState().seq === client.lastSeq, 'resync');
  });

  it('drops payloads that fail the shared schemas, and counts them', async () => {
    const invalid = client.stats.invalid;
    const seen = nextClientEvent(client, 'invalidPayload');
    t.running.io.emit('queue:changed' as never, { seq: 'x', tickets: 'nope' } as never);
    t.running.io.emit('ticket:called' as never, { seq: 1 } as never);
    expect((await seen).event).toBe('queue:changed');
    await until(() => client.stats.invalid === invalid + 2, 'two invalid payloads');
    const { ticket } = await kiosk.issueTicket({ serviceId: 'cutru' }, newIdempotencyKey());
    await until(() => store.getState().tickets[ticket.id] !== undefined, 'the store still follows');
  });

  it('a gap announced by the hub itself triggers a resync too', async () => {
    const resyncs = client.stats.resyncs;
    const seq = client.lastSeq!;
    t.running.io.emit(
      'queue:changed' as never,
      {
        seq: seq + 10,
        fromSeq: seq + 9,
        at: new Date().toISOString(),
        reason: 'x',
        tickets: [],
        counters: [],
      } as never,
    );
    await until(() => client.stats.resyncs >= resyncs + 1, 'a resync');
    // the bogus future event was not trusted (the snapshot's seq wins)
    expect(client.lastSeq).toBe(seq);
    expect(store.getState().seq).toBe(seq);
    // A real change afterwards arrives in order, and by then no resync loop has started.
    const { ticket } = await kiosk.issueTicket({ serviceId: 'cutru' }, newIdempotencyKey());
    await until(() => store.getState().tickets[ticket.id] !== undefined, 'the store still follows');
    expect(client.stats.resyncs).toBeLessThanOrEqual(resyncs + 2);
    expect(client.lastSeq).toBeGreaterThan(seq);
  });

  it('onceOnline: at once when connected; else opens the socket and calls back when it connects', async () => {
    let now = 0;
    client.onceOnline(() => now++);
    expect(now).toBe(1);
    const later = new HubClient({ baseUrl: t.url, token: kiosk.token, socket: FAST });
    clients.push(later);
    const calls: string[] = [];
    const cancelled = later.onceOnline(() => calls.push('cancelled'));
    cancelled();
    const online = new Promise<void>((resolve) => later.onceOnline(() => resolve()));
    expect(later.connection).toBe('connecting');
    await online;
    expect(later.connection).toBe('online');
    expect(calls).toEqual([]);
  });

  it('reports a refused token instead of retrying forever', async () => {
    const bad = new HubClient({ baseUrl: t.url, token: 'not-a-token', socket: FAST });
    clients.push(bad);
    const refused = nextClientEvent(bad, 'authError');
    bad.connect();
    expect((await refused).code).toBe('unauthorized');
    expect(bad.connection).toBe('offline');
  });
});

describe('reconnecting after the hub restarts', () => {
  const dataDir = tempDir('luot-ui-restart-');
  let hub: TestHub | null = null;
  const clients: HubClient[] = [];
  afterEach(async () => {
    for (const c of clients) c.close();
    await hub?.close();
    hub = null;
  });
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('goes offline, comes back on the same port and resyncs the store', async () => {
    hub = await startTestHub({ dataDir });
    const port = hub.running.port;
    const kiosk = new HubClient({ baseUrl: hub.url });
    await kiosk.pair(await pairingCode(hub));
    const client = new HubClient({ baseUrl: hub.url, token: kiosk.token, socket: FAST });
    clients.push(kiosk, client);
    const states: string[] = [];
    client.on('connection', (s) => states.push(s));
    const store = createQueueStore(client);
    client.connect();
    await until(() => store.getState().synced, 'first snapshot');
    const { ticket } = await kiosk.issueTicket({ serviceId: 'hotich' }, newIdempotencyKey());
    await until(() => store.getState().tickets[ticket.id] !== undefined, 'the ticket');
    const resyncs = client.stats.resyncs;

    await hub.close();
    await until(() => client.connection === 'offline', 'offline');
    expect(store.getState().connection).toBe('offline');
    // a stale view while offline (as if an event had been lost on the way down)
    store.setState({ tickets: {} });

    hub = await startTestHub({ dataDir, port });
    expect(hub.running.port).toBe(port);
    // the device token survived the restart; a change made right away is seen either way
    const { ticket: later } = await kiosk.issueTicket({ serviceId: 'hotich' }, newIdempotencyKey());
    await until(() => client.connection === 'online', 'back online', 15_000);
    await until(() => store.getState().tickets[later.id] !== undefined, 'the ticket issued after restart');
    expect(client.stats.resyncs).toBeGreaterThan(resyncs);
    expect(store.getState().tickets[ticket.id]?.status).toBe('waiting');
    expect(store.getState().connection).toBe('online');
    expect(states).toEqual(['connecting', 'online', 'offline', 'online']);
    store.dispose();
  });
});
