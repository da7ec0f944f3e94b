// `pnpm simulate`: past service days, one after the other, on a real hub with a virtual clock.
import { resolve } from 'node:path';
import type { Logger } from '@luot/hub';
import type { DayStats } from '@luot/shared';
import { DEFAULT_TIME_ZONE, nextDay, startOfServiceDay } from '@luot/shared';
import { type DayCounts, DaySim, emptyCounts, type SimOfficer } from './day.ts';
import { type EmbeddedHub, simulatorLog, startEmbeddedHub, VirtualClock } from './embedded-hub.ts';
import { HubHttp } from './http.ts';
import { type CentreModel, planDay, weekdayOf } from './plan.ts';
import { loadTraffic } from './profile.ts';
import { Scheduler } from './scheduler.ts';
import { login, officersFor, pairKiosk, pickCounters, readCentre, SetupError } from './setup.ts';
import { Watcher } from './watch.ts';

export interface SimulateOptions {
  /** Number of days, ending with `until`. */
  days: number;
  /** The last day simulated (YYYY-MM-DD). */
  until: string;
  dataDir: string;
  seed: string;
  /** Officers (one per counter); null staffs every counter. */
  officers: number | null;
  /** Multiplies the catalogue's arrivals. */
  scale: number;
  /** Password of `admin` (created with it on a fresh data dir). */
  adminPassword: string;
  /** Password of the officers `canbo<N>` (created with it when missing). */
  officerPassword: string;
  /** Keep the ids of the tickets issued each day in the result (tests look them up). */
  keepTicketIds?: boolean;
  /** Called with each day once the hub has closed it. */
  onDay?: (day: DayResult) => void;
}

export interface DayResult {
  date: string;
  weekday: number;
  /** Arrivals the profile expects for the day (the drawn number varies around it). */
  expected: number;
  /** The hub's figures for the day (GET /api/v1/stats/day), frozen at day close. */
  stats: DayStats;
  /** What the simulated people did. */
  counts: DayCounts;
  ticketIds?: string[];
}

export interface SimulateResult {
  from: string;
  to: string;
  seed: string;
  dataDir: string;
  officers: { username: string; userId: string; counterId: string }[];
  days: DayResult[];
  counts: DayCounts;
  /** What a dashboard socket saw: calls and recalls announced, gaps in the change feed. */
  realtime: { calls: number; recalls: number; gaps: number };
  requests: number;
  seconds: number;
}

const HOUR = 3600_000;
const KEEP_ALIVE_HOURS = [0, 6, 12, 18];

export function dayRange(until: string, days: number): string[] {
  const [y, m, d] = until.split('-').map(Number) as [number, number, number];
  return Array.from({ length: days }, (_, i) =>
    new Date(Date.UTC(y, m - 1, d - (days - 1 - i))).toISOString().slice(0, 10),
  );
}

