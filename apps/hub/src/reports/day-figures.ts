// The figures of each service day of a range, read in SQL through the report indexes
// (0005_report_indexes.sql): additive counts and sums per field, counter and officer, every
// wait (for percentiles), per local hour, per procedure. Periods are sums of days (period.ts).
import { nextDay } from '@luot/shared';
import type { Store } from '../db/store.ts';
import { localHourSql, offsetSegments } from './local-hours.ts';

/** Counts and sums that add up across days and groups. */
export interface Sums {
  issued: number;
  served: number;
  noShow: number;
  cancelled: number;
  expired: number;
  waitSum: number;
  waitCount: number;
  serviceSum: number;
  serviceCount: number;
  r1: number;
  r2: number;
  r3: number;
  r4: number;
}

/** The tickets of one day with the same field, counter and officer. */
export interface DayGroup extends Sums {
  serviceId: string;
  counterId: string | null;
  officerId: string | null;
  /** Every wait (called minus issued) in ms, unordered. */
  waits: Float64Array;
}

export interface HourSums {
  issued: number;
  served: number;
  waitSum: number;
  waitCount: number;
}

export interface DayFigures {
  day: string;
  groups: DayGroup[];
  /** Index = local hour: issued and waits by the hour of issue, served by the hour of finish. */
  hours: HourSums[];
  procedures: Map<string, number>;
}

export const emptySums = (): Sums => ({
  issued: 0,
  served: 0,
  noShow: 0,
  cancelled: 0,
  expired: 0,
  waitSum: 0,
  waitCount: 0,
  serviceSum: 0,
  serviceCount: 0,
  r1: 0,
  r2: 0,
  r3: 0,
  r4: 0,
});

export function addSums(into: Sums, from: Sums): void {
  into.issued += from.issued;
  into.served += from.served;
  into.noShow += from.noShow;
  into.cancelled += from.cancelled;
  into.expired += from.expired;
  into.waitSum += from.waitSum;
  into.waitCount += from.waitCount;
  into.serviceSum += from.serviceSum;
  into.serviceCount += from.serviceCount;
  into.r1 += from.r1;
  into.r2 += from.r2;
  into.r3 += from.r3;
  into.r4 += from.r4;
}

/**
 * The two halves of every ticket query, each matching one partial index word for word (so
 * SQLite may use it): tickets in a final state through `tickets_report`, which is ordered
 * as the groups are and so needs no sort; the few still open through `tickets_open_day`.
 */
export const FINAL = `status IN ('done', 'no_show', 'cancelled', 'expired')`;
export const OPEN = `status IN ('waiting', 'called', 'serving')`;

/**
 * One row per day, field, counter and officer; each ticket's values come back in lists (same
 * row order in each), read in JS: one row per group is far cheaper to read than one per ticket,
 * and counting in JS is cheaper than one SQL aggregate per count. Per ticket:
 * - `codes`: local hour of issue × 100 + state × 10 + rating (0: none), where state is 0 done,
 *   1 no-show, 2 cancelled, 3 expired, 4 still open;
 * - `waits`: called minus issued in ms, -1 if never called;
 * - `finished`: local hour of finish, done tickets only.
 * `hour` is the SQL of a local hour with `?` for the column (see local-hours.ts).
 */
export const groupSql = (states: string, hour: string) => `
  SELECT service_day AS day, service_id, counter_id, officer_id,
    SUM(CASE WHEN status = 'done' THEN finished_at - started_at END) AS service_sum,
    COUNT(CASE WHEN status = 'done' THEN finished_at - started_at END) AS service_count,
    group_concat(${hour.replaceAll('?col', 'issued_at')} * 100 + IFNULL(rating, 0) + CASE status
      WHEN 'done' THEN 0 WHEN 'no_show' THEN 10 WHEN 'cancelled' THEN 20 WHEN 'expired' THEN 30 ELSE 40 END) AS codes,
    group_concat(IFNULL(called_at - issued_at, -1)) AS waits,
    group_concat(CASE WHEN status = 'done' THEN ${hour.replaceAll('?col', 'finished_at')} END) AS finished
  FROM tickets WHERE service_day BETWEEN ? AND ? AND ${states}
  GROUP BY service_day, service_id, counter_id, officer_id`;

