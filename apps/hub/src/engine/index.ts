// The queue engine: runs a command in one transaction and reports what changed.
import type { DayStats } from '@luot/shared';
import type { Store } from '../db/store.ts';
import {
  type Actor,
  type ChangeSet,
  DEFAULT_ENGINE_OPTIONS,
  EngineCtx,
  type EngineOptions,
} from './context.ts';
import { closeDay, daysToClose } from './day.ts';

export * from './context.ts';
export * as counters from './counters.ts';
export { estimator } from './estimate.ts';
export * as tickets from './tickets.ts';

export interface BatchItem {
  actor: Actor;
  reason: string;
  fn: (ctx: EngineCtx) => unknown;
}

export type BatchOutcome = { ok: true; result: unknown; change: ChangeSet } | { ok: false; error: unknown };

export class Engine {
  private checkedDay = '';

  constructor(
    readonly store: Store,
    private readonly summarize: (day: string) => DayStats,
    readonly options: EngineOptions = DEFAULT_ENGINE_OPTIONS,
  ) {}

  /**
   * Runs `fn` atomically at time `now`. Before the first command of a new service day,
   * earlier days are closed, so a hub that was off at midnight still closes them.
   */
  run<T>(
    actor: Actor,
    reason: string,
    now: number,
    fn: (ctx: EngineCtx) => T,
  ): { result: T; changes: ChangeSet[] } {
    const { closing, outcomes } = this.runBatch([{ actor, reason, fn }], now);
    const outcome = outcomes[0]!;
    if (!outcome.ok) throw outcome.error;
    const changes = [closing, outcome.change].filter((c): c is ChangeSet => c !== null && !c.empty);
    return { result: outcome.result as T, changes };
  }

  /**
   * Group commit: runs several commands in one durable transaction, each in its own
   * savepoint, so one failing command changes nothing and the others still commit. One
   * fsync then covers the whole batch; nobody is answered before it.
   */
  runBatch(items: BatchItem[], now: number): { closing: ChangeSet | null; outcomes: BatchOutcome[] } {
    const closing = this.closePastDays(now);
    const outcomes = this.store.tx(() =>
      items.map((item): BatchOutcome => {
        const ctx = new EngineCtx(this.store, now, item.actor, item.reason, this.options);
        try {
          const result = this.store.tx(() => item.fn(ctx));
          return { ok: true, result, change: ctx.change };
        } catch (error) {
          return { ok: false, error };
        }
      }),
    );
    return { closing, outcomes };
  }

  /** Closes every finished day that is not closed yet; returns the change, if any. */
  closePastDays(now: number): ChangeSet | null {
    const ctx = new EngineCtx(
      this.store,
      now,
      { userId: null, role: null, deviceId: null, deviceKind: null, deviceCounterId: null },
      'day:closed',
      this.options,
    );
    if (ctx.serviceDay === this.checkedDay) return null;
    this.store.tx(() => {
      for (const day of daysToClose(ctx)) closeDay(ctx, day, this.summarize);
    });
    this.checkedDay = ctx.serviceDay;
    return ctx.change.empty ? null : ctx.change;
  }
}
