// Day close: tickets still open become expired and the day's summary is frozen for the city.

import type { DayStats } from '@luot/shared';
import { nextDay } from '@luot/shared';
import type { EngineCtx } from './context.ts';

export function closeDay(ctx: EngineCtx, day: string, summarize: (day: string) => DayStats): boolean {
  if (day >= ctx.serviceDay) throw new Error(`cannot close ${day}: it is not over`);
  if (ctx.data.day.isClosed(day)) return false;
  const expired = ctx.data.day.expireOpenTickets(day);
  for (const row of expired) {
    ctx.wrote(row);
    ctx.log('ticket.expired', { ticketId: row.id });
  }
  const summary = summarize(day);
  summary.frozen = true;
  ctx.data.day.saveSummary(day, ctx.now, JSON.stringify(summary));
  // Idempotency keys only matter for retries within a day; keep two days of them.
  ctx.data.idempotency.pruneBefore(ctx.now - 2 * 24 * 3600_000);
  ctx.log('day.closed', {}, { day, expired: expired.length, issued: summary.issued });
  return true;
}

/** Days before today that still have open tickets or no frozen summary, oldest first. */
export function daysToClose(ctx: EngineCtx): string[] {
  const today = ctx.serviceDay;
  const days = new Set(ctx.data.day.openDaysBefore(today));
  const last = ctx.data.day.lastClosedDay();
  const firstTicketDay = ctx.data.day.firstTicketDayAfter(last ?? '');
  // Every day that had tickets since the last close gets a summary, even with nothing left open.
  if (firstTicketDay) {
    for (let d = firstTicketDay; d < today; d = nextDay(d)) {
      if (ctx.data.day.ticketCount(d) > 0) days.add(d);
    }
  }
  return [...days].sort();
}
