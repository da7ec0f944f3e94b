// The report queries read through their indexes (EXPLAIN QUERY PLAN: no scan of tickets, no sort
// of a year's rows), migration 0005 fills in the procedures' days, and the small pieces the
// figures rest on (local hours across an offset change, the k-th smallest wait) are right.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Db, loadMigrations, openDatabase } from '../src/db/database.ts';
import { Store } from '../src/db/store.ts';
import { FINAL, groupSql, OPEN, PROCEDURES_SQL, readDays } from '../src/reports/day-figures.ts';
import { localHourSql, offsetSegments } from '../src/reports/local-hours.ts';
import {
  CHANGED_DAYS_SQL,
  dayFromJson,
  dayToJson,
  kthSmallest,
  Reports,
  SAVED_DAYS_SQL,
} from '../src/reports/period.ts';
import { loadCatalog, seedDemo } from '../src/seed.ts';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'luot-report-plans-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Tickets of `days` days in every state, with procedures; written as the engine leaves them. */
function fill(db: Db, days: number, perDay: number): void {
  const insert = db.prepare(
    `INSERT INTO tickets (id, service_day, service_id, origin_service_id, number, display_number, channel,
       status, issued_at, called_at, started_at, finished_at, counter_id, officer_id, rating)
     VALUES (?, ?, 'hotich', 'hotich', ?, ?, 'kiosk', ?, ?, ?, ?, ?, ?, NULL, ?)`,
  );
  const procedure = db.prepare('INSERT INTO ticket_procedures (ticket_id, procedure_id) VALUES (?, ?)');
  const states = ['done', 'no_show', 'cancelled', 'expired', 'waiting', 'called', 'serving'] as const;
  db.transaction(() => {
    for (let d = 0; d < days; d++) {
      const day = new Date(Date.UTC(2025, 0, 1 + d)).toISOString().slice(0, 10);
      const base = Date.parse(`${day}T01:00:00Z`);
      for (let i = 0; i < perDay; i++) {
        const status = states[i % states.length]!;
        const issued = base + i * 60_000;
        const called = status === 'waiting' ? null : issued + 300_000;
        const done = status === 'done';
        insert.run(
          `t-${day}-${i}`,
          day,
          1001 + i,
          String(1001 + i),
          status,
          issued,
          called,
          done ? called! + 10_000 : null,
          done ? called! + 400_000 : null,
          called ? 'c1' : null,
          done ? 1 + (i % 4) : null,
        );
        if (done) procedure.run(`t-${day}-${i}`, 'hotich-1');
      }
    }
  })();
}

describe('report query plans', () => {
  let db: Db;
  const vietnam = localHourSql(offsetSegments('2025-01-01', '2025-12-31', 'Asia/Ho_Chi_Minh'));
  const plan = (sql: string, ...params: unknown[]) =>
    db
      .prepare(`EXPLAIN QUERY PLAN ${sql}`)
      .all(...params)
      .map((r) => (r as { detail: string }).detail)
      .join('\n');

  beforeAll(() => {
    db = openDatabase(join(dir, 'plans.sqlite'));
    seedDemo(new Store(db), loadCatalog());
    fill(db, 60, 40);
  });
  afterAll(() => db.close());

  // The hub never runs ANALYZE: the plans must hold with and without statistics.
  for (const analyzed of [false, true]) {
    describe(analyzed ? 'after ANALYZE' : 'without statistics', () => {
      beforeAll(() => {
        if (analyzed) db.exec('ANALYZE');
      });

      it('finished tickets of a range stream through the covering report index, unsorted', () => {
        const p = plan(
          groupSql(FINAL, vietnam.sql),
          ...vietnam.params,
          ...vietnam.params,
          '2025-01-01',
          '2025-12-31',
        );
        expect(p).toContain(
          'SEARCH tickets USING COVERING INDEX tickets_report (service_day>? AND service_day<?)',
        );
        expect(p).not.toContain('TEMP B-TREE');
        expect(p).not.toMatch(/SCAN tickets/);
      });

      it('open tickets of a range come through the open-by-day index', () => {
        const p = plan(
          groupSql(OPEN, vietnam.sql),
          ...vietnam.params,
          ...vietnam.params,
          '2025-01-01',
          '2025-12-31',
        );
        expect(p).toContain('USING INDEX tickets_open_day (service_day>? AND service_day<?)');
        expect(p).not.toMatch(/SCAN tickets/);
      });

      it('procedures of a range are counted from their own day index', () => {
        const p = plan(PROCEDURES_SQL, '2025-01-01', '2025-12-31');
        expect(p).toContain(
          'SEARCH ticket_procedures USING COVERING INDEX ticket_procedures_day (service_day>? AND service_day<?)',
        );
        expect(p).not.toContain('TEMP B-TREE');
      });

      it('the days changed since a log position: log rows after it, tickets by id', () => {
        const p = plan(CHANGED_DAYS_SQL, 0);
        expect(p).toMatch(/SEARCH e USING INTEGER PRIMARY KEY \(rowid>\?\)/);
        expect(p).toMatch(/SEARCH t USING INDEX sqlite_autoindex_tickets_1 \(id=\?\)/);
      });

      it('saved days of a range come by their primary key', () => {
        const p = plan(SAVED_DAYS_SQL, '2025-01-01', '2025-12-31');
        expect(p).toContain(
          'SEARCH report_days USING INDEX sqlite_autoindex_report_days_1 (day>? AND day<?)',
        );
        expect(p).not.toMatch(/SCAN report_days/);
      });

      it('the day close finds days with open tickets through the open index', () => {
        const p = plan(
          `SELECT DISTINCT service_day FROM tickets WHERE status IN ('waiting', 'called', 'serving')
           AND service_day < ? ORDER BY service_day`,
          '2025-03-01',
        );
        expect(p).toContain('tickets_open_day');
        expect(p).not.toMatch(/SCAN tickets/);
      });
    });
  }
});

