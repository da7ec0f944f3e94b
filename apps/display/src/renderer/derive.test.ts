import { selectWaitingByService } from '@luot/ui';
import { describe, expect, it } from 'vitest';
import {
  type CallEntry,
  callFromEvent,
  callInScope,
  callsFromCounters,
  counterInScope,
  countersInScope,
  counterView,
  fieldsWaiting,
  latestAndRecent,
  mergeCalls,
} from './derive.ts';
import { called, counter, counters, fields, ticket } from './test-fixtures.ts';

const main = { kind: 'zone', zone: 'main' } as const;
const upstairs = { kind: 'zone', zone: 'tang2' } as const;
const everything = { kind: 'zone', zone: null } as const;

describe('zone filtering', () => {
  it('shows only the counters of its zone, by number; no zone shows them all', () => {
    expect(countersInScope(counters, main).map((c) => c.number)).toEqual([1, 2, 3]);
    expect(countersInScope(counters, upstairs).map((c) => c.number)).toEqual([6]);
    expect(countersInScope(counters, everything).map((c) => c.number)).toEqual([1, 2, 3, 6]);
    expect(countersInScope(counters, { kind: 'zone', zone: 'hầm' })).toEqual([]);
  });

  it('a counter-top screen has exactly its counter', () => {
    expect(countersInScope(counters, { kind: 'counter', number: 2 }).map((c) => c.id)).toEqual(['c2']);
    expect(counterInScope(counter(2, { zone: 'tang2' }), { kind: 'counter', number: 2 })).toBe(true);
    expect(countersInScope(counters, { kind: 'counter', number: 9 })).toEqual([]);
  });

  it('takes only the calls of its counters', () => {
    const at6 = callFromEvent(called('8001', 6));
    const at1 = callFromEvent(called('1012', 1));
    expect(callInScope(at1, counters, main)).toBe(true);
    expect(callInScope(at6, counters, main)).toBe(false);
    expect(callInScope(at6, counters, upstairs)).toBe(true);
    expect(callInScope(at6, counters, everything)).toBe(true);
    expect(callInScope(at6, counters, { kind: 'counter', number: 6 })).toBe(true);
    expect(callInScope(at1, counters, { kind: 'counter', number: 6 })).toBe(false);
  });

  it('a call from a counter it does not know yet counts only where every zone is shown', () => {
    const unknown = callFromEvent(called('9001', 9));
    expect(callInScope(unknown, counters, main)).toBe(false);
    expect(callInScope(unknown, counters, everything)).toBe(true);
  });

  it('lists only the fields its counters serve, in the hub’s order; all active fields without a zone', () => {
    const waiting = selectWaitingByService({
      tickets: {
        a: ticket({ id: 'a', serviceId: 'hotich' }),
        b: ticket({ id: 'b', serviceId: 'hotich' }),
        c: ticket({ id: 'c', serviceId: 'cutru' }),
        d: ticket({ id: 'd', serviceId: 'hotich', status: 'called' }),
        e: ticket({ id: 'e', serviceId: 'datdai', status: 'serving' }),
      },
    });
    const inMain = countersInScope(counters, main);
    expect(fieldsWaiting(fields, inMain, waiting, main)).toEqual([
      { id: 'hotich', name: 'Hộ tịch', nameEn: 'Civil status', waiting: 2 },
      { id: 'chungthuc', name: 'Chứng thực', nameEn: 'Certification', waiting: 0 },
      { id: 'datdai', name: 'Đất đai', nameEn: 'Land', waiting: 0 },
    ]);
    const up = countersInScope(counters, upstairs);
    expect(fieldsWaiting(fields, up, waiting, upstairs).map((f) => [f.id, f.waiting])).toEqual([
      ['cutru', 1],
    ]);
    // Every active field, even one no counter serves; never an inactive one.
    expect(fieldsWaiting(fields, [], waiting, everything).map((f) => f.id)).toEqual([
      'hotich',
      'chungthuc',
      'datdai',
      'cutru',
    ]);
  });
});

