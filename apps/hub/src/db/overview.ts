// The reads of the director's live overview: waiting tickets per field and per counter, when a
// counter last acted, open printer alerts, active devices, and a day's figures (today, or a past
// day as it stood at a time of day). Statements are prepared on first use.
import type { Db } from './database.ts';
import type { DeviceRow } from './devices.ts';
import { prepared } from './prepared.ts';

export interface WaitingRow {
  service_id: string;
  waiting: number;
  oldest: number;
  over: number;
  free: number;
  oldest_free: number | null;
}

export interface PrinterAlertRow {
  device_id: string;
  device_name: string;
  code: string;
  at: number;
}

export interface DayRow {
  issued: number | null;
  served: number | null;
  no_show: number | null;
  waiting?: number | null;
  /** Sum (ms, null when none) and number of the waits of the tickets called. */
  wait_sum: number | null;
  wait_count: number;
}

/** Waiting tickets per field (the partial index of waiting tickets); `?` = the long-wait cutoff. */
export const WAITING_BY_FIELD_SQL = `SELECT service_id, COUNT(*) AS waiting, MIN(issued_at) AS oldest, SUM(issued_at < ?) AS over,
       SUM(target_counter_id IS NULL) AS free,
       MIN(CASE WHEN target_counter_id IS NULL THEN issued_at END) AS oldest_free
     FROM tickets WHERE status = 'waiting' GROUP BY service_id`;

/**
 * A past day as it stood at `@cutoff`: what had been issued, finished, missed and called by then
 * (raw sums and counts: the figures are made in @luot/shared, figures.ts).
 */
export const DAY_UNTIL_SQL = `SELECT SUM(issued_at <= @cutoff) AS issued,
       SUM(status = 'done' AND finished_at <= @cutoff) AS served,
       SUM(status = 'no_show' AND no_show_at <= @cutoff) AS no_show,
       SUM(CASE WHEN called_at <= @cutoff THEN called_at - issued_at END) AS wait_sum,
       COUNT(CASE WHEN called_at <= @cutoff THEN called_at - issued_at END) AS wait_count
     FROM tickets WHERE service_day = @day`;

export function overviewData(db: Db) {
  return {
    /** Waiting tickets per field; `over` counts those issued before `longWaitCutoff`. */
    waitingByField(longWaitCutoff: number): WaitingRow[] {
      return prepared<WaitingRow>(db, WAITING_BY_FIELD_SQL).all(longWaitCutoff);
    },
    /** Waiting tickets sent to a particular counter, per counter. */
    waitingForCounter(): { counter_id: string; waiting: number; oldest: number }[] {
      return prepared<{ counter_id: string; waiting: number; oldest: number }>(
        db,
        `SELECT target_counter_id AS counter_id, COUNT(*) AS waiting, MIN(issued_at) AS oldest
     FROM tickets WHERE status = 'waiting' AND target_counter_id IS NOT NULL GROUP BY target_counter_id`,
      ).all();
    },
    /** When the counter last logged an event, null when never. */
    lastActionAt(counterId: string): number | null | undefined {
      return prepared<{ at: number | null }>(
        db,
        'SELECT MAX(at) AS at FROM ticket_events WHERE counter_id = ?',
      ).get(counterId)?.at;
    },
    /** Open printer alerts of active devices, oldest first. */
    printerAlerts(): PrinterAlertRow[] {
      return prepared<PrinterAlertRow>(
        db,
        `SELECT a.device_id, d.name AS device_name, a.code, a.at FROM device_alerts a
     JOIN devices d ON d.id = a.device_id
     WHERE a.cleared_at IS NULL AND a.kind = 'printer' AND d.active = 1 ORDER BY a.at`,
      ).all();
    },
    /** Active devices by name. */
    activeDevices(): DeviceRow[] {
      return prepared<DeviceRow>(db, 'SELECT * FROM devices WHERE active = 1 ORDER BY name').all();
    },
    /** A whole day's figures so far, waiting tickets included. */
    day(serviceDay: string): DayRow {
      return prepared<DayRow>(
        db,
        `SELECT COUNT(*) AS issued, SUM(status = 'done') AS served, SUM(status = 'no_show') AS no_show,
       SUM(status = 'waiting') AS waiting,
       SUM(called_at - issued_at) AS wait_sum, COUNT(called_at - issued_at) AS wait_count
     FROM tickets WHERE service_day = ?`,
      ).get(serviceDay)!;
    },
    /** A past day's figures as they stood at `cutoff`. */
    dayUntil(serviceDay: string, cutoff: number): DayRow {
      return prepared<DayRow>(db, DAY_UNTIL_SQL).get({ day: serviceDay, cutoff })!;
    },
  };
}

export type OverviewData = ReturnType<typeof overviewData>;
