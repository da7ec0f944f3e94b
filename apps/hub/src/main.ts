// `pnpm hub`: a centre hub in the foreground, configured from the environment.
import { ConfigError, loadConfig } from './config.ts';
import { DatabaseFromFutureError } from './db/database.ts';
import { createLogger } from './log.ts';
import { startHub } from './server.ts';

async function main(): Promise<void> {
  let config: ReturnType<typeof loadConfig>;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`luot hub: ${error.message}\n`);
      process.exit(2);
    }
    throw error;
  }
  const log = createLogger(config.logLevel);
  let running: Awaited<ReturnType<typeof startHub>>;
  try {
    running = await startHub(config, { log });
  } catch (error) {
    if (error instanceof DatabaseFromFutureError) {
      log.fatal({ found: error.found, supported: error.supported }, error.message);
      process.stderr.write(`luot hub: ${error.message}\n`);
      process.exit(3);
    }
    if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') {
      process.stderr.write(
        `luot hub: port ${config.port} on ${config.host} is in use; set LUOT_PORT to another port\n`,
      );
      process.exit(2);
    }
    throw error;
  }

  const stop = (signal: string) => {
    log.info({ signal }, 'stopping');
    running.close().then(
      () => process.exit(0),
      (error) => {
        log.error({ err: error }, 'stop failed');
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', () => stop('SIGTERM'));
  process.once('SIGINT', () => stop('SIGINT'));
  // `kill -USR2 <pid>` logs memory use, for a technician chasing a leak on site.
  process.on('SIGUSR2', () => {
    // With --expose-gc, collect first so the figures show live memory, not garbage.
    (globalThis as { gc?: () => void }).gc?.();
    const m = process.memoryUsage();
    const mb = (n: number) => Math.round(n / 1e5) / 10;
    log.info(
      {
        rssMB: mb(m.rss),
        heapTotalMB: mb(m.heapTotal),
        heapUsedMB: mb(m.heapUsed),
        externalMB: mb(m.external),
        arrayBuffersMB: mb(m.arrayBuffers),
      },
      'memory',
    );
  });
  // Only now: whoever waits for this line may signal us right away.
  log.info(
    {
      dataDir: config.dataDir,
      port: running.port,
      publicUrl: running.hub.publicUrl,
      defaultPrinter: config.defaultPrinter,
    },
    `listening on ${running.url}`,
  );
}

main().catch((error) => {
  process.stderr.write(`luot hub: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
