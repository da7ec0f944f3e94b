// The hub's three readers of figures (day statistics, period reports, the live overview's day)
// agree with @luot/shared's FigureAccumulator fed the same tickets row by row, as the city will
// feed it: random tickets straight into a real database, with ties and every status.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  avgWaitSeconds,
  FigureAccumulator,
  type TicketFacts,
  type TicketStatus,
  targetWaitMs,
} from '@luot/shared';
import { afterAll, describe, expect, it } from 'vitest';
import { type Db, openDatabase } from '../db/database.ts';
import { Store } from '../db/store.ts';
import { loadCatalog, seedDemo } from '../seed.ts';
import { statsQueries } from './day-stats.ts';
import { Reports } from './period.ts';

const DAY = '2025-06-02';
const DAY_START = Date.parse(`${DAY}T08:00:00+07:00`);
const STATUSES: TicketStatus[] = ['waiting', 'called', 'serving', 'done', 'no_show', 'cancelled', 'expired'];

/** A small deterministic generator (mulberry32), so a failure can be replayed. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

describe('hub figures agree with the shared accumulator', () => {
  const dir = mkdtempSync(join(tmpdir(), 'luot-figures-'));
  let db: Db | null = null;
  afterAll(() => {
    db?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  for (const [seed, count] of [
    [1, 0],
    [2, 1],
    [3, 10],
    [4, 11],
    [5, 237],
  ] as const) {
    it(`${count} tickets (seed ${seed})`, () => {
      db?.close();
      db = openDatabase(join(dir, `figures-${seed}.sqlite`));
      const store = new Store(db);
      seedDemo(store, loadCatalog());
      const services = store.serviceRows().map((s) => s.id);
      const counters = store.counters().map((c) => c.id);
      const rnd = random(seed);
      const pick = <T>(a: readonly T[]) => a[Math.floor(rnd() * a.length)]!;
      // Waits and service times in whole minutes or odd milliseconds: ties and rounding both.
      const duration = () => (rnd() < 0.5 ? Math.floor(rnd() * 40) * 60_000 : Math.floor(rnd() * 2_400_000));
      const insert = db.prepare(
        `INSERT INTO tickets (id, service_day, service_id, origin_service_id, number, display_number, channel,
           status, issued_at, called_at, started_at, finished_at, counter_id, rating)
         VALUES (?, ?, ?, ?, ?, ?, 'kiosk', ?, ?, ?, ?, ?, ?, ?)`,
      );
      const acc = new FigureAccumulator();
      for (let i = 0; i < count; i++) {
        const status = pick(STATUSES);
        const serviceId = pick(services);
        const issuedAt = DAY_START + Math.floor(rnd() * 8 * 3_600_000);
        const mustCall =
          status === 'called' || status === 'serving' || status === 'done' || status === 'no_show';
        const called = mustCall || (status !== 'waiting' && rnd() < 0.3);
        const calledAt = called ? issuedAt + duration() : null;
        // A done ticket finished straight from `called` has its call time as its start.
        const startedAt =
          calledAt === null || (status !== 'done' && status !== 'serving')
            ? null
            : calledAt + (status === 'done' && rnd() < 0.2 ? 0 : 30_000);
        const finishedAt = status === 'done' && startedAt !== null ? startedAt + duration() : null;
        const rating = status === 'done' && rnd() < 0.7 ? 1 + Math.floor(rnd() * 4) : null;
        const counterId = calledAt === null ? null : pick(counters);
        insert.run(
          `t-${seed}-${i}`,
          DAY,
          serviceId,
          serviceId,
          i + 1,
          `A${i + 1}`,
          status,
          issuedAt,
          calledAt,
          startedAt,
          finishedAt,
          counterId,
          rating,
        );
        const facts: TicketFacts = { status, issuedAt, calledAt, startedAt, finishedAt, rating };
        acc.addTicket(facts);
      }
      const target = targetWaitMs(15);
      const expected = acc.figures(target);

      const stats = statsQueries(store)(DAY);
      expect(stats).toMatchObject({
        issued: expected.issued,
        served: expected.served,
        noShow: expected.noShow,
        cancelled: expected.cancelled,
        expired: expected.expired,
        waiting: acc.waiting,
        avgWaitSeconds: expected.avgWaitSeconds,
        p90WaitSeconds: expected.p90WaitSeconds,
        avgServiceSeconds: expected.avgServiceSeconds,
        ratings: expected.ratings,
      });

      const report = new Reports(store).period(DAY, DAY, '2025-07-01', 15);
      expect(report.totals).toEqual(expected);

      const today = store.data.overview.day(DAY);
      expect(today.wait_count).toBe(acc.sums.waitCount);
      expect(avgWaitSeconds({ ...acc.sums, waitSum: today.wait_sum ?? 0 })).toBe(expected.avgWaitSeconds);
    });
  }
});