export async function simulate(options: SimulateOptions): Promise<SimulateResult> {
  const started = performance.now();
  const dataDir = resolve(options.dataDir);
  const dates = dayRange(options.until, options.days);
  const traffic = loadTraffic();
  const log = simulatorLog(dataDir);
  const clock = new VirtualClock(startOfServiceDay(dates[0]!, DEFAULT_TIME_ZONE));
  let hub: EmbeddedHub = await startEmbeddedHub({
    dataDir,
    adminPassword: options.adminPassword,
    clock,
    log,
  });
  const api = new HubHttp(hub.url, clock.now);
  let watcher: Watcher | null = null;
  try {
    const latest = hub.running.hub.store
      .sql<{ d: string | null }>('SELECT MAX(service_day) AS d FROM tickets')
      .get()?.d;
    if (latest && latest >= dates[0]!) {
      throw new SetupError(
        `${dataDir} already has tickets up to ${latest}: simulate later days (--until) or use a fresh --data-dir`,
      );
    }
    const admin = await login(api, 'admin', options.adminPassword);
    const { centre, fields, counters } = await readCentre(api, admin.token);
    if (options.officers !== null && options.officers > counters.length) {
      throw new SetupError(
        `--officers: the centre has ${counters.length} counters, so at most ${counters.length} officers`,
      );
    }
    const staffed = pickCounters(counters, fields, traffic, options.officers ?? counters.length);
    const officers = await officersFor(api, admin.token, staffed, options.officerPassword);
    const kiosk = await pairKiosk(api, admin.token);
    const model: CentreModel = {
      timeZone: centre.timeZone,
      openingHours: centre.openingHours,
      fields: fields.map((f) => ({
        id: f.id,
        code: f.code,
        procedureIds: f.procedures.map((p) => p.id),
      })),
      counters: officers.map((o) => o.counter),
    };
    watcher = await Watcher.connect(hub.url, admin.token);
    watcher.startAt((await api.ok<{ seq: number }>('GET', '/api/v1/queue', { token: admin.token })).seq);
    log.info(
      { from: dates[0], to: dates.at(-1), seed: options.seed, officers: officers.length },
      'simulation started',
    );

    const results: DayResult[] = [];
    const pending: { date: string; expected: number; counts: DayCounts; ticketIds?: string[] }[] = [];
    // A day is reported once the hub has closed it (its figures frozen): the first command of
    // a later day does that, so after a Sunday without commands Saturday is still open.
    const report = async () => {
      while (pending.length > 0) {
        const day = pending[0]!;
        const stats = await api.ok<DayStats>('GET', `/api/v1/stats/day?date=${day.date}`, {
          token: admin.token,
        });
        if (!stats.frozen && stats.issued > 0) return;
        pending.shift();
        const result: DayResult = { ...day, weekday: weekdayOf(day.date), stats };
        results.push(result);
        options.onDay?.(result);
      }
    };
    const tokens = [admin.token, ...officers.map((o) => o.token)];
    for (const date of dates) {
      const sched = new Scheduler(clock);
      keepAlive(sched, api, tokens, date, centre.timeZone);
      const plan = planDay(date, model, traffic, { seed: options.seed, scale: options.scale });
      const ticketIds: string[] | undefined = options.keepTicketIds ? [] : undefined;
      const day = new DaySim({
        api,
        sched,
        seed: options.seed,
        kioskToken: kiosk.token,
        adminToken: admin.token,
        officers,
        plan,
        ...(ticketIds ? { ticketIds } : {}),
      });
      day.start();
      await sched.run();
      await report();
      pending.push({
        date,
        expected: plan.expected,
        counts: day.counts,
        ...(ticketIds ? { ticketIds } : {}),
      });
      log.info({ date, ...day.counts }, 'day simulated');
    }

    const { seq } = await api.ok<{ seq: number }>('GET', '/api/v1/queue', { token: admin.token });
    await watcher.caughtUp(seq);
    const realtime = { calls: watcher.calls, recalls: watcher.recalls, gaps: watcher.gaps };
    watcher.close();
    watcher = null;
    await retireKiosk(api, admin.token, kiosk.deviceId, log);
    for (const o of officers) await api.ok('POST', '/api/v1/auth/logout', { token: o.token });

    // The hub closes a day at midnight (its timer) or when it starts: start it again just after
    // midnight so the last day is closed and frozen like the others.
    await hub.running.close();
    clock.set(Math.max(clock.now(), startOfServiceDay(nextDay(dates.at(-1)!), centre.timeZone) + 1000));
    hub = await startEmbeddedHub({ dataDir, adminPassword: options.adminPassword, clock, log });
    api.setBase(hub.url);
    await report();
    if (pending.length > 0) throw new Error(`the hub did not close ${pending[0]!.date} at its start`);
    await api.ok('POST', '/api/v1/auth/logout', { token: admin.token });

    const counts = emptyCounts();
    for (const r of results)
      for (const k of Object.keys(counts) as (keyof DayCounts)[]) counts[k] += r.counts[k];
    return {
      from: dates[0]!,
      to: dates.at(-1)!,
      seed: options.seed,
      dataDir,
      officers: officers.map((o: SimOfficer) => ({
        username: o.username,
        userId: o.userId,
        counterId: o.counter.id,
      })),
      days: results,
      counts,
      realtime,
      requests: api.requests,
      seconds: (performance.now() - started) / 1000,
    };
  } finally {
    watcher?.close();
    api.close();
    await hub.running.close();
    log.flush();
  }
}

/**
 * Officers sign in with their password once per run; their terminals stay signed in overnight
 * (a user token lapses after 12 idle hours), so a terminal asks GET /api/v1/me every 6 hours.
 */
function keepAlive(sched: Scheduler, api: HubHttp, tokens: string[], date: string, timeZone: string): void {
  const start = startOfServiceDay(date, timeZone);
  for (const hour of KEEP_ALIVE_HOURS) {
    sched.at(start + hour * HOUR + 5 * 60_000, async () => {
      for (const token of tokens) {
        if (sched.now - (api.lastUsed.get(token) ?? 0) >= 5 * HOUR)
          await api.ok('GET', '/api/v1/me', { token });
      }
    });
  }
}

/** The simulated kiosk is revoked at the end, so it does not show as a silent device. */
async function retireKiosk(api: HubHttp, token: string, deviceId: string, log: Logger): Promise<void> {
  const answer = await api.call('POST', `/api/v1/devices/${deviceId}/revoke`, { token, body: {} });
  if (answer.status !== 200)
    log.warn({ status: answer.status, body: answer.body }, 'could not revoke the simulated kiosk');
}
