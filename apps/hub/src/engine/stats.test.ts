// Day statistics (stats.ts) over a day walked by hand, every number worked out below.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EngineFixture, local } from '../../test/engine-fixture.ts';
import type { Actor } from './index.ts';

const DAY = '2025-03-10';
const at = (time: string) => local(DAY, time);

let f: EngineFixture;
let o1: Actor;
let o2: Actor;
let o3: Actor;
beforeEach(() => {
  f = new EngineFixture();
  o1 = f.o(1);
  o2 = f.o(2);
  o3 = f.o(3);
});
afterEach(() => f.close());

/**
 * ticket  field      issued  called  started finished  wait  service  procedures        rating
 * A 1001  hotich     08:00   08:02   08:03   08:13     120   600      hotich-1, -2      4 (c1)
 * B 1002  hotich     08:05   08:08   08:09   08:18     180   540      hotich-1          3 (c2)
 * C 2001  chungthuc  08:10   08:14   08:15   08:20     240   300      chungthuc-1       4 (c3)
 * D 2002  chungthuc  08:20   08:30   no-show 08:32     600   -                          (c1)
 * E 1003  hotich     09:30   09:31   09:32   10:02      60   1800     hotich-1, -5      -  (c2)
 * F 1004  hotich     09:40   09:52   09:53   09:57     720   240      hotich-3          1 (c3)
 * G 2003  chungthuc  10:00   cancelled 10:05 (never called)
 * H 1005  hotich     10:30   still waiting
 */
function walkDay() {
  f.signIn(o1, 'c1', at('07:55'));
  f.signIn(o2, 'c2', at('07:55'));
  f.signIn(o3, 'c3', at('07:55'));
  const A = f.issue(at('08:00'), 'hotich');
  f.callTicket(o1, 'c1', A.id, at('08:02'));
  f.start(o1, A.id, at('08:03'));
  const B = f.issue(at('08:05'), 'hotich');
  f.callTicket(o2, 'c2', B.id, at('08:08'));
  f.start(o2, B.id, at('08:09'));
  const C = f.issue(at('08:10'), 'chungthuc');
  f.finish(o1, A.id, { procedureIds: ['hotich-1', 'hotich-2'] }, at('08:13'));
  f.rate(f.pad1, A.id, 4, at('08:13:30'));
  f.callTicket(o3, 'c3', C.id, at('08:14'));
  f.start(o3, C.id, at('08:15'));
  f.finish(o2, B.id, { procedureIds: ['hotich-1'] }, at('08:18'));
  f.rate(f.citizen, B.id, 3, at('08:18:30'));
  const D = f.issue(at('08:20'), 'chungthuc');
  f.finish(o3, C.id, { procedureIds: ['chungthuc-1'] }, at('08:20'));
  f.rate(f.citizen, C.id, 4, at('08:21'));
  f.callTicket(o1, 'c1', D.id, at('08:30'));
  f.noShow(o1, D.id, at('08:32'));
  const E = f.issue(at('09:30'), 'hotich');
  f.callTicket(o2, 'c2', E.id, at('09:31'));
  f.start(o2, E.id, at('09:32'));
  const F = f.issue(at('09:40'), 'hotich');
  f.callTicket(o3, 'c3', F.id, at('09:52'));
  f.start(o3, F.id, at('09:53'));
  f.finish(o3, F.id, { procedureIds: ['hotich-3'] }, at('09:57'));
  f.rate(f.citizen, F.id, 1, at('09:58'));
  const G = f.issue(at('10:00'), 'chungthuc');
  f.finish(o2, E.id, { procedureIds: ['hotich-5', 'hotich-1'] }, at('10:02'));
  f.cancel(o1, G.id, at('10:05'));
  const H = f.issue(at('10:30'), 'hotich');
  return { A, B, C, D, E, F, G, H };
}

