// The city's REST API on fastify: one route per command of CITY_API (@luot/shared), errors in
// the hub's shape, the OpenAPI document generated from the same declarations.
import {
  ApiErrorBody,
  CITY_API,
  type CityCommandName,
  type CityUser,
  type Endpoint,
  LuotError,
  parseOrThrow,
  REPORT_MAX_BYTES,
  Report,
} from '@luot/shared';
import Fastify, {
  type FastifyError,
  type FastifyInstance,
  type FastifyReply,
  type FastifyRequest,
} from 'fastify';
import { z } from 'zod';
import { cityAlerts } from './alerts.ts';
import { catalogueHandlers } from './catalogue/handlers.ts';
import { registerCatalogueParsers } from './catalogue/xlsx.ts';
import { CITY_VERSION, type City, ReportGapError } from './city.ts';
import { dashboardHandlers } from './dashboard/handlers.ts';
import { settingsData } from './db/settings.ts';
import type { Handler, Handlers } from './handler.ts';
import { PUBLIC_CACHE_MS, publicPage } from './public-page.ts';
import { registerCityWeb } from './web.ts';

/** One handler per command of the contract, checked against it by name. */
const HANDLERS: Handlers<CityCommandName> = {
  ...catalogueHandlers,
  ...dashboardHandlers,
  'city:health': () => ({ status: 'ok', version: CITY_VERSION }),
  'city:login': ({ city, body }) => city.login(body.username, body.password),
  'city:centres:create': ({ city, body }) => city.createCentre(body.code, body.name),
  'city:centres': ({ city }) => city.listCentres(),
  'city:enrol': ({ city, body, client }) => city.enrol(body.enrolmentCode, body.publicKey, client),
  'city:report': () => {
    throw new Error('reports are routed by reportRoute (signed raw body)');
  },
  'city:stats': ({ city, query }) => city.stats(query.from, query.to, query.centre ?? null),
  'city:alerts': async ({ city }) => ({
    alerts: await cityAlerts(city.db, city.now(), await settingsData(city.db).get()),
  }),
};

const errorBody = (code: string, message: string): ApiErrorBody => ({ error: { code, message } });
const API_BODY_LIMIT = 64 * 1024;
/** Bodies that may be as large as a report: a whole catalogue of procedures. */
const LARGE_BODY_PATHS = new Set<string>([CITY_API['city:catalogue:import'].path]);

function bearer(header: string | undefined): string | null {
  if (!header) return null;
  return /^Bearer\s+(\S+)$/i.exec(header)?.[1] ?? '';
}

const header = (request: FastifyRequest, name: string): string | undefined => {
  const value = request.headers[name];
  return Array.isArray(value) ? value.join(', ') : value;
};

