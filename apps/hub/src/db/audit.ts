// The audit log of administration changes: rows appended inside the change's transaction, read
// newest first in pages. Statements are prepared on first use: a database of an older version
// (before 0004_admin) has no audit_log.
import type { Db } from './database.ts';
import { prepared } from './prepared.ts';

export interface AuditRow {
  id: number;
  at: number;
  user_id: string | null;
  username: string | null;
  action: string;
  target: string | null;
  before: string | null;
  after: string | null;
}

export interface NewAuditRow {
  at: number;
  userId: string | null;
  action: string;
  target: string | null;
  /** JSON text, or null. */
  before: string | null;
  /** JSON text, or null. */
  after: string | null;
}

export function auditData(db: Db) {
  return {
    append(row: NewAuditRow): void {
      prepared(
        db,
        'INSERT INTO audit_log (at, user_id, action, target, before, after) VALUES (?, ?, ?, ?, ?, ?)',
      ).run(row.at, row.userId, row.action, row.target, row.before, row.after);
    },
    /** Rows with an id below `beforeId`, newest first, with the username of who made them. */
    page(beforeId: number, limit: number): AuditRow[] {
      return prepared<AuditRow>(
        db,
        `SELECT a.*, u.username FROM audit_log a LEFT JOIN users u ON u.id = a.user_id
       WHERE a.id < ? ORDER BY a.id DESC LIMIT ?`,
      ).all(beforeId, limit);
    },
  };
}

export type AuditData = ReturnType<typeof auditData>;
