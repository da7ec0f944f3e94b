// How fast one kiosk may issue tickets. A real kiosk issues a few tickets a minute (a citizen
// takes several seconds to choose); a script holding a kiosk's token could issue thousands a
// second and use up every field's numbers. Staff issuing is not limited this way.
import { LuotError } from '@luot/shared';

export interface RateLimit {
  /** Requests allowed at once, from a rested bucket. */
  burst: number;
  /** Requests allowed per minute after that, sustained. */
  perMinute: number;
}

/** Generous for a kiosk at the door (a queue forming at opening time), fatal to a flood. */
export const KIOSK_ISSUE_LIMIT: RateLimit = { burst: 20, perMinute: 60 };

/** A kiosk issuing limit, or `off` (no limit: for load tests and benchmarks, not for a centre). */
export type KioskIssueSetting = RateLimit | 'off';

/**
 * `LUOT_KIOSK_ISSUE_LIMIT`: `BURST/PER_MINUTE` (e.g. `20/60`: 20 at once, then 60 a minute) or
 * `off`. Throws an Error saying what is expected.
 */
export function parseKioskIssueLimit(text: string): KioskIssueSetting {
  const value = text.trim().toLowerCase();
  if (value === 'off') return 'off';
  const m = /^(\d{1,6})\s*\/\s*(\d{1,7})$/.exec(value);
  const burst = Number(m?.[1]);
  const perMinute = Number(m?.[2]);
  if (!m || burst < 1 || perMinute < 1)
    throw new Error('BURST/PER_MINUTE with whole numbers from 1 (e.g. 20/60), or off');
  return { burst, perMinute };
}

/** The hub's limiter for kiosks: the setting's (default KIOSK_ISSUE_LIMIT), none when `off`. */
export function kioskIssueLimiter(setting: KioskIssueSetting | null | undefined): RateLimiter | null {
  if (setting === 'off') return null;
  return new RateLimiter(setting ?? KIOSK_ISSUE_LIMIT);
}

/**
 * Per key, `burst` requests at once and then `perMinute` a minute: a token bucket kept as one
 * time per key (GCRA: when its next request is due at the steady rate), in whole milliseconds.
 */
export class RateLimiter {
  /** Per key: when its next request is due at the steady rate (the past: the bucket is full). */
  private readonly due = new Map<string, number>();
  private readonly intervalMs: number;

  constructor(readonly limit: RateLimit) {
    this.intervalMs = 60_000 / limit.perMinute;
  }

  /** Takes one request for `key`: 0 when allowed, else how many ms until one is (nothing taken). */
  take(key: string, now: number): number {
    const stored = this.due.get(key);
    // Never further ahead than a full burst, unless the clock was set back: then start afresh.
    const due =
      stored === undefined || stored > now + this.limit.burst * this.intervalMs ? now : Math.max(stored, now);
    const ahead = due - now - (this.limit.burst - 1) * this.intervalMs;
    if (ahead > 0) return ahead;
    this.due.set(key, due + this.intervalMs);
    if (this.due.size > 10_000) this.prune(now);
    return 0;
  }

  /** Forgets keys whose bucket is full again (they would start full anyway). */
  private prune(now: number): void {
    for (const [key, due] of this.due) if (due <= now) this.due.delete(key);
  }
}

/** One issuing request of a kiosk: allowed, or 429 `too_many_attempts` saying when to try again. */
export function checkKioskIssue(limiter: RateLimiter | null, deviceId: string, now: number): void {
  if (!limiter) return;
  const waitMs = limiter.take(deviceId, now);
  if (waitMs === 0) return;
  const seconds = Math.max(1, Math.ceil(waitMs / 1000));
  const { burst, perMinute } = limiter.limit;
  throw new LuotError(
    'too_many_attempts',
    `this kiosk is issuing tickets too fast (at most ${burst} at once, then ${perMinute} a minute); ` +
      `try again in ${seconds} second(s)`,
    seconds,
  );
}