export function buildCityHttp(city: City): FastifyInstance {
  const app = Fastify({
    logger: false,
    bodyLimit: REPORT_MAX_BYTES,
    requestTimeout: 30_000,
    connectionTimeout: 60_000,
    keepAliveTimeout: 10_000,
    frameworkErrors: (error: FastifyError, _request: unknown, reply: FastifyReply) => {
      reply.header('x-content-type-options', 'nosniff').header('cache-control', 'no-store');
      reply.code(400).send(errorBody('validation_failed', `url: ${error.message}`));
    },
  });

  app.addHook('onSend', async (request, reply, payload) => {
    reply.header('x-content-type-options', 'nosniff');
    if (request.url.startsWith('/api/')) reply.header('cache-control', 'no-store');
    return payload;
  });

  // Bodies arrive as bytes: a report's digest and signature are over the exact bytes sent.
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (request, body, done) => {
    const raw = body as Buffer;
    (request as FastifyRequest & { rawBody?: Buffer }).rawBody = raw;
    if (request.url.split('?')[0] === CITY_API['city:report'].path) return done(null, undefined);
    const limit = LARGE_BODY_PATHS.has(request.url.split('?')[0]!) ? REPORT_MAX_BYTES : API_BODY_LIMIT;
    if (raw.length > limit) {
      return done(new LuotError('validation_failed', `body: larger than ${limit / 1024} KiB`), undefined);
    }
    const text = raw.toString('utf8');
    if (text.trim() === '') return done(null, undefined);
    try {
      done(null, JSON.parse(text));
    } catch {
      done(new LuotError('validation_failed', 'body: not valid JSON'), undefined);
    }
  });

  // A catalogue may also arrive as an XLSX workbook (catalogue/xlsx.ts).
  registerCatalogueParsers(app);

  app.setErrorHandler((error: FastifyError | LuotError, request, reply) => {
    if (error instanceof LuotError) {
      if (error.code === 'too_many_attempts')
        reply.header('retry-after', String(error.retryAfterSeconds ?? 60));
      return reply.code(error.status).send(error.toBody());
    }
    const status = error.statusCode ?? 500;
    if (status === 413) return reply.code(413).send(errorBody('too_large', 'body: larger than 4 MiB'));
    if (status === 415) {
      return reply
        .code(400)
        .send(errorBody('validation_failed', 'body: send JSON (Content-Type: application/json)'));
    }
    if (status < 500) return reply.code(400).send(errorBody('validation_failed', error.message));
    city.log.error({ err: error, url: request.url, method: request.method }, 'request failed');
    return reply
      .code(500)
      .send(errorBody('internal', 'the city server could not do this; it has been logged'));
  });

  app.setNotFoundHandler((request, reply) =>
    reply.code(404).send(errorBody('not_found', `no route ${request.method} ${request.url.split('?')[0]}`)),
  );

  for (const [name, command] of Object.entries(CITY_API) as [CityCommandName, Endpoint][]) {
    if (name === 'city:report') continue;
    app.route({
      method: command.method,
      url: command.path,
      handler: async (request, reply) => {
        const token = bearer(header(request, 'authorization'));
        let user: CityUser | null = null;
        if (command.access !== 'public') {
          user = token ? await city.authenticate(token) : null;
          if (!user) {
            throw new LuotError(
              'unauthorized',
              token
                ? 'the token is not valid or has expired'
                : 'a token is required (Authorization: Bearer <token>)',
            );
          }
          if (!command.access.users?.includes(user.role))
            throw new LuotError('forbidden', 'your role may not do this');
        }
        const params = command.params ? parseOrThrow(command.params, request.params ?? {}, 'path') : {};
        const query = command.query ? parseOrThrow(command.query, request.query ?? {}, 'query') : {};
        const body = command.body
          ? parseOrThrow(command.body, request.body === undefined ? {} : request.body)
          : undefined;
        const handler = HANDLERS[name] as Handler<CityCommandName>;
        const result = await handler({
          city,
          user,
          client: request.ip,
          request,
          reply,
          params,
          query,
          body,
        } as never);
        // A handler may answer itself (a file, a 304): then its reply stands.
        if (reply.sent) return reply;
        return reply.code(command.status ?? 200).send(result);
      },
    });
  }

  // A report: signature first (over the raw bytes), then the body's schema.
  app.post(CITY_API['city:report'].path, async (request, reply) => {
    const raw = (request as FastifyRequest & { rawBody?: Buffer }).rawBody;
    if (!raw) throw new LuotError('validation_failed', 'body: send JSON (Content-Type: application/json)');
    try {
      const answer = await city.report(
        {
          method: request.method,
          path: request.url.split('?')[0]!,
          body: raw,
          headers: {
            'content-digest': header(request, 'content-digest'),
            'signature-input': header(request, 'signature-input'),
            signature: header(request, 'signature'),
          },
        },
        (json) => parseOrThrow(Report, json),
      );
      return reply.code(200).send(answer);
    } catch (error) {
      if (error instanceof ReportGapError) return reply.code(409).send(error.toBody());
      throw error;
    }
  });

  const openapi = cityOpenApi();
  app.get('/api/city/v1/openapi.json', async () => openapi);

  // The public "waiting now" page (public-page.ts): cached, no sign-in, no scripts.
  const waitingNow = publicPage(city.db, city.now);
  app.get('/', async (_request, reply) =>
    reply
      .header('content-type', 'text/html; charset=utf-8')
      .header('cache-control', `public, max-age=${PUBLIC_CACHE_MS / 1000}`)
      .header(
        'content-security-policy',
        "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
      )
      .send(await waitingNow()),
  );
  registerCityWeb(app);
  return app;
}

const schema = (s: z.ZodType, io: 'input' | 'output') =>
  z.toJSONSchema(s, { target: 'openapi-3.0', io, unrepresentable: 'any' }) as Record<string, unknown>;

/** OpenAPI 3 document of the city's API, from CITY_API. */
export function cityOpenApi() {
  const paths: Record<string, Record<string, unknown>> = {};
  const error = {
    description: 'error',
    content: { 'application/json': { schema: schema(ApiErrorBody, 'output') } },
  };
  for (const [name, c] of Object.entries(CITY_API) as [string, Endpoint][]) {
    const parameters: object[] = [];
    if (c.query) {
      for (const [key, value] of Object.entries((c.query as z.ZodObject).shape)) {
        parameters.push({
          name: key,
          in: 'query',
          required: !(value as z.ZodType).safeParse(undefined).success,
          schema: schema(value as z.ZodType, 'input'),
        });
      }
    }
    if (name === 'city:report') {
      for (const h of ['Content-Digest', 'Signature-Input', 'Signature']) {
        parameters.push({ name: h, in: 'header', required: true, schema: { type: 'string' } });
      }
    }
    paths[c.path] ??= {};
    paths[c.path]![c.method.toLowerCase()] = {
      operationId: name,
      summary: c.summary,
      security: c.access === 'public' ? [] : [{ bearer: [] }],
      'x-luot-access': c.access,
      parameters,
      ...(c.body
        ? {
            requestBody: {
              required: true,
              content: { 'application/json': { schema: schema(c.body, 'input') } },
            },
          }
        : {}),
      responses: {
        [String(c.status ?? 200)]: {
          description: c.produces ? 'a file (Content-Disposition: attachment)' : 'ok',
          content: c.produces
            ? Object.fromEntries(
                c.produces.map((type) => [type, { schema: { type: 'string', format: 'binary' } }]),
              )
            : { 'application/json': { schema: schema(c.response, 'output') } },
        },
        '400': error,
        '401': error,
        ...(c.access === 'public' ? {} : { '403': error }),
        ...(name === 'city:report' ? { '409': error, '413': error } : {}),
        ...(name === 'city:enrol' || name === 'city:login' ? { '429': error } : {}),
        ...(c.params ? { '404': error } : {}),
      },
    };
  }
  return {
    openapi: '3.0.3',
    info: {
      title: 'Lượt city API',
      version: CITY_VERSION,
      description: 'The city server (docs/city-protocol.md).',
    },
    components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
    paths,
  };
}
