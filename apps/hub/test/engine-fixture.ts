// Shared fixture of the engine's unit tests: a real SQLite file in a temp dir, the demo
// catalogue, a few users and devices, and an Engine driven with injected time.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DayStats, ErrorCode, FinishRequest, Role, Ticket, TransferRequest } from '@luot/shared';
import { LuotError } from '@luot/shared';
import { expect } from 'vitest';
import { type Db, openDatabase } from '../src/db/database.ts';
import { Store } from '../src/db/store.ts';
import {
  type Actor,
  type ChangeSet,
  counters,
  DEFAULT_ENGINE_OPTIONS,
  Engine,
  type EngineCtx,
  type EngineOptions,
  tickets,
} from '../src/engine/index.ts';
import type { IssueInput } from '../src/engine/tickets.ts';
import { statsQueries } from '../src/reports/day-stats.ts';
import { loadCatalog, seedDemo } from '../src/seed.ts';

/** Epoch ms of a local time in the demo centre's zone (Asia/Ho_Chi_Minh, UTC+7, no DST). */
export function local(day: string, time: string): number {
  const hms = time.length === 5 ? `${time}:00` : time;
  const ms = Date.parse(`${day}T${hms}+07:00`);
  if (Number.isNaN(ms)) throw new Error(`bad local time ${day} ${time}`);
  return ms;
}

export const MINUTE = 60_000;

/** Injected time that moves forward step by step. */
export class Clock {
  constructor(public now: number) {}
  /** Moves the clock on by `ms` (a minute by default) and returns the new time. */
  tick(ms = MINUTE): number {
    this.now += ms;
    return this.now;
  }
}

/** Runs fn, expects it to throw a LuotError with this code, and returns the error. */
export function expectLuotError(fn: () => unknown, code: ErrorCode): LuotError {
  let caught: unknown;
  try {
    fn();
  } catch (error) {
    caught = error;
  }
  expect(caught, 'expected a LuotError').toBeInstanceOf(LuotError);
  const error = caught as LuotError;
  expect(error.code, error.message).toBe(code);
  return error;
}

export interface EventRow {
  seq: number;
  at: number;
  type: string;
  ticket_id: string | null;
  counter_id: string | null;
  user_id: string | null;
  device_id: string | null;
  data: string | null;
}

const userActor = (userId: string, role: Role): Actor => ({
  userId,
  role,
  deviceId: null,
  deviceKind: null,
  deviceCounterId: null,
});

export class EngineFixture {
  readonly dir: string;
  readonly db: Db;
  readonly store: Store;
  readonly engine: Engine;
  readonly stats: (day: string, frozen?: boolean) => DayStats;
  readonly admin: Actor;
  readonly director: Actor;
  /** Officers o1..o7 (signed in nowhere yet). */
  readonly officers: Actor[] = [];
  readonly kiosk: Actor;
  readonly kiosk2: Actor;
  /** The rating pad of counter c1. */
  readonly pad1: Actor;
  /** The citizen on the ticket's status page: no token, no user, no device (it rates). */
  readonly citizen: Actor = {
    userId: null,
    role: null,
    deviceId: null,
    deviceKind: null,
    deviceCounterId: null,
  };

  constructor(options: Partial<EngineOptions> = {}) {
    this.dir = mkdtempSync(join(tmpdir(), 'luot-engine-'));
    this.db = openDatabase(join(this.dir, 'luot.sqlite'));
    this.store = new Store(this.db);
    seedDemo(this.store, loadCatalog());
    this.stats = statsQueries(this.store);
    this.engine = new Engine(this.store, (day) => this.stats(day), { ...DEFAULT_ENGINE_OPTIONS, ...options });
    this.admin = this.createUser('admin', 'admin');
    this.director = this.createUser('director', 'director');
    for (let i = 1; i <= 7; i++) this.officers.push(this.createUser(`o${i}`, 'officer'));
    this.kiosk = this.createDevice('kiosk', null);
    this.kiosk2 = this.createDevice('kiosk', null);
    this.pad1 = this.createDevice('counter', 'c1');
  }

  /** A user straight into the users table (no scrypt: these tests never log in). */
  createUser(username: string, role: Role): Actor {
    const id = `u-${username}-${randomBytes(4).toString('hex')}`;
    this.store.st.insertUser.run(id, username, `User ${username}`, role, 'scrypt$test$not-a-hash', 0);
    return userActor(id, role);
  }

  createDevice(kind: 'kiosk' | 'counter' | 'display', counterId: string | null): Actor {
    const id = `d-${kind}-${randomBytes(4).toString('hex')}`;
    this.store
      .sql('INSERT INTO devices (id, kind, name, counter_id, created_at) VALUES (?, ?, ?, ?, 0)')
      .run(id, kind, `${kind} ${id}`, counterId);
    return { userId: null, role: null, deviceId: id, deviceKind: kind, deviceCounterId: counterId };
  }