describe('day statistics', () => {
  it('gives the hand-computed numbers for a walked day', () => {
    const { H } = walkDay();
    expect(f.ticket(H.id).number).toBe(1005);
    const s = f.stats(DAY);
    expect(s).toMatchObject({
      date: DAY,
      issued: 8,
      served: 5,
      noShow: 1,
      cancelled: 1,
      expired: 0,
      waiting: 1,
      // (120 + 180 + 240 + 600 + 60 + 720) / 6
      avgWaitSeconds: 320,
      // nearest rank: ceil(0.9 x 6) = 6th of 60, 120, 180, 240, 600, 720
      p90WaitSeconds: 720,
      // (600 + 540 + 300 + 1800 + 240) / 5
      avgServiceSeconds: 696,
      frozen: false,
    });
    expect(s.byService).toEqual([
      // C, D, G: waits 240, 600; service 300
      {
        serviceId: 'chungthuc',
        issued: 3,
        served: 1,
        noShow: 1,
        avgWaitSeconds: 420,
        avgServiceSeconds: 300,
      },
      // A, B, E, F, H: waits 120, 180, 60, 720; services 600, 540, 1800, 240
      { serviceId: 'hotich', issued: 5, served: 4, noShow: 0, avgWaitSeconds: 270, avgServiceSeconds: 795 },
    ]);
    expect(s.byCounter).toEqual([
      { counterId: 'c1', issued: 2, served: 1, noShow: 1, avgWaitSeconds: 360, avgServiceSeconds: 600 },
      { counterId: 'c2', issued: 2, served: 2, noShow: 0, avgWaitSeconds: 120, avgServiceSeconds: 1170 },
      { counterId: 'c3', issued: 2, served: 2, noShow: 0, avgWaitSeconds: 480, avgServiceSeconds: 270 },
    ]);
    const byOfficer = new Map(s.byOfficer.map(({ officerId, ...rest }) => [officerId, rest]));
    expect(byOfficer.size).toBe(3);
    expect(byOfficer.get(o1.userId!)).toEqual({
      issued: 2,
      served: 1,
      noShow: 1,
      avgWaitSeconds: 360,
      avgServiceSeconds: 600,
    });
    expect(byOfficer.get(o2.userId!)?.avgServiceSeconds).toBe(1170);
    expect(byOfficer.get(o3.userId!)?.avgWaitSeconds).toBe(480);
    expect(s.byProcedure).toEqual([
      { procedureId: 'hotich-1', count: 3 },
      { procedureId: 'chungthuc-1', count: 1 },
      { procedureId: 'hotich-2', count: 1 },
      { procedureId: 'hotich-3', count: 1 },
      { procedureId: 'hotich-5', count: 1 },
    ]);
    // Local hours: issued A B C D | E F | G H; finished A B C | F | E.
    expect(s.byHour).toEqual([
      { hour: 8, issued: 4, served: 3 },
      { hour: 9, issued: 2, served: 1 },
      { hour: 10, issued: 2, served: 1 },
    ]);
    expect(s.ratings).toEqual({ '1': 1, '2': 0, '3': 1, '4': 2 });
  });

  it('counts a transferred ticket once, in its new field, with the wait to its last call', () => {
    f.signIn(o1, 'c1', at('07:55'));
    f.signIn(o3, 'c3', at('07:55'));
    const A = f.issue(at('08:00'), 'hotich');
    f.callNext(o1, 'c1', at('08:01'));
    f.transfer(o1, A.id, { serviceId: 'chungthuc' }, at('08:02'));
    f.callTicket(o3, 'c3', A.id, at('08:05'));
    f.finish(o3, A.id, { procedureIds: ['chungthuc-2'] }, at('08:07'));
    const s = f.stats(DAY);
    expect(s).toMatchObject({ issued: 1, served: 1, avgWaitSeconds: 300, p90WaitSeconds: 300 });
    // Finished from "called": service counted from the call, 2 minutes.
    expect(s.avgServiceSeconds).toBe(120);
    expect(s.byService).toEqual([
      {
        serviceId: 'chungthuc',
        issued: 1,
        served: 1,
        noShow: 0,
        avgWaitSeconds: 300,
        avgServiceSeconds: 120,
      },
    ]);
    expect(s.byCounter.map((c) => c.counterId)).toEqual(['c3']);
  });

  it('an empty day is all zeros and nulls', () => {
    walkDay();
    const s = f.stats('2025-03-09');
    expect(s).toEqual({
      date: '2025-03-09',
      issued: 0,
      served: 0,
      noShow: 0,
      cancelled: 0,
      expired: 0,
      waiting: 0,
      avgWaitSeconds: null,
      p90WaitSeconds: null,
      avgServiceSeconds: null,
      byService: [],
      byCounter: [],
      byOfficer: [],
      byProcedure: [],
      byHour: [],
      ratings: { '1': 0, '2': 0, '3': 0, '4': 0 },
      frozen: false,
    });
  });

  it('freezes the same numbers at day close, with the waiting ticket expired', () => {
    walkDay();
    const before = f.stats(DAY);
    f.issue(local('2025-03-11', '07:00'), 'hotich');
    const row = f.store.st.daySummary.get(DAY)!;
    const frozen = JSON.parse(row.summary);
    expect(frozen).toEqual({ ...before, waiting: 0, expired: 1, frozen: true });
  });
});
