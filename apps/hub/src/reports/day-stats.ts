// Day statistics computed in SQL over one service day (API.md, Day statistics).
import type { DayStats, MeTodayResponse } from '@luot/shared';
import { startOfServiceDay } from '@luot/shared';
import type { Store } from '../db/store.ts';

interface GroupRow {
  key: string;
  issued: number;
  served: number;
  no_show: number;
  avg_wait: number | null;
  avg_service: number | null;
}

const GROUP_COLUMNS = `COUNT(*) AS issued,
  SUM(status = 'done') AS served,
  SUM(status = 'no_show') AS no_show,
  AVG(called_at - issued_at) / 1000.0 AS avg_wait,
  AVG(CASE WHEN status = 'done' THEN finished_at - started_at END) / 1000.0 AS avg_service`;

const round1 = (x: number | null): number | null => (x === null ? null : Math.round(x * 10) / 10);

export function statsQueries(store: Store) {
  const db = store.db;
  const totals = db.prepare<[string], GroupRow & { cancelled: number; expired: number; waiting: number }>(
    `SELECT '' AS key, ${GROUP_COLUMNS},
       SUM(status = 'cancelled') AS cancelled, SUM(status = 'expired') AS expired,
       SUM(status = 'waiting') AS waiting
     FROM tickets WHERE service_day = ?`,
  );
  const group = (column: string) =>
    db.prepare<[string], GroupRow>(
      `SELECT ${column} AS key, ${GROUP_COLUMNS} FROM tickets
       WHERE service_day = ? AND ${column} IS NOT NULL GROUP BY ${column} ORDER BY ${column}`,
    );
  const byService = group('service_id');
  const byCounter = group('counter_id');
  const byOfficer = group('officer_id');
  const waitCount = db.prepare<[string], { n: number }>(
    'SELECT COUNT(*) AS n FROM tickets WHERE service_day = ? AND called_at IS NOT NULL',
  );
  const waitAt = db.prepare<[string, number], { w: number }>(
    `SELECT called_at - issued_at AS w FROM tickets WHERE service_day = ? AND called_at IS NOT NULL
     ORDER BY w LIMIT 1 OFFSET ?`,
  );
  const byProcedure = db.prepare<[string], { procedure_id: string; count: number }>(
    `SELECT tp.procedure_id, COUNT(*) AS count FROM ticket_procedures tp
     JOIN tickets t ON t.id = tp.ticket_id WHERE t.service_day = ?
     GROUP BY tp.procedure_id ORDER BY count DESC, tp.procedure_id`,
  );
  const issuedByHour = db.prepare<[number, string], { hour: number; n: number }>(
    `SELECT CAST((issued_at - CAST(? AS INTEGER)) / 3600000 AS INTEGER) AS hour, COUNT(*) AS n FROM tickets WHERE service_day = ?
     GROUP BY hour`,
  );
  const servedByHour = db.prepare<[number, string], { hour: number; n: number }>(
    `SELECT CAST((finished_at - CAST(? AS INTEGER)) / 3600000 AS INTEGER) AS hour, COUNT(*) AS n FROM tickets
     WHERE service_day = ? AND status = 'done' GROUP BY hour`,
  );
  const ratings = db.prepare<[string], { rating: number; n: number }>(
    `SELECT rating, COUNT(*) AS n FROM tickets WHERE service_day = ? AND rating IS NOT NULL GROUP BY rating`,
  );

  const groupOut = (r: GroupRow) => ({
    issued: r.issued,
    served: r.served ?? 0,
    noShow: r.no_show ?? 0,
    avgWaitSeconds: round1(r.avg_wait),
    avgServiceSeconds: round1(r.avg_service),
  });

  return (day: string, frozen = false): DayStats => {
    const t = totals.get(day)!;
    const n = waitCount.get(day)?.n ?? 0;
    // Nearest-rank 90th percentile.
    const p90 = n > 0 ? (waitAt.get(day, Math.ceil(0.9 * n) - 1)?.w ?? null) : null;
    const dayStart = startOfServiceDay(day, store.centre().time_zone);
    const hours = new Map<number, { hour: number; issued: number; served: number }>();
    const hourRow = (hour: number) => {
      let row = hours.get(hour);
      if (!row) {
        row = { hour, issued: 0, served: 0 };
        hours.set(hour, row);
      }
      return row;
    };
    for (const r of issuedByHour.all(dayStart, day)) hourRow(r.hour).issued = r.n;
    for (const r of servedByHour.all(dayStart, day)) hourRow(r.hour).served = r.n;
    const ratingCounts = { '1': 0, '2': 0, '3': 0, '4': 0 };
    for (const r of ratings.all(day)) ratingCounts[String(r.rating) as keyof typeof ratingCounts] = r.n;
    return {
      date: day,
      issued: t.issued,
      served: t.served ?? 0,
      noShow: t.no_show ?? 0,
      cancelled: t.cancelled ?? 0,
      expired: t.expired ?? 0,
      waiting: t.waiting ?? 0,
      avgWaitSeconds: round1(t.avg_wait),
      p90WaitSeconds: p90 === null ? null : round1(p90 / 1000),
      avgServiceSeconds: round1(t.avg_service),
      byService: byService.all(day).map((r) => ({ serviceId: r.key, ...groupOut(r) })),
      byCounter: byCounter.all(day).map((r) => ({ counterId: r.key, ...groupOut(r) })),
      byOfficer: byOfficer.all(day).map((r) => ({ officerId: r.key, ...groupOut(r) })),
      byProcedure: byProcedure.all(day).map((r) => ({ procedureId: r.procedure_id, count: r.count })),
      byHour: [...hours.values()].sort((a, b) => a.hour - b.hour),
      ratings: ratingCounts,
      frozen,
    };
  };
}

/** One officer's own figures for one service day (GET /api/v1/me/today). */
export function officerDayQuery(store: Store): (officerId: string, day: string) => MeTodayResponse {
  const row = store.db.prepare<
    [string, string],
    { served: number | null; no_show: number | null; avg_service: number | null }
  >(
    `SELECT SUM(status = 'done') AS served, SUM(status = 'no_show') AS no_show,
       AVG(CASE WHEN status = 'done' THEN finished_at - started_at END) / 1000.0 AS avg_service
     FROM tickets WHERE officer_id = ? AND service_day = ?`,
  );
  return (officerId, day) => {
    const r = row.get(officerId, day);
    return {
      served: r?.served ?? 0,
      avgServiceSeconds: round1(r?.avg_service ?? null),
      noShow: r?.no_show ?? 0,
    };
  };
}
