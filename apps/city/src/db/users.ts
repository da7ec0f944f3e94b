// City users and their tokens (only a token's SHA-256 is stored).
import type { CityRole } from '@luot/shared';
import type { Sql } from './database.ts';

export interface CityUserRow {
  id: string;
  username: string;
  display_name: string;
  role: CityRole;
  password_hash: string;
  failed_logins: number;
  locked_until: Date | string | null;
}

export function usersData(sql: Sql) {
  return {
    async byUsername(username: string): Promise<CityUserRow | undefined> {
      const rows = await sql.query<CityUserRow>('SELECT * FROM city_users WHERE username = $1', [username]);
      return rows[0];
    },
    async count(): Promise<number> {
      const rows = await sql.query<{ n: number }>('SELECT count(*)::int AS n FROM city_users');
      return rows[0]?.n ?? 0;
    },
    /** Adds a user unless the username exists; true when added. */
    async insert(user: {
      id: string;
      username: string;
      displayName: string;
      role: CityRole;
      passwordHash: string;
    }) {
      const rows = await sql.query(
        `INSERT INTO city_users (id, username, display_name, role, password_hash) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (username) DO NOTHING RETURNING id`,
        [user.id, user.username, user.displayName, user.role, user.passwordHash],
      );
      return rows.length === 1;
    },
    async setPassword(username: string, passwordHash: string): Promise<boolean> {
      const rows = await sql.query(
        'UPDATE city_users SET password_hash = $2, failed_logins = 0, locked_until = NULL WHERE username = $1 RETURNING id',
        [username, passwordHash],
      );
      return rows.length === 1;
    },
    /** Counts a failed sign-in; locks the user for `lockMs` once `limit` failures in a row are reached. */
    async failedLogin(id: string, limit: number, lockedUntil: Date): Promise<void> {
      await sql.query(
        `UPDATE city_users SET failed_logins = failed_logins + 1,
           locked_until = CASE WHEN failed_logins + 1 >= $2 THEN $3::timestamptz ELSE locked_until END
         WHERE id = $1`,
        [id, limit, lockedUntil.toISOString()],
      );
    },
    async goodLogin(id: string): Promise<void> {
      await sql.query('UPDATE city_users SET failed_logins = 0, locked_until = NULL WHERE id = $1', [id]);
    },
    async insertToken(tokenHash: string, userId: string, expiresAt: Date): Promise<void> {
      await sql.query('INSERT INTO city_tokens (token_hash, user_id, expires_at) VALUES ($1, $2, $3)', [
        tokenHash,
        userId,
        expiresAt.toISOString(),
      ]);
    },
    async userOfToken(tokenHash: string, now: Date): Promise<CityUserRow | undefined> {
      const rows = await sql.query<CityUserRow>(
        `SELECT u.* FROM city_tokens t JOIN city_users u ON u.id = t.user_id
         WHERE t.token_hash = $1 AND t.expires_at > $2::timestamptz`,
        [tokenHash, now.toISOString()],
      );
      return rows[0];
    },
    async list(): Promise<(CityUserRow & { created_at: Date | string })[]> {
      return sql.query('SELECT * FROM city_users ORDER BY username');
    },
    /**
     * Removes a user (their tokens go with them), unless it would leave no admin; the removed row,
     * or 'last_admin', or undefined when there is no such user. Locks the admins' rows so that two
     * removals at once cannot remove the last two admins.
     */
    async remove(id: string): Promise<CityUserRow | 'last_admin' | undefined> {
      const admins = await sql.query<{ id: string }>(
        "SELECT id FROM city_users WHERE role = 'admin' ORDER BY id FOR UPDATE",
      );
      const rows = await sql.query<CityUserRow>('SELECT * FROM city_users WHERE id = $1 FOR UPDATE', [id]);
      const row = rows[0];
      if (!row) return undefined;
      if (row.role === 'admin' && admins.length <= 1) return 'last_admin';
      await sql.query('DELETE FROM city_users WHERE id = $1', [id]);
      return row;
    },
    async deleteExpiredTokens(now: Date): Promise<void> {
      await sql.query('DELETE FROM city_tokens WHERE expires_at <= $1::timestamptz', [now.toISOString()]);
    },
  };
}