export const PROCEDURES_SQL = `
  SELECT service_day AS day, procedure_id, COUNT(*) AS n FROM ticket_procedures
  WHERE service_day BETWEEN ? AND ? GROUP BY service_day, procedure_id`;

interface GroupRow {
  day: string;
  service_id: string;
  counter_id: string | null;
  officer_id: string | null;
  service_sum: number | null;
  service_count: number;
  codes: string;
  waits: string;
  finished: string | null;
}

function newDay(day: string): DayFigures {
  return {
    day,
    groups: [],
    hours: Array.from({ length: 24 }, () => ({ issued: 0, served: 0, waitSum: 0, waitCount: 0 })),
    procedures: new Map(),
  };
}

/**
 * The integers of a group_concat list, appended to `into` (by character codes: several times
 * faster than split and Number over a year's 300,000 values).
 */
export function readInts(list: string | null, into: number[]): number[] {
  if (!list) return into;
  let value = 0;
  let negative = false;
  for (let i = 0; i < list.length; i++) {
    const c = list.charCodeAt(i);
    if (c === 44) {
      into.push(negative ? -value : value);
      value = 0;
      negative = false;
    } else if (c === 45) negative = true;
    else value = value * 10 + (c - 48);
  }
  into.push(negative ? -value : value);
  return into;
}

/** A group's sums from its lists (see groupSql), adding to the day's hours. */
function readGroup(r: GroupRow, hours: HourSums[]): DayGroup {
  const codes = readInts(r.codes, []);
  const allWaits = readInts(r.waits, []);
  const counts = [0, 0, 0, 0, 0];
  const ratings = [0, 0, 0, 0, 0];
  const waits: number[] = [];
  let waitSum = 0;
  for (let i = 0; i < codes.length; i++) {
    const code = codes[i]!;
    const hour = hours[Math.floor(code / 100)]!;
    counts[Math.floor(code / 10) % 10]!++;
    ratings[code % 10]!++;
    hour.issued++;
    const wait = allWaits[i]!;
    if (wait >= 0) {
      waits.push(wait);
      waitSum += wait;
      hour.waitSum += wait;
      hour.waitCount++;
    }
  }
  for (const h of readInts(r.finished, [])) hours[h]!.served++;
  return {
    serviceId: r.service_id,
    counterId: r.counter_id,
    officerId: r.officer_id,
    issued: codes.length,
    served: counts[0]!,
    noShow: counts[1]!,
    cancelled: counts[2]!,
    expired: counts[3]!,
    waitSum,
    waitCount: waits.length,
    serviceSum: r.service_sum ?? 0,
    serviceCount: r.service_count,
    r1: ratings[1]!,
    r2: ratings[2]!,
    r3: ratings[3]!,
    r4: ratings[4]!,
    waits: Float64Array.from(waits),
  };
}

/** The figures of every day from `from` to `to` (inclusive) that has tickets. */
export function readDays(store: Store, from: string, to: string, timeZone: string): Map<string, DayFigures> {
  const days = new Map<string, DayFigures>();
  // The offsets of the whole range (a day more for tickets finished after midnight).
  const hour = localHourSql(offsetSegments(from, nextDay(to), timeZone));
  for (const states of [FINAL, OPEN]) {
    const rows = store
      .sql<GroupRow>(groupSql(states, hour.sql))
      .all(...hour.params, ...hour.params, from, to);
    for (const r of rows) {
      let day = days.get(r.day);
      if (!day) {
        day = newDay(r.day);
        days.set(r.day, day);
      }
      day.groups.push(readGroup(r, day.hours));
    }
  }
  if (days.size === 0) return days;
  const procedures = store
    .sql<{ day: string; procedure_id: string; n: number }>(PROCEDURES_SQL)
    .all(from, to);
  for (const r of procedures) days.get(r.day)?.procedures.set(r.procedure_id, r.n);
  return days;
}
