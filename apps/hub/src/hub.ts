// The hub's core: database, store, engine, auth and the realtime fan-out of committed changes.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type {
  CatalogChangedEvent,
  CatalogPart,
  Counter,
  DayStats,
  MeTodayResponse,
  PublicQueueChangedEvent,
  PublicQueueSnapshot,
  QueueChangedEvent,
  QueueSnapshot,
  Ticket,
  TicketCalledEvent,
  TicketWithWait,
} from '@luot/shared';
import { LuotError, serviceDayOf } from '@luot/shared';
import {
  AttemptLimiter,
  Auth,
  type AuthOptions,
  actorOf,
  DEFAULT_AUTH_OPTIONS,
  type Principal,
} from './auth/auth.ts';
import { kioskIssueLimiter, type RateLimiter } from './auth/issue-limit.ts';
import { LoginGuard } from './auth/login-guard.ts';
import type { HubConfig } from './config.ts';
import { type Db, openDatabase } from './db/database.ts';
import { Store, type TicketRow, ticketFromRow } from './db/store.ts';
import type { Actor } from './engine/context.ts';
import {
  type ChangeSet,
  DEFAULT_ENGINE_OPTIONS,
  Engine,
  type EngineCtx,
  type EngineOptions,
  estimator,
} from './engine/index.ts';
import { publicQueueChanged, publicSnapshot, seesPrivate } from './handlers/ticket-views.ts';
import type { Logger } from './log.ts';
import { SnapshotGate } from './realtime/snapshot-gate.ts';
import { officerDayQuery, statsQueries } from './reports/day-stats.ts';
import { firstStart } from './seed.ts';

export const VERSION = '0.1.0';
/** Commands slower than this are logged: a durable commit takes well under 1 ms. */
const SLOW_COMMAND_MS = 20;

export interface HubOptions {
  config: HubConfig;
  log: Logger;
  /** The clock; tests pass their own to walk through days. */
  now?: () => number;
  engine?: Partial<EngineOptions>;
  /** Token and pairing-code lifetimes; tests shorten them. */
  auth?: Partial<AuthOptions>;
}

interface PendingCommand {
  actor: Actor;
  reason: string;
  fn: (ctx: EngineCtx) => unknown;
  resolve: (value: Committed<unknown>) => void;
  reject: (error: unknown) => void;
}

/**
 * A committed command: its result and the tickets and counters as it wrote them, which are
 * also what was published. A command that wrote nothing (a replayed Idempotency-Key, signing
 * in where one already is) answers the objects as they are now.
 */
export interface Committed<T> {
  result: T;
  ticket(id: string): Ticket;
  counter(id: string): Counter;
}

/** The objects of one change, made once for its answer and its realtime event. */
interface ChangeView {
  tickets: Ticket[];
  counters: Counter[];
}

export interface Published {
  /** For staff (user) sockets: tickets whole. */
  queueChanged: QueueChangedEvent;
  /** For devices: the same change with tickets in their public view (ticket-views.ts). */
  publicQueueChanged: PublicQueueChangedEvent;
  calls: TicketCalledEvent[];
}

export class Hub {
  readonly db: Db;
  readonly store: Store;
  readonly engine: Engine;
  readonly auth: Auth;
  /** How often clients may ask for a queue snapshot (snapshot-gate.ts). */
  readonly snapshotGate = new SnapshotGate();
  /** Login throttling (login-guard.ts): per username, per address, attempts in flight. */
  readonly loginGuard: LoginGuard;
  readonly pairLimiter = new AttemptLimiter(10, 15 * 60_000);
  /** How fast each kiosk may issue tickets (issue-limit.ts); staff are not limited. Null: off. */
  readonly kioskIssueLimiter: RateLimiter | null;
  readonly log: Logger;
  /** The report path to the city (city/sync.ts), made by startHub; null for a hub opened alone. */
  citySync: import('./city/sync.ts').CitySync | null = null;
  readonly now: () => number;
  readonly dayStats: (day: string, frozen?: boolean) => DayStats;
  /** One officer's own figures for one day (GET /api/v1/me/today). */
  readonly officerDay: (officerId: string, day: string) => MeTodayResponse;
  private readonly estimate: ReturnType<typeof estimator>;
  private readonly listeners = new Set<(p: Published) => void>();
  private pending: PendingCommand[] = [];
  private flushScheduled = false;
  /**
   * Base of the ticket status URLs printed in QR codes (`${publicUrl}/t/${id}`); set by
   * startHub once the port is known (LUOT_PUBLIC_URL, or worked out from the address).
   */
  publicUrl = '';
  private printerPool: Promise<import('./printing/printer-pool.ts').PrinterPool> | null = null;

