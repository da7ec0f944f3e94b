// What every engine command is given: the store, the time, who acts, and a change set to fill.
import type { DeviceKind, Role } from '@luot/shared';
import { LuotError, RATING_WINDOW_MINUTES, serviceDayOf } from '@luot/shared';
import type { HubData } from '../db/data.ts';
import type { CounterRow, Store, TicketRow } from '../db/store.ts';

export interface Actor {
  userId: string | null;
  role: Role | null;
  deviceId: string | null;
  deviceKind: DeviceKind | null;
  /** Counter devices belong to one counter. */
  deviceCounterId: string | null;
}

export const SYSTEM: Actor = {
  userId: null,
  role: null,
  deviceId: null,
  deviceKind: null,
  deviceCounterId: null,
};

export interface CallNotice {
  seq: number;
  ticketId: string;
  counterId: string;
  recall: boolean;
}

/** What one command changed, for the realtime fan-out after it commits. */
export class ChangeSet {
  fromSeq = 0;
  seq = 0;
  readonly tickets = new Set<string>();
  readonly counters = new Set<string>();
  readonly calls: CallNotice[] = [];
  /** Tickets as this command wrote them (RETURNING), the last write of each; the answer and the event are built from these. */
  readonly ticketRows = new Map<string, TicketRow>();
  /** Counters as this command wrote them. */
  readonly counterRows = new Map<string, CounterRow>();
  constructor(readonly reason: string) {}
  get empty(): boolean {
    return this.seq === 0;
  }
}

export interface EngineOptions {
  /** How long after a no-show the ticket may be reinstated. */
  reinstateGraceMs: number;
  /** How long after finishing the citizen may rate a ticket (API.md: 30 minutes). */
  ratingWindowMs: number;
  /** Recent finished tickets that feed the service-time estimate. */
  estimateSampleSize: number;
}

export const DEFAULT_ENGINE_OPTIONS: EngineOptions = {
  reinstateGraceMs: 15 * 60_000,
  ratingWindowMs: RATING_WINDOW_MINUTES * 60_000,
  estimateSampleSize: 20,
};

export class EngineCtx {
  readonly change: ChangeSet;
  constructor(
    readonly store: Store,
    readonly now: number,
    readonly actor: Actor,
    reason: string,
    readonly options: EngineOptions = DEFAULT_ENGINE_OPTIONS,
  ) {
    this.change = new ChangeSet(reason);
  }

  /** The data layer by concern: the engine's only way to the database. */
  get data(): HubData {
    return this.store.data;
  }

  get timeZone(): string {
    return this.store.centre().time_zone;
  }

  get serviceDay(): string {
    return serviceDayOf(this.now, this.timeZone);
  }

  /**
   * Keeps a ticket as the data layer wrote it (its RETURNING row) for the answer and the event.
   * A write that matched no row changed nothing: that is a bug in the command's checks.
   */
  wrote(row: TicketRow | undefined): TicketRow {
    if (!row) throw new Error('a ticket write matched no row');
    this.change.ticketRows.set(row.id, row);
    return row;
  }

  /** Keeps a counter as the data layer wrote it. */
  wroteCounter(row: CounterRow | undefined): CounterRow {
    if (!row) throw new Error('a counter write matched no row');
    this.change.counterRows.set(row.id, row);
    return row;
  }

  /** Appends one row to the event log (inside the caller's transaction). */
  log(type: string, refs: { ticketId?: string | null; counterId?: string | null }, data?: object): number {
    const seq = this.data.events.append({
      at: this.now,
      type,
      ticketId: refs.ticketId ?? null,
      counterId: refs.counterId ?? null,
      userId: this.actor.userId,
      deviceId: this.actor.deviceId,
      data: data === undefined ? null : JSON.stringify(data),
    });
    if (this.change.fromSeq === 0) this.change.fromSeq = seq;
    this.change.seq = seq;
    if (refs.ticketId) this.change.tickets.add(refs.ticketId);
    if (refs.counterId) this.change.counters.add(refs.counterId);
    return seq;
  }
}

export const notFound = (what: string) => new LuotError('not_found', what);
export const conflict = (message: string) => new LuotError('conflict', message);
export const forbidden = (message: string) => new LuotError('forbidden', message);
export const invalid = (message: string) => new LuotError('validation_failed', message);
