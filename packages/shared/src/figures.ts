// One definition of every queue figure (docs/glossary.md, Figures), shared by the hub (day
// statistics, period reports, the live overview) and the city server, which must compute the same
// numbers from the tickets hubs report. Pure functions over plain numbers: times are epoch
// milliseconds, durations milliseconds, figures in the API are seconds rounded to 0.1 and shares
// rounded to 0.0001. SQL may add up raw numbers (sums and counts); the arithmetic that turns them
// into figures (averages, percentiles, shares, rounding) is here and nowhere else.
import type { TicketStatus } from './domain.ts';
import type { ReportFigures } from './reports.ts';
import { WAIT_BUCKETS } from './reports.ts';

/** The facts of one ticket that the figures are made of (times in epoch ms, null when not yet). */
export interface TicketFacts {
  status: TicketStatus;
  issuedAt: number;
  /** Its last call (a transferred or reinstated ticket is called again). */
  calledAt: number | null;
  /** When service started; a ticket finished straight from `called` has its call time here. */
  startedAt: number | null;
  finishedAt: number | null;
  /** The citizen's satisfaction, 1..4 (4 = very satisfied), null when not rated. */
  rating: number | null;
}

// ---- one ticket

/** Wait of a ticket in ms: called − issued (to its last call); null when never called. */
export function waitMs(t: Pick<TicketFacts, 'issuedAt' | 'calledAt'>): number | null {
  return t.calledAt === null ? null : t.calledAt - t.issuedAt;
}

/**
 * Service time of a ticket in ms: finished − started, for `done` tickets only; null for any
 * other status or when either time is missing.
 */
export function serviceMs(t: Pick<TicketFacts, 'status' | 'startedAt' | 'finishedAt'>): number | null {
  if (t.status !== 'done' || t.startedAt === null || t.finishedAt === null) return null;
  return t.finishedAt - t.startedAt;
}

// ---- rounding

/** Rounded to one decimal (Math.round: halves go up, towards +∞). */
export const round1 = (x: number): number => Math.round(x * 10) / 10;

/** Rounded to four decimals, the precision of every share (Math.round: halves go up). */
export const round4 = (x: number): number => Math.round(x * 10_000) / 10_000;

/** A duration in ms as seconds rounded to one decimal. */
export const seconds1 = (ms: number): number => round1(ms / 1000);

/** A duration in ms as whole seconds (Math.round), as the live overview shows waits and idle times. */
export const wholeSeconds = (ms: number): number => Math.round(ms / 1000);

// ---- averages, percentiles, shares

/**
 * Average of `count` durations adding up to `sumMs`, in seconds rounded to one decimal:
 * round1((sumMs / count) / 1000), in this order (SQLite's AVG(ms) / 1000.0 gives the same
 * double); null when `count` is 0.
 */
export function averageSeconds(sumMs: number, count: number): number | null {
  return count > 0 ? seconds1(sumMs / count) : null;
}

/**
 * 0-based index, in ascending order, of the nearest-rank `p`-th percentile of `count` values:
 * the ⌈p·count⌉-th smallest, i.e. index ⌈p·count⌉ − 1 (never below 0); null when `count` is 0.
 * p90 of 10 values is the 9th smallest, of 11 values the 10th, of 1 value that value; ties
 * need no rule since equal values are the same figure.
 */
export function nearestRankIndex(count: number, p: number): number | null {
  if (count <= 0) return null;
  return Math.min(count - 1, Math.max(0, Math.ceil(p * count) - 1));
}

/** The k-th smallest (0-based) of `a`, reordering `a` (quickselect, linear on average). */
export function kthSmallest(a: Float64Array, k: number): number {
  let lo = 0;
  let hi = a.length - 1;
  while (lo < hi) {
    const pivot = a[(lo + hi) >>> 1]!;
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (a[i]! < pivot) i++;
      while (a[j]! > pivot) j--;
      if (i <= j) {
        const t = a[i]!;
        a[i] = a[j]!;
        a[j] = t;
        i++;
        j--;
      }
    }
    if (k <= j) hi = j;
    else if (k >= i) lo = i;
    else return a[k]!;
  }
  return a[k]!;
}

