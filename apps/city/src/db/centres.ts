// Centres, their enrolment codes and keys.
import type { Sql } from './database.ts';

export interface CentreRow {
  id: number;
  code: string;
  name: string;
  public_key: string | null;
  enrolled_at: Date | string | null;
  acked_seq: number;
  last_report_at: Date | string | null;
  live: unknown;
  live_at: Date | string | null;
}

export function centresData(sql: Sql) {
  return {
    async byCode(code: string): Promise<CentreRow | undefined> {
      return (await sql.query<CentreRow>('SELECT * FROM centres WHERE code = $1', [code]))[0];
    },
    async list(): Promise<CentreRow[]> {
      return sql.query<CentreRow>('SELECT * FROM centres ORDER BY code');
    },
    /** Adds the centre, or renames an existing one; its id. */
    async upsert(code: string, name: string): Promise<number> {
      const rows = await sql.query<{ id: number }>(
        `INSERT INTO centres (code, name) VALUES ($1, $2)
         ON CONFLICT (code) DO UPDATE SET name = EXCLUDED.name RETURNING id`,
        [code, name],
      );
      return rows[0]!.id;
    },
    /** Gives the centre a new one-time code (the previous one stops working). */
    async setEnrolmentCode(centreId: number, codeHash: string, expiresAt: Date): Promise<void> {
      await sql.query(
        `INSERT INTO enrolment_codes (centre_id, code_hash, expires_at) VALUES ($1, $2, $3)
         ON CONFLICT (centre_id) DO UPDATE SET code_hash = EXCLUDED.code_hash, expires_at = EXCLUDED.expires_at, used_at = NULL`,
        [centreId, codeHash, expiresAt.toISOString()],
      );
    },
    /**
     * Uses a code once: marks it used and sets the centre's key, in one statement so that two
     * enrolments with one code cannot both succeed. The centre, or undefined when the code is
     * unknown, used or expired.
     */
    async enrol(
      codeHash: string,
      publicKey: string,
      now: Date,
    ): Promise<{ code: string; name: string } | undefined> {
      const rows = await sql.query<{ code: string; name: string }>(
        `WITH used AS (
           UPDATE enrolment_codes SET used_at = $3::timestamptz
           WHERE code_hash = $1 AND used_at IS NULL AND expires_at > $3::timestamptz
           RETURNING centre_id)
         UPDATE centres c SET public_key = $2, enrolled_at = $3::timestamptz
         FROM used WHERE c.id = used.centre_id RETURNING c.code, c.name`,
        [codeHash, publicKey, now.toISOString()],
      );
      return rows[0];
    },
    /** Removes the centre's key: its reports are refused until it enrols again. */
    async revokeKey(code: string): Promise<boolean> {
      const rows = await sql.query('UPDATE centres SET public_key = NULL WHERE code = $1 RETURNING id', [
        code,
      ]);
      return rows.length === 1;
    },
  };
}
