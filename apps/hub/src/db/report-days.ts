// Saved report days (report_days: each past day's figures as JSON, a cache) and the event-log
// position they are valid at (report_state), plus the days whose tickets changed since a log
// position. Statements are prepared on first use and kept.
import type { Db } from './database.ts';
import { prepared } from './prepared.ts';

/** The days of the tickets that changed after a log position. */
export const CHANGED_DAYS_SQL = `
  SELECT DISTINCT t.service_day AS day FROM ticket_events e JOIN tickets t ON t.id = e.ticket_id
  WHERE e.seq > ?`;

/** The saved figures of a range of days (through the primary key). */
export const SAVED_DAYS_SQL = 'SELECT day, figures FROM report_days WHERE day BETWEEN ? AND ?';

export interface ReportStateRow {
  seen_seq: number;
  time_zone: string;
}

export function reportDayData(db: Db) {
  return {
    /** The log position and time zone the saved days are valid at, if ever saved. */
    state(): ReportStateRow | undefined {
      return prepared<ReportStateRow>(db, 'SELECT seen_seq, time_zone FROM report_state WHERE id = 1').get();
    },
    /** Records the log position and time zone the saved days are valid at. */
    saveState(seq: number, timeZone: string): void {
      prepared(
        db,
        `INSERT INTO report_state (id, seen_seq, time_zone) VALUES (1, ?, ?)
             ON CONFLICT (id) DO UPDATE SET seen_seq = excluded.seen_seq, time_zone = excluded.time_zone`,
      ).run(seq, timeZone);
    },
    /** The days saved. */
    savedDayNames(): string[] {
      return prepared<{ day: string }>(db, 'SELECT day FROM report_days')
        .all()
        .map((r) => r.day);
    },
    /** The saved figures (JSON) of the days `from`..`to` (inclusive). */
    savedDays(from: string, to: string): { day: string; figures: string }[] {
      return prepared<{ day: string; figures: string }>(db, SAVED_DAYS_SQL).all(from, to);
    },
    /** Saves (or replaces) one day's figures (JSON). */
    put(day: string, figures: string): void {
      prepared(db, 'INSERT OR REPLACE INTO report_days (day, figures) VALUES (?, ?)').run(day, figures);
    },
    /** Drops one saved day. */
    remove(day: string): void {
      prepared(db, 'DELETE FROM report_days WHERE day = ?').run(day);
    },
    /** Drops every saved day. */
    clear(): void {
      prepared(db, 'DELETE FROM report_days').run();
    },
    /** The service days of the tickets with a log row after `seq`. */
    changedSince(seq: number): string[] {
      return prepared<{ day: string }>(db, CHANGED_DAYS_SQL)
        .all(seq)
        .map((r) => r.day);
    },
  };
}

export type ReportDayData = ReturnType<typeof reportDayData>;
