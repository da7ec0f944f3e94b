// Day statistics read in SQL over one service day: totals, groups, wait ranks, hours, ratings
// and one officer's own figures. Statements are prepared on first use and kept.
import type { Db } from './database.ts';
import { prepared } from './prepared.ts';

/** Figures of one group of a day's tickets (a field, a counter, an officer, or the whole day). */
export interface DayGroupRow {
  key: string;
  issued: number;
  served: number;
  no_show: number;
  /** Sum (ms, null when none) and number of the waits of called tickets. */
  wait_sum: number | null;
  wait_count: number;
  /** Sum (ms, null when none) and number of the service times of done tickets. */
  service_sum: number | null;
  service_count: number;
}

export interface DayTotalsRow extends DayGroupRow {
  cancelled: number;
  expired: number;
  waiting: number;
}

export interface OfficerDayRow {
  served: number | null;
  no_show: number | null;
  service_sum: number | null;
  service_count: number;
}

/** The ticket columns a day's figures are grouped by. */
export type DayGroupColumn = 'service_id' | 'counter_id' | 'officer_id';

// Raw sums and counts only: what they mean and how they become figures (averages, rounding) is
// defined in @luot/shared (figures.ts: waitMs, serviceMs, averageSeconds).
const WAIT = 'called_at - issued_at';
const SERVICE = "CASE WHEN status = 'done' THEN finished_at - started_at END";

const GROUP_COLUMNS = `COUNT(*) AS issued,
  SUM(status = 'done') AS served,
  SUM(status = 'no_show') AS no_show,
  SUM(${WAIT}) AS wait_sum, COUNT(${WAIT}) AS wait_count,
  SUM(${SERVICE}) AS service_sum, COUNT(${SERVICE}) AS service_count`;

export function dayStatsData(db: Db) {
  return {
    /** The whole day's figures, with the counts of cancelled, expired and waiting tickets. */
    totals(day: string): DayTotalsRow | undefined {
      return prepared<DayTotalsRow>(
        db,
        `SELECT '' AS key, ${GROUP_COLUMNS},
       SUM(status = 'cancelled') AS cancelled, SUM(status = 'expired') AS expired,
       SUM(status = 'waiting') AS waiting
     FROM tickets WHERE service_day = ?`,
      ).get(day);
    },
    /** The day's figures per value of the column, in its order; tickets without one are left out. */
    groupedBy(column: DayGroupColumn, day: string): DayGroupRow[] {
      return prepared<DayGroupRow>(
        db,
        `SELECT ${column} AS key, ${GROUP_COLUMNS} FROM tickets
       WHERE service_day = ? AND ${column} IS NOT NULL GROUP BY ${column} ORDER BY ${column}`,
      ).all(day);
    },
    /** The wait (ms) at this rank (0 = shortest) among the day's called tickets. */
    waitAtRank(day: string, rank: number): number | undefined {
      return prepared<{ w: number }>(
        db,
        `SELECT called_at - issued_at AS w FROM tickets WHERE service_day = ? AND called_at IS NOT NULL
     ORDER BY w LIMIT 1 OFFSET ?`,
      ).get(day, rank)?.w;
    },
    /** Tickets per procedure, most first. */
    byProcedure(day: string): { procedure_id: string; count: number }[] {
      return prepared<{ procedure_id: string; count: number }>(
        db,
        `SELECT tp.procedure_id, COUNT(*) AS count FROM ticket_procedures tp
     JOIN tickets t ON t.id = tp.ticket_id WHERE t.service_day = ?
     GROUP BY tp.procedure_id ORDER BY count DESC, tp.procedure_id`,
      ).all(day);
    },
    /** Tickets issued per hour since `dayStart` (ms). */
    issuedByHour(dayStart: number, day: string): { hour: number; n: number }[] {
      return prepared<{ hour: number; n: number }>(
        db,
        `SELECT CAST((issued_at - CAST(? AS INTEGER)) / 3600000 AS INTEGER) AS hour, COUNT(*) AS n FROM tickets WHERE service_day = ?
     GROUP BY hour`,
      ).all(dayStart, day);
    },
    /** Tickets served per hour since `dayStart` (ms). */
    servedByHour(dayStart: number, day: string): { hour: number; n: number }[] {
      return prepared<{ hour: number; n: number }>(
        db,
        `SELECT CAST((finished_at - CAST(? AS INTEGER)) / 3600000 AS INTEGER) AS hour, COUNT(*) AS n FROM tickets
     WHERE service_day = ? AND status = 'done' GROUP BY hour`,
      ).all(dayStart, day);
    },
    /** How many of the day's tickets got each rating. */
    ratings(day: string): { rating: number; n: number }[] {
      return prepared<{ rating: number; n: number }>(
        db,
        `SELECT rating, COUNT(*) AS n FROM tickets WHERE service_day = ? AND rating IS NOT NULL GROUP BY rating`,
      ).all(day);
    },
    /** One officer's own figures for one service day. */
    officerDay(officerId: string, day: string): OfficerDayRow | undefined {
      return prepared<OfficerDayRow>(
        db,
        `SELECT SUM(status = 'done') AS served, SUM(status = 'no_show') AS no_show,
       SUM(${SERVICE}) AS service_sum, COUNT(${SERVICE}) AS service_count
     FROM tickets WHERE officer_id = ? AND service_day = ?`,
      ).get(officerId, day);
    },
  };
}

export type DayStatsData = ReturnType<typeof dayStatsData>;
