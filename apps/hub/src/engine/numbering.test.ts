// Per-field daily numbering, the local-midnight reset, idempotent issue and issue errors.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Clock, EngineFixture, expectLuotError, local } from '../../test/engine-fixture.ts';
import { tickets } from './index.ts';

const DAY = '2025-03-10';

let f: EngineFixture;
beforeEach(() => {
  f = new EngineFixture();
});
afterEach(() => f.close());

describe('numbering', () => {
  it('numbers each field from its own start, one after another', () => {
    const t0 = local(DAY, '07:30');
    const h1 = f.issue(t0, 'hotich');
    const c1 = f.issue(t0 + 1000, 'chungthuc');
    const h2 = f.issue(t0 + 2000, 'hotich');
    const c2 = f.issue(t0 + 3000, 'chungthuc');
    const h3 = f.issue(t0 + 4000, 'hotich');
    const d1 = f.issue(t0 + 5000, 'datdai');
    expect([h1.number, h2.number, h3.number]).toEqual([1001, 1002, 1003]);
    expect([c1.number, c2.number]).toEqual([2001, 2002]);
    expect(d1.number).toBe(3001);
    // The catalogue's prefixes are empty, so the display form is the bare number.
    expect(h1.displayNumber).toBe('1001');
    expect(c2.displayNumber).toBe('2002');
    expect(h1.serviceDay).toBe(DAY);
    expect(h1.status).toBe('waiting');
    expect(h1.issuedAt).toBe(new Date(t0).toISOString());
    expect(h1.channel).toBe('kiosk');
    expect(f.issue(t0 + 6000, 'hotich', {}, f.o(1)).channel).toBe('counter');
    expect(f.issue(t0 + 7000, 'hotich', { channel: 'online' }).channel).toBe('online');
  });

  it('resets at local midnight (17:00 UTC), not at UTC midnight', () => {
    const before = Date.parse('2025-03-10T16:59:59.999Z');
    const after = Date.parse('2025-03-10T17:00:00.000Z');
    const a = f.issue(before, 'hotich');
    const b = f.issue(after, 'hotich');
    expect(a.serviceDay).toBe('2025-03-10');
    expect(b.serviceDay).toBe('2025-03-11');
    expect(a.number).toBe(1001);
    expect(b.number).toBe(1001);
    // A UTC-midnight crossing inside one local day does not reset anything.
    const c = f.issue(Date.parse('2025-03-11T23:59:59.999Z'), 'hotich');
    const d = f.issue(Date.parse('2025-03-12T00:00:00.000Z'), 'hotich');
    expect([c.serviceDay, d.serviceDay]).toEqual(['2025-03-12', '2025-03-12']);
    expect([c.number, d.number]).toEqual([1001, 1002]);
  });

  it('never repeats a number within a day, through cancels and transfers', () => {
    f.signIn(f.o(1), 'c1', local(DAY, '07:00'));
    const clock = new Clock(local(DAY, '07:30'));
    const h1 = f.issue(clock.now, 'hotich');
    const h2 = f.issue(clock.tick(), 'hotich');
    // The last issued ticket is cancelled: its number is still used.
    f.cancel(f.o(1), h2.id, clock.tick());
    const h3 = f.issue(clock.tick(), 'hotich');
    expect(h3.number).toBe(1003);
    // A HOTICH ticket moved to CHUNGTHUC keeps its number and does not use CHUNGTHUC's.
    const called = f.callNext(f.o(1), 'c1', clock.tick());
    expect(called?.id).toBe(h1.id);
    const moved = f.transfer(f.o(1), h1.id, { serviceId: 'chungthuc' }, clock.tick());
    expect(moved.serviceId).toBe('chungthuc');
    expect(moved.number).toBe(1001);
    const c1 = f.issue(clock.tick(), 'chungthuc');
    expect(c1.number).toBe(2001);
    const h4 = f.issue(clock.tick(), 'hotich');
    expect(h4.number).toBe(1004);
    // The newest HOTICH ticket leaves the field, and a CHUNGTHUC ticket comes in: HOTICH goes on
    // from 1004 all the same (numbering follows the field a ticket was issued in).
    f.callTicket(f.o(1), 'c1', h4.id, clock.tick());
    f.transfer(f.o(1), h4.id, { serviceId: 'chungthuc' }, clock.tick());
    f.callTicket(f.o(1), 'c1', c1.id, clock.tick());
    f.transfer(f.o(1), c1.id, { serviceId: 'hotich' }, clock.tick());
    expect(f.issue(clock.tick(), 'hotich').number).toBe(1005);
    expect(f.issue(clock.tick(), 'chungthuc').number).toBe(2002);

    for (let i = 0; i < 20; i++) f.issue(clock.tick(1000), i % 2 ? 'hotich' : 'chungthuc');
    const rows = f.store
      .sql<{ origin_service_id: string; number: number }>(
        'SELECT origin_service_id, number FROM tickets WHERE service_day = ? ORDER BY issued_at',
      )
      .all(DAY);
    for (const field of ['hotich', 'chungthuc']) {
      const numbers = rows.filter((r) => r.origin_service_id === field).map((r) => r.number);
      expect(new Set(numbers).size).toBe(numbers.length);
      const start = field === 'hotich' ? 1001 : 2001;
      expect(numbers).toEqual(numbers.map((_, i) => start + i));
    }
  });

  it('never leaves the range: once its end is issued, 409 naming the field, and nothing written', () => {
    f.db.prepare(`UPDATE services SET end_number = 9002 WHERE id = 'tructuyen'`).run();
    f.store.invalidateCatalog();
    const t = local(DAY, '08:00');
    const numbers = [0, 1].map((i) => f.issue(t + i * 1000, 'tructuyen').number);
    expect(numbers).toEqual([9001, 9002]);
    const rows = () => [f.count('SELECT COUNT(*) AS n FROM tickets'), f.expectGaplessLog()];
    const before = rows();
    for (const who of [f.kiosk, f.o(1)]) {
      const error = expectLuotError(() => f.issue(t + 5000, 'tructuyen', {}, who), 'conflict');
      expect(error.message).toMatch(/field \S+ \(.+\) has used up its numbers for today \(9001–9002\)/);
    }
    expect(rows()).toEqual(before);
    const data = f.events().map((e) => (e.data ? JSON.parse(e.data) : null));
    expect(data).toEqual([{ number: 9001 }, { number: 9002 }]);
    // Other fields go on; the next day starts again from the start.
    expect(f.issue(t + 6000, 'hotich').number).toBe(1001);
    expect(f.issue(t + 24 * 3600_000, 'tructuyen').number).toBe(9001);
    // Widened, the range goes on from where it was.
    f.db.prepare(`UPDATE services SET end_number = 9500 WHERE id = 'tructuyen'`).run();
    f.store.invalidateCatalog();
    expect(f.issue(t + 24 * 3600_000 + 1000, 'tructuyen').number).toBe(9002);
  });

  it('numbers inside the range as it is now: a range moved today goes on from its own highest number', () => {
    const t = local(DAY, '08:00');
    expect(f.issue(t, 'tructuyen').number).toBe(9001);
    expect(f.issue(t + 1000, 'tructuyen').number).toBe(9002);
    // Moved below the numbers it gave out: its new range starts afresh (none of it was used)…
    f.db.prepare(`UPDATE services SET start_number = 8001, end_number = 8002 WHERE id = 'tructuyen'`).run();
    f.store.invalidateCatalog();
    expect(f.issue(t + 2000, 'tructuyen').number).toBe(8001);
    expect(f.issue(t + 3000, 'tructuyen').number).toBe(8002);
    expectLuotError(() => f.issue(t + 4000, 'tructuyen'), 'conflict');
    // …and moved back, it goes on after its highest number there: no number twice in a day.
    f.db.prepare(`UPDATE services SET start_number = 9001, end_number = 9500 WHERE id = 'tructuyen'`).run();
    f.store.invalidateCatalog();
    expect(f.issue(t + 5000, 'tructuyen').number).toBe(9003);
  });
});

