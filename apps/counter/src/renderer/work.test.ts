// The terminal's pure logic: shortcuts, which actions are possible, the waiting list's order,
// recent no-shows, the finish picker and how errors read.
import { HubError } from '@luot/ui';
import { describe, expect, it } from 'vitest';
import { counter, services, ticket } from './test-fixtures.ts';
import {
  ACTION_TEST_IDS,
  actionForKey,
  actionLabel,
  activeNoShows,
  addNoShow,
  availableActions,
  canFinish,
  counterTakenText,
  currentTicket,
  errorText,
  finishBody,
  formatDuration,
  longestWaitSeconds,
  parseMyToday,
  parseNoShows,
  REINSTATE_GRACE_MS,
  SHORTCUTS,
  searchProcedures,
  sortWaiting,
  toggleProcedure,
  waitedSeconds,
  waitingForCounter,
} from './work.ts';

const NOW = Date.parse('2025-05-12T02:30:00.000Z');

describe('shortcuts', () => {
  it('F1..F7 in the contract order, one per button', () => {
    expect(SHORTCUTS).toEqual({
      callNext: 'F1',
      recall: 'F2',
      start: 'F3',
      finish: 'F4',
      noShow: 'F5',
      transfer: 'F6',
      pause: 'F7',
    });
    expect(new Set(Object.values(SHORTCUTS)).size).toBe(7);
    expect(ACTION_TEST_IDS.callNext).toBe('btn-call-next');
    expect(ACTION_TEST_IDS.noShow).toBe('btn-no-show');
  });

  it('maps keys to actions; F7 resumes while paused; other keys do nothing', () => {
    expect(actionForKey('F1', false)).toBe('callNext');
    expect(actionForKey('F4', false)).toBe('finish');
    expect(actionForKey('F5', false)).toBe('noShow');
    expect(actionForKey('F7', false)).toBe('pause');
    expect(actionForKey('F7', true)).toBe('resume');
    expect(actionForKey('F8', false)).toBeNull();
    expect(actionForKey('Enter', false)).toBeNull();
  });
});

describe('available actions', () => {
  it('only call-next and pause with no ticket; nothing while busy', () => {
    const a = availableActions(counter(), null, false);
    expect(a).toMatchObject({
      callNext: true,
      recall: false,
      start: false,
      finish: false,
      noShow: false,
      transfer: false,
      pause: true,
      resume: false,
    });
    expect(Object.values(availableActions(counter(), null, true)).some(Boolean)).toBe(false);
  });
  it('a called ticket can be recalled, started, finished, marked no-show, transferred', () => {
    const a = availableActions(counter(), ticket({ status: 'called' }), false);
    expect(a).toMatchObject({
      callNext: false,
      recall: true,
      start: true,
      finish: true,
      noShow: true,
      transfer: true,
    });
  });
  it('a ticket being served can only be finished or transferred', () => {
    const a = availableActions(counter(), ticket({ status: 'serving' }), false);
    expect(a).toMatchObject({ recall: false, start: false, finish: true, noShow: false, transfer: true });
  });
  it('a paused counter cannot call; it can resume', () => {
    const a = availableActions(counter({ state: 'paused' }), null, false);
    expect(a).toMatchObject({ callNext: false, pause: false, resume: true });
  });
});

describe('current ticket', () => {
  it('prefers the live ticket record over the counter copy', () => {
    const called = ticket({ status: 'called', counterId: 'c1' });
    const c = counter({ currentTicket: called });
    expect(currentTicket(c, {})?.status).toBe('called');
    expect(currentTicket(c, { tk_1: { ...called, status: 'serving' } })?.status).toBe('serving');
    expect(currentTicket(counter(), { tk_1: called })?.id).toBe('tk_1');
    expect(currentTicket(counter(), {})).toBeNull();
  });
  it('waited: issue to call', () => {
    expect(waitedSeconds(ticket({ calledAt: '2025-05-12T02:17:00.000Z' }), NOW)).toBe(12 * 60);
    expect(waitedSeconds(ticket(), NOW)).toBe(25 * 60);
    expect(formatDuration(45)).toBe('45 giây');
    expect(formatDuration(12 * 60)).toBe('12 phút');
    expect(formatDuration(65 * 60)).toBe('1 giờ 05 phút');
    expect(formatDuration(12 * 60, 'en')).toBe('12 min');
  });
});

describe('waiting list', () => {
  const old = ticket({ id: 'a', number: 1001, displayNumber: '1001', issuedAt: '2025-05-12T02:00:00.000Z' });
  const young = ticket({
    id: 'b',
    number: 1002,
    displayNumber: '1002',
    issuedAt: '2025-05-12T02:10:00.000Z',
  });
  const prioYoung = ticket({
    id: 'c',
    number: 1003,
    displayNumber: '1003',
    issuedAt: '2025-05-12T02:20:00.000Z',
    priority: 'elderly',
  });
  const prioOld = ticket({
    id: 'd',
    number: 1004,
    displayNumber: '1004',
    issuedAt: '2025-05-12T02:15:00.000Z',
    priority: 'merit',
  });

  it('priority first, then the oldest', () => {
    expect(sortWaiting([young, old, prioYoung, prioOld]).map((t) => t.id)).toEqual(['d', 'c', 'a', 'b']);
  });

  it("only the counter's fields, tickets sent to it, and not tickets sent elsewhere", () => {
    const tickets = {
      a: old,
      b: young,
      other: ticket({ id: 'other', serviceId: 'svc-datdai' }),
      sentHere: ticket({
        id: 'sentHere',
        serviceId: 'svc-datdai',
        targetCounterId: 'c1',
        issuedAt: '2025-05-12T01:00:00.000Z',
      }),
      sentAway: ticket({ id: 'sentAway', targetCounterId: 'c2' }),
      called: ticket({ id: 'called', status: 'called', counterId: 'c1' }),
    };
    expect(waitingForCounter(counter(), tickets).map((t) => t.id)).toEqual(['sentHere', 'a', 'b']);
    expect(waitingForCounter(null, tickets)).toEqual([]);
  });

  it('longest wait', () => {
    expect(longestWaitSeconds([young, old], NOW)).toBe(30 * 60);
    expect(longestWaitSeconds([], NOW)).toBe(0);
  });
});

