// Each centre's figures per service day (migration 0002), made again from its tickets for the
// days a report changed, inside the report's transaction: sums and counts as the hub's
// db/day-stats.ts defines them, and the day's waits in ascending order.
import type { Sql } from './database.ts';

const SERVICE = "CASE WHEN status = 'done' THEN finished_at - started_at END";

/** $1 centre id, $2 the days as a Postgres array literal. */
export const REFRESH_DAY_FIGURES = `
INSERT INTO centre_day_figures (centre_id, date, issued, served, no_show, cancelled, expired, wait_sum,
  wait_count, service_sum, service_count, r1, r2, r3, r4, waits)
SELECT centre_id, service_day, count(*), count(*) FILTER (WHERE status = 'done'),
  count(*) FILTER (WHERE status = 'no_show'), count(*) FILTER (WHERE status = 'cancelled'),
  count(*) FILTER (WHERE status = 'expired'), sum(called_at - issued_at), count(called_at - issued_at),
  sum(${SERVICE}), count(${SERVICE}),
  count(*) FILTER (WHERE rating = 1), count(*) FILTER (WHERE rating = 2),
  count(*) FILTER (WHERE rating = 3), count(*) FILTER (WHERE rating = 4),
  coalesce(array_agg(called_at - issued_at ORDER BY called_at - issued_at) FILTER (WHERE called_at IS NOT NULL), '{}')
FROM tickets WHERE centre_id = $1 AND service_day = ANY($2::date[])
GROUP BY centre_id, service_day
ON CONFLICT (centre_id, date) DO UPDATE SET issued = EXCLUDED.issued, served = EXCLUDED.served,
  no_show = EXCLUDED.no_show, cancelled = EXCLUDED.cancelled, expired = EXCLUDED.expired,
  wait_sum = EXCLUDED.wait_sum, wait_count = EXCLUDED.wait_count, service_sum = EXCLUDED.service_sum,
  service_count = EXCLUDED.service_count, r1 = EXCLUDED.r1, r2 = EXCLUDED.r2, r3 = EXCLUDED.r3,
  r4 = EXCLUDED.r4, waits = EXCLUDED.waits`;

/** Makes the figures of these days of the centre again from its tickets. */
export async function refreshDayFigures(sql: Sql, centreId: number, days: readonly string[]): Promise<void> {
  if (days.length === 0) return;
  await sql.query(REFRESH_DAY_FIGURES, [centreId, `{${days.join(',')}}`]);
}

/** Every centre day made again from the tickets (tickets written straight in SQL: benchmarks, tests). */
export const REBUILD_DAY_FIGURES = REFRESH_DAY_FIGURES.replace(
  'WHERE centre_id = $1 AND service_day = ANY($2::date[])\n',
  '',
);