  private constructor(
    readonly config: HubConfig,
    log: Logger,
    now: () => number,
    engineOptions: EngineOptions,
    authOptions: AuthOptions,
  ) {
    mkdirSync(config.dataDir, { recursive: true });
    this.log = log;
    this.now = now;
    this.db = openDatabase(join(config.dataDir, 'luot.sqlite'));
    this.store = new Store(this.db);
    this.kioskIssueLimiter = kioskIssueLimiter(config.kioskIssueLimit);
    this.auth = new Auth(this.store, authOptions);
    this.loginGuard = new LoginGuard(this.store);
    this.dayStats = statsQueries(this.store);
    this.officerDay = officerDayQuery(this.store);
    this.engine = new Engine(this.store, (day) => this.dayStats(day), engineOptions);
    this.estimate = estimator(this.store, engineOptions.estimateSampleSize);
  }

  static async open(options: HubOptions): Promise<Hub> {
    const engineOptions = { ...DEFAULT_ENGINE_OPTIONS, ...options.engine };
    const authOptions = { ...DEFAULT_AUTH_OPTIONS, ...options.auth };
    const hub = new Hub(options.config, options.log, options.now ?? Date.now, engineOptions, authOptions);
    try {
      await firstStart(hub.store, hub.auth, {
        seed: options.config.seed,
        adminPassword: options.config.adminPassword,
        now: hub.now(),
        log: hub.log,
      });
      hub.publishAll(hub.engine.closePastDays(hub.now()));
    } catch (error) {
      hub.db.close();
      throw error;
    }
    return hub;
  }

  get serviceDay(): string {
    return serviceDayOf(this.now(), this.store.centre().time_zone);
  }

  private readonly revokeListeners = new Set<(tokenHash: string) => void>();

  /** Realtime closes the sockets that were opened with a token that is now revoked. */
  onRevoked(listener: (tokenHash: string) => void): void {
    this.revokeListeners.add(listener);
  }

  emitRevoked(tokenHash: string): void {
    for (const listener of this.revokeListeners) listener(tokenHash);
  }

  private readonly catalogListeners = new Set<(event: CatalogChangedEvent) => void>();

  /** Realtime tells every client when an admin changed fields, counters, the centre, … */
  onCatalogChanged(listener: (event: CatalogChangedEvent) => void): void {
    this.catalogListeners.add(listener);
  }

  /** After an admin change has committed: drops the cached catalogue and tokens, tells clients. */
  catalogChanged(what: CatalogPart): void {
    this.store.invalidateCatalog();
    this.catalogVersion += 1;
    this.auth.forget();
    const event: CatalogChangedEvent = { what, at: new Date(this.now()).toISOString() };
    for (const listener of this.catalogListeners) {
      try {
        listener(event);
      } catch (error) {
        this.log.error({ err: error }, 'a catalog listener failed');
      }
    }
  }

  /** Devices with a live socket now (id -> number of sockets), kept by realtime.ts. */
  readonly connectedDevices = new Map<string, number>();

