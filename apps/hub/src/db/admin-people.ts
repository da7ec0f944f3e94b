// Users and paired devices as the admin manages them (their tokens: tokens.ts).
// Statements are prepared on first use, like the rest of the admin's data.
import type { Role } from '@luot/shared';
import type { Db } from './database.ts';
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
  };
}

export type AdminPeopleData = ReturnType<typeof adminPeopleData>;
