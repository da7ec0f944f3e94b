// One report to the city from a slice of the event log (API.md, "A report"): the latest state of
// every ticket the slice touched, the figures of each day closed in it, and the live snapshot.
import type { DayStats, LiveSnapshot, Report, ReportDay, ReportTicket } from '@luot/shared';
import { Channel, Priority, TicketStatus, wholeSeconds } from '@luot/shared';
import type { CityData, CityTicketRow, SliceEvent } from '../db/city.ts';
import type { CentreKey } from './keys.ts';

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

export function reportTicketOf(row: CityTicketRow, version: number, key: CentreKey): ReportTicket {
  return {
    id: row.id,
    serviceDay: row.service_day,
    service: { code: row.field_code, name: row.field_name },
    procedureCodes: JSON.parse(row.procedure_codes) as string[],
    priority: row.priority === null ? null : Priority.parse(row.priority),
    channel: Channel.parse(row.channel),
    status: TicketStatus.parse(row.status),
    issuedAt: iso(row.issued_at)!,
    calledAt: iso(row.called_at),
    startedAt: iso(row.started_at),
    finishedAt: iso(row.finished_at),
    counterNumber: row.counter_number,
    officer: row.officer_id === null ? null : key.pseudonym(row.officer_id),
    recallCount: row.recall_count,
    rating: row.rating,
    version,
  };
}

export function dayFigures(stats: DayStats): ReportDay {
  return {
    date: stats.date,
    issued: stats.issued,
    served: stats.served,
    noShow: stats.noShow,
    cancelled: stats.cancelled,
    expired: stats.expired,
    avgWaitSeconds: stats.avgWaitSeconds,
    p90WaitSeconds: stats.p90WaitSeconds,
    avgServiceSeconds: stats.avgServiceSeconds,
    ratings: stats.ratings,
  };
}

export function buildReport(input: {
  centre: string;
  ackedSeq: number;
  events: readonly SliceEvent[];
  data: CityData;
  key: CentreKey;
  /** The hub's figures of a service day (frozen once closed: what GET /stats/day answers). */
  statsForDay: (day: string) => DayStats;
  live: LiveSnapshot | null;
  now: number;
}): Report {
  const { events } = input;
  const versions = new Map<string, number>();
  const closed = new Set<string>();
  for (const e of events) {
    if (e.ticket_id) versions.set(e.ticket_id, e.seq);
    if (e.type === 'day.closed' && e.data) {
      const day = (JSON.parse(e.data) as { day?: unknown }).day;
      if (typeof day === 'string') closed.add(day);
    }
  }
  const tickets = input.data
    .tickets([...versions.keys()])
    .map((row) => reportTicketOf(row, versions.get(row.id)!, input.key));
  return {
    centre: input.centre,
    fromSeq: input.ackedSeq + 1,
    toSeq: events.at(-1)?.seq ?? input.ackedSeq,
    sentAt: new Date(input.now).toISOString(),
    tickets,
    days: input.data.closedAmong([...closed]).map((day) => dayFigures(input.statsForDay(day))),
    live: input.live,
  };
}

export function liveSnapshot(data: CityData, day: string, now: number): LiveSnapshot {
  const r = data.live(day);
  return {
    at: new Date(now).toISOString(),
    waiting: r.waiting,
    countersOpen: r.counters_open,
    longestWaitSeconds: r.oldest_waiting === null ? null : Math.max(0, wholeSeconds(now - r.oldest_waiting)),
  };
}
