// Day statistics of one service day (API.md, Day statistics), from the sums db/day-stats.ts
// reads; every figure (averages, the nearest-rank p90, rounding) is defined in @luot/shared
// (figures.ts).
import type { DayStats, MeTodayResponse, RatingCounts } from '@luot/shared';
import { averageSeconds, nearestRankIndex, P90, seconds1, startOfServiceDay } from '@luot/shared';
import type { DayGroupRow } from '../db/day-stats.ts';
import type { Store } from '../db/store.ts';

export function statsQueries(store: Store) {
  const data = store.data.dayStats;

  const groupOut = (r: DayGroupRow) => ({
    issued: r.issued,
    served: r.served ?? 0,
    noShow: r.no_show ?? 0,
    avgWaitSeconds: averageSeconds(r.wait_sum ?? 0, r.wait_count),
    avgServiceSeconds: averageSeconds(r.service_sum ?? 0, r.service_count),
  });

  return (day: string, frozen = false): DayStats => {
    const t = data.totals(day)!;
    // The nearest-rank p90 of the waits: SQL picks the wait at the rank figures.ts names.
    const rank = nearestRankIndex(t.wait_count, P90);
    const p90 = rank === null ? null : (data.waitAtRank(day, rank) ?? null);
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
    const ratingCounts: RatingCounts = { '1': 0, '2': 0, '3': 0, '4': 0 };
    for (const r of data.ratings(day)) ratingCounts[String(r.rating) as keyof RatingCounts] = r.n;
    return {
      date: day,
      issued: t.issued,
      served: t.served ?? 0,
      noShow: t.no_show ?? 0,
      cancelled: t.cancelled ?? 0,
      expired: t.expired ?? 0,
      waiting: t.waiting ?? 0,
      avgWaitSeconds: averageSeconds(t.wait_sum ?? 0, t.wait_count),
      p90WaitSeconds: p90 === null ? null : seconds1(p90),
      avgServiceSeconds: averageSeconds(t.service_sum ?? 0, t.service_count),
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
      avgServiceSeconds: averageSeconds(r?.service_sum ?? 0, r?.service_count ?? 0),
      noShow: r?.no_show ?? 0,
    };
  };
}
