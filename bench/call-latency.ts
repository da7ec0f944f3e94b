// Call-next to `ticket:called` on every connected screen: an officer calls, and we time the
// event's arrival at the first and at the last of N socket.io clients (display devices).
import { performance } from 'node:perf_hooks';
import { io, type Socket } from 'socket.io-client';
import type { HttpClient } from './lib/http.ts';
import { CpuMeter } from './lib/proc.ts';
import type { Officer } from './lib/setup.ts';
import { type LatencySummary, summarize } from './lib/stats.ts';

export interface Displays {
  sockets: Socket[];
  /** Arrival times (performance.now) of `ticket:called` per ticket id, one per socket. */
  called: Map<string, number[]>;
  /** Sockets that have seen the `queue:changed` of a finish, per ticket id. */
  finished: Map<string, number>;
  /** Called after every recorded event, to wake whoever waits. */
  waiter: (() => void) | null;
  close(): void;
}

export async function connectDisplays(url: string, tokens: string[]): Promise<Displays> {
  const called = new Map<string, number[]>();
  const finished = new Map<string, number>();
  const sockets = tokens.map((token) =>
    io(url, { auth: { token }, transports: ['websocket'], forceNew: true, reconnection: false }),
  );
  const displays: Displays = { sockets, called, finished, waiter: null, close: () => {} };
  const close = () => {
    for (const s of sockets) {
      s.removeAllListeners();
      s.close();
    }
  };
  for (const s of sockets) {
    s.on('ticket:called', (e: { ticket: { id: string } }) => {
      const at = performance.now();
      const list = called.get(e.ticket.id);
      if (list) list.push(at);
      else called.set(e.ticket.id, [at]);
      displays.waiter?.();
    });
    s.on('queue:changed', (e: { reason: string; tickets: { id: string }[] }) => {
      if (e.reason !== 'finish') return;
      for (const t of e.tickets) finished.set(t.id, (finished.get(t.id) ?? 0) + 1);
      displays.waiter?.();
    });
  }
  try {
    await Promise.all(
      sockets.map(
        (s) =>
          new Promise<void>((resolve, reject) => {
            if (s.connected) return resolve();
            s.once('connect', () => resolve());
            s.once('connect_error', (err) => reject(err));
          }),
      ),
    );
  } catch (error) {
    close();
    throw error;
  }
  displays.close = close;
  return displays;
}

/** Resolves when `check()` holds; re-checked on every socket event (no polling). */
function until(displays: Displays, check: () => boolean, timeoutMs: number, what: string): Promise<void> {
  if (check()) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      displays.waiter = null;
      reject(new Error(`timed out waiting for ${what}`));
    }, timeoutMs);
    displays.waiter = () => {
      if (!check()) return;
      clearTimeout(timer);
      displays.waiter = null;
      resolve();
    };
  });
}

export interface CallLatencyResult {
  sockets: number;
  calls: number;
  /** POST call-next until its HTTP answer. */
  httpMs: LatencySummary;
  /** POST call-next until `ticket:called` reached the first socket. */
  firstSocketMs: LatencySummary;
  /** POST call-next until `ticket:called` reached every socket. */
  lastSocketMs: LatencySummary;
  hubCpuPct: number;
  clientCpuPct: number;
}

/**
 * `calls` call-next requests round-robin over the officers' counters, each ticket finished
 * (and its finish seen by every screen) before the next call, so calls do not overlap.
 */
export async function measureCalls(opts: {
  http: HttpClient;
  hubPid: number;
  displays: Displays;
  officers: Officer[];
  /** A procedure id of each field, for finish. */
  procedureOf: Map<string, string>;
  calls: number;
  warmup: number;
}): Promise<CallLatencyResult> {
  const { http, displays, officers } = opts;
  const n = displays.sockets.length;
  const httpMs: number[] = [];
  const first: number[] = [];
  const last: number[] = [];
  let meter: CpuMeter | null = null;
  for (let k = 0; k < opts.warmup + opts.calls; k++) {
    if (k === opts.warmup) meter = new CpuMeter(opts.hubPid);
    const officer = officers[k % officers.length]!;
    const t0 = performance.now();
    const reply = await http.call('POST', `/api/v1/counters/${officer.counterId}/call-next`, {
      token: officer.token,
    });
    if (reply.status !== 200 || !reply.body?.ticket) {
      throw new Error(`call-next: ${reply.status} ${JSON.stringify(reply.body)} (are tickets waiting?)`);
    }
    const ticket = reply.body.ticket as { id: string; serviceId: string };
    await until(
      displays,
      () => (displays.called.get(ticket.id)?.length ?? 0) >= n,
      10_000,
      `ticket:called x${n}`,
    );
    const arrivals = displays.called.get(ticket.id)!;
    if (k >= opts.warmup) {
      httpMs.push(reply.ms);
      first.push(Math.min(...arrivals) - t0);
      last.push(Math.max(...arrivals) - t0);
    }
    displays.called.delete(ticket.id);
    const procedureId = opts.procedureOf.get(ticket.serviceId);
    await http.expect(200, 'POST', `/api/v1/tickets/${ticket.id}/finish`, {
      token: officer.token,
      body: { procedureIds: procedureId ? [procedureId] : [] },
    });
    // Let every screen take the finish's queue:changed before the next call is timed.
    await until(displays, () => (displays.finished.get(ticket.id) ?? 0) >= n, 10_000, `queue:changed x${n}`);
    displays.finished.delete(ticket.id);
  }
  const cpu = meter!.stop();
  return {
    sockets: n,
    calls: opts.calls,
    httpMs: summarize(httpMs),
    firstSocketMs: summarize(first),
    lastSocketMs: summarize(last),
    ...cpu,
  };
}
