// One centre's tickets over a period broken down by field, by national procedure code and by
// hour of issue, and the city's tickets by field or procedure code (exports). The sums are the
// same as day-figures.ts makes per day (wait = called − issued when called; service = finished −
// started when done), so the breakdowns add up to the centre's figures.
import type { Sql } from './database.ts';
import { SUM_COLUMNS, type SumsRow, sharesOfRow } from './stats.ts';

const SERVICE = "CASE WHEN t.status = 'done' THEN t.finished_at - t.started_at END";
const WAIT = 't.called_at - t.issued_at';

/** The sums of a group of tickets (alias t); $4 is the target wait in ms. */
const TICKET_SUMS = `count(*)::int AS issued,
  count(*) FILTER (WHERE t.status = 'done')::int AS served,
  count(*) FILTER (WHERE t.status = 'no_show')::int AS no_show,
  count(*) FILTER (WHERE t.status = 'cancelled')::int AS cancelled,
  count(*) FILTER (WHERE t.status = 'expired')::int AS expired,
  sum(${WAIT}) AS wait_sum, count(${WAIT})::int AS wait_count,
  sum(${SERVICE}) AS service_sum, count(${SERVICE})::int AS service_count,
  count(*) FILTER (WHERE t.rating = 1)::int AS r1, count(*) FILTER (WHERE t.rating = 2)::int AS r2,
  count(*) FILTER (WHERE t.rating = 3)::int AS r3, count(*) FILTER (WHERE t.rating = 4)::int AS r4,
  percentile_disc(0.9) WITHIN GROUP (ORDER BY ${WAIT}) AS p90_wait,
  count(*) FILTER (WHERE ${WAIT} <= $4::bigint)::int AS within_target`;

/** $1 centre id or null (every centre), $2 from, $3 to, $4 target ms. */
const PERIOD = `t.service_day BETWEEN $2::date AND $3::date AND ($1::bigint IS NULL OR t.centre_id = $1)`;

export const breakdownQueryText = {
  fields: `SELECT t.field_code AS key, max(t.field_name) AS name, ${TICKET_SUMS}
    FROM tickets t WHERE ${PERIOD} GROUP BY t.field_code ORDER BY count(*) DESC, t.field_code`,
  procedures: `SELECT pc.code AS key, '' AS name, ${TICKET_SUMS}
    FROM tickets t CROSS JOIN LATERAL jsonb_array_elements_text(t.procedure_codes) AS pc(code)
    WHERE ${PERIOD} GROUP BY pc.code ORDER BY count(*) DESC, pc.code`,
  hours: `SELECT lpad(extract(hour FROM to_timestamp(t.issued_at / 1000.0) AT TIME ZONE 'Asia/Ho_Chi_Minh')::int::text, 2, '0') AS key,
      '' AS name, ${TICKET_SUMS}
    FROM tickets t WHERE ${PERIOD} GROUP BY 1 ORDER BY 1`,
  /** A centre's days from its day rows ($1 centre id, $2 from, $3 to, $4 target ms). */
  days: `SELECT f.date::text AS key, '' AS name, ${SUM_COLUMNS}, max(p.p90) AS p90_wait,
      max(p.within) AS within_target, bool_and(d.reconciled) AS reconciled
    FROM centre_day_figures f
    LEFT JOIN centre_days d ON d.centre_id = f.centre_id AND d.date = f.date
    CROSS JOIN LATERAL (SELECT percentile_disc(0.9) WITHIN GROUP (ORDER BY w) AS p90,
      count(*) FILTER (WHERE w <= $4::bigint)::int AS within FROM unnest(f.waits) AS w) p
    WHERE f.centre_id = $1 AND f.date BETWEEN $2::date AND $3::date
    GROUP BY f.date ORDER BY f.date`,
};

type Row = SumsRow & { key: string; name: string };

export function breakdownsData(sql: Sql) {
  const run = async (text: string, centreId: number | null, from: string, to: string, targetMs: number) => {
    const rows = await sql.query<Row>(text, [centreId, from, to, targetMs]);
    return rows.map((r) => ({ ...sharesOfRow(r), key: String(r.key), name: r.name }));
  };
  return {
    /** A centre's service days; `reconciled` null for a day the centre has not closed and sent. */
    async days(centreId: number, from: string, to: string, targetMs: number) {
      const rows = await sql.query<Row & { reconciled: boolean | null }>(breakdownQueryText.days, [
        centreId,
        from,
        to,
        targetMs,
      ]);
      return rows.map((r) => ({ ...sharesOfRow(r), key: r.key, name: r.name, reconciled: r.reconciled }));
    },
    /** By field code (the name a ticket carried last). */
    fields: (centreId: number | null, from: string, to: string, targetMs: number) =>
      run(breakdownQueryText.fields, centreId, from, to, targetMs),
    /** By national procedure code: a ticket with several codes counts under each. */
    procedures: (centreId: number | null, from: string, to: string, targetMs: number) =>
      run(breakdownQueryText.procedures, centreId, from, to, targetMs),
    /** By hour of issue in Vietnam's time. */
    hours: (centreId: number | null, from: string, to: string, targetMs: number) =>
      run(breakdownQueryText.hours, centreId, from, to, targetMs),
  };
}
