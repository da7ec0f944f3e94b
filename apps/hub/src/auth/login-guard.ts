// Login throttling: counts every attempt before its password is hashed, caps attempts in
// flight, and keeps a user's known-good addresses out of the lock a stranger can cause.
import { LuotError } from '@luot/shared';
import type { Store } from '../db/store.ts';

export interface LoginGuardOptions {
  /** Failures (plus attempts in flight) per username from addresses it never signed in from. */
  perUser: number;
  /** Failures (plus attempts in flight) per username from one known-good address. */
  perTrustedClient: number;
  /** Failures (plus attempts in flight) per client address, whatever the username. */
  perClient: number;
  /** Attempts of one client address being checked at once. */
  inFlightPerClient: number;
  windowMs: number;
  /** An address where a user signed in stays known-good this long after the last success. */
  trustMs: number;
}

export const DEFAULT_LOGIN_GUARD: LoginGuardOptions = {
  perUser: 5,
  perTrustedClient: 5,
  perClient: 30,
  inFlightPerClient: 4,
  windowMs: 15 * 60_000,
  trustMs: 30 * 24 * 3600_000,
};

/** One attempt let through to the password check; hand it back to `end`. */
export interface LoginAttempt {
  readonly username: string;
  readonly client: string;
  readonly keys: readonly string[];
  /** The address is one this user signed in from before: its check goes first. */
  readonly trusted: boolean;
}

export type LoginRefusal = 'user_locked' | 'client_locked' | 'client_busy';

interface Count {
  failures: number;
  since: number;
  inFlight: number;
}

export class LoginGuard {
  private readonly counts = new Map<string, Count>();

  constructor(
    private readonly store: Store,
    readonly options: LoginGuardOptions = DEFAULT_LOGIN_GUARD,
  ) {}

  /**
   * Lets one attempt through, or throws 429. An attempt counts from here on (in flight), so
   * a burst sent at once is refused as soon as failures plus attempts in flight reach a limit.
   */
  begin(username: string, client: string, now: number): LoginAttempt {
    const name = username.toLowerCase();
    const trusted = this.isTrusted(name, client, now);
    const userKey = trusted ? `user:${name}@${client}` : `user:${name}`;
    const userMax = trusted ? this.options.perTrustedClient : this.options.perUser;
    const userCount = this.count(userKey, now);
    if (trusted) {
      // A known-good address answers only for its own failures: a flood of strangers' attempts
      // from elsewhere (or from the same address, under other names) does not lock its user out.
      if (userCount.failures + userCount.inFlight >= userMax)
        throw this.locked('user_locked', userCount, now);
      userCount.inFlight += 1;
      return { username: name, client, keys: [userKey], trusted };
    }
    const clientKey = `client:${client}`;
    const clientCount = this.count(clientKey, now);
    if (clientCount.inFlight >= this.options.inFlightPerClient) {
      throw refusal('client_busy', 1, 'too many sign-in attempts at once from this address; try again');
    }
    if (clientCount.failures + clientCount.inFlight >= this.options.perClient) {
      throw this.locked('client_locked', clientCount, now);
    }
    if (userCount.failures + userCount.inFlight >= userMax) {
      throw this.locked('user_locked', userCount, now);
    }
    clientCount.inFlight += 1;
    userCount.inFlight += 1;
    return { username: name, client, keys: [userKey, clientKey], trusted };
  }

  /** The attempt's password check is over: a failure counts, a success clears its user key. */
  end(attempt: LoginAttempt, ok: boolean, now: number): void {
    for (const key of attempt.keys) {
      const c = this.counts.get(key);
      if (!c) continue;
      c.inFlight = Math.max(0, c.inFlight - 1);
      if (!ok) {
        if (now - c.since > this.options.windowMs) {
          c.failures = 0;
          c.since = now;
        }
        c.failures += 1;
      }
    }
    if (ok) {
      this.counts.delete(attempt.keys[0]!);
      this.trust(attempt.username, attempt.client, now);
    }
    this.prune(now);
  }

  private count(key: string, now: number): Count {
    let c = this.counts.get(key);
    if (!c) {
      c = { failures: 0, since: now, inFlight: 0 };
      this.counts.set(key, c);
    } else if (c.inFlight === 0 && now - c.since > this.options.windowMs) {
      c.failures = 0;
      c.since = now;
    }
    return c;
  }

  private locked(reason: LoginRefusal, c: Count, now: number): LuotError {
    // Locked by attempts still in flight only: they finish within a second or two.
    if (c.failures === 0) return refusal(reason, 1, 'too many sign-in attempts at once; try again');
    const seconds = Math.max(1, Math.ceil((c.since + this.options.windowMs - now) / 1000));
    const minutes = Math.ceil(seconds / 60);
    return refusal(reason, seconds, `too many failed attempts; try again in ${minutes} minute(s)`);
  }

  private isTrusted(username: string, client: string, now: number): boolean {
    const lastSuccessAt = this.store.data.loginTrust.lastSuccessAt(username, client);
    return lastSuccessAt !== undefined && now - lastSuccessAt <= this.options.trustMs;
  }

  private trust(username: string, client: string, now: number): void {
    this.store.data.loginTrust.recordSuccess(username, client, now);
  }

  private prune(now: number): void {
    if (this.counts.size <= 10_000) return;
    for (const [key, c] of this.counts) {
      if (c.inFlight === 0 && now - c.since > this.options.windowMs) this.counts.delete(key);
    }
  }
}

/** A 429 from the guard, saying which limit refused it (for the log). */
export class LoginRefused extends LuotError {
  constructor(
    readonly reason: LoginRefusal,
    retryAfterSeconds: number,
    message: string,
  ) {
    super('too_many_attempts', message, retryAfterSeconds);
  }
}

const refusal = (reason: LoginRefusal, retryAfterSeconds: number, message: string) =>
  new LoginRefused(reason, retryAfterSeconds, message);
