// Users, passwords, bearer tokens, device pairing and login throttling.
import { createHash, randomBytes, randomInt } from 'node:crypto';
import type { DeviceKind, PairingCodeRequest, Role, User } from '@luot/shared';
import { LuotError } from '@luot/shared';
import { hashPassword, verifyPassword } from '@luot/shared/node';
import { type DeviceRow, type Store, userFromRow } from '../db/store.ts';
import type { Actor } from '../engine/context.ts';

export { hashPassword, hashStats, limited, verifyPassword } from '@luot/shared/node';

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
export const newId = () => randomBytes(12).toString('base64url');
const newToken = () => randomBytes(32).toString('base64url');

/** Who a token belongs to; `expiresAt` is the token's end as last read (it slides while used). */
export type Principal =
  | { kind: 'user'; user: User; tokenHash: string; expiresAt: number }
  | { kind: 'device'; device: DeviceRow; tokenHash: string; expiresAt: number };

export function actorOf(principal: Principal | null): Actor {
  if (!principal)
    return { userId: null, role: null, deviceId: null, deviceKind: null, deviceCounterId: null };
  if (principal.kind === 'user') {
    return {
      userId: principal.user.id,
      role: principal.user.role,
      deviceId: null,
      deviceKind: null,
      deviceCounterId: null,
    };
  }
  const d = principal.device;
  return { userId: null, role: null, deviceId: d.id, deviceKind: d.kind, deviceCounterId: d.counter_id };
}

export interface AuthOptions {
  userTokenTtlMs: number;
  deviceTokenTtlMs: number;
  pairingCodeTtlMs: number;
}

export const DEFAULT_AUTH_OPTIONS: AuthOptions = {
  userTokenTtlMs: 12 * 3600_000,
  deviceTokenTtlMs: 365 * 24 * 3600_000,
  pairingCodeTtlMs: 15 * 60_000,
};

// Sliding expiry is written back at most this often, to keep reads read-only.
const TOUCH_EVERY_MS = 3600_000;
const CODE_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';

export function normalizePairingCode(code: string): string {
  return code.toUpperCase().replace(/[\s-]/g, '');
}

export class Auth {
  constructor(
    private readonly store: Store,
    private readonly options: AuthOptions = DEFAULT_AUTH_OPTIONS,
  ) {}

  async createUser(
    input: { username: string; password: string; displayName: string; role: Role },
    now: number,
  ): Promise<User> {
    if (this.store.st.userByName.get(input.username)) {
      throw new LuotError('conflict', `username ${input.username} is taken`);
    }
    const hash = await hashPassword(input.password);
    const id = newId();
    try {
      this.store.st.insertUser.run(id, input.username, input.displayName, input.role, hash, now);
    } catch (error) {
      // The check above ran before an await; another request may have taken the name since.
      if (String(error).includes('UNIQUE'))
        throw new LuotError('conflict', `username ${input.username} is taken`);
      throw error;
    }
    return userFromRow(this.store.st.userById.get(id)!);
  }

  /** Checks a password; null when the user is unknown, inactive or the password is wrong. */
  async checkPassword(username: string, password: string, urgent = false): Promise<User | null> {
    const row = this.store.st.userByName.get(username);
    if (!row || row.active !== 1) {
      // Spend the same time as a real check so usernames cannot be probed by timing.
      await hashPassword(password, urgent);
      return null;
    }
    return (await verifyPassword(password, row.password_hash, urgent)) ? userFromRow(row) : null;
  }

  issueUserToken(userId: string, now: number): { token: string; expiresAt: number } {
    const token = newToken();
    const expiresAt = now + this.options.userTokenTtlMs;
    this.store.data.tokens.insertUserToken(sha256(token), userId, now, expiresAt);
    return { token, expiresAt };
  }

  revoke(tokenHash: string, now: number): void {
    this.store.data.tokens.revoke(tokenHash, now);
    this.forget(tokenHash);
  }

  /**
   * Recently seen tokens, so a busy kiosk is not a database read per request. Entries live
   * a few seconds; revoking a token or changing users and devices clears them at once.
   */
  private readonly recent = new Map<string, { principal: Principal; until: number }>();

  forget(tokenHash?: string): void {
    if (tokenHash === undefined) this.recent.clear();
    else this.recent.delete(tokenHash);
  }

  authenticate(token: string | undefined | null, now: number): Principal | null {
    if (!token || token.length > 200) return null;
    const tokenHash = sha256(token);
    const cached = this.recent.get(tokenHash);
    if (cached && cached.until > now && cached.principal.expiresAt > now) return cached.principal;
    const principal = this.lookup(tokenHash, now);
    if (principal) {
      if (this.recent.size > 1000) this.recent.clear();
      this.recent.set(tokenHash, { principal, until: now + 5000 });
    } else {
      this.recent.delete(tokenHash);
    }
    return principal;
  }

