// Day close: at the first command of a new service day, yesterday's open tickets expire and the
// day's summary is frozen in day_summaries, once.
import type { DayStats } from '@luot/shared';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EngineFixture, expectLuotError, local } from '../../test/engine-fixture.ts';
import { closeDay } from './day.ts';
import { type Actor, Engine, EngineCtx, SYSTEM, tickets } from './index.ts';

const D1 = '2025-03-10';
const D2 = '2025-03-11';

let f: EngineFixture;
let o1: Actor;
let o2: Actor;
let o3: Actor;
beforeEach(() => {
  f = new EngineFixture();
  o1 = f.o(1);
  o2 = f.o(2);
  o3 = f.o(3);
  f.signIn(o1, 'c1', local(D1, '07:00'));
  f.signIn(o2, 'c2', local(D1, '07:00'));
  f.signIn(o3, 'c3', local(D1, '07:00'));
});
afterEach(() => f.close());

const summaries = () =>
  f.store
    .sql<{ service_day: string; closed_at: number; summary: string; upload_state: string }>(
      'SELECT * FROM day_summaries ORDER BY service_day',
    )
    .all();

/** Day D1: 7 tickets; 2 done, 1 no-show, 1 cancelled, and 3 left open (waiting, called, serving). */
function walkDay1() {
  const at = (time: string) => local(D1, time);
  const a = f.issue(at('08:00'), 'hotich');
  const b = f.issue(at('08:01'), 'hotich');
  const c = f.issue(at('08:02'), 'chungthuc');
  const d = f.issue(at('08:03'), 'chungthuc');
  const e = f.issue(at('08:04'), 'hotich');
  const g = f.issue(at('08:05'), 'hotich');
  const h = f.issue(at('08:06'), 'hotich');
  expect(f.serveNext(o1, 'c1', at('08:10'), 5 * 60_000, ['hotich-1']).id).toBe(a.id);
  f.callTicket(o3, 'c3', c.id, at('08:10'));
  f.finish(o3, c.id, { procedureIds: ['chungthuc-1'] }, at('08:13'));
  expect(f.ticket(a.id).status).toBe('done');
  expect(f.ticket(c.id).status).toBe('done');
  f.callTicket(o2, 'c2', b.id, at('08:20'));
  f.noShow(o2, b.id, at('08:22'));
  f.cancel(o1, g.id, at('08:30'));
  f.callTicket(o1, 'c1', e.id, at('09:00')); // left called
  f.callTicket(o3, 'c3', d.id, at('09:00'));
  f.start(o3, d.id, at('09:01')); // left serving
  return { a, b, c, d, e, g, h }; // h left waiting
}

