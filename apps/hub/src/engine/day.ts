// Day close: tickets still open become expired and the day's summary is frozen for the city.

import type { DayStats } from '@luot/shared';
import { nextDay } from '@luot/shared';
import type { EngineCtx } from './context.ts';

export function closeDay(ctx: EngineCtx, day: string, summarize: (day: string) => DayStats): boolean {
  if (day >= ctx.serviceDay) throw new Error(`cannot close ${day}: it is not over`);
  if (ctx.store.st.daySummary.get(day)) return false;
  const expired = ctx.store.st.expireDay.all(day);
  for (const { id } of expired) ctx.log('ticket.expired', { ticketId: id });
  const summary = summarize(day);
  summary.frozen = true;
  ctx.store.st.insertDaySummary.run(day, ctx.now, JSON.stringify(summary));
  // Idempotency keys only matter for retries within a day; keep two days of them.
  ctx.store.sql('DELETE FROM idempotency_keys WHERE created_at < ?').run(ctx.now - 2 * 24 * 3600_000);
  ctx.store.sql('DELETE FROM command_keys WHERE created_at < ?').run(ctx.now - 2 * 24 * 3600_000);
  ctx.log('day.closed', {}, { day, expired: expired.length, issued: summary.issued });
  return true;
}

/** Days before today that still have open tickets or no frozen summary, oldest first. */
export function daysToClose(ctx: EngineCtx): string[] {
  const today = ctx.serviceDay;
  const days = new Set(ctx.store.st.waitingDaysBefore.all(today).map((r) => r.service_day));
  const last = ctx.store.st.lastClosedDay.get()?.d ?? null;
  const firstTicketDay = ctx.store
    .sql<{ d: string | null }>('SELECT MIN(service_day) AS d FROM tickets WHERE service_day > ?')
    .get(last ?? '')?.d;
  // Every day that had tickets since the last close gets a summary, even with nothing left open.
  if (firstTicketDay) {
    for (let d = firstTicketDay; d < today; d = nextDay(d)) {
      const any = ctx.store
        .sql<{ n: number }>('SELECT COUNT(*) AS n FROM tickets WHERE service_day = ?')
        .get(d);
      if ((any?.n ?? 0) > 0) days.add(d);
    }
  }
  return [...days].sort();
}