  private lookup(tokenHash: string, now: number): Principal | null {
    const row = this.store.data.tokens.byHash(tokenHash);
    if (!row || row.revoked_at !== null || row.expires_at <= now) return null;
    const ttl = row.user_id ? this.options.userTokenTtlMs : this.options.deviceTokenTtlMs;
    let expiresAt = row.expires_at;
    if (now + ttl - row.expires_at > TOUCH_EVERY_MS) {
      expiresAt = now + ttl;
      this.store.data.tokens.setExpiry(tokenHash, expiresAt);
    }
    if (row.user_id) {
      const user = this.store.st.userById.get(row.user_id);
      return user && user.active === 1
        ? { kind: 'user', user: userFromRow(user), tokenHash, expiresAt }
        : null;
    }
    const device = row.device_id === null ? undefined : this.store.data.devices.byId(row.device_id);
    if (!device || device.active !== 1) return null;
    if (device.last_seen_at === null || now - device.last_seen_at > 60_000) {
      this.store.data.devices.setLastSeen(device.id, now);
    }
    return { kind: 'device', device, tokenHash, expiresAt };
  }

  createPairingCode(input: PairingCodeRequest, createdBy: string | null, now: number) {
    if (input.counterId !== undefined) {
      if (input.kind !== 'counter')
        throw new LuotError('validation_failed', 'counterId: only for counter devices');
      if (!this.store.counterRow(input.counterId))
        throw new LuotError('not_found', `counterId: no counter ${input.counterId}`);
    }
    if (input.zone !== undefined && input.kind !== 'display') {
      throw new LuotError('validation_failed', 'zone: only for display devices');
    }
    const code = Array.from({ length: 8 }, () => CODE_ALPHABET[randomInt(CODE_ALPHABET.length)]).join('');
    const expiresAt = now + this.options.pairingCodeTtlMs;
    this.store.data.pairingCodes.insert({
      codeHash: sha256(code),
      kind: input.kind,
      name: input.name,
      counterId: input.counterId ?? null,
      zone: input.zone ?? null,
      createdBy,
      createdAt: now,
      expiresAt,
    });
    return { code, expiresAt };
  }

  /** Exchanges a one-time code for a device and its long-lived token; null if the code is not valid. */
  pair(
    code: string,
    now: number,
  ): { device: { id: string; kind: DeviceKind; name: string }; token: string } | null {
    const codeHash = sha256(normalizePairingCode(code));
    return this.store.tx(() => {
      const row = this.store.data.pairingCodes.byHash(codeHash);
      if (!row || row.used_at !== null || row.expires_at <= now) return null;
      const id = newId();
      this.store.data.devices.insert(
        { id, kind: row.kind, name: row.name, counterId: row.counter_id, zone: row.zone },
        now,
      );
      this.store.data.pairingCodes.markUsed(codeHash, id, now);
      const token = newToken();
      this.store.data.tokens.insertDeviceToken(sha256(token), id, now, now + this.options.deviceTokenTtlMs);
      return { device: { id, kind: row.kind, name: row.name }, token };
    });
  }
}

/** Counts failed attempts per key; after `max` failures within `windowMs` the key is locked. */
export class AttemptLimiter {
  private readonly entries = new Map<string, { failures: number; since: number }>();
  constructor(
    readonly max = 5,
    readonly windowMs = 15 * 60_000,
  ) {}

  /** Throws 429 while any of the keys is locked. */
  check(keys: string[], now: number): void {
    for (const key of keys) {
      const e = this.entries.get(key);
      if (!e) continue;
      if (now - e.since > this.windowMs) {
        this.entries.delete(key);
      } else if (e.failures >= this.max) {
        const minutes = Math.ceil((e.since + this.windowMs - now) / 60_000);
        throw new LuotError(
          'too_many_attempts',
          `too many failed attempts; try again in ${minutes} minute(s)`,
        );
      }
    }
  }

  fail(keys: string[], now: number): void {
    for (const key of keys) {
      const e = this.entries.get(key);
      if (!e || now - e.since > this.windowMs) this.entries.set(key, { failures: 1, since: now });
      else e.failures += 1;
    }
    if (this.entries.size > 10_000) {
      for (const [key, e] of this.entries) if (now - e.since > this.windowMs) this.entries.delete(key);
    }
  }

  succeed(keys: string[]): void {
    for (const key of keys) this.entries.delete(key);
  }
}
