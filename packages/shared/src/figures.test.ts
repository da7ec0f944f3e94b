import { describe, expect, it } from 'vitest';
import type { TicketStatus } from './domain.ts';
import {
  addSums,
  addTicket,
  averageSeconds,
  emptySums,
  FigureAccumulator,
  figuresOf,
  kthSmallest,
  nearestRankIndex,
  noShowShare,
  P50,
  P90,
  p90WaitSeconds,
  percentile,
  round1,
  round4,
  satisfiedShare,
  seconds1,
  serviceMs,
  share,
  type TicketFacts,
  targetWaitMs,
  waitDistribution,
  waitMs,
  wholeSeconds,
  withinTargetShare,
} from './figures.ts';

const MIN = 60_000;
const T0 = 1_780_000_000_000;

/** A ticket issued at T0 + `issued` (ms), the other times relative to T0 too. */
function ticket(
  status: TicketStatus,
  times: { issued?: number; called?: number; started?: number; finished?: number } = {},
  rating: number | null = null,
): TicketFacts {
  const at = (ms: number | undefined) => (ms === undefined ? null : T0 + ms);
  return {
    status,
    issuedAt: T0 + (times.issued ?? 0),
    calledAt: at(times.called),
    startedAt: at(times.started),
    finishedAt: at(times.finished),
    rating,
  };
}

const ms = (...values: number[]) => Float64Array.from(values);

describe('one ticket', () => {
  it('waits from issue to its (last) call, null when never called', () => {
    expect(waitMs(ticket('called', { issued: 1000, called: 61_000 }))).toBe(60_000);
    expect(waitMs(ticket('waiting'))).toBeNull();
    expect(waitMs(ticket('no_show', { called: 0 }))).toBe(0);
  });

  it('is served from start to finish, for done tickets only', () => {
    expect(serviceMs(ticket('done', { called: 10, started: 20, finished: 320 }))).toBe(300);
    expect(serviceMs(ticket('serving', { called: 10, started: 20 }))).toBeNull();
    expect(serviceMs(ticket('expired', { called: 10, started: 20, finished: 320 }))).toBeNull();
    expect(serviceMs({ status: 'done', startedAt: null, finishedAt: T0 })).toBeNull();
  });
});

describe('rounding', () => {
  it('round1 and round4 round halves up', () => {
    expect(round1(12.34)).toBe(12.3);
    expect(round1(12.35)).toBe(12.4);
    expect(round1(12.25)).toBe(12.3);
    expect(round1(-0.25)).toBe(-0.2);
    expect(round4(2 / 3)).toBe(0.6667);
    expect(round4(1 / 3)).toBe(0.3333);
    expect(round4(0.00005)).toBe(0.0001);
  });

  it('seconds1 to a tenth of a second, wholeSeconds to the second', () => {
    expect(seconds1(12_345)).toBe(12.3);
    expect(seconds1(12_350)).toBe(12.4);
    expect(wholeSeconds(12_499)).toBe(12);
    expect(wholeSeconds(12_500)).toBe(13);
  });
});

describe('averages', () => {
  it('are null without values and rounded to 0.1 s otherwise', () => {
    expect(averageSeconds(0, 0)).toBeNull();
    expect(averageSeconds(90_000, 1)).toBe(90);
    // (1000 + 2000 + 2001) / 3 = 1667 ms = 1.667 s
    expect(averageSeconds(5001, 3)).toBe(1.7);
    // 100 ms / 3 = 33.33 ms = 0.0333 s
    expect(averageSeconds(100, 3)).toBe(0);
    // 250 ms over 1: exactly a half tenth, goes up
    expect(averageSeconds(250, 1)).toBe(0.3);
  });
});

