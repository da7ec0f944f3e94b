import { PRIORITIES, PRIORITY_NAMES } from '@luot/shared';
import { describe, expect, it } from 'vitest';
import { en } from './i18n/en.ts';
import { vi } from './i18n/vi.ts';
import { createI18n, formatCounterList, LANGUAGES, resources } from './i18n.ts';

function keys(obj: object, prefix = ''): string[] {
  return Object.entries(obj).flatMap(([k, v]) =>
    v !== null && typeof v === 'object' ? keys(v, `${prefix}${k}.`) : [`${prefix}${k}`],
  );
}

function values(obj: object): string[] {
  return Object.values(obj).flatMap((v) => (typeof v === 'object' && v !== null ? values(v) : [String(v)]));
}

describe('i18n resources', () => {
  it('vi and en have exactly the same keys', () => {
    expect(keys(en).sort()).toEqual(keys(vi).sort());
    expect(Object.keys(resources).sort()).toEqual([...LANGUAGES].sort());
  });

  it('has no empty string and the same {{placeholders}} in both languages', () => {
    const flat = (o: object) =>
      Object.fromEntries(keys(o).map((k) => [k, k.split('.').reduce((x: any, p) => x[p], o) as string]));
    const fv = flat(vi);
    const fe = flat(en);
    for (const key of Object.keys(fv)) {
      expect(fv[key]!.trim(), key).not.toBe('');
      const vars = (s: string) => [...s.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();
      expect(vars(fe[key]!), key).toEqual(vars(fv[key]!));
    }
  });

  it('Vietnamese strings are NFC with their diacritics', () => {
    for (const s of values(vi)) expect(s).toBe(s.normalize('NFC'));
    expect(vi.idle.tapToStart).toBe('Chạm để lấy số thứ tự');
    expect(vi.priority.button).toBe('Ưu tiên');
    expect(vi.procedure.search).toBe('Tìm thủ tục');
    expect(vi.procedure.other).toBe('Khác / không rõ');
    expect(vi.issued.takeTicket).toBe('Vui lòng nhận phiếu');
    expect(vi.connection.offline).toBe('Mất kết nối, đang kết nối lại…');
    expect(vi.pairing.enterCode).toBe('Nhập mã ghép nối');
    expect(vi.fields.noOpenCounter).toBe('Chưa có quầy mở');
    expect(vi.fields.outOfHours).toBe('Ngoài giờ làm việc');
  });

  it('lists the five priority groups from the shared names', () => {
    expect(Object.keys(vi.priority.groups).sort()).toEqual([...PRIORITIES].sort());
    for (const p of PRIORITIES) {
      expect(vi.priority.groups[p]).toBe(PRIORITY_NAMES[p].vi);
      expect(en.priority.groups[p]).toBe(PRIORITY_NAMES[p].en);
    }
  });
});

describe('createI18n', () => {
  it('speaks Vietnamese by default, with interpolation', () => {
    const i18n = createI18n();
    expect(i18n.language).toBe('vi');
    expect(i18n.t('issued.peopleAhead', { count: 3 })).toBe('Trước bạn còn 3 người');
    expect(i18n.t('issued.peopleAhead', { count: 1 })).toBe('Trước bạn còn 1 người');
    expect(i18n.t('issued.goToCounters', { counters: formatCounterList([3, 1]), count: 2 })).toBe(
      'Mời đến quầy 1, 3',
    );
    expect(i18n.t('issued.estimatedWait', { minutes: 12 })).toBe('Thời gian chờ dự kiến khoảng 12 phút');
    expect(i18n.t('status.calledTo', { counter: 3 })).toBe('Mời đến quầy 3');
    expect(i18n.t('issued.printFailed')).toBe(
      'Không in được phiếu. Vui lòng ghi nhớ số thứ tự hoặc hỏi cán bộ hướng dẫn.',
    );
  });

  it('switches to English with plurals, and instances are independent', async () => {
    const a = createI18n();
    const b = createI18n('en');
    expect(b.t('issued.peopleAhead', { count: 1 })).toBe('1 person ahead of you');
    expect(b.t('issued.peopleAhead', { count: 4 })).toBe('4 people ahead of you');
    expect(b.t('issued.goToCounters', { counters: '2', count: 1 })).toBe('Please go to counter 2');
    expect(b.t('issued.goToCounters', { counters: '1, 2', count: 2 })).toBe('Please go to counters 1, 2');
    await a.changeLanguage('en');
    expect(a.t('idle.tapToStart')).toBe('Touch to take a number');
    await a.changeLanguage('vi');
    expect(a.t('idle.tapToStart')).toBe('Chạm để lấy số thứ tự');
    expect(b.language).toBe('en');
  });
});
