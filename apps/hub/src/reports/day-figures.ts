// The figures of each service day of a range, read in SQL through the report indexes
// (0005_report_indexes.sql): additive counts and sums per field, counter and officer, every
// wait (for percentiles), per local hour, per procedure. Periods are sums of days (period.ts);
// what the sums mean and how they become figures is defined once in @luot/shared (figures.ts).
import { type FigureSums, nextDay } from '@luot/shared';
import { FINAL, OPEN, type ReportGroupRow } from '../db/report-figures.ts';
import type { Store } from '../db/store.ts';
import { localHourSql, offsetSegments } from './local-hours.ts';

/** The tickets of one day with the same field, counter and officer. */
export interface DayGroup extends FigureSums {
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

// The SQL of the figures lives in db/report-figures.ts (re-exported for the plan tests).
export { FINAL, groupSql, OPEN, PROCEDURES_SQL } from '../db/report-figures.ts';

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
function readGroup(r: ReportGroupRow, hours: HourSums[]): DayGroup {
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
  for (const states of [FINAL, OPEN] as const) {
    const rows = store.data.reportFigures.groups(states, hour, from, to);
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
  const procedures = store.data.reportFigures.procedures(from, to);
  for (const r of procedures) days.get(r.day)?.procedures.set(r.procedure_id, r.n);
  return days;
}
