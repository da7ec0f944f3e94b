// A year of realistic tickets for the demo centre, written straight into a hub database (direct
// SQL inserts: about two seconds for 100,000 tickets, where issuing them through the API and
// serving them would take many minutes). Deterministic for a given seed.
import { randomBytes } from 'node:crypto';
import { nextDay, serviceDayOf, startOfServiceDay, zonedParts } from '@luot/shared';
import { openDatabase } from '../apps/hub/src/db/database.ts';
import { counterIdOf, loadCatalog, seedDemo, serviceIdOf } from '../apps/hub/src/seed.ts';
import { Store } from '../apps/hub/src/store.ts';

export interface YearOfTickets {
  tickets: number;
  procedures: number;
  days: number;
  firstDay: string;
  lastDay: string;
  /** The busiest day, for the one-day report. */
  busiestDay: string;
  ms: number;
}

/** mulberry32: a small seeded PRNG, so every run measures the same data. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function pick<T>(rand: () => number, items: readonly T[], weights: readonly number[]): T {
  const total = weights.reduce((a, b) => a + b, 0);
  let x = rand() * total;
  for (let i = 0; i < items.length; i++) {
    x -= weights[i]!;
    if (x < 0) return items[i]!;
  }
  return items[items.length - 1]!;
}

const exponential = (rand: () => number, mean: number) => -Math.log(1 - rand()) * mean;
/** Log-normal with the given mean and a moderate spread (service times have a long tail). */
const logNormal = (rand: () => number, mean: number) => {
  const sigma = 0.5;
  const z = Math.sqrt(-2 * Math.log(1 - rand())) * Math.cos(2 * Math.PI * rand());
  return mean * Math.exp(sigma * z - (sigma * sigma) / 2);
};

/**
 * Seeds the demo centre in a new database at `file` and fills the `days` days before `now`
 * with about `total` tickets in final states (done, no-show, cancelled, expired), officers
 * rotating between counters, procedures and ratings. The hub freezes the days on its first start.
 */
