// The city's figures: sums and counts of each centre's days (centre_day_figures, kept from the
// tickets by day-figures.ts), turned into figures by the one definition in @luot/shared
// (figures.ts) that the hub's day statistics use too. The p90 wait is PostgreSQL's
// percentile_disc(0.9) over the days' waits: the first wait whose position reaches 90 % of the
// called tickets, i.e. the nearest rank ⌈0.9·n⌉, as the hub picks it.
import {
  averageSeconds,
  type CityFigures,
  type CityFiguresWithShares,
  type LiveSnapshot,
  noShowShare,
  satisfiedShare,
  seconds1,
  share,
} from '@luot/shared';
import type { Sql } from './database.ts';

export interface SumsRow {
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
  /** Called tickets whose wait was at most the target ($4 ms). */
  within_target: number;
  r1: number;
  r2: number;
  r3: number;
  r4: number;
}

/** The sums of a group of centre days (centre_day_figures, kept by day-figures.ts). */
export const SUM_COLUMNS = `coalesce(sum(f.issued), 0)::int AS issued,
  coalesce(sum(f.served), 0)::int AS served,
  coalesce(sum(f.no_show), 0)::int AS no_show,
  coalesce(sum(f.cancelled), 0)::int AS cancelled,
  coalesce(sum(f.expired), 0)::int AS expired,
  sum(f.wait_sum) AS wait_sum, coalesce(sum(f.wait_count), 0)::int AS wait_count,
  sum(f.service_sum) AS service_sum, coalesce(sum(f.service_count), 0)::int AS service_count,
  coalesce(sum(f.r1), 0)::int AS r1, coalesce(sum(f.r2), 0)::int AS r2,
  coalesce(sum(f.r3), 0)::int AS r3, coalesce(sum(f.r4), 0)::int AS r4`;

/**
 * The nearest-rank p90 of the waits of the centre days matching `where` (alias d), and how many
 * of them were at most the target wait ($4, ms): one pass over the days' sorted waits.
 */
const waitsOf = (
  where: string,
) => `LATERAL (SELECT percentile_disc(0.9) WITHIN GROUP (ORDER BY w) AS p90_wait,
      count(*) FILTER (WHERE w <= $4::bigint)::int AS within_target
    FROM centre_day_figures d, unnest(d.waits) AS w WHERE ${where}) ww`;

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

/**
 * The period queries' SQL ($1 from, $2 to, $3 centre code or null, $4 the target wait in ms), also
 * for EXPLAIN in tests.
 */
export const statsQueryText = {
  perCentre: `SELECT c.code, c.name, c.code AS key, c.public_key IS NOT NULL AS enrolled, c.last_report_at,
      c.live, ${SUM_COLUMNS}, ww.p90_wait, ww.within_target
    FROM centres c
    LEFT JOIN centre_day_figures f ON f.centre_id = c.id AND f.date BETWEEN $1::date AND $2::date
    CROSS JOIN ${waitsOf('d.centre_id = c.id AND d.date BETWEEN $1::date AND $2::date')}
    WHERE ($3::text IS NULL OR c.code = $3)
    GROUP BY c.id, ww.p90_wait, ww.within_target ORDER BY c.code`,
  total: `WITH days AS (
      SELECT * FROM centre_day_figures
      WHERE date BETWEEN $1::date AND $2::date
        AND ($3::text IS NULL OR centre_id = (SELECT id FROM centres WHERE code = $3)))
    SELECT NULL AS key, ${SUM_COLUMNS},
      (SELECT percentile_disc(0.9) WITHIN GROUP (ORDER BY w) FROM days, unnest(days.waits) AS w) AS p90_wait,
      (SELECT count(*)::int FROM days, unnest(days.waits) AS w WHERE w <= $4::bigint) AS within_target
    FROM days f`,
  centreDays: `SELECT f.date::text AS key, ${SUM_COLUMNS}, max(p.p90) AS p90_wait, max(p.within) AS within_target
    FROM centre_day_figures f
    CROSS JOIN LATERAL (SELECT percentile_disc(0.9) WITHIN GROUP (ORDER BY w) AS p90,
      count(*) FILTER (WHERE w <= $3::bigint)::int AS within FROM unnest(f.waits) AS w) p
    WHERE f.centre_id = $1 AND f.date = ANY($2::date[])
    GROUP BY f.date`,
};

/** A group's figures with the shares the city compares by (figures.ts definitions). */
export function sharesOfRow(r: SumsRow): CityFiguresWithShares {
  const figures = figuresOfRow(r);
  return {
    ...figures,
    withinTargetShare: share(r.within_target ?? 0, r.wait_count),
    noShowShare: noShowShare(r.no_show, r.wait_count),
    satisfiedShare: satisfiedShare(figures.ratings),
  };
}

/** One centre's sums over a period, with what the overview shows beside them. */
export interface CentrePeriod {
  code: string;
  name: string;
  enrolled: boolean;
  lastReportAt: string | null;
  live: LiveSnapshot | null;
  figures: CityFiguresWithShares;
}

const isoOf = (v: Date | string | null): string | null => (v === null ? null : new Date(v).toISOString());

export function statsData(sql: Sql) {
  return {
    /** Each centre (all, or the one with `code`) over the service days [from, to]. */
    async perCentre(
      from: string,
      to: string,
      code: string | null,
      targetMs: number,
    ): Promise<CentrePeriod[]> {
      type Row = SumsRow & {
        code: string;
        name: string;
        enrolled: boolean;
        last_report_at: Date | string | null;
        live: LiveSnapshot | null;
      };
      const rows = await sql.query<Row>(statsQueryText.perCentre, [from, to, code, targetMs]);
      return rows.map((r) => ({
        code: r.code,
        name: r.name,
        enrolled: r.enrolled,
        lastReportAt: isoOf(r.last_report_at),
        live: r.live,
        figures: sharesOfRow(r),
      }));
    },
    /** All tickets (of every centre, or the one with `code`) over [from, to]. */
    async total(
      from: string,
      to: string,
      code: string | null,
      targetMs: number,
    ): Promise<CityFiguresWithShares> {
      const rows = await sql.query<SumsRow>(statsQueryText.total, [from, to, code, targetMs]);
      return sharesOfRow(rows[0]!);
    },
    /** One centre per service day, for the given days. */
    async centreDays(
      centreId: number,
      days: readonly string[],
      targetMs = 0,
    ): Promise<Map<string, CityFiguresWithShares>> {
      const rows = await sql.query<SumsRow>(statsQueryText.centreDays, [
        centreId,
        `{${days.join(',')}}`,
        targetMs,
      ]);
      return new Map(rows.map((r) => [String(r.key), sharesOfRow(r)]));
    },
  };
}

/** Just the figures, as /stats and the reconciliation compare them. */
export function figuresOnly(f: CityFiguresWithShares): CityFigures {
  const { withinTargetShare: _w, noShowShare: _n, satisfiedShare: _s, ...figures } = f;
  return figures;
}
