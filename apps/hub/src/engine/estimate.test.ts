// People ahead and estimated wait (engine/estimate.ts). Demo means: HOTICH 9 min, CHUNGTHUC 4 min.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Clock, EngineFixture, local, MINUTE } from '../../test/engine-fixture.ts';
import { counters, estimator } from './index.ts';

const DAY = '2025-03-10';
const at = (time: string) => local(DAY, time);

let f: EngineFixture;
let estimate: ReturnType<typeof estimator>;
beforeEach(() => {
  f = new EngineFixture();
  estimate = estimator(f.store, 20);
});
afterEach(() => f.close());

const of = (id: string) => estimate(f.store.ticketRow(id)!);

describe('waitingAhead', () => {
  it('counts earlier tickets of the same field, and every priority ticket ahead of a normal one', () => {
    const h1 = f.issue(at('08:00'), 'hotich');
    const h2 = f.issue(at('08:01'), 'hotich');
    const h3 = f.issue(at('08:02'), 'hotich');
    // Nobody signed in: the estimate assumes one server. 540 s per person.
    expect(of(h1.id)).toEqual({ waitingAhead: 0, estimatedWaitMinutes: 0 });
    expect(of(h3.id)).toEqual({ waitingAhead: 2, estimatedWaitMinutes: 18 });

    const p1 = f.issue(at('08:03'), 'hotich', { priority: 'elderly' });
    expect(of(p1.id)).toEqual({ waitingAhead: 0, estimatedWaitMinutes: 0 });
    expect(of(h1.id)).toEqual({ waitingAhead: 1, estimatedWaitMinutes: 9 });
    expect(of(h3.id)).toEqual({ waitingAhead: 3, estimatedWaitMinutes: 27 });

    const p2 = f.issue(at('08:04'), 'hotich', { priority: 'disabled' });
    // A priority ticket has only earlier priority tickets ahead of it.
    expect(of(p2.id)).toEqual({ waitingAhead: 1, estimatedWaitMinutes: 9 });
    expect(of(h2.id)).toEqual({ waitingAhead: 3, estimatedWaitMinutes: 27 });

    // Another field's line is separate (and has its own mean: 240 s).
    const c1 = f.issue(at('08:05'), 'chungthuc');
    const c2 = f.issue(at('08:06'), 'chungthuc');
    expect(of(c1.id)).toEqual({ waitingAhead: 0, estimatedWaitMinutes: 0 });
    expect(of(c2.id)).toEqual({ waitingAhead: 1, estimatedWaitMinutes: 4 });
    expect(of(h3.id).waitingAhead).toBe(4);
  });

  it('drops tickets that left the line, and is zero for a ticket not waiting', () => {
    const o1 = f.o(1);
    f.signIn(o1, 'c1', at('07:00'));
    const h1 = f.issue(at('08:00'), 'hotich');
    const h2 = f.issue(at('08:01'), 'hotich');
    const h3 = f.issue(at('08:02'), 'hotich');
    expect(of(h3.id).waitingAhead).toBe(2);
    f.callNext(o1, 'c1', at('08:03'));
    expect(of(h1.id)).toEqual({ waitingAhead: 0, estimatedWaitMinutes: 0 });
    expect(of(h3.id).waitingAhead).toBe(1);
    f.cancel(o1, h2.id, at('08:04'));
    expect(of(h3.id).waitingAhead).toBe(0);
    expect(of(h2.id)).toEqual({ waitingAhead: 0, estimatedWaitMinutes: 0 });
  });
});

describe('estimatedWaitMinutes', () => {
  it('divides by the counters open (or paused) for the field', () => {
    f.issue(at('08:00'), 'hotich');
    f.issue(at('08:01'), 'hotich');
    f.issue(at('08:02'), 'hotich');
    const h4 = f.issue(at('08:03'), 'hotich');
    // 3 ahead x 540 s = 27 min of work.
    expect(of(h4.id).estimatedWaitMinutes).toBe(27);
    f.signIn(f.o(1), 'c1', at('08:04'));
    f.signIn(f.o(2), 'c2', at('08:04'));
    expect(of(h4.id).estimatedWaitMinutes).toBe(14); // 13.5 rounded up
    f.run(f.o(2), (ctx) => counters.pause(ctx, 'c2', undefined), at('08:05'));
    expect(of(h4.id).estimatedWaitMinutes).toBe(14);
    f.signIn(f.o(3), 'c3', at('08:06'));
    expect(of(h4.id).estimatedWaitMinutes).toBe(9);
    // A counter of other fields does not help this line.
    f.signIn(f.o(6), 'c6', at('08:07'));
    expect(of(h4.id).estimatedWaitMinutes).toBe(9);
    f.run(f.o(2), (ctx) => counters.signOut(ctx, 'c2'), at('08:08'));
    expect(of(h4.id).estimatedWaitMinutes).toBe(14);
  });

  it('moves from the configured mean toward measured service times, over the recent sample', () => {
    const o2 = f.o(2);
    // Only c2 (HOTICH) opens: one server.
    f.signIn(o2, 'c2', at('07:00'));
    const ids = Array.from({ length: 10 }, (_, i) => f.issue(at('08:00') + i * MINUTE, 'hotich').id);
    const last = ids[9]!;
    expect(of(last)).toEqual({ waitingAhead: 9, estimatedWaitMinutes: 81 });
    const durations = [60, 120, 180, 240, 300];
    const expected = [
      // 1 measured (avg 60 s): 0.2 x 60 + 0.8 x 540 = 444 s; 8 ahead: 59.2 min
      60,
      // 2 measured (avg 90 s): 0.4 x 90 + 0.6 x 540 = 360 s; 7 ahead: 42 min
      42,
      // 3 measured (avg 120 s): 0.6 x 120 + 0.4 x 540 = 288 s; 6 ahead: 28.8 min
      29,
      // 4 measured (avg 150 s): 0.8 x 150 + 0.2 x 540 = 228 s; 5 ahead: 19 min
      19,
      // 5 measured (avg 180 s): the measured mean alone; 4 ahead: 12 min
      12,
    ];
    const clock = new Clock(at('09:00'));
    durations.forEach((seconds, i) => {
      const served = f.serveNext(o2, 'c2', clock.tick(10 * MINUTE), seconds * 1000, ['hotich-1'], 30_000);
      expect(served.id).toBe(ids[i]);
      expect(of(last)).toEqual({ waitingAhead: 8 - i, estimatedWaitMinutes: expected[i] });
    });
    // With a sample of 2, only the two most recent count (240 s, 300 s: 270 s), weighted 2/5:
    // 0.4 x 270 + 0.6 x 540 = 432 s; 4 ahead: 28.8 min.
    expect(estimator(f.store, 2)(f.store.ticketRow(last)!)).toEqual({
      waitingAhead: 4,
      estimatedWaitMinutes: 29,
    });
    // The other field's estimate still uses its configured mean (240 s).
    f.issue(at('10:00'), 'chungthuc');
    const c2 = f.issue(at('10:01'), 'chungthuc');
    expect(of(c2.id)).toEqual({ waitingAhead: 1, estimatedWaitMinutes: 4 });
  });
});
