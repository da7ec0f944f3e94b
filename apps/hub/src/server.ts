// Starts a whole hub: database, HTTP, realtime, the day-close timer; and stops it cleanly.
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import type { Server } from 'socket.io';
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
      reportsFor(hub).forgetChanged();
    } catch (error) {
      log.error({ err: error }, 'checking report days failed');
    }
  }, 30_000);
  timer.unref();
  // Past days' report figures are read in the background now, not on the first long report.
  reportsFor(hub);
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
        io.close();
        await app.close();
        hub.close();
      })();
      return closing;
    },
  };
}
