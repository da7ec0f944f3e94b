// `pnpm bench`: measures a real hub process (fresh data dir, demo seed) and the raw SQLite
// floor on the same disk, prints a table and saves bench/results/<timestamp>.json + latest.json.
// It asserts nothing: targets are printed beside the figures. Knobs (environment):
//   BENCH_DIR=DIR        parent of the temporary data dirs (default: the OS temp dir)
//   BENCH_QUICK=1        small counts, for a smoke run of the benchmark itself
//   BENCH_CPU_PROF=DIR   run the hub with node --cpu-prof, profiles written to DIR
//   BENCH_HUB_MAIN=FILE  measure another build of the hub (its dist/main.mjs), e.g. an older
//                        commit's, to tell a regression from this machine's noise
//   BENCH_FRESH_DATA=1   simulate the reports' year again instead of using bench/.cache
//   BENCH_ONLY=city      only the city section, added to bench/results/latest.json
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { connectDisplays, type Displays, measureCalls } from './call-latency.ts';
import { benchCity } from './city.ts';
import {
  chromiumAvailable,
  type DisplayLatency,
  ensureDisplayBuilt,
  launchBrowser,
  measureDisplayLatency,
} from './display-latency.ts';
import { kioskIssuer } from './issuance.ts';
import { HttpClient } from './lib/http.ts';
import { type HubProcess, REPO_ROOT, startHubProcess } from './lib/hub-process.ts';
import { mb, ms, perSec, type Row, runMeta, saveJson, table, verdict } from './lib/report.ts';
import { counters, login, officersAtCounters, pairDevice, widenRanges } from './lib/setup.ts';
import { round } from './lib/stats.ts';
import { benchReports } from './reports.ts';
import { dbSize, hubMemory } from './rss.ts';
import { sqliteFloor } from './sqlite-floor.ts';
import { measureTicketRender } from './ticket-render.ts';

const RESULTS_DIR = join(dirname(fileURLToPath(import.meta.url)), 'results');
const ADMIN_PASSWORD = 'bench-admin-password';
const quick = process.env.BENCH_QUICK === '1';

const PLAN = quick
  ? {
      floorCommits: 500,
      warmup: 300,
      sequential: 200,
      parallel: 1000,
      calls: 30,
      displays: 100,
      displayCalls: 5,
      totalTickets: 5000,
    }
  : {
      floorCommits: 5000,
      warmup: 1000,
      sequential: 2000,
      parallel: 10_000,
      calls: 300,
      displays: 100,
      displayCalls: 40,
      totalTickets: 100_000,
    };
const TARGETS = { ticketsPerSec16: 1500, issueP99Ms: 10, callP99Ms100: 20, rssMB: 150, renderP50Ms: 30 };

const log = (text: string) => process.stdout.write(`${new Date().toISOString().slice(11, 19)} ${text}\n`);

