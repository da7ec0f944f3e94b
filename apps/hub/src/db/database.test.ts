import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import {
  DatabaseFromFutureError,
  loadMigrations,
  type Migration,
  migrate,
  openDatabase,
} from './database.ts';

const dirs: string[] = [];
function tempFile(): string {
  const dir = mkdtempSync(join(tmpdir(), 'luot-db-'));
  dirs.push(dir);
  return join(dir, 'luot.sqlite');
}
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('database', () => {
  it('opens in WAL with synchronous=FULL and foreign keys, at the latest schema', () => {
    const db = openDatabase(tempFile());
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('synchronous', { simple: true })).toBe(2); // FULL
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.pragma('user_version', { simple: true })).toBe(loadMigrations().length);
    db.close();
  });

  it('makes every table STRICT', () => {
    const db = openDatabase(tempFile());
    const tables = db
      .prepare<[], { name: string; sql: string }>(
        `SELECT name, sql FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%'`,
      )
      .all();
    expect(tables.length).toBeGreaterThanOrEqual(12);
    for (const t of tables) expect(t.sql, t.name).toMatch(/\)\s*STRICT\s*$/);
    // STRICT rejects a wrongly typed value instead of storing it.
    expect(() => db.prepare(`INSERT INTO centre (id, code, name) VALUES ('one', 'X', 'Y')`).run()).toThrow();
    db.close();
  });

  it('is idempotent: reopening applies nothing', () => {
    const file = tempFile();
    openDatabase(file).close();
    const db = new Database(file);
    expect(migrate(db, loadMigrations())).toEqual({
      from: loadMigrations().length,
      to: loadMigrations().length,
    });
    db.close();
  });

  it('refuses a database written by a newer Lượt, and leaves it untouched', () => {
    const file = tempFile();
    const raw = new Database(file);
    raw.pragma('user_version = 99');
    raw.close();
    expect(() => openDatabase(file)).toThrow(DatabaseFromFutureError);
    expect(() => openDatabase(file)).toThrow(/newer than this hub supports/);
    const after = new Database(file);
    expect(after.pragma('user_version', { simple: true })).toBe(99);
    expect(after.prepare(`SELECT COUNT(*) AS n FROM sqlite_schema`).get()).toEqual({ n: 0 });
    after.close();
  });

  it('applies all pending migrations in one transaction: a failing one leaves nothing behind', () => {
    const file = tempFile();
    const migrations: Migration[] = [
      ...loadMigrations(),
      {
        version: 2,
        name: '0002_broken.sql',
        sql: 'CREATE TABLE extra (x INTEGER) STRICT; INSERT INTO nope VALUES (1);',
      },
    ];
    expect(() => openDatabase(file, migrations)).toThrow(/no such table: nope/);
    const db = new Database(file);
    expect(db.pragma('user_version', { simple: true })).toBe(0);
    expect(
      db.prepare(`SELECT COUNT(*) AS n FROM sqlite_schema WHERE name IN ('tickets', 'extra')`).get(),
    ).toEqual({
      n: 0,
    });
    db.close();
  });

  it('migrates an existing v1 database forward when a new migration arrives', () => {
    const file = tempFile();
    openDatabase(file).close();
    const next: Migration[] = [
      ...loadMigrations(),
      { version: 2, name: '0002_test.sql', sql: 'ALTER TABLE centre ADD COLUMN extra TEXT;' },
    ];
    const db = openDatabase(file, next);
    expect(db.pragma('user_version', { simple: true })).toBe(2);
    const cols = db.prepare<[], { name: string }>('PRAGMA table_info(centre)').all();
    expect(cols.map((c) => c.name)).toContain('extra');
    db.close();
  });

  it('numbers migration files without gaps', () => {
    const ms = loadMigrations();
    expect(ms.map((m) => m.version)).toEqual(ms.map((_, i) => i + 1));
    expect(ms[0]?.name).toBe('0001_init.sql');
  });
});
