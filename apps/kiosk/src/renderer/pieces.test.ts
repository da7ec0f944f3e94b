// Settings from the URL, counters and print layout, the QR code, the status page's polling.
import QRCode from 'qrcode';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { formatOpeningHours, msToNextMinute, openNow } from './hours.ts';
import { buildPrintLayout, counterNumbersFor } from './layout.ts';
import { qrSvg } from './qr.ts';
import { parseSettings, statusUrl, ticketIdFromLocation } from './settings.ts';
import { startStatusPolling } from './status.ts';
import { counter, fields, ticket, withWait } from './test-fixtures.ts';

describe('settings', () => {
  it('defaults: same origin, no procedure step, closed fields still issue, 30 s / 10 s', () => {
    expect(parseSettings('')).toEqual({
      hubUrl: '',
      procedures: false,
      closedFields: 'issue',
      idleTimeoutMs: 30_000,
      issuedTimeoutMs: 10_000,
    });
  });
  it('reads ?procedures, ?closedFields, ?idle, ?issued; ?hub only on a page opened from a file', () => {
    const search = '?hub=http://127.0.0.1:18090/x&procedures=1&closedFields=disable&idle=5&issued=2';
    const settings = {
      hubUrl: '',
      procedures: true,
      closedFields: 'disable',
      idleTimeoutMs: 5000,
      issuedTimeoutMs: 2000,
    };
    // Served by a hub (or Vite) over http(s): the page talks to its own origin only.
    expect(parseSettings(search, 'http:')).toEqual(settings);
    expect(parseSettings(search, 'https:')).toEqual(settings);
    expect(parseSettings(search, 'file:')).toEqual({ ...settings, hubUrl: 'http://127.0.0.1:18090' });
    expect(parseSettings('?idle=0&issued=abc').idleTimeoutMs).toBe(30_000);
    expect(parseSettings('?hub=javascript:alert(1)', 'file:').hubUrl).toBe('');
    expect(parseSettings('?hub=not a url', 'file:').hubUrl).toBe('');
  });
  it('finds the ticket id in /t/<id> (or ?id= on status.html)', () => {
    expect(ticketIdFromLocation('/t/abc_DEF-123')).toBe('abc_DEF-123');
    expect(ticketIdFromLocation('/t/abc/')).toBe('abc');
    expect(ticketIdFromLocation('/kiosk/status.html', '?id=xyz')).toBe('xyz');
    expect(ticketIdFromLocation('/kiosk/status.html', '?id=../etc')).toBeNull();
    expect(ticketIdFromLocation('/t/')).toBeNull();
    expect(statusUrl('http://hub:8080/', 'a b')).toBe('http://hub:8080/t/a%20b');
  });
});

describe('counters to go to and the printed layout', () => {
  const counters = {
    c1: counter({ id: 'c1', number: 1, serviceIds: ['svc-hotich'], state: 'open' }),
    c3: counter({ id: 'c3', number: 3, serviceIds: ['svc-hotich', 'svc-datdai'], state: 'paused' }),
    c2: counter({ id: 'c2', number: 2, serviceIds: ['svc-hotich'], state: 'closed' }),
    c4: counter({ id: 'c4', number: 4, serviceIds: ['svc-datdai'], state: 'closed' }),
  };
  it('the open (or paused) counters of the field; all of them when none is open; its own once called', () => {
    expect(counterNumbersFor(ticket(), counters)).toEqual([1, 3]);
    expect(counterNumbersFor(ticket({ serviceId: 'svc-datdai' }), { c4: counters.c4 })).toEqual([4]);
    expect(counterNumbersFor(ticket({ counterNumber: 2 }), counters)).toEqual([2]);
    expect(counterNumbersFor(ticket({ targetCounterId: 'c4' }), counters)).toEqual([4]);
    expect(counterNumbersFor(ticket({ serviceId: 'nowhere' }), counters)).toEqual([]);
  });
  it('builds hardware’s TicketLayout', () => {
    const { ticket: t } = withWait({ priority: 'elderly' });
    expect(
      buildPrintLayout({
        ticket: t,
        waitingAhead: 3,
        estimatedWaitMinutes: 12,
        counterNumbers: [1, 3],
        field: fields[0],
        centreName: 'Trung tâm',
        statusUrl: 'http://hub/t/x',
      }),
    ).toEqual({
      centreName: 'Trung tâm',
      serviceName: 'Hộ tịch',
      displayNumber: '1012',
      counterNumbers: [1, 3],
      waitingAhead: 3,
      estimatedWaitMinutes: 12,
      priorityLabel: 'Người cao tuổi',
      issuedAt: Date.parse('2025-05-12T02:05:09.000Z'),
      timeZone: 'Asia/Ho_Chi_Minh',
      statusUrl: 'http://hub/t/x',
      hotline: '',
    });
  });
});

describe('qrSvg', () => {
  it('draws exactly the dark modules of the QR matrix, with a quiet zone', () => {
    const url = 'http://192.168.1.10:8080/t/tk_0123456789abcdefABCDEF';
    const svg = qrSvg(url, 'Quét mã QR <để> theo dõi');
    const { modules } = QRCode.create(url, { errorCorrectionLevel: 'M' });
    const size = modules.size + 8;
    expect(svg).toContain(`viewBox="0 0 ${size} ${size}"`);
    expect(svg).toContain('aria-label="Quét mã QR &#60;để&#62; theo dõi"');
    // Re-rasterise the path and compare with the matrix.
    const dark = new Set<string>();
    for (const m of svg.matchAll(/M(\d+) (\d+)h(\d+)v1h-\d+z/g)) {
      const [x, y, w] = [Number(m[1]), Number(m[2]), Number(m[3])];
      for (let i = 0; i < w; i++) dark.add(`${x + i - 4},${y - 4}`);
    }
    let expected = 0;
    for (let y = 0; y < modules.size; y++)
      for (let x = 0; x < modules.size; x++)
        if (modules.get(y, x)) {
          expected++;
          expect(dark.has(`${x},${y}`)).toBe(true);
        }
    expect(dark.size).toBe(expected);
  });
});

