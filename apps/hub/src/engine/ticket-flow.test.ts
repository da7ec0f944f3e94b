// A ticket's life at a counter: call (next or chosen), recall, start, finish, no-show and
// reinstate, transfer, cancel, rating.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EngineFixture, expectLuotError, local, MINUTE } from '../../test/engine-fixture.ts';
import { type Actor, tickets } from './index.ts';

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
  f.signIn(o1, 'c1', at('07:00'));
  f.signIn(o2, 'c2', at('07:00'));
  f.signIn(o3, 'c3', at('07:00'));
});
afterEach(() => f.close());

describe('call a chosen ticket', () => {
  it('calls the chosen waiting ticket out of order', () => {
    f.issue(at('08:00'), 'hotich');
    f.issue(at('08:01'), 'hotich');
    const third = f.issue(at('08:02'), 'hotich');
    const called = f.callTicket(o1, 'c1', third.id, at('08:05'));
    expect(called.status).toBe('called');
    expect(called.counterId).toBe('c1');
    expect(called.counterNumber).toBe(1);
    expect(called.officerId).toBe(o1.userId);
    expect(called.calledAt).toBe(new Date(at('08:05')).toISOString());
    expect(f.eventTypesOf(third.id)).toEqual(['ticket.issued', 'ticket.called_specific']);
    // The others are still in line, oldest first.
    f.finish(o1, third.id, { procedureIds: ['hotich-1'] }, at('08:06'));
    expect(f.callNext(o1, 'c1', at('08:07'))?.displayNumber).toBe('1001');
  });

  it('refuses a ticket of a field the counter does not serve, and one that is not waiting', () => {
    const c = f.issue(at('08:00'), 'chungthuc');
    expectLuotError(() => f.callTicket(o2, 'c2', c.id, at('08:01')), 'conflict');
    expect(f.ticket(c.id).status).toBe('waiting');
    f.callTicket(o3, 'c3', c.id, at('08:02'));
    // Already called at c3: c1 (which serves CHUNGTHUC) cannot take it.
    expectLuotError(() => f.callTicket(o1, 'c1', c.id, at('08:03')), 'conflict');
    expectLuotError(() => f.callTicket(o1, 'c1', 'no-such-ticket', at('08:03')), 'not_found');
    expect(f.ticket(c.id).counterId).toBe('c3');
  });

  it('refuses a ticket sent to another counter', () => {
    const h = f.issue(at('08:00'), 'hotich');
    f.callNext(o1, 'c1', at('08:01'));
    f.transfer(o1, h.id, { counterId: 'c2' }, at('08:02'));
    expectLuotError(() => f.callTicket(o3, 'c3', h.id, at('08:03')), 'conflict');
    expect(f.callTicket(o2, 'c2', h.id, at('08:04')).counterId).toBe('c2');
  });
});

describe('recall and start', () => {
  it('recall counts up while called, and is refused once serving', () => {
    const h = f.issue(at('08:00'), 'hotich');
    f.callNext(o1, 'c1', at('08:01'));
    expect(f.recall(o1, h.id, at('08:02')).recallCount).toBe(1);
    // The recall is announced again (displays, LED sign) with the recall flag.
    const { changes } = f.runWithChanges(o1, (ctx) => tickets.recall(ctx, h.id), at('08:02:30'));
    expect(changes).toHaveLength(1);
    const change = changes[0]!;
    expect(change.calls).toEqual([{ seq: change.seq, ticketId: h.id, counterId: 'c1', recall: true }]);
    expect(f.ticket(h.id).recallCount).toBe(2);
    expect(f.recall(o1, h.id, at('08:03')).recallCount).toBe(3);
    expect(f.ticket(h.id).status).toBe('called');
    const started = f.start(o1, h.id, at('08:04'));
    expect(started.status).toBe('serving');
    expect(started.startedAt).toBe(new Date(at('08:04')).toISOString());
    expectLuotError(() => f.recall(o1, h.id, at('08:05')), 'conflict');
    expectLuotError(() => f.start(o1, h.id, at('08:05')), 'conflict');
    expect(f.ticket(h.id).recallCount).toBe(3);
    expect(f.eventTypesOf(h.id)).toEqual([
      'ticket.issued',
      'ticket.called',
      'ticket.recalled',
      'ticket.recalled',
      'ticket.recalled',
      'ticket.started',
    ]);
  });
});

