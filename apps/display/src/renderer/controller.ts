// The display's calls: every live `ticket:called` of its scope goes on screen and to the voice;
// a snapshot (first connect, reconnect, gap) only puts counters' current tickets on screen, so a
// call is never announced twice or late. Plain TypeScript (no React, no DOM), tested under Node.
import type { PublicCounter, PublicQueueSnapshot, TicketCalledEvent } from '@luot/shared';
import {
  type CallEntry,
  callFromEvent,
  callInScope,
  callsFromCounters,
  type DisplayScope,
  mergeCalls,
} from './derive.ts';

/** What the controller needs of helper A's `Announcer` (voice/): a queue of calls to read out. */
export interface CallAnnouncer {
  /** `key` identifies the event, so one event is never read out twice. */
  enqueue(call: { displayNumber: string; counterNumber: number; recall: boolean; key?: string }): unknown;
}

/** What it needs of the HubClient: its validated realtime events. */
export interface CallEvents {
  on(event: 'ticketCalled', listener: (event: TicketCalledEvent) => void): () => void;
  on(event: 'snapshot', listener: (snapshot: PublicQueueSnapshot) => void): () => void;
}

export interface DisplayControllerDeps {
  client: CallEvents;
  /** The counters as the queue store has them now (their zones decide what is in scope). */
  counters(): Record<string, PublicCounter>;
  scope: DisplayScope;
  announcer?: CallAnnouncer | null;
  /** How many calls to keep (the screen shows fewer). */
  keep?: number;
}

export interface DisplayCallsState {
  /** Newest first, one per ticket. */
  calls: CallEntry[];
  serviceDay: string | null;
}

export class DisplayController {
  private state: DisplayCallsState = { calls: [], serviceDay: null };
  private readonly listeners = new Set<() => void>();
  private readonly off: (() => void)[];
  private readonly deps: DisplayControllerDeps;
  private scope: DisplayScope;
  private readonly keep: number;

  constructor(deps: DisplayControllerDeps) {
    this.deps = deps;
    this.scope = deps.scope;
    this.keep = deps.keep ?? 20;
    this.off = [
      deps.client.on('ticketCalled', (event) => this.called(event)),
      deps.client.on('snapshot', (snapshot) => this.snapshot(snapshot)),
    ];
  }

  // ---- for React (useSyncExternalStore) ---------------------------------------

  getState = (): DisplayCallsState => this.state;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** The zone became known (GET /me answered): keep only the calls that belong to it. */
  setScope(scope: DisplayScope, counters: Record<string, PublicCounter> = this.deps.counters()): void {
    this.scope = scope;
    const calls = this.state.calls.filter((c) => callInScope(c, counters, scope));
    if (calls.length !== this.state.calls.length) this.set({ ...this.state, calls });
  }

  dispose(): void {
    for (const f of this.off) f();
    this.listeners.clear();
  }

  // ---- events ------------------------------------------------------------------

  private called(event: TicketCalledEvent): void {
    const call = callFromEvent(event);
    if (!callInScope(call, this.deps.counters(), this.scope)) return;
    this.set({ ...this.state, calls: mergeCalls(this.state.calls, [call], this.keep) });
    this.deps.announcer?.enqueue({
      displayNumber: call.displayNumber,
      counterNumber: call.counterNumber,
      recall: call.recall,
      key: call.key,
    });
  }

  private snapshot(snapshot: PublicQueueSnapshot): void {
    const counters: Record<string, PublicCounter> = {};
    for (const c of snapshot.counters) counters[c.id] = c;
    // A new service day: yesterday's calls are gone from the wall.
    const current =
      this.state.serviceDay !== null && this.state.serviceDay !== snapshot.serviceDay ? [] : this.state.calls;
    const seen = callsFromCounters(snapshot.counters).filter((c) => callInScope(c, counters, this.scope));
    this.set({ calls: mergeCalls(current, seen, this.keep), serviceDay: snapshot.serviceDay });
  }

  private set(state: DisplayCallsState): void {
    this.state = state;
    for (const listener of this.listeners) listener();
  }
}
