// Which ticket call-next picks: default policy (transferred here, priority, oldest) and strict field order.
// Demo counters: c1 serves HOTICH then CHUNGTHUC, c2 HOTICH, c3 CHUNGTHUC then HOTICH.
import { waitingOrder } from '@luot/shared';
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Clock, EngineFixture, local } from '../../test/engine-fixture.ts';
import type { Actor } from './index.ts';

const DAY = '2025-03-10';

let f: EngineFixture;
let o1: Actor;
let o2: Actor;
let o3: Actor;
beforeEach(() => {
  f = new EngineFixture();
  o1 = f.o(1);
  o2 = f.o(2);
  o3 = f.o(3);
  const t = local(DAY, '07:00');
  f.signIn(o1, 'c1', t);
  f.signIn(o2, 'c2', t);
  f.signIn(o3, 'c3', t);
});
afterEach(() => f.close());

/** Calls and finishes tickets at a counter until nobody waits; returns their display numbers in order. */
function drain(actor: Actor, counterId: string, from: number): string[] {
  const order: string[] = [];
  const clock = new Clock(from);
  for (;;) {
    const ticket = f.callNext(actor, counterId, clock.tick());
    if (!ticket) return order;
    expect(ticket.status).toBe('called');
    expect(ticket.counterId).toBe(counterId);
    order.push(ticket.displayNumber);
    const procedureIds = [`${ticket.serviceId}-1`];
    f.finish(actor, ticket.id, { procedureIds }, clock.tick());
  }
}

describe('default policy', () => {
  it('calls priority tickets of its fields first (oldest first), then the oldest of all', () => {
    f.issue(local(DAY, '08:00'), 'hotich'); // 1001
    f.issue(local(DAY, '08:01'), 'chungthuc'); // 2001
    f.issue(local(DAY, '08:02'), 'hotich', { priority: 'elderly' }); // 1002
    f.issue(local(DAY, '08:03'), 'chungthuc', { priority: 'pregnant' }); // 2002
    f.issue(local(DAY, '08:04'), 'hotich'); // 1003
    f.issue(local(DAY, '08:05'), 'datdai', { priority: 'merit' }); // 3001: not a field of c1
    expect(drain(o1, 'c1', local(DAY, '09:00'))).toEqual(['1002', '2002', '1001', '2001', '1003']);
    expect(
      f.ticket(f.store.sql<{ id: string }>(`SELECT id FROM tickets WHERE number = 3001`).get()!.id).status,
    ).toBe('waiting');
  });

  it('answers null (and logs nothing) when nobody waits for its fields', () => {
    f.issue(local(DAY, '08:00'), 'chungthuc');
    const before = f.expectGaplessLog();
    expect(f.callNext(o2, 'c2', local(DAY, '08:01'))).toBeNull();
    expect(f.expectGaplessLog()).toBe(before);
  });

  it('calls a ticket transferred to this counter before any priority ticket', () => {
    const a = f.issue(local(DAY, '08:00'), 'hotich');
    const p = f.issue(local(DAY, '08:01'), 'chungthuc', { priority: 'disabled' });
    const b = f.issue(local(DAY, '08:02'), 'hotich', { priority: 'elderly' });
    // c2 serves HOTICH only: it takes the priority 1002 first, then 1001, and sends 1001 to c1.
    expect(f.callNext(o2, 'c2', local(DAY, '08:10'))?.id).toBe(b.id);
    f.finish(o2, b.id, { procedureIds: ['hotich-1'] }, local(DAY, '08:15'));
    expect(f.callNext(o2, 'c2', local(DAY, '08:16'))?.id).toBe(a.id);
    f.transfer(o2, a.id, { counterId: 'c1' }, local(DAY, '08:17'));
    // c3 serves HOTICH too but must not take a ticket sent to c1.
    expect(f.callNext(o3, 'c3', local(DAY, '08:18'))?.id).toBe(p.id);
    const atC1 = f.callNext(o1, 'c1', local(DAY, '08:19'));
    expect(atC1?.id).toBe(a.id);
    expect(atC1?.targetCounterId).toBeNull();
  });

  it('keeps a ticket sent to a counter away from the other counters of its field', () => {
    const a = f.issue(local(DAY, '08:00'), 'hotich');
    f.callNext(o1, 'c1', local(DAY, '08:01'));
    f.transfer(o1, a.id, { counterId: 'c3' }, local(DAY, '08:02'));
    expect(f.callNext(o2, 'c2', local(DAY, '08:03'))).toBeNull();
    expect(f.callNext(o1, 'c1', local(DAY, '08:03'))).toBeNull();
    expect(f.callNext(o3, 'c3', local(DAY, '08:04'))?.id).toBe(a.id);
  });

  it('several counters share one line without calling a ticket twice', () => {
    const clock = new Clock(local(DAY, '08:00'));
    for (let i = 0; i < 6; i++) f.issue(clock.tick(1000), i % 3 === 2 ? 'chungthuc' : 'hotich');
    const called = [
      f.callNext(o1, 'c1', clock.tick(1000)),
      f.callNext(o2, 'c2', clock.tick(1000)),
      f.callNext(o3, 'c3', clock.tick(1000)),
    ];
    // Oldest first: 1001, 1002, 2001 (c3 serves both fields and 2001 is older than 1003).
    expect(called.map((x) => x?.displayNumber)).toEqual(['1001', '1002', '2001']);
    expect(new Set(called.map((x) => x?.id)).size).toBe(3);
    expect(called.map((x) => x?.counterId)).toEqual(['c1', 'c2', 'c3']);
  });
});

