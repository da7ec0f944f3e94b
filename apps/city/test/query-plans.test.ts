// The city's figure queries use their indexes on a real PostgreSQL server (EXPLAIN), with a
// year of tickets for 103 centres generated in SQL: figures read the centres' day rows
// (centre_day_figures, one per centre and day), a day or a month by date, one centre's period by
// its key; never the tickets.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CityDatabase } from '../src/db/database.ts';
import { openPostgres } from '../src/db/database.ts';
import { REBUILD_DAY_FIGURES, REFRESH_DAY_FIGURES } from '../src/db/day-figures.ts';
import { migrate } from '../src/db/migrate.ts';
import { statsQueryText } from '../src/db/stats.ts';
import { type PostgresCluster, startPostgres } from './harness.ts';

let cluster: PostgresCluster;
let db: CityDatabase;

beforeAll(async () => {
  cluster = await startPostgres();
  db = await openPostgres(await cluster.createDatabase('plans'));
  await migrate(db);
  await db.exec(`
    INSERT INTO centres (code, name) SELECT 'C' || i, 'Phường ' || i FROM generate_series(1, 103) i;
    INSERT INTO tickets (centre_id, id, service_day, field_code, field_name, procedure_codes, channel, status,
      issued_at, called_at, started_at, finished_at, recall_count, version)
    SELECT c.id, 't' || d || '-' || n, DATE '2026-01-01' + d::int, 'HT', 'Hộ tịch', '[]'::jsonb, 'kiosk', 'done',
      1767225600000 + d * 86400000 + n * 60000, 1767225600000 + d * 86400000 + n * 60000 + 300000,
      1767225600000 + d * 86400000 + n * 60000 + 300000, 1767225600000 + d * 86400000 + n * 60000 + 900000, 0, 1
    FROM centres c, generate_series(0::bigint, 364::bigint) d, generate_series(1::bigint, 8::bigint) n;
  `);
  await db.query(REBUILD_DAY_FIGURES);
  await db.exec('ANALYZE');
}, 120_000);
afterAll(async () => {
  await db?.close();
  await cluster?.stop();
});

async function plan(text: string, params: (string | null)[]): Promise<string> {
  const rows = await db.query<{ 'QUERY PLAN': string }>(`EXPLAIN ${text}`, params);
  return rows.map((r) => r['QUERY PLAN']).join('\n');
}

describe('query plans of the city figures (PostgreSQL, 103 centres × 365 days)', () => {
  it('holds the generated year', async () => {
    const [row] = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM tickets');
    expect(row!.n).toBe(103 * 365 * 8);
  });

  it('holds one figures row per centre and day', async () => {
    const [row] = await db.query<{ n: number; waits: number }>(
      'SELECT count(*)::int AS n, sum(cardinality(waits))::int AS waits FROM centre_day_figures',
    );
    expect(row).toEqual({ n: 103 * 365, waits: 103 * 365 * 8 });
  });

  it('a day or a month of every centre reads its day rows by date, never the tickets', async () => {
    for (const [from, to] of [
      ['2026-06-01', '2026-06-01'],
      ['2026-06-01', '2026-06-30'],
    ]) {
      for (const q of [statsQueryText.perCentre, statsQueryText.total]) {
        const text = await plan(q, [from!, to!, null, '900000']);
        expect(text, text).toMatch(
          /(Index (Only )?Scan using|Bitmap Index Scan on) centre_day_figures_(date|pkey)/,
        );
        expect(text, text).not.toMatch(/Seq Scan on centre_day_figures|on tickets/);
      }
    }
  });

  it('one centre’s period reads its own day rows by (centre, date)', async () => {
    for (const q of [statsQueryText.perCentre, statsQueryText.total]) {
      const text = await plan(q, ['2026-01-01', '2026-12-31', 'C42', '900000']);
      expect(text, text).toMatch(/centre_day_figures_pkey/);
      expect(text, text).not.toMatch(/Seq Scan on centre_day_figures|on tickets/);
    }
  });

  it('a report refreshes only its centre’s days, by the tickets’ (centre, day) index', async () => {
    const text = await plan(REFRESH_DAY_FIGURES, ['1', '{2026-06-01}']);
    expect(text, text).toMatch(/tickets_centre_day/);
  });

  it('a report’s upsert finds tickets by their primary key', async () => {
    const text = await plan('SELECT version FROM tickets WHERE centre_id = 1 AND id = $1', ['t5-3']);
    expect(text, text).toMatch(/Index Scan using tickets_pkey/);
  });
});
