// A year of traffic for the report benchmark, made by the day simulator (`pnpm simulate`: a real
// hub driven through its public API, see docs/simulator.md). Filling a year takes minutes, so the
// filled data dir is kept under bench/.cache and reused while nothing it depends on changed:
// the simulator, the database migrations, the demo catalogue and the options. The copy under
// the run's own folder is what the benchmark's hubs open. BENCH_FRESH_DATA=1 makes it anew.
import { createHash } from 'node:crypto';
import {
  cpSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { join, relative } from 'node:path';
import { type SimulateResult, simulate, yesterday } from '@luot/sim';
import { REPO_ROOT } from './lib/hub-process.ts';

export interface YearOfTickets {
  tickets: number;
  served: number;
  /** Days with tickets (the centre is closed on Sundays). */
  days: number;
  firstDay: string;
  lastDay: string;
  /** The busiest day, for the one-day report. */
  busiestDay: string;
  /** How the data was made: simulated now, or the cached result of an earlier run. */
  source: 'simulated' | 'cache';
  /** The simulation's own duration and speed (in the earlier run when cached). */
  simulation: { seconds: number; requests: number; ticketsPerSec: number; seed: string; scale: number };
}

const CACHE_DIR = join(REPO_ROOT, 'bench', '.cache');
/** The sources whose change makes a cached year stale. */
const INPUTS = ['sim/src', 'apps/hub/src/db/migrations', 'apps/hub/seed'];
/** A cached year is used while its last day is at most this many days before yesterday. */
const MAX_AGE_DAYS = 7;

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? filesUnder(join(dir, e.name)) : [join(dir, e.name)]))
    .filter((f) => !f.endsWith('.test.ts'))
    .sort();
}

function inputsKey(options: object): string {
  const hash = createHash('sha256').update(JSON.stringify(options));
  for (const file of INPUTS.flatMap((d) => filesUnder(join(REPO_ROOT, d)))) {
    hash.update(relative(REPO_ROOT, file)).update(readFileSync(file));
  }
  return hash.digest('hex').slice(0, 16);
}

const daysBetween = (a: string, b: string) => Math.round((Date.parse(b) - Date.parse(a)) / 86_400_000);

function summarise(
  result: SimulateResult,
  source: YearOfTickets['source'],
  opts: { seed: string; scale: number },
): YearOfTickets {
  const open = result.days.filter((d) => d.stats.issued > 0);
  const busiest = open.reduce((a, b) => (b.stats.issued > a.stats.issued ? b : a));
  const tickets = open.reduce((n, d) => n + d.stats.issued, 0);
  return {
    tickets,
    served: open.reduce((n, d) => n + d.stats.served, 0),
    days: open.length,
    firstDay: result.from,
    lastDay: result.to,
    busiestDay: busiest.date,
    source,
    simulation: {
      seconds: Math.round(result.seconds),
      requests: result.requests,
      ticketsPerSec: Math.round(tickets / result.seconds),
      seed: opts.seed,
      scale: opts.scale,
    },
  };
}

/**
 * Fills `dataDir` (must not exist yet) with `days` days of simulated traffic ending yesterday,
 * at `scale` times the catalogue's arrivals, from the cache when it holds the same.
 */
export async function simulatedYear(opts: {
  dataDir: string;
  days: number;
  scale: number;
  adminPassword: string;
  log: (text: string) => void;
}): Promise<YearOfTickets> {
  const seed = 'bench';
  const key = inputsKey({ days: opts.days, scale: opts.scale, seed, adminPassword: opts.adminPassword });
  const cached = join(CACHE_DIR, `year-${key}`);
  const metaFile = join(cached, 'bench-year.json');
  const last = yesterday(Date.now());
  if (process.env.BENCH_FRESH_DATA !== '1' && existsSync(metaFile)) {
    const meta = JSON.parse(readFileSync(metaFile, 'utf8')) as YearOfTickets;
    if (daysBetween(meta.lastDay, last) <= MAX_AGE_DAYS) {
      opts.log(
        `reports: the simulated year ${meta.firstDay}..${meta.lastDay} from ${relative(REPO_ROOT, cached)}`,
      );
      cpSync(cached, opts.dataDir, { recursive: true, filter: (f) => f !== metaFile });
      return { ...meta, source: 'cache' };
    }
  }
  opts.log(
    `reports: simulating ${opts.days} days ending ${last} at ${opts.scale}× the catalogue's arrivals (a few minutes; cached for later runs)`,
  );
  const building = `${cached}.building`;
  rmSync(building, { recursive: true, force: true });
  let dayCount = 0;
  const result = await simulate({
    days: opts.days,
    until: last,
    dataDir: building,
    seed,
    officers: null,
    scale: opts.scale,
    adminPassword: opts.adminPassword,
    officerPassword: opts.adminPassword,
    onDay: (day) => {
      dayCount += 1;
      if (dayCount % 30 === 0) opts.log(`reports: simulated up to ${day.date}`);
    },
  });
  const year = summarise(result, 'simulated', { seed, scale: opts.scale });
  // Only a finished simulation replaces the cache.
  for (const old of existsSync(CACHE_DIR) ? readdirSync(CACHE_DIR) : []) {
    if (old.startsWith('year-') && !old.endsWith('.building'))
      rmSync(join(CACHE_DIR, old), { recursive: true, force: true });
  }
  mkdirSync(CACHE_DIR, { recursive: true });
  rmSync(join(building, 'simulate.log'), { force: true });
  renameSync(building, cached);
  writeFileSync(metaFile, `${JSON.stringify(year, null, 2)}\n`);
  cpSync(cached, opts.dataDir, { recursive: true, filter: (f) => f !== metaFile });
  opts.log(
    `reports: ${year.tickets.toLocaleString('en-US')} tickets simulated in ${year.simulation.seconds} s (${year.simulation.ticketsPerSec} tickets/s), ${mbOf(opts.dataDir)} MB of data`,
  );
  return year;
}

function mbOf(dir: string): string {
  const bytes = readdirSync(dir).reduce((n, f) => n + statSync(join(dir, f)).size, 0);
  return (bytes / 1_048_576).toFixed(1);
}
