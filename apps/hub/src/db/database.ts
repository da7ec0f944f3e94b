// Opens the hub's SQLite file durably and brings its schema up to date.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';

export type Db = Database.Database;

const MIGRATIONS_DIR = join(dirname(fileURLToPath(import.meta.url)), 'migrations');

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export function loadMigrations(dir = MIGRATIONS_DIR): Migration[] {
  return readdirSync(dir)
    .filter((f) => /^\d{4}_[a-z0-9_]+\.sql$/.test(f))
    .sort()
    .map((name) => ({ version: Number(name.slice(0, 4)), name, sql: readFileSync(join(dir, name), 'utf8') }))
    .map((m, i) => {
      if (m.version !== i + 1) throw new Error(`migration ${m.name}: expected number ${i + 1}`);
      return m;
    });
}

/** The database was written by a newer Lượt than this one; refuse rather than corrupt it. */
export class DatabaseFromFutureError extends Error {
  constructor(
    readonly found: number,
    readonly supported: number,
  ) {
    super(
      `database schema version ${found} is newer than this hub supports (${supported}); ` +
        'run the newer Lượt version or restore a backup',
    );
    this.name = 'DatabaseFromFutureError';
  }
}

export function openDatabase(file: string, migrations = loadMigrations()): Db {
  const db = new Database(file);
  try {
    db.pragma('journal_mode = WAL');
    // FULL: a ticket that was acknowledged survives a power cut, not only a process kill.
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    // 4 MB of page cache holds the live queue and today's tickets; better-sqlite3's default
    // (16 MB) only adds resident memory on a small PC.
    db.pragma('cache_size = -4000');
    migrate(db, migrations);
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

export function migrate(db: Db, migrations: Migration[]): { from: number; to: number } {
  const from = db.pragma('user_version', { simple: true }) as number;
  const latest = migrations.length;
  if (from > latest) throw new DatabaseFromFutureError(from, latest);
  if (from === latest) return { from, to: latest };
  db.transaction(() => {
    for (const m of migrations.slice(from)) db.exec(m.sql);
    db.pragma(`user_version = ${latest}`);
  }).immediate();
  return { from, to: latest };
}

export function schemaDir(): string {
  return MIGRATIONS_DIR;
}
