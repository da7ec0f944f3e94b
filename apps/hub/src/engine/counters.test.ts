// Counter rules: one officer per counter and one counter per officer, pause/resume, sign-out
// never loses a ticket, officers act only at their own counter, one active ticket per counter.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EngineFixture, expectLuotError, local } from '../../test/engine-fixture.ts';
import { type Actor, counters, tickets } from './index.ts';

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

const counterOf = (id: string) => f.store.counters().find((c) => c.id === id)!;

describe('sign in and out', () => {
  it('one officer per counter, one counter per officer', () => {
    f.signIn(o1, 'c1', at('07:00'));
    expect(counterOf('c1').state).toBe('open');
    expect(counterOf('c1').officer?.id).toBe(o1.userId);
    const taken = expectLuotError(() => f.signIn(o2, 'c1', at('07:01')), 'conflict');
    expect(taken.message).toContain('User o1');
    expectLuotError(() => f.signIn(o1, 'c2', at('07:02')), 'conflict');
    expect(counterOf('c2').state).toBe('closed');
    // Signing in again where one already is changes nothing and logs nothing.
    const before = f.expectGaplessLog();
    f.signIn(o1, 'c1', at('07:03'));
    expect(f.expectGaplessLog()).toBe(before);
    // After signing out, both the counter and the officer are free.
    f.run(o1, (ctx) => counters.signOut(ctx, 'c1'), at('07:04'));
    f.signIn(o1, 'c2', at('07:05'));
    f.signIn(o2, 'c1', at('07:06'));
    expect(counterOf('c1').officer?.id).toBe(o2.userId);
    expect(counterOf('c2').officer?.id).toBe(o1.userId);
  });

  it('refuses devices and unknown or inactive counters', () => {
    expectLuotError(() => f.signIn(f.kiosk, 'c1', at('07:00')), 'forbidden');
    expectLuotError(() => f.signIn(o1, 'c99', at('07:00')), 'not_found');
    f.db.prepare(`UPDATE counters SET active = 0 WHERE id = 'c7'`).run();
    expectLuotError(() => f.signIn(o1, 'c7', at('07:00')), 'not_found');
  });

  it('sign-out returns the active ticket to the line at its place, never lost', () => {
    f.signIn(o1, 'c1', at('07:00'));
    f.signIn(o2, 'c2', at('07:00'));
    const a = f.issue(at('08:00'), 'hotich');
    const b = f.issue(at('08:01'), 'hotich');
    f.callNext(o1, 'c1', at('08:02'));
    f.start(o1, a.id, at('08:03'));
    f.run(o1, (ctx) => counters.signOut(ctx, 'c1'), at('08:04'));
    const back = f.ticket(a.id);
    expect(back.status).toBe('waiting');
    expect(back.counterId).toBeNull();
    expect(back.officerId).toBeNull();
    expect(back.calledAt).toBeNull();
    expect(back.startedAt).toBeNull();
    expect(back.issuedAt).toBe(new Date(at('08:00')).toISOString());
    expect(counterOf('c1')).toMatchObject({ state: 'closed', officer: null, currentTicket: null });
    expect(
      f
        .events()
        .slice(-2)
        .map((e) => [e.type, e.ticket_id, e.counter_id]),
    ).toEqual([
      ['ticket.returned', a.id, 'c1'],
      ['counter.signed_out', null, 'c1'],
    ]);
    // Still first in line (it is older than b).
    expect(f.callNext(o2, 'c2', at('08:05'))?.id).toBe(a.id);
    expect(f.ticket(b.id).status).toBe('waiting');
  });

  it('an admin may sign out or pause any counter; another officer may not', () => {
    f.signIn(o1, 'c1', at('07:00'));
    f.signIn(o2, 'c2', at('07:00'));
    expectLuotError(() => f.run(o2, (ctx) => counters.signOut(ctx, 'c1'), at('07:01')), 'forbidden');
    expectLuotError(() => f.run(o2, (ctx) => counters.pause(ctx, 'c1', 'x'), at('07:01')), 'forbidden');
    f.run(f.admin, (ctx) => counters.pause(ctx, 'c1', 'họp'), at('07:02'));
    expect(counterOf('c1')).toMatchObject({ state: 'paused', pauseReason: 'họp' });
    f.run(f.admin, (ctx) => counters.signOut(ctx, 'c1'), at('07:03'));
    expect(counterOf('c1')).toMatchObject({ state: 'closed', officer: null, pauseReason: null });
    // Signing out a closed counter is a no-op.
    const n = f.expectGaplessLog();
    f.run(f.admin, (ctx) => counters.signOut(ctx, 'c1'), at('07:04'));
    expect(f.expectGaplessLog()).toBe(n);
  });
});