describe('finish', () => {
  it('records two procedures and a note', () => {
    const h = f.issue(at('08:00'), 'hotich');
    f.callNext(o1, 'c1', at('08:01'));
    f.start(o1, h.id, at('08:02'));
    const done = f.finish(
      o1,
      h.id,
      { procedureIds: ['hotich-2', 'hotich-1', 'hotich-2'], note: 'thiếu bản sao CCCD' },
      at('08:12'),
    );
    expect(done.status).toBe('done');
    expect([...done.procedureIds].sort()).toEqual(['hotich-1', 'hotich-2']);
    expect(done.finishedAt).toBe(new Date(at('08:12')).toISOString());
    expect(done.startedAt).toBe(new Date(at('08:02')).toISOString());
    expect(done.note).toBe('thiếu bản sao CCCD');
    const rows = f.store
      .sql<{ procedure_id: string }>(
        'SELECT procedure_id FROM ticket_procedures WHERE ticket_id = ? ORDER BY procedure_id',
      )
      .all(h.id);
    expect(rows.map((r) => r.procedure_id)).toEqual(['hotich-1', 'hotich-2']);
    const event = f.events().at(-1)!;
    expect(event.type).toBe('ticket.finished');
    expect(JSON.parse(event.data!)).toEqual({ procedureIds: ['hotich-2', 'hotich-1'] });
    // The counter is free again.
    expect(f.store.counters().find((c) => c.id === 'c1')?.currentTicket).toBeNull();
  });

  it('finishing straight from called counts the service from the call', () => {
    const h = f.issue(at('08:00'), 'hotich');
    f.callNext(o1, 'c1', at('08:01'));
    const done = f.finish(o1, h.id, { procedureIds: ['hotich-3'] }, at('08:04'));
    expect(done.startedAt).toBe(new Date(at('08:01')).toISOString());
    expect(done.note).toBeNull();
  });

  it('refuses a procedure of another field (400) and leaves the ticket serving', () => {
    const h = f.issue(at('08:00'), 'hotich');
    f.callNext(o1, 'c1', at('08:01'));
    f.start(o1, h.id, at('08:02'));
    const seq = f.expectGaplessLog();
    const error = expectLuotError(
      () => f.finish(o1, h.id, { procedureIds: ['hotich-1', 'chungthuc-1'] }, at('08:05')),
      'validation_failed',
    );
    expect(error.message).toMatch(/^procedureIds\.1: /);
    expectLuotError(() => f.finish(o1, h.id, { procedureIds: ['nope-1'] }, at('08:05')), 'validation_failed');
    expect(f.ticket(h.id).status).toBe('serving');
    expect(f.ticket(h.id).procedureIds).toEqual([]);
    expect(f.count('SELECT COUNT(*) AS n FROM ticket_procedures')).toBe(0);
    expect(f.expectGaplessLog()).toBe(seq);
    // A finished ticket cannot be finished again.
    f.finish(o1, h.id, { procedureIds: ['hotich-1'] }, at('08:06'));
    expectLuotError(() => f.finish(o1, h.id, { procedureIds: ['hotich-1'] }, at('08:07')), 'conflict');
  });

  it('after a transfer, takes procedures of the new field only', () => {
    const h = f.issue(at('08:00'), 'hotich');
    f.callNext(o1, 'c1', at('08:01'));
    f.transfer(o1, h.id, { serviceId: 'chungthuc' }, at('08:02'));
    expect(f.callNext(o3, 'c3', at('08:03'))?.id).toBe(h.id);
    expectLuotError(
      () => f.finish(o3, h.id, { procedureIds: ['hotich-1'] }, at('08:04')),
      'validation_failed',
    );
    expect(f.finish(o3, h.id, { procedureIds: ['chungthuc-2'] }, at('08:05')).procedureIds).toEqual([
      'chungthuc-2',
    ]);
  });
});

