// A real hub started in this process on the data dir, with the simulator's clock.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { type Logger, type RunningHub, startHub } from '@luot/hub';
import { pino } from 'pino';

/** Virtual time: moves only forward, and only when the simulator says so. */
export class VirtualClock {
  constructor(private t: number) {}

  readonly now = (): number => this.t;

  set(t: number): void {
    if (t < this.t)
      throw new Error(`the clock cannot go back from ${this.iso()} to ${new Date(t).toISOString()}`);
    this.t = t;
  }

  iso(): string {
    return new Date(this.t).toISOString();
  }
}

/** The hub's log and the simulator's own notes go to `<data dir>/simulate.log` (pino JSON lines). */
export function simulatorLog(dataDir: string, level = 'info'): Logger {
  mkdirSync(dataDir, { recursive: true });
  return pino(
    { level, base: { app: 'luot-sim' }, timestamp: pino.stdTimeFunctions.isoTime },
    pino.destination({ dest: join(dataDir, 'simulate.log'), sync: true }),
  );
}

export interface EmbeddedHub {
  running: RunningHub;
  url: string;
}

export async function startEmbeddedHub(opts: {
  dataDir: string;
  adminPassword: string;
  clock: VirtualClock;
  log: Logger;
}): Promise<EmbeddedHub> {
  const running = await startHub(
    {
      dataDir: opts.dataDir,
      port: 0,
      host: '127.0.0.1',
      // A fresh data dir gets the demo centre (catalog-commune.json), as `pnpm start` does.
      seed: 'demo',
      adminPassword: opts.adminPassword,
      logLevel: opts.log.level,
    },
    { log: opts.log, now: opts.clock.now },
  );
  // Every answer still waits for its commit, but the commit does not wait for the disk: a
  // filled-in history can be made again, and one fsync per command would be most of the run's
  // time. WAL keeps the file consistent; the next start of the hub opens it with FULL again.
  running.hub.db.pragma('synchronous = NORMAL');
  return { running, url: running.url };
}