describe('nearest-rank percentile', () => {
  it('names the ⌈p·n⌉-th smallest', () => {
    expect(nearestRankIndex(0, P90)).toBeNull();
    expect(nearestRankIndex(1, P90)).toBe(0);
    expect(nearestRankIndex(2, P90)).toBe(1);
    expect(nearestRankIndex(9, P90)).toBe(8);
    expect(nearestRankIndex(10, P90)).toBe(8);
    expect(nearestRankIndex(11, P90)).toBe(9);
    expect(nearestRankIndex(20, P90)).toBe(17);
    expect(nearestRankIndex(21, P90)).toBe(18);
    expect(nearestRankIndex(4, P50)).toBe(1);
    expect(nearestRankIndex(5, P50)).toBe(2);
    expect(nearestRankIndex(3, 0)).toBe(0);
    expect(nearestRankIndex(3, 1)).toBe(2);
  });

  it('picks one of the values, whatever their order, without interpolating', () => {
    expect(percentile(ms(), P90)).toBeNull();
    expect(percentile(ms(42), P90)).toBe(42);
    expect(percentile(ms(10, 1, 9, 2, 8, 3, 7, 4, 6, 5), P90)).toBe(9);
    expect(percentile(ms(10, 1, 9, 2, 8, 3, 7, 4, 6, 5, 11), P90)).toBe(10);
    expect(percentile(ms(10, 1, 9, 2, 8, 3, 7, 4, 6, 5), P50)).toBe(5);
    expect(percentile(ms(1, 100), P50)).toBe(1);
  });

  it('handles ties', () => {
    expect(percentile(ms(5, 5, 5, 5, 5), P90)).toBe(5);
    expect(percentile(ms(7, 1, 7, 7, 1, 7, 7, 1, 7, 7), P90)).toBe(7);
    expect(percentile(ms(2, 2, 2, 2, 2, 2, 2, 2, 2, 9), P90)).toBe(2);
  });

  it('kthSmallest agrees with sorting', () => {
    const values = [5, 3, 3, 9, 0, 12, 7, 3, 1, 8, 8, 2];
    const sorted = [...values].sort((a, b) => a - b);
    for (let k = 0; k < values.length; k++) expect(kthSmallest(Float64Array.from(values), k)).toBe(sorted[k]);
  });

  it('p90 of waits in seconds to 0.1', () => {
    expect(p90WaitSeconds(ms())).toBeNull();
    expect(p90WaitSeconds(ms(61_250))).toBe(61.3);
    expect(p90WaitSeconds(ms(1000, 2000, 3000, 4000, 5000, 6000, 7000, 8000, 9000, 10_000))).toBe(9);
  });
});

describe('shares', () => {
  it('are null without a whole and rounded to 4 decimals', () => {
    expect(share(0, 0)).toBeNull();
    expect(share(0, 5)).toBe(0);
    expect(share(5, 5)).toBe(1);
    expect(share(1, 3)).toBe(0.3333);
    expect(share(2, 3)).toBe(0.6667);
    expect(share(1, 8)).toBe(0.125);
  });

  it('within target counts a wait of exactly the target', () => {
    const target = targetWaitMs(15);
    expect(target).toBe(15 * MIN);
    expect(withinTargetShare(ms(), target)).toBeNull();
    expect(withinTargetShare(ms(15 * MIN), target)).toBe(1);
    expect(withinTargetShare(ms(15 * MIN + 1), target)).toBe(0);
    expect(withinTargetShare(ms(0, 14 * MIN, 15 * MIN, 16 * MIN, 30 * MIN, 31 * MIN), target)).toBe(0.5);
    expect(withinTargetShare(ms(1, 2, 20 * MIN), target)).toBe(0.6667);
  });

  it('satisfied: ratings 3 and 4 over all ratings', () => {
    expect(satisfiedShare({ '1': 0, '2': 0, '3': 0, '4': 0 })).toBeNull();
    expect(satisfiedShare({ '1': 1, '2': 1, '3': 1, '4': 0 })).toBe(0.3333);
    expect(satisfiedShare({ '1': 1, '2': 0, '3': 1, '4': 1 })).toBe(0.6667);
    expect(satisfiedShare({ '1': 0, '2': 0, '3': 2, '4': 5 })).toBe(1);
    expect(satisfiedShare({ '1': 3, '2': 4, '3': 0, '4': 0 })).toBe(0);
  });

  it('no-show: over tickets called', () => {
    expect(noShowShare(0, 0)).toBeNull();
    expect(noShowShare(1, 7)).toBe(0.1429);
  });
});

describe('wait distribution', () => {
  it('puts each wait in the bucket it is below the end of; the last has no end', () => {
    const d = waitDistribution(
      ms(0, 5 * MIN - 1, 5 * MIN, 14 * MIN, 15 * MIN, 59 * MIN, 60 * MIN, 600 * MIN),
    );
    expect(d.map((b) => [b.fromMinutes, b.toMinutes, b.count])).toEqual([
      [0, 5, 2],
      [5, 10, 1],
      [10, 15, 1],
      [15, 20, 1],
      [20, 30, 0],
      [30, 45, 0],
      [45, 60, 1],
      [60, null, 2],
    ]);
    expect(waitDistribution(ms()).every((b) => b.count === 0)).toBe(true);
  });
});

