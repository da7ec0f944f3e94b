import { describe, expect, it } from 'vitest';
import { BURN_IN, burnInOffset, isDimmed, minuteOfDay, msToNextMinute, msToNextShift } from './schedule.ts';

const TZ = 'Asia/Ho_Chi_Minh';
/** A moment by Vietnam's clock (UTC+7) on 12 May 2025. */
const vn = (hhmm: string) => Date.parse(`2025-05-12T${hhmm}:00+07:00`);

describe('night dimming', () => {
  const night = { start: 22 * 60, end: 6 * 60 };
  const lunch = { start: 12 * 60, end: 13 * 60 + 30 };

  it('reads the time in the centre’s zone', () => {
    expect(minuteOfDay(vn('07:05'), TZ)).toBe(425);
    expect(minuteOfDay(Date.parse('2025-05-12T00:00:00Z'), TZ)).toBe(7 * 60);
  });

  it('a window across midnight: from its start (included) to its end (excluded)', () => {
    expect(isDimmed(night, vn('21:59'), TZ)).toBe(false);
    expect(isDimmed(night, vn('22:00'), TZ)).toBe(true);
    expect(isDimmed(night, vn('23:59'), TZ)).toBe(true);
    expect(isDimmed(night, vn('00:00'), TZ)).toBe(true);
    expect(isDimmed(night, vn('05:59'), TZ)).toBe(true);
    expect(isDimmed(night, vn('06:00'), TZ)).toBe(false);
    expect(isDimmed(night, vn('12:00'), TZ)).toBe(false);
  });

  it('a window within the day', () => {
    expect(isDimmed(lunch, vn('11:59'), TZ)).toBe(false);
    expect(isDimmed(lunch, vn('12:00'), TZ)).toBe(true);
    expect(isDimmed(lunch, vn('13:29'), TZ)).toBe(true);
    expect(isDimmed(lunch, vn('13:30'), TZ)).toBe(false);
  });

  it('all day, and never without a schedule', () => {
    for (const t of ['00:00', '12:00', '23:59'])
      expect(isDimmed({ start: 0, end: 1440 }, vn(t), TZ)).toBe(true);
    expect(isDimmed(null, vn('23:00'), TZ)).toBe(false);
  });

  it('knows when the next minute starts', () => {
    expect(msToNextMinute(vn('10:00'))).toBe(60_000);
    expect(msToNextMinute(vn('10:00') + 59_000)).toBe(1000);
  });
});

describe('burn-in shift', () => {
  const period = BURN_IN.periodMs;
  const t0 = 1_747_000_000_000 - (1_747_000_000_000 % (9 * period));

  it('moves a few pixels every few minutes, the same on every screen', () => {
    expect(BURN_IN.periodMs).toBe(3 * 60_000);
    expect(burnInOffset(t0)).toEqual({ x: 0, y: 0 });
    expect(burnInOffset(t0 + period - 1)).toEqual({ x: 0, y: 0 });
    expect(burnInOffset(t0 + period)).toEqual({ x: 4, y: 0 });
    expect(burnInOffset(t0 + 2 * period)).toEqual({ x: 4, y: 4 });
    expect(burnInOffset(t0 + 123_456)).toEqual(burnInOffset(t0 + 123_456));
  });

  it('visits nine positions within the amplitude, one step apart, then starts again', () => {
    const seen = Array.from({ length: 9 }, (_, i) => burnInOffset(t0 + i * period));
    expect(new Set(seen.map((o) => `${o.x},${o.y}`)).size).toBe(9);
    for (const o of seen) {
      expect(Math.abs(o.x)).toBeLessThanOrEqual(BURN_IN.amplitudePx);
      expect(Math.abs(o.y)).toBeLessThanOrEqual(BURN_IN.amplitudePx);
    }
    for (let i = 1; i < 9; i++) {
      expect(Math.abs(seen[i]!.x - seen[i - 1]!.x)).toBeLessThanOrEqual(BURN_IN.amplitudePx);
      expect(Math.abs(seen[i]!.y - seen[i - 1]!.y)).toBeLessThanOrEqual(BURN_IN.amplitudePx);
    }
    // Centred: over a whole cycle every edge spends as long on one side as on the other.
    expect(seen.reduce((s, o) => s + o.x, 0)).toBe(0);
    expect(seen.reduce((s, o) => s + o.y, 0)).toBe(0);
    expect(burnInOffset(t0 + 9 * period)).toEqual(seen[0]);
  });

  it('takes its period and amplitude as options, and says when it changes next', () => {
    expect(burnInOffset(1000, { periodMs: 1000, amplitudePx: 2 })).toEqual({ x: 2, y: 0 });
    expect(msToNextShift(t0)).toBe(period);
    expect(msToNextShift(t0 + period - 10)).toBe(10);
  });
});
