// Idempotency keys of every command, issuing included: `command_keys` (key -> stored result).
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

export function idempotencyData(db: Db) {
  const deleteCommandKey = prepared(db, 'DELETE FROM command_keys WHERE principal = ? AND key = ?');
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
    commandKey(principal: string, key: string): CommandKey | undefined {
      return commandKey.get(principal, key);
    },
    saveCommandKey(k: NewCommandKey): void {
      insertCommandKey.run(k.principal, k.key, k.command, k.request, k.result, k.createdAt);
    },
    deleteCommandKey(principal: string, key: string): void {
      deleteCommandKey.run(principal, key);
    },
    /** Forgets the keys created before `before`. */
    pruneBefore(before: number): void {
      pruneCommandKeys.run(before);
    },
  };
}

export type IdempotencyData = ReturnType<typeof idempotencyData>;
