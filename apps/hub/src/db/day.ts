// Service days: closing a day expires what is still open and freezes its summary.
import type { Db } from './database.ts';
import { prepared } from './prepared.ts';
import { RETURNING_TICKET, type TicketRow } from './tickets.ts';

export function dayStatements(db: Db) {
  return {
    waitingDaysBefore: prepared<{ service_day: string }>(
      db,
      `SELECT DISTINCT service_day FROM tickets WHERE status IN ('waiting', 'called', 'serving')
       AND service_day < ? ORDER BY service_day`,
    ),
    expireDay: prepared<TicketRow>(
      db,
      `UPDATE tickets SET status = 'expired', target_counter_id = NULL
       WHERE service_day = ? AND status IN ('waiting', 'called', 'serving') ${RETURNING_TICKET}`,
    ),
    daySummary: prepared<{ service_day: string; summary: string }>(
      db,
      'SELECT service_day, summary FROM day_summaries WHERE service_day = ?',
    ),
    insertDaySummary: prepared(
      db,
      `INSERT INTO day_summaries (service_day, closed_at, summary) VALUES (?, ?, ?)
       ON CONFLICT(service_day) DO NOTHING`,
    ),
    lastClosedDay: prepared<{ d: string | null }>(db, 'SELECT MAX(service_day) AS d FROM day_summaries'),
  };
}

export function dayData(db: Db) {
  const st = dayStatements(db);
  const firstTicketDayAfter = prepared<{ d: string | null }>(
    db,
    'SELECT MIN(service_day) AS d FROM tickets WHERE service_day > ?',
  );
  const ticketCountOfDay = prepared<{ n: number }>(
    db,
    'SELECT COUNT(*) AS n FROM tickets WHERE service_day = ?',
  );
  return {
    /** The frozen summary (JSON text) of a closed day, if it is closed. */
    summary(day: string): string | undefined {
      return st.daySummary.get(day)?.summary;
    },
    isClosed(day: string): boolean {
      return st.daySummary.get(day) !== undefined;
    },
    /** Expires the day's open tickets; returns their ids. */
    /** Expires the day's open tickets; returns them as written. */
    expireOpenTickets(day: string): TicketRow[] {
      return st.expireDay.all(day);
    },
    /** Stores the day's summary unless it already has one. */
    saveSummary(day: string, closedAt: number, summary: string): void {
      st.insertDaySummary.run(day, closedAt, summary);
    },
    /** Days before `day` with tickets still open, oldest first. */
    openDaysBefore(day: string): string[] {
      return st.waitingDaysBefore.all(day).map((r) => r.service_day);
    },
    lastClosedDay(): string | null {
      return st.lastClosedDay.get()?.d ?? null;
    },
    /** The first day after `day` that has tickets, if any. */
    firstTicketDayAfter(day: string): string | null | undefined {
      return firstTicketDayAfter.get(day)?.d;
    },
    ticketCount(day: string): number {
      return ticketCountOfDay.get(day)?.n ?? 0;
    },
  };
}

export type DayData = ReturnType<typeof dayData>;
