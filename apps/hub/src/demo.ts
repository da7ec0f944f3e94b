// `pnpm start`: a demo centre hub with known sign-ins, for trying Lượt on one machine.
import { spawn } from 'node:child_process';
import { existsSync, realpathSync, renameSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { describeTicket, type PrinterEmulator, startPrinterEmulator } from '@luot/hardware';
import { loadConfig } from './config.ts';
import { createLogger, type Logger } from './log.ts';
import { startHub } from './server.ts';

const REPO_ROOT = join(import.meta.dirname, '..', '..', '..');
export const DEMO_PASSWORD = 'luot-demo';

/** The demo's printer: the ESC/POS emulator on port 9100, or any free port when 9100 is taken. */
async function startDemoPrinter(outDir: string): Promise<PrinterEmulator> {
  try {
    return await startPrinterEmulator({ port: 9100, outDir });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw error;
    return startPrinterEmulator({ port: 0, outDir });
  }
}

/**
 * The day simulator's command line: the entry `@luot/sim/cli` that sim/package.json declares in
 * its "exports", resolved by package name. The hub does not list @luot/sim as a dependency:
 * sim depends on the hub (`startHub`, `openDatabase`…), and pnpm warns "There are cyclic
 * workspace dependencies" for hub -> sim even as a devDependency. So the name is resolved from
 * inside the sim workspace package itself (a package with "exports" may require its own name),
 * and only the package's folder in the workspace (pnpm-workspace.yaml) is known here, not a file
 * of it.
 */
export function simulatorEntry(): string {
  return createRequire(join(REPO_ROOT, 'sim', 'package.json')).resolve('@luot/sim/cli');
}

/**
 * The city server's command line: the entry `@luot/city/main` that apps/city/package.json
 * exports, resolved from inside that workspace package (the hub does not depend on the city).
 */
export function cityEntry(): string {
  return createRequire(join(REPO_ROOT, 'apps', 'city', 'package.json')).resolve('@luot/city/main');
}

interface DemoCity {
  url: string;
  stop(): void;
}

/**
 * A demo city beside the demo hub (LUOT_DEMO_CITY=0 skips it): `pnpm city` in a child process on
 * LUOT_DEMO_CITY_PORT (default 8090) with its embedded database in the demo data dir, a dozen
 * Cần Thơ centres reporting their last 28 days on its first start, and this hub joined to it.
 * A city that cannot start is reported and the hub goes on without it.
 */
async function startDemoCity(dataDir: string, log: Logger): Promise<DemoCity | null> {
  if (process.env.LUOT_DEMO_CITY === '0') return null;
  const tsx = pathToFileURL(join(REPO_ROOT, 'node_modules', 'tsx', 'dist', 'loader.mjs')).href;
  const demoDays = process.env.LUOT_DEMO_DAYS ?? '28';
  const child = spawn(process.execPath, ['--import', tsx, cityEntry()], {
    env: {
      ...process.env,
      LUOT_DATA_DIR: join(dataDir, 'city'),
      LUOT_PORT: process.env.LUOT_DEMO_CITY_PORT ?? '8090',
      LUOT_HOST: '0.0.0.0',
      LUOT_ADMIN_PASSWORD: DEMO_PASSWORD,
      LUOT_CITY_DEMO: demoDays,
      LUOT_LOG_LEVEL: 'warn',
      LUOT_CITY_DATABASE_URL: '',
      // The city stops when this process is gone, however it ended (its stdin closes).
      LUOT_EXIT_WITH_PARENT: '1',
    },
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const url = await new Promise<string | null>((resolve) => {
    const lines = createInterface({ input: child.stdout! });
    let found: string | null = null;
    lines.on('line', (line) => {
      const m = /listening on http:\/\/[^\s:]+:(\d+)/.exec(line);
      if (m) found = `http://localhost:${m[1]}`;
      if (m && demoDays === '0') resolve(found);
      // With LUOT_CITY_DEMO the city's last line on start says what the demo centres sent.
      if (/^ {2}demo: /.test(line)) {
        process.stdout.write(`\n  Lượt demo city:${line.slice(7)}\n`);
        resolve(found);
      }
    });
    child.once('exit', () => resolve(null));
    setTimeout(() => resolve(found), 120_000).unref();
  });
  if (!url) {
    log.warn(
      'the demo city did not start (is port 8090 taken? LUOT_DEMO_CITY_PORT picks another); the hub runs without it',
    );
    child.kill('SIGTERM');
    return null;
  }
  return { url, stop: () => child.kill('SIGTERM') };
}

/** Joins the demo hub to the demo city once (a code made through the city's own API). */
async function joinDemoCity(
  hub: Awaited<ReturnType<typeof startHub>>['hub'],
  cityUrl: string,
  centreName: string,
): Promise<void> {
  if (!hub.citySync || hub.citySync.link()) return;
  const login = await fetch(`${cityUrl}/api/city/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'admin', password: DEMO_PASSWORD }),
  });
  const { token } = (await login.json()) as { token: string };
  const made = await fetch(`${cityUrl}/api/city/v1/centres`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ code: 'NINHKIEU', name: centreName }),
  });
  const { enrolmentCode } = (await made.json()) as { enrolmentCode: string };
  await hub.citySync.join(cityUrl, enrolmentCode);
}

/**
 * On a fresh demo data dir, the last weeks are filled in first by the day simulator
 * (`pnpm simulate`, docs/simulator.md) so the dashboard has history; LUOT_DEMO_DAYS=0 skips it.
 * The simulator fills a side folder that becomes the database only when it has finished, so
 * an interrupted first start simply fills again next time.
 */
async function fillHistory(dataDir: string, adminPassword: string): Promise<void> {
  const days = process.env.LUOT_DEMO_DAYS ?? '28';
  if (days === '0' || existsSync(join(dataDir, 'luot.sqlite'))) return;
  const fillDir = join(dataDir, 'history-fill');
  rmSync(fillDir, { recursive: true, force: true });
  process.stdout.write(`\n  Lượt demo: first start, filling the last ${days} days with the simulator…\n\n`);
  const tsx = pathToFileURL(join(REPO_ROOT, 'node_modules', 'tsx', 'dist', 'loader.mjs')).href;
  const args = ['--import', tsx, simulatorEntry(), '--days', days, '--data-dir', fillDir];
  args.push('--admin-password', adminPassword, '--officer-password', DEMO_PASSWORD);
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'inherit', 'inherit'] });
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  if (code !== 0) throw new Error(`the simulator stopped with exit code ${code} (pnpm simulate --help)`);
  for (const file of ['luot.sqlite-wal', 'luot.sqlite-shm', 'simulate.log', 'luot.sqlite']) {
    if (existsSync(join(fillDir, file))) renameSync(join(fillDir, file), join(dataDir, file));
  }
  rmSync(fillDir, { recursive: true, force: true });
}

async function main(): Promise<void> {
  const dataDir = join(REPO_ROOT, 'data', 'demo');
  const ticketsDir = join(process.env.LUOT_DATA_DIR ?? dataDir, 'tickets');
  const printer = await startDemoPrinter(ticketsDir);
  const printerUri = `tcp://${printer.host}:${printer.port}`;
  const config = loadConfig({
    LUOT_DATA_DIR: dataDir,
    LUOT_SEED: 'demo',
    LUOT_ADMIN_PASSWORD: DEMO_PASSWORD,
    LUOT_DEFAULT_PRINTER: printerUri,
    ...process.env,
  });
  await fillHistory(config.dataDir, config.adminPassword ?? DEMO_PASSWORD);
  const log = createLogger(config.logLevel);
  const city = await startDemoCity(config.dataDir, log);
  const running = await startHub(config, { log });
  if (city) {
    await joinDemoCity(running.hub, city.url, running.hub.store.centre().name).catch((error: Error) =>
      log.warn({ err: error }, 'the demo hub could not join the demo city'),
    );
  }
  const auth = running.hub.auth;
  printer.on('ticket', (ticket) =>
    log.info({ printer: printerUri }, `demo printer: ${describeTicket(ticket)}`),
  );
  const people: [string, 'director' | 'officer', string][] = [
    ['giamdoc', 'director', 'Giám đốc Trung tâm'],
    ...Array.from({ length: 7 }, (_, i): [string, 'officer', string] => [
      `canbo${i + 1}`,
      'officer',
      `Cán bộ quầy ${i + 1}`,
    ]),
  ];
  for (const [username, role, displayName] of people) {
    if (!running.hub.store.st.userByName.get(username)) {
      await auth.createUser({ username, password: DEMO_PASSWORD, displayName, role }, Date.now());
    }
  }
  const pairing = auth.createPairingCode({ kind: 'kiosk', name: 'Kiosk demo' }, null, Date.now());
  const displayPairing = auth.createPairingCode(
    { kind: 'display', name: 'Màn hình sảnh demo', zone: 'main' },
    null,
    Date.now(),
  );
  const stop = () =>
    running
      .close()
      .then(() => city?.stop())
      .then(() => printer.close())
      .then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  log.info({ dataDir: config.dataDir }, `listening on ${running.url}`);
  const local = running.url.replace('0.0.0.0', 'localhost');
  process.stdout.write(
    [
      '',
      `  Lượt demo hub: ${local}`,
      `  Kiosk: ${local}/kiosk/ (pair it with the code below)  ·  ticket status pages: ${local}/t/<id>`,
      `  Wall display: ${local}/display/?pair=${displayPairing.code}  ·  counter terminal: ${local}/counter/`,
      `  Dashboard and administration: ${local}/admin/`,
      `  API: ${local}/api/v1/health  ·  OpenAPI: ${local}/api/v1/openapi.json`,
      `  Sign in as admin, giamdoc (director) or canbo1..canbo7 (officers), password "${DEMO_PASSWORD}".`,
      `  Kiosk pairing code: ${pairing.code} (one kiosk, valid 15 minutes; \`pnpm luot pairing-code kiosk "…"\` makes more).`,
      `  Printer emulator: ${printerUri} (the default printer) · tickets in ${ticketsDir}`,
      `  Ticket QR codes open ${running.hub.publicUrl}/t/<id>.`,
      ...(city
        ? [
            `  Demo city dashboard: ${city.url}/city/ (sign in as admin, password "${DEMO_PASSWORD}")`,
            `  Where the wait is short, for citizens: ${city.url}/  ·  city API: ${city.url}/api/city/v1/openapi.json`,
          ]
        : []),
      `  Data: ${config.dataDir}  ·  Ctrl+C stops.`,
      '',
    ].join('\n'),
  );
}

/** True when this module is the program (dist/demo.mjs, or `tsx src/demo.ts`), not imported by a test. */
function isProgram(): boolean {
  const script = process.argv[1];
  if (script === undefined || !existsSync(script)) return false;
  return realpathSync(script) === realpathSync(fileURLToPath(import.meta.url));
}

if (isProgram()) {
  main().catch((error) => {
    process.stderr.write(`luot demo: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  });
}