export function generateYear(
  file: string,
  opts: { total: number; days?: number; now?: number },
): YearOfTickets {
  const started = performance.now();
  const catalog = loadCatalog();
  const db = openDatabase(file);
  const store = new Store(db);
  seedDemo(store, catalog);
  const tz = catalog.centre.timeZone;
  const rand = prng(20_260_101);
  const now = opts.now ?? Date.now();
  const days = opts.days ?? 365;

  // The working days of the period (Monday to Saturday) and their share of the arrivals.
  let day = serviceDayOf(now - days * 86_400_000, tz);
  const today = serviceDayOf(now, tz);
  const workDays: { day: string; weekday: number; weight: number }[] = [];
  for (; day < today; day = nextDay(day)) {
    const weekday = zonedParts(startOfServiceDay(day, tz) + 12 * 3600_000, tz).weekday;
    if (weekday === 0) continue;
    const base = weekday === 6 ? catalog.arrivalsPerDay.saturday : catalog.arrivalsPerDay.weekday;
    workDays.push({ day, weekday, weight: base * (0.75 + rand() * 0.5) });
  }
  const weightSum = workDays.reduce((a, d) => a + d.weight, 0);

  const fields = catalog.fields.map((f) => ({
    id: serviceIdOf(f.code),
    share: f.shareOfArrivals,
    start: f.start,
    prefix: f.prefix,
    meanServiceSeconds: f.meanServiceMinutes * 60,
    procedures: f.procedures.map((_, j) => `${serviceIdOf(f.code)}-${j + 1}`),
    counters: catalog.counters.filter((c) => c.fields.includes(f.code)).map((c) => counterIdOf(c.number)),
  }));
  const hours = Object.keys(catalog.arrivalProfileByHour).map(Number);
  const hourWeights = hours.map((h) => catalog.arrivalProfileByHour[String(h)]!);
  const peak = Math.max(...hourWeights);

  // Nine officers for seven counters: each month two of them stand in somewhere else.
  const officers = Array.from({ length: 9 }, (_, i) => `bench-officer-${i + 1}`);
  const insertUser = db.prepare(
    `INSERT INTO users (id, username, display_name, role, password_hash, active, created_at)
     VALUES (?, ?, ?, 'officer', 'x', 1, ?)`,
  );
  const names = ['Nguyễn Văn An', 'Trần Thị Bình', 'Lê Văn Cường', 'Phạm Thị Dung', 'Hoàng Văn Em'];
  const insertTicket = db.prepare(
    `INSERT INTO tickets (id, service_day, service_id, origin_service_id, procedure_id, number,
       display_number, priority, channel, status, issued_at, called_at, started_at, finished_at,
       no_show_at, counter_id, officer_id, rating)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insertProcedure = db.prepare('INSERT INTO ticket_procedures (ticket_id, procedure_id) VALUES (?, ?)');
  const ids = randomBytes(16 * opts.total * 2);
  let idAt = 0;
  const nextId = () => {
    idAt += 16;
    return ids.subarray(idAt - 16, idAt).toString('base64url');
  };

  let tickets = 0;
  let procedures = 0;
  let busiest = { day: '', n: 0 };
  db.transaction(() => {
    for (const [i, id] of officers.entries()) {
      insertUser.run(id, id, `${names[i % names.length]} ${i + 1}`, now - days * 86_400_000);
    }
    for (const wd of workDays) {
      const count = Math.round((opts.total * wd.weight) / weightSum);
      if (count > busiest.n) busiest = { day: wd.day, n: count };
      const dayStart = startOfServiceDay(wd.day, tz);
      const month = Number(wd.day.slice(5, 7));
      const officerOf = (counterId: string) => {
        const c = Number(counterId.slice(1)) - 1;
        return officers[(c + (c < 2 ? month % 3 : 0) * 7) % officers.length]!;
      };
      const arrivals: { at: number; field: (typeof fields)[number]; hour: number }[] = [];
      for (let i = 0; i < count; i++) {
        const field = pick(
          rand,
          fields,
          fields.map((f) => f.share),
        );
        let hour = pick(rand, hours, hourWeights);
        if (wd.weekday === 6 && hour > 11) hour -= 6;
        const at = dayStart + hour * 3600_000 + Math.floor(rand() * 3600_000);
        arrivals.push({ at, field, hour });
      }
      arrivals.sort((a, b) => a.at - b.at);
      const numbers = new Map<string, number>();
      for (const a of arrivals) {
        const f = a.field;
        const number = (numbers.get(f.id) ?? f.start - 1) + 1;
        numbers.set(f.id, number);
        const id = nextId();
        const busy = hourWeights[hours.indexOf(a.hour)]! / peak;
        const wait = Math.round(exponential(rand, (3 + 14 * busy) * 60_000));
        const r = rand();
        const status = r < 0.03 ? 'cancelled' : r < 0.045 ? 'expired' : r < 0.105 ? 'no_show' : 'done';
        const called = status === 'done' || status === 'no_show' ? a.at + Math.min(wait, 3 * 3600_000) : null;
        const counterId = called ? f.counters[Math.floor(rand() * f.counters.length)]! : null;
        const service = status === 'done' ? Math.round(logNormal(rand, f.meanServiceSeconds) * 1000) : 0;
        const startedAt = status === 'done' ? called! + 20_000 + Math.floor(rand() * 40_000) : null;
        const finishedAt =
          status === 'done' ? startedAt! + service : status === 'cancelled' ? a.at + wait / 2 : null;
        const rated = status === 'done' && rand() < 0.45;
        const rating = rated ? pick(rand, [4, 3, 2, 1], [50, 32, 12, 6]) : null;
        insertTicket.run(
          id,
          wd.day,
          f.id,
          f.id,
          rand() < 0.6 ? f.procedures[0]! : null,
          number,
          `${f.prefix}${number}`,
          rand() < 0.08
            ? pick(rand, ['elderly', 'disabled', 'pregnant', 'child', 'merit'], [5, 1, 1, 2, 1])
            : null,
          pick(rand, ['kiosk', 'online', 'appointment', 'counter'], [85, 8, 4, 3]),
          status,
          a.at,
          called,
          startedAt,
          finishedAt === null ? null : Math.round(finishedAt),
          status === 'no_show' ? called! + 120_000 : null,
          counterId,
          counterId ? officerOf(counterId) : null,
          rating,
        );
        tickets++;
        if (status === 'done') {
          const first = pick(
            rand,
            f.procedures,
            f.procedures.map((_, j) => 1 / (j + 1)),
          );
          insertProcedure.run(id, first);
          procedures++;
          if (f.procedures.length > 1 && rand() < 0.15) {
            const second = f.procedures.find((p) => p !== first)!;
            insertProcedure.run(id, second);
            procedures++;
          }
        }
      }
    }
  }).immediate();
  db.close();
  return {
    tickets,
    procedures,
    days: workDays.length,
    firstDay: workDays[0]?.day ?? today,
    lastDay: workDays[workDays.length - 1]?.day ?? today,
    busiestDay: busiest.day,
    ms: Math.round(performance.now() - started),
  };
}
