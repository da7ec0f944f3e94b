// The queue store on its own: snapshots and deltas applied by hand (no hub, no socket).
import type { Counter, QueueSnapshot, Ticket } from '@luot/shared';
import { sampleTicket } from '@luot/shared/fixtures';
import { describe, expect, it, vi } from 'vitest';
import { HubClient } from './client.ts';
import {
  createQueueStore,
  selectOpenCounters,
  selectOpenCountersByService,
  selectWaitingByService,
  selectWaitingCount,
  waitingTickets,
} from './store.ts';

const ticket = (id: string, over: Partial<Ticket> = {}): Ticket =>
  sampleTicket({
    id,
    serviceId: 'hotich',
    number: 1001,
    displayNumber: '1001',
    issuedAt: '2025-05-12T01:00:00.000Z',
    ...over,
  });

const counter = (n: number, serviceIds: string[], state: Counter['state'] = 'open'): Counter => ({
  id: `c${n}`,
  number: n,
  name: `Quầy ${n}`,
  zone: 'main',
  serviceIds,
  callPolicy: 'default',
  state,
  pauseReason: null,
  officer: null,
  currentTicket: null,
});

const snapshot = (seq: number, tickets: Ticket[], counters: Counter[]): QueueSnapshot => ({
  serviceDay: '2025-05-12',
  seq,
  tickets,
  counters,
});

function setup() {
  const client = new HubClient({ baseUrl: 'http://127.0.0.1:9' });
  const resync = vi.spyOn(client, 'resync').mockResolvedValue(null);
  const store = createQueueStore(client, { loadServices: false });
  return { client, store, resync };
}

describe('queue store', () => {
  it('replaces its view with a snapshot, leaving final tickets out', () => {
    const { store } = setup();
    expect(store.getState()).toMatchObject({ synced: false, seq: null, connection: 'offline' });
    store
      .getState()
      .applySnapshot(
        snapshot(10, [ticket('a'), ticket('b', { status: 'done' })], [counter(1, ['hotich', 'chungthuc'])]),
      );
    const s = store.getState();
    expect(s).toMatchObject({ synced: true, seq: 10, serviceDay: '2025-05-12' });
    expect(Object.keys(s.tickets)).toEqual(['a']);
    expect(Object.keys(s.counters)).toEqual(['c1']);
  });

  it('applies deltas in order, replacing tickets and counters and dropping final ones', () => {
    const { store, resync } = setup();
    store
      .getState()
      .applySnapshot(snapshot(10, [ticket('a'), ticket('b')], [counter(1, ['hotich'], 'closed')]));
    const at = '2025-05-12T01:05:00.000Z';
    store.getState().applyChange({
      seq: 12,
      fromSeq: 11,
      at,
      reason: 'ticket.called',
      tickets: [ticket('a', { status: 'called', counterId: 'c1', counterNumber: 1 }), ticket('c')],
      counters: [counter(1, ['hotich'])],
    });
    let s = store.getState();
    expect(s.seq).toBe(12);
    expect(s.tickets.a!.status).toBe('called');
    expect(s.tickets.c).toBeDefined();
    expect(s.counters.c1!.state).toBe('open');
    store.getState().applyChange({
      seq: 13,
      fromSeq: 13,
      at,
      reason: 'ticket.finished',
      tickets: [ticket('a', { status: 'done' }), ticket('b', { status: 'no_show' })],
      counters: [],
    });
    s = store.getState();
    expect(Object.keys(s.tickets)).toEqual(['c']);
    expect(resync).not.toHaveBeenCalled();
  });

  it('asks the client for a snapshot on a gap or before the first snapshot', () => {
    const { store, resync } = setup();
    const change = { seq: 5, fromSeq: 5, at: '', reason: 'x', tickets: [ticket('z')], counters: [] };
    store.getState().applyChange(change);
    expect(resync).toHaveBeenCalledTimes(1);
    store.getState().applySnapshot(snapshot(3, [], []));
    store.getState().applyChange(change); // 4 is missing
    expect(resync).toHaveBeenCalledTimes(2);
    expect(store.getState().tickets).toEqual({});
    expect(store.getState().seq).toBe(3);
  });

  it('keeps the latest calls', () => {
    const { store } = setup();
    for (let i = 1; i <= 12; i++)
      store.getState().applyCalled({
        seq: i,
        at: '',
        recall: false,
        ticket: { id: `t${i}`, displayNumber: String(1000 + i), serviceId: 'hotich' },
        counter: { id: 'c1', number: 1, name: 'Quầy 1' },
      });
    expect(store.getState().lastCalled?.ticket.id).toBe('t12');
    expect(store.getState().recentCalls.map((c) => c.ticket.id)).toEqual([
      't12',
      't11',
      't10',
      't9',
      't8',
      't7',
      't6',
      't5',
      't4',
      't3',
    ]);
  });

  it('selects waiting counts and open counters per field', () => {
    const { store } = setup();
    store
      .getState()
      .applySnapshot(
        snapshot(
          1,
          [
            ticket('a'),
            ticket('b', { priority: 'elderly', issuedAt: '2025-05-12T01:30:00.000Z' }),
            ticket('c', { status: 'called' }),
            ticket('d', { serviceId: 'datdai' }),
          ],
          [counter(3, ['chungthuc', 'hotich']), counter(1, ['hotich']), counter(4, ['datdai'], 'paused')],
        ),
      );
    const s = store.getState();
    expect(selectWaitingByService(s)).toEqual({ hotich: 2, datdai: 1 });
    expect(selectWaitingCount('hotich')(s)).toBe(2);
    expect(selectWaitingCount('cutru')(s)).toBe(0);
    expect(selectOpenCounters('hotich')(s).map((c) => c.number)).toEqual([1, 3]);
    expect(selectOpenCounters('datdai')(s)).toEqual([]);
    expect(Object.keys(selectOpenCountersByService(s)).sort()).toEqual(['chungthuc', 'hotich']);
    expect(selectWaitingByService(s)).toBe(selectWaitingByService(store.getState()));
    expect(waitingTickets(s, 'hotich').map((t) => t.id)).toEqual(['b', 'a']);
  });

  it('follows the client until disposed', () => {
    const { client, store } = setup();
    const emit = (client as unknown as { emit(name: string, value: unknown): void }).emit.bind(client);
    emit('connection', 'online');
    expect(store.getState().connection).toBe('online');
    emit('snapshot', snapshot(7, [ticket('a')], []));
    expect(store.getState().seq).toBe(7);
    store.dispose();
    emit('snapshot', snapshot(9, [], []));
    expect(store.getState().seq).toBe(7);
  });
});