  /** Officer oN (1-based). */
  o(n: number): Actor {
    const actor = this.officers[n - 1];
    if (!actor) throw new Error(`no officer o${n}`);
    return actor;
  }

  run<T>(actor: Actor, fn: (ctx: EngineCtx) => T, now: number): T {
    return this.engine.run(actor, 'test', now, fn).result;
  }

  runWithChanges<T>(
    actor: Actor,
    fn: (ctx: EngineCtx) => T,
    now: number,
  ): { result: T; changes: ChangeSet[] } {
    return this.engine.run(actor, 'test', now, fn);
  }

  ticket(id: string): Ticket {
    const ticket = this.store.ticket(id);
    if (!ticket) throw new Error(`no ticket ${id}`);
    return ticket;
  }

  issue(now: number, serviceId: string, extra: Partial<IssueInput> = {}, actor: Actor = this.kiosk): Ticket {
    const { ticketId } = this.run(actor, (ctx) => tickets.issueTicket(ctx, { serviceId, ...extra }), now);
    return this.ticket(ticketId);
  }

  signIn(actor: Actor, counterId: string, now: number): void {
    this.run(actor, (ctx) => counters.signIn(ctx, counterId), now);
  }

  callNext(actor: Actor, counterId: string, now: number): Ticket | null {
    const id = this.run(actor, (ctx) => tickets.callNext(ctx, counterId), now);
    return id === null ? null : this.ticket(id);
  }

  callTicket(actor: Actor, counterId: string, ticketId: string, now: number): Ticket {
    return this.ticket(this.run(actor, (ctx) => tickets.callTicket(ctx, counterId, ticketId), now));
  }

  recall(actor: Actor, ticketId: string, now: number): Ticket {
    return this.ticket(this.run(actor, (ctx) => tickets.recall(ctx, ticketId), now));
  }

  start(actor: Actor, ticketId: string, now: number): Ticket {
    return this.ticket(this.run(actor, (ctx) => tickets.start(ctx, ticketId), now));
  }

  finish(actor: Actor, ticketId: string, body: FinishRequest, now: number): Ticket {
    return this.ticket(this.run(actor, (ctx) => tickets.finish(ctx, ticketId, body), now));
  }

  noShow(actor: Actor, ticketId: string, now: number): Ticket {
    return this.ticket(this.run(actor, (ctx) => tickets.noShow(ctx, ticketId), now));
  }

  reinstate(actor: Actor, ticketId: string, now: number): Ticket {
    return this.ticket(this.run(actor, (ctx) => tickets.reinstate(ctx, ticketId), now));
  }

  transfer(actor: Actor, ticketId: string, body: TransferRequest, now: number): Ticket {
    return this.ticket(this.run(actor, (ctx) => tickets.transfer(ctx, ticketId, body), now));
  }

  cancel(actor: Actor, ticketId: string, now: number): Ticket {
    return this.ticket(this.run(actor, (ctx) => tickets.cancel(ctx, ticketId), now));
  }

  rate(actor: Actor, ticketId: string, score: number, now: number): Ticket {
    return this.ticket(this.run(actor, (ctx) => tickets.rate(ctx, ticketId, score), now));
  }

  /** Calls the next ticket at a counter, starts it `startAfter` ms later and finishes it `serviceMs` later. */
  serveNext(
    actor: Actor,
    counterId: string,
    now: number,
    serviceMs: number,
    procedureIds: string[],
    startAfter = 0,
  ): Ticket {
    const called = this.callNext(actor, counterId, now);
    if (!called) throw new Error(`nobody waiting for ${counterId}`);
    this.start(actor, called.id, now + startAfter);
    return this.finish(actor, called.id, { procedureIds }, now + startAfter + serviceMs);
  }

  events(): EventRow[] {
    return this.store.sql<EventRow>('SELECT * FROM ticket_events ORDER BY seq').all();
  }

  eventTypesOf(ticketId: string): string[] {
    return this.store
      .sql<{ type: string }>('SELECT type FROM ticket_events WHERE ticket_id = ? ORDER BY seq')
      .all(ticketId)
      .map((r) => r.type);
  }

  /** Asserts the event log is 1..n with no gap, and returns n. */
  expectGaplessLog(): number {
    const row = this.store
      .sql<{ max: number | null; n: number; min: number | null }>(
        'SELECT MAX(seq) AS max, MIN(seq) AS min, COUNT(*) AS n FROM ticket_events',
      )
      .get()!;
    expect(row.max ?? 0).toBe(row.n);
    if (row.n > 0) expect(row.min).toBe(1);
    return row.n;
  }

  count(sql: string, ...params: unknown[]): number {
    return this.store.sql<{ n: number }>(sql).get(...params)?.n ?? 0;
  }

  close(): void {
    if (this.db.open) this.db.close();
    rmSync(this.dir, { recursive: true, force: true });
  }
}
