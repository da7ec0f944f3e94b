// `pnpm start`: a demo centre hub with known sign-ins, for trying Lượt on one machine.
import { spawn } from 'node:child_process';
import { existsSync, realpathSync, renameSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { describeTicket, type PrinterEmulator, startPrinterEmulator } from '@luot/hardware';
import { loadConfig } from './config.ts';
import { createLogger } from './log.ts';
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
  const running = await startHub(config, { log });
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