describe('recent no-shows', () => {
  it('kept 15 minutes, newest first, no duplicates', () => {
    let list = addNoShow([], ticket({ id: 'x', status: 'no_show' }), NOW);
    list = addNoShow(list, ticket({ id: 'y', status: 'no_show' }), NOW + 60_000);
    list = addNoShow(list, ticket({ id: 'x', status: 'no_show' }), NOW + 120_000);
    expect(activeNoShows(list, NOW + 130_000).map((n) => n.ticket.id)).toEqual(['x', 'y']);
    expect(activeNoShows(list, NOW + 60_000 + REINSTATE_GRACE_MS).map((n) => n.ticket.id)).toEqual(['x']);
  });
});

describe('finish picker', () => {
  it('cannot confirm with no procedure', () => {
    expect(canFinish([])).toBe(false);
    expect(canFinish(['p-kethon'])).toBe(true);
    expect(canFinish(['p-kethon'], 'x'.repeat(501))).toBe(false);
  });
  it('toggles several procedures', () => {
    let chosen = toggleProcedure([], 'p-kethon');
    chosen = toggleProcedure(chosen, 'p-khaisinh');
    expect(chosen).toEqual(['p-kethon', 'p-khaisinh']);
    expect(toggleProcedure(chosen, 'p-kethon')).toEqual(['p-khaisinh']);
  });
  it('the note only when written', () => {
    expect(finishBody(['a'], '  ')).toEqual({ procedureIds: ['a'] });
    expect(finishBody(['a', 'b'], ' đủ hồ sơ ')).toEqual({ procedureIds: ['a', 'b'], note: 'đủ hồ sơ' });
  });
  it('searches without diacritics', () => {
    const hotich = services[0];
    expect(searchProcedures(hotich, 'ket hon').map((p) => p.id)).toEqual(['p-kethon']);
    expect(
      searchProcedures(hotich, 'KHAI')
        .map((p) => p.id)
        .sort(),
    ).toEqual(['p-khaisinh', 'p-khaitu']);
    expect(searchProcedures(hotich, '')).toHaveLength(3);
    expect(searchProcedures(undefined, 'x')).toEqual([]);
  });
});

describe('errors', () => {
  it('maps hub codes to Vietnamese', () => {
    expect(errorText(new HubError(409, 'conflict', 'counter is paused'))).toBe('counter is paused');
    expect(errorText(new HubError(403, 'forbidden', 'not your ticket'))).toBe('Không được phép');
    expect(errorText(new HubError(0, 'network', 'fetch failed'))).toBe('Mất kết nối');
    expect(errorText(new HubError(0, 'timeout', 'no answer'))).toBe('Mất kết nối');
    expect(errorText(new Error('boom'))).toBe('Mất kết nối');
    expect(errorText(new HubError(403, 'forbidden', 'x'), 'en')).toBe('Not allowed');
  });
  it('a taken counter', () => {
    expect(counterTakenText(counter())).toBe('Quầy 1 đang có cán bộ khác làm việc');
  });
  it("today's figures tolerate anything", () => {
    expect(parseMyToday({ served: 3, avgServiceSeconds: 240, noShow: 1 })).toEqual({
      served: 3,
      avgServiceSeconds: 240,
      noShow: 1,
    });
    expect(parseMyToday({ served: 0, avgServiceSeconds: null, noShow: 0 })).toEqual({
      served: 0,
      avgServiceSeconds: null,
      noShow: 0,
    });
    expect(parseMyToday(null)).toBeNull();
    expect(parseMyToday({ error: {} })).toBeNull();
  });
});

describe('recent no-shows from the hub', () => {
  it('parses the answer of GET /counters/:id/no-shows, and ignores a broken one', () => {
    const t = ticket({ id: 'ns1', status: 'no_show', counterId: 'c1' });
    const list = parseNoShows({ noShows: [{ ticket: t, at: '2025-05-12T02:00:00.000Z' }], graceMinutes: 15 });
    expect(list).toEqual([{ ticket: t, at: Date.parse('2025-05-12T02:00:00.000Z') }]);
    expect(parseNoShows({ noShows: [{ ticket: { id: 1 }, at: 'x' }] })).toEqual([]);
    expect(parseNoShows(null)).toEqual([]);
  });

  it('names a pending command by its button', () => {
    const t = (k: string) => `<${k}>`;
    expect(actionLabel('noShow', t)).toBe('<noShow>');
    expect(actionLabel('callNext', t)).toBe('<callNext>');
    expect(actionLabel('finish', t)).toBe('<finish>');
  });
});
