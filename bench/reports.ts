// Report latency: a hub holding a year of traffic made by the day simulator through
// the hub's API (bench/sim-year.ts, about 100,000 tickets) answers GET /api/v1/reports for one day, one month and one year, and the
// exports. Each range is read first by a freshly started hub ("first": nothing of it read yet)
// and then again and again ("again": its past days kept in memory). Adds `results.reports` to
// the saved JSON files and prints its own table.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { HttpClient } from './lib/http.ts';
import { type HubProcess, startHubProcess } from './lib/hub-process.ts';
import { ms, type Row, table, verdict } from './lib/report.ts';
import { login } from './lib/setup.ts';
import { percentile, round } from './lib/stats.ts';
import { hubMemory } from './rss.ts';
import { simulatedYear } from './sim-year.ts';

const ADMIN_PASSWORD = 'bench-admin-password';
const TARGET_YEAR_MS = 200;

interface Latency {
  n: number;
  p50: number;
  p95: number;
  max: number;
}

const latency = (samples: number[]): Latency => {
  const sorted = [...samples].sort((a, b) => a - b);
  return {
    n: sorted.length,
    p50: round(percentile(sorted, 50)),
    p95: round(percentile(sorted, 95)),
    max: round(sorted.at(-1) ?? Number.NaN),
  };
};

/** Empties report_days, as in a data dir the hub has not read reports from yet. */
function forgetSavedDays(dataDir: string): void {
  const db = new Database(join(dataDir, 'luot.sqlite'));
  try {
    db.exec('DELETE FROM report_days; DELETE FROM report_state;');
  } finally {
    db.close();
  }
}

function savedDays(dataDir: string): number {
  const db = new Database(join(dataDir, 'luot.sqlite'), { readonly: true });
  try {
    return (db.prepare('SELECT COUNT(*) AS n FROM report_days').get() as { n: number }).n;
  } finally {
    db.close();
  }
}

const daysBefore = (day: string, n: number) =>
  new Date(Date.parse(`${day}T00:00:00Z`) - n * 86_400_000).toISOString().slice(0, 10);

