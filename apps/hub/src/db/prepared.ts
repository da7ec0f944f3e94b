// Prepared statements kept per database: one statement per SQL text, prepared on first use.
import type { Statement } from 'better-sqlite3';
import type { Db } from './database.ts';

const byDatabase = new WeakMap<Db, Map<string, Statement<unknown[], unknown>>>();

/** The prepared statement for this SQL on this database, prepared once and kept. */
export function prepared<R = unknown>(db: Db, sql: string): Statement<unknown[], R> {
  let statements = byDatabase.get(db);
  if (!statements) {
    statements = new Map();
    byDatabase.set(db, statements);
  }
  let statement = statements.get(sql) as Statement<unknown[], R> | undefined;
  if (!statement) {
    statement = db.prepare<unknown[], R>(sql);
    statements.set(sql, statement as Statement<unknown[], unknown>);
  }
  return statement;
}
