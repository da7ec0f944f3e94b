// Starts a whole hub: database, HTTP, realtime, the day-close timer; and stops it cleanly.
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import type { Server } from 'socket.io';
import { CitySync, type CitySyncOptions } from './city/sync.ts';
import { type HubConfig, publicUrlFor } from './config.ts';
import { buildHttp } from './http/routes.ts';
import { Hub, type HubOptions } from './hub.ts';
import { createLogger, type Logger } from './log.ts';
import { attachRealtime } from './realtime/sockets.ts';
import { reportsFor } from './reports/reports-of.ts';

export interface RunningHub {
  hub: Hub;
  app: FastifyInstance;
  io: Server;
  url: string;
  port: number;
  close(): Promise<void>;
}

export async function startHub(
  config: HubConfig,
  options: {
    log?: Logger;
    now?: () => number;
    engine?: HubOptions['engine'];
    auth?: HubOptions['auth'];
    /** The city sync's timings and fetch (tests). */
    city?: CitySyncOptions;
  } = {},
): Promise<RunningHub> {
  const log = options.log ?? createLogger(config.logLevel);
  const hub = await Hub.open({ config, log, now: options.now, engine: options.engine, auth: options.auth });
  const app = buildHttp(hub);
  const io = attachRealtime(hub, app.server);
  await app.listen({ port: config.port, host: config.host });
  const port = (app.server.address() as AddressInfo).port;
  const url = `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${port}`;
  hub.publicUrl = publicUrlFor(config, port);
  // Closes the day at midnight even when nobody acts; keeps the reports' saved days current.
  const timer = setInterval(() => {
    try {
      hub.tick();
    } catch (error) {
      log.error({ err: error }, 'day close failed');
    }
    try {
      hub.citySync?.refresh();
    } catch (error) {
      log.error({ err: error }, 'checking the city link failed');
    }
    try {
      reportsFor(hub).forgetChanged();
    } catch (error) {
      log.error({ err: error }, 'checking report days failed');
    }
  }, 30_000);
  timer.unref();
  // Past days' report figures are read in the background now, not on the first long report.
  reportsFor(hub);
  const citySync = new CitySync(hub, options.city);
  hub.citySync = citySync;
  const joining = joinOnStart(hub, citySync);
  let closing: Promise<void> | null = null;
  return {
    hub,
    app,
    io,
    url,
    port,
    close() {
      closing ??= (async () => {
        clearInterval(timer);
        joining.cancel();
        await citySync.stop();
        io.close();
        await app.close();
        hub.close();
      })();
      return closing;
    },
  };
}

/**
 * LUOT_CITY_URL with LUOT_CITY_ENROLMENT_CODE: joins the city once, in the background, retrying
 * every 30 s while the city does not answer; a refused code is logged and not tried again.
 */
function joinOnStart(hub: RunningHub['hub'], citySync: CitySync): { cancel(): void } {
  const { cityUrl, cityEnrolmentCode } = hub.config;
  let timer: NodeJS.Timeout | null = null;
  let cancelled = false;
  if (!cityUrl || !cityEnrolmentCode || citySync.link()) return { cancel() {} };
  const attempt = () => {
    citySync.join(cityUrl, cityEnrolmentCode).then(
      (city) =>
        hub.log.info({ city: city.url, centre: city.centreCode }, 'joined the city from LUOT_CITY_URL'),
      (error: Error) => {
        const refused = error.message.startsWith('enrolmentCode:');
        hub.log.error(
          { city: cityUrl, error: error.message },
          refused
            ? 'the city refused the enrolment code'
            : 'could not reach the city to join; retrying in 30 s',
        );
        if (!refused && !cancelled) {
          timer = setTimeout(attempt, 30_000);
          timer.unref();
        }
      },
    );
  };
  attempt();
  return {
    cancel() {
      cancelled = true;
      if (timer) clearTimeout(timer);
    },
  };
}
