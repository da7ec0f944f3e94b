// The city (issue 14's figures), on PGlite and on a real PostgreSQL server when one is installed:
// - the raw upsert floor (the ticket upsert alone, batches of 500, one transaction each) and the
//   ingest rate through the signed HTTP path (103 centres, batches as a hub sends them);
// - the city's stats for a day, a month and a year across 103 centres (a year of tickets made in
//   SQL), p50 / p95;
// - change at a hub -> visible at the city: a real hub process reporting with its default timings
//   while 102 simulated centres report live at once, p50 / p99;
// - catch-up after an outage holding 7 days' volume, and the hub's issuance p99 meanwhile.
// Adds `results.city` to the saved JSON files and prints its own table. Asserts nothing.
import { randomBytes } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  type CityDatabase,
  createLogger,
  REBUILD_DAY_FIGURES,
  startCity,
  ticketRecords,
  upsertTicketsSql,
} from '@luot/city';
import { type PostgresCluster, postgresBin, reportTicket, startPostgres } from '@luot/city/testing';
import type { Report } from '@luot/shared';
import { newCentreKeyPair, signRequest } from '@luot/shared/node';
import { closedLoop, HttpClient } from './lib/http.ts';
import { startHubProcess } from './lib/hub-process.ts';
import { ms, perSec, type Row, table, verdict } from './lib/report.ts';
import { login, pairDevice, widenRanges } from './lib/setup.ts';
import { percentile, round } from './lib/stats.ts';

const CENTRES = 103;
const TARGETS = {
  ingestVsFloor: 0.25,
  lagP99Ms: 3000,
  monthMs: 50,
  yearMs: 300,
  catchUpMs: 10_000,
  issueP99Rise: 0.2,
};
const PATH = '/api/city/v1/reports';
const DAY0 = Date.parse('2026-01-01T01:00:00.000Z');

const summary = (samples: number[]) => {
  const sorted = [...samples].sort((a, b) => a - b);
  return {
    n: sorted.length,
    p50: round(percentile(sorted, 50)),
    p95: round(percentile(sorted, 95)),
    p99: round(percentile(sorted, 99)),
    max: round(sorted.at(-1) ?? Number.NaN),
  };
};

interface Centre {
  code: string;
  privateKey: string;
  seq: number;
}

function ticketsFor(centre: string, from: number, count: number, day: string): Report['tickets'] {
  return Array.from({ length: count }, (_, i) => {
    const at = Date.parse(`${day}T01:00:00.000Z`) + (from + i) * 20_000;
    return reportTicket({
      id: `${centre}-${from + i}`,
      serviceDay: day,
      issuedAt: new Date(at).toISOString(),
      calledAt: new Date(at + 300_000).toISOString(),
      startedAt: new Date(at + 310_000).toISOString(),
      finishedAt: new Date(at + 700_000).toISOString(),
      version: from + i + 1,
    });
  });
}

async function post(base: string, centre: Centre, report: Report): Promise<number> {
  const body = JSON.stringify(report);
  const headers = signRequest({
    method: 'POST',
    path: PATH,
    body,
    keyId: centre.code,
    privateKey: centre.privateKey,
  });
  const res = await fetch(base + PATH, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body,
  });
  await res.arrayBuffer();
  return res.status;
}

async function timed(runs: number, work: () => Promise<unknown>): Promise<ReturnType<typeof summary>> {
  const samples: number[] = [];
  for (let i = 0; i < runs; i += 1) {
    const start = performance.now();
    await work();
    samples.push(performance.now() - start);
  }
  return summary(samples);
}

