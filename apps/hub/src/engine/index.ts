// The queue engine: runs a command in one transaction and reports what changed.
import type { DayStats } from '@luot/shared';
import type { Store } from '../store.ts';
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
    const changes: ChangeSet[] = [];
    const closing = this.closePastDays(now);
    if (closing) changes.push(closing);
    const ctx = new EngineCtx(this.store, now, actor, reason, this.options);
    const result = this.store.tx(() => fn(ctx));
    if (!ctx.change.empty) changes.push(ctx.change);
    return { result, changes };
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
