// `pnpm city`: a city server in the foreground (API.md, "Starting a city server").
import { loadCityConfig } from './config.ts';
import { DEMO_CENTRES, keepDemoLive, seedDemoCity } from './demo.ts';
import { createLogger } from './log.ts';
import { startCity } from './server.ts';

async function main(): Promise<void> {
  const config = loadCityConfig();
  const log = createLogger(config.logLevel);
  const running = await startCity(config, { log });
  let stopDemo = () => {};
  const where = config.databaseUrl ? 'PostgreSQL' : `embedded PostgreSQL (PGlite) in ${config.dataDir}`;
  const shown = config.host === '0.0.0.0' ? '0.0.0.0' : config.host;
  process.stdout.write(`Lượt city server listening on http://${shown}:${running.port} (${where})\n`);
  if (config.demoDays) {
    const sent = await seedDemoCity(running.city, running.url, { days: config.demoDays, now: Date.now() });
    process.stdout.write(
      sent > 0
        ? `  demo: ${DEMO_CENTRES.length} centres reported ${sent.toLocaleString('en-US')} tickets of the last ${config.demoDays} days\n`
        : `  demo: the ${DEMO_CENTRES.length} demo centres reported on an earlier start\n`,
    );
    stopDemo = await keepDemoLive(running.city, running.url);
  }
  if (running.generatedAdminPassword) {
    process.stdout.write(
      `  first start: user "admin", password ${running.generatedAdminPassword} (shown once; change it)\n`,
    );
  }
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, 'stopping');
    stopDemo();
    running.stop().then(
      () => process.exit(0),
      (error) => {
        log.error({ err: error }, 'stop failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  // Started by another program (the demo hub) that holds our stdin: stop when it is gone,
  // even if it was killed without a chance to stop us.
  if (process.env.LUOT_EXIT_WITH_PARENT === '1') {
    process.stdin.on('end', () => stop('parent gone'));
    process.stdin.on('close', () => stop('parent gone'));
    process.stdin.resume();
  }
  process.on('SIGINT', () => stop('SIGINT'));
}

main().catch((error) => {
  process.stderr.write(`luot city: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