describe('kept days', () => {
  it('after reading ahead, a period is summed from kept days; a logged change drops its day', async () => {
    const db = openDatabase(join(dir, 'kept.sqlite'));
    try {
      const store = new Store(db);
      seedDemo(store, loadCatalog());
      fill(db, 60, 14);
      let groupReads = 0;
      const figures = store.data.reportFigures;
      const groups = figures.groups.bind(figures);
      figures.groups = (...args) => {
        groupReads++;
        return groups(...args);
      };

      const reports = new Reports(store);
      expect(await reports.readAhead('2025-03-05')).toBe(366);
      const reads = groupReads;
      const kept = reports.period('2025-01-01', '2025-03-04', '2025-03-05', 15);
      expect(groupReads).toBe(reads); // nothing read again
      expect(kept).toEqual(new Reports(store).period('2025-01-01', '2025-03-04', '2025-03-05', 15));
      expect(kept.totals.issued).toBe(60 * 14); // 1 January to 1 March

      // A late rating, logged as the engine logs it, changes one kept day.
      db.prepare(`UPDATE tickets SET rating = NULL WHERE id = 't-2025-01-05-0'`).run();
      db.prepare(
        `INSERT INTO ticket_events (at, type, ticket_id) VALUES (0, 'ticket.rated', 't-2025-01-05-0')`,
      ).run();
      const before = groupReads;
      const after = reports.period('2025-01-01', '2025-03-04', '2025-03-05', 15);
      expect(groupReads).toBe(before + 2); // that day only (finished and open tickets)
      const rated = (r: typeof kept) => Object.values(r.totals.ratings).reduce((a, b) => a + b, 0);
      expect(rated(after)).toBe(rated(kept) - 1);
    } finally {
      db.close();
    }
  });
});