describe('no-show and reinstate', () => {
  it('reinstates within 15 minutes: waiting, sent to the reinstating counter, called next there', () => {
    const h = f.issue(at('08:00'), 'hotich');
    f.callNext(o1, 'c1', at('08:01'));
    const gone = f.noShow(o1, h.id, at('08:02'));
    expect(gone.status).toBe('no_show');
    // Meanwhile a priority citizen arrives and the counter calls and serves them.
    const p = f.issue(at('08:03'), 'hotich', { priority: 'elderly' });
    const other = f.issue(at('08:04'), 'chungthuc', { priority: 'pregnant' });
    expect(f.callNext(o1, 'c1', at('08:05'))?.id).toBe(p.id);
    f.finish(o1, p.id, { procedureIds: ['hotich-1'] }, at('08:10'));
    // Exactly at the end of the grace period is still allowed.
    const back = f.reinstate(o1, h.id, at('08:17'));
    expect(back.status).toBe('waiting');
    expect(back.targetCounterId).toBe('c1');
    expect(back.counterId).toBeNull();
    expect(back.calledAt).toBeNull();
    expect(back.issuedAt).toBe(new Date(at('08:00')).toISOString());
    // c2 also serves HOTICH but the ticket is c1's.
    expect(f.callNext(o2, 'c2', at('08:18'))).toBeNull();
    // c1 calls it before the waiting priority ticket.
    expect(f.callNext(o1, 'c1', at('08:18'))?.id).toBe(h.id);
    expect(f.ticket(other.id).status).toBe('waiting');
    expect(f.eventTypesOf(h.id)).toEqual([
      'ticket.issued',
      'ticket.called',
      'ticket.no_show',
      'ticket.reinstated',
      'ticket.called',
    ]);
  });

  it('refuses after 15 minutes (409)', () => {
    const h = f.issue(at('08:00'), 'hotich');
    f.callNext(o1, 'c1', at('08:01'));
    f.noShow(o1, h.id, at('08:02'));
    expectLuotError(() => f.reinstate(o1, h.id, at('08:17') + 1), 'conflict');
    expect(f.ticket(h.id).status).toBe('no_show');
    expectLuotError(() => f.reinstate(o1, h.id, at('09:00')), 'conflict');
  });

  it('another counter of the field may reinstate; a counter of other fields may not', () => {
    const h = f.issue(at('08:00'), 'hotich');
    f.callNext(o1, 'c1', at('08:01'));
    f.noShow(o1, h.id, at('08:02'));
    const o6 = f.o(6);
    f.signIn(o6, 'c6', at('08:03'));
    expectLuotError(() => f.reinstate(o6, h.id, at('08:04')), 'conflict');
    expect(f.reinstate(o2, h.id, at('08:05')).targetCounterId).toBe('c2');
    expect(f.callNext(o2, 'c2', at('08:06'))?.id).toBe(h.id);
  });

  it('no-show only from called, reinstate only from no-show', () => {
    const h = f.issue(at('08:00'), 'hotich');
    expectLuotError(() => f.reinstate(o1, h.id, at('08:00')), 'conflict');
    f.callNext(o1, 'c1', at('08:01'));
    f.start(o1, h.id, at('08:02'));
    expectLuotError(() => f.noShow(o1, h.id, at('08:03')), 'conflict');
    expect(f.ticket(h.id).status).toBe('serving');
  });
});

