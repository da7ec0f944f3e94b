// Bearer tokens of users and devices, stored by their SHA-256 hash; expiry slides while used.
// Statements are prepared on first use, as before they moved here.
import type { Db } from './database.ts';
import { prepared } from './prepared.ts';

/** A token as authentication reads it: whose it is, when it ends, whether it was revoked. */
export interface TokenRow {
  user_id: string | null;
  device_id: string | null;
  expires_at: number;
  revoked_at: number | null;
}

export function tokenData(db: Db) {
  return {
    insertUserToken(tokenHash: string, userId: string, createdAt: number, expiresAt: number): void {
      prepared(
        db,
        'INSERT INTO tokens (token_hash, user_id, created_at, expires_at) VALUES (?, ?, ?, ?)',
      ).run(tokenHash, userId, createdAt, expiresAt);
    },
    insertDeviceToken(tokenHash: string, deviceId: string, createdAt: number, expiresAt: number): void {
      prepared(
        db,
        'INSERT INTO tokens (token_hash, device_id, created_at, expires_at) VALUES (?, ?, ?, ?)',
      ).run(tokenHash, deviceId, createdAt, expiresAt);
    },
    byHash(tokenHash: string): TokenRow | undefined {
      return prepared<TokenRow>(
        db,
        'SELECT user_id, device_id, expires_at, revoked_at FROM tokens WHERE token_hash = ?',
      ).get(tokenHash);
    },
    setExpiry(tokenHash: string, expiresAt: number): void {
      prepared(db, 'UPDATE tokens SET expires_at = ? WHERE token_hash = ?').run(expiresAt, tokenHash);
    },
    /** Revokes every live token of a user or device at `now`; returns the revoked token hashes. */
    revokeAllOf(owner: { userId: string } | { deviceId: string }, now: number): string[] {
      const column = 'userId' in owner ? 'user_id' : 'device_id';
      const id = 'userId' in owner ? owner.userId : owner.deviceId;
      return prepared<{ token_hash: string }>(
        db,
        `UPDATE tokens SET revoked_at = ? WHERE ${column} = ? AND revoked_at IS NULL RETURNING token_hash`,
      )
        .all(now, id)
        .map((row) => row.token_hash);
    },
    revoke(tokenHash: string, at: number): void {
      prepared(db, 'UPDATE tokens SET revoked_at = ? WHERE token_hash = ?').run(at, tokenHash);
    },
  };
}

export type TokenData = ReturnType<typeof tokenData>;
