// The queries that run on every call, issue and estimate use their indexes (EXPLAIN QUERY PLAN).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadCatalog, seedDemo } from '../seed.ts';
import { type Db, openDatabase } from './database.ts';
import { Store } from './store.ts';

let dir: string;
let db: Db;

function plan(sql: string, ...params: unknown[]): string {
  return db
    .prepare(`EXPLAIN QUERY PLAN ${sql}`)
    .all(...params)
    .map((r) => (r as { detail: string }).detail)
    .join('\n');
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'luot-plan-'));
  db = openDatabase(join(dir, 'luot.sqlite'));
  seedDemo(new Store(db), loadCatalog());
  db.exec('ANALYZE');
});
afterAll(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('query plans', () => {
  it("a counter's recent no-shows use the partial no-show index", () => {
    const p = plan(
      `SELECT * FROM tickets WHERE status = 'no_show' AND counter_id = ? AND no_show_at >= ?
       ORDER BY no_show_at DESC LIMIT 50`,
      'c1',
      0,
    );
    expect(p).toContain('USING INDEX tickets_no_show (counter_id=? AND no_show_at>?)');
  });

  it('next ticket of a field walks the waiting-tickets index', () => {
    const p = plan(
      `SELECT id, issued_at FROM tickets INDEXED BY tickets_waiting
       WHERE status = 'waiting' AND service_id = ? AND target_counter_id IS NULL
       ORDER BY issued_at LIMIT 1`,
      'hotich',
    );
    expect(p).toContain('USING INDEX tickets_waiting (service_id=?)');
    expect(p).not.toContain('TEMP B-TREE');
  });

  it('tickets transferred to a counter use their own index', () => {
    const p = plan(
      `SELECT id FROM tickets WHERE status = 'waiting' AND target_counter_id = ? ORDER BY issued_at LIMIT 1`,
      'c1',
    );
    expect(p).toContain('USING INDEX tickets_waiting_target (target_counter_id=?)');
  });

  it('the last number of a field and day uses the unique index', () => {
    const p = plan(
      'SELECT MAX(number) AS n FROM tickets WHERE service_day = ? AND origin_service_id = ?',
      'd',
      's',
    );
    expect(p).toMatch(/USING (COVERING )?INDEX sqlite_autoindex_tickets_2/);
  });

  it("a counter's active ticket uses the partial index", () => {
    const p = plan(`SELECT id FROM tickets WHERE counter_id = ? AND status IN ('called', 'serving')`, 'c1');
    expect(p).toContain('tickets_active_counter');
  });

  it('recent service times of a field use the done index', () => {
    const p = plan(
      `SELECT finished_at, started_at FROM tickets INDEXED BY tickets_done_service
       WHERE status = 'done' AND service_id = ? AND started_at IS NOT NULL ORDER BY finished_at DESC LIMIT 20`,
      'hotich',
    );
    expect(p).toContain('USING INDEX tickets_done_service (service_id=?)');
    expect(p).not.toContain('TEMP B-TREE');
  });

  it('day statistics read one day through the day index', () => {
    const p = plan(`SELECT COUNT(*) FROM tickets WHERE service_day = ?`, '2026-01-01');
    expect(p).toMatch(/USING (COVERING )?INDEX sqlite_autoindex_tickets_2/);
  });

  it('idempotency keys and tokens are looked up by primary key', () => {
    expect(
      plan('SELECT command, request, result FROM command_keys WHERE principal = ? AND key = ?', 'a', 'b'),
    ).toMatch(/USING INDEX sqlite_autoindex_command_keys_1/);
    expect(plan('SELECT user_id FROM tokens WHERE token_hash = ?', 'x')).toMatch(
      /USING INDEX sqlite_autoindex_tokens_1/,
    );
  });
});