describe('transfer', () => {
  it('to a field: waiting again in the new field, keeps its issue time and its place', () => {
    const h = f.issue(at('08:00'), 'hotich');
    const c = f.issue(at('08:05'), 'chungthuc');
    f.callNext(o2, 'c2', at('08:06'));
    f.start(o2, h.id, at('08:07'));
    const moved = f.transfer(o2, h.id, { serviceId: 'chungthuc', reason: 'sai lĩnh vực' }, at('08:10'));
    expect(moved.status).toBe('waiting');
    expect(moved.serviceId).toBe('chungthuc');
    expect(moved.issuedAt).toBe(new Date(at('08:00')).toISOString());
    expect(moved.number).toBe(1001);
    expect(moved.counterId).toBeNull();
    expect(moved.officerId).toBeNull();
    expect(moved.calledAt).toBeNull();
    expect(moved.startedAt).toBeNull();
    expect(moved.targetCounterId).toBeNull();
    // c2 (HOTICH only) is free and no longer sees it.
    expect(f.callNext(o2, 'c2', at('08:11'))).toBeNull();
    // c3 takes it before 2001, which came later.
    expect(f.callNext(o3, 'c3', at('08:12'))?.id).toBe(h.id);
    f.finish(o3, h.id, { procedureIds: ['chungthuc-1'] }, at('08:13'));
    expect(f.callNext(o3, 'c3', at('08:14'))?.id).toBe(c.id);
    const event = f.store
      .sql<{ data: string }>(`SELECT data FROM ticket_events WHERE type = 'ticket.transferred'`)
      .get()!;
    expect(JSON.parse(event.data)).toEqual({
      fromServiceId: 'hotich',
      serviceId: 'chungthuc',
      counterId: null,
      reason: 'sai lĩnh vực',
    });
  });

  it('to a counter: called there first, keeps its issue time, resets recalls', () => {
    const older = f.issue(at('07:50'), 'hotich', {}, f.o(4));
    const h = f.issue(at('08:00'), 'hotich');
    // c1 picks 1002 and recalls it once, then sends it to c2.
    f.callTicket(o1, 'c1', h.id, at('08:01'));
    f.recall(o1, h.id, at('08:02'));
    const { changes } = f.runWithChanges(
      o1,
      (ctx) => tickets.transfer(ctx, h.id, { counterId: 'c2' }),
      at('08:03'),
    );
    // Both counters hear of it (c2's screen shows the ticket sent to it).
    expect([...changes[0]!.counters].sort()).toEqual(['c1', 'c2']);
    expect([...changes[0]!.tickets]).toEqual([h.id]);
    const moved = f.ticket(h.id);
    expect(moved.status).toBe('waiting');
    expect(moved.serviceId).toBe('hotich');
    expect(moved.targetCounterId).toBe('c2');
    expect(moved.recallCount).toBe(0);
    expect(moved.issuedAt).toBe(new Date(at('08:00')).toISOString());
    // c2 calls the transferred ticket before the older 1001.
    expect(f.callNext(o2, 'c2', at('08:04'))?.id).toBe(h.id);
    expect(f.callNext(o1, 'c1', at('08:05'))?.id).toBe(older.id);
    expect(f.count('SELECT transfer_count AS n FROM tickets WHERE id = ?', h.id)).toBe(1);
  });

  it('to a counter and a field at once', () => {
    const h = f.issue(at('08:00'), 'hotich');
    f.callNext(o2, 'c2', at('08:01'));
    const moved = f.transfer(o2, h.id, { serviceId: 'chungthuc', counterId: 'c1' }, at('08:02'));
    expect([moved.serviceId, moved.targetCounterId]).toEqual(['chungthuc', 'c1']);
    expect(f.callNext(o3, 'c3', at('08:03'))).toBeNull();
    expect(f.callNext(o1, 'c1', at('08:03'))?.id).toBe(h.id);
  });

  it('refuses a transfer that goes nowhere, to an unknown place, or of a waiting ticket', () => {
    const h = f.issue(at('08:00'), 'hotich');
    const w = f.issue(at('08:01'), 'hotich');
    f.callNext(o1, 'c1', at('08:02'));
    expectLuotError(() => f.transfer(o1, h.id, { serviceId: 'hotich' }, at('08:03')), 'validation_failed');
    expectLuotError(() => f.transfer(o1, h.id, { counterId: 'c1' }, at('08:03')), 'validation_failed');
    expectLuotError(() => f.transfer(o1, h.id, { counterId: 'c99' }, at('08:03')), 'not_found');
    expectLuotError(() => f.transfer(o1, h.id, { serviceId: 'nope' }, at('08:03')), 'not_found');
    f.db.prepare(`UPDATE services SET active = 0 WHERE id = 'datdai'`).run();
    expectLuotError(() => f.transfer(o1, h.id, { serviceId: 'datdai' }, at('08:03')), 'conflict');
    // A waiting ticket is at no counter: not this officer's to move.
    expectLuotError(() => f.transfer(o1, w.id, { serviceId: 'chungthuc' }, at('08:03')), 'forbidden');
    expect(f.ticket(h.id).status).toBe('called');
    expect(f.ticket(h.id).serviceId).toBe('hotich');
  });
});

