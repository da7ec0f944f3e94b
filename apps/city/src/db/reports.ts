// Storing a centre's report: tickets keyed by (centre, id) keeping the highest version, the
// closed days' figures, the live snapshot and the acknowledged seq, in one transaction that holds
// the centre's row, so that two reports of one centre (two city processes) go one after the other.
import type { Report, ReportDay, ReportTicket } from '@luot/shared';
import type { Sql } from './database.ts';
import { refreshDayFigures } from './day-figures.ts';

const ms = (iso: string | null): number | null => (iso === null ? null : Date.parse(iso));

/** The tickets as one JSON array for jsonb_to_recordset; duplicates of an id keep the highest version. */
export function ticketRecords(tickets: readonly ReportTicket[]): string {
  const latest = new Map<string, ReportTicket>();
  for (const t of tickets) {
    const seen = latest.get(t.id);
    if (!seen || seen.version < t.version) latest.set(t.id, t);
  }
  return JSON.stringify(
    [...latest.values()].map((t) => ({
      id: t.id,
      service_day: t.serviceDay,
      field_code: t.service.code,
      field_name: t.service.name,
      procedure_codes: t.procedureCodes,
      priority: t.priority,
      channel: t.channel,
      status: t.status,
      issued_at: ms(t.issuedAt),
      called_at: ms(t.calledAt),
      started_at: ms(t.startedAt),
      finished_at: ms(t.finishedAt),
      counter_number: t.counterNumber,
      officer: t.officer,
      recall_count: t.recallCount,
      rating: t.rating,
      version: t.version,
    })),
  );
}

/** The ticket upsert (highest version wins); $1 centre id, $2 ticketRecords(…). */
export const UPSERT_TICKETS = `
INSERT INTO tickets (centre_id, id, service_day, field_code, field_name, procedure_codes, priority,
  channel, status, issued_at, called_at, started_at, finished_at, counter_number, officer,
  recall_count, rating, version)
SELECT $1, x.id, x.service_day::date, x.field_code, x.field_name, x.procedure_codes, x.priority,
  x.channel, x.status, x.issued_at, x.called_at, x.started_at, x.finished_at, x.counter_number,
  x.officer, x.recall_count, x.rating, x.version
FROM jsonb_to_recordset($2::jsonb) AS x(id text, service_day text, field_code text, field_name text,
  procedure_codes jsonb, priority text, channel text, status text, issued_at bigint, called_at bigint,
  started_at bigint, finished_at bigint, counter_number integer, officer text, recall_count integer,
  rating smallint, version bigint)
ON CONFLICT (centre_id, id) DO UPDATE SET
  service_day = EXCLUDED.service_day, field_code = EXCLUDED.field_code, field_name = EXCLUDED.field_name,
  procedure_codes = EXCLUDED.procedure_codes, priority = EXCLUDED.priority, channel = EXCLUDED.channel,
  status = EXCLUDED.status, issued_at = EXCLUDED.issued_at, called_at = EXCLUDED.called_at,
  started_at = EXCLUDED.started_at, finished_at = EXCLUDED.finished_at,
  counter_number = EXCLUDED.counter_number, officer = EXCLUDED.officer,
  recall_count = EXCLUDED.recall_count, rating = EXCLUDED.rating, version = EXCLUDED.version
WHERE tickets.version < EXCLUDED.version
RETURNING service_day`;

export type IngestOutcome =
  | { kind: 'stored'; ackedSeq: number; touchedDays: string[] }
  | { kind: 'gap'; ackedSeq: number };

export function reportsData(sql: Sql) {
  return {
    /**
     * Stores the report of centre `centreId` unless it starts beyond what the city has
     * (`fromSeq > ackedSeq + 1`: a gap). Must run in a transaction.
     */
    async ingest(centreId: number, report: Report, now: Date): Promise<IngestOutcome> {
      const [centre] = await sql.query<{ acked_seq: number }>(
        'SELECT acked_seq FROM centres WHERE id = $1 FOR UPDATE',
        [centreId],
      );
      const acked = centre!.acked_seq;
      if (report.fromSeq > acked + 1) return { kind: 'gap', ackedSeq: acked };
      const touched = new Set<string>();
      if (report.tickets.length > 0) {
        const rows = await sql.query<{ service_day: string }>(UPSERT_TICKETS, [
          centreId,
          ticketRecords(report.tickets),
        ]);
        for (const r of rows) touched.add(r.service_day);
        // The days whose tickets changed get their figures made again (replays change nothing).
        await refreshDayFigures(sql, centreId, [...touched]);
      }
      for (const day of report.days) {
        const { date, ...figures } = day;
        await sql.query(
          `INSERT INTO centre_days (centre_id, date, figures) VALUES ($1, $2::date, $3::jsonb)
           ON CONFLICT (centre_id, date) DO UPDATE SET figures = EXCLUDED.figures, reported_at = now()`,
          [centreId, date, JSON.stringify(figures)],
        );
        touched.add(date);
      }
      const ackedSeq = Math.max(acked, report.toSeq);
      await sql.query(
        `UPDATE centres SET acked_seq = $2, last_report_at = $5::timestamptz,
           live = CASE WHEN $3::jsonb IS NOT NULL AND (live_at IS NULL OR live_at <= $4::timestamptz) THEN $3::jsonb ELSE live END,
           live_at = CASE WHEN $3::jsonb IS NOT NULL AND (live_at IS NULL OR live_at <= $4::timestamptz) THEN $4::timestamptz ELSE live_at END
         WHERE id = $1`,
        [
          centreId,
          ackedSeq,
          report.live ? JSON.stringify(report.live) : null,
          report.live?.at ?? null,
          now.toISOString(),
        ],
      );
      return { kind: 'stored', ackedSeq, touchedDays: [...touched].sort() };
    },
    /** The hub's figures of these days of the centre (those it reported). */
    async reportedDays(
      centreId: number,
      days: readonly string[],
    ): Promise<{ date: string; figures: Omit<ReportDay, 'date'> }[]> {
      if (days.length === 0) return [];
      return sql.query(
        'SELECT date, figures FROM centre_days WHERE centre_id = $1 AND date = ANY($2::date[])',
        [centreId, `{${days.join(',')}}`],
      );
    },
    async setReconciled(centreId: number, date: string, reconciled: boolean): Promise<void> {
      await sql.query('UPDATE centre_days SET reconciled = $3 WHERE centre_id = $1 AND date = $2::date', [
        centreId,
        date,
        reconciled,
      ]);
    },
    async days(
      centreId: number,
    ): Promise<{ date: string; figures: Omit<ReportDay, 'date'>; reconciled: boolean }[]> {
      return sql.query(
        'SELECT date, figures, reconciled FROM centre_days WHERE centre_id = $1 ORDER BY date',
        [centreId],
      );
    },
  };
}