/**
 * Nearest-rank `p`-th percentile of `values` (see nearestRankIndex), reordering `values`; null
 * when there are none. No interpolation: the answer is always one of the values.
 */
export function percentile(values: Float64Array, p: number): number | null {
  const k = nearestRankIndex(values.length, p);
  return k === null ? null : kthSmallest(values, k);
}

/** The percentile every report shows: p90 of waits. */
export const P90 = 0.9;
/** The median by the same rule (p50: the ⌈n/2⌉-th smallest; not shown by the hub today). */
export const P50 = 0.5;

/** Nearest-rank p90 of waits (ms), in seconds rounded to one decimal; null when none. */
export function p90WaitSeconds(waits: Float64Array): number | null {
  const w = percentile(waits, P90);
  return w === null ? null : seconds1(w);
}

/** `part` of `whole`, rounded to four decimals; null when `whole` is 0. */
export function share(part: number, whole: number): number | null {
  return whole > 0 ? round4(part / whole) : null;
}

/** The target wait in ms, from the centre's `targetWaitMinutes`. */
export const targetWaitMs = (targetWaitMinutes: number): number => targetWaitMinutes * 60_000;

/** How many of `waits` (ms) are at most `targetMs` (a wait of exactly the target is within). */
export function countWithin(waits: ArrayLike<number>, targetMs: number): number {
  let within = 0;
  for (let i = 0; i < waits.length; i++) if (waits[i]! <= targetMs) within++;
  return within;
}

/** Share of called tickets whose wait was at most the target; null when none was called. */
export function withinTargetShare(waits: ArrayLike<number>, targetMs: number): number | null {
  return share(countWithin(waits, targetMs), waits.length);
}

/** How many tickets got each rating ('4' = very satisfied … '1' = not satisfied). */
export interface RatingCounts {
  '1': number;
  '2': number;
  '3': number;
  '4': number;
}

/** Ratings 3 and 4 over all ratings, rounded to four decimals; null when none. */
export function satisfiedShare(r: RatingCounts): number | null {
  return share(r['3'] + r['4'], r['1'] + r['2'] + r['3'] + r['4']);
}

/**
 * No-shows over tickets called (a ticket can only be a no-show once called), rounded to four
 * decimals; null when none was called. Not reported by the hub today: defined here for the city.
 */
export function noShowShare(noShow: number, called: number): number | null {
  return share(noShow, called);
}

/** One bar of a wait distribution, in minutes: from inclusive, to exclusive (null = no end). */
export interface WaitBucket {
  fromMinutes: number;
  toMinutes: number | null;
  count: number;
}

/**
 * Waits (ms) counted in WAIT_BUCKETS: each wait falls in the first bucket whose end it is
 * below (a wait of exactly 5 minutes is in 5–10), the last bucket has no end.
 */
export function waitDistribution(waits: ArrayLike<number>): WaitBucket[] {
  const distribution = WAIT_BUCKETS.map(([fromMinutes, toMinutes]) => ({ fromMinutes, toMinutes, count: 0 }));
  const last = distribution.length - 1;
  for (let i = 0; i < waits.length; i++) {
    let b = 0;
    while (b < last && waits[i]! >= distribution[b]!.toMinutes! * 60_000) b++;
    distribution[b]!.count++;
  }
  return distribution;
}

// ---- sums that add up across tickets, groups and days

/**
 * Counts and sums of a set of tickets that add up across tickets, groups and days (the hub keeps
 * them per day in report_days: the names are part of that saved JSON).
 */
export interface FigureSums {
  /** Every ticket, whatever its status. */
  issued: number;
  /** Tickets `done`. */
  served: number;
  noShow: number;
  cancelled: number;
  expired: number;
  /** Sum (ms) and number of the waits of the tickets that were called. */
  waitSum: number;
  waitCount: number;
  /** Sum (ms) and number of the service times of the done tickets. */
  serviceSum: number;
  serviceCount: number;
  /** Tickets rated 1, 2, 3 and 4. */
  r1: number;
  r2: number;
  r3: number;
  r4: number;
}

