// OpenAPI 3 document generated from the same zod schemas that validate requests.
import { ApiErrorBody } from '@luot/shared';
import { z } from 'zod';
import { COMMANDS, type Command } from '../handlers/index.ts';
import { VERSION } from '../hub.ts';

const schema = (s: z.ZodType, io: 'input' | 'output') =>
  z.toJSONSchema(s, { target: 'openapi-3.0', io, unrepresentable: 'any' }) as Record<string, unknown>;

function operation(name: string, c: Command) {
  const parameters: object[] = [];
  if (c.params) {
    for (const key of Object.keys((c.params as z.ZodObject).shape)) {
      parameters.push({ name: key, in: 'path', required: true, schema: { type: 'string' } });
    }
  }
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
  if (c.idempotencyKey) {
    parameters.push({
      name: 'Idempotency-Key',
      in: 'header',
      required: false,
      schema: { type: 'string', minLength: 8, maxLength: 128 },
    });
  }
  const error = {
    description: 'error',
    content: { 'application/json': { schema: schema(ApiErrorBody, 'output') } },
  };
  return {
    operationId: name,
    summary: c.summary,
    security: c.access === 'public' ? [] : [{ bearer: [] }],
    'x-luot-access': c.access,
    parameters,
    ...(c.body && c.method !== 'GET'
      ? {
          requestBody: {
            required: false,
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
      ...(c.access === 'public' ? {} : { '401': error, '403': error }),
      '404': error,
      '409': error,
    },
  };
}

export function openApiDocument() {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const [name, c] of Object.entries(COMMANDS) as [string, Command][]) {
    const path = c.path.replace(/:(\w+)/g, '{$1}');
    paths[path] ??= {};
    paths[path][c.method.toLowerCase()] = operation(name, c);
  }
  return {
    openapi: '3.0.3',
    info: {
      title: 'Lượt hub API',
      version: VERSION,
      description: 'REST v1 of a Lượt centre hub (docs/api.md).',
    },
    components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
    paths,
  };
}
