import { describe, expect, it } from 'vitest';
import { isOpenAt, nextOpening, OpeningHours } from './opening-hours.ts';

const ZONE = 'Asia/Ho_Chi_Minh';
const HOURS: OpeningHours = [
  { days: [1, 2, 3, 4, 5], open: '07:00', close: '11:30' },
  { days: [1, 2, 3, 4, 5], open: '13:00', close: '17:00' },
  { days: [6], open: '07:30', close: '11:30' },
];
/** Local time in Vietnam (UTC+7) as epoch ms. 2026-03-02 is a Monday, 2026-03-07 a Saturday. */
const local = (iso: string) => Date.parse(`${iso}+07:00`);
const open = (iso: string, hours = HOURS, zone = ZONE) => isOpenAt(hours, local(iso), zone);

describe('opening hours', () => {
  it('reads the time in the centre’s zone: 07:00 local is 00:00 UTC', () => {
    expect(isOpenAt(HOURS, Date.parse('2026-03-02T00:00:00Z'), ZONE)).toBe(true);
    expect(isOpenAt(HOURS, Date.parse('2026-03-01T23:59:59Z'), ZONE)).toBe(false);
    // The same instant is 01:00 in Berlin: closed there.
    expect(isOpenAt(HOURS, Date.parse('2026-03-02T00:00:00Z'), 'Europe/Berlin')).toBe(false);
  });

  it('opens inclusive and closes exclusive', () => {
    expect(open('2026-03-02T06:59:59')).toBe(false);
    expect(open('2026-03-02T07:00:00')).toBe(true);
    expect(open('2026-03-02T11:29:59')).toBe(true);
    expect(open('2026-03-02T11:30:00')).toBe(false);
    expect(open('2026-03-02T16:59:59')).toBe(true);
    expect(open('2026-03-02T17:00:00')).toBe(false);
  });

  it('closes for the lunch break 11:30–13:00', () => {
    expect(open('2026-03-04T12:15:00')).toBe(false);
    expect(open('2026-03-04T12:59:59')).toBe(false);
    expect(open('2026-03-04T13:00:00')).toBe(true);
  });

  it('opens Saturday morning only, and not on Sunday', () => {
    expect(open('2026-03-07T07:29:00')).toBe(false);
    expect(open('2026-03-07T07:30:00')).toBe(true);
    expect(open('2026-03-07T11:29:00')).toBe(true);
    expect(open('2026-03-07T14:00:00')).toBe(false);
    expect(open('2026-03-08T09:00:00')).toBe(false);
  });

  it('is always open when no hours are configured', () => {
    expect(open('2026-03-08T03:00:00', [])).toBe(true);
  });

  it('finds the next opening', () => {
    const next = (iso: string) => {
      const t = nextOpening(HOURS, local(iso), ZONE);
      return t === null ? null : new Date(t).toISOString();
    };
    expect(next('2026-03-02T09:00:00')).toBe(new Date(local('2026-03-02T09:00:00')).toISOString());
    expect(next('2026-03-02T11:30:00')).toBe('2026-03-02T06:00:00.000Z'); // 13:00 local
    expect(next('2026-03-06T18:00:00')).toBe('2026-03-07T00:30:00.000Z'); // Saturday 07:30
    expect(next('2026-03-07T12:00:00')).toBe('2026-03-09T00:00:00.000Z'); // Monday 07:00
    expect(
      nextOpening([{ days: [], open: '07:00', close: '11:00' }], local('2026-03-02T12:00:00'), ZONE),
    ).toBe(null);
  });

  it('validates the shape', () => {
    expect(OpeningHours.safeParse(HOURS).success).toBe(true);
    expect(OpeningHours.safeParse([{ days: [7], open: '07:00', close: '11:00' }]).success).toBe(false);
    expect(OpeningHours.safeParse([{ days: [1], open: '7h', close: '11:00' }]).success).toBe(false);
  });
});