export const emptySums = (): FigureSums => ({
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

/** Adds `from` into `into`. */
export function addSums(into: FigureSums, from: FigureSums): void {
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

/** Adds one ticket into `into`; answers its wait (ms, null when never called). */
export function addTicket(into: FigureSums, t: TicketFacts): number | null {
  into.issued++;
  if (t.status === 'done') into.served++;
  else if (t.status === 'no_show') into.noShow++;
  else if (t.status === 'cancelled') into.cancelled++;
  else if (t.status === 'expired') into.expired++;
  const wait = waitMs(t);
  if (wait !== null) {
    into.waitSum += wait;
    into.waitCount++;
  }
  const service = serviceMs(t);
  if (service !== null) {
    into.serviceSum += service;
    into.serviceCount++;
  }
  if (t.rating === 1) into.r1++;
  else if (t.rating === 2) into.r2++;
  else if (t.rating === 3) into.r3++;
  else if (t.rating === 4) into.r4++;
  return wait;
}

export const ratingsOf = (s: FigureSums): RatingCounts => ({ '1': s.r1, '2': s.r2, '3': s.r3, '4': s.r4 });

/** Average wait of the sums, seconds to 0.1; null when none was called. */
export const avgWaitSeconds = (s: FigureSums): number | null => averageSeconds(s.waitSum, s.waitCount);

/** Average service time of the sums, seconds to 0.1; null when none was done. */
export const avgServiceSeconds = (s: FigureSums): number | null =>
  averageSeconds(s.serviceSum, s.serviceCount);

/**
 * The figures of a set of tickets from its sums and every wait (ms, any order; reordered), with
 * the target wait in ms: the ReportFigures of period reports, whose fields day statistics and the
 * overview use a part of.
 */
export function figuresOf(s: FigureSums, waits: Float64Array, targetMs: number): ReportFigures {
  const ratings = ratingsOf(s);
  return {
    issued: s.issued,
    served: s.served,
    noShow: s.noShow,
    cancelled: s.cancelled,
    expired: s.expired,
    avgWaitSeconds: avgWaitSeconds(s),
    p90WaitSeconds: p90WaitSeconds(waits),
    avgServiceSeconds: avgServiceSeconds(s),
    withinTargetShare: withinTargetShare(waits, targetMs),
    ratings,
    satisfiedShare: satisfiedShare(ratings),
  };
}

/**
 * The figures of any set of tickets, fed ticket by ticket (`addTicket`, e.g. rows from the
 * city's database) or by groups already added up (`addGroup`, e.g. a hub's saved days), in any
 * order and mix: the same tickets give the same figures either way.
 */
export class FigureAccumulator {
  readonly sums: FigureSums = emptySums();
  /** Tickets still `waiting` (only counted by addTicket; a group's sums do not say). */
  waiting = 0;
  private readonly parts: Float64Array[] = [];
  private loose: number[] = [];
  private length = 0;

  addTicket(t: TicketFacts): this {
    const wait = addTicket(this.sums, t);
    if (t.status === 'waiting') this.waiting++;
    if (wait !== null) {
      this.loose.push(wait);
      this.length++;
    }
    return this;
  }

  /** Adds a group already added up, with its waits (ms; kept, not copied: do not change them). */
  addGroup(sums: FigureSums, waits: Float64Array): this {
    addSums(this.sums, sums);
    if (waits.length > 0) {
      this.parts.push(waits);
      this.length += waits.length;
    }
    return this;
  }

  /** Every wait added (ms), in a new array. */
  waits(): Float64Array {
    const all = new Float64Array(this.length);
    let at = 0;
    for (const part of this.parts) {
      all.set(part, at);
      at += part.length;
    }
    all.set(this.loose, at);
    return all;
  }

  /** The figures, against a target wait in ms; `waits` may be passed if already gathered. */
  figures(targetMs: number, waits: Float64Array = this.waits()): ReportFigures {
    return figuresOf(this.sums, waits, targetMs);
  }
}