describe('status page polling', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  function fakeDocument() {
    const listeners = new Set<() => void>();
    return {
      visibilityState: 'visible' as DocumentVisibilityState,
      addEventListener: (_: string, l: () => void) => listeners.add(l),
      removeEventListener: (_: string, l: () => void) => listeners.delete(l),
      fire() {
        for (const l of listeners) l();
      },
      listeners,
    };
  }

  it('polls every 3 s, pauses while hidden, refreshes when visible again, stops when settled', async () => {
    const doc = fakeDocument();
    let status: 'waiting' | 'called' | 'done' = 'waiting';
    const load = vi.fn(async () => withWait({ status }));
    const seen: string[] = [];
    const stop = startStatusPolling({
      load,
      onData: (d) => seen.push(d.ticket.status),
      onError: () => {},
      document: doc as never,
    });
    await vi.advanceTimersByTimeAsync(0);
    expect(load).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(3000);
    expect(load).toHaveBeenCalledTimes(2);
    doc.visibilityState = 'hidden';
    await vi.advanceTimersByTimeAsync(9000);
    expect(load).toHaveBeenCalledTimes(2);
    status = 'called';
    doc.visibilityState = 'visible';
    doc.fire();
    await vi.advanceTimersByTimeAsync(0);
    expect(load).toHaveBeenCalledTimes(3);
    expect(seen.at(-1)).toBe('called');
    status = 'done';
    await vi.advanceTimersByTimeAsync(3000);
    expect(seen.at(-1)).toBe('done');
    const calls = load.mock.calls.length;
    await vi.advanceTimersByTimeAsync(30_000);
    expect(load).toHaveBeenCalledTimes(calls);
    stop();
    expect(doc.listeners.size).toBe(0);
  });

  it('says not found for an unknown ticket, unreachable (and keeps trying) when the hub is away', async () => {
    const errors: string[] = [];
    let fail: unknown = Object.assign(new Error('x'), { status: 0 });
    const load = vi.fn(async () => {
      if (fail) throw fail;
      return withWait();
    });
    const stop = startStatusPolling({
      load,
      onData: () => {},
      onError: (e) => errors.push(e),
      document: fakeDocument() as never,
    });
    await vi.advanceTimersByTimeAsync(0);
    expect(errors).toEqual(['unreachable']);
    await vi.advanceTimersByTimeAsync(3000);
    expect(load).toHaveBeenCalledTimes(2);
    fail = Object.assign(new Error('gone'), { status: 404 });
    await vi.advanceTimersByTimeAsync(3000);
    expect(errors.at(-1)).toBe('not_found');
    await vi.advanceTimersByTimeAsync(30_000);
    expect(load).toHaveBeenCalledTimes(3);
    stop();
  });

  it('never two requests at once', async () => {
    let release!: () => void;
    const load = vi.fn(
      () =>
        new Promise<ReturnType<typeof withWait>>((resolve) => {
          release = () => resolve(withWait());
        }),
    );
    const doc = fakeDocument();
    const stop = startStatusPolling({ load, onData: () => {}, onError: () => {}, document: doc as never });
    doc.fire();
    doc.fire();
    await vi.advanceTimersByTimeAsync(10_000);
    expect(load).toHaveBeenCalledTimes(1);
    release();
    stop();
  });
});

describe('opening hours', () => {
  const HOURS = [
    { days: [1, 2, 3, 4, 5], open: '07:00', close: '11:30' },
    { days: [1, 2, 3, 4, 5], open: '13:00', close: '17:00' },
    { days: [6], open: '07:30', close: '11:30' },
  ];
  const centre = { openingHours: HOURS, timeZone: 'Asia/Ho_Chi_Minh' };

  it('is open by the centre’s hours in its zone; open until the centre is known or without hours', () => {
    expect(openNow(centre, Date.parse('2026-03-02T04:29:59+00:00'))).toBe(true); // Mon 11:29:59
    expect(openNow(centre, Date.parse('2026-03-02T04:30:00+00:00'))).toBe(false); // Mon 11:30
    expect(openNow(null, Date.parse('2026-03-02T04:30:00+00:00'))).toBe(true);
    expect(openNow({ ...centre, openingHours: [] }, Date.parse('2026-03-08T20:00:00Z'))).toBe(true);
  });

  it('checks again on the next whole minute', () => {
    expect(msToNextMinute(Date.parse('2026-03-02T04:29:59.250Z'))).toBe(750);
    expect(msToNextMinute(Date.parse('2026-03-02T04:30:00.000Z'))).toBe(60_000);
  });

  it('formats the hours with consecutive days together, Monday first', () => {
    expect(formatOpeningHours(HOURS, 'vi')).toBe('Thứ 2–6 07:00–11:30, 13:00–17:00; Thứ 7 07:30–11:30');
    expect(formatOpeningHours(HOURS, 'en')).toBe('Mon–Fri 07:00–11:30, 13:00–17:00; Sat 07:30–11:30');
    expect(formatOpeningHours([{ days: [0, 6], open: '08:00', close: '12:00' }], 'vi')).toBe(
      'Thứ 7–Chủ nhật 08:00–12:00',
    );
    expect(formatOpeningHours([{ days: [1, 3], open: '08:00', close: '12:00' }], 'en')).toBe(
      'Mon 08:00–12:00; Wed 08:00–12:00',
    );
    expect(formatOpeningHours([], 'vi')).toBe('');
  });
});