async function engineFigures(opts: {
  kind: 'pglite' | 'postgres';
  databaseUrl: string | null;
  root: string;
  quick: boolean;
  log: (text: string) => void;
}) {
  const { log, quick } = opts;
  const adminPassword = 'bench-city-password';
  const city = await startCity(
    {
      databaseUrl: opts.databaseUrl,
      dataDir: join(opts.root, `city-${opts.kind}`),
      port: 0,
      host: '127.0.0.1',
      adminPassword,
      logLevel: 'silent',
      enrolPerMinute: 10_000,
    },
    { log: createLogger('silent') },
  );
  const db: CityDatabase = city.db;
  try {
    log(`city on ${opts.kind}: ${CENTRES} centres enrol`);
    const centres: Centre[] = [];
    for (let i = 1; i <= CENTRES; i += 1) {
      const code = `P${String(i).padStart(3, '0')}`;
      const made = await city.city.createCentre(code, `Phường ${i}`);
      const keys = newCentreKeyPair();
      await city.city.enrol(made.enrolmentCode, keys.publicKey, 'bench');
      centres.push({ code, privateKey: keys.privateKey, seq: 0 });
    }

    // The floor: the upsert statement alone, batches of 500, one transaction each.
    const batch = 500;
    const floorBatches = quick ? 20 : 100;
    const floorStart = performance.now();
    for (let b = 0; b < floorBatches; b += 1) {
      const records = ticketRecords(ticketsFor('floor', b * batch, batch, '2025-06-01'));
      await db.transaction((sql) => sql.query(upsertTicketsSql, [1, records]));
    }
    const floorPerSec = (floorBatches * batch) / ((performance.now() - floorStart) / 1000);
    await db.query("DELETE FROM tickets WHERE id LIKE 'floor-%'");

    // Ingest through the signed HTTP path: every centre sends its batches, 8 centres at a time.
    const perCentre = quick ? 2 : 6;
    log(`city on ${opts.kind}: ingest, ${CENTRES} centres x ${perCentre} batches of ${batch}`);
    let next = 0;
    let errors = 0;
    const ingestStart = performance.now();
    await Promise.all(
      Array.from({ length: 8 }, async () => {
        while (next < centres.length) {
          const centre = centres[next++]!;
          for (let b = 0; b < perCentre; b += 1) {
            const tickets = ticketsFor(centre.code, b * batch, batch, '2025-06-02').map((t) => ({
              ...t,
              version: centre.seq + 1,
            }));
            const status = await post(city.url, centre, {
              centre: centre.code,
              fromSeq: centre.seq + 1,
              toSeq: centre.seq + batch,
              sentAt: new Date().toISOString(),
              tickets: tickets.map((t, k) => ({ ...t, version: centre.seq + k + 1 })),
              days: [],
              live: null,
            });
            if (status !== 200) errors += 1;
            centre.seq += batch;
          }
        }
      }),
    );
    const ingestPerSec = (CENTRES * perCentre * batch) / ((performance.now() - ingestStart) / 1000);

    // A year of tickets for every centre, made in SQL, then the figures of a day, month and year.
    const perDay = quick ? 5 : 30;
    log(`city on ${opts.kind}: a year of ${perDay} tickets a day for ${CENTRES} centres (made in SQL)`);
    await db.exec(`
      INSERT INTO tickets (centre_id, id, service_day, field_code, field_name, procedure_codes, channel, status,
        issued_at, called_at, started_at, finished_at, recall_count, rating, version)
      SELECT c.id, 'y' || d || '-' || n, DATE '2026-01-01' + d::int, 'HT', 'Hộ tịch', '["1.001193"]'::jsonb, 'kiosk',
        CASE WHEN n % 13 = 0 THEN 'no_show' ELSE 'done' END,
        ${DAY0} + d * 86400000 + n * 60000,
        ${DAY0} + d * 86400000 + n * 60000 + 30000 * (1 + (n + d + c.id) % 20) + (n * 7919 + d * 104729 + c.id * 1299709) % 30000,
        ${DAY0} + d * 86400000 + n * 60000 + 30000 * (1 + (n + d + c.id) % 20) + (n * 7919 + d * 104729 + c.id * 1299709) % 30000,
        ${DAY0} + d * 86400000 + n * 60000 + 1500000,
        0, CASE WHEN n % 3 = 0 THEN 4 END, 1
      FROM centres c, generate_series(0::bigint, 364::bigint) d, generate_series(1::bigint, ${perDay}::bigint) n;
      ANALYZE tickets;
    `);
    await db.query(REBUILD_DAY_FIGURES);
    await db.exec('ANALYZE centre_day_figures');
    const token = (await city.city.login('admin', adminPassword)).token;
    const stats = (from: string, to: string) =>
      fetch(`${city.url}/api/city/v1/stats?from=${from}&to=${to}`, {
        headers: { authorization: `Bearer ${token}` },
      }).then((r) => r.arrayBuffer());
    const runs = quick ? 5 : 20;
    const day = await timed(runs, () => stats('2026-06-15', '2026-06-15'));
    const month = await timed(runs, () => stats('2026-06-01', '2026-06-30'));
    const year = await timed(quick ? 3 : 10, () => stats('2026-01-01', '2026-12-31'));
    // The dashboard's reads: the overview (every centre with shares, rank, live), one centre's
    // breakdowns (from its tickets), an export by field of a month (every centre's tickets).
    const api = (path: string) =>
      fetch(`${city.url}/api/city/v1/${path}`, { headers: { authorization: `Bearer ${token}` } }).then((r) =>
        r.arrayBuffer(),
      );
    const dashboard = {
      overviewDay: await timed(runs, () => api('overview?from=2026-06-15&to=2026-06-15')),
      overviewMonth: await timed(runs, () => api('overview?from=2026-06-01&to=2026-06-30')),
      overviewYear: await timed(quick ? 3 : 10, () => api('overview?from=2026-01-01&to=2026-12-31')),
      centreMonth: await timed(runs, () => api('centres/P001/report?from=2026-06-01&to=2026-06-30')),
      centreYear: await timed(quick ? 3 : 10, () => api('centres/P001/report?from=2026-01-01&to=2026-12-31')),
      exportMonthXlsx: await timed(quick ? 2 : 5, () =>
        api('export?from=2026-06-01&to=2026-06-30&by=field&format=xlsx'),
      ),
    };

    // Lag and catch-up: a real hub reporting with its default timings, 102 simulated centres live.
    log(`city on ${opts.kind}: a hub process reports while ${CENTRES - 1} centres report live`);
    const made = await city.city.createCentre('HUB', 'Phường Ninh Kiều');
    const hub = await startHubProcess({
      dataDir: join(opts.root, `hub-city-${opts.kind}`),
      adminPassword: 'bench-admin-password',
      env: { LUOT_CITY_URL: city.url, LUOT_CITY_ENROLMENT_CODE: made.enrolmentCode },
    });
    const http = new HttpClient(hub.url, 8);
    let chatter = true;
    const others = centres.slice(0, CENTRES - 1);
    const chattering = Promise.all(
      others.map(async (centre, i) => {
        await new Promise((r) => setTimeout(r, (i * 1000) / others.length));
        while (chatter) {
          const start = Date.now();
          const n = 2;
          await post(city.url, centre, {
            centre: centre.code,
            fromSeq: centre.seq + 1,
            toSeq: centre.seq + n,
            sentAt: new Date().toISOString(),
            tickets: ticketsFor(centre.code, 100_000 + centre.seq, n, '2026-12-04').map((t, k) => ({
              ...t,
              version: centre.seq + k + 1,
            })),
            days: [],
            live: { at: new Date().toISOString(), waiting: 5, countersOpen: 3, longestWaitSeconds: 600 },
          });
          centre.seq += n;
          await new Promise((r) => setTimeout(r, Math.max(0, 1000 - (Date.now() - start))));
        }
      }),
    );
    try {
      const admin = await login(http, 'admin', 'bench-admin-password');
      const deadline = Date.now() + 30_000;
      while (!(await http.call('GET', '/api/v1/city', { token: admin })).body.city) {
        if (Date.now() > deadline) throw new Error('the bench hub did not join the city');
        await new Promise((r) => setTimeout(r, 50));
      }
      // A field's numbers never leave its range: give the fields room for a week's tickets.
      await widenRanges(http, admin);
      const kiosk = await pairDevice(http, admin, 'kiosk', 'bench kiosk');
      const [hubRow] = await db.query<{ id: number }>("SELECT id FROM centres WHERE code = 'HUB'");
      const lags: number[] = [];
      for (let i = 0; i < (quick ? 10 : 40); i += 1) {
        const issued = await http.expect(201, 'POST', '/api/v1/tickets', {
          token: kiosk,
          body: { serviceId: 'hotich' },
        });
        const t0 = performance.now();
        for (;;) {
          const rows = await db.query('SELECT 1 FROM tickets WHERE centre_id = $1 AND id = $2', [
            hubRow!.id,
            issued.ticket.id,
          ]);
          if (rows.length > 0) break;
          if (performance.now() - t0 > 20_000) throw new Error('a change did not reach the city in 20 s');
          await new Promise((r) => setTimeout(r, 5));
        }
        lags.push(performance.now() - t0);
        await new Promise((r) => setTimeout(r, 200 + Math.random() * 600));
      }
      chatter = false;
      await chattering;

      // Catch-up: the city is away while a week's volume is issued, then comes back.
      const issue = (n: number) =>
        closedLoop(
          n,
          1,
          (i) =>
            http.call('POST', '/api/v1/tickets', {
              token: kiosk,
              body: { serviceId: i % 2 ? 'hotich' : 'chungthuc' },
              headers: { 'idempotency-key': `c-${randomBytes(6).toString('hex')}-${i}` },
              raw: true,
            }),
          201,
        );
      const baselineRun = await issue(quick ? 200 : 600);
      const weekTickets = quick ? 700 : 7 * 300;
      log(
        `city on ${opts.kind}: an outage holding ${weekTickets} tickets (a week at 300 a day), then the catch-up`,
      );
      const ackedBefore = (await http.call('GET', '/api/v1/city', { token: admin })).body.city
        .ackedSeq as number;
      await city.stop();
      const outage = await issue(weekTickets);
      if (outage.errors > 0) throw new Error(`issuing during the outage failed: ${outage.firstError}`);
      const back = await startCity(
        {
          databaseUrl: opts.databaseUrl,
          dataDir: join(opts.root, `city-${opts.kind}`),
          port: Number(new URL(city.url).port),
          host: '127.0.0.1',
          adminPassword,
          logLevel: 'silent',
        },
        { log: createLogger('silent') },
      );
      const catchStart = performance.now();
      const during = issue(quick ? 200 : 600);
      await http.expect(200, 'POST', '/api/v1/city/sync', { token: admin, body: {} });
      const catchUpMs = performance.now() - catchStart;
      const duringRun = await during;
      const state = (await http.call('GET', '/api/v1/city', { token: admin })).body.city;
      await back.stop();
      const p99 = (r: { latencies: number[] }) =>
        round(
          percentile(
            [...r.latencies].sort((a, b) => a - b),
            99,
          ),
        );
      return {
        floorTicketsPerSec: Math.round(floorPerSec),
        ingestTicketsPerSec: Math.round(ingestPerSec),
        ingestErrors: errors,
        ingestVsFloor: round(ingestPerSec / floorPerSec, 2),
        statsMs: { day, month, year },
        dashboardMs: dashboard,
        yearTickets: CENTRES * 365 * perDay,
        lagMs: summary(lags),
        catchUp: {
          tickets: weekTickets,
          eventsPending: (state?.ackedSeq ?? 0) - ackedBefore,
          ms: round(catchUpMs),
          ackedAfter: state?.ackedSeq ?? null,
          issueP99BeforeMs: p99(baselineRun),
          issueP99DuringMs: p99(duringRun),
        },
      };
    } finally {
      chatter = false;
      http.close();
      await hub.stop();
    }
  } finally {
    await city.stop().catch(() => {});
  }
}