describe('calls', () => {
  it('a live call carries its ticket, counter and time', () => {
    const event = called('1012', 3, { seq: 7, recall: true });
    expect(callFromEvent(event)).toEqual({
      key: 'call-7-tk-1012',
      ticketId: 'tk-1012',
      displayNumber: '1012',
      fieldId: 'hotich',
      counterId: 'c3',
      counterNumber: 3,
      at: event.at,
      recall: true,
      live: true,
    });
  });

  it('a snapshot shows what the counters are calling or serving now', () => {
    const list = [
      counter(1, {
        currentTicket: ticket({
          id: 't1',
          displayNumber: '1011',
          status: 'serving',
          calledAt: '2025-05-12T02:01:00.000Z',
        }),
      }),
      counter(2, {
        currentTicket: ticket({
          id: 't2',
          displayNumber: '1012',
          status: 'called',
          calledAt: '2025-05-12T02:02:00.000Z',
        }),
      }),
      counter(3),
      counter(4, { currentTicket: ticket({ id: 't4', status: 'called', calledAt: null }) }),
    ];
    expect(callsFromCounters(list).map((c) => [c.displayNumber, c.counterNumber, c.live])).toEqual([
      ['1011', 1, false],
      ['1012', 2, false],
    ]);
  });

  it('keeps one entry per ticket, newest first: a recall moves it back to the top', () => {
    const a = callFromEvent(called('1001', 1, { seq: 1, at: '2025-05-12T02:00:01.000Z' }));
    const b = callFromEvent(called('1002', 2, { seq: 2, at: '2025-05-12T02:00:02.000Z' }));
    const again = callFromEvent(called('1001', 1, { seq: 3, at: '2025-05-12T02:00:03.000Z', recall: true }));
    let list = mergeCalls([], [a], 10);
    list = mergeCalls(list, [b], 10);
    expect(list.map((c) => c.displayNumber)).toEqual(['1002', '1001']);
    list = mergeCalls(list, [again], 10);
    expect(list.map((c) => [c.displayNumber, c.recall])).toEqual([
      ['1001', true],
      ['1002', false],
    ]);
  });

  it('a snapshot never pushes a live entry aside, and the list stays short', () => {
    const live = callFromEvent(called('1001', 1, { at: '2025-05-12T02:00:05.000Z' }));
    const seen: CallEntry = { ...live, key: 'seen', live: false };
    expect(mergeCalls([live], [seen], 10)).toEqual([live]);
    expect(mergeCalls([seen], [live], 10)).toEqual([live]);
    const many = Array.from({ length: 30 }, (_, i) =>
      callFromEvent(called(String(2000 + i), 1, { seq: 1000 + i })),
    );
    const kept = mergeCalls([], many, 20);
    expect(kept).toHaveLength(20);
    expect(kept[0]!.displayNumber).toBe('2029');
  });

  it('the latest call and the ones before it', () => {
    const list = ['5', '4', '3', '2', '1'].map((n, i) => callFromEvent(called(n, 1, { seq: 50 - i })));
    expect(latestAndRecent(list, 3)).toEqual({ latest: list[0], recent: list.slice(1, 4) });
    expect(latestAndRecent([], 5)).toEqual({ latest: null, recent: [] });
    expect(latestAndRecent(list, 0).recent).toEqual([]);
  });
});

describe('counterView', () => {
  it('shows the number a counter calls or serves, and its state', () => {
    expect(counterView(counter(3, { currentTicket: ticket({ status: 'called' }) }))).toEqual({
      id: 'c3',
      number: 3,
      name: 'Quầy 3',
      state: 'open',
      serving: '1012',
    });
    expect(counterView(counter(3, { currentTicket: ticket({ status: 'serving' }) })).serving).toBe('1012');
    expect(counterView(counter(3, { currentTicket: ticket({ status: 'done' }) })).serving).toBeNull();
    expect(counterView(counter(3, { state: 'paused' }))).toMatchObject({ state: 'paused', serving: null });
  });
});
