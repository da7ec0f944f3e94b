// Numbered SQL migrations (migrations/NNNN_name.sql), applied in order in one transaction under
// an advisory lock, so that several city processes starting at once on one PostgreSQL apply each
// migration exactly once; a database from a newer Lượt is refused, untouched.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CityDatabase } from './database.ts';

const DIR = join(dirname(fileURLToPath(import.meta.url)), 'migrations');
/** pg_advisory_xact_lock key of the city's migrations ("luot" in ASCII). */
const LOCK = 0x6c756f74;

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export function cityMigrations(): Migration[] {
  return readdirSync(DIR)
    .filter((f) => /^\d{4}_[a-z0-9_]+\.sql$/.test(f))
    .sort()
    .map((f) => ({ version: Number(f.slice(0, 4)), name: f, sql: readFileSync(join(DIR, f), 'utf8') }));
}

/** Applies what is missing; returns the versions applied now. */
export async function migrate(db: CityDatabase, migrations = cityMigrations()): Promise<number[]> {
  const latest = migrations.at(-1)?.version ?? 0;
  return db.transaction(async (sql) => {
    await sql.query('SELECT pg_advisory_xact_lock($1)', [LOCK]);
    await sql.query(
      'CREATE TABLE IF NOT EXISTS schema_migrations (version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())',
    );
    const done = new Set(
      (await sql.query<{ version: number }>('SELECT version FROM schema_migrations')).map((r) => r.version),
    );
    const newest = Math.max(0, ...done);
    if (newest > latest) {
      throw new Error(`the database is from a newer Lượt city (schema ${newest}, this one knows ${latest})`);
    }
    const applied: number[] = [];
    for (const m of migrations) {
      if (done.has(m.version)) continue;
      // Statements one by one: pg takes one statement per parameterless query too, but PGlite's
      // transaction runs each through its extended protocol.
      for (const statement of splitStatements(m.sql)) await sql.query(statement);
      await sql.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [m.version, m.name]);
      applied.push(m.version);
    }
    return applied;
  });
}

/** The statements of a migration file: split at semicolons that end a line, comments dropped. */
export function splitStatements(text: string): string[] {
  return text
    .split('\n')
    .filter((line) => !line.trim().startsWith('--'))
    .join('\n')
    .split(/;\s*(?:\n|$)/)
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}