describe('cancel', () => {
  it('cancels a waiting ticket: it is never called', () => {
    const a = f.issue(at('08:00'), 'hotich');
    const b = f.issue(at('08:01'), 'hotich');
    const cancelled = f.cancel(o1, a.id, at('08:02'));
    expect(cancelled.status).toBe('cancelled');
    expect(cancelled.finishedAt).toBe(new Date(at('08:02')).toISOString());
    expect(f.callNext(o1, 'c1', at('08:03'))?.id).toBe(b.id);
    expect(f.eventTypesOf(a.id)).toEqual(['ticket.issued', 'ticket.cancelled']);
  });

  it('cancels a called ticket, which frees the counter; a done ticket cannot be cancelled', () => {
    const a = f.issue(at('08:00'), 'hotich');
    const b = f.issue(at('08:01'), 'hotich');
    f.callNext(o1, 'c1', at('08:02'));
    f.cancel(o1, a.id, at('08:03'));
    expect(f.callNext(o1, 'c1', at('08:04'))?.id).toBe(b.id);
    f.finish(o1, b.id, { procedureIds: ['hotich-1'] }, at('08:05'));
    expectLuotError(() => f.cancel(f.admin, b.id, at('08:06')), 'conflict');
    expectLuotError(() => f.cancel(f.admin, 'no-such-ticket', at('08:06')), 'not_found');
    expect(f.ticket(b.id).status).toBe('done');
  });
});

describe('rating', () => {
  it('the citizen or the rating device of the ticket’s counter rates a done ticket once; staff never', () => {
    const a = f.issue(at('08:00'), 'hotich');
    const b = f.issue(at('08:01'), 'hotich');
    f.serveNext(o1, 'c1', at('08:02'), 5 * MINUTE, ['hotich-1']);
    // Staff may not rate: not the officer who served it, nor another counter's officer.
    expectLuotError(() => f.rate(o1, a.id, 4, at('08:08')), 'forbidden');
    expectLuotError(() => f.rate(o2, a.id, 1, at('08:08')), 'forbidden');
    expect(f.rate(f.pad1, a.id, 4, at('08:08')).rating).toBe(4);
    expectLuotError(() => f.rate(f.pad1, a.id, 3, at('08:09')), 'conflict');
    expectLuotError(() => f.rate(f.citizen, a.id, 3, at('08:09')), 'conflict');
    // Not before it is done.
    f.callNext(o1, 'c1', at('08:10'));
    expectLuotError(() => f.rate(f.citizen, b.id, 2, at('08:11')), 'conflict');
    f.finish(o1, b.id, { procedureIds: ['hotich-1'] }, at('08:12'));
    expect(f.rate(f.citizen, b.id, 2, at('08:13')).rating).toBe(2);
    expect(f.ticket(a.id).rating).toBe(4);
  });

  it('within 30 minutes of finishing only', () => {
    const a = f.issue(at('08:00'), 'hotich');
    const b = f.issue(at('08:01'), 'hotich');
    f.serveNext(o1, 'c1', at('08:02'), 5 * MINUTE, ['hotich-1']); // a done at 08:07
    f.serveNext(o2, 'c2', at('08:02'), 5 * MINUTE, ['hotich-1']); // b done at 08:07
    expect(f.rate(f.citizen, a.id, 3, at('08:37')).rating).toBe(3); // exactly 30 minutes
    expectLuotError(() => f.rate(f.citizen, b.id, 3, at('08:37') + 1), 'conflict');
    expect(f.ticket(b.id).rating).toBeNull();
  });
});