describe('days saved across restarts (report_days)', () => {
  /** A store on a filled database whose group reads (SQL over the tickets) are counted. */
  function counted(file: string, fresh: boolean) {
    const db = openDatabase(join(dir, file));
    const store = new Store(db);
    if (fresh) {
      seedDemo(store, loadCatalog());
      fill(db, 60, 14);
    }
    const counter = { reads: 0 };
    const figures = store.data.reportFigures;
    const groups = figures.groups.bind(figures);
    figures.groups = (...args) => {
      counter.reads++;
      return groups(...args);
    };
    return { db, store, counter };
  }
  const TODAY = '2025-03-05';
  const period = (store: Store) => new Reports(store).period('2025-01-01', '2025-03-04', TODAY, 15);

  it('a restarted hub answers from the saved days, reading no ticket, with the same figures', async () => {
    const first = counted('saved.sqlite', true);
    const before = await (async () => {
      const reports = new Reports(first.store);
      await reports.readAhead(TODAY);
      return reports.period('2025-01-01', '2025-03-04', TODAY, 15);
    })();
    expect(first.counter.reads).toBeGreaterThan(0);
    const rows = first.db.prepare('SELECT COUNT(*) AS n FROM report_days').get() as { n: number };
    expect(rows.n).toBe(366); // the year before today, days without tickets included
    first.db.close();

    const again = counted('saved.sqlite', false);
    try {
      const reports = new Reports(again.store);
      expect(await reports.readAhead(TODAY)).toBe(366);
      const after = reports.period('2025-01-01', '2025-03-04', TODAY, 15);
      expect(again.counter.reads).toBe(0);
      expect(after).toEqual(before);
      // Straight from the saved rows too, without reading ahead.
      expect(period(again.store)).toEqual(before);
      expect(again.counter.reads).toBe(0);
    } finally {
      again.db.close();
    }
  });

  it('a change logged while no report was asked for (or the hub was off) drops that day only', () => {
    const first = counted('changed.sqlite', true);
    const before = period(first.store);
    // A late rating, logged as the engine logs it, then a restart.
    first.db.prepare(`UPDATE tickets SET rating = 4 WHERE id = 't-2025-01-08-0'`).run();
    first.db
      .prepare(`INSERT INTO ticket_events (at, type, ticket_id) VALUES (0, 'ticket.rated', 't-2025-01-08-0')`)
      .run();
    first.db.close();

    const again = counted('changed.sqlite', false);
    try {
      const after = period(again.store);
      expect(again.counter.reads).toBe(2); // that day: finished and open tickets
      expect(after.totals.ratings['4']).toBe(before.totals.ratings['4'] + 1);
      expect(after).toEqual(new Reports(again.store).period('2025-01-01', '2025-03-04', TODAY, 15));
      expect(again.counter.reads).toBe(2);
    } finally {
      again.db.close();
    }
  });

  it('a new time zone, or more log rows than a scan is worth, drops every saved day', () => {
    const first = counted('dropped.sqlite', true);
    period(first.store);
    const saved = () => (first.db.prepare('SELECT COUNT(*) AS n FROM report_days').get() as { n: number }).n;
    expect(saved()).toBe(63);

    // Local hours depend on the zone: a centre moved to another zone reads its tickets again.
    first.db.prepare(`UPDATE centre SET time_zone = 'Asia/Bangkok'`).run();
    first.store.invalidateCatalog(); // as an admin change does
    const reads = first.counter.reads;
    period(first.store);
    expect(first.counter.reads).toBe(reads + 2); // one range, both states
    expect(saved()).toBe(63);
    expect(first.db.prepare('SELECT time_zone FROM report_state').get()).toEqual({
      time_zone: 'Asia/Bangkok',
    });

    // 50,001 log rows since the saved position: cheaper to read the days again than to scan.
    const insert = first.db.prepare(
      `INSERT INTO ticket_events (at, type, ticket_id) VALUES (0, 'x', 't-2025-01-02-0')`,
    );
    first.db.transaction(() => {
      for (let i = 0; i <= 50_000; i++) insert.run();
    })();
    const reads2 = first.counter.reads;
    period(first.store);
    expect(first.counter.reads).toBe(reads2 + 2);
    first.db.close();
  });

  it('a write that fails (a full disk) leaves the report right and stops saving until a restart', () => {
    const first = counted('fails.sqlite', true);
    try {
      const errors: unknown[] = [];
      const reports = new Reports(first.store, (error) => errors.push(error));
      const before = reports.period('2025-01-01', '2025-03-04', TODAY, 15);
      first.db.exec(
        `CREATE TRIGGER no_space BEFORE INSERT ON report_days BEGIN SELECT RAISE(ABORT, 'database or disk is full'); END`,
      );
      // A late rating: its day is dropped, read again from the tickets, and cannot be saved.
      first.db.prepare(`UPDATE tickets SET rating = 4 WHERE id = 't-2025-01-08-0'`).run();
      first.db
        .prepare(
          `INSERT INTO ticket_events (at, type, ticket_id) VALUES (0, 'ticket.rated', 't-2025-01-08-0')`,
        )
        .run();
      const after = reports.period('2025-01-01', '2025-03-04', TODAY, 15);
      expect(after.totals.ratings['4']).toBe(before.totals.ratings['4'] + 1);
      expect(errors).toHaveLength(1);
      expect(String(errors[0])).toMatch(/disk is full/);
      // No more tries in this process: new days are read, not saved.
      reports.period('2024-12-01', '2024-12-31', TODAY, 15);
      expect(errors).toHaveLength(1);
      expect(reports.period('2025-01-01', '2025-03-04', TODAY, 15)).toEqual(after);

      // What is saved still agrees with its log position: a restarted hub gets the same figures.
      first.db.exec('DROP TRIGGER no_space');
      expect(new Reports(first.store).period('2025-01-01', '2025-03-04', TODAY, 15)).toEqual(after);
    } finally {
      first.db.close();
    }
  });

  it('a saved day reads back exactly as it was read (JSON of the figures)', () => {
    const first = counted('json.sqlite', true);
    try {
      period(first.store);
      const rows = first.db.prepare('SELECT day, figures FROM report_days ORDER BY day').all() as {
        day: string;
        figures: string;
      }[];
      const read = readDays(first.store, '2025-01-01', '2025-03-04', 'Asia/Ho_Chi_Minh');
      for (const r of rows) {
        const figures = dayFromJson(r.figures);
        expect(figures, r.day).toEqual(read.get(r.day) ?? null);
        expect(dayToJson(figures)).toBe(r.figures);
      }
      expect(rows.filter((r) => r.figures !== 'null')).toHaveLength(60);
    } finally {
      first.db.close();
    }
  });
});