export async function benchReports(opts: {
  root: string;
  quick: boolean;
  log: (text: string) => void;
  /** The saved results files: `results.reports` is added to each. */
  saved: string[];
}): Promise<void> {
  const { quick, log } = opts;
  const dataDir = join(opts.root, 'reports');
  // 1.3× the demo catalogue's arrivals (a busy ward) makes about 100,000 tickets in a year.
  const data = await simulatedYear({
    dataDir,
    days: quick ? 14 : 365,
    scale: 1.3,
    adminPassword: ADMIN_PASSWORD,
    log,
  });
  const ranges = {
    day: { from: data.busiestDay, to: data.busiestDay },
    month: { from: daysBefore(data.lastDay, 30), to: data.lastDay },
    year: { from: data.firstDay, to: data.lastDay },
  };
  const runs = quick
    ? { day: 20, month: 20, year: 10, export: 3 }
    : { day: 200, month: 200, year: 100, export: 20 };

  let hub: HubProcess | null = null;
  let http: HttpClient | null = null;
  const start = async (env: Record<string, string> = {}) => {
    const started = performance.now();
    hub = await startHubProcess({ dataDir, adminPassword: ADMIN_PASSWORD, env });
    http = new HttpClient(hub.url, 4);
    return { ms: performance.now() - started, token: await login(http, 'admin', ADMIN_PASSWORD) };
  };
  const stop = async () => {
    http?.close();
    await hub?.stop();
  };
  const timed = async (token: string, path: string) => {
    const reply = await http!.call('GET', path, { token, raw: true });
    if (reply.status !== 200)
      throw new Error(`GET ${path}: ${reply.status} ${String(reply.body).slice(0, 300)}`);
    return reply.ms;
  };
  /** Resolves when the hub logs a line containing `text` (its log level must let it through). */
  const logged = (text: string) =>
    new Promise<string>((resolve) => {
      // The hub may have logged it already (the read-ahead starts when the hub listens).
      const earlier = hub!
        .output()
        .split('\n')
        .find((l) => l.includes(text));
      if (earlier) return resolve(earlier);
      let seen = '';
      const onData = (chunk: Buffer) => {
        seen += String(chunk);
        const line = seen.split('\n').find((l) => l.includes(text));
        if (line) {
          hub!.proc.stdout!.off('data', onData);
          resolve(line);
        }
      };
      hub!.proc.stdout!.on('data', onData);
    });

  try {
    const results: Record<string, any> = {};
    for (const [name, range] of Object.entries(ranges) as [
      keyof typeof ranges,
      { from: string; to: string },
    ][]) {
      // A fresh hub per range, without the days an earlier run saved: its first answer reads
      // every day of the range from the tickets (as on the first start after an upgrade).
      forgetSavedDays(dataDir);
      const { ms: startMs, token } = await start();
      const path = `/api/v1/reports?from=${range.from}&to=${range.to}`;
      log(`reports: ${name} ${range.from}..${range.to}, first answer then ${runs[name]} more`);
      const first = await timed(token, path);
      const again: number[] = [];
      for (let i = 0; i < runs[name]; i++) again.push(await timed(token, path));
      results[name] = { ...range, firstMs: round(first), againMs: latency(again) };
      if (name === 'year') {
        results[name].hubStartMs = Math.round(startMs); // the first start also freezes 312 day summaries
        results[name].hubMemory = hubMemory(hub!.pid);
      }
      await stop();
    }

    // A hub restarted after running: the days it read are saved (report_days) and its first
    // answer for the year adds them up without reading a ticket.
    log('reports: a restarted hub (days saved by the runs above), the year first');
    {
      const { token } = await start();
      const yearPath = `/api/v1/reports?from=${ranges.year.from}&to=${ranges.year.to}`;
      results.restarted = { yearFirstMs: round(await timed(token, yearPath)), savedDays: savedDays(dataDir) };
      await stop();
    }

    // The hub reads the past year ahead once it listens; today's figures meanwhile, then the year.
    log('reports: a fresh hub, today first, the year once read ahead, then the exports');
    const { token } = await start({ LUOT_LOG_LEVEL: 'info' });
    const readAhead = logged('report days read ahead');
    const todayMs = await timed(token, '/api/v1/reports');
    const aheadLine = JSON.parse(await readAhead) as { days: number; ms: number };
    const yearPath = `/api/v1/reports?from=${ranges.year.from}&to=${ranges.year.to}`;
    results.afterReadAhead = {
      todayMs: round(todayMs),
      readAhead: { days: aheadLine.days, ms: aheadLine.ms },
      yearFirstMs: round(await timed(token, yearPath)),
    };
    const exports: Record<string, { firstMs: number; againMs: Latency }> = {};
    for (const [label, r] of [
      ['month', ranges.month],
      ['year', ranges.year],
    ] as const) {
      for (const format of ['xlsx', 'csv'] as const) {
        const exportPath = `/api/v1/reports/export?from=${r.from}&to=${r.to}&format=${format}`;
        const firstExport = await timed(token, exportPath);
        const times: number[] = [];
        for (let i = 0; i < runs.export; i++) times.push(await timed(token, exportPath));
        exports[`${label}-${format}`] = { firstMs: round(firstExport), againMs: latency(times) };
      }
    }
    results.exports = exports;
    results.hubMemoryAfterExports = hubMemory(hub!.pid);
    // The workbooks are written in a worker thread that stops after 30 s without exports.
    const threadStopped = logged('export thread stopped');
    await threadStopped;
    results.hubMemoryAfterExportThread = hubMemory(hub!.pid);
    await stop();

    const year = results.year as { firstMs: number; againMs: Latency };
    const ahead = results.afterReadAhead as {
      todayMs: number;
      readAhead: { days: number; ms: number };
      yearFirstMs: number;
    };
    const restarted = results.restarted as { yearFirstMs: number; savedDays: number };
    const met = {
      yearRestarted: restarted.yearFirstMs <= TARGET_YEAR_MS,
      yearAfterReadAhead: ahead.yearFirstMs <= TARGET_YEAR_MS,
      yearAgainP95: year.againMs.p95 <= TARGET_YEAR_MS,
    };
    const summary = { data, ranges, runs, ...results, targets: { yearMs: TARGET_YEAR_MS, met } };
    for (const file of opts.saved) {
      const saved = JSON.parse(readFileSync(file, 'utf8'));
      saved.results.reports = summary;
      writeFileSync(file, `${JSON.stringify(saved, null, 2)}\n`);
    }

    const withTarget = (
      row: [string, string, string],
      ok: boolean,
      what = `<= ${TARGET_YEAR_MS} ms`,
    ): Row => [...row, what, verdict(ok)];
    const rows: Row[] = [
      [
        `GET /api/v1/reports, a year of ${data.tickets.toLocaleString('en-US')} tickets (${data.days} working days)`,
        data.source === 'cache' ? 'simulated earlier (cached) in' : 'simulated through the API in',
        `${data.simulation.seconds} s (${data.simulation.ticketsPerSec} tickets/s)`,
      ],
    ];
    for (const name of ['day', 'month', 'year'] as const) {
      const r = results[name] as { from: string; to: string; firstMs: number; againMs: Latency };
      const isYear = name === 'year';
      const first: [string, string, string] = [
        '',
        `${name} ${r.from}..${r.to}: first answer, nothing saved (tickets read)`,
        ms(r.firstMs),
      ];
      const again: [string, string, string] = [
        '',
        `${name} again (${r.againMs.n}): p50 / p95 / max`,
        `${ms(r.againMs.p50)} / ${ms(r.againMs.p95)} / ${ms(r.againMs.max)}`,
      ];
      rows.push(first, isYear ? withTarget(again, met.yearAgainP95, `p95 <= ${TARGET_YEAR_MS} ms`) : again);
    }
    rows.push(
      withTarget(
        [
          '',
          `restarted hub, ${restarted.savedDays} days saved: the year's first answer`,
          ms(restarted.yearFirstMs),
        ],
        met.yearRestarted,
      ),
      ['', "fresh hub: today's report first", ms(ahead.todayMs)],
      [
        '',
        `then ${ahead.readAhead.days} days read ahead (saved ones loaded) in the background`,
        `${ahead.readAhead.ms} ms`,
      ],
      withTarget(['', 'then the year: first answer', ms(ahead.yearFirstMs)], met.yearAfterReadAhead),
      ['', 'hub RSS after the year read 101 times', `${results.year.hubMemory.rssMB.toFixed(1)} MB`],
      ['GET /api/v1/reports/export (after the year was read)', '', ''],
    );
    for (const [key, e] of Object.entries(
      results.exports as Record<string, { firstMs: number; againMs: Latency }>,
    )) {
      rows.push([
        '',
        `${key}: first / again p50 / p95`,
        `${ms(e.firstMs)} / ${ms(e.againMs.p50)} / ${ms(e.againMs.p95)}`,
      ]);
    }
    rows.push(
      [
        '',
        'hub RSS after the exports (export thread up)',
        `${results.hubMemoryAfterExports.rssMB.toFixed(1)} MB`,
      ],
      [
        '',
        'hub RSS once the idle export thread stopped',
        `${results.hubMemoryAfterExportThread.rssMB.toFixed(1)} MB`,
        '<= 150 MB',
        verdict(results.hubMemoryAfterExportThread.rssMB <= 150),
      ],
    );
    process.stdout.write(`\n${table(rows)}\n\n`);
  } finally {
    await stop();
  }
}
