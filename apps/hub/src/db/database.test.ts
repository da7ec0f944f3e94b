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
        version: loadMigrations().length + 1,
        name: '9999_broken.sql',
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
      {
        version: loadMigrations().length + 1,
        name: '9999_test.sql',
        sql: 'ALTER TABLE centre ADD COLUMN extra TEXT;',
      },
    ];
    const db = openDatabase(file, next);
    expect(db.pragma('user_version', { simple: true })).toBe(next.length);
    const cols = db.prepare<[], { name: string }>('PRAGMA table_info(centre)').all();
    expect(cols.map((c) => c.name)).toContain('extra');
    db.close();
  });

  it('migrates a v1 database with data to the latest (v2 printing, v3 command keys), keeping every row', () => {
    const file = tempFile();
    const v1 = openDatabase(file, loadMigrations().slice(0, 1));
    expect(v1.pragma('user_version', { simple: true })).toBe(1);
    v1.exec(`
      INSERT INTO centre (id, code, name) VALUES (1, 'X', 'Trung tâm');
      INSERT INTO services (id, code, name, prefix, start_number, end_number) VALUES ('s', 'S', 'Hộ tịch', '', 1001, 1999);
      INSERT INTO devices (id, kind, name, created_at, last_seen_at) VALUES ('k1', 'kiosk', 'Kiosk cửa', 1, 2);
      INSERT INTO devices (id, kind, name, zone, created_at) VALUES ('d1', 'display', 'Màn hình', 'main', 3);
      INSERT INTO tokens (token_hash, device_id, created_at, expires_at) VALUES ('h', 'k1', 1, 99);
      INSERT INTO tickets (id, service_day, service_id, origin_service_id, number, display_number, channel,
        status, issued_at, issued_by_device) VALUES ('t1', '2026-01-05', 's', 's', 1001, '1001', 'kiosk', 'waiting', 5, 'k1');
      INSERT INTO ticket_events (at, type, ticket_id, device_id) VALUES (5, 'ticket.issued', 't1', 'k1');
    `);
    v1.close();

    const db = openDatabase(file);
    expect(db.pragma('user_version', { simple: true })).toBe(loadMigrations().length);
    expect(db.prepare('SELECT * FROM devices ORDER BY id').all()).toEqual([
      {
        id: 'd1',
        kind: 'display',
        name: 'Màn hình',
        counter_id: null,
        zone: 'main',
        active: 1,
        created_at: 3,
        last_seen_at: null,
        printer_uri: null,
        printer_paper: 80,
        printer_mode: 'raster',
      },
      {
        id: 'k1',
        kind: 'kiosk',
        name: 'Kiosk cửa',
        counter_id: null,
        zone: null,
        active: 1,
        created_at: 1,
        last_seen_at: 2,
        printer_uri: null,
        printer_paper: 80,
        printer_mode: 'raster',
      },
    ]);
    expect(db.prepare('SELECT COUNT(*) AS n FROM tokens').get()).toEqual({ n: 1 });
    expect(db.prepare('SELECT id, issued_by_device FROM tickets').all()).toEqual([
      { id: 't1', issued_by_device: 'k1' },
    ]);
    expect(db.prepare('SELECT seq, type FROM ticket_events').all()).toEqual([
      { seq: 1, type: 'ticket.issued' },
    ]);
    expect(db.prepare('SELECT COUNT(*) AS n FROM device_alerts').get()).toEqual({ n: 0 });
    // The new columns are checked, and alerts refer to real devices.
    expect(() => db.prepare(`UPDATE devices SET printer_paper = 60 WHERE id = 'k1'`).run()).toThrow(/CHECK/);
    expect(() => db.prepare(`UPDATE devices SET printer_mode = 'pdf' WHERE id = 'k1'`).run()).toThrow(
      /CHECK/,
    );
    db.prepare(
      `INSERT INTO device_alerts (device_id, kind, code, at, last_at) VALUES ('k1', 'printer', 'paper_out', 1, 1)`,
    ).run();
    expect(() =>
      db
        .prepare(
          `INSERT INTO device_alerts (device_id, kind, code, at, last_at) VALUES ('nope', 'printer', 'x', 1, 1)`,
        )
        .run(),
    ).toThrow(/FOREIGN KEY/);
    db.close();
  });

  it('moves issuing keys into command_keys (v8): one idempotency mechanism, nothing forgotten', () => {
    const file = tempFile();
    const v7 = openDatabase(file, loadMigrations().slice(0, 7));
    v7.exec(`
      INSERT INTO centre (id, code, name) VALUES (1, 'X', 'Trung tâm');
      INSERT INTO services (id, code, name, prefix, start_number, end_number) VALUES ('s', 'S', 'Hộ tịch', '', 1001, 1999);
      INSERT INTO devices (id, kind, name, created_at) VALUES ('k1', 'kiosk', 'Kiosk cửa', 1);
      INSERT INTO tickets (id, service_day, service_id, origin_service_id, number, display_number, channel,
        status, issued_at, issued_by_device, priority) VALUES ('t1', '2026-01-05', 's', 's', 1001, '1001', 'kiosk', 'waiting', 5, 'k1', 'elderly');
      INSERT INTO idempotency_keys (principal, key, ticket_id, created_at) VALUES ('k1', 'key-12345678', 't1', 5);
    `);
    v7.close();
    const db = openDatabase(file);
    expect(db.prepare("SELECT name FROM sqlite_master WHERE name = 'idempotency_keys'").all()).toEqual([]);
    expect(db.prepare('SELECT * FROM command_keys').all()).toEqual([
      {
        principal: 'k1',
        key: 'key-12345678',
        command: 'tickets:issue',
        // The same canonical request the engine writes, so a retry of the same request replays.
        request: JSON.stringify({ serviceId: 's', priority: 'elderly', procedureId: null }),
        result: JSON.stringify({ ticketId: 't1' }),
        created_at: 5,
      },
    ]);
    db.close();
  });

  it('numbers migration files without gaps', () => {
    const ms = loadMigrations();
    expect(ms.map((m) => m.version)).toEqual(ms.map((_, i) => i + 1));
    expect(ms[0]?.name).toBe('0001_init.sql');
  });
});
