// Starts a city server: its database (PostgreSQL or PGlite), migrations, the first admin, HTTP.
import type { AddressInfo } from 'node:net';
import { type City, createCity } from './city.ts';
import type { CityConfig } from './config.ts';
import { type CityDatabase, openCityDatabase } from './db/database.ts';
import { migrate } from './db/migrate.ts';
import { buildCityHttp } from './http.ts';
import { createLogger, type Logger } from './log.ts';

export interface RunningCity {
  city: City;
  db: CityDatabase;
  url: string;
  port: number;
  /** The generated admin password, when this start created the admin without one given. */
  generatedAdminPassword: string | null;
  stop(): Promise<void>;
}

export async function startCity(
  config: CityConfig,
  options: { log?: Logger; db?: CityDatabase; now?: () => number } = {},
): Promise<RunningCity> {
  const log = options.log ?? createLogger(config.logLevel);
  const db = options.db ?? (await openCityDatabase({ url: config.databaseUrl, dataDir: config.dataDir }));
  try {
    const applied = await migrate(db);
    if (applied.length > 0) log.info({ applied, store: db.kind }, 'city database migrated');
  } catch (error) {
    await db.close().catch(() => {});
    throw error;
  }
  const city = createCity({ db, config, log, ...(options.now ? { now: options.now } : {}) });
  const generatedAdminPassword = await city.ensureAdmin();
  const app = buildCityHttp(city);
  try {
    await app.listen({ port: config.port, host: config.host });
  } catch (error) {
    await db.close().catch(() => {});
    if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') {
      throw new Error(`port ${config.port} is in use: set LUOT_PORT to another port`);
    }
    throw error;
  }
  const port = (app.server.address() as AddressInfo).port;
  const host = config.host === '0.0.0.0' || config.host === '::' ? '127.0.0.1' : config.host;
  let stopped = false;
  return {
    city,
    db,
    url: `http://${host}:${port}`,
    port,
    generatedAdminPassword,
    async stop() {
      if (stopped) return;
      stopped = true;
      await app.close();
      if (!options.db) await db.close();
    },
  };
}
