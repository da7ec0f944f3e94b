// The dashboard's plain functions: strings, figures, periods, routes, files, and the helpers the
// administration forms use to say what is wrong.
import { CreateCounterRequest, UpdateServiceRequest } from '@luot/shared';
import { filenameOf as filenameFromDisposition } from '@luot/ui';
import { describe, expect, it } from 'vitest';
import { mayUseDashboard, parseRoute, routeHash } from './App.tsx';
import { describeChange } from './admin/audit.tsx';
import { move } from './admin/counters.tsx';
import { addressValue, firstIssue, numberOrUndefined, problemText } from './admin/kit.tsx';
import { bucketLabel, hoursShown } from './charts.tsx';
import {
  compare,
  formatAgo,
  formatCount,
  formatDay,
  formatDuration,
  formatShare,
  formatTime,
} from './format.ts';
import { coalesce } from './live.tsx';
import { sortAlerts, sortFields, weekdayOf } from './overview.tsx';
import { addDays, dayInput, daysBetween, parseDayInput, periodProblem, presetPeriod } from './period.ts';
import { ratedCount } from './report-view.tsx';
import { ADMIN_STRINGS, adminText } from './strings.ts';
import { overview, report } from './test-fixtures.ts';

const placeholders = (s: string) => [...s.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();
const vi = (key: Parameters<typeof adminText>[1], values?: Record<string, string | number>) =>
  adminText('vi', key, values);

describe('strings', () => {
  it('Vietnamese and English have the same keys and the same placeholders, none empty', () => {
    expect(Object.keys(ADMIN_STRINGS.en).sort()).toEqual(Object.keys(ADMIN_STRINGS.vi).sort());
    for (const [key, text] of Object.entries(ADMIN_STRINGS.vi)) {
      const en = ADMIN_STRINGS.en[key as keyof typeof ADMIN_STRINGS.en];
      expect(placeholders(en), key).toEqual(placeholders(text));
      expect(text.trim(), key).not.toBe('');
      expect(en.trim(), key).not.toBe('');
    }
  });

  it('the officer refusal is the agreed sentence, with its diacritics', () => {
    expect(vi('officerRefused')).toBe('Tài khoản cán bộ không có quyền xem bảng điều khiển');
    expect(vi('exportXlsx')).toBe('Xuất Excel');
    expect(vi('exportCsv')).toBe('Xuất CSV');
    expect(adminText('en', 'lastWeek', { day: 'Monday', value: 3 })).toBe('Last Monday: 3');
  });
});

describe('figures', () => {
  it('counts with the Vietnamese thousands separator', () => {
    expect(formatCount(1234567, 'vi')).toBe('1.234.567');
    expect(formatCount(1234, 'en')).toBe('1,234');
    expect(formatCount(0, 'vi')).toBe('0');
    expect(formatCount(null, 'vi')).toBe('—');
  });

  it('durations: seconds under a minute, then minutes, then hours and minutes', () => {
    expect(formatDuration(42, 'vi')).toBe('42 giây');
    expect(formatDuration(570, 'vi')).toBe('10 phút');
    expect(formatDuration(3900, 'vi')).toBe('1 giờ 05 phút');
    expect(formatDuration(3900, 'en')).toBe('1 h 05 min');
    expect(formatDuration(null, 'en')).toBe('—');
    expect(formatDuration(-1, 'vi')).toBe('—');
  });

  it('shares in percent with a decimal comma in Vietnamese', () => {
    expect(formatShare(0.875, 'vi')).toBe('87,5%');
    expect(formatShare(0.875, 'en')).toBe('87.5%');
    expect(formatShare(1, 'vi')).toBe('100%');
    expect(formatShare(2 / 3, 'vi')).toBe('66,7%');
    expect(formatShare(null, 'vi')).toBe('—');
  });

  it('compares today with last week', () => {
    expect(compare(5, 3)).toEqual({ diff: 2, trend: 'up' });
    expect(compare(3, 5)).toEqual({ diff: -2, trend: 'down' });
    expect(compare(3, 3)).toEqual({ diff: 0, trend: 'same' });
    expect(compare(null, 3)).toEqual({ diff: null, trend: 'none' });
  });

  it('days and times as read in Vietnam, in the centre’s time zone', () => {
    expect(formatDay('2025-05-12', 'vi')).toBe('12/05/2025');
    expect(formatDay('2025-05-12', 'en')).toBe('12 May 2025');
    expect(formatTime('2025-05-12T03:05:00Z', 'vi', 'Asia/Ho_Chi_Minh')).toBe('10:05 12/05/2025');
    expect(formatTime(null, 'vi', 'Asia/Ho_Chi_Minh')).toBe('—');
    const at = Date.parse('2025-05-12T03:30:00Z');
    expect(formatAgo('2025-05-12T03:29:30Z', at, 'vi')).toBe('vừa xong');
    expect(formatAgo('2025-05-12T03:04:00Z', at, 'vi')).toBe('26 phút trước');
    expect(formatAgo('2025-05-12T03:04:00Z', at, 'en')).toBe('26 min ago');
    expect(weekdayOf('2025-05-05', 'vi')).toBe('Thứ Hai');
    expect(weekdayOf('2025-05-11', 'en')).toBe('Sunday');
  });
});

describe('periods', () => {
  it('presets relative to the hub’s service day; weeks start on Monday', () => {
    expect(presetPeriod('today', '2025-05-14')).toEqual({ from: '2025-05-14', to: '2025-05-14' });
    expect(presetPeriod('yesterday', '2025-03-01')).toEqual({ from: '2025-02-28', to: '2025-02-28' });
    expect(presetPeriod('week', '2025-05-14')).toEqual({ from: '2025-05-12', to: '2025-05-14' }); // Wed
    expect(presetPeriod('week', '2025-05-12')).toEqual({ from: '2025-05-12', to: '2025-05-12' }); // Mon
    expect(presetPeriod('week', '2025-05-18')).toEqual({ from: '2025-05-12', to: '2025-05-18' }); // Sun
    expect(presetPeriod('month', '2025-05-14')).toEqual({ from: '2025-05-01', to: '2025-05-14' });
  });

  it('checks a custom period before asking: real dates, in order, at most 366 days', () => {
    expect(periodProblem({ from: '2025-05-01', to: '2025-05-31' })).toBeNull();
    expect(periodProblem({ from: '2025-02-30', to: '2025-03-01' })).toBe('from');
    expect(periodProblem({ from: '2025-03-01', to: '' })).toBe('to');
    expect(periodProblem({ from: '2025-03-02', to: '2025-03-01' })).toBe('order');
    expect(periodProblem({ from: '2024-01-01', to: '2024-12-31' })).toBeNull(); // 366 days
    expect(periodProblem({ from: '2024-01-01', to: '2025-01-01' })).toBe('tooLong');
    expect(daysBetween('2025-05-01', '2025-05-01')).toBe(1);
    expect(addDays('2024-12-31', 1)).toBe('2025-01-01');
  });

  it('reads dates typed the Vietnamese way and writes them back', () => {
    expect(parseDayInput('23/11/2025')).toBe('2025-11-23');
    expect(parseDayInput(' 3/1/2025 ')).toBe('2025-01-03');
    expect(parseDayInput('2025-01-03')).toBe('2025-01-03');
    expect(parseDayInput('31/02/2025')).toBeNull();
    expect(parseDayInput('hôm nay')).toBeNull();
    expect(dayInput('2025-01-03')).toBe('03/01/2025');
  });
});

describe('routes and roles', () => {
  it('directors and admins may use the dashboard; officers may not', () => {
    expect(mayUseDashboard('director')).toBe(true);
    expect(mayUseDashboard('admin')).toBe(true);
    expect(mayUseDashboard('officer')).toBe(false);
  });

  it('reads the page from the hash; administration is for admins only', () => {
    expect(parseRoute('', 'director')).toEqual({ page: 'live' });
    expect(parseRoute('#/reports', 'director')).toEqual({ page: 'reports' });
    expect(parseRoute('#/admin/users', 'director')).toEqual({ page: 'live' });
    expect(parseRoute('#/admin/users', 'admin')).toEqual({ page: 'admin', tab: 'users' });
    expect(parseRoute('#/admin/nonsense', 'admin')).toEqual({ page: 'admin', tab: 'fields' });
    expect(routeHash({ page: 'admin', tab: 'audit' })).toBe('#/admin/audit');
    expect(routeHash({ page: 'reports' })).toBe('#/reports');
  });
});

describe('the live overview', () => {
  it('puts critical alerts first, then the oldest', () => {
    expect(sortAlerts(overview.alerts).map((a) => a.kind)).toEqual(['long_wait', 'counter_idle']);
    const two = [
      { ...overview.alerts[0]!, at: '2025-05-12T03:10:00Z', ref: 'late' },
      { ...overview.alerts[0]!, at: '2025-05-12T03:00:00Z', ref: 'early' },
    ];
    expect(sortAlerts(two).map((a) => a.ref)).toEqual(['early', 'late']);
  });

  it('lists fields with people waiting first, the longest wait first', () => {
    expect(sortFields(overview.fields).map((f) => f.serviceId)).toEqual(['hotich', 'chungthuc', 'datdai']);
  });

  it('coalesces refreshes: never two at once, the last request never lost', async () => {
    let running = 0;
    let most = 0;
    let runs = 0;
    const gates: (() => void)[] = [];
    const refresh = coalesce(async () => {
      running += 1;
      runs += 1;
      most = Math.max(most, running);
      await new Promise<void>((resolve) => gates.push(resolve));
      running -= 1;
    });
    refresh.request();
    refresh.request();
    refresh.request();
    expect(runs).toBe(1);
    gates.shift()!();
    await new Promise((r) => setTimeout(r, 0));
    expect(runs).toBe(2); // the queued one, once
    gates.shift()!();
    await new Promise((r) => setTimeout(r, 0));
    expect(runs).toBe(2);
    expect(most).toBe(1);
    refresh.dispose();
    refresh.request();
    expect(runs).toBe(2);
  });
});

describe('reports', () => {
  it('shows the hours a centre works in, and any hour with tickets', () => {
    expect(hoursShown(report.byHour)).toEqual([7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17]);
    expect(hoursShown([{ hour: 19, issued: 1, served: 0, avgWaitSeconds: null }])).toEqual([
      7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19,
    ]);
  });

  it('labels the wait buckets and counts the ratings', () => {
    const a = (key: Parameters<typeof adminText>[1], values?: Record<string, string | number>) =>
      adminText('vi', key, values);
    expect(bucketLabel({ fromMinutes: 5, toMinutes: 10, count: 1 }, a)).toBe('5–10');
    expect(bucketLabel({ fromMinutes: 60, toMinutes: null, count: 1 }, a)).toBe('Trên 60');
    expect(ratedCount(report.totals)).toBe(80);
  });

  it('finds the file name of a download', () => {
    expect(filenameFromDisposition('attachment; filename="bao-cao-2025-05-01_2025-05-31.xlsx"')).toBe(
      'bao-cao-2025-05-01_2025-05-31.xlsx',
    );
    expect(
      filenameFromDisposition("attachment; filename=x.csv; filename*=UTF-8''b%C3%A1o-c%C3%A1o.csv"),
    ).toBe('báo-cáo.csv');
    expect(filenameFromDisposition(null)).toBeNull();
  });
});

describe('administration helpers', () => {
  it('names the first problem as the hub would, then in the words of the form', () => {
    const problem = firstIssue(UpdateServiceRequest, { start: 500, end: 100 });
    expect(problem).toBe('end: must be at least start');
    expect(problemText(problem!, { end: 'Số kết thúc' }, vi)).toBe(
      'Kiểm tra lại “Số kết thúc”: must be at least start',
    );
    const address = firstIssue(CreateCounterRequest, {
      number: 9,
      name: 'Quầy 9',
      serviceIds: ['hotich'],
      deviceAddresses: { sign: 300 },
    });
    expect(address).toBe('deviceAddresses.sign: an address from 1 to 247');
    expect(problemText(address!, { sign: 'Địa chỉ bảng LED' }, vi)).toMatch(
      /^Kiểm tra lại “Địa chỉ bảng LED”/,
    );
    expect(problemText('no field here', { end: 'x' }, vi)).toBe('no field here');
    expect(problemText('other: bad', { end: 'x' }, vi)).toBe('other: bad');
    expect(firstIssue(UpdateServiceRequest, { name: 'Hộ tịch' })).toBeNull();
  });

  it('reads numbers and bus addresses from text fields', () => {
    expect(numberOrUndefined(' 12 ')).toBe(12);
    expect(numberOrUndefined('')).toBeUndefined();
    expect(numberOrUndefined('abc')).toBeNaN();
    expect(addressValue('')).toBeNull();
    expect(addressValue('7')).toBe(7);
  });

  it('moves a field up and down the call order', () => {
    expect(move(['a', 'b', 'c'], 'c', -1)).toEqual(['a', 'c', 'b']);
    expect(move(['a', 'b', 'c'], 'a', 1)).toEqual(['b', 'a', 'c']);
    expect(move(['a', 'b', 'c'], 'a', -1)).toEqual(['a', 'b', 'c']);
    expect(move(['a', 'b'], 'x', 1)).toEqual(['a', 'b']);
  });

  it('describes an audit entry’s change key by key', () => {
    expect(describeChange({ name: 'A', active: true }, { name: 'B', active: true })).toEqual(['name: A → B']);
    expect(describeChange(null, { kind: 'kiosk', name: 'Kiosk 2', zone: null })).toEqual([
      'kind: kiosk · name: Kiosk 2',
    ]);
    expect(describeChange({ kind: 'kiosk' }, null)).toEqual(['kind: kiosk → ∅']);
    expect(
      describeChange(
        { thresholds: { targetWaitMinutes: 15, alertWaitMinutes: 20 } },
        { thresholds: { targetWaitMinutes: 15, alertWaitMinutes: 3 } },
      ),
    ).toEqual(['thresholds.alertWaitMinutes: 20 → 3']);
    expect(describeChange({ ids: ['a'] }, { ids: ['a', 'b'] })).toEqual(['ids: ["a"] → ["a","b"]']);
    expect(describeChange(null, null)).toEqual([]);
    expect(describeChange({ notice: 'x'.repeat(100) }, { notice: null })[0]).toMatch(/^notice: x{57}… → ∅$/);
  });
});
