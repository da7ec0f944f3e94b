// Hostile input, paths and query strings: bad ids in paths, path traversal, unknown routes and
// methods, bad query strings for the day's figures, and generated bad ids, query strings and
// Idempotency-Key headers (fast-check). Each must get a clear 4xx {error:{code,message}}, never a
// 5xx; the last test checks that together they changed nothing.
import { IdempotencyKey, isValidDay } from '@luot/shared';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  expectChangedNothing,
  hostileHub,
  hostileKey,
  hostileString,
  problemCollector,
  problemWith,
  SQL,
} from './hostile-kit.ts';

describe('hostile input: ids, paths and query strings', () => {
  const h = hostileHub();

  it('rejects bad ids in paths, path traversal, unknown routes and methods', async () => {
    const { send, officer, admin, called } = h;
    const { problems, check } = problemCollector();
    // Bad ids in paths.
    const badIds = [
      'x'.repeat(65),
      'x'.repeat(5000),
      '..%2F..%2Fetc%2Fpasswd',
      '%2e%2e',
      '%00',
      '%0d%0aSet-Cookie:%20x',
      encodeURIComponent(SQL),
      encodeURIComponent('😀'),
      encodeURIComponent('\u202ec2'),
      encodeURIComponent('c2\u0301'),
      '%ED%A0%80',
      '%E0%A4%A',
      '%ZZ',
      '%',
      'c2%20',
      '%20c2',
      'c2;drop',
      '__proto__',
      'constructor',
      'hasOwnProperty',
      'nope',
    ];
    for (const id of badIds) {
      for (const [method, path] of [
        ['GET', `/api/v1/tickets/${id}`],
        ['POST', `/api/v1/tickets/${id}/cancel`],
        ['POST', `/api/v1/counters/${id}/sign-in`],
        ['POST', `/api/v1/counters/${id}/call-next`],
      ] as const) {
        await check(`${method} ${path.slice(0, 60)}`, send(method, path, { token: officer }), {
          status: [400, 404],
        });
      }
    }
    await check('path traversal', send('GET', '/api/v1/tickets/../../../etc/passwd', { token: admin }), {
      status: 404,
    });
    await check('unknown route', send('GET', '/api/v1/__proto__', { token: admin }), { status: 404 });
    await check('unknown method', send('DELETE', '/api/v1/tickets', { token: admin }), {
      status: [404, 405],
    });
    await check('PUT', send('PUT', `/api/v1/tickets/${called}`, { token: admin, json: {} }), {
      status: [404, 405],
    });

    expect(problems).toEqual([]);
  });

  it('rejects bad query strings for the day’s figures', async () => {
    const { send, director } = h;
    const { problems, check } = problemCollector();
    // Bad query strings for the day's figures.
    for (const query of [
      'date=2024-13-45',
      'date=2024-02-30',
      'date=',
      'date=today',
      'date=2024-1-1',
      'date=99999-01-01',
      `date=${encodeURIComponent(SQL)}`,
      "date=2024-01-01' OR '1'='1",
      'date=%00',
      `date=${'9'.repeat(5000)}`,
      'date=2024-01-01&date=2024-01-02',
      'date[]=2024-01-01',
      'date[$gt]=2024',
      '__proto__[date]=2024-01-01',
      'constructor[prototype][x]=1',
      'from=2024-01-01',
      'date=2024-01-01&extra=1',
      'date=%ZZ',
      `date=${encodeURIComponent('２０２４-０１-０１')}`,
      'date=2024-01-01%00',
    ]) {
      await check(
        `stats ?${query.slice(0, 40)}`,
        send('GET', `/api/v1/stats/day?${query}`, { token: director }),
        {
          status: 400,
        },
      );
    }

    expect(problems).toEqual([]);
  });

  it('rejects generated bad ids, query strings and idempotency keys', async () => {
    const { send, officer, kiosk, director } = h;
    const junkId = fc
      .oneof(hostileString, fc.string({ minLength: 65, maxLength: 200 }))
      .filter((s) => s.length > 0 && !/^[A-Za-z0-9_-]{1,64}$/.test(s))
      // encodeURIComponent refuses lone surrogates; those are sent as raw bytes elsewhere.
      .filter((s) => {
        try {
          encodeURIComponent(s);
          return true;
        } catch {
          return false;
        }
      });
    const idRoutes = [
      ['GET', (id: string) => `/api/v1/tickets/${id}`],
      ['POST', (id: string) => `/api/v1/tickets/${id}/finish`],
      ['POST', (id: string) => `/api/v1/tickets/${id}/rating`],
      ['POST', (id: string) => `/api/v1/counters/${id}/sign-in`],
      ['POST', (id: string) => `/api/v1/counters/${id}/pause`],
    ] as const;
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...idRoutes), junkId, async ([method, path], id) => {
        const res = await send(method, path(encodeURIComponent(id)), {
          token: officer,
          json: method === 'POST' ? { x: 1 } : undefined,
        });
        expect(problemWith(`${method} id ${JSON.stringify(id)}`, res, { status: [400, 404] })).toBeNull();
      }),
      { numRuns: 80 },
    );

    const junkQuery = fc.oneof(
      // An unknown key always makes the query invalid.
      fc.dictionary(
        hostileKey.filter((k) => k !== 'date'),
        hostileString,
        { minKeys: 1, maxKeys: 3 },
      ),
      fc.record({ date: hostileString.filter((d) => !isValidDay(d)) }),
    );
    await fc.assert(
      fc.asyncProperty(junkQuery, async (query) => {
        const search = new URLSearchParams(query as Record<string, string>).toString();
        const res = await send('GET', `/api/v1/stats/day?${search}`, { token: director });
        expect(problemWith(`stats ?${search.slice(0, 100)}`, res, { status: 400 })).toBeNull();
      }),
      { numRuns: 60 },
    );

    // Header values must be bytes without CR, LF or NUL; the hub sees them trimmed.
    const junkKey = fc
      .oneof(
        fc.string({
          unit: fc.integer({ min: 0x20, max: 0xff }).map((c) => String.fromCharCode(c)),
          maxLength: 140,
        }),
        fc.string({ minLength: 129, maxLength: 300 }),
        fc.string({ maxLength: 7 }),
      )
      .filter((k) =>
        [...k].every((c) => c.charCodeAt(0) >= 0x20 && c.charCodeAt(0) !== 0x7f && c.charCodeAt(0) <= 0xff),
      )
      .filter((k) => !IdempotencyKey.safeParse(k.replace(/^[ \t]+|[ \t]+$/g, '')).success);
    await fc.assert(
      fc.asyncProperty(junkKey, fc.boolean(), async (key, asKiosk) => {
        const res = await send('POST', '/api/v1/tickets', {
          token: asKiosk ? kiosk : officer,
          json: { serviceId: 'hotich' },
          headers: { 'idempotency-key': key },
        });
        expect(
          problemWith(`Idempotency-Key ${JSON.stringify(key)}`, res, {
            status: 400,
            field: 'Idempotency-Key',
          }),
        ).toBeNull();
      }),
      { numRuns: 60 },
    );
  });

  it('changed nothing: same queue, same rows, healthy, and valid requests still work', () =>
    expectChangedNothing(h, 308, 'hostile-paths'));
});
