// REST v1 on fastify: routes generated from the command map, errors in the API.md shape.
import type { ApiErrorBody } from '@luot/shared';
import { LuotError } from '@luot/shared';
import Fastify, { type FastifyError, type FastifyInstance, type FastifyReply } from 'fastify';
import { FileReply } from './command-kit.ts';
import { COMMANDS } from './commands.ts';
import type { Hub } from './hub.ts';
import { openApiDocument } from './openapi.ts';
import { runCommand } from './run-command.ts';
import { registerPages } from './static.ts';

const errorBody = (code: string, message: string): ApiErrorBody => ({ error: { code, message } });

function bearer(header: string | undefined): string | null {
  if (!header) return null;
  const match = /^Bearer\s+(\S+)$/i.exec(header);
  return match?.[1] ?? '';
}

export function buildHttp(hub: Hub): FastifyInstance {
  const app = Fastify({
    // Errors are logged by the error handler below; per-request lines would drown the log.
    logger: false,
    bodyLimit: 64 * 1024,
    // A kiosk retrying through a flaky LAN reuses sockets; keep them briefly.
    keepAliveTimeout: 10_000,
    // A malformed URL (bad percent-encoding) fails before routing: answer in the API.md shape too.
    frameworkErrors: (error: FastifyError, _request: unknown, reply: FastifyReply) => {
      reply.code(400).send(errorBody('validation_failed', `url: ${error.message}`));
    },
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
      if (error.code === 'too_many_attempts') reply.header('retry-after', '900');
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