describe('strict policy', () => {
  beforeEach(() => {
    f.db.prepare(`UPDATE counters SET call_policy = 'strict' WHERE id = 'c3'`).run();
    f.store.invalidateCatalog();
  });

  it('empties its first field before the next one, priority first inside a field', () => {
    f.issue(local(DAY, '08:00'), 'hotich'); // 1001
    f.issue(local(DAY, '08:01'), 'hotich', { priority: 'elderly' }); // 1002
    f.issue(local(DAY, '08:05'), 'chungthuc'); // 2001
    f.issue(local(DAY, '08:06'), 'chungthuc'); // 2002
    f.issue(local(DAY, '08:07'), 'chungthuc', { priority: 'child' }); // 2003
    // c3's order is CHUNGTHUC then HOTICH.
    expect(drain(o3, 'c3', local(DAY, '09:00'))).toEqual(['2003', '2001', '2002', '1002', '1001']);
  });

  it('differs from the default policy on the same queue', () => {
    f.issue(local(DAY, '08:00'), 'hotich'); // 1001
    f.issue(local(DAY, '08:05'), 'chungthuc'); // 2001
    // Default c1 (HOTICH, CHUNGTHUC) would take 1001 first; strict c3 takes 2001.
    expect(f.callNext(o3, 'c3', local(DAY, '08:10'))?.displayNumber).toBe('2001');
    expect(f.callNext(o1, 'c1', local(DAY, '08:10'))?.displayNumber).toBe('1001');
  });

  it('follows counter_services.position, and a transfer to the counter still comes first', () => {
    // Swap c3's order to HOTICH, CHUNGTHUC.
    f.db.prepare(`UPDATE counter_services SET position = 1 - position WHERE counter_id = 'c3'`).run();
    f.store.invalidateCatalog();
    expect(f.store.serviceIdsOfCounter('c3')).toEqual(['hotich', 'chungthuc']);
    const c = f.issue(local(DAY, '08:00'), 'chungthuc'); // 2001
    f.issue(local(DAY, '08:01'), 'hotich'); // 1001
    const sent = f.issue(local(DAY, '08:02'), 'chungthuc'); // 2002
    // c1 picks 2002 from the list and sends it to c3.
    expect(f.callTicket(o1, 'c1', sent.id, local(DAY, '08:03')).id).toBe(sent.id);
    f.transfer(o1, sent.id, { counterId: 'c3' }, local(DAY, '08:04'));
    expect(f.callNext(o3, 'c3', local(DAY, '08:05'))?.id).toBe(sent.id);
    f.finish(o3, sent.id, { procedureIds: ['chungthuc-1'] }, local(DAY, '08:06'));
    // Then its first field, HOTICH, although 2001 is older.
    const h = f.callNext(o3, 'c3', local(DAY, '08:07'));
    expect(h?.displayNumber).toBe('1001');
    f.finish(o3, h!.id, { procedureIds: ['hotich-1'] }, local(DAY, '08:08'));
    expect(f.callNext(o3, 'c3', local(DAY, '08:09'))?.id).toBe(c.id);
  });
});

describe('the order counter terminals show (@luot/shared waitingOrder) is the order call-next follows', () => {
  const FIELDS = ['hotich', 'chungthuc'] as const;
  const PRIORITIES = [null, 'elderly', 'disabled'] as const;
  const arrival = fc.record({
    field: fc.constantFrom(...FIELDS),
    priority: fc.constantFrom(...PRIORITIES),
    sendTo: fc.constantFrom(null, null, null, 'c3'),
    gapSeconds: fc.integer({ min: 0, max: 300 }),
  });

  for (const policy of ['default', 'strict'] as const) {
    it(`${policy} policy: the first of the predicted list is called, every time`, () => {
      fc.assert(
        fc.property(fc.array(arrival, { minLength: 1, maxLength: 14 }), (arrivals) => {
          const g = new EngineFixture();
          try {
            g.db.prepare(`UPDATE counters SET call_policy = ? WHERE id = 'c3'`).run(policy);
            g.store.invalidateCatalog();
            const a1 = g.o(1);
            const a3 = g.o(3);
            const clock = new Clock(local(DAY, '07:30'));
            g.signIn(a1, 'c1', clock.tick());
            g.signIn(a3, 'c3', clock.tick());
            for (const a of arrivals) {
              const t = g.issue(clock.tick(1000 + a.gapSeconds * 1000), a.field, {
                ...(a.priority ? { priority: a.priority } : {}),
              });
              if (a.sendTo) {
                // c1 picks it from the list and sends it on to c3.
                g.callTicket(a1, 'c1', t.id, clock.tick());
                g.transfer(a1, t.id, { counterId: a.sendTo }, clock.tick());
              }
            }
            const c3 = () => g.store.counters().find((c) => c.id === 'c3')!;
            for (;;) {
              const predicted = waitingOrder(c3(), g.store.openTickets());
              const called = g.callNext(a3, 'c3', clock.tick());
              expect(called?.id ?? null).toBe(predicted[0]?.id ?? null);
              if (!called) break;
              g.finish(a3, called.id, { procedureIds: [`${called.serviceId}-1`] }, clock.tick());
            }
          } finally {
            g.close();
          }
        }),
        { numRuns: 60, seed: policy === 'default' ? 5 : 6 },
      );
    });
  }
});
