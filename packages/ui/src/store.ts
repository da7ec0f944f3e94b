// The live queue as a zustand store fed by a HubClient: snapshots replace it, deltas update it.
// Vanilla zustand (no React here); React components read it with `useQueue` (hooks.ts).
// Tickets are kept in their public view (what devices get; staff extras are dropped by the client).
import {
  FINAL_STATUSES,
  type PublicCounter,
  type PublicQueueChangedEvent,
  type PublicQueueSnapshot,
  type PublicTicket,
  type Service,
  type TicketCalledEvent,
} from '@luot/shared';
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { ConnectionState, HubClient } from './client.ts';

export interface QueueState {
  connection: ConnectionState;
  /** False until the first snapshot arrived. */
  synced: boolean;
  serviceDay: string | null;
  /** The seq of the last snapshot or delta applied. */
  seq: number | null;
  /** Open (non-final) tickets by id. */
  tickets: Record<string, PublicTicket>;
  counters: Record<string, PublicCounter>;
  /** Fields (services) from GET /api/v1/services, as the hub orders them. */
  services: Service[];
  lastCalled: TicketCalledEvent | null;
  /** The latest calls, newest first (at most RECENT_CALLS). */
  recentCalls: TicketCalledEvent[];

  /** Replaces the whole view with a snapshot. */
  applySnapshot(snapshot: PublicQueueSnapshot): void;
  /**
   * Applies a delta that follows `seq`. A delta already covered is ignored; one after a gap is
   * not applied and asks the client for a snapshot instead.
   */
  applyChange(event: PublicQueueChangedEvent): void;
  applyCalled(event: TicketCalledEvent): void;
  setServices(services: Service[]): void;
  /** Reloads the fields from the hub (kept as they were if that fails). */
  loadServices(): Promise<void>;
}

export type QueueStore = StoreApi<QueueState> & {
  /** Stops following the client. */
  dispose(): void;
};

export const RECENT_CALLS = 10;

const isFinal = (ticket: PublicTicket) => FINAL_STATUSES.includes(ticket.status);

function byId<T extends { id: string }>(items: T[]): Record<string, T> {
  const out: Record<string, T> = {};
  for (const item of items) out[item.id] = item;
  return out;
}

export function createQueueStore(client: HubClient, options: { loadServices?: boolean } = {}): QueueStore {
  let loadingServices: Promise<void> | null = null;

  const store = createStore<QueueState>()((set, get) => ({
    connection: client.connection,
    synced: false,
    serviceDay: null,
    seq: null,
    tickets: {},
    counters: {},
    services: [],
    lastCalled: null,
    recentCalls: [],

    applySnapshot(snapshot) {
      set({
        synced: true,
        serviceDay: snapshot.serviceDay,
        seq: snapshot.seq,
        tickets: byId(snapshot.tickets.filter((t) => !isFinal(t))),
        counters: byId(snapshot.counters),
      });
    },

    applyChange(event) {
      const { seq } = get();
      if (seq === null) {
        void client.resync();
        return;
      }
      if (event.seq <= seq) return;
      if (event.fromSeq !== seq + 1) {
        void client.resync();
        return;
      }
      const tickets = { ...get().tickets };
      for (const ticket of event.tickets) {
        if (isFinal(ticket)) delete tickets[ticket.id];
        else tickets[ticket.id] = ticket;
      }
      const counters = { ...get().counters };
      for (const counter of event.counters) counters[counter.id] = counter;
      set({ seq: event.seq, tickets, counters });
    },

    applyCalled(event) {
      set({ lastCalled: event, recentCalls: [event, ...get().recentCalls].slice(0, RECENT_CALLS) });
    },

    setServices(services) {
      set({ services });
    },

    loadServices() {
      loadingServices ??= client
        .services()
        .then((services) => set({ services }))
        .catch(() => {
          // offline: keep the fields we have; the next snapshot (reconnect) tries again
        })
        .finally(() => {
          loadingServices = null;
        });
      return loadingServices;
    },
  }));

  const wantServices = options.loadServices ?? true;
  const off = [
    client.on('connection', (connection) => store.setState({ connection })),
    client.on('snapshot', (snapshot) => {
      store.getState().applySnapshot(snapshot);
      if (wantServices) void store.getState().loadServices();
    }),
    client.on('queueChanged', (event) => store.getState().applyChange(event)),
    client.on('ticketCalled', (event) => store.getState().applyCalled(event)),
    // An admin changed the catalogue: new or renamed fields, counters with other fields or numbers.
    client.on('catalogChanged', ({ what }) => {
      if (what === 'services' && wantServices) void store.getState().loadServices();
      if (what === 'counters') void client.resync();
    }),
  ];
  // Created after the client came online: fetch the view now rather than wait for a change.
  if (client.connection === 'online') void client.resync();
  else if (wantServices) void store.getState().loadServices();

  return Object.assign(store, {
    dispose() {
      for (const f of off) f();
    },
  });
}

// ---- selectors ----------------------------------------------------------------
// Memoised on the record they read, so `useQueue(store, selectX)` keeps a stable reference.

const waitingCache = new WeakMap<Record<string, PublicTicket>, Record<string, number>>();
const openCountersCache = new WeakMap<Record<string, PublicCounter>, Record<string, PublicCounter[]>>();
const EMPTY: PublicCounter[] = [];

/** Waiting tickets per field (service id); fields with nobody waiting are absent. */
export function selectWaitingByService(state: Pick<QueueState, 'tickets'>): Record<string, number> {
  let out = waitingCache.get(state.tickets);
  if (!out) {
    out = {};
    for (const ticket of Object.values(state.tickets))
      if (ticket.status === 'waiting') out[ticket.serviceId] = (out[ticket.serviceId] ?? 0) + 1;
    waitingCache.set(state.tickets, out);
  }
  return out;
}

export const selectWaitingCount =
  (serviceId: string) =>
  (state: Pick<QueueState, 'tickets'>): number =>
    selectWaitingByService(state)[serviceId] ?? 0;

/** Open counters per field, by counter number; a paused or closed counter does not count. */
export function selectOpenCountersByService(
  state: Pick<QueueState, 'counters'>,
): Record<string, PublicCounter[]> {
  let out = openCountersCache.get(state.counters);
  if (!out) {
    const result: Record<string, PublicCounter[]> = {};
    const open = Object.values(state.counters)
      .filter((c) => c.state === 'open')
      .sort((a, b) => a.number - b.number);
    for (const counter of open)
      for (const serviceId of counter.serviceIds) {
        const list = result[serviceId] ?? [];
        list.push(counter);
        result[serviceId] = list;
      }
    out = result;
    openCountersCache.set(state.counters, out);
  }
  return out;
}

export const selectOpenCounters =
  (serviceId: string) =>
  (state: Pick<QueueState, 'counters'>): PublicCounter[] =>
    selectOpenCountersByService(state)[serviceId] ?? EMPTY;

/** Open tickets of one field in queue order (priority first, then by issue time). */
export function waitingTickets(state: Pick<QueueState, 'tickets'>, serviceId?: string): PublicTicket[] {
  return Object.values(state.tickets)
    .filter((t) => t.status === 'waiting' && (serviceId === undefined || t.serviceId === serviceId))
    .sort(
      (a, b) =>
        Number(b.priority !== null) - Number(a.priority !== null) || a.issuedAt.localeCompare(b.issuedAt),
    );
}
