// The city's figures over its tickets: sums and counts in SQL, turned into figures by the one
// definition in @luot/shared (figures.ts) that the hub's day statistics use too. The p90 wait is
// PostgreSQL's percentile_disc(0.9): the first wait whose position reaches 90 % of the called
// tickets, i.e. the nearest rank ⌈0.9·n⌉, as the hub picks it.
import { averageSeconds, type CityFigures, seconds1 } from '@luot/shared';
import type { Sql } from './database.ts';

interface SumsRow {
  key: string | number | null;
  issued: number;
  served: number;
  no_show: number;
  cancelled: number;
  expired: number;
  wait_sum: number | null;
  wait_count: number;
  service_sum: number | null;
  service_count: number;
  p90_wait: number | null;
  r1: number;
  r2: number;
  r3: number;
  r4: number;
}

const SERVICE = "CASE WHEN status = 'done' THEN finished_at - started_at END";

/** The aggregate columns of a group of tickets (the same definitions as the hub's db/day-stats.ts). */
const FIGURE_COLUMNS = `count(t.id)::int AS issued,
  count(*) FILTER (WHERE t.status = 'done')::int AS served,
  count(*) FILTER (WHERE t.status = 'no_show')::int AS no_show,
  count(*) FILTER (WHERE t.status = 'cancelled')::int AS cancelled,
  count(*) FILTER (WHERE t.status = 'expired')::int AS expired,
  sum(t.called_at - t.issued_at) AS wait_sum, count(t.called_at - t.issued_at)::int AS wait_count,
  sum(${SERVICE}) AS service_sum, count(${SERVICE})::int AS service_count,
  percentile_disc(0.9) WITHIN GROUP (ORDER BY t.called_at - t.issued_at)
    FILTER (WHERE t.called_at IS NOT NULL) AS p90_wait,
  count(*) FILTER (WHERE t.rating = 1)::int AS r1, count(*) FILTER (WHERE t.rating = 2)::int AS r2,
  count(*) FILTER (WHERE t.rating = 3)::int AS r3, count(*) FILTER (WHERE t.rating = 4)::int AS r4`;

export function figuresOfRow(r: SumsRow): CityFigures {
  return {
    issued: r.issued,
    served: r.served,
    noShow: r.no_show,
    cancelled: r.cancelled,
    expired: r.expired,
    avgWaitSeconds: averageSeconds(r.wait_sum ?? 0, r.wait_count),
    p90WaitSeconds: r.p90_wait === null ? null : seconds1(r.p90_wait),
    avgServiceSeconds: averageSeconds(r.service_sum ?? 0, r.service_count),
    ratings: { '1': r.r1, '2': r.r2, '3': r.r3, '4': r.r4 },
  };
}

/** The period queries' SQL ($1 from, $2 to, $3 centre code or null), also for EXPLAIN in tests. */
export const statsQueryText = {
  perCentre: `SELECT c.code, c.name, c.code AS key, ${FIGURE_COLUMNS}
    FROM centres c
    LEFT JOIN tickets t ON t.centre_id = c.id AND t.service_day BETWEEN $1::date AND $2::date
    WHERE ($3::text IS NULL OR c.code = $3)
    GROUP BY c.id ORDER BY c.code`,
  total: `SELECT NULL AS key, ${FIGURE_COLUMNS}
    FROM tickets t
    WHERE t.service_day BETWEEN $1::date AND $2::date
      AND ($3::text IS NULL OR t.centre_id = (SELECT id FROM centres WHERE code = $3))`,
};

export function statsData(sql: Sql) {
  return {
    /** Figures of each centre (all, or the one with `code`) over the service days [from, to]. */
    async perCentre(from: string, to: string, code: string | null) {
      const rows = await sql.query<SumsRow & { code: string; name: string }>(statsQueryText.perCentre, [
        from,
        to,
        code,
      ]);
      return rows.map((r) => ({ code: r.code, name: r.name, ...figuresOfRow(r) }));
    },
    /** Figures of all tickets (of every centre, or the one with `code`) over [from, to]. */
    async total(from: string, to: string, code: string | null): Promise<CityFigures> {
      const rows = await sql.query<SumsRow>(statsQueryText.total, [from, to, code]);
      return figuresOfRow(rows[0]!);
    },
    /** Figures of one centre per service day, for the given days. */
    async centreDays(centreId: number, days: readonly string[]): Promise<Map<string, CityFigures>> {
      const rows = await sql.query<SumsRow>(
        `SELECT t.service_day::text AS key, ${FIGURE_COLUMNS}
         FROM tickets t WHERE t.centre_id = $1 AND t.service_day = ANY($2::date[])
         GROUP BY t.service_day`,
        [centreId, `{${days.join(',')}}`],
      );
      return new Map(rows.map((r) => [String(r.key), figuresOfRow(r)]));
    },
  };
}
