// Users, paired devices and their tokens as the admin manages them.
// Statements are prepared on first use, like the rest of the admin's data.
import type { Role } from '@luot/shared';
import type { Db } from './database.ts';
import type { DeviceRow } from './devices.ts';
import { prepared } from './prepared.ts';
import type { UserRow } from './users.ts';

export interface UserChange {
  displayName: string;
  role: Role;
  active: boolean;
}

export interface DeviceChange {
  name: string;
  zone: string | null;
  counterId: string | null;
}

export function adminPeopleData(db: Db) {
  return {
    // ---- users
    user(id: string): UserRow | undefined {
      return prepared<UserRow>(db, 'SELECT * FROM users WHERE id = ?').get(id);
    },
    /** Every user, active ones first, by username. */
    users(): UserRow[] {
      return prepared<UserRow>(db, 'SELECT * FROM users ORDER BY active DESC, username').all();
    },
    activeAdminCount(): number {
      return prepared<{ n: number }>(
        db,
        `SELECT COUNT(*) AS n FROM users WHERE role = 'admin' AND active = 1`,
      ).get()!.n;
    },
    updateUser(id: string, change: UserChange): void {
      prepared(db, 'UPDATE users SET display_name = ?, role = ?, active = ? WHERE id = ?').run(
        change.displayName,
        change.role,
        change.active ? 1 : 0,
        id,
      );
    },
    setPasswordHash(id: string, passwordHash: string): void {
      prepared(db, 'UPDATE users SET password_hash = ? WHERE id = ?').run(passwordHash, id);
    },

    // ---- devices
    /** A device, revoked or not. */
    device(id: string): DeviceRow | undefined {
      return prepared<DeviceRow>(db, 'SELECT * FROM devices WHERE id = ?').get(id);
    },
    activeCounterExists(counterId: string): boolean {
      return prepared(db, 'SELECT 1 FROM counters WHERE id = ? AND active = 1').get(counterId) !== undefined;
    },
    updateDevice(id: string, change: DeviceChange): void {
      prepared(db, 'UPDATE devices SET name = ?, zone = ?, counter_id = ? WHERE id = ?').run(
        change.name,
        change.zone,
        change.counterId,
        id,
      );
    },
    deactivateDevice(id: string): void {
      prepared(db, 'UPDATE devices SET active = 0 WHERE id = ?').run(id);
    },

    // ---- tokens
    /** Revokes every live token of a user or device at `now`; returns the revoked token hashes. */
    revokeTokens(owner: { userId: string } | { deviceId: string }, now: number): string[] {
      const column = 'userId' in owner ? 'user_id' : 'device_id';
      const id = 'userId' in owner ? owner.userId : owner.deviceId;
      return prepared<{ token_hash: string }>(
        db,
        `UPDATE tokens SET revoked_at = ? WHERE ${column} = ? AND revoked_at IS NULL RETURNING token_hash`,
      )
        .all(now, id)
        .map((row) => row.token_hash);
    },
  };
}

export type AdminPeopleData = ReturnType<typeof adminPeopleData>;