  subscribe(listener: (p: Published) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * Runs one engine command for a principal and resolves once it is durably committed and
   * published, with what it wrote (Committed). Commands that arrive together are committed
   * together (group commit).
   */
  exec<T>(principal: Principal | null, reason: string, fn: (ctx: EngineCtx) => T): Promise<Committed<T>> {
    return new Promise<Committed<T>>((resolve, reject) => {
      this.pending.push({
        actor: actorOf(principal),
        reason,
        fn,
        resolve: resolve as (v: Committed<unknown>) => void,
        reject,
      });
      if (!this.flushScheduled) {
        this.flushScheduled = true;
        // After the poll phase: every request already read from the sockets joins this batch.
        setImmediate(() => this.flush());
      }
    });
  }

  private flush(): void {
    this.flushScheduled = false;
    const batch = this.pending;
    this.pending = [];
    if (batch.length === 0) return;
    const started = performance.now();
    let run: ReturnType<Engine['runBatch']>;
    try {
      run = this.engine.runBatch(batch, this.now());
    } catch (error) {
      // The commit itself failed (disk full, I/O error): nothing of the batch happened.
      this.log.error({ err: error, commands: batch.length }, 'commit failed');
      for (const item of batch) item.reject(error);
      return;
    }
    const ms = performance.now() - started;
    if (ms > SLOW_COMMAND_MS) this.log.warn({ commands: batch.length, ms: Math.round(ms) }, 'slow commit');
    this.publishAll(run.closing);
    run.outcomes.forEach((outcome, i) => {
      const item = batch[i]!;
      if (outcome.ok) {
        const view = outcome.change.empty ? null : this.viewOf(outcome.change);
        if (view) this.publish(outcome.change, view);
        item.resolve(this.committed(outcome.result, view));
      } else {
        item.reject(outcome.error);
      }
    });
  }

  /** Closes finished days when nothing else happens (called by a timer). */
  tick(): void {
    this.publishAll(this.engine.closePastDays(this.now()));
  }

  private committed<T>(result: T, view: ChangeView | null): Committed<T> {
    const { store } = this;
    return {
      result,
      ticket(id) {
        const ticket = view?.tickets.find((t) => t.id === id) ?? store.ticket(id);
        if (!ticket) throw new LuotError('not_found', `no ticket ${id}`);
        return ticket;
      },
      counter(id) {
        const counter = view?.counters.find((c) => c.id === id);
        if (counter) return counter;
        const row = store.counterRow(id);
        if (!row) throw new LuotError('not_found', `no counter ${id}`);
        return store.counter(row);
      },
    };
  }

  /**
   * The tickets and counters of a change as its command wrote them (the RETURNING rows kept in
   * the change set). Only what was logged without being written (a reprint) is read; a counter's
   * officer and current ticket are looked up to complete it.
   */
  private viewOf(change: ChangeSet): ChangeView {
    const tickets = [...change.tickets].flatMap((id) => {
      const row: TicketRow | undefined = change.ticketRows.get(id);
      return row ? [ticketFromRow(row)] : (this.store.ticket(id) ?? []);
    });
    const counters = [...change.counters].flatMap((id) => {
      const row = change.counterRows.get(id) ?? this.store.counterRow(id);
      return row ? [this.store.counter(row)] : [];
    });
    return { tickets, counters };
  }

  private publishAll(change: ChangeSet | null): void {
    if (!change || change.empty || this.listeners.size === 0) return;
    this.publish(change, this.viewOf(change));
  }

  private publish(change: ChangeSet, { tickets, counters }: ChangeView): void {
    if (this.listeners.size === 0) return;
    const at = new Date(this.now()).toISOString();
    const calls = change.calls.map((call): TicketCalledEvent => {
      const ticket = tickets.find((t) => t.id === call.ticketId)!;
      const counter = this.store.counterRow(call.counterId)!;
      return {
        seq: call.seq,
        at,
        recall: call.recall,
        ticket: { id: ticket.id, displayNumber: ticket.displayNumber, serviceId: ticket.serviceId },
        counter: { id: counter.id, number: counter.number, name: counter.name },
      };
    });
    const queueChanged: QueueChangedEvent = {
      seq: change.seq,
      fromSeq: change.fromSeq,
      at,
      reason: change.reason,
      tickets,
      counters,
    };
    // Each audience's variant is made once per change, not per socket.
    const published: Published = {
      queueChanged,
      publicQueueChanged: publicQueueChanged(queueChanged),
      calls,
    };
    for (const listener of this.listeners) {
      try {
        listener(published);
      } catch (error) {
        this.log.error({ err: error }, 'a realtime listener failed');
      }
    }
  }

  /** The printers of this hub, loaded on first use (the renderer is heavy; see printing.ts). */
  printing(): Promise<import('./printing/printer-pool.ts').PrinterPool> {
    this.printerPool ??= import('./printing/printer-pool.ts').then((m) => new m.PrinterPool());
    // A failed load (missing native module) is retried next time rather than remembered.
    this.printerPool.catch(() => {
      this.printerPool = null;
    });
    return this.printerPool;
  }

  /** A ticket read now, with the people ahead and the estimated wait. */
  ticketWithWait(id: string): TicketWithWait {
    const row = this.store.ticketRow(id);
    if (!row) throw new LuotError('not_found', `no ticket ${id}`);
    return { ticket: ticketFromRow(row), ...this.estimate(row) };
  }

  /** A ticket a command just wrote, with the people ahead and the estimated wait. */
  withWait(ticket: Ticket): TicketWithWait {
    const input = {
      status: ticket.status,
      service_id: ticket.serviceId,
      issued_at: Date.parse(ticket.issuedAt),
      priority: ticket.priority,
    };
    return { ticket, ...this.estimate(input) };
  }

  /** The last snapshot built, shared by every request until the log, the day or the catalogue moves. */
  private snapshotMemo: { key: string; value: QueueSnapshot } | null = null;
  private catalogVersion = 0;

  snapshot(): QueueSnapshot {
    const key = `${this.store.lastSeq()}|${this.serviceDay}|${this.catalogVersion}`;
    if (this.snapshotMemo?.key === key) return this.snapshotMemo.value;
    // One read transaction so the seq matches the rows.
    const value = this.db.transaction(() => ({
      serviceDay: this.serviceDay,
      seq: this.store.lastSeq(),
      tickets: this.store.openTickets(),
      counters: this.store.counters(),
    }))();
    this.snapshotMemo = { key: `${value.seq}|${value.serviceDay}|${this.catalogVersion}`, value };
    return value;
  }

  /** The public variant of each shared snapshot, made once for all devices asking for it. */
  private readonly publicSnapshots = new WeakMap<QueueSnapshot, PublicQueueSnapshot>();

  /** The snapshot as this caller may see it: whole for staff, the public view for devices. */
  snapshotFor(principal: Principal | null): QueueSnapshot | PublicQueueSnapshot {
    const full = this.snapshot();
    if (seesPrivate(principal)) return full;
    let view = this.publicSnapshots.get(full);
    if (!view) {
      view = publicSnapshot(full);
      this.publicSnapshots.set(full, view);
    }
    return view;
  }

  statsForDay(day: string): DayStats {
    const frozen = this.store.st.daySummary.get(day);
    if (frozen) return JSON.parse(frozen.summary) as DayStats;
    return this.dayStats(day);
  }

  close(): void {
    this.listeners.clear();
    this.revokeListeners.clear();
    this.catalogListeners.clear();
    if (this.db.open) this.db.close();
  }
}
