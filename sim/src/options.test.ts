import { describe, expect, it } from 'vitest';
import { parseOptions, UsageError, yesterday } from './options.ts';

// 2026-03-10 10:00 in Vietnam (03:00 UTC): yesterday is 2026-03-09.
const NOW = Date.parse('2026-03-10T03:00:00Z');
const parse = (...argv: string[]) => parseOptions(argv, NOW);

describe('parseOptions', () => {
  it('has defaults: a week ending yesterday into data/sim, every counter staffed', () => {
    expect(parse()).toMatchObject({
      days: 7,
      until: '2026-03-09',
      dataDir: 'data/sim',
      seed: '1',
      officers: null,
      scale: 1,
      json: false,
    });
  });

  it('reads every option', () => {
    expect(
      parse(
        '--days',
        '365',
        '--until',
        '2026-01-31',
        '--data-dir',
        '/tmp/x',
        '--seed',
        'abc',
        '--officers',
        '4',
        '--scale',
        '1.5',
        '--json',
        '--admin-password',
        'admin-pass-1',
        '--officer-password',
        'officer-pass-1',
      ),
    ).toMatchObject({
      days: 365,
      until: '2026-01-31',
      dataDir: '/tmp/x',
      seed: 'abc',
      officers: 4,
      scale: 1.5,
      json: true,
      adminPassword: 'admin-pass-1',
      officerPassword: 'officer-pass-1',
    });
  });

  it.each([
    [['--days', '0'], /--days: a whole number from 1 to 3660/],
    [['--days', 'ten'], /--days: a whole number/],
    [['--days', '3661'], /--days/],
    [['--until', '2026-02-30'], /--until: a date as YYYY-MM-DD/],
    [['--until', 'yesterday'], /--until: a date/],
    [['--until', '2026-03-10'], /--until: a past day, 2026-03-09 or earlier/],
    [['--scale', '0'], /--scale: a number above 0/],
    [['--scale', '-1'], /--scale/],
    [['--scale', '21'], /--scale/],
    [['--officers', '0'], /--officers: a whole number from 1/],
    [['--seed', ''], /--seed/],
    [['--admin-password', 'short'], /--admin-password: at least 8 characters/],
    [['--bogus'], /--bogus/],
    [['--days'], /--days/],
    [['extra'], /extra/],
  ])('refuses %j naming the option', (argv, message) => {
    expect(() => parse(...argv)).toThrow(UsageError);
    expect(() => parse(...argv)).toThrow(message);
  });
});

describe('yesterday', () => {
  it('is the day before today in Vietnam, also just after midnight there', () => {
    expect(yesterday(NOW)).toBe('2026-03-09');
    // 2026-03-01 00:30 in Vietnam is still 2026-02-28 in UTC.
    expect(yesterday(Date.parse('2026-02-28T17:30:00Z'))).toBe('2026-02-28');
  });
});