describe('migration 0005', () => {
  it('gives existing procedure rows their ticket’s day, and new rows get it from the trigger', () => {
    const file = join(dir, 'v4.sqlite');
    const v4 = openDatabase(file, loadMigrations().slice(0, 4));
    seedDemo(new Store(v4), loadCatalog());
    fill(v4, 2, 7);
    expect(v4.pragma('user_version', { simple: true })).toBe(4);
    v4.close();

    const db = openDatabase(file);
    try {
      expect(db.pragma('user_version', { simple: true })).toBe(loadMigrations().length);
      const rows = db
        .prepare(
          `SELECT tp.service_day AS day, t.service_day AS ticket_day FROM ticket_procedures tp
           JOIN tickets t ON t.id = tp.ticket_id`,
        )
        .all() as { day: string | null; ticket_day: string }[];
      expect(rows).toHaveLength(2);
      for (const r of rows) expect(r.day).toBe(r.ticket_day);
      // The engine's own insert, unchanged.
      const store = new Store(db);
      store.st.insertProcedureDone.run('t-2025-01-02-0', 'hotich-2');
      expect(
        db
          .prepare(`SELECT service_day FROM ticket_procedures WHERE ticket_id = ? AND procedure_id = ?`)
          .get('t-2025-01-02-0', 'hotich-2'),
      ).toEqual({ service_day: '2025-01-02' });
    } finally {
      db.close();
    }
  });
});

describe('local hours in SQL', () => {
  /** The SQL's hour of each time, computed by SQLite. */
  function hours(segments: { changes: number[]; offsets: number[] }, times: string[]): number[] {
    const db = openDatabase(':memory:', []);
    try {
      db.exec('CREATE TABLE t (i INTEGER PRIMARY KEY, at INTEGER NOT NULL) STRICT');
      const insert = db.prepare('INSERT INTO t (i, at) VALUES (?, ?)');
      for (const [i, time] of times.entries()) insert.run(i, Date.parse(time));
      const hour = localHourSql(segments);
      return db
        .prepare(`SELECT ${hour.sql.replaceAll('?col', 'at')} AS h FROM t ORDER BY i`)
        .all(...hour.params)
        .map((r) => (r as { h: number }).h);
    } finally {
      db.close();
    }
  }

  it('Vietnam has one offset, +7', () => {
    const s = offsetSegments('2024-01-01', '2024-12-31', 'Asia/Ho_Chi_Minh');
    expect(s).toEqual({ changes: [], offsets: [7 * 3_600_000] });
    expect(hours(s, ['2024-06-01T00:30:00Z', '2024-06-01T16:59:59.999Z', '2024-06-01T17:00:00Z'])).toEqual([
      7, 23, 0,
    ]);
  });

  it('a zone with summer time gets each change to the minute', () => {
    const s = offsetSegments('2025-03-01', '2025-11-30', 'Europe/Paris');
    expect(s).toEqual({
      changes: [Date.parse('2025-03-30T01:00:00Z'), Date.parse('2025-10-26T01:00:00Z')],
      offsets: [3_600_000, 7_200_000, 3_600_000],
    });
    expect(
      hours(s, [
        '2025-03-30T00:59:00Z', // 01:59 winter time
        '2025-03-30T01:00:00Z', // 03:00 summer time
        '2025-10-26T00:59:00Z', // 02:59 summer time
        '2025-10-26T01:00:00Z', // 02:00 winter time again
        '2025-10-26T02:00:00Z',
      ]),
    ).toEqual([1, 3, 2, 2, 3]);
  });
});

describe('kthSmallest', () => {
  it('is the k-th of the sorted values, duplicates and all', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 50 }), { minLength: 1, maxLength: 200 }),
        fc.nat(),
        (values, k0) => {
          const k = k0 % values.length;
          const sorted = [...values].sort((a, b) => a - b);
          expect(kthSmallest(Float64Array.from(values), k)).toBe(sorted[k]);
        },
      ),
    );
  });
});