describe('Idempotency-Key', () => {
  it('returns the same ticket for the same key and body', () => {
    const t = local(DAY, '08:00');
    const issue = (now: number) =>
      f.run(
        f.kiosk,
        (ctx) =>
          tickets.issueTicket(ctx, { serviceId: 'hotich', priority: 'elderly', idempotencyKey: 'key-0001' }),
        now,
      );
    const first = issue(t);
    const again = issue(t + 5000);
    expect(first.replayed).toBe(false);
    expect(again).toEqual({ ticketId: first.ticketId, replayed: true });
    expect(f.count('SELECT COUNT(*) AS n FROM tickets')).toBe(1);
    expect(f.events().map((e) => e.type)).toEqual(['ticket.issued']);
    // The next ticket is the next number: the retry did not use one up.
    expect(f.issue(t + 6000, 'hotich').number).toBe(1002);
  });

  it('refuses the same key with a different body (409) and changes nothing', () => {
    const t = local(DAY, '08:00');
    const { ticketId } = f.run(
      f.kiosk,
      (ctx) => tickets.issueTicket(ctx, { serviceId: 'hotich', idempotencyKey: 'key-0002' }),
      t,
    );
    for (const body of [
      { serviceId: 'chungthuc' },
      { serviceId: 'hotich', priority: 'elderly' as const },
      { serviceId: 'hotich', procedureId: 'hotich-1' },
    ]) {
      expectLuotError(
        () =>
          f.run(
            f.kiosk,
            (ctx) => tickets.issueTicket(ctx, { ...body, idempotencyKey: 'key-0002' }),
            t + 1000,
          ),
        'conflict',
      );
    }
    expect(f.store.sql('SELECT id FROM tickets').all()).toEqual([{ id: ticketId }]);
    expect(f.expectGaplessLog()).toBe(1);
  });

  it('keeps keys per principal: another kiosk with the same key gets its own ticket', () => {
    const t = local(DAY, '08:00');
    const a = f.run(
      f.kiosk,
      (ctx) => tickets.issueTicket(ctx, { serviceId: 'hotich', idempotencyKey: 'same-key-1' }),
      t,
    );
    const b = f.run(
      f.kiosk2,
      (ctx) => tickets.issueTicket(ctx, { serviceId: 'hotich', idempotencyKey: 'same-key-1' }),
      t + 1,
    );
    expect(b.ticketId).not.toBe(a.ticketId);
    expect(b.replayed).toBe(false);
    expect(f.ticket(b.ticketId).number).toBe(1002);
  });

  it('still replays after the ticket moved on (transferred to another field)', () => {
    const t = local(DAY, '08:00');
    f.signIn(f.o(1), 'c1', t);
    const issue = () =>
      f.run(
        f.kiosk,
        (ctx) => tickets.issueTicket(ctx, { serviceId: 'hotich', idempotencyKey: 'key-0003' }),
        t,
      );
    const { ticketId } = issue();
    f.callNext(f.o(1), 'c1', t + 1000);
    f.transfer(f.o(1), ticketId, { serviceId: 'chungthuc' }, t + 2000);
    expect(issue()).toEqual({ ticketId, replayed: true });
  });
  it('answers for its own service day: the same key on a later day issues a new ticket', () => {
    const issue = (now: number) =>
      f.run(
        f.kiosk,
        (ctx) => tickets.issueTicket(ctx, { serviceId: 'hotich', idempotencyKey: 'key-0004' }),
        now,
      );
    const first = issue(local(DAY, '08:00'));
    const nextDay = local(DAY, '08:00') + 24 * 3600_000;
    const later = issue(nextDay);
    expect(later.replayed).toBe(false);
    expect(later.ticketId).not.toBe(first.ticketId);
    expect(f.ticket(later.ticketId).number).toBe(1001);
    expect(f.ticket(first.ticketId).status).toBe('expired');
    expect(issue(nextDay + 1000)).toEqual({ ticketId: later.ticketId, replayed: true });
  });
});

describe('issue errors', () => {
  it('unknown field is 404, inactive field 409, foreign or unknown procedure 400/404', () => {
    const t = local(DAY, '08:00');
    expectLuotError(() => f.issue(t, 'no-such-field'), 'not_found');
    f.db.prepare(`UPDATE services SET active = 0 WHERE id = 'datdai'`).run();
    f.store.invalidateCatalog();
    expectLuotError(() => f.issue(t, 'datdai'), 'conflict');
    expectLuotError(() => f.issue(t, 'hotich', { procedureId: 'chungthuc-1' }), 'validation_failed');
    expectLuotError(() => f.issue(t, 'hotich', { procedureId: 'hotich-99' }), 'not_found');
    // Nothing was written by any of them.
    expect(f.count('SELECT COUNT(*) AS n FROM tickets')).toBe(0);
    expect(f.count('SELECT COUNT(*) AS n FROM ticket_events')).toBe(0);
    // A procedure of the right field is kept on the ticket.
    const ok = f.issue(t, 'hotich', { procedureId: 'hotich-2' });
    expect(ok.procedureId).toBe('hotich-2');
    expect(ok.number).toBe(1001);
  });
});
