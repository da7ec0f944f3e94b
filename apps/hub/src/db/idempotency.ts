// Idempotency keys: issuing's `idempotency_keys` (key → ticket) and `command_keys` (key → stored result).
import type { Db } from './database.ts';
import { prepared } from './prepared.ts';

export interface CommandKey {
  command: string;
  request: string;
  /** JSON of the command's result. */
  result: string;
}

export interface NewCommandKey extends CommandKey {
  principal: string;
  key: string;
  createdAt: number;
}

export function idempotencyStatements(db: Db) {
  return {
    idempotency: prepared<{ ticket_id: string }>(
      db,
      'SELECT ticket_id FROM idempotency_keys WHERE principal = ? AND key = ?',
    ),
    insertIdempotency: prepared(
      db,
      'INSERT INTO idempotency_keys (principal, key, ticket_id, created_at) VALUES (?, ?, ?, ?)',
    ),
  };
}

export function idempotencyData(db: Db) {
  const st = idempotencyStatements(db);
  const deleteIssueKey = prepared(db, 'DELETE FROM idempotency_keys WHERE principal = ? AND key = ?');
  const pruneIssueKeys = prepared(db, 'DELETE FROM idempotency_keys WHERE created_at < ?');
  const pruneCommandKeys = prepared(db, 'DELETE FROM command_keys WHERE created_at < ?');
  const commandKey = prepared<CommandKey>(
    db,
    'SELECT command, request, result FROM command_keys WHERE principal = ? AND key = ?',
  );
  const insertCommandKey = prepared(
    db,
    'INSERT INTO command_keys (principal, key, command, request, result, created_at) VALUES (?, ?, ?, ?, ?, ?)',
  );
  return {
    /** The ticket an issuing key already issued, if any. */
    issuedTicketId(principal: string, key: string): string | undefined {
      return st.idempotency.get(principal, key)?.ticket_id;
    },
    saveIssueKey(principal: string, key: string, ticketId: string, createdAt: number): void {
      st.insertIdempotency.run(principal, key, ticketId, createdAt);
    },
    deleteIssueKey(principal: string, key: string): void {
      deleteIssueKey.run(principal, key);
    },
    commandKey(principal: string, key: string): CommandKey | undefined {
      return commandKey.get(principal, key);
    },
    saveCommandKey(k: NewCommandKey): void {
      insertCommandKey.run(k.principal, k.key, k.command, k.request, k.result, k.createdAt);
    },
    /** Forgets issuing keys, then command keys, created before `before`. */
    pruneBefore(before: number): void {
      pruneIssueKeys.run(before);
      pruneCommandKeys.run(before);
    },
  };
}

export type IdempotencyData = ReturnType<typeof idempotencyData>;