describe('pause and resume', () => {
  it('pause blocks call-next (409), resume lets it call again', () => {
    f.signIn(o1, 'c1', at('07:00'));
    const a = f.issue(at('08:00'), 'hotich');
    f.run(o1, (ctx) => counters.pause(ctx, 'c1', 'nghỉ giải lao'), at('08:01'));
    expect(counterOf('c1').state).toBe('paused');
    expect(expectLuotError(() => f.callNext(o1, 'c1', at('08:02')), 'conflict').message).toContain('paused');
    expect(expectLuotError(() => f.callTicket(o1, 'c1', a.id, at('08:02')), 'conflict').message).toContain(
      'paused',
    );
    expect(f.ticket(a.id).status).toBe('waiting');
    f.run(o1, (ctx) => counters.resume(ctx, 'c1'), at('08:10'));
    expect(counterOf('c1')).toMatchObject({ state: 'open', pauseReason: null });
    expect(f.callNext(o1, 'c1', at('08:11'))?.id).toBe(a.id);
    // Resume when not paused is refused; pause of a closed counter too.
    expectLuotError(() => f.run(o1, (ctx) => counters.resume(ctx, 'c1'), at('08:12')), 'conflict');
    expectLuotError(
      () => f.run(f.admin, (ctx) => counters.pause(ctx, 'c2', undefined), at('08:12')),
      'conflict',
    );
  });

  it('a paused counter may still finish the ticket it has', () => {
    f.signIn(o1, 'c1', at('07:00'));
    const a = f.issue(at('08:00'), 'hotich');
    f.callNext(o1, 'c1', at('08:01'));
    f.run(o1, (ctx) => counters.pause(ctx, 'c1', undefined), at('08:02'));
    expect(f.finish(o1, a.id, { procedureIds: ['hotich-1'] }, at('08:03')).status).toBe('done');
  });
});

describe('officers act only at their own counter', () => {
  it('acting on a ticket at another counter is 403', () => {
    f.signIn(o1, 'c1', at('07:00'));
    f.signIn(o2, 'c2', at('07:00'));
    const a = f.issue(at('08:00'), 'hotich');
    f.callNext(o1, 'c1', at('08:01'));
    const now = at('08:02');
    const attempts: ((actor: Actor) => unknown)[] = [
      (actor) => f.recall(actor, a.id, now),
      (actor) => f.start(actor, a.id, now),
      (actor) => f.finish(actor, a.id, { procedureIds: ['hotich-1'] }, now),
      (actor) => f.noShow(actor, a.id, now),
      (actor) => f.transfer(actor, a.id, { serviceId: 'chungthuc' }, now),
    ];
    const seq = f.expectGaplessLog();
    for (const attempt of attempts) {
      expectLuotError(() => attempt(o2), 'forbidden');
      // An officer signed in nowhere, and a device, fare no better.
      expectLuotError(() => attempt(f.o(5)), 'forbidden');
      expectLuotError(() => attempt(f.kiosk), 'forbidden');
    }
    expect(f.expectGaplessLog()).toBe(seq);
    expect(f.ticket(a.id)).toMatchObject({ status: 'called', counterId: 'c1', recallCount: 0 });
    // And calling at someone else's counter.
    expectLuotError(() => f.callNext(o2, 'c1', at('08:03')), 'forbidden');
    expectLuotError(() => f.callNext(f.admin, 'c3', at('08:03')), 'forbidden');
    expectLuotError(() => f.callNext(o2, 'c99', at('08:03')), 'not_found');
  });

  it('calling while a ticket is still active is 409', () => {
    f.signIn(o1, 'c1', at('07:00'));
    const a = f.issue(at('08:00'), 'hotich');
    const b = f.issue(at('08:01'), 'hotich');
    f.callNext(o1, 'c1', at('08:02'));
    expectLuotError(() => f.callNext(o1, 'c1', at('08:03')), 'conflict');
    expectLuotError(() => f.callTicket(o1, 'c1', b.id, at('08:03')), 'conflict');
    f.start(o1, a.id, at('08:04'));
    expectLuotError(() => f.callNext(o1, 'c1', at('08:05')), 'conflict');
    expect(f.ticket(b.id).status).toBe('waiting');
    f.run(o1, (ctx) => tickets.finish(ctx, a.id, { procedureIds: ['hotich-1'] }), at('08:06'));
    expect(f.callNext(o1, 'c1', at('08:07'))?.id).toBe(b.id);
  });

  it('a closed counter cannot call', () => {
    f.signIn(o1, 'c1', at('07:00'));
    f.issue(at('08:00'), 'hotich');
    f.run(o1, (ctx) => counters.signOut(ctx, 'c1'), at('08:01'));
    expectLuotError(() => f.callNext(o1, 'c1', at('08:02')), 'forbidden');
  });
});
