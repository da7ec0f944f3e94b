// The reads behind period reports: each service day's tickets grouped by field, counter and
// officer (through the report indexes of 0005_report_indexes.sql), procedures per day, and the
// names a breakdown may mention. Statements are prepared on first use and kept.
import type { Db } from './database.ts';
import { prepared } from './prepared.ts';

/**
 * The two halves of every ticket query, each matching one partial index word for word (so
 * SQLite may use it): tickets in a final state through `tickets_report`, which is ordered
 * as the groups are and so needs no sort; the few still open through `tickets_open_day`.
 */
export const FINAL = `status IN ('done', 'no_show', 'cancelled', 'expired')`;
export const OPEN = `status IN ('waiting', 'called', 'serving')`;

/** Which half of a range's tickets: final (FINAL) or still open (OPEN). */
export type ReportStates = typeof FINAL | typeof OPEN;

/**
 * One row per day, field, counter and officer; each ticket's values come back in lists (same
 * row order in each), read in JS: one row per group is far cheaper to read than one per ticket,
 * and counting in JS is cheaper than one SQL aggregate per count. Per ticket:
 * - `codes`: local hour of issue × 100 + state × 10 + rating (0: none), where state is 0 done,
 *   1 no-show, 2 cancelled, 3 expired, 4 still open;
 * - `waits`: called minus issued in ms, -1 if never called;
 * - `finished`: local hour of finish, done tickets only.
 * `hour` is the SQL of a local hour with `?` for the column (see reports/local-hours.ts).
 */
export const groupSql = (states: string, hour: string) => `
  SELECT service_day AS day, service_id, counter_id, officer_id,
    SUM(CASE WHEN status = 'done' THEN finished_at - started_at END) AS service_sum,
    COUNT(CASE WHEN status = 'done' THEN finished_at - started_at END) AS service_count,
    group_concat(${hour.replaceAll('?col', 'issued_at')} * 100 + IFNULL(rating, 0) + CASE status
      WHEN 'done' THEN 0 WHEN 'no_show' THEN 10 WHEN 'cancelled' THEN 20 WHEN 'expired' THEN 30 ELSE 40 END) AS codes,
    group_concat(IFNULL(called_at - issued_at, -1)) AS waits,
    group_concat(CASE WHEN status = 'done' THEN ${hour.replaceAll('?col', 'finished_at')} END) AS finished
  FROM tickets WHERE service_day BETWEEN ? AND ? AND ${states}
  GROUP BY service_day, service_id, counter_id, officer_id`;

export const PROCEDURES_SQL = `
  SELECT service_day AS day, procedure_id, COUNT(*) AS n FROM ticket_procedures
  WHERE service_day BETWEEN ? AND ? GROUP BY service_day, procedure_id`;

/** One group of a day's tickets, its per-ticket values in lists (see groupSql). */
export interface ReportGroupRow {
  day: string;
  service_id: string;
  counter_id: string | null;
  officer_id: string | null;
  service_sum: number | null;
  service_count: number;
  codes: string;
  waits: string;
  finished: string | null;
}

/** The SQL of a local hour with `?col` for the column, and its parameters (reports/local-hours.ts). */
export interface LocalHourSql {
  sql: string;
  params: number[];
}

export function reportFiguresData(db: Db) {
  return {
    /** The groups of the days `from`..`to` (inclusive) whose tickets are in `states`. */
    groups(states: ReportStates, hour: LocalHourSql, from: string, to: string): ReportGroupRow[] {
      return prepared<ReportGroupRow>(db, groupSql(states, hour.sql)).all(
        ...hour.params,
        ...hour.params,
        from,
        to,
      );
    },
    /** Tickets per day and procedure over the days `from`..`to` (inclusive). */
    procedures(from: string, to: string): { day: string; procedure_id: string; n: number }[] {
      return prepared<{ day: string; procedure_id: string; n: number }>(db, PROCEDURES_SQL).all(from, to);
    },
    /** Every field's name, inactive ones included, in display order. */
    serviceNames(): { id: string; name: string }[] {
      return prepared<{ id: string; name: string }>(
        db,
        'SELECT id, name FROM services ORDER BY sort_order, code',
      ).all();
    },
    /** Every counter's number and name. */
    counterNames(): { id: string; number: number; name: string }[] {
      return prepared<{ id: string; number: number; name: string }>(
        db,
        'SELECT id, number, name FROM counters',
      ).all();
    },
    /** Every user's display name. */
    userNames(): { id: string; display_name: string }[] {
      return prepared<{ id: string; display_name: string }>(db, 'SELECT id, display_name FROM users').all();
    },
    /** Every procedure's field and name. */
    procedureNames(): { id: string; service_id: string; name: string }[] {
      return prepared<{ id: string; service_id: string; name: string }>(
        db,
        'SELECT id, service_id, name FROM procedures',
      ).all();
    },
  };
}

export type ReportFiguresData = ReturnType<typeof reportFiguresData>;
