// Day statistics of one service day (API.md, Day statistics), from the figures db/day-stats.ts reads.
import type { DayStats, MeTodayResponse } from '@luot/shared';
import { startOfServiceDay } from '@luot/shared';
import type { DayGroupRow } from '../db/day-stats.ts';
import type { Store } from '../db/store.ts';

const round1 = (x: number | null): number | null => (x === null ? null : Math.round(x * 10) / 10);

export function statsQueries(store: Store) {
  const data = store.data.dayStats;

  const groupOut = (r: DayGroupRow) => ({
    issued: r.issued,
    served: r.served ?? 0,
    noShow: r.no_show ?? 0,
    avgWaitSeconds: round1(r.avg_wait),
    avgServiceSeconds: round1(r.avg_service),
  });

  return (day: string, frozen = false): DayStats => {
    const t = data.totals(day)!;
    const n = data.calledCount(day) ?? 0;
    // Nearest-rank 90th percentile.
    const p90 = n > 0 ? (data.waitAtRank(day, Math.ceil(0.9 * n) - 1) ?? null) : null;
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
    for (const r of data.issuedByHour(dayStart, day)) hourRow(r.hour).issued = r.n;
    for (const r of data.servedByHour(dayStart, day)) hourRow(r.hour).served = r.n;
    const ratingCounts = { '1': 0, '2': 0, '3': 0, '4': 0 };
    for (const r of data.ratings(day)) ratingCounts[String(r.rating) as keyof typeof ratingCounts] = r.n;
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
      byService: data.groupedBy('service_id', day).map((r) => ({ serviceId: r.key, ...groupOut(r) })),
      byCounter: data.groupedBy('counter_id', day).map((r) => ({ counterId: r.key, ...groupOut(r) })),
      byOfficer: data.groupedBy('officer_id', day).map((r) => ({ officerId: r.key, ...groupOut(r) })),
      byProcedure: data.byProcedure(day).map((r) => ({ procedureId: r.procedure_id, count: r.count })),
      byHour: [...hours.values()].sort((a, b) => a.hour - b.hour),
      ratings: ratingCounts,
      frozen,
    };
  };
}

/** One officer's own figures for one service day (GET /api/v1/me/today). */
export function officerDayQuery(store: Store): (officerId: string, day: string) => MeTodayResponse {
  const data = store.data.dayStats;
  return (officerId, day) => {
    const r = data.officerDay(officerId, day);
    return {
      served: r?.served ?? 0,
      avgServiceSeconds: round1(r?.avg_service ?? null),
      noShow: r?.no_show ?? 0,
    };
  };
}
