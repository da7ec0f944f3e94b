// Login trust: the addresses where each username last signed in successfully, and when.
// Statements are prepared on first use, as before they moved here.
import type { Db } from './database.ts';
import { prepared } from './prepared.ts';

export function loginTrustData(db: Db) {
  return {
    /** When this username last signed in from this client address, if ever. */
    lastSuccessAt(username: string, client: string): number | undefined {
      return prepared<{ last_success_at: number }>(
        db,
        'SELECT last_success_at FROM login_trust WHERE username = ? AND client = ?',
      ).get(username, client)?.last_success_at;
    },
    recordSuccess(username: string, client: string, at: number): void {
      prepared(
        db,
        `INSERT INTO login_trust (username, client, last_success_at) VALUES (?, ?, ?)
         ON CONFLICT (username, client) DO UPDATE SET last_success_at = excluded.last_success_at`,
      ).run(username, client, at);
    },
  };
}

export type LoginTrustData = ReturnType<typeof loginTrustData>;
