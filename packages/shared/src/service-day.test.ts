import { describe, expect, it } from 'vitest';
import { isValidDay, nextDay, serviceDayOf, startOfServiceDay, zonedParts } from './service-day.ts';

describe('service day in Asia/Ho_Chi_Minh', () => {
  it('changes at local midnight, which is 17:00 UTC', () => {
    expect(serviceDayOf(Date.parse('2026-03-01T16:59:59.999Z'))).toBe('2026-03-01');
    expect(serviceDayOf(Date.parse('2026-03-01T17:00:00.000Z'))).toBe('2026-03-02');
  });

  it('finds the start of a day and round-trips every day of a year', () => {
    expect(new Date(startOfServiceDay('2026-03-02')).toISOString()).toBe('2026-03-01T17:00:00.000Z');
    let day = '2026-01-01';
    for (let i = 0; i < 366; i++) {
      const start = startOfServiceDay(day);
      expect(serviceDayOf(start)).toBe(day);
      expect(serviceDayOf(start - 1)).not.toBe(day);
      day = nextDay(day);
    }
    expect(day).toBe('2027-01-02');
  });

  it('works for a zone with daylight saving time too', () => {
    // Europe/Berlin switches on 2026-03-29: that day is 23 hours long.
    const a = startOfServiceDay('2026-03-29', 'Europe/Berlin');
    const b = startOfServiceDay('2026-03-30', 'Europe/Berlin');
    expect((b - a) / 3600_000).toBe(23);
  });

  it('gives zoned parts with the local weekday', () => {
    const p = zonedParts(Date.parse('2026-11-22T18:30:00Z'));
    expect(p).toMatchObject({ year: 2026, month: 11, day: 23, hour: 1, minute: 30, weekday: 1 });
  });

  it('validates calendar dates', () => {
    expect(isValidDay('2026-02-28')).toBe(true);
    expect(isValidDay('2028-02-29')).toBe(true);
    expect(isValidDay('2026-02-29')).toBe(false);
    expect(isValidDay('2026-13-01')).toBe(false);
    expect(isValidDay('2026-1-01')).toBe(false);
    expect(isValidDay("2026-01-01' OR 1=1")).toBe(false);
  });
});