async function main(): Promise<void> {
  const root = mkdtempSync(join(resolve(process.env.BENCH_DIR ?? tmpdir()), 'luot-bench-'));
  if (process.env.BENCH_ONLY === 'city') {
    try {
      await benchCity({ root, quick, log, saved: [join(RESULTS_DIR, 'latest.json')] });
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
    return;
  }
  const dataDir = join(root, 'hub');
  const meta = runMeta(REPO_ROOT, root);
  log(`node ${meta.node}, ${meta.cpuCount} CPU (${meta.cpuModel}), data on ${meta.dataFs}, dir ${root}`);

  let hub: HubProcess | null = null;
  let http: HttpClient | null = null;
  const open: Displays[] = [];
  // Never leave a hub behind, whatever happens to this process.
  const killHub = () => {
    if (hub && hub.proc.exitCode === null) hub.proc.kill('SIGKILL');
  };
  process.once('exit', killHub);
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      killHub();
      rmSync(root, { recursive: true, force: true });
      process.exit(130);
    });
  }

  try {
    log(`SQLite floor: ${PLAN.floorCommits} commits (WAL, synchronous=FULL)`);
    const floor = sqliteFloor(join(root, 'sqlite-floor'), PLAN.floorCommits);

    log('ticket render + ESC/POS encode, 58 and 80 mm');
    const renderRuns = quick ? 20 : 200;
    const renders = [
      measureTicketRender(58, 'raster', renderRuns),
      measureTicketRender(80, 'raster', renderRuns),
      measureTicketRender(80, 'text', renderRuns),
    ];

    log('starting the hub');
    const prof = process.env.BENCH_CPU_PROF;
    hub = await startHubProcess({
      dataDir,
      adminPassword: ADMIN_PASSWORD,
      nodeArgs: prof ? ['--cpu-prof', `--cpu-prof-dir=${resolve(prof)}`] : [],
    });
    const pid = hub.pid;
    const rssStart = hubMemory(pid);
    const memoryTimeline: { after: string; rssMB: number; hwmMB: number }[] = [];
    const mark = (after: string) => {
      const m = hubMemory(pid);
      memoryTimeline.push({ after, ...m });
      return m;
    };
    mark('start');
    http = new HttpClient(hub.url, 64);

    log('setup: admin, kiosk, officers at every counter, display devices');
    const admin = await login(http, 'admin', ADMIN_PASSWORD);
    const kiosk = await pairDevice(http, admin, 'kiosk', 'Kiosk bench');
    const fields = await widenRanges(http, admin);
    const officers = await officersAtCounters(http, admin, await counters(http, admin));
    const displayTokens: string[] = [];
    for (let i = 0; i < PLAN.displays; i++)
      displayTokens.push(await pairDevice(http, admin, 'display', `TV ${i + 1}`));
    const procedureOf = new Map(fields.flatMap((s) => (s.procedures[0] ? [[s.id, s.procedures[0].id]] : [])));
    const rssAfterSetup = mark('setup');

    const issue = kioskIssuer(http, pid, kiosk, fields);
    let issued = 0;
    const count = <T extends { requests: number; errors: number }>(r: T) => {
      issued += r.requests - r.errors;
      if (r.errors > 0) log(`  ${r.errors} errors, first: ${(r as any).firstError}`);
      return r;
    };
    log(`issuance warm-up: ${PLAN.warmup} with 16 in flight, ${PLAN.warmup / 5} one at a time`);
    count(await issue(16, PLAN.warmup));
    count(await issue(1, PLAN.warmup / 5));
    log(`issuance: ${PLAN.sequential} one at a time`);
    mark('issuance warm-up');
    const sequential = count(await issue(1, PLAN.sequential));
    mark('issuance one at a time');
    log(`issuance: ${PLAN.parallel} with 16 in flight`);
    const parallel = count(await issue(16, PLAN.parallel));
    mark('issuance 16 in flight');

    log(`call-next -> ticket:called, 1 socket, ${PLAN.calls} calls`);
    const one = await connectDisplays(hub.url, displayTokens.slice(0, 1));
    open.push(one);
    const calls1 = await measureCalls({
      http,
      hubPid: pid,
      displays: one,
      officers,
      procedureOf,
      calls: PLAN.calls,
      warmup: 20,
    });
    one.close();
    mark('calls with 1 socket');
    log(`call-next -> ticket:called, ${PLAN.displays} sockets, ${PLAN.calls} calls`);
    const many = await connectDisplays(hub.url, displayTokens);
    open.push(many);
    const callsN = await measureCalls({
      http,
      hubPid: pid,
      displays: many,
      officers,
      procedureOf,
      calls: PLAN.calls,
      warmup: 20,
    });
    const rssWithSockets = mark(`calls with ${PLAN.displays} sockets (connected)`);
    many.close();
    // A memory reading, not a test: give the hub a moment to drop the closed sockets' buffers.
    await new Promise((r) => setTimeout(r, 500));
    mark(`${PLAN.displays} sockets closed`);

    // The number on wall display pages in Chromium: 1 page, then 20.
    const displayPages: DisplayLatency[] = [];
    if (chromiumAvailable()) {
      ensureDisplayBuilt();
      const browser = await launchBrowser();
      try {
        const officer = officers[0]!;
        const counter = (await counters(http, admin)).find((c) => c.id === officer.counterId)!;
        const serviceId = counter.serviceIds[0]!;
        for (const pages of [1, 20]) {
          log(
            `call-next -> number shown on ${pages} display page(s) in Chromium, ${PLAN.displayCalls} calls`,
          );
          displayPages.push(
            await measureDisplayLatency({
              browser,
              url: hub.url,
              http,
              admin,
              kiosk,
              officer,
              serviceId,
              procedureOf,
              pages,
              calls: PLAN.displayCalls,
              warmup: 3,
            }),
          );
        }
      } finally {
        await browser.close();
      }
      mark('display pages in Chromium');
    } else {
      log('no Chromium at /usr/bin/chromium (or LUOT_CHROMIUM): display page latency not measured');
    }

    const topUp = Math.max(0, PLAN.totalTickets - issued);
    log(`bulk issuance: ${topUp} more tickets with 32 in flight, up to ${PLAN.totalTickets} issued`);
    const bulk = count(await issue(32, topUp));
    const rssAfterBulk = mark(`${issued} tickets issued`);
    const db = dbSize(dataDir);

    await hub.stop();
    const results = {
      sqliteFloor: floor,
      ticketRender: renders,
      issuance: { sequential, inFlight16: parallel, bulk32: bulk },
      callLatency: { sockets1: calls1, socketsN: callsN },
      displayPages,
      memory: {
        start: rssStart,
        afterSetup: rssAfterSetup,
        withDisplaySockets: { sockets: PLAN.displays, ...rssWithSockets },
        afterTickets: { ticketsIssued: issued, ...rssAfterBulk },
        db,
        timeline: memoryTimeline,
      },
    };
    const ratios = {
      sequentialVsFloor: round(sequential.ticketsPerSec / floor.commitsPerSec, 2),
      inFlight16VsFloor: round(parallel.ticketsPerSec / floor.commitsPerSec, 2),
      bulk32VsFloor: round(bulk.ticketsPerSec / floor.commitsPerSec, 2),
      sequentialP50VsCommitP50: round(sequential.latencyMs.p50 / floor.commitMs.p50, 1),
      inFlight16P99VsCommitP99: round(parallel.latencyMs.p99 / floor.commitMs.p99, 1),
    };
    const targets = {
      ...TARGETS,
      met: {
        ticketsPerSec16: parallel.ticketsPerSec >= TARGETS.ticketsPerSec16,
        issueP99Ms: parallel.latencyMs.p99 <= TARGETS.issueP99Ms,
        callP99Ms100: callsN.lastSocketMs.p99 <= TARGETS.callP99Ms100,
        rssMB: rssAfterBulk.rssMB <= TARGETS.rssMB,
        renderP50Ms: renders.every((r) => r.mode !== 'raster' || r.ms.p50 <= TARGETS.renderP50Ms),
      },
    };
    const plan = { ...PLAN, quick };
    const saved = saveJson(RESULTS_DIR, meta.date, { meta, plan, results, ratios, targets });

    const rows: Row[] = [
      ['SQLite floor (raw, WAL, synchronous=FULL)', 'commits/s', perSec(floor.commitsPerSec)],
      [
        '',
        'commit p50 / p99 / max',
        `${ms(floor.commitMs.p50)} / ${ms(floor.commitMs.p99)} / ${ms(floor.commitMs.max)}`,
      ],
    ];
    for (const r of renders) {
      const raster = r.mode === 'raster';
      rows.push(
        [
          `ticket render + encode, ${r.paper} mm ${r.mode} (${r.runs})`,
          'p50 / p99',
          `${ms(r.ms.p50)} / ${ms(r.ms.p99)}`,
          raster ? `p50 <= ${TARGETS.renderP50Ms} ms` : '',
          raster ? verdict(r.ms.p50 <= TARGETS.renderP50Ms) : '',
        ],
        ['', 'bytes per ticket', r.bytesPerTicket.toLocaleString('en-US')],
      );
    }
    for (const [name, r] of [
      [`POST /tickets, 1 in flight (${sequential.requests})`, sequential],
      [`POST /tickets, 16 in flight (${parallel.requests})`, parallel],
      [`POST /tickets, 32 in flight (${bulk.requests}, up to ${issued} issued)`, bulk],
    ] as const) {
      const is16 = r === parallel;
      rows.push(
        [
          name,
          'tickets/s',
          perSec(r.ticketsPerSec),
          is16 ? `>= ${perSec(TARGETS.ticketsPerSec16)}` : '',
          is16 ? verdict(targets.met.ticketsPerSec16) : '',
        ],
        ['', 'ratio to SQLite floor', `${round(r.ticketsPerSec / floor.commitsPerSec, 2)}x`],
        [
          '',
          'latency p50 / p99 / max',
          `${ms(r.latencyMs.p50)} / ${ms(r.latencyMs.p99)} / ${ms(r.latencyMs.max)}`,
          is16 ? `p99 <= ${TARGETS.issueP99Ms} ms` : '',
          is16 ? verdict(targets.met.issueP99Ms) : '',
        ],
        ['', 'CPU hub / client (% of a core)', `${r.hubCpuPct}% / ${r.clientCpuPct}%`],
        ['', 'errors', String(r.errors)],
      );
      if (r === bulk)
        rows.push(['', 'first / last tenth', `${perSec(r.firstTenthPerSec)} / ${perSec(r.lastTenthPerSec)}`]);
    }
    for (const r of [calls1, callsN]) {
      const isN = r === callsN;
      rows.push(
        [
          `call-next -> ticket:called, ${r.sockets} socket(s) (${r.calls} calls)`,
          'to first socket p50 / p99',
          `${ms(r.firstSocketMs.p50)} / ${ms(r.firstSocketMs.p99)}`,
        ],
        [
          '',
          'to last socket p50 / p99 / max',
          `${ms(r.lastSocketMs.p50)} / ${ms(r.lastSocketMs.p99)} / ${ms(r.lastSocketMs.max)}`,
          isN ? `p99 <= ${TARGETS.callP99Ms100} ms` : '',
          isN ? verdict(targets.met.callP99Ms100) : '',
        ],
        ['', 'HTTP answer p50 / p99', `${ms(r.httpMs.p50)} / ${ms(r.httpMs.p99)}`],
      );
    }
    for (const d of displayPages) {
      rows.push(
        [
          `call-next -> number on ${d.pages} display page(s), Chromium (${d.calls} calls)`,
          'slowest page p50 / p90 / max',
          `${ms(d.lastPageMs.p50)} / ${ms(d.lastPageMs.p90)} / ${ms(d.lastPageMs.max)}`,
        ],
        ['', 'any page p50 / p90', `${ms(d.anyPageMs.p50)} / ${ms(d.anyPageMs.p90)}`],
      );
    }
    rows.push(
      ['Hub memory', 'RSS at start', mb(rssStart.rssMB)],
      ['', `RSS with ${PLAN.displays} display sockets`, mb(rssWithSockets.rssMB)],
      [
        '',
        `RSS after ${issued.toLocaleString('en-US')} tickets`,
        mb(rssAfterBulk.rssMB),
        `<= ${TARGETS.rssMB} MB`,
        verdict(targets.met.rssMB),
      ],
      ['', 'peak RSS (VmHWM)', mb(rssAfterBulk.hwmMB)],
      ['', 'database file / WAL', `${mb(db.dbMB)} / ${mb(db.walMB)}`],
    );
    process.stdout.write(`\n${table(rows)}\n\n`);
    process.stdout.write(`saved ${saved.file}\n      ${saved.latest}\n`);
    await benchReports({ root, quick, log, saved: [saved.file, saved.latest] });
    await benchCity({ root, quick, log, saved: [saved.file, saved.latest] });
    if (quick) process.stdout.write('(BENCH_QUICK=1: small counts, figures are not comparable)\n');
  } catch (error) {
    if (hub) process.stderr.write(`--- hub output ---\n${hub.output()}\n`);
    throw error;
  } finally {
    for (const d of open) d.close();
    http?.close();
    if (hub) await hub.stop();
    rmSync(root, { recursive: true, force: true });
  }
}

main().then(
  () => process.exit(0),
  (error) => {
    process.stderr.write(`bench failed: ${error instanceof Error ? error.stack : String(error)}\n`);
    process.exit(1);
  },
);