describe('day close', () => {
  it('expires yesterday’s open tickets at the first command of the new day and freezes the summary', () => {
    const { a, b, c, d, e, g, h } = walkDay1();
    // Late the same evening nothing is closed yet.
    f.issue(local(D1, '23:59:59.999'), 'datdai');
    expect(summaries()).toEqual([]);
    expect(f.ticket(h.id).status).toBe('waiting');

    const morning = local(D2, '07:00');
    const { result, changes } = f.runWithChanges(
      f.kiosk,
      (ctx) => tickets.issueTicket(ctx, { serviceId: 'hotich' }),
      morning,
    );
    // The close comes first, as its own change set, then the command.
    expect(changes.map((c) => c.reason)).toEqual(['day:closed', 'test']);
    expect([...changes[0]!.tickets].sort()).toEqual(
      [
        d.id,
        e.id,
        h.id,
        f.store.sql<{ id: string }>(`SELECT id FROM tickets WHERE service_id = 'datdai'`).get()!.id,
      ].sort(),
    );
    const next = f.ticket(result.ticketId);
    expect([next.serviceDay, next.number]).toEqual([D2, 1001]);

    const status = (id: string) => f.ticket(id).status;
    expect([a, b, c, d, e, g, h].map((t) => status(t.id))).toEqual([
      'done',
      'no_show',
      'done',
      'expired',
      'expired',
      'cancelled',
      'expired',
    ]);
    expect(f.ticket(h.id).targetCounterId).toBeNull();

    const rows = summaries();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ service_day: D1, closed_at: morning, upload_state: 'pending' });
    const summary = JSON.parse(rows[0]!.summary) as DayStats;
    expect(summary).toMatchObject({
      date: D1,
      frozen: true,
      issued: 8,
      served: 2,
      noShow: 1,
      cancelled: 1,
      expired: 4,
      waiting: 0,
    });
    // The frozen summary is exactly the day's statistics as they stand after the close.
    expect(summary).toEqual({ ...f.stats(D1), frozen: true });
    const closed = f.events().filter((ev) => ev.type === 'day.closed');
    expect(closed).toHaveLength(1);
    expect(JSON.parse(closed[0]!.data!)).toEqual({ day: D1, expired: 4, issued: 8 });
    expect(f.expectGaplessLog()).toBe(f.count('SELECT COUNT(*) AS n FROM ticket_events'));
  });

  it('closes at local midnight (17:00 UTC), not before', () => {
    const h = f.issue(local(D1, '16:00'), 'hotich');
    f.issue(Date.parse('2025-03-10T16:59:59.999Z'), 'hotich');
    expect(f.ticket(h.id).status).toBe('waiting');
    expect(summaries()).toEqual([]);
    f.issue(Date.parse('2025-03-10T17:00:00.000Z'), 'hotich');
    expect(f.ticket(h.id).status).toBe('expired');
    expect(summaries().map((r) => r.service_day)).toEqual([D1]);
  });

  it('closes once: later commands, a second check and a restarted engine add nothing', () => {
    walkDay1();
    f.issue(local(D2, '07:00'), 'hotich');
    f.issue(local(D2, '07:01'), 'hotich');
    expect(f.engine.closePastDays(local(D2, '07:02'))).toBeNull();
    const restarted = new Engine(f.store, (day) => f.stats(day));
    expect(restarted.closePastDays(local(D2, '08:00'))).toBeNull();
    restarted.run(f.kiosk, 'test', local(D2, '08:01'), (ctx) =>
      tickets.issueTicket(ctx, { serviceId: 'chungthuc' }),
    );
    expect(summaries()).toHaveLength(1);
    expect(f.events().filter((ev) => ev.type === 'day.closed')).toHaveLength(1);
    expect(f.count(`SELECT COUNT(*) AS n FROM tickets WHERE status = 'expired'`)).toBe(3);
  });

  it('closeDay itself does nothing for a closed day and refuses a day that is not over', () => {
    walkDay1();
    f.issue(local(D2, '07:00'), 'hotich');
    const before = { events: f.expectGaplessLog(), summaries: summaries() };
    const ctx = new EngineCtx(f.store, local(D2, '08:00'), SYSTEM, 'test');
    expect(f.store.tx(() => closeDay(ctx, D1, (day) => f.stats(day)))).toBe(false);
    expect(() => f.store.tx(() => closeDay(ctx, D2, (day) => f.stats(day)))).toThrow(/not over/);
    expect(ctx.change.empty).toBe(true);
    expect({ events: f.expectGaplessLog(), summaries: summaries() }).toEqual(before);
  });

  it('a hub that was off for days closes each day that had tickets, and only those', () => {
    f.issue(local(D1, '08:00'), 'hotich');
    // Off on D2 and D3; the next command is on 2025-03-13.
    f.issue(local('2025-03-13', '07:30'), 'hotich');
    expect(summaries().map((r) => r.service_day)).toEqual([D1]);
    f.issue(local('2025-03-13', '08:00'), 'hotich');
    f.issue(local('2025-03-20', '08:00'), 'hotich');
    expect(summaries().map((r) => r.service_day)).toEqual([D1, '2025-03-13']);
    const second = JSON.parse(summaries()[1]!.summary) as DayStats;
    expect([second.issued, second.expired]).toEqual([2, 2]);
  });

  it('a day with nothing left open is still summarised, with nothing expired', () => {
    const a = f.issue(local(D1, '08:00'), 'hotich');
    f.serveNext(o1, 'c1', local(D1, '08:01'), 60_000, ['hotich-2']);
    f.rate(f.citizen, a.id, 4, local(D1, '08:03'));
    f.issue(local(D2, '08:00'), 'hotich');
    const summary = JSON.parse(summaries()[0]!.summary) as DayStats;
    expect(summary).toMatchObject({ issued: 1, served: 1, expired: 0, frozen: true });
    expect(summary.ratings).toEqual({ '1': 0, '2': 0, '3': 0, '4': 1 });
    expect(summary.byProcedure).toEqual([{ procedureId: 'hotich-2', count: 1 }]);
    expect(f.events().filter((ev) => ev.type === 'ticket.expired')).toEqual([]);
  });

  it('a counter whose called ticket expired can call the new day’s line', () => {
    const { e } = walkDay1();
    const fresh = f.issue(local(D2, '07:30'), 'hotich');
    expect(f.ticket(e.id).status).toBe('expired');
    expect(f.store.counters().find((c) => c.id === 'c1')?.currentTicket).toBeNull();
    expect(f.callNext(o1, 'c1', local(D2, '07:31'))?.id).toBe(fresh.id);
  });

  it('a no-show cannot be reinstated across midnight, even within the grace period', () => {
    const b = f.issue(local(D1, '23:40'), 'hotich');
    f.callNext(o1, 'c1', local(D1, '23:50'));
    f.noShow(o1, b.id, local(D1, '23:55'));
    expectLuotError(() => f.reinstate(o1, b.id, local(D2, '00:05')), 'conflict');
    expect(f.ticket(b.id).status).toBe('no_show');
    // The no-show stays a no-show in the frozen summary.
    expect(JSON.parse(summaries()[0]!.summary)).toMatchObject({ noShow: 1, expired: 0 });
  });
});
