// The audit log of administration changes: written inside the change's own transaction, read
// newest first in pages (GET /api/v1/audit).
import type { AuditEntry } from '@luot/shared';
import type { Store } from '../db/store.ts';

export interface AuditRecord {
  userId: string | null;
  action: string;
  target: string | null;
  before: unknown;
  after: unknown;
}

const json = (value: unknown): string | null =>
  value === undefined || value === null ? null : JSON.stringify(value);

/** Appends one audit row; call it inside the transaction that makes the change. */
export function writeAudit(store: Store, record: AuditRecord, now: number): void {
  store.data.audit.append({
    at: now,
    userId: record.userId,
    action: record.action,
    target: record.target,
    before: json(record.before),
    after: json(record.after),
  });
}

const parse = (text: string | null): unknown => (text === null ? null : JSON.parse(text));

/** Entries newest first; `before` (an entry id) pages back from there. */
export function listAudit(store: Store, limit: number, before: number | null): AuditEntry[] {
  return store.data.audit.page(before ?? Number.MAX_SAFE_INTEGER, limit).map((row) => ({
    id: String(row.id),
    at: new Date(row.at).toISOString(),
    userId: row.user_id,
    username: row.username,
    action: row.action,
    target: row.target,
    before: parse(row.before),
    after: parse(row.after),
  }));
}
