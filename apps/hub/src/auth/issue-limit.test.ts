// The kiosk issuing limit: a token bucket per kiosk, exact in whole milliseconds.
import { LuotError } from '@luot/shared';
import { describe, expect, it } from 'vitest';
import {
  checkKioskIssue,
  KIOSK_ISSUE_LIMIT,
  kioskIssueLimiter,
  parseKioskIssueLimit,
  RateLimiter,
} from './issue-limit.ts';

describe('RateLimiter', () => {
  it('lets a burst through at once, then one per interval', () => {
    const limiter = new RateLimiter({ burst: 3, perMinute: 60 });
    const t = 1_000_000;
    expect([0, 1, 2].map(() => limiter.take('k', t))).toEqual([0, 0, 0]);
    expect(limiter.take('k', t)).toBe(1000);
    expect(limiter.take('k', t + 400)).toBe(600);
    expect(limiter.take('k', t + 1000)).toBe(0);
    expect(limiter.take('k', t + 1000)).toBe(1000);
    // Another key has its own bucket.
    expect(limiter.take('other', t + 1000)).toBe(0);
  });

  it('refills to the burst and no further', () => {
    const limiter = new RateLimiter({ burst: 3, perMinute: 60 });
    for (let i = 0; i < 3; i++) limiter.take('k', 0);
    const later = 3_600_000;
    expect([0, 1, 2, 3].map(() => limiter.take('k', later))).toEqual([0, 0, 0, 1000]);
  });

  it('a clock set back does not lock a kiosk out', () => {
    const limiter = new RateLimiter({ burst: 2, perMinute: 60 });
    const t = 10 * 3_600_000;
    limiter.take('k', t);
    limiter.take('k', t);
    expect(limiter.take('k', t)).toBe(1000);
    // An hour back (NTP, a technician): a fresh bucket, not an hour's wait.
    expect(limiter.take('k', t - 3_600_000)).toBe(0);
  });
});

describe('checkKioskIssue', () => {
  it('throws 429 too_many_attempts with the limit and when to try again', () => {
    const limiter = new RateLimiter(KIOSK_ISSUE_LIMIT);
    for (let i = 0; i < KIOSK_ISSUE_LIMIT.burst; i++) checkKioskIssue(limiter, 'kiosk-1', 0);
    let error: unknown;
    try {
      checkKioskIssue(limiter, 'kiosk-1', 0);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(LuotError);
    expect((error as LuotError).status).toBe(429);
    expect((error as LuotError).code).toBe('too_many_attempts');
    expect((error as LuotError).retryAfterSeconds).toBe(1);
    expect((error as LuotError).message).toBe(
      'this kiosk is issuing tickets too fast (at most 20 at once, then 60 a minute); try again in 1 second(s)',
    );
    expect(() => checkKioskIssue(limiter, 'kiosk-2', 0)).not.toThrow();
    // Off: no limiter, no limit.
    for (let i = 0; i < 1000; i++) checkKioskIssue(kioskIssueLimiter('off'), 'kiosk-1', 0);
  });
});

describe('LUOT_KIOSK_ISSUE_LIMIT', () => {
  it('reads BURST/PER_MINUTE or off', () => {
    expect(parseKioskIssueLimit('20/60')).toEqual({ burst: 20, perMinute: 60 });
    expect(parseKioskIssueLimit(' 5 / 12 ')).toEqual({ burst: 5, perMinute: 12 });
    expect(parseKioskIssueLimit('OFF')).toBe('off');
    for (const bad of ['', '20', '0/60', '20/0', '-1/60', '1.5/60', '20/60/1', 'unlimited'])
      expect(() => parseKioskIssueLimit(bad)).toThrow('BURST/PER_MINUTE');
  });
  it('the hub’s limiter: the default, the setting, or none', () => {
    expect(kioskIssueLimiter(null)?.limit).toEqual(KIOSK_ISSUE_LIMIT);
    expect(kioskIssueLimiter(undefined)?.limit).toEqual({ burst: 20, perMinute: 60 });
    expect(kioskIssueLimiter({ burst: 2, perMinute: 6 })?.limit).toEqual({ burst: 2, perMinute: 6 });
    expect(kioskIssueLimiter('off')).toBeNull();
  });
});
