// The OpenAPI document: OpenAPI 3, one operation for every route of API.md and of the command map.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COMMANDS } from '../src/handlers/index.ts';
import { expectOk } from './api-helpers.ts';
import { startTestHub, type TestHub } from './harness.ts';

/** Every route of API.md, plus the additions of commands.ts. */
const API_MD_ROUTES: [string, string][] = [
  ['get', '/api/v1/health'],
  ['post', '/api/v1/auth/login'],
  ['post', '/api/v1/users'],
  ['post', '/api/v1/devices/pairing-codes'],
  ['post', '/api/v1/devices/pair'],
  ['get', '/api/v1/services'],
  ['get', '/api/v1/counters'],
  ['post', '/api/v1/counters/{id}/sign-in'],
  ['post', '/api/v1/counters/{id}/sign-out'],
  ['post', '/api/v1/counters/{id}/pause'],
  ['post', '/api/v1/counters/{id}/resume'],
  ['post', '/api/v1/counters/{id}/call-next'],
  ['post', '/api/v1/tickets'],
  ['get', '/api/v1/tickets/{id}'],
  ['post', '/api/v1/tickets/{id}/recall'],
  ['post', '/api/v1/tickets/{id}/start'],
  ['post', '/api/v1/tickets/{id}/no-show'],
  ['post', '/api/v1/tickets/{id}/finish'],
  ['post', '/api/v1/tickets/{id}/transfer'],
  ['post', '/api/v1/tickets/{id}/cancel'],
  ['post', '/api/v1/tickets/{id}/rating'],
  ['get', '/api/v1/queue'],
  ['get', '/api/v1/stats/day'],
  // The hub's side of the city (API.md, "The city").
  ['post', '/api/v1/city/join'],
  ['get', '/api/v1/city'],
  ['post', '/api/v1/city/sync'],
];
const ADDITIONS: [string, string][] = [
  ['get', '/api/v1/me'],
  ['get', '/api/v1/me/today'],
  ['post', '/api/v1/auth/logout'],
  ['post', '/api/v1/counters/{id}/call'],
  ['post', '/api/v1/tickets/{id}/reinstate'],
  ['get', '/api/v1/devices'],
  ['put', '/api/v1/devices/{id}/printer'],
  ['post', '/api/v1/tickets/{id}/print'],
  ['get', '/api/v1/centre'],
  ['get', '/api/v1/counters/{id}/no-shows'],
  // Administration.
  ['get', '/api/v1/admin/services'],
  ['post', '/api/v1/services'],
  ['put', '/api/v1/services/{id}'],
  ['post', '/api/v1/services/{id}/procedures'],
  ['put', '/api/v1/procedures/{id}'],
  ['get', '/api/v1/admin/counters'],
  ['post', '/api/v1/counters'],
  ['put', '/api/v1/counters/{id}'],
  ['get', '/api/v1/users'],
  ['put', '/api/v1/users/{id}'],
  ['post', '/api/v1/users/{id}/password'],
  ['put', '/api/v1/devices/{id}'],
  ['post', '/api/v1/devices/{id}/revoke'],
  ['put', '/api/v1/centre'],
  ['get', '/api/v1/audit'],
  ['get', '/api/v1/overview'],
  // Reports.
  ['get', '/api/v1/reports'],
  ['get', '/api/v1/reports/export'],
];
/** Routes answered with a file to download instead of JSON, and its content types. */
const FILE_ROUTES: Record<string, string[]> = {
  '/api/v1/reports/export': [
    'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    'text/csv; charset=utf-8',
  ],
};

describe('GET /api/v1/openapi.json', () => {
  let t: TestHub;
  let doc: any;
  beforeAll(async () => {
    t = await startTestHub();
    doc = expectOk(await t.api('GET', '/api/v1/openapi.json'));
  });
  afterAll(() => t.close());

  it('is an OpenAPI 3 document served without a token', () => {
    expect(doc.openapi).toMatch(/^3\.\d+\.\d+$/);
    expect(doc.info).toMatchObject({ title: expect.any(String), version: expect.any(String) });
    expect(doc.components.securitySchemes.bearer).toEqual({ type: 'http', scheme: 'bearer' });
  });

  it.each([...API_MD_ROUTES, ...ADDITIONS])('has %s %s', (method, path) => {
    const op = doc.paths[path]?.[method];
    expect(op, `${method} ${path}`).toBeDefined();
    expect(op.operationId).toEqual(expect.any(String));
    const ok = Object.keys(op.responses).find((code) => code.startsWith('2'));
    const files = FILE_ROUTES[path];
    if (files) {
      expect(Object.keys(op.responses[ok!].content)).toEqual(files);
      for (const type of files) {
        expect(op.responses[ok!].content[type].schema).toEqual({ type: 'string', format: 'binary' });
      }
    } else {
      expect(op.responses[ok!].content['application/json'].schema).toBeTypeOf('object');
    }
    if (path.includes('{id}')) {
      expect(op.parameters).toContainEqual(
        expect.objectContaining({ name: 'id', in: 'path', required: true }),
      );
    }
  });

  it('has exactly one operation per command, and no other', () => {
    const operations = Object.entries(doc.paths).flatMap(([path, ops]) =>
      Object.keys(ops as object).map((method) => `${method.toUpperCase()} ${path}`),
    );
    const commands = Object.values(COMMANDS).map((c) => `${c.method} ${c.path.replace(/:(\w+)/g, '{$1}')}`);
    expect(operations.sort()).toEqual(commands.sort());
    expect(commands).toHaveLength(API_MD_ROUTES.length + ADDITIONS.length);
  });

  it('describes bodies, statuses, the Idempotency-Key header, the date query and security', () => {
    const issue = doc.paths['/api/v1/tickets'].post;
    expect(issue.responses['201']).toBeDefined();
    expect(issue.requestBody.content['application/json'].schema.required).toContain('serviceId');
    expect(issue.parameters).toContainEqual(
      expect.objectContaining({ name: 'Idempotency-Key', in: 'header' }),
    );
    expect(issue.security).toEqual([{ bearer: [] }]);
    // Staff commands take a key too, so a terminal can retry them after a lost answer.
    for (const path of ['/api/v1/tickets/{id}/finish', '/api/v1/counters/{id}/call-next']) {
      expect(doc.paths[path].post.parameters).toContainEqual(
        expect.objectContaining({ name: 'Idempotency-Key', in: 'header' }),
      );
    }
    const stats = doc.paths['/api/v1/stats/day'].get;
    expect(stats.parameters).toContainEqual(
      expect.objectContaining({ name: 'date', in: 'query', required: false }),
    );
    expect(doc.paths['/api/v1/health'].get.security).toEqual([]);
    expect(doc.paths['/api/v1/tickets/{id}'].get.security).toEqual([]);
    expect(doc.paths['/api/v1/users'].post.responses['403']).toBeDefined();
    for (const [method, path] of [
      ['post', '/api/v1/users'],
      ['post', '/api/v1/devices/pairing-codes'],
      ['post', '/api/v1/devices/pair'],
    ]) {
      expect(doc.paths[path!][method!].responses['201'], path).toBeDefined();
    }
  });
});
