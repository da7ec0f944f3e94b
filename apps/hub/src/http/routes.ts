// REST v1 on fastify: routes generated from the command map, errors in the API.md shape.
import type { ApiErrorBody } from '@luot/shared';
import { LuotError } from '@luot/shared';
import Fastify, { type FastifyError, type FastifyInstance, type FastifyReply } from 'fastify';
import { COMMANDS } from '../handlers/index.ts';
import { FileReply } from '../handlers/kit.ts';
import { runCommand } from '../handlers/run.ts';
import type { Hub } from '../hub.ts';
import { openApiDocument } from './openapi.ts';
import { registerPages } from './static.ts';

const errorBody = (code: string, message: string): ApiErrorBody => ({ error: { code, message } });

function bearer(header: string | undefined): string | null {
  if (!header) return null;
  const match = /^Bearer\s+(\S+)$/i.exec(header);
  return match?.[1] ?? '';
}

/**
 * How long a connection may take, from HubConfig.requestTimeoutMs (default 30 s): the headers
 * and the whole body must arrive within it (a slowloris that dribbles either, or sends nothing,
 * is closed with 408), an idle keep-alive connection is closed after at most 10 s, and a
 * connection silent for twice the limit while its answer is pending is dropped. Node checks the
 * first two at `checkEvery`. Websockets (socket.io) clear the idle limit when they upgrade, and
 * polling clients send a request at least every 25 s (socket.io's ping), well within 2 × 30 s.
 */
export function requestTimeouts(requestTimeoutMs?: number | null) {
  const limit = requestTimeoutMs && requestTimeoutMs > 0 ? requestTimeoutMs : 30_000;
  return {
    request: limit,
    headers: limit,
    keepAlive: Math.min(10_000, limit),
    idle: 2 * limit,
    checkEvery: Math.max(10, Math.min(1000, Math.floor(limit / 10))),
  };
}

export function buildHttp(hub: Hub): FastifyInstance {
  const timeouts = requestTimeouts(hub.config.requestTimeoutMs);
  const app = Fastify({
    // Errors are logged by the error handler below; per-request lines would drown the log.
    logger: false,
    bodyLimit: 64 * 1024,
    // Slow or stalled clients cannot hold connections (requestTimeouts above).
    http: {
      requestTimeout: timeouts.request,
      headersTimeout: timeouts.headers,
      connectionsCheckingInterval: timeouts.checkEvery,
    },
    requestTimeout: timeouts.request,
    connectionTimeout: timeouts.idle,
    // A kiosk retrying through a flaky LAN reuses sockets; keep them briefly.
    keepAliveTimeout: timeouts.keepAlive,
    // A malformed URL (bad percent-encoding) fails before routing: answer in the API.md shape too.
    frameworkErrors: (error: FastifyError, _request: unknown, reply: FastifyReply) => {
      // Answered before the hooks below run: the same headers as every other answer.
      reply.header('x-content-type-options', 'nosniff').header('cache-control', 'no-store');
      reply.code(400).send(errorBody('validation_failed', `url: ${error.message}`));
    },
  });

  // Every answer is read as the type it says it is; API answers (tokens, tickets, names, errors
  // too) are never stored by a browser or a proxy. Pages set their own caching (static.ts).
  app.addHook('onSend', async (request, reply, payload) => {
    reply.header('x-content-type-options', 'nosniff');
    if (/^\/api(\/|\?|$)/.test(request.url)) reply.header('cache-control', 'no-store');
    return payload;
  });

  // An empty JSON body is an empty command, not an error; bad JSON is a clear 400.
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (_req, body, done) => {
    const text = String(body);
    if (text.trim() === '') return done(null, undefined);
    try {
      done(null, JSON.parse(text));
    } catch {
      done(new LuotError('validation_failed', 'body: not valid JSON'), undefined);
    }
  });

  app.setErrorHandler((error: FastifyError | LuotError, request, reply) => {
    if (error instanceof LuotError) {
      if (error.code === 'too_many_attempts')
        reply.header('retry-after', String(error.retryAfterSeconds ?? 900));
      return reply.code(error.status).send(error.toBody());
    }
    const status = error.statusCode ?? 500;
    if (status === 413) return reply.code(413).send(errorBody('too_large', 'body: larger than 64 KiB'));
    if (status === 415) {
      return reply
        .code(400)
        .send(errorBody('validation_failed', 'body: send JSON (Content-Type: application/json)'));
    }
    if (status < 500) return reply.code(400).send(errorBody('validation_failed', error.message));
    hub.log.error({ err: error, url: request.url, method: request.method }, 'request failed');
    return reply.code(500).send(errorBody('internal', 'the hub could not do this; it has been logged'));
  });

  app.setNotFoundHandler((request, reply) =>
    reply.code(404).send(errorBody('not_found', `no route ${request.method} ${request.url.split('?')[0]}`)),
  );

  for (const command of Object.values(COMMANDS)) {
    app.route({
      method: command.method,
      url: command.path,
      handler: async (request, reply) => {
        const result = await runCommand(hub, command, {
          token: bearer(request.headers.authorization),
          params: request.params,
          body: command.method === 'GET' ? undefined : request.body,
          query: request.query,
          idempotencyKey: request.headers['idempotency-key'],
          client: request.ip,
        });
        if (result instanceof FileReply) {
          return reply
            .code(200)
            .header('content-type', result.contentType)
            .header('content-disposition', result.disposition)
            .send(result.body);
        }
        return reply.code(command.status ?? 200).send(result);
      },
    });
  }

  const openapi = openApiDocument();
  app.get('/api/v1/openapi.json', async () => openapi);
  registerPages(app, hub.config);
  return app;
}