export async function benchCity(opts: {
  root: string;
  quick: boolean;
  log: (text: string) => void;
  saved: string[];
}) {
  const results: Record<string, Awaited<ReturnType<typeof engineFigures>>> = {};
  results.pglite = await engineFigures({ kind: 'pglite', databaseUrl: null, ...opts });
  let cluster: PostgresCluster | null = null;
  if (postgresBin()) {
    cluster = await startPostgres();
    try {
      results.postgres = await engineFigures({
        kind: 'postgres',
        databaseUrl: await cluster.createDatabase('bench'),
        ...opts,
      });
    } finally {
      await cluster.stop();
    }
  } else {
    opts.log('no PostgreSQL server binaries (apt-get install postgresql): the city measured on PGlite only');
  }
  for (const file of opts.saved) {
    const saved = JSON.parse(readFileSync(file, 'utf8'));
    saved.results.city = { ...results, targets: TARGETS };
    writeFileSync(file, `${JSON.stringify(saved, null, 2)}\n`);
  }
  const rows: Row[] = [];
  for (const [kind, r] of Object.entries(results)) {
    const rise = r.catchUp.issueP99DuringMs / r.catchUp.issueP99BeforeMs - 1;
    rows.push(
      [`city on ${kind}`, 'raw upsert floor (batches of 500)', perSec(r.floorTicketsPerSec)],
      [
        '',
        `signed HTTP ingest, ${CENTRES} centres (errors ${r.ingestErrors})`,
        perSec(r.ingestTicketsPerSec),
        `>= 25 % of floor`,
        verdict(r.ingestVsFloor >= TARGETS.ingestVsFloor),
      ],
      [
        '',
        `stats, ${CENTRES} centres, a day p50 / p95`,
        `${ms(r.statsMs.day.p50)} / ${ms(r.statsMs.day.p95)}`,
      ],
      [
        '',
        'stats, a month p50 / p95',
        `${ms(r.statsMs.month.p50)} / ${ms(r.statsMs.month.p95)}`,
        `<= ${TARGETS.monthMs} ms`,
        verdict(r.statsMs.month.p95 <= TARGETS.monthMs),
      ],
      [
        '',
        `stats, a year (${r.yearTickets.toLocaleString('en-US')} tickets) p50 / p95`,
        `${ms(r.statsMs.year.p50)} / ${ms(r.statsMs.year.p95)}`,
        `<= ${TARGETS.yearMs} ms`,
        verdict(r.statsMs.year.p95 <= TARGETS.yearMs),
      ],
      ...(
        [
          ['overviewDay', 'dashboard overview, a day'],
          ['overviewMonth', 'dashboard overview, a month'],
          ['overviewYear', 'dashboard overview, a year'],
          ['centreMonth', 'a centre’s breakdowns, a month'],
          ['centreYear', 'a centre’s breakdowns, a year'],
          ['exportMonthXlsx', 'export by field, a month (XLSX)'],
        ] as const
      ).map(
        ([key, label]): Row => [
          '',
          `${label} p50 / p95`,
          `${ms(r.dashboardMs[key].p50)} / ${ms(r.dashboardMs[key].p95)}`,
        ],
      ),
      [
        '',
        'change at hub -> at city p50 / p99',
        `${ms(r.lagMs.p50)} / ${ms(r.lagMs.p99)}`,
        `p99 <= ${TARGETS.lagP99Ms} ms`,
        verdict(r.lagMs.p99 <= TARGETS.lagP99Ms),
      ],
      [
        '',
        `catch-up: ${r.catchUp.tickets} tickets, ${r.catchUp.eventsPending} log entries`,
        ms(r.catchUp.ms),
        `<= ${TARGETS.catchUpMs} ms`,
        verdict(r.catchUp.ms <= TARGETS.catchUpMs),
      ],
      [
        '',
        'issuance p99 before / during catch-up',
        `${ms(r.catchUp.issueP99BeforeMs)} / ${ms(r.catchUp.issueP99DuringMs)}`,
        '< +20 %',
        verdict(rise < TARGETS.issueP99Rise),
      ],
    );
  }
  process.stdout.write(`\n${table(rows)}\n\n`);
  return results;
}