describe('sums and the accumulator', () => {
  // Hand-computed: 6 tickets, 4 called (waits 2, 10, 16 and 20 min), 2 done (services 3 and 4 min).
  const day: TicketFacts[] = [
    ticket('done', { issued: 0, called: 2 * MIN, started: 3 * MIN, finished: 6 * MIN }, 4),
    ticket('done', { issued: MIN, called: 11 * MIN, started: 11 * MIN, finished: 15 * MIN }, 2),
    ticket('no_show', { issued: 2 * MIN, called: 18 * MIN }),
    ticket('cancelled', { issued: 3 * MIN, called: 23 * MIN }),
    ticket('expired', { issued: 4 * MIN }),
    ticket('waiting', { issued: 5 * MIN }),
  ];

  it('answer nothing for no tickets', () => {
    const acc = new FigureAccumulator();
    expect(acc.figures(15 * MIN)).toEqual({
      issued: 0,
      served: 0,
      noShow: 0,
      cancelled: 0,
      expired: 0,
      avgWaitSeconds: null,
      p90WaitSeconds: null,
      avgServiceSeconds: null,
      withinTargetShare: null,
      ratings: { '1': 0, '2': 0, '3': 0, '4': 0 },
      satisfiedShare: null,
    });
    expect(acc.waiting).toBe(0);
  });

  it('one ticket is its own average and p90', () => {
    const acc = new FigureAccumulator().addTicket(
      ticket('done', { issued: 0, called: 61_234, started: 62_000, finished: 362_000 }, 3),
    );
    expect(acc.figures(MIN)).toMatchObject({
      issued: 1,
      served: 1,
      avgWaitSeconds: 61.2,
      p90WaitSeconds: 61.2,
      avgServiceSeconds: 300,
      withinTargetShare: 0,
      ratings: { '1': 0, '2': 0, '3': 1, '4': 0 },
      satisfiedShare: 1,
    });
  });

  it('count by status, average, p90 and shares of a day', () => {
    const acc = new FigureAccumulator();
    for (const t of day) acc.addTicket(t);
    expect(acc.waiting).toBe(1);
    expect(acc.figures(targetWaitMs(15))).toEqual({
      issued: 6,
      served: 2,
      noShow: 1,
      cancelled: 1,
      expired: 1,
      // (2 + 10 + 16 + 20) / 4 = 12 min
      avgWaitSeconds: 720,
      // ⌈0.9 · 4⌉ = 4th smallest = 20 min
      p90WaitSeconds: 1200,
      // (3 + 4) / 2 = 3.5 min
      avgServiceSeconds: 210,
      // 2 and 10 of 4 waits
      withinTargetShare: 0.5,
      ratings: { '1': 0, '2': 1, '3': 0, '4': 1 },
      satisfiedShare: 0.5,
    });
  });

  it('give the same figures fed ticket by ticket or by groups already added up', () => {
    const byTicket = new FigureAccumulator();
    for (const t of day) byTicket.addTicket(t);
    const byGroup = new FigureAccumulator();
    for (const part of [day.slice(0, 2), day.slice(2)]) {
      const sums = emptySums();
      const waits: number[] = [];
      for (const t of part) {
        const w = addTicket(sums, t);
        if (w !== null) waits.push(w);
      }
      byGroup.addGroup(sums, Float64Array.from(waits));
    }
    expect(byGroup.sums).toEqual(byTicket.sums);
    expect(byGroup.figures(targetWaitMs(15))).toEqual(byTicket.figures(targetWaitMs(15)));
    const mixed = new FigureAccumulator().addTicket(day[0]!);
    const rest = new FigureAccumulator();
    for (const t of day.slice(1)) rest.addTicket(t);
    mixed.addGroup(rest.sums, rest.waits());
    expect(mixed.figures(targetWaitMs(15))).toEqual(byTicket.figures(targetWaitMs(15)));
  });

  it('addSums adds every field', () => {
    const a = emptySums();
    for (const t of day) addTicket(a, t);
    const twice = emptySums();
    addSums(twice, a);
    addSums(twice, a);
    expect(twice).toEqual({
      issued: 12,
      served: 4,
      noShow: 2,
      cancelled: 2,
      expired: 2,
      waitSum: 2 * 48 * MIN,
      waitCount: 8,
      serviceSum: 2 * 7 * MIN,
      serviceCount: 4,
      r1: 0,
      r2: 2,
      r3: 0,
      r4: 2,
    });
  });

  it('rounds the average of the sums, not a sum of rounded averages', () => {
    const s = emptySums();
    // waits of 1 ms, 1 ms and 2 ms: 4/3 ms → 0.0013 s → 0
    for (const w of [1, 1, 2]) addTicket(s, ticket('no_show', { issued: 0, called: w }));
    expect(figuresOf(s, ms(1, 1, 2), 0).avgWaitSeconds).toBe(0);
    // 3 waits of 50 s, 50 s and 50.1 s: 150.1 / 3 = 50.0333 → 50
    const t = emptySums();
    for (const w of [50_000, 50_000, 50_100]) addTicket(t, ticket('no_show', { issued: 0, called: w }));
    expect(figuresOf(t, ms(50_000, 50_000, 50_100), 0).avgWaitSeconds).toBe(50);
  });
});
