// The event log: every command appends ticket_events rows with a gapless, increasing seq, in
// the same transaction as the change; a failing command leaves neither an event nor a change.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Clock, EngineFixture, expectLuotError, local } from '../../test/engine-fixture.ts';
import { type Actor, counters, type EngineCtx, tickets } from './index.ts';

const DAY = '2025-03-10';
const at = (time: string) => local(DAY, time);

let f: EngineFixture;
let o1: Actor;
let o2: Actor;
beforeEach(() => {
  f = new EngineFixture();
  o1 = f.o(1);
  o2 = f.o(2);
});
afterEach(() => f.close());

/** Everything a command could change, to compare before and after a refused one. */
function snapshot() {
  return {
    tickets: f.store.sql('SELECT * FROM tickets ORDER BY id').all(),
    counters: f.store.sql('SELECT * FROM counters ORDER BY id').all(),
    procedures: f.store.sql('SELECT * FROM ticket_procedures ORDER BY ticket_id, procedure_id').all(),
    keys: f.store.sql('SELECT * FROM command_keys ORDER BY key').all(),
    events: f.count('SELECT COUNT(*) AS n FROM ticket_events'),
    seq: f.store.lastSeq(),
  };
}

describe('event log', () => {
  it('a walked day and the next morning leave a gapless log whose change sets match the rows', () => {
    const clock = new Clock(at('07:00'));
    const seen: { fromSeq: number; seq: number }[] = [];
    const step = <T>(actor: Actor, fn: (ctx: EngineCtx) => T, now: number): T => {
      const before = f.store.lastSeq();
      const { result, changes } = f.runWithChanges(actor, fn, now);
      const after = f.store.lastSeq();
      for (const change of changes) seen.push({ fromSeq: change.fromSeq, seq: change.seq });
      // The change sets cover exactly the rows this command appended, in order.
      if (after > before) {
        expect(changes[0]?.fromSeq).toBe(before + 1);
        expect(changes.at(-1)?.seq).toBe(after);
      } else {
        expect(changes).toEqual([]);
      }
      return result;
    };
    step(o1, () => null, clock.now); // a command that changes nothing logs nothing
    step(o1, (ctx) => counters.signIn(ctx, 'c1'), clock.tick());
    step(o2, (ctx) => counters.signIn(ctx, 'c2'), clock.tick());
    const ids: string[] = [];
    for (let i = 0; i < 8; i++) {
      ids.push(
        step(f.kiosk, (ctx) => tickets.issueTicket(ctx, { serviceId: 'hotich' }).ticketId, clock.tick()),
      );
    }
    for (let i = 0; i < 3; i++) {
      const id = step(o1, (ctx) => tickets.callNext(ctx, 'c1'), clock.tick())!;
      step(o1, (ctx) => tickets.recall(ctx, id), clock.tick());
      step(o1, (ctx) => tickets.start(ctx, id), clock.tick());
      step(o1, (ctx) => tickets.finish(ctx, id, { procedureIds: ['hotich-1'] }), clock.tick());
      step(f.citizen, (ctx) => tickets.rate(ctx, id, 4), clock.tick());
    }
    const ns = step(o2, (ctx) => tickets.callNext(ctx, 'c2'), clock.tick())!;
    step(o2, (ctx) => tickets.noShow(ctx, ns), clock.tick());
    step(o2, (ctx) => tickets.reinstate(ctx, ns), clock.tick());
    step(o2, (ctx) => tickets.callNext(ctx, 'c2'), clock.tick());
    step(o2, (ctx) => tickets.transfer(ctx, ns, { serviceId: 'chungthuc' }), clock.tick());
    step(f.admin, (ctx) => tickets.cancel(ctx, ids[7]!), clock.tick());
    // Next morning: the day close and the first command both log.
    step(f.kiosk, (ctx) => tickets.issueTicket(ctx, { serviceId: 'hotich' }), local('2025-03-11', '07:30'));

    const events = f.events();
    const n = f.expectGaplessLog();
    expect(events.map((e) => e.seq)).toEqual(Array.from({ length: n }, (_, i) => i + 1));
    // Times never go backwards either.
    for (let i = 1; i < events.length; i++) expect(events[i]!.at).toBeGreaterThanOrEqual(events[i - 1]!.at);
    // One change set per command (the day close is one set of 5 rows) tiling 1..n without overlap.
    expect(seen).toHaveLength(n - 4);
    expect(seen[0]!.fromSeq).toBe(1);
    expect(seen.at(-1)!.seq).toBe(n);
    for (let i = 1; i < seen.length; i++) expect(seen[i]!.fromSeq).toBe(seen[i - 1]!.seq + 1);
    // Expected rows: 2 sign-ins, 8 issues, 3 x 5, no-show cycle 5, cancel 1, then 4 expired + day.closed + issue.
    expect(n).toBe(2 + 8 + 15 + 5 + 1 + 4 + 1 + 1);
    const tail = events.slice(-6).map((e) => e.type);
    expect(tail).toEqual([
      'ticket.expired',
      'ticket.expired',
      'ticket.expired',
      'ticket.expired',
      'day.closed',
      'ticket.issued',
    ]);
  });

  it('records who acted, where and when', () => {
    f.signIn(o1, 'c1', at('07:00'));
    const a = f.issue(at('08:00'), 'hotich');
    f.callNext(o1, 'c1', at('08:01'));
    const [signIn, issued, called] = f.events();
    expect(signIn).toMatchObject({
      type: 'counter.signed_in',
      counter_id: 'c1',
      user_id: o1.userId,
      at: at('07:00'),
    });
    expect(issued).toMatchObject({
      type: 'ticket.issued',
      ticket_id: a.id,
      device_id: f.kiosk.deviceId,
      user_id: null,
      at: at('08:00'),
    });
    expect(called).toMatchObject({
      type: 'ticket.called',
      ticket_id: a.id,
      counter_id: 'c1',
      user_id: o1.userId,
    });
  });

  it('refused commands change nothing and log nothing', () => {
    f.signIn(o1, 'c1', at('07:00'));
    f.signIn(o2, 'c2', at('07:00'));
    const a = f.issue(at('08:00'), 'hotich');
    const c = f.issue(at('08:01'), 'chungthuc');
    f.callNext(o1, 'c1', at('08:02'));
    f.start(o1, a.id, at('08:03'));
    const before = snapshot();
    const now = at('08:04');
    expectLuotError(
      () => f.finish(o1, a.id, { procedureIds: ['hotich-1', 'chungthuc-1'] }, now),
      'validation_failed',
    );
    expectLuotError(() => f.callNext(o1, 'c1', now), 'conflict');
    expectLuotError(() => f.callTicket(o2, 'c2', c.id, now), 'conflict');
    expectLuotError(() => f.noShow(o1, a.id, now), 'conflict');
    expectLuotError(() => f.transfer(o1, a.id, { serviceId: 'hotich' }, now), 'validation_failed');
    expectLuotError(() => f.start(o2, a.id, now), 'forbidden');
    expectLuotError(() => f.issue(now, 'nope'), 'not_found');
    expectLuotError(() => f.issue(now, 'hotich', { procedureId: 'datdai-1' }), 'validation_failed');
    expectLuotError(() => f.signIn(o2, 'c1', now), 'conflict');
    expectLuotError(() => f.rate(f.citizen, a.id, 4, now), 'conflict');
    expect(snapshot()).toEqual(before);
  });

  it('a command that fails half-way is rolled back whole: no ticket, no number, no event', () => {
    f.signIn(o1, 'c1', at('07:00'));
    const before = snapshot();
    // Issue, then fail at call-next (o2 is signed in nowhere): both undone.
    expectLuotError(
      () =>
        f.run(
          o2,
          (ctx) => {
            tickets.issueTicket(ctx, { serviceId: 'hotich', idempotencyKey: 'half-way-1' });
            return tickets.callNext(ctx, 'c1');
          },
          at('08:00'),
        ),
      'forbidden',
    );
    expect(() =>
      f.run(
        f.kiosk,
        (ctx) => {
          tickets.issueTicket(ctx, { serviceId: 'chungthuc' });
          throw new Error('power cut in the middle');
        },
        at('08:01'),
      ),
    ).toThrow('power cut');
    expect(snapshot()).toEqual(before);
    // The log goes on without a gap and the numbers were not used up (they were never shown).
    const h = f.issue(at('08:02'), 'hotich');
    expect(h.number).toBe(1001);
    expect(f.expectGaplessLog()).toBe(before.events + 1);
    expect(f.store.lastSeq()).toBe(before.seq + 1);
  });
});
